"""The Python API: ``marsad.extract(text, published=...)`` and friends."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path

from marsad.ingest import iter_documents
from marsad.model import RawDocument, Record
from marsad.pipeline import Pipeline


@cache
def default_pipeline() -> Pipeline:
    """The default pipeline, built once per process (its resources are read-only)."""
    return Pipeline.default()


def extract(
    text: str | None = None,
    *,
    html: str | None = None,
    published: str | date | None = None,
    doc_id: str = "doc",
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    pipeline: Pipeline | None = None,
) -> Record:
    """Extract one document given as text (or HTML); returns its :class:`~marsad.model.Record`."""
    if (text is None) == (html is None):
        raise TypeError("give exactly one of text= or html=")
    raw = RawDocument(doc_id=doc_id, text=text, html=html, title=title, url=url, source=source,
                      published=published.isoformat() if isinstance(published, date) else published)
    return (pipeline or default_pipeline()).process(raw).to_record()


def extract_files(paths: Iterable[str | Path], pipeline: Pipeline | None = None) -> Iterator[Record]:
    """Records of every document in the given inputs (files, folders, archives), in order."""
    pipe = pipeline or default_pipeline()
    for doc in pipe.run(iter_documents(paths)):
        yield doc.to_record()
