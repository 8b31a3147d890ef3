"""The fast tagger's word scorer finds exactly the attributes of the featurizer's feature strings."""

from __future__ import annotations

import functools
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.entities import kernels
from marsad.entities.fast import CrfWeights, FastTagger, _segment_sums
from marsad.entities.features import Featurizer
from marsad.entities.ner import NerModel
from marsad.entities.scoring import WordScorer, _families, _normalized
from marsad.text.normalize import normalize

# letters, clitics, digits, Latin, punctuation, diacritics, tatweel, the folded forms (أ ى ة...)
ALPHABET = "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىةوفبلك" + "٠١٢3" + "aZ" + "،.-_" + "\u064b\u0650\u0640"
CLITICS = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فال", "وب", "ولل")


_model = functools.cache(NerModel.load)  # one model for the module (hypothesis's examples too)


@pytest.fixture(scope="module")
def model() -> NerModel:
    return _model()


def _expected(model: NerModel, scorer: WordScorer, word: str) -> tuple[list[int], list[int], tuple[str, ...], str]:
    own, view, cands, norm = model.featurizer.parts(word)
    return ([scorer.own[f] for f in own if f in scorer.own], [scorer.view[f] for f in view if f in scorer.view],
            cands, norm)


def _scored(scorer: WordScorer, words: list[str]) -> list[tuple[list[int], list[int], tuple[str, ...], str]]:
    own, own_at, view, view_at, cands, norms = scorer.score(words)
    own_at, view_at = [*own_at, len(own)], [*view_at, len(view)]
    return [(own[own_at[k]:own_at[k + 1]], view[view_at[k]:view_at[k + 1]], cands[k], norms[k])
            for k in range(len(words))]


def test_resource_words_with_clitics_score_as_their_strings(model: NerModel) -> None:
    feat = model.featurizer
    scorer = model.fast._scorer
    assert scorer.grouped
    # words of every resource (clusters, profiles, cues, gazetteer names, the model's own w= and
    # b= features), bare and with clitics, so that every group and fallback is met
    sources = [sorted(feat.clusters)[::400], sorted(feat.profiles)[::500], sorted(feat.cues)[::5],
               sorted(feat._gaz)[::60], sorted(feat._name_last)[::40],
               sorted(a[2:] for a in scorer.own if a.startswith(("w=", "b=", "r=")))[::25]]
    words = [c + w for w in itertools.chain(*sources) for c in CLITICS[::3]]
    words += ["", "a", "و", "وف", "ال", "ـ", "١٢", "2015", "Reuters", "U.S.", "على", "علي", "عليٌ", "مؤسسة", "،"]
    assert len(words) > 2000
    got = _scored(scorer, words)
    for w, g in zip(words, got, strict=True):
        assert g == _expected(model, scorer, w), w
    # the groups were used (and the same words scored again, from the memos, give the same)
    assert len(scorer._shape) > 10 and len(scorer._cue) > 3 and len(scorer._names) >= 2
    assert _scored(scorer, words) == got


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CLITICS), st.text(ALPHABET, min_size=0, max_size=9)), min_size=1, max_size=12))
def test_any_word_scores_as_its_strings(pieces: list[tuple[str, str]]) -> None:
    model = _model()
    scorer = model.fast._scorer
    words = [c + w for c, w in pieces]
    for w, g in zip(words, _scored(scorer, words), strict=True):
        assert g == _expected(model, scorer, w), w


class _OwnFeatures(Featurizer):
    """A featurizer whose word features are not the stock ones (scored through its strings)."""

    def parts(self, tok: str) -> tuple[list[str], list[str], tuple[str, ...], str]:
        own, view, cands, w = super().parts(tok)
        return own[::-1], view[1:], cands, w


def test_a_featurizer_of_its_own_is_scored_through_its_strings(model: NerModel) -> None:
    feat = model.featurizer
    own_feat = _OwnFeatures(cues=feat.cues, clusters=feat.clusters, profiles=feat.profiles)
    own_feat._gaz = feat._gaz
    scorer = WordScorer(own_feat, model.fast.w.attributes, model.fast._nb_feature)
    assert not scorer.grouped
    words = ["قال", "والرئيس", "بغداد", "Reuters", "للأمم"]
    for w, (own, view, cands, norm) in zip(words, _scored(scorer, words), strict=True):
        o, v, c, n = own_feat.parts(w)
        assert own == [scorer.own[f] for f in o if f in scorer.own]
        assert view == [scorer.view[f] for f in v if f in scorer.view]
        assert (cands, norm) == (c, n)


def test_compiled_segment_sums_add_as_numpy_reduceat() -> None:
    kern = kernels.load()
    assert kern is not None
    rng = np.random.default_rng(3)
    for _ in range(300):
        table = rng.normal(size=(40, 9)) * 10.0 ** int(rng.integers(-3, 4))
        lens = rng.integers(0, kernels.PAIRWISE_BLOCK + 2, size=int(rng.integers(1, 6)))
        idx = rng.integers(0, 40, size=int(lens.sum())).tolist()
        at = [0, *np.cumsum(lens)[:-1].tolist()]
        out = np.empty((len(at), 9))
        kern.segment_sums(table, np.asarray(idx, dtype=np.intp), np.asarray(at, dtype=np.intp), out)
        assert np.array_equal(out, _segment_sums(table, idx, at))  # bit for bit


def test_long_segments_are_summed_by_numpy(model: NerModel) -> None:
    assert model.path is not None
    ft = FastTagger(CrfWeights.load(model.path), model.featurizer)
    rng = np.random.default_rng(5)
    table = rng.normal(size=(30, 9))
    idx = rng.integers(0, 30, size=400).tolist()
    at = [0, 3, 3, 390]  # a segment of 387 rows: numpy halves it, the kernel does not
    assert np.array_equal(ft._sums(table, idx, at), _segment_sums(table, idx, at))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET + "AQ \n\u00a0\u200b\u202a\u06f5", max_size=8), max_size=30))
def test_words_are_normalised_together_as_one_by_one(words: list[str]) -> None:
    assert _normalized(words) == [normalize(w) for w in words]


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text("wbsp1=-x", max_size=6), st.integers(0, 99), max_size=30))
def test_families_split_attributes_by_their_name(index: dict[str, int]) -> None:
    names = ["w", "b", "p1", "bs1", "s"]
    got = _families(index, names)
    assert got == {n: {a[len(n) + 1:]: i for a, i in index.items() if a.startswith(n + "=")} for n in names}
