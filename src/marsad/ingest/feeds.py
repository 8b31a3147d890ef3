"""RSS and Atom feed files: each entry is one (HTML) document (feedparser)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import feedparser

from marsad.model import DocError, RawDocument


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        st = entry.get(key)
        if st:
            return time.strftime("%Y-%m-%d", st)
    return None


def iter_feed(data: bytes, doc_prefix: str, origin: str) -> Iterator[RawDocument]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = parsed.get("bozo_exception") or "no entries"
        yield RawDocument(doc_id=doc_prefix, origin=origin, error=DocError("bad_feed", f"{origin}: {reason}"))
        return
    source = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries):
        content = entry.get("content") or []
        html = content[0].get("value") if content else entry.get("summary")
        doc_id = entry.get("id") or entry.get("link") or f"{doc_prefix}#{i}"
        doc = RawDocument(doc_id=str(doc_id), html=html, title=entry.get("title"), published=_date(entry),
                          url=entry.get("link"), source=source, origin=f"{origin}#{i}")
        if not html:
            doc.error = DocError("no_text", f"{origin}: feed entry {i} has no content or summary")
        yield doc
