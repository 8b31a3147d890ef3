"""Clean: bytes to text, HTML to main text, size and emptiness checks, trailing boilerplate."""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.clean.boilerplate import body_spans, boilerplate_chars
from marsad.clean.decode import check_text, decode
from marsad.clean.html import extract_main_text
from marsad.dates import parse_published
from marsad.model import Document, DocumentError
from marsad.text import kernels
from marsad.text.normalize import NormText

DEFAULT_MAX_BYTES = 10_000_000  # a news article is < 100 kB; 10 MB is a page gone wrong
DEFAULT_MAX_CHARS = 1_000_000  # of extracted text
CODES_MAX_CHARS = DEFAULT_MAX_CHARS  # Decode reads the code points of a text up to this long (longer: Check rejects it)
# white space and invisible format characters (zero-width, bidi marks, BOM): a text of only these is empty
_BLANK = re.compile(r"[\s\u200b-\u200f\u202a-\u202e\u2060\ufeff]*")


@dataclass(frozen=True, slots=True)
class Decode:
    """Undecoded bytes to text (or HTML); over-size inputs are rejected first."""

    max_bytes: int = DEFAULT_MAX_BYTES
    name: str = "decode"

    def __call__(self, doc: Document) -> None:
        if doc.data is not None:
            if len(doc.data) > self.max_bytes:
                raise DocumentError("too_large", f"{len(doc.data):,} bytes is over the limit of {self.max_bytes:,}")
            text, encoding = decode(doc.data, is_html=doc.is_html)
            doc.flags["encoding"] = encoding
            if doc.is_html:
                doc.html = text
            else:
                doc.text = text
            doc.data = None
        elif doc.html is not None:
            if len(doc.html) > self.max_bytes:
                raise DocumentError("too_large", f"{len(doc.html):,} characters of HTML is over the limit of {self.max_bytes:,}")
            check_text(doc.html)
        elif len(doc.text) <= CODES_MAX_CHARS:
            # the code points, read once: the control characters are counted from them, and the
            # text's normalisation made of them is kept for the later stages (Document.norm)
            codes = kernels.code_points(doc.text)
            check_text(doc.text, codes)
            doc.norm = NormText.of(doc.text, codes)
        else:
            check_text(doc.text)


@dataclass(frozen=True, slots=True)
class Html:
    """HTML to its main text (trafilatura); page metadata fills what the input did not give."""

    name: str = "html"

    def __call__(self, doc: Document) -> None:
        if doc.html is None:
            return
        ext = extract_main_text(doc.html)
        doc.text = ext.text
        doc.html = None
        doc.title = doc.title or ext.title
        doc.url = doc.url or ext.url
        if doc.published is None and ext.date:
            doc.published = parse_published(ext.date)


@dataclass(frozen=True, slots=True)
class Check:
    """Reject empty and over-long texts."""

    max_chars: int = DEFAULT_MAX_CHARS
    name: str = "check"

    def __call__(self, doc: Document) -> None:
        if not doc.text or _BLANK.fullmatch(doc.text):
            raise DocumentError("empty", "the document has no text")
        if len(doc.text) > self.max_chars:
            raise DocumentError("too_large", f"{len(doc.text):,} characters is over the limit of {self.max_chars:,}")


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Mark the article body; count what lies outside it. The text's normalisation, which the lines
    are matched in against the patterns, is the decode stage's (made here when there is none of
    this text: a text from HTML), and is kept for the text stage (``Document.norm``)."""

    name: str = "boilerplate"

    def __call__(self, doc: Document) -> None:
        norm = doc.norm
        if norm is None or norm.original is not doc.text or norm.codes is None:
            norm = doc.norm = NormText.of(doc.text, kernels.code_points(doc.text))
        codes = norm.codes
        doc.body = body_spans(doc.text, doc.norm, codes)
        doc.flags["boilerplate_chars"] = boilerplate_chars(doc.text, doc.body)
        if not doc.body:
            raise DocumentError("empty", "the document is all boilerplate")


__all__ = ["Boilerplate", "Check", "Decode", "Html"]
