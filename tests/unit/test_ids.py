"""Stable ids: content hashes of the document and of each event."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from marsad.ids import IdStage, content_hash, event_id
from marsad.model import Actor, Claim, Document, Event, Location, RawDocument
from marsad.pipeline import Pipeline
from marsad_testdata import AR_PROTEST, AR_SHELLING


def make_event(event_type: str = "Explosions/Remote violence", place: str = "الحديدة", geonameid: int = 79415,
               date: str | None = "2015-08-10", actor: str = "Houthis") -> Event:
    loc = Location(text=place, name="Al Hudaydah", country="YE", admin1="Al Hudaydah", lat=14.8, lon=42.95,
                   geonameid=geonameid, precision=1)
    return Event(
        event_type=event_type, sub_event_type="Shelling/artillery/missile attack", date=date, date_precision=1,
        location=loc, actor1=Actor("الحوثيون", actor, 2, "YE"), actor2=None, fatalities=4,
        claims=[Claim("مسعفون", "medics", "medical")], disputed=False, evidence="قتل أربعة", evidence_span=(0, 9),
        confidence=0.8,
    )


def test_content_hash() -> None:
    assert content_hash(AR_SHELLING) == content_hash(AR_SHELLING)
    assert content_hash(AR_SHELLING) != content_hash(AR_SHELLING + " ")
    assert content_hash(AR_SHELLING) != content_hash(AR_PROTEST)
    assert len(content_hash("")) == 20 and int(content_hash("x"), 16) >= 0


def test_event_id_depends_on_document_and_defining_fields() -> None:
    ev = make_event()
    base = event_id("doc-1", ev)
    assert base.startswith("ev-") and base == event_id("doc-1", make_event())
    assert event_id("doc-2", ev) != base
    assert event_id("doc-1", make_event(event_type="Battles")) != base
    assert event_id("doc-1", make_event(geonameid=71137)) != base
    assert event_id("doc-1", make_event(date="2015-08-11")) != base
    assert event_id("doc-1", make_event(actor="Saudi coalition")) != base
    # evidence, confidence and fatalities do not define the event
    other = make_event()
    other.confidence, other.fatalities, other.evidence = 0.1, 9, "نص آخر"
    assert event_id("doc-1", other) == base


def test_place_without_geonameid_uses_name_and_coordinates() -> None:
    a, b = make_event(geonameid=0), make_event(geonameid=0)
    b.location.lat = 15.0
    assert event_id("d", a) != event_id("d", b)


def test_id_stage_sets_hash_and_numbers_duplicates() -> None:
    doc = Document("d", text=AR_SHELLING, events=[make_event(), make_event(), make_event(event_type="Battles")])
    IdStage()(doc)
    ids = [e.id for e in doc.events]
    assert doc.flags["content_hash"] == content_hash(AR_SHELLING)
    assert ids[1] == ids[0] + "-1"
    assert len(set(ids)) == 3
    again = Document("d", text=AR_SHELLING, events=[make_event(), make_event(), make_event(event_type="Battles")])
    IdStage()(again)
    assert [e.id for e in again.events] == ids


def test_same_document_same_hash_in_the_pipeline() -> None:
    pipe = Pipeline.default()
    a = pipe.process(RawDocument("d", text=AR_SHELLING)).to_record()
    b = pipe.process(RawDocument("d", text=AR_SHELLING)).to_record()
    c = pipe.process(RawDocument("d", text=AR_SHELLING.replace("أربعة", "خمسة"))).to_record()
    assert a.flags["content_hash"] == b.flags["content_hash"] != c.flags["content_hash"]
    assert [e.id for e in a.events] == [e.id for e in b.events]


_SCRIPT = """
import json, sys
from marsad.ids import IdStage, content_hash
from marsad.model import Document
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/.."]
from test_ids import make_event
doc = Document("doc-1", text=sys.argv[2], events=[make_event(), make_event(event_type="Battles"), make_event()])
IdStage()(doc)
print(json.dumps([doc.flags["content_hash"], [e.id for e in doc.events]]))
"""


def test_ids_are_the_same_in_separate_processes() -> None:
    """No dependence on hash randomisation or anything else of one process."""
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", _SCRIPT, str(Path(__file__).parent), AR_SHELLING], env=env,
                              capture_output=True, text=True, check=True)
        outs.append(json.loads(proc.stdout))
    assert outs[0] == outs[1]
    assert outs[0][0] == content_hash(AR_SHELLING)
