"""Fixtures of the scale tests: the shared test texts in several input kinds, plus variants.

Written for these tests (nothing from ../shared).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad_testdata import (
    AR_FLOOD,
    AR_PROTEST,
    AR_SHELLING,
    EN_TEXT,
    FR_TEXT,
    SNN_ARTICLES,
    html_page,
    zip_bytes,
)

PLACES = ["الحديدة", "تعز", "عدن", "صنعاء", "مأرب", "حلب", "إدلب", "درعا", "الموصل", "سرت"]
DAYS = [f"2015-08-0{d}" for d in range(1, 10)]


def variants(n: int) -> list[dict]:
    """``n`` JSONL records: the test texts with other places and dates, an empty one, an HTML one."""
    out = []
    bases = [AR_SHELLING, AR_PROTEST, AR_FLOOD, EN_TEXT, FR_TEXT]
    for i in range(n):
        base = bases[i % len(bases)]
        text = base.replace("الحديدة", PLACES[i % len(PLACES)]).replace("الخرطوم", PLACES[(i + 3) % len(PLACES)])
        rec = {"doc_id": f"v-{i:03d}", "published": DAYS[i % len(DAYS)], "text": text, "source": f"paper-{i % 4}"}
        if i % 17 == 5:
            rec = {"doc_id": f"v-{i:03d}", "text": "   "}  # an empty document: an error record
        if i % 13 == 7:
            rec = {"doc_id": f"v-{i:03d}", "published": DAYS[i % len(DAYS)], "html": html_page("utf-8")}
        out.append(rec)
    return out


def write_corpus(root: Path, n: int = 60) -> list[Path]:
    """A JSONL file of ``n`` variants, a SaudiNewsNet-style zip and a .txt: inputs for ``marsad extract``."""
    root.mkdir(parents=True, exist_ok=True)
    jsonl = root / "variants.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in variants(n)) + "\n", encoding="utf-8")
    snn = root / "2015-08-09.zip"
    snn.write_bytes(zip_bytes({"2015-08-09.json": json.dumps(SNN_ARTICLES, ensure_ascii=False).encode("utf-8")}))
    txt = root / "note.txt"
    txt.write_text(AR_SHELLING, encoding="utf-8")
    return [jsonl, snn, txt]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("scale"))


@pytest.fixture(scope="session")
def single_records(corpus: list[Path]) -> list[dict]:
    """The records of one process (no syndication marking): what every other way must give."""
    from marsad.ingest import iter_documents
    from marsad.runner import process_stream

    return [r.to_dict() for r, _t in process_stream(iter_documents(corpus), workers=1)]
