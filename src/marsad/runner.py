"""Running the pipeline over many documents: one process, or a pool of worker processes.

Records always come back in input order. Workers each build their own pipeline once (nothing is
shared between processes but the raw documents going in and the records coming out).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from marsad.model import RawDocument, Record
from marsad.pipeline import BATCH_SIZE, Pipeline, PipelineConfig, batches


@dataclass(slots=True)
class RunStats:
    documents: int = 0
    events: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def add(self, record: Record, timings: dict[str, float] | None = None) -> None:
        self.documents += 1
        self.events += len(record.events)
        if record.error is not None:
            self.errors += 1
            self.error_kinds[record.error.kind] = self.error_kinds.get(record.error.kind, 0) + 1
        for name, sec in (timings or {}).items():
            self.stage_seconds[name] = self.stage_seconds.get(name, 0.0) + sec


_worker_pipeline: list[Pipeline] = []  # one per worker process, set by the pool initializer
_gc_settled: list[bool] = []  # per process: settle_gc() done


def pause_gc() -> None:
    """Before a process's first batch, when it will call :func:`settle_gc` after it: no collection
    while the models load. Loading them makes millions of long-lived objects, and each full
    collection on the way walks all made so far again (8 of them, 0.65 s of a run's start,
    measured); :func:`settle_gc` collects once at the end."""
    if not _gc_settled:
        gc.disable()


def settle_gc() -> None:
    """Once per process, after the first batch (the models are loaded then): move everything
    alive into the garbage collector's permanent generation and collect less often. The models,
    gazetteers and word caches are hundreds of thousands of long-lived objects that every full
    collection would walk again, while the documents' own objects die young (~10% of the run's
    CPU time, measured on 2,000 articles). Turns the collector back on after :func:`pause_gc`."""
    if _gc_settled:
        return
    _gc_settled.append(True)
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    gc.enable()


def _init_worker(config: PipelineConfig) -> None:
    _worker_pipeline.clear()
    _worker_pipeline.append(Pipeline.default(config))
    pause_gc()  # until the first batch is done (settle_gc in _work)


def _work(batch: list[RawDocument]) -> list[tuple[Record, dict[str, float]]]:
    out = [(doc.to_record(), doc.timings) for doc in _worker_pipeline[0].process_batch(batch)]
    settle_gc()
    return out


def process_stream(
    raws: Iterable[RawDocument], *, workers: int = 1, config: PipelineConfig | None = None,
    batch_size: int = BATCH_SIZE, tune_gc: bool = False,
) -> Iterator[tuple[Record, dict[str, float]]]:
    """(record, stage timings) for every raw document, in input order. Documents go through the
    pipeline in batches of ``batch_size`` (:meth:`Pipeline.process_batch`); a worker takes a
    batch at a time. ``tune_gc``: this process is a run of its own (``marsad extract``), so
    :func:`settle_gc` may change its garbage collector (worker processes always do)."""
    config = config or PipelineConfig()
    if workers <= 1:
        pipe = Pipeline.default(config)
        if tune_gc:
            pause_gc()
        try:
            for i, doc in enumerate(pipe.run(raws, batch_size=batch_size)):
                yield doc.to_record(), doc.timings
                if tune_gc and i == batch_size - 1:  # the first batch is done: before the next one
                    settle_gc()
        finally:
            if tune_gc and not _gc_settled:
                gc.enable()  # a run shorter than a batch (or abandoned): the collector as it was
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(config,)) as pool:
        for done in pool.imap(_work, batches(raws, batch_size)):
            yield from done
