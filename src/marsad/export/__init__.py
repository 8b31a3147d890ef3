"""Exports of the event store: ACLED-style CSV, GeoJSON, Parquet and JSON Lines.

- ``acled-csv``: one row per event with ACLED's column names where ACLED has the field
  (:data:`ACLED_COLUMNS`), then marsad's own columns (:data:`EXTRA_COLUMNS`): the claims as a
  JSON list, whether the event is disputed, and the evidence quoted from the article;
- ``geojson``: a FeatureCollection of the events that have coordinates (every SCHEMA field as
  properties, with doc_id);
- ``parquet``: the CSV's columns, typed, with the claims as a list of structs (needs pyarrow);
- ``jsonl``: SCHEMA records, one per article, as ``marsad extract`` writes them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

from marsad.store import EventFilter, Store

FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")

ACLED_COLUMNS = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1",
                 "actor2", "inter2", "interaction", "country", "admin1", "location", "latitude", "longitude",
                 "geo_precision", "source", "notes", "fatalities"]
EXTRA_COLUMNS = ["claims", "disputed", "evidence"]
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS


@cache
def country_name(code: str | None) -> str:
    """ACLED writes the country's name: the English name of an ISO 3166-1 alpha-2 code."""
    if not code:
        return ""
    try:
        import pycountry

        c = pycountry.countries.get(alpha_2=code.upper())
    except (ImportError, KeyError, LookupError):
        c = None
    return (getattr(c, "common_name", None) or c.name) if c is not None else code


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (10 x inter1 with one actor)."""
    if not inter1 and not inter2:
        return None
    if not inter1 or not inter2:
        return 10 * (inter1 or inter2 or 0)
    lo, hi = sorted((inter1, inter2))
    return 10 * lo + hi


def _source(row: dict[str, Any]) -> str:
    names = [row.get("article_source") or ""]
    for c in row["data"].get("claims") or []:
        names.append(c.get("source_name") or c.get("source_text") or "")
    seen: list[str] = []
    for n in names:
        if n and n not in seen:
            seen.append(n)
    return "; ".join(seen)


def _notes(row: dict[str, Any]) -> str:
    ev = row["data"]
    who = " vs ".join(x for x in (row.get("actor1"), row.get("actor2")) if x)
    where = ", ".join(x for x in (row.get("location"), row.get("admin1"), country_name(row.get("country"))) if x)
    parts = [f"On {row.get('date') or 'an unknown date'}", f"{ev.get('sub_event_type') or ev.get('event_type')}"]
    if where:
        parts.append(f"in {where}")
    if who:
        parts.append(f"({who})")
    note = " ".join(parts) + f"; {row.get('fatalities') or 0} fatalities."
    if row.get("disputed"):
        note += " Disputed."
    return note + f" [marsad article {row['doc_id']}]"


def acled_row(row: dict[str, Any]) -> dict[str, Any]:
    """An event row of the store (:meth:`Store.iter_event_rows`) in ACLED columns plus extras."""
    ev = row["data"]
    return {
        "event_id_cnty": row["id"],
        "event_date": row.get("date") or "",
        "time_precision": row.get("date_precision"),
        "event_type": row.get("event_type"),
        "sub_event_type": row.get("sub_event_type"),
        "actor1": row.get("actor1") or "",
        "inter1": row.get("inter1"),
        "actor2": row.get("actor2") or "",
        "inter2": row.get("inter2"),
        "interaction": interaction(row.get("inter1"), row.get("inter2")),
        "country": country_name(row.get("country")),
        "admin1": row.get("admin1") or "",
        "location": row.get("location") or "",
        "latitude": row.get("lat"),
        "longitude": row.get("lon"),
        "geo_precision": row.get("geo_precision"),
        "source": _source(row),
        "notes": _notes(row),
        "fatalities": row.get("fatalities") or 0,
        "claims": ev.get("claims") or [],
        "disputed": bool(row.get("disputed")),
        "evidence": row.get("evidence") or "",
    }


def write_acled_csv(store: Store, out: IO[str], f: EventFilter | None = None) -> int:
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for row in store.iter_event_rows(f):
        r = acled_row(row)
        r["claims"] = json.dumps(r["claims"], ensure_ascii=False)
        r["disputed"] = "true" if r["disputed"] else "false"
        w.writerow({k: "" if v is None else v for k, v in r.items()})
        n += 1
    return n


def geojson_features(store: Store, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    for row in store.iter_event_rows(f):
        if row.get("lat") is None or row.get("lon") is None:
            continue
        props = dict(row["data"])
        props["doc_id"] = row["doc_id"]
        props["article_title"] = row.get("article_title")
        props["article_url"] = row.get("article_url")
        props["article_source"] = row.get("article_source")
        yield {"type": "Feature", "id": row["id"], "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
               "properties": props}


def write_geojson(store: Store, out: IO[str], f: EventFilter | None = None) -> int:
    out.write('{"type":"FeatureCollection","features":[')
    n = 0
    for feat in geojson_features(store, f):
        out.write(("," if n else "") + "\n" + json.dumps(feat, ensure_ascii=False, separators=(",", ":")))
        n += 1
    out.write("\n]}\n")
    return n


def write_jsonl(store: Store, out: IO[str], f: EventFilter | None = None) -> int:
    n = 0
    for rec in store.iter_records(f):
        out.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        n += 1
    return n


def write_parquet(store: Store, path: str, f: EventFilter | None = None) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise RuntimeError("Parquet export needs pyarrow: pip install 'marsad[export]'") from exc
    claim = pa.struct([("source_text", pa.string()), ("source_name", pa.string()), ("source_kind", pa.string()),
                       ("channel", pa.string()), ("stance", pa.string())])
    schema = pa.schema([
        ("event_id_cnty", pa.string()), ("event_date", pa.string()), ("time_precision", pa.int8()),
        ("event_type", pa.string()), ("sub_event_type", pa.string()), ("actor1", pa.string()), ("inter1", pa.int8()),
        ("actor2", pa.string()), ("inter2", pa.int8()), ("interaction", pa.int16()), ("country", pa.string()),
        ("admin1", pa.string()), ("location", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
        ("geo_precision", pa.int8()), ("source", pa.string()), ("notes", pa.string()), ("fatalities", pa.int32()),
        ("claims", pa.list_(claim)), ("disputed", pa.bool_()), ("evidence", pa.string()),
    ])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []

        def flush() -> None:
            if chunk:
                for r in chunk:
                    r["claims"] = [{k: c.get(k) for k in claim.names} for c in r["claims"]]
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                chunk.clear()

        for row in store.iter_event_rows(f):
            chunk.append(acled_row(row))
            n += 1
            if len(chunk) >= 5000:
                flush()
        flush()
    return n


__all__ = ["ACLED_COLUMNS", "COLUMNS", "EXTRA_COLUMNS", "FORMATS", "acled_row", "interaction", "write_acled_csv",
           "write_geojson", "write_jsonl", "write_parquet"]
