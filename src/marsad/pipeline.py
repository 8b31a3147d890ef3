"""The pipeline: an ordered list of small stages run over documents.

A stage is any object with a ``name`` and a ``__call__(doc: Document) -> None`` that fills in
its part of the document. A stage signals a bad document by raising
:class:`~marsad.model.DocumentError`; any other exception is caught too and reported as an
``internal`` error of that stage, so one document never stops a run.

A stage may also have ``pipe(docs: list[Document]) -> None``, which does the same for several
documents at once (as spaCy's components do): the entity tagger decodes the sentences of a
whole batch together, which costs about what one document costs. :meth:`Pipeline.process_batch`
runs such stages on the batch's good documents; if ``pipe`` raises, the stage is run again one
document at a time, so an error stays with its document.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from marsad import clean
from marsad.dates import parse_published
from marsad.language import LanguageStage
from marsad.model import DocError, Document, DocumentError, RawDocument
from marsad.text.stage import TextStage


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> None: ...


BATCH_SIZE = 32  # documents per batch: the tagger's gain flattens out beyond


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    max_bytes: int = clean.DEFAULT_MAX_BYTES
    max_chars: int = clean.DEFAULT_MAX_CHARS
    # stop after this stage (e.g. "text" for the ingest -> tokens reference pass)
    until: str | None = None
    entities: bool = True


def default_stages(config: PipelineConfig) -> list[Stage]:
    stages: list[Stage] = [
        clean.Decode(config.max_bytes),
        clean.Html(),
        clean.Check(config.max_chars),
        clean.Boilerplate(),
        LanguageStage(),
        TextStage(),
    ]
    stages.extend(_analysis_stages(config))
    if config.until:
        names = [s.name for s in stages]
        if config.until not in names:
            raise ValueError(f"unknown stage {config.until!r}; stages are {', '.join(names)}")
        stages = stages[: names.index(config.until) + 1]
    return stages


def _analysis_stages(config: PipelineConfig) -> list[Stage]:
    """Stages after the text layer (entities, triggers, places, events and their claims, ids)."""
    from marsad.events.coder import EventStage
    from marsad.events.triggers import TriggerStage
    from marsad.ids import IdStage
    from marsad.places.stage import PlacesStage

    stages: list[Stage] = []
    if config.entities:
        from marsad.entities.ner import EntityStage

        stages.append(EntityStage())
    stages.append(TriggerStage())
    stages.append(PlacesStage())
    stages.append(EventStage())
    stages.append(IdStage())
    return stages


def new_document(raw: RawDocument) -> Document:
    doc = Document(doc_id=raw.doc_id, text=raw.text or "", html=raw.html, data=raw.data, is_html=raw.is_html,
                   title=raw.title, url=raw.url, source=raw.source, origin=raw.origin, error=raw.error)
    if raw.published:
        doc.published = parse_published(raw.published)
        if doc.published is None:
            doc.flags["published_unreadable"] = raw.published
    return doc


@dataclass
class Pipeline:
    """The stages, run in order over batches of documents. A pipeline runs one batch at a time:
    its stages keep caches (the tagger's word tables, the lexicon scans' scratch, compiled loops
    that run without the interpreter lock) that are not made for concurrent use, so threads that
    share one (the REST API's, a Python program's) take turns."""

    stages: Sequence[Stage] = field(default_factory=lambda: default_stages(PipelineConfig()))
    _lock: threading.RLock = field(default_factory=threading.RLock, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        return {"stages": self.stages}  # a lock is not pickled: the copy makes its own

    def __setstate__(self, state: dict[str, object]) -> None:
        self.stages = state["stages"]  # type: ignore[assignment]
        self._lock = threading.RLock()

    @classmethod
    def default(cls, config: PipelineConfig | None = None) -> Pipeline:
        return cls(default_stages(config or PipelineConfig()))

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def process(self, raw: RawDocument) -> Document:
        """Run every stage over one document; errors end up in ``Document.error``."""
        return self.process_batch([raw])[0]

    def process_batch(self, raws: Sequence[RawDocument]) -> list[Document]:
        """Run every stage over each document of a batch; each document's errors end up in its
        ``Document.error``, and the others go on. Stages with ``pipe`` see the batch at once."""
        with self._lock:
            return self._process_batch(raws)

    def _process_batch(self, raws: Sequence[RawDocument]) -> list[Document]:
        docs = [new_document(raw) for raw in raws]
        live = [d for d in docs if d.error is None]
        clock = time.perf_counter
        for stage in self.stages:
            if not live:
                break
            pipe = getattr(stage, "pipe", None)
            if pipe is not None and len(live) > 1:
                t0 = clock()
                try:
                    pipe(live)
                except Exception:
                    pass  # the batch failed: run it one document at a time, so the error is that document's
                else:
                    share = (clock() - t0) / len(live)
                    for doc in live:
                        doc.timings[stage.name] = share
                    continue
            for doc in live:
                _run_stage(stage, doc)
            live = [d for d in live if d.error is None]
        return docs

    def run(self, raws: Iterable[RawDocument], on_done: Callable[[Document], None] | None = None,
            batch_size: int = BATCH_SIZE) -> Iterator[Document]:
        for batch in batches(raws, batch_size):
            for doc in self.process_batch(batch):
                if on_done:
                    on_done(doc)
                yield doc


def batches(items: Iterable[RawDocument], size: int = BATCH_SIZE) -> Iterator[list[RawDocument]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    it = iter(items)
    while chunk := list(itertools.islice(it, max(1, size))):
        yield chunk


def _run_stage(stage: Stage, doc: Document) -> None:
    t0 = time.perf_counter()
    try:
        stage(doc)
    except DocumentError as exc:
        doc.error = DocError(exc.kind, exc.message)
    except Exception as exc:
        doc.error = DocError("internal", f"stage {stage.name}: {type(exc).__name__}: {exc}")
    doc.timings[stage.name] = time.perf_counter() - t0
    if doc.error is not None:
        _drop_analysis(doc)


def _drop_analysis(doc: Document) -> None:
    """A failed document reports its error and no half-made analysis."""
    doc.events.clear()
    doc.event_types.clear()
    doc.entities.clear()
    doc.data = None
    doc.html = None
