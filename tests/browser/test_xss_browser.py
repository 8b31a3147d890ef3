"""An article full of ``<script>`` and ``<img onerror>`` shown by the dashboard: it is displayed
as text, no script from it runs, and the evidence is still highlighted at the right place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from marsad.store import open_store
from store.samples import XSS_EVIDENCE, XSS_IMG, XSS_SCRIPT, sample_records

from .conftest import screenshot, serve


def test_no_script_from_an_article_runs(page: Any, tmp_path: Path) -> None:
    db = str(tmp_path / "xss.db")
    with open_store(db) as s:
        s.upsert_many(sample_records())
    with serve(db) as base:
        page.goto(base + "/")
        page.wait_for_selector("tr[data-id='ev-xss'] a.event-link")
        page.click("tr[data-id='ev-xss'] a.event-link")
        mark = page.locator("mark#evidence")
        mark.wait_for(state="visible")
        assert mark.text_content() == XSS_EVIDENCE  # after an emoji: code point offsets are honoured
        text = page.locator("#article-text").text_content()
        assert XSS_SCRIPT in text and XSS_IMG in text  # shown as text
        assert page.evaluate("() => window.__xss") is None
        assert page.dialogs == []
        assert page.locator("#event-detail img, #events img, #event-detail script, #event-detail b").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0  # the article's javascript: URL is not a link
        assert XSS_SCRIPT in page.locator("#event-detail").text_content()
        screenshot(page, "event-xss.png")
        page.goto(base + "/#/")
        page.wait_for_selector("tr[data-id='ev-xss']")
        page.goto(base + "/#/?q=script")
        page.wait_for_selector("tr[data-id='ev-xss']")
        assert page.evaluate("() => window.__xss") is None
        assert page.dialogs == []
        assert not [e for e in page.errors if "xss" in e.lower()]
