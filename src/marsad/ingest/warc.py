"""WARC (and ARC) files: each HTML response or resource record is one document (warcio)."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.model import DocError, RawDocument


def iter_warc(data: bytes, doc_prefix: str, origin: str) -> Iterator[RawDocument]:
    n = 0
    records = ArchiveIterator(io.BytesIO(data), arc2warc=True)

    def failure(reason: str) -> RawDocument:
        return RawDocument(doc_id=f"{doc_prefix}#{n + 1}", origin=origin,
                           error=DocError("bad_archive", f"{origin}: WARC record {n + 1} unreadable: {reason}"))

    try:
        for rec in records:
            if rec.rec_type not in ("response", "resource"):
                continue
            if rec.rec_type == "response" and rec.http_headers is not None:
                ctype = rec.http_headers.get_header("Content-Type") or ""
            else:
                ctype = rec.rec_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower() and "text/plain" not in ctype.lower():
                continue
            n += 1
            url = rec.rec_headers.get_header("WARC-Target-URI")
            rec_id = rec.rec_headers.get_header("WARC-Record-ID") or f"{doc_prefix}#{n}"
            date = (rec.rec_headers.get_header("WARC-Date") or "")[:10] or None
            body = rec.content_stream().read()
            yield RawDocument(doc_id=url or rec_id.strip("<>"), data=body, is_html="html" in ctype.lower(),
                              url=url, published=date, origin=f"{origin}#{n}")
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        yield failure(str(exc))
        return
    except Exception as exc:  # warcio fails in other ways on damaged input (AttributeError on a cut header, ...)
        yield failure(f"{type(exc).__name__}: {exc}")
        return
    # a cut-off gzip member or header ends the iteration silently: bytes are left over
    if data[records.offset:].strip():
        yield failure(f"truncated or damaged after byte {records.offset:,} of {len(data):,}")
