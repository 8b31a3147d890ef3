"""The Python API: ``marsad.extract`` returns the SCHEMA record as a typed object."""

from __future__ import annotations

import json

import pytest

import marsad
from marsad.model import Record
from marsad.pipeline import Pipeline, PipelineConfig
from marsad_testdata import AR_SHELLING, HTML_PARAGRAPHS, html_page

# The keys of a document record in ../shared/SCHEMA.md ...
SCHEMA_KEYS = {"doc_id", "language", "published", "title", "url", "text", "events", "event_types", "entities", "flags",
               "error"}
# ... and the one key marsad adds: the publisher of the article (SaudiNewsNet "source", feed titles)
EXTRA_KEYS = {"source"}
EVENT_KEYS = {"id", "event_type", "sub_event_type", "plover", "date", "date_precision", "location", "actor1", "actor2",
              "fatalities", "claims", "disputed", "evidence", "evidence_span", "confidence"}


def test_extract_text() -> None:
    rec = marsad.extract(AR_SHELLING, published="2022-11-11")
    assert isinstance(rec, Record)
    d = rec.to_dict()
    assert set(d) == SCHEMA_KEYS | EXTRA_KEYS
    assert d["text"] == AR_SHELLING  # unchanged: offsets point into the caller's text
    assert d["published"] == "2022-11-11"
    assert d["language"] == "ar"
    assert d["error"] is None
    assert d["doc_id"] == "doc"
    assert isinstance(d["events"], list) and isinstance(d["event_types"], list) and isinstance(d["entities"], list)
    assert d["flags"]["boilerplate_chars"] == 0
    assert d["flags"]["syndicated_of"] is None
    for ev in d["events"]:
        assert set(ev) == EVENT_KEYS
        a, b = ev["evidence_span"]
        assert d["text"][a:b] == ev["evidence"]
    for ent in d["entities"]:
        assert d["text"][ent["start"]:ent["end"]] == ent["text"]
    json.dumps(d, ensure_ascii=False)  # plain JSON


def test_extract_is_deterministic() -> None:
    a = marsad.extract(AR_SHELLING, published="2022-11-11", doc_id="x").to_dict()
    b = marsad.extract(AR_SHELLING, published="2022-11-11", doc_id="x").to_dict()
    assert a == b


def test_extract_html() -> None:
    rec = marsad.extract(html=html_page("utf-8"), published="2015-08-10", url="http://example.org/1")
    d = rec.to_dict()
    assert d["error"] is None
    assert all(p in d["text"] for p in HTML_PARAGRAPHS)
    assert d["title"] == "قصف صاروخي على سوق في الحديدة"
    assert d["url"] == "http://example.org/1"
    assert d["published"] == "2015-08-10"


def test_extract_date_object_and_metadata() -> None:
    import datetime as dt

    d = marsad.extract(AR_SHELLING, published=dt.date(2015, 8, 10), doc_id="k", title="ع", source="مصدر").to_dict()
    assert (d["published"], d["doc_id"], d["title"], d["source"]) == ("2015-08-10", "k", "ع", "مصدر")


def test_extract_without_published() -> None:
    assert marsad.extract(AR_SHELLING).to_dict()["published"] is None


def test_bad_document_is_a_record_not_an_exception() -> None:
    d = marsad.extract("   ").to_dict()
    assert d["error"] == {"kind": "empty", "message": "the document has no text"}
    assert d["events"] == [] and d["entities"] == []


@pytest.mark.parametrize("kwargs", [{}, {"text": "نص", "html": "<p>نص</p>"}])
def test_exactly_one_of_text_or_html(kwargs: dict) -> None:
    with pytest.raises(TypeError):
        marsad.extract(**kwargs)


def test_custom_pipeline() -> None:
    pipe = Pipeline.default(PipelineConfig(until="text"))
    d = marsad.extract(AR_SHELLING, pipeline=pipe).to_dict()
    assert d["language"] == "ar" and "content_hash" not in d["flags"]


def test_extract_files(fx) -> None:
    recs = list(marsad.extract_files([fx.jsonl, fx.cp1256]))
    assert [r.doc_id for r in recs] == ["j-1", "j-2", "j-3", "cp1256.txt"]
    assert recs[-1].text == AR_SHELLING
    assert all(r.error is None for r in recs)


def test_public_names() -> None:
    for name in marsad.__all__:
        assert hasattr(marsad, name)
    assert marsad.__version__
