"""``marsad ingest`` (extraction and records) and ``marsad export`` in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.export import ACLED_COLUMNS, COLUMNS, EXTRA_COLUMNS, interaction
from marsad.store import open_store

from .samples import sample_records


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def sample_db(tmp_path: Path) -> str:
    db = str(tmp_path / "s.db")
    recs = write_jsonl(tmp_path / "records.jsonl", sample_records())
    assert main(["ingest", str(recs), "--records", "--db", db, "-q", "--no-progress"]) == 0
    return db


def test_ingest_extracts_stores_and_skips_what_it_has(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = [{"doc_id": "d1", "text": "قصفت طائرات حربية مدينة إدلب أمس وقتل خمسة مدنيين.", "published": "2015-08-02"},
            {"doc_id": "d2", "text": "تظاهر مئات في صنعاء يوم الجمعة.", "published": "2015-08-02"},
            {"doc_id": "d3", "html": "<html><body><p>نص</p></body></html>"},
            {"doc_id": "d4"}]
    src = write_jsonl(tmp_path / "in.jsonl", docs)
    db = str(tmp_path / "x.db")
    assert main(["ingest", str(src), "--db", db, "--no-progress"]) == 0
    assert "4 documents: 4 new, 0 replaced, 0 unchanged" in capsys.readouterr().err
    with open_store(db, create=False) as s:
        assert s.counts()["articles"] == 4
        assert s.get_article("d4")["error"]["kind"] == "no_text"  # a bad document is stored with its error
        from marsad.api import extract

        assert s.get_article("d1") == extract(text=docs[0]["text"], published="2015-08-02", doc_id="d1").to_dict()
    assert main(["ingest", str(src), "--db", db, "--no-progress", "--workers", "2"]) == 0
    assert "0 new, 0 replaced, 4 unchanged" in capsys.readouterr().err
    docs[1]["text"] += " وأصيب عشرة."
    write_jsonl(tmp_path / "in.jsonl", docs)
    assert main(["ingest", str(src), "--db", db, "--no-progress"]) == 0
    assert "0 new, 1 replaced, 3 unchanged" in capsys.readouterr().err
    assert main(["ingest", str(src), "--db", db, "--no-progress", "--force"]) == 0
    assert "0 new, 4 replaced, 0 unchanged" in capsys.readouterr().err


def test_records_with_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(sample_records()[0], ensure_ascii=False) + "\n{oops\n[1]\n", encoding="utf-8")
    assert main(["ingest", str(path), "--records", "--db", str(tmp_path / "r.db"), "--no-progress"]) == 0
    assert "2 unreadable lines" in capsys.readouterr().err


def test_export_acled_csv(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", sample_db, "--format", "acled-csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0].keys()) == ACLED_COLUMNS + EXTRA_COLUMNS
    assert len(rows) == 6
    air = next(r for r in rows if r["event_id_cnty"] == "ev-idlib-air")
    assert air["event_date"] == "2015-08-07" and air["time_precision"] == "1"
    assert (air["actor1"], air["inter1"], air["actor2"], air["inter2"], air["interaction"]) == (
        "Military Forces of Russia", "1", "Civilians (Syria)", "7", "17")
    assert (air["country"], air["admin1"], air["location"], air["latitude"], air["longitude"], air["geo_precision"]) == (
        "Syria", "Idlib", "Idlib", "35.93", "36.63", "1")
    assert air["fatalities"] == "12" and air["disputed"] == "true"
    assert air["evidence"] == "شنت غارات جوية على مدينة إدلب أمس"
    assert [c["stance"] for c in json.loads(air["claims"])] == ["asserts", "denies"]
    assert "Syrian Observatory for Human Rights" in air["source"] and "testpaper" in air["source"]
    assert "t-idlib" in air["notes"]
    protest = next(r for r in rows if r["event_id_cnty"] == "ev-sanaa-protest")
    assert protest["interaction"] == "60" and protest["actor2"] == "" and protest["claims"] == "[]"


def test_export_filters(sample_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", sample_db, "-f", "acled-csv", "--country", "YE", "--undisputed"]) == 0
    ids = {r["event_id_cnty"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert ids == {"ev-taiz-shell", "ev-sanaa-protest"}
    assert main(["export", "--db", sample_db, "-f", "jsonl", "--query", "ادلب", "--event-type", "Battles"]) == 0
    recs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["doc_id"]: [e["id"] for e in r["events"]] for r in recs} == {
        "t-idlib": ["ev-aleppo-clash"], "t-idlib-plain": ["ev-jisr"]}


def test_export_geojson_jsonl_parquet(sample_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "e.geojson"
    assert main(["export", "--db", sample_db, "-f", "geojson", "-o", str(out)]) == 0
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 6
    f = next(x for x in fc["features"] if x["id"] == "ev-taiz-shell")
    assert f["geometry"]["coordinates"] == [44.02, 13.58] and f["properties"]["doc_id"] == "t-taiz"

    out = tmp_path / "all.jsonl"
    assert main(["export", "--db", sample_db, "-f", "jsonl", "-o", str(out)]) == 0
    back = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert back == sample_records()  # ingest order, exact records

    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "e.parquet"
    assert main(["export", "--db", sample_db, "-f", "parquet", "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert table.column_names == COLUMNS and table.num_rows == 6
    row = next(r for r in table.to_pylist() if r["event_id_cnty"] == "ev-idlib-air")
    assert row["disputed"] is True and row["interaction"] == 17 and row["claims"][1]["channel"] == "Telegram"
    assert main(["export", "--db", sample_db, "-f", "parquet"]) == 2
    capsys.readouterr()


def test_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(tmp_path / "none.db"), "-f", "jsonl"]) == 2
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 2
    assert "marsad ingest" in capsys.readouterr().err


@pytest.mark.parametrize(("i1", "i2", "code"), [(1, 7, 17), (7, 1, 17), (6, None, 60), (None, None, None), (3, 3, 33)])
def test_interaction_code(i1: int | None, i2: int | None, code: int | None) -> None:
    assert interaction(i1, i2) == code
