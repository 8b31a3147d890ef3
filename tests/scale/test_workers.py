"""``--workers N`` gives exactly the records of one process, in the same order."""

from __future__ import annotations

from pathlib import Path

from marsad.ingest import iter_documents
from marsad.runner import process_stream
from marsad_testdata import jsonl_records, run_marsad


def test_two_workers_equal_one_process(corpus: list[Path], single_records: list[dict]) -> None:
    two = [r.to_dict() for r, _t in process_stream(iter_documents(corpus), workers=2, batch_size=4)]
    assert [r["doc_id"] for r in two] == [r["doc_id"] for r in single_records]
    assert two == single_records
    assert len(two) > 60 and any(r["error"] for r in two)  # error records travel back too


def test_worker_timings_come_back(corpus: list[Path]) -> None:
    out = list(process_stream(iter_documents(corpus), workers=2, batch_size=3))
    assert all(isinstance(t, dict) for _r, t in out)
    assert any("text" in t for _r, t in out)


def test_cli_workers_output_is_identical(corpus: list[Path], tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    r1 = run_marsad("extract", *corpus, "-o", one, "--no-progress")
    r2 = run_marsad("extract", *corpus, "-o", two, "--workers", "2", "--no-progress")
    assert r1.returncode == r2.returncode == 1  # the corpus has an empty document: exit status 1
    assert one.read_bytes() == two.read_bytes()
    assert len(jsonl_records(one.read_text(encoding="utf-8"))) > 60
