"""HTML page to main text with trafilatura (boilerplate, menus and comments dropped)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from lxml import html as lxml_html
from lxml.etree import ParserError
from trafilatura.settings import set_date_params

from marsad.model import DocumentError


@dataclass(slots=True)
class Extracted:
    text: str
    title: str | None
    date: str | None
    url: str | None


def extract_main_text(html: str) -> Extracted:
    """Main text and metadata of an HTML page; DocumentError('html') when it has none."""
    if not html.strip():
        raise DocumentError("empty", "empty HTML page")
    try:
        doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=True, with_metadata=True,
                                          deduplicate=False, favor_recall=True,
                                          # no guessing from copyright years or free text ("© 2015" is not a date)
                                          date_extraction_params=set_date_params(extensive=False))
    except (ValueError, TypeError, ParserError) as exc:  # trafilatura raises these on hopeless markup
        doc = None
        reason = str(exc)
    else:
        reason = "no main text found"
    if doc is not None and (getattr(doc, "text", None) or "").strip():
        return Extracted(doc.text, getattr(doc, "title", None), getattr(doc, "date", None), getattr(doc, "url", None))
    # A fragment too short for trafilatura's heuristics: take the visible text of the markup.
    try:
        root = lxml_html.fromstring(html)
        for bad in root.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        text = "\n".join(t.strip() for t in root.itertext() if t.strip())
    except (ParserError, ValueError) as exc:
        raise DocumentError("html", f"broken HTML, no text could be extracted: {exc}") from exc
    if not text.strip():
        raise DocumentError("html", f"HTML without text ({reason})")
    title = root.findtext(".//title")
    return Extracted(text, title.strip() if title else None, None, None)
