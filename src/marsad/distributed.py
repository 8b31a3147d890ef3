"""Running the pipeline on a Dask distributed cluster (``marsad extract --dask ADDRESS|local``).

The input is read where ``marsad extract`` runs and cut into partitions of ``partition_size``
raw documents (a SaudiNewsNet daily zip is 1,300-3,200 documents, so a zip spans a few
partitions). Each partition is one task (:func:`process_partition`) on the cluster; every worker
process builds its pipeline once per configuration and keeps it. At most ``max_in_flight``
partitions are out at a time, so memory stays bounded however long the input is, and results come
back in input order: the records are the same, in the same order, as those of
``marsad extract`` on one process (``tests/scale/test_dask.py`` checks this).

``address`` is a scheduler address (``tcp://host:8786``) or ``"local"``: a
:class:`distributed.LocalCluster` of one single-threaded worker process per core (the pipeline
is pure Python: threads would share one interpreter lock), started and closed by the run.
Needs the ``dask`` extra (``pip install 'marsad[dask]'``).
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from marsad.model import RawDocument, Record
from marsad.pipeline import Pipeline, PipelineConfig
from marsad.runner import pause_gc, settle_gc

PARTITION_SIZE = 256
_pipelines: dict[PipelineConfig, Pipeline] = {}  # per worker process, built on first use
# a worker with several threads runs one partition at a time: its pipeline is built once, the
# collector is settled once, and the pipeline runs one batch at a time anyway (Pipeline's lock)
_lock = threading.Lock()


def _pipeline(config: PipelineConfig) -> Pipeline:
    pipe = _pipelines.get(config)
    if pipe is None:
        pipe = _pipelines[config] = Pipeline.default(config)
    return pipe


def process_partition(raws: list[RawDocument], config: PipelineConfig) -> list[tuple[Record, dict[str, float]]]:
    """The task run on a worker: (record, stage timings) of each raw document of one partition."""
    with _lock:
        pipe = _pipeline(config)
        pause_gc()  # the first partition loads the models (no-op once settled)
        out = [(doc.to_record(), doc.timings) for doc in pipe.run(raws)]
        settle_gc()
    return out


def partitions(raws: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    it = iter(raws)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def connect(address: str, n_workers: int | None = None) -> tuple[Any, Any]:
    """``(client, cluster)``: a client of the scheduler at ``address``, or of a new LocalCluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise SystemExit("marsad: --dask needs dask.distributed: pip install 'marsad[dask]'") from exc
    if address == "local":
        cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    return Client(address), None


def process_dask(
    raws: Iterable[RawDocument], address: str, *, config: PipelineConfig | None = None,
    partition_size: int = PARTITION_SIZE, max_in_flight: int | None = None, client: Any = None,
    n_workers: int | None = None,
) -> Iterator[tuple[Record, dict[str, float]]]:
    """(record, stage timings) for every raw document, in input order, computed on a Dask cluster.

    Pass ``client`` to use an existing :class:`distributed.Client` (``address`` is then ignored).
    """
    config = config or PipelineConfig()
    own_client, cluster = (None, None) if client is not None else connect(address, n_workers)
    client = client or own_client
    try:
        if max_in_flight is None:
            threads = sum(client.nthreads().values()) or 1
            max_in_flight = 2 * threads + 1
        pending: deque[Any] = deque()
        for chunk in partitions(raws, partition_size):
            pending.append(client.submit(process_partition, chunk, config, pure=False))
            while len(pending) >= max_in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["PARTITION_SIZE", "connect", "partitions", "process_dask", "process_partition"]
