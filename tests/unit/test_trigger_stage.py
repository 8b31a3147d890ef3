"""The trigger stage: hits per sentence; a document with none is not geocoded."""

from __future__ import annotations

from marsad.model import RawDocument
from marsad.pipeline import Pipeline, PipelineConfig
from marsad.places.stage import PlacesStage


def _doc(text: str):
    return Pipeline.default(PipelineConfig(until="places", entities=False)).process(
        RawDocument("d", text=text, published="2015-05-02"))


def test_hits_are_cut_by_sentence() -> None:
    doc = _doc("افتتح الوزير معرضا للكتاب في الرياض أمس. وقصفت الطائرات مواقع في صعدة. وعاد الهدوء.")
    assert doc.triggers is not None and len(doc.triggers) == len(doc.sentences) == 3
    assert [bool(h) for h in doc.triggers] == [False, True, False]
    assert doc.places  # codeable: its places are resolved (الرياض and صعدة)


def test_a_document_with_nothing_codeable_is_not_geocoded() -> None:
    text = "افتتح الوزير معرضا للكتاب في الرياض أمس. وحضر الافتتاح عدد من المثقفين من جدة."
    doc = _doc(text)
    assert doc.triggers is not None and not any(doc.triggers)
    assert doc.places == [] and doc.events == []
    # the places stage on its own (no trigger stage run) still geocodes any text
    doc.triggers = None
    PlacesStage()(doc)
    assert {p.name for p in doc.places} >= {"Riyadh"}


def test_the_stage_keeps_its_sentence_bounds_for_the_coder() -> None:
    from marsad.events.triggers import SentenceTriggers, document_bounds, sentence_bounds

    doc = _doc("قال مصدر إن مسلحين قتلوا ثلاثة جنود أمس. وقصفت الطائرات مواقع في صعدة.")
    assert isinstance(doc.triggers, SentenceTriggers)
    assert document_bounds(doc) is doc.triggers.bounds
    assert document_bounds(doc) == sentence_bounds(doc)
    doc.sentences = doc.sentences[:1]  # not the sentences the stage cut: made again
    assert document_bounds(doc) == sentence_bounds(doc) and len(document_bounds(doc)) == 1
