"""The brief's example page (Kherson) end to end, scored against its gold with the official scorer:
one event, every field as in the gold — claims from both sides and the dispute included.
Skipped when the development data is absent."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import marsad


def test_kherson_page_matches_its_gold(shared_dir: Path) -> None:
    spec = importlib.util.spec_from_file_location("score_events", shared_dir / "eval" / "score_events.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    rec = json.loads((shared_dir / "data" / "seed" / "kherson.jsonl").read_text(encoding="utf-8").splitlines()[0])
    kwargs = {"html": rec["html"]} if rec.get("html") else {"text": rec["text"]}
    out = marsad.extract(**kwargs, published=rec.get("published"), doc_id=rec["doc_id"]).to_dict()
    gold = scorer.load(str(shared_dir / "data" / "seed" / "kherson_gold.json"))
    res = scorer.score(gold, [out])
    assert res["event"]["f1"] == 1.0, out["events"]
    disagreeing = {k: v for k, v in res["matched_field_agreement"].items() if v is not None and v < 1.0}
    assert not disagreeing, (disagreeing, out["events"])
