"""One test per kind of bad input: each bad document gets a record with ``error: {kind, message}``,
the other documents of the same run still come out (in order), and the exit status is 1.

Every run here is ``python -m marsad extract FOLDER`` on a folder holding a good document, the bad
input, and another good document (folders are read in name order).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from marsad_testdata import AR_FLOOD, AR_PROTEST, AR_SHELLING, PNG_BYTES, jsonl_records, run_marsad, warc_bytes

GOOD_FIRST = ("a_good.txt", AR_FLOOD)
GOOD_LAST = ("z_good.txt", AR_PROTEST)


def run_with(tmp_path: Path, bad: dict[str, bytes], *options: str) -> tuple[int, list[dict], str]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (GOOD_FIRST, GOOD_LAST):
        (folder / name).write_text(text, encoding="utf-8")
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    proc = run_marsad("extract", folder, *options)
    return proc.returncode, jsonl_records(proc.stdout), proc.stderr


def check_run(tmp_path: Path, bad: dict[str, bytes], expected: list[tuple[str, str | None]], *options: str) -> list[dict]:
    """Run, then check doc ids, error kinds, good texts, the summary and the exit status."""
    status, recs, stderr = run_with(tmp_path, bad, *options)
    assert [(r["doc_id"], r["error"]["kind"] if r["error"] else None) for r in recs] == expected, stderr
    by_id = {r["doc_id"]: r for r in recs}
    assert by_id[GOOD_FIRST[0]]["text"] == GOOD_FIRST[1]
    assert by_id[GOOD_LAST[0]]["text"] == GOOD_LAST[1]
    n_errors = sum(1 for _, kind in expected if kind)
    for r in recs:
        if r["error"]:
            assert set(r["error"]) == {"kind", "message"}
            assert isinstance(r["error"]["message"], str) and r["error"]["message"]
            assert r["events"] == [] and r["entities"] == []
    m = re.search(r"(\d+) documents, \d+ events, (\d+) errors", stderr)
    assert m and (int(m[1]), int(m[2])) == (len(expected), n_errors), stderr
    assert status == (1 if n_errors else 0)
    assert "Traceback" not in stderr
    return recs


def three(bad_id: str, kind: str | None) -> list[tuple[str, str | None]]:
    return [(GOOD_FIRST[0], None), (bad_id, kind), (GOOD_LAST[0], None)]


def test_undecodable_bytes(tmp_path: Path) -> None:
    # C1 bytes that no candidate encoding turns into plausible text
    check_run(tmp_path, {"m_undecodable.txt": bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 60},
              three("m_undecodable.txt", "decode"))


def test_empty_document(tmp_path: Path) -> None:
    check_run(tmp_path, {"m_empty.txt": b""}, three("m_empty.txt", "empty"))


def test_whitespace_only_document(tmp_path: Path) -> None:
    check_run(tmp_path, {"m_blank.txt": b" \n\t \r\n   \n"}, three("m_blank.txt", "empty"))


def test_invisible_characters_only(tmp_path: Path) -> None:
    # no-break spaces, a right-to-left mark, zero-width spaces: nothing to read
    check_run(tmp_path, {"m_invisible.txt": "\u00a0 \u200f\u200b\n\u00a0".encode()}, three("m_invisible.txt", "empty"))


def test_binary_junk_random_bytes(tmp_path: Path) -> None:
    rng = random.Random(42)
    junk = bytes(rng.randrange(256) for _ in range(5000))
    check_run(tmp_path, {"m_random.txt": junk}, three("m_random.txt", "binary"))


def test_binary_junk_png_named_as_text(tmp_path: Path) -> None:
    check_run(tmp_path, {"m_image.txt": PNG_BYTES}, three("m_image.txt", "binary"))


def test_binary_junk_png_named_as_html(tmp_path: Path) -> None:
    check_run(tmp_path, {"m_image.html": PNG_BYTES}, three("m_image.html", "binary"))


def test_file_of_unknown_kind(tmp_path: Path) -> None:
    check_run(tmp_path, {"m_image.png": PNG_BYTES}, three("m_image.png", "unsupported"))


def test_broken_html_without_text(tmp_path: Path) -> None:
    bad = {
        "m_broken.html": b"<html><body><div><p",  # truncated inside a tag
        "n_tags_only.html": b"<html><body><div><span></p></td></div>",  # unclosed and mismatched, no text
    }
    check_run(tmp_path, bad, [(GOOD_FIRST[0], None), ("m_broken.html", "html"), ("n_tags_only.html", "html"),
                              (GOOD_LAST[0], None)])


def test_broken_html_with_text_is_salvaged(tmp_path: Path) -> None:
    # unclosed and truncated markup around real text: the text comes out, no error
    page = ("<html><head><title>خبر</title><body><div><p>" + AR_SHELLING.replace("\n", "<p>") + "<div><span><table><tr><td")
    recs = check_run(tmp_path, {"m_unclosed.html": page.encode("utf-8")}, three("m_unclosed.html", None))
    assert AR_SHELLING.splitlines()[0] in recs[1]["text"]


def test_over_the_size_limit(tmp_path: Path) -> None:
    big = (AR_SHELLING + "\n") * 10  # about 5.7 kB; the good files are under 1 kB
    recs = check_run(tmp_path, {"m_big.txt": big.encode("utf-8")}, three("m_big.txt", "too_large"), "--max-bytes", "2000")
    assert "2,000" in recs[1]["error"]["message"]


def test_bad_json_line_in_jsonl(tmp_path: Path) -> None:
    lines = [
        json.dumps({"doc_id": "j-ok-1", "text": AR_SHELLING}, ensure_ascii=False),
        '{"doc_id": "j-broken", "text": "نص بلا نهاية',
        json.dumps({"doc_id": "j-ok-2", "text": AR_PROTEST}, ensure_ascii=False),
    ]
    recs = check_run(tmp_path, {"m_records.jsonl": "\n".join(lines).encode("utf-8")},
                     [(GOOD_FIRST[0], None), ("j-ok-1", None), ("m_records.jsonl:2", "bad_json"), ("j-ok-2", None),
                      (GOOD_LAST[0], None)])
    assert "m_records.jsonl:2" in recs[2]["error"]["message"]


def test_jsonl_line_without_text_or_html(tmp_path: Path) -> None:
    lines = [
        json.dumps({"doc_id": "j-ok", "text": AR_SHELLING}, ensure_ascii=False),
        json.dumps({"doc_id": "j-no-text", "title": "عنوان فقط", "published": "2015-08-10"}, ensure_ascii=False),
        json.dumps({"doc_id": "j-number", "text": 42}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"doc_id": "j-blank", "text": "   "}),
    ]
    check_run(tmp_path, {"m_records.jsonl": "\n".join(lines).encode("utf-8")},
              [(GOOD_FIRST[0], None), ("j-ok", None), ("j-no-text", "no_text"), ("j-number", "no_text"),
               ("m_records.jsonl:4", "bad_record"), ("j-blank", "empty"), (GOOD_LAST[0], None)])


def test_windows_1256_bytes_decode_correctly(tmp_path: Path) -> None:
    recs = check_run(tmp_path, {"m_cp1256.txt": AR_SHELLING.encode("cp1256")}, three("m_cp1256.txt", None))
    assert recs[1]["text"] == AR_SHELLING
    assert recs[1]["flags"]["encoding"] == "cp1256"
    assert recs[1]["language"] == "ar"


def test_damaged_archives(tmp_path: Path) -> None:
    warc = warc_bytes()
    bad = {
        "m_cut.zip": b"PK\x03\x04" + b"\x00" * 30,
        "n_cut.warc.gz": warc[: len(warc) // 2],  # the first page survives, then the cut is reported
        "o_junk.warc": b"WARC/1.0\r\nWARC-Type: response\r\n",
        "p_empty.rss": b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
    }
    status, recs, stderr = run_with(tmp_path, bad)
    kinds = [(r["doc_id"], r["error"]["kind"] if r["error"] else None) for r in recs]
    assert kinds[0] == (GOOD_FIRST[0], None) and kinds[-1] == (GOOD_LAST[0], None)
    assert ("m_cut.zip", "bad_archive") in kinds
    assert ("http://example.org/warc/1", None) in kinds
    assert [k for i, k in kinds if i.startswith("n_cut.warc.gz")] == ["bad_archive"]
    assert [k for i, k in kinds if i.startswith("o_junk.warc")] == ["bad_archive"]
    assert ("p_empty.rss", "bad_feed") in kinds
    assert status == 1 and "Traceback" not in stderr


def test_deeply_nested_json(tmp_path: Path) -> None:
    check_run(tmp_path, {"m_nested.json": b"[" * 100_000}, three("m_nested.json", "bad_json"))


def test_missing_input_path(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(AR_FLOOD, encoding="utf-8")
    proc = run_marsad("extract", tmp_path / "good.txt", tmp_path / "missing.txt")
    recs = jsonl_records(proc.stdout)
    assert [(r["doc_id"], r["error"]["kind"] if r["error"] else None) for r in recs] == [("good.txt", None),
                                                                                     ("missing.txt", "unreadable")]
    assert proc.returncode == 1


@pytest.mark.parametrize("workers", ["2"])
def test_bad_documents_with_worker_processes(tmp_path: Path, workers: str) -> None:
    check_run(tmp_path, {"m_empty.txt": b"", "n_image.txt": PNG_BYTES},
              [(GOOD_FIRST[0], None), ("m_empty.txt", "empty"), ("n_image.txt", "binary"), (GOOD_LAST[0], None)],
              "--workers", workers)
