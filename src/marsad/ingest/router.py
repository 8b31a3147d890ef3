"""Route each input to the reader for its kind (by name, then by sniffing the first bytes)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.ingest import feeds, files, records, warc
from marsad.model import DocError, RawDocument

_JSONL = (".jsonl", ".ndjson")
_HTML = (".html", ".htm", ".xhtml")
_TEXT = (".txt", ".text")
_WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")
_FEED = (".rss", ".atom", ".xml")


def kind_of(name: str, head: bytes = b"") -> str | None:
    """The reader for a file called ``name`` whose first bytes are ``head``."""
    low = name.lower()
    for kind, exts in (("jsonl", _JSONL), ("html", _HTML), ("text", _TEXT), ("warc", _WARC), ("feed", _FEED)):
        if low.endswith(exts):
            return kind
    if low.endswith(".json"):
        return "json"
    if low.endswith(".zip"):
        return "zip"
    return sniff(head) if head else None


def sniff(head: bytes) -> str | None:
    start = head.lstrip()[:512].lower()
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"<?xml") and (b"<rss" in start or b"<feed" in start):
        return "feed"
    if start.startswith((b"<rss", b"<feed")):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def iter_documents(paths: Iterable[str | Path]) -> Iterator[RawDocument]:
    """All documents of all inputs, in the order given (folders sorted by name)."""
    for p in paths:
        yield from iter_path(Path(p))


def iter_path(path: Path) -> Iterator[RawDocument]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not child.name.startswith("."):
                yield from _iter_file(child, doc_prefix=str(child.relative_to(path)))
        return
    yield from _iter_file(path, doc_prefix=path.name)


def _iter_file(path: Path, doc_prefix: str) -> Iterator[RawDocument]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield RawDocument(doc_id=doc_prefix, origin=str(path), error=DocError("unreadable", f"cannot read {path}: {exc}"))
        return
    yield from iter_bytes(data, name=path.name, doc_prefix=doc_prefix, origin=str(path))


def iter_bytes(data: bytes, name: str, doc_prefix: str, origin: str) -> Iterator[RawDocument]:
    """Documents of one file's bytes (used for files on disk and archive members alike)."""
    kind = kind_of(name, data[:1024])
    if kind == "zip":
        yield from _iter_zip(data, doc_prefix, origin)
    elif kind == "jsonl":
        yield from records.iter_jsonl(data, doc_prefix, origin)
    elif kind == "json":
        yield from records.iter_json(data, doc_prefix, origin)
    elif kind == "warc":
        yield from warc.iter_warc(data, doc_prefix, origin)
    elif kind == "feed":
        yield from feeds.iter_feed(data, doc_prefix, origin)
    elif kind == "html":
        yield files.from_file_bytes(data, doc_prefix, origin, is_html=True)
    elif kind == "text":
        yield files.from_file_bytes(data, doc_prefix, origin, is_html=False)
    else:
        yield RawDocument(doc_id=doc_prefix, origin=origin,
                          error=DocError("unsupported", f"{origin}: not a known input kind (by name or content)"))


def _iter_zip(data: bytes, doc_prefix: str, origin: str) -> Iterator[RawDocument]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in zf.infolist() if not m.is_dir() and not Path(m.filename).name.startswith(".")]
    except (zipfile.BadZipFile, OSError) as exc:
        yield RawDocument(doc_id=doc_prefix, origin=origin, error=DocError("bad_archive", f"{origin}: {exc}"))
        return
    with zf:
        for m in sorted(members, key=lambda m: m.filename):
            member_origin = f"{origin}:{m.filename}"
            # documents inside a zip are named after the member, so ids do not depend on the zip's name
            member_prefix = m.filename
            try:
                member = zf.read(m)
            except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
                yield RawDocument(doc_id=member_prefix, origin=member_origin,
                                  error=DocError("bad_archive", f"{member_origin}: {exc}"))
                continue
            yield from iter_bytes(member, name=m.filename, doc_prefix=member_prefix, origin=member_origin)
