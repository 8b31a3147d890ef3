"""A single .txt or .html file is one document (its bytes are decoded later, in the pipeline)."""

from __future__ import annotations

from marsad.model import RawDocument


def from_file_bytes(data: bytes, doc_id: str, origin: str, *, is_html: bool) -> RawDocument:
    return RawDocument(doc_id=doc_id, data=data, is_html=is_html, origin=origin)
