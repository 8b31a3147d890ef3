"""The dashboard in headless Chromium over a store built from the development data: the list,
the map and the timeline load; clicking an event opens its page with the evidence highlighted."""

from __future__ import annotations

import json
import subprocess
import sys
from hashlib import blake2b
from pathlib import Path
from typing import Any

import httpx
import pytest

from marsad.store import open_store

from .conftest import screenshot, serve


def _with_gold_events(db: str, gold_path: Path) -> int:
    """Give the articles that extraction left without events their gold events (evidence located in
    the text), so that the dashboard has events to show whatever the state of the extractors."""
    gold = {g["doc_id"]: g for g in json.loads(gold_path.read_text(encoding="utf-8"))}
    added = 0
    with open_store(db, create=False) as s:
        for rec in list(s.iter_records()):
            if rec["events"] or not gold.get(rec["doc_id"], {}).get("events"):
                continue
            events = []
            for i, ev in enumerate(gold[rec["doc_id"]]["events"]):
                start = rec["text"].find(ev.get("evidence") or "\0")
                if start < 0:
                    continue
                ev = dict(ev, evidence_span=[start, start + len(ev["evidence"])], confidence=1.0, plover="")
                ev["id"] = "gold-" + blake2b(f"{rec['doc_id']}/{i}".encode(), digest_size=8).hexdigest()
                events.append(ev)
            if events:
                rec["events"] = events
                rec["flags"] = dict(rec["flags"], content_hash=f"{rec['flags'].get('content_hash')}+gold")
                s.upsert(rec)
                added += len(events)
    return added


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> str:
    shared = request.getfixturevalue("shared_dir")
    dev = shared / "data" / "dev" / "snn_dev.jsonl"
    if not dev.is_file():
        pytest.skip(f"development data {dev} is absent")
    db = str(tmp_path_factory.mktemp("dev") / "dev.db")
    done = subprocess.run([sys.executable, "-m", "marsad", "ingest", str(dev), "--db", db, "--no-progress"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with open_store(db, create=False) as s:
        placed = s.execute("SELECT count(*) FROM events WHERE lat IS NOT NULL AND ev_start IS NOT NULL").fetchone()[0]
    if placed == 0:
        _with_gold_events(db, shared / "data" / "dev" / "snn_dev_gold.json")
    return db


def _expected_evidence(base: str, event_id: str) -> tuple[str, dict[str, Any]]:
    ev = httpx.get(f"{base}/events/{event_id}", timeout=10).json()
    s, e = ev["evidence_span"]
    return ev["article"]["text"][s:e], ev


def test_click_an_event_and_see_its_evidence(page: Any, dev_store: str) -> None:
    with serve(dev_store) as base:
        page.goto(base + "/")
        page.wait_for_selector("#events tbody a.event-link")
        page.wait_for_selector("#map circle.dot")
        page.wait_for_selector("#timeline rect.bar")
        total = httpx.get(base + "/events", params={"limit": 0}).json()["total"]
        assert page.locator("#list-count").inner_text().startswith(f"{total} event")
        assert page.locator("#map path.country").count() > 150
        screenshot(page, "dashboard-dev.png")

        link = page.locator("#events tbody a.event-link").first
        row_id = page.locator("#events tbody tr").first.get_attribute("data-id")
        link.click()
        mark = page.locator("#article-text mark#evidence")
        mark.wait_for(state="visible")
        expected, ev = _expected_evidence(base, row_id)
        assert page.url.endswith("#/event/" + row_id)
        assert mark.text_content() == expected
        # the mark sits exactly at the span: what precedes it is the text before the span
        before = page.evaluate("() => document.getElementById('evidence').previousSibling?.textContent || ''")
        assert before == ev["article"]["text"][: ev["evidence_span"][0]]
        bg = mark.evaluate("m => getComputedStyle(m).backgroundColor")
        assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
        assert page.locator("#article-text").get_attribute("dir") == "rtl"
        assert page.locator(".claims .claim").count() == len(ev["claims"])
        path = screenshot(page, "event-evidence-dev.png")
        assert path.stat().st_size > 10_000
        print(f"\nscreenshot: {path}")

        # back to the list, filter by text search (Arabic-normalised), open from the map
        page.go_back()
        page.wait_for_selector("#events tbody a.event-link")
        page.locator("#map circle.dot").first.dispatch_event("click")
        page.locator("#article-text mark#evidence").wait_for(state="visible")
        assert not page.errors, page.errors
