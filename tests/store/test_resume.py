"""kill -9 in the middle of ``marsad ingest``, then the same command again: every article is
there exactly once, with exactly the events, claims and search entries of an uninterrupted run."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from marsad.store import open_store

from .samples import actor, claim, event, loc, record

TOWNS = ["إدلب", "حلب", "حمص", "درعا", "تعز", "عدن", "صنعاء", "الموصل", "الرمادي", "بنغازي", "سرت", "الرقة"]
TEMPLATES = [
    "قصفت طائرات حربية مدينة {t} أمس ما أسفر عن مقتل {n} مدنيين.",
    "اندلعت اشتباكات عنيفة بين قوات الجيش ومسلحين في {t} يوم الجمعة.",
    "تظاهر مئات المواطنين في {t} احتجاجا على انقطاع الكهرباء.",
    "أعلنت وزارة الداخلية اعتقال خلية إرهابية في {t}.",
    "افتتح الوزير مشروعا جديدا للمياه في {t} بتكلفة {n} ملايين.",
    "انفجرت عبوة ناسفة في سوق {t} وأصيب {n} أشخاص بجروح.",
]


def raw_corpus(path: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            sents = [rng.choice(TEMPLATES).format(t=rng.choice(TOWNS), n=rng.randint(2, 40)) for _ in range(rng.randint(3, 8))]
            doc = {"doc_id": f"gen-{i:05d}", "text": " ".join(sents), "published": f"2015-08-{1 + i % 28:02d}",
                   "title": f"خبر رقم {i}", "source": "generated"}
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def record_corpus(path: Path, n: int) -> tuple[Path, dict[str, int]]:
    """SCHEMA records with two events each (the first with two claims), as `marsad extract` writes them."""
    totals = {"articles": n, "events": 2 * n, "claims": 2 * n}
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            town = TOWNS[i % len(TOWNS)]
            text = (f"قال المرصد إن طائرات قصفت {town} أمس. ونفت الحكومة ذلك في بيان. "
                    f"وتظاهر سكان {town} اليوم رقم {i}. " + "نص إضافي للتوسيع. " * 40)
            evs = [
                event(text, f"طائرات قصفت {town} أمس", eid=f"ev-{i}-a", event_type="Explosions/Remote violence",
                      sub_event_type="Air/drone strike", date="2015-08-01",
                      location=loc(town, f"Town {i % len(TOWNS)}", "SY", "Idlib", 35.0 + i % 50 / 10, 36.0, 1000 + i % len(TOWNS)),
                      actor1=actor("طائرات", "Air force", 1), disputed=True,
                      claims=[claim("المرصد", "Observatory", "monitor_ngo"),
                              claim("الحكومة", "Government", "government", "statement", "denies")]),
                event(text, f"تظاهر سكان {town} اليوم", eid=f"ev-{i}-b", event_type="Protests",
                      sub_event_type="Peaceful protest", date="2015-08-02",
                      location=loc(town, f"Town {i % len(TOWNS)}", "SY", "Idlib", 35.0, 36.0, 1000 + i % len(TOWNS)),
                      actor1=actor("سكان", "Protesters", 6)),
            ]
            fh.write(json.dumps(record(f"rec-{i:05d}", text, evs), ensure_ascii=False) + "\n")
    return path, totals


def ingest_cmd(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "marsad", "ingest", *args, "--db", db, "--no-progress"]


def stored(db: str) -> int:
    if "://" not in db:  # SQLite: a plain read-only count (opening a Store takes ~100 ms, long
        # enough for a fast ingest to finish between two looks and never be killed midway)
        if not os.path.exists(db):
            return 0
        try:
            with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as con:
                return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.OperationalError:  # no table yet
            return 0
    try:
        with open_store(db, create=False) as s:
            return s.execute("SELECT count(*) FROM articles").fetchone()[0]
    except Exception:  # not made yet by the child process
        return 0


def kill_midway(cmd: list[str], db: str, total: int) -> int:
    """Start ``cmd``, SIGKILL it once a part of the corpus is stored; the number stored then."""
    target = random.Random().randint(max(1, total // 5), total // 2)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 300
    try:
        while stored(db) < target:
            if proc.poll() is not None:
                pytest.fail(f"ingest ended (status {proc.returncode}) before it could be killed: {proc.stderr.read()!r}")
            if time.monotonic() > deadline:
                pytest.fail("ingest stored too little in 300 s")
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    n = stored(db)
    assert 0 < n < total, f"killed with {n} of {total} stored: not in the middle"
    return n


def check_integrity(db: str) -> dict[str, int]:
    with open_store(db, create=False) as s:
        counts = s.counts()
        dup = s.execute("SELECT count(*) - count(DISTINCT doc_id) FROM articles").fetchone()[0]
        assert dup == 0
        assert s.execute("SELECT count(*) - count(DISTINCT id) FROM events").fetchone()[0] == 0
        assert s.execute("SELECT count(*) FROM events e LEFT JOIN articles a ON a.doc_id = e.doc_id "
                         "WHERE a.doc_id IS NULL").fetchone()[0] == 0
        assert s.execute("SELECT count(*) FROM claims c LEFT JOIN events e ON e.id = c.event_id "
                         "WHERE e.id IS NULL").fetchone()[0] == 0
        assert (s.execute("SELECT sum(n_events) FROM articles").fetchone()[0] or 0) == counts["events"]
        if s.dialect == "sqlite":
            assert counts["articles_fts"] == counts["articles"]
            assert s.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            s.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        return counts


def all_records(db: str) -> dict[str, Any]:
    with open_store(db, create=False) as s:
        return {r["doc_id"]: r for r in s.iter_records()}


@pytest.mark.slow
def test_kill_9_during_extraction_then_resume(tmp_path: Path, store_url: str) -> None:
    n = 200
    corpus = raw_corpus(tmp_path / "corpus.jsonl", n)
    cmd = ingest_cmd(store_url, str(corpus), "--batch", "10")
    kill_midway(cmd, store_url, n)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert " new," in done.stderr and "unchanged" in done.stderr
    counts = check_integrity(store_url)
    assert counts["articles"] == n
    # exactly what one uninterrupted run stores
    clean = str(tmp_path / "clean.db")
    ok = subprocess.run(ingest_cmd(clean, str(corpus), "--batch", "1000"), capture_output=True, text=True, timeout=600)
    assert ok.returncode == 0, ok.stderr
    clean_counts = check_integrity(clean)
    assert {k: v for k, v in counts.items() if k != "articles_fts"} == {k: v for k, v in clean_counts.items() if k != "articles_fts"}
    assert all_records(store_url) == all_records(clean)
    # and a third run adds nothing
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and f"0 new, 0 replaced, {n} unchanged" in again.stderr
    assert check_integrity(store_url) == counts


@pytest.mark.slow
def test_kill_9_while_storing_records_then_resume(tmp_path: Path, store_url: str) -> None:
    n = 3000
    corpus, totals = record_corpus(tmp_path / "records.jsonl", n)
    cmd = ingest_cmd(store_url, str(corpus), "--records", "--batch", "7")
    kill_midway(cmd, store_url, n)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    counts = check_integrity(store_url)
    for table, expected in totals.items():
        assert counts[table] == expected, table
    assert counts["sources"] == 2 and counts["places"] == 12
    with corpus.open(encoding="utf-8") as fh:
        expected_records = {r["doc_id"]: r for r in map(json.loads, fh)}
    assert all_records(store_url) == expected_records
