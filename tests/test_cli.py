"""End to end: ``python -m marsad extract`` on a folder that mixes every input format."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from marsad_testdata import (
    AR_FLOOD,
    AR_PROTEST,
    AR_SHELLING,
    ATOM_ENTRIES,
    HTML_PARAGRAPHS,
    PNG_BYTES,
    REPO,
    RSS_ITEMS,
    SNN_ARTICLES,
    WARC_PAGES,
    atom_feed,
    html_page,
    jsonl_records,
    rss_feed,
    run_marsad,
    warc_bytes,
    zip_bytes,
)

SUMMARY = re.compile(r"^marsad: (\d+) documents, (\d+) events, (\d+) errors(?: \(([^)]*)\))?, (\d+(?:\.\d+)?) s$")
SCHEMA_KEYS = {"doc_id", "language", "published", "title", "url", "text", "events", "event_types", "entities", "flags",
               "error"}
run_cli = run_marsad
records = jsonl_records


def summary(stderr: str) -> tuple[int, int, int, str, float]:
    last = stderr.strip().splitlines()[-1]
    m = SUMMARY.match(last)
    assert m, f"no summary line in stderr: {stderr!r}"
    return int(m[1]), int(m[2]), int(m[3]), m[4] or "", float(m[5])


def make_mixed_folder(root: Path) -> tuple[Path, list[str]]:
    """A folder with .txt, .jsonl, .html, .zip, SaudiNewsNet zip, WARC, RSS and Atom; the expected doc ids."""
    d = root / "mixed"
    d.mkdir()
    (d / "01_news.txt").write_text(AR_SHELLING, encoding="utf-8")
    (d / "02_records.jsonl").write_text(
        "\n".join(json.dumps({"doc_id": i, "text": t, "published": "2015-08-10"}, ensure_ascii=False)
                  for i, t in [("rec-1", AR_PROTEST), ("rec-2", AR_FLOOD)]) + "\n", encoding="utf-8")
    (d / "03_page.html").write_bytes(html_page("windows-1256").encode("cp1256"))
    (d / "04_archive.zip").write_bytes(zip_bytes({"inner/b.txt": AR_FLOOD.encode("cp1256"),
                                                  "inner/a.html": html_page("utf-8").encode("utf-8")}))
    (d / "05_2015-08-09.zip").write_bytes(zip_bytes({"2015-08-09.json": json.dumps(SNN_ARTICLES, ensure_ascii=False)
                                                     .encode("utf-8")}))
    (d / "06_crawl.warc.gz").write_bytes(warc_bytes())
    (d / "07_feed.rss").write_text(rss_feed(), encoding="utf-8")
    sub = d / "08_more"
    sub.mkdir()
    (sub / "feed.atom").write_text(atom_feed(), encoding="utf-8")
    expected = [
        "01_news.txt", "rec-1", "rec-2", "03_page.html", "inner/a.html", "inner/b.txt",
        *[f"2015-08-09-{i:05d}" for i in range(len(SNN_ARTICLES))],
        *[url for url, _, _ in WARC_PAGES],
        *[gid for gid, *_ in RSS_ITEMS],
        *[eid for eid, *_ in ATOM_ENTRIES],
    ]
    return d, expected


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return make_mixed_folder(tmp_path_factory.mktemp("cli"))


@pytest.fixture(scope="module")
def mixed_run(mixed, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
    folder, _ = mixed
    out = tmp_path_factory.mktemp("out") / "out.jsonl"
    proc = run_cli("extract", folder, "-o", out)
    return proc, records(out.read_text(encoding="utf-8"))


def test_one_record_per_document_in_input_order(mixed, mixed_run) -> None:
    _, expected = mixed
    proc, recs = mixed_run
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert [r["doc_id"] for r in recs] == expected
    for r in recs:
        assert set(r) >= SCHEMA_KEYS
        assert r["error"] is None
        assert r["language"] == "ar"
        assert r["text"]


def test_records_carry_the_right_text_and_metadata(mixed_run) -> None:
    _, recs = mixed_run
    by_id = {r["doc_id"]: r for r in recs}
    assert by_id["01_news.txt"]["text"] == AR_SHELLING
    assert by_id["rec-1"]["text"] == AR_PROTEST and by_id["rec-1"]["published"] == "2015-08-10"
    assert by_id["inner/b.txt"]["text"] == AR_FLOOD and by_id["inner/b.txt"]["flags"]["encoding"] == "cp1256"
    page = by_id["03_page.html"]
    assert all(p in page["text"] for p in HTML_PARAGRAPHS)
    assert page["title"] == "قصف صاروخي على سوق في الحديدة"
    snn = by_id["2015-08-09-00001"]
    assert (snn["text"], snn["published"], snn["url"]) == (AR_PROTEST, "2015-08-09", SNN_ARTICLES[1]["url"])
    assert by_id[RSS_ITEMS[0][0]]["published"] == "2015-08-11"
    assert by_id[WARC_PAGES[1][0]]["url"] == WARC_PAGES[1][0]


def test_summary_line_on_stderr(mixed, mixed_run) -> None:
    _, expected = mixed
    proc, recs = mixed_run
    docs, events, errors, kinds, secs = summary(proc.stderr)
    assert docs == len(expected) == len(recs)
    assert events == sum(len(r["events"]) for r in recs)
    assert errors == 0 and kinds == ""
    assert secs >= 0


def test_stdout_without_output_option(mixed, tmp_path: Path) -> None:
    folder, expected = mixed
    proc = run_cli("extract", folder, "--no-progress")
    assert proc.returncode == 0, proc.stderr
    recs = records(proc.stdout)
    assert [r["doc_id"] for r in recs] == expected
    with_o = run_cli("extract", folder, "-o", tmp_path / "o.jsonl")
    assert proc.stdout == (tmp_path / "o.jsonl").read_text(encoding="utf-8")  # the same bytes as with -o
    assert with_o.stdout == ""
    # nothing but records on stdout
    assert all(line.startswith("{") for line in proc.stdout.splitlines())


def test_quiet_has_no_summary(mixed) -> None:
    folder, _ = mixed
    proc = run_cli("extract", folder / "01_news.txt", "-q")
    assert proc.returncode == 0
    assert "documents" not in proc.stderr


def test_workers_give_the_same_records_in_the_same_order(mixed) -> None:
    folder, expected = mixed
    one = run_cli("extract", folder, "-q")
    two = run_cli("extract", folder, "-q", "--workers", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert [r["doc_id"] for r in records(two.stdout)] == expected
    assert records(two.stdout) == records(one.stdout)


def test_several_inputs_in_the_order_given(mixed) -> None:
    folder, _ = mixed
    proc = run_cli("extract", folder / "07_feed.rss", folder / "01_news.txt", folder / "02_records.jsonl")
    assert proc.returncode == 0, proc.stderr
    assert [r["doc_id"] for r in records(proc.stdout)] == [RSS_ITEMS[0][0], RSS_ITEMS[1][0], "01_news.txt", "rec-1",
                                                          "rec-2"]


def test_until_text(mixed) -> None:
    folder, _ = mixed
    proc = run_cli("extract", folder / "01_news.txt", "--until", "text")
    assert proc.returncode == 0, proc.stderr
    (rec,) = records(proc.stdout)
    assert rec["text"] == AR_SHELLING and "content_hash" not in rec["flags"]


def test_exit_status_1_when_a_document_fails(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(AR_SHELLING, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(PNG_BYTES)
    (tmp_path / "c.txt").write_text(AR_PROTEST, encoding="utf-8")
    proc = run_cli("extract", tmp_path)
    assert proc.returncode == 1
    recs = records(proc.stdout)
    assert [r["doc_id"] for r in recs] == ["a.txt", "b.txt", "c.txt"]
    assert [r["error"]["kind"] if r["error"] else None for r in recs] == [None, "binary", None]
    docs, _, errors, kinds, _ = summary(proc.stderr)
    assert (docs, errors, kinds) == (3, 1, "binary 1")


@pytest.mark.parametrize(
    "args",
    [
        [],  # no command
        ["extract"],  # no input
        ["extract", "x.txt", "--no-such-option"],
        ["extract", "x.txt", "--workers", "many"],
        ["extract", "x.txt", "--until", "no-such-stage"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(AR_SHELLING, encoding="utf-8")
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr


def test_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("marsad ")


@pytest.mark.parametrize("example", ["examples/example.jsonl", "examples/example_ar.txt"])
def test_bundled_examples_run_cleanly(example: str) -> None:
    proc = run_cli("extract", example)
    assert proc.returncode == 0, proc.stderr
    (rec,) = records(proc.stdout)
    assert rec["error"] is None
    assert rec["language"] == "ar"
    assert rec["flags"]["boilerplate_chars"] > 0  # both end with a "read also" block
    if example.endswith(".txt"):
        assert rec["text"] == (REPO / example).read_text(encoding="utf-8")
    else:
        src = json.loads((REPO / example).read_text(encoding="utf-8").splitlines()[0])
        assert rec["text"] == src["text"] and rec["doc_id"] == src["doc_id"]
    docs, _, errors, _, _ = summary(proc.stderr)
    assert (docs, errors) == (1, 0)
