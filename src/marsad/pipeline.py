"""The pipeline: an ordered list of small stages run over one document at a time.

A stage is any object with a ``name`` and a ``__call__(doc: Document) -> None`` that fills in
its part of the document. A stage signals a bad document by raising
:class:`~marsad.model.DocumentError`; any other exception is caught too and reported as an
``internal`` error of that stage, so one document never stops a run.
"""

from __future__ import annotations

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
    """Stages after the text layer (entities, places, events, claims, ids)."""
    from marsad.events.coder import EventStage
    from marsad.ids import IdStage
    from marsad.places.stage import PlacesStage

    stages: list[Stage] = []
    if config.entities:
        from marsad.entities.ner import EntityStage

        stages.append(EntityStage())
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
    stages: Sequence[Stage] = field(default_factory=lambda: default_stages(PipelineConfig()))

    @classmethod
    def default(cls, config: PipelineConfig | None = None) -> Pipeline:
        return cls(default_stages(config or PipelineConfig()))

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def process(self, raw: RawDocument) -> Document:
        """Run every stage over one document; errors end up in ``Document.error``."""
        doc = new_document(raw)
        if doc.error is not None:
            return doc
        clock = time.perf_counter
        for stage in self.stages:
            t0 = clock()
            try:
                stage(doc)
            except DocumentError as exc:
                doc.error = DocError(exc.kind, exc.message)
            except Exception as exc:
                doc.error = DocError("internal", f"stage {stage.name}: {type(exc).__name__}: {exc}")
            doc.timings[stage.name] = clock() - t0
            if doc.error is not None:
                _drop_analysis(doc)
                break
        return doc

    def run(self, raws: Iterable[RawDocument], on_done: Callable[[Document], None] | None = None) -> Iterator[Document]:
        for raw in raws:
            doc = self.process(raw)
            if on_done:
                on_done(doc)
            yield doc


def _drop_analysis(doc: Document) -> None:
    """A failed document reports its error and no half-made analysis."""
    doc.events.clear()
    doc.event_types.clear()
    doc.entities.clear()
    doc.data = None
    doc.html = None
