"""``--workers N`` gives exactly the records of one process, in the same order."""

from __future__ import annotations

from pathlib import Path

from marsad.ingest import iter_documents
from marsad.model import RawDocument
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


def test_gc_settling_keeps_the_records() -> None:
    import gc

    from marsad import runner

    raws = [RawDocument(f"d{i}", text="قصفت الطائرات مدينة صعدة أمس. " * (i + 1), published="2015-05-02")
            for i in range(6)]
    plain = [r.to_dict() for r, _t in process_stream(raws, batch_size=2)]
    before = gc.get_threshold()
    try:
        runner._gc_settled.clear()
        stream = process_stream(raws, batch_size=2, tune_gc=True)
        first = next(stream)
        assert not gc.isenabled()  # paused while the first batch (the models' loading) runs
        tuned = [first[0].to_dict()] + [r.to_dict() for r, _t in stream]
        assert gc.isenabled() and gc.get_threshold() == (20_000, 20, 20) and gc.get_freeze_count() > 0
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
    assert tuned == plain


def test_a_short_tuned_run_leaves_the_collector_on() -> None:
    import gc

    from marsad import runner

    raws = [RawDocument("d0", text="قصفت الطائرات مدينة صعدة أمس.", published="2015-05-02")]
    settled = list(runner._gc_settled)
    try:
        runner._gc_settled.clear()
        out = list(process_stream(raws, batch_size=8, tune_gc=True))  # shorter than a batch: never settled
        assert len(out) == 1 and gc.isenabled() and not runner._gc_settled
    finally:
        runner._gc_settled[:] = settled
        gc.enable()
