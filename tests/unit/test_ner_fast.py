"""The fast tagger gives exactly crfsuite's Viterbi tags, for any batch of sentences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.entities.fast import CrfWeights
from marsad.entities.ner import NerModel, bio_spans, document_sentence_tokens, sentence_tokens
from marsad.model import Document
from marsad.text.stage import TextStage

# words that the model labels in different ways (names, titles, places, organisations, punctuation)
VOCAB = ("قال", "الرئيس", "عبد", "ربه", "منصور", "هادي", "في", "مدينة", "عدن", "اليمنية", "وزارة",
         "الدفاع", "الروسية", "إن", "قوات", "التحالف", "العربي", "،", ".", "باراك", "أوباما",
         "الأمم", "المتحدة", "منظمة", "الصحة", "العالمية", "بغداد", "والموصل", "يوم", "الجمعة",
         "Reuters", "2015", "داعش", "حزب", "الله", "لبنان", "الشيخ", "محمد", "بن", "سلمان")


@pytest.fixture(scope="module")
def model() -> NerModel:
    return NerModel.load()


def _reference(model: NerModel, sentences: list[list[str]]) -> list[list[str]]:
    return [model.tag_tokens(s) for s in sentences]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(VOCAB), min_size=0, max_size=40), min_size=1, max_size=8))
def test_fast_tags_equal_crfsuite(sentences: list[list[str]]) -> None:
    model = NerModel.load()  # module fixtures do not mix with hypothesis; the load is cheap
    assert model.fast.tag(sentences) == _reference(model, sentences)


def test_fast_tags_equal_crfsuite_on_real_text(model: NerModel) -> None:
    text = ("أعلن الرئيس اليمني عبد ربه منصور هادي من الرياض أن قوات التحالف العربي بقيادة السعودية "
            "استعادت مدينة عدن. وقال المتحدث باسم وزارة الخارجية الأمريكية جون كيربي إن واشنطن "
            "تدعم جهود الأمم المتحدة. ونقلت وكالة الأنباء السعودية (واس) عن مصدر مسؤول قوله ذلك.\n"
            "بغداد")
    sents = [[t.text for t in toks] for toks in sentence_tokens(text)]
    assert len(sents) == 4
    got = model.fast.tag(sents)
    assert got == _reference(model, sents)
    assert any(lab == "PER" for s in got for _, _, lab in bio_spans(s))


def test_a_long_and_a_one_word_sentence_together(model: NerModel) -> None:
    long = list(VOCAB) * 7  # 280 tokens: longer than any other in the batch
    sents = [["بغداد"], long, [], ["قال", "هادي"]]
    assert model.fast.tag(sents) == _reference(model, sents)


def test_stage_reuses_the_text_stage_tokens(model: NerModel) -> None:
    text = "قال الرئيس باراك أوباما في واشنطن. وأكدت منظمة الصحة العالمية ذلك."
    doc = Document(doc_id="d", text=text, body=[(0, len(text))])
    TextStage()(doc)
    from_doc = document_sentence_tokens(doc)
    assert [[t.text for t in s] for s in from_doc] == [[t.text for t in s] for s in sentence_tokens(text)]
    assert model.sentence_entities(text, from_doc) == model.entities(text)


def test_weights_are_cached(model: NerModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path))
    assert model.path is not None
    first = CrfWeights.load(model.path)
    files = list(tmp_path.glob("ner-weights-*.pkl"))
    assert len(files) == 1
    again = CrfWeights.load(model.path)
    assert again.labels == first.labels and again.attributes == first.attributes
    assert np.array_equal(again.state, first.state) and np.array_equal(again.trans, first.trans)
    files[0].write_bytes(b"not a pickle")  # a damaged cache is rebuilt, not fatal
    assert CrfWeights.load(model.path).labels == first.labels


def test_gazetteer_names_per_base_equal_those_per_word(model: NerModel) -> None:
    from marsad.entities.fast import _GazWord

    ft = model.fast
    feat = model.featurizer
    words = [*VOCAB, "وعبد", "لعبد", "بالموصل", "والقاهرة", "ومنظمة", "للأمم", "وبغداد", "الشيخ", "آل"]
    compiled = 0
    for w in words:
        record = feat._word(w, cache=False)
        expected = _GazWord.of(feat._gaz_entries(record))
        assert ft._gaz_word(record[2]) == expected, w
        compiled += expected is not None and bool(expected.multi)
    assert compiled >= 3  # the words do start multi-word names of the gazetteer


def test_a_small_word_cache_keeps_the_tags_exact(model: NerModel) -> None:
    from marsad.entities.fast import FastTagger

    assert model.path is not None
    small = FastTagger(CrfWeights.load(model.path), model.featurizer, cache_size=24)
    batches = [[list(VOCAB[i:i + 9]), list(VOCAB[i + 3:i + 15])] for i in range(0, 30, 5)]
    for sents in batches * 2:  # the cache fills, is cut to its first half, and fills again
        assert small.tag(sents) == _reference(model, sents)
        assert len(small._words) <= 24 + 15
