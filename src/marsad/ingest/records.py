"""JSON Lines (one document per line) and JSON lists of article objects (SaudiNewsNet)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from marsad.model import DocError, RawDocument

# Field names accepted for each RawDocument field, first present wins.
_TEXT_KEYS = ("text", "content", "body")
_DATE_KEYS = ("published", "date", "date_published", "date_extracted")
_ID_KEYS = ("doc_id", "id")


def _str_or_none(v: Any) -> str | None:
    return None if v is None else str(v)


def from_object(obj: Any, fallback_id: str, origin: str) -> RawDocument:
    """A RawDocument from one JSON object (errors are reported in the document)."""
    if not isinstance(obj, dict):
        return RawDocument(doc_id=fallback_id, origin=origin,
                           error=DocError("bad_record", f"{origin}: expected a JSON object, got {type(obj).__name__}"))
    # (plain loops: a generator expression per field costs more than the rest of the function)
    get = obj.get
    doc_id = fallback_id
    for k in _ID_KEYS:
        v = get(k)
        if v not in (None, ""):
            doc_id = str(v)
            break
    text = None
    for k in _TEXT_KEYS:
        v = get(k)
        if isinstance(v, str):
            text = v
            break
    html = get("html")
    if not isinstance(html, str):
        html = None
    published = None
    for k in _DATE_KEYS:
        v = get(k)
        if v:
            published = str(v)
            break
    doc = RawDocument(doc_id=doc_id, text=text, html=html if text is None else None, title=_str_or_none(obj.get("title")),
                      published=published, url=_str_or_none(obj.get("url")), source=_str_or_none(obj.get("source")),
                      origin=origin)
    if text is None and html is None:
        doc.error = DocError("no_text", f"{origin}: the record has neither 'text' nor 'html'")
    return doc


def iter_jsonl(data: bytes, doc_prefix: str, origin: str) -> Iterator[RawDocument]:
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        fallback = f"{doc_prefix}:{n}"
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:  # RecursionError: absurd nesting
            yield RawDocument(doc_id=fallback, origin=where, error=DocError("bad_json", f"{where}: {exc}"))
            continue
        yield from_object(obj, fallback, where)


def iter_json(data: bytes, doc_prefix: str, origin: str) -> Iterator[RawDocument]:
    """A JSON list of article objects (one object alone is one document)."""
    try:
        whole = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:  # RecursionError: absurd nesting
        yield RawDocument(doc_id=doc_prefix, origin=origin, error=DocError("bad_json", f"{origin}: {exc}"))
        return
    items = whole if isinstance(whole, list) else [whole]
    stem = PurePath(doc_prefix).stem
    for i, obj in enumerate(items):
        yield from_object(obj, f"{stem}-{i:05d}", f"{origin}[{i}]")
