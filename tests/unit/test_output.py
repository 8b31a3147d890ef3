"""The JSON line of a record is exactly ``json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))``,
whichever way :func:`marsad.output.dumps` writes it."""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.model import Actor, Claim, DocError, Entity, Event, Location, Record
from marsad.output import _record_json, dumps, write_record


def reference(record: Record | dict[str, Any]) -> str:
    obj = record.to_dict() if isinstance(record, Record) else record
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


texts = st.text(alphabet=st.sampled_from('ab ق"\\\n\r\t\x00\x1a\x7f\u2028\u200f\ud800\U0001f600/é'), max_size=12)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), texts,
                    st.floats(allow_nan=True, allow_infinity=True))
flag_values = st.one_of(scalars, st.lists(st.integers(), max_size=2), st.dictionaries(texts, st.integers(), max_size=2))
entities = st.builds(Entity, st.integers(0, 10**6), st.integers(0, 10**6), st.sampled_from(["PER", "LOC", "ORG"]), texts)
locations = st.builds(Location, texts, texts, texts, texts, st.floats(-90, 90), st.floats(-180, 180),
                      st.integers(0, 10**7), st.integers(1, 4))
actors = st.builds(Actor, texts, texts, st.integers(0, 8), texts)
claims = st.builds(Claim, texts, texts, texts, texts, texts)
events = st.builds(Event, texts, texts, st.one_of(st.none(), texts), st.integers(1, 3), locations,
                   st.one_of(st.none(), actors), st.one_of(st.none(), actors), st.integers(0, 100),
                   st.lists(claims, max_size=2), st.booleans(), texts,
                   st.tuples(st.integers(0, 99), st.integers(0, 99)), st.floats(0, 1), texts, texts)
records = st.builds(
    Record, doc_id=texts, language=st.one_of(st.none(), texts), published=st.one_of(st.none(), texts),
    title=st.one_of(st.none(), texts), url=st.one_of(st.none(), texts), text=texts,
    events=st.lists(events, max_size=2), event_types=st.lists(texts, max_size=3), entities=st.lists(entities, max_size=4),
    flags=st.dictionaries(texts, flag_values, max_size=4),
    error=st.one_of(st.none(), st.builds(DocError, texts, texts)), source=st.one_of(st.none(), texts),
)


@settings(max_examples=400, deadline=None)
@given(records)
def test_dumps_is_json_dumps_of_to_dict(record: Record) -> None:
    assert dumps(record) == reference(record)
    assert dumps(record.to_dict()) == reference(record)


def test_plain_records_take_the_direct_way_and_others_the_dict() -> None:
    plain = Record("d", "ar", "2015-07-21", "t", None, 'نص "مقتبس"\n', [], ["Battles"],
                   [Entity(0, 2, "LOC", "نص")], {"boilerplate_chars": 0, "syndicated_of": None, "x": 1.5}, None, "src")
    assert _record_json(plain) == reference(plain)
    odd = Record("d", None, None, None, None, "x", [], [], [], {"nested": [1, {"a": None}]}, DocError("empty", "e"))
    assert _record_json(odd) is None  # a nested flag: the generic way
    assert dumps(odd) == reference(odd)
    buf = io.StringIO()
    write_record(buf, plain)
    assert buf.getvalue() == reference(plain) + "\n"
