"""The compiled word scorer (:mod:`marsad.entities.word_kernel`) against the Python one."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.entities import word_kernel
from marsad.entities.fast import FastTagger
from marsad.entities.features import Featurizer
from marsad.entities.ner import NerModel
from marsad.entities.word_kernel import V_CUE, V_FLAGS, CompiledScorer, Scored, cands_of

pytestmark = pytest.mark.skipif(not word_kernel.available(), reason="numba is not installed")

# letters, clitics, digits, Latin (upper case too), punctuation, diacritics, tatweel, folded
# forms; a character outside the BMP and one whose lower case is two characters (Python's path)
ALPHABET = "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىةوفبلك" + "٠١٢3" + "aZQ" + "،.-_" + "\u064b\u0650\u0640"
ODD = "\U0001d400\u0130"
CLITICS = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فال", "وب", "ولل")


_model = functools.cache(NerModel.load)  # one model for the module (hypothesis's examples too)


@pytest.fixture(scope="module")
def model() -> NerModel:
    return _model()


def _compiled(model: NerModel) -> CompiledScorer:
    compiled = model.fast._compiled_scorer()
    assert compiled is not None
    return compiled


def _per_word(scored: Scored) -> list[tuple[list[int], list[int]]]:
    own_at, view_at = [*scored.own_at.tolist(), len(scored.own)], [*scored.view_at.tolist(), len(scored.view)]
    own, view = scored.own.tolist(), scored.view.tolist()
    return [(own[own_at[k]:own_at[k + 1]], view[view_at[k]:view_at[k + 1]]) for k in range(len(scored.norms))]


def _check(model: NerModel, words: list[str]) -> Scored:
    """The compiled scores of ``words`` are the Python scorer's, and so are the caller's lookups."""
    fast = model.fast
    scorer = fast._scorer
    got = _compiled(model).score(words)
    own, own_at, view, view_at, cands, norms = scorer.score(words)
    assert got.norms == norms
    assert got.own.tolist() == own and got.own_at.tolist() == own_at
    assert got.view.tolist() == view and got.view_at.tolist() == view_at
    assert cands_of(got) == cands
    assert got.base() == [c[-1] for c in cands]
    assert got.maps[:, 0].tolist() == [fast._bigrams.vocab.get(w, -1) for w in norms]
    assert got.maps[:, 1].tolist() == [fast._rest_id.get(w, -1) for w in norms]
    firsts = model.featurizer._gaz.keys()
    assert got.sets[:, 0].tolist() == [not firsts.isdisjoint(c) for c in cands]
    return got


def test_resource_words_with_clitics_score_as_in_python(model: NerModel) -> None:
    feat = model.featurizer
    scorer = model.fast._scorer
    sources = [sorted(feat.clusters)[::400], sorted(feat.profiles)[::500], sorted(feat.cues)[::5],
               sorted(feat._gaz)[::60], sorted(feat._name_first)[::40], sorted(feat._name_last)[::40],
               sorted(a[2:] for a in scorer.own if a.startswith(("w=", "b=", "r=")))[::25],
               sorted(model.fast._bigrams.vocab)[::50], sorted(model.fast._rest_id)[::20]]
    words = [c + w for w in itertools.chain(*sources) for c in CLITICS[::3]]
    words += ["", "a", "و", "وف", "ال", "ـ", "١٢", "2015", "Reuters", "U.S.", "على", "علي", "عليٌ", "مؤسسة", "،",
              "\U0001d400", "İstanbul", "اİ", "ALİ"]
    assert len(words) > 2000
    got = _check(model, words)
    # every kind of lookup was met: word maps, gazetteer firsts, candidate bases, Python's forms
    assert (got.maps >= 0).any(axis=0).all() and got.sets[:, 0].any()
    assert (np.diff(got.cand_at) > 1).sum() > 500


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CLITICS), st.text(ALPHABET + ODD, min_size=0, max_size=9)),
                min_size=1, max_size=12))
def test_any_word_scores_as_in_python(pieces: list[tuple[str, str]]) -> None:
    _check(_model(), [c + w for c, w in pieces])


def _table(entries: dict[str, list[tuple[int, int]]], bits: int) -> tuple[np.ndarray, np.ndarray]:
    keys = [k for k, fv in entries.items() for _ in fv]
    fields = [f for fv in entries.values() for f, _ in fv]
    values = [v for fv in entries.values() for _, v in fv]
    pool, starts = word_kernel._codepoints(keys)
    return word_kernel._build(pool, starts[:-1], np.diff(starts), np.asarray(fields, dtype=np.int64),
                              np.asarray(values, dtype=np.int32), V_FLAGS + 1, bits)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text("abcأبت\U0001d400", max_size=6),
                       st.lists(st.tuples(st.integers(0, V_FLAGS), st.integers(0, 1000)), min_size=1, max_size=4),
                       max_size=40),
       st.lists(st.text("abcأبت\U0001d400", max_size=6), max_size=20))
def test_the_table_finds_exactly_its_strings(entries: dict[str, list[tuple[int, int]]], others: list[str]) -> None:
    # a table barely larger than its strings: probes run past collisions
    slots, data = _table(entries, max(2, (len(entries) + 1).bit_length()))
    mask = len(slots) - 1
    for s in [*entries, *others]:
        cp, _ = word_kernel._codepoints([s])
        h = np.uint64(word_kernel._hash(cp, 0, len(cp)))
        off = word_kernel._find(cp, 0, len(cp), h, slots, data, mask)
        if s not in entries:
            assert off == -1, s
            continue
        want = [-1] * (V_FLAGS + 1)
        want[V_CUE] = want[V_FLAGS] = 0
        for f, v in entries[s]:
            want[f] = want[f] | v if f in (V_CUE, V_FLAGS) else v
        assert data[off: off + V_FLAGS + 1].tolist() == want, s


class _OwnFeatures(Featurizer):
    """A featurizer whose word features are not necessarily the stock ones."""

    def parts(self, tok: str) -> tuple[list[str], list[str], tuple[str, ...], str]:
        return super().parts(tok)


def test_a_featurizer_of_its_own_gets_no_compiled_scorer(model: NerModel) -> None:
    feat = model.featurizer
    own = _OwnFeatures(cues=feat.cues, clusters=feat.clusters, profiles=feat.profiles)
    own._gaz = feat._gaz
    tagger = FastTagger(model.fast.w, own)
    assert tagger._compiled_scorer() is None
    with pytest.raises(ValueError, match="grouped"):
        CompiledScorer(tagger._scorer)


def test_the_table_is_cached_on_disk_and_read_back_the_same(model: NerModel, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path))
    built = FastTagger(model.fast.w, model.featurizer)._compiled_scorer()
    assert built is not None and len(list(tmp_path.glob("word-table-*.pkl"))) == 1
    again = FastTagger(model.fast.w, model.featurizer)
    read = again._compiled_scorer()
    assert read is not None and read is not built
    assert "_scorer" not in again.__dict__  # read from the cache: the Python scorer was not built
    for name, value in vars(built).items():
        other = vars(read)[name]
        if isinstance(value, tuple):
            assert all(np.array_equal(a, b) for a, b in zip(value, other, strict=True)), name
        elif isinstance(value, np.ndarray):
            assert np.array_equal(value, other), name
        else:
            assert value == other, name
    words = ["قال", "والرئيس", "بغداد", "Reuters", "للأمم", "\U0001d400"]
    assert _per_word(read.score(words)) == _per_word(built.score(words))


def test_the_cache_key_changes_with_the_resources(model: NerModel) -> None:
    fast, feat = model.fast, model.featurizer
    maps, sets = [fast._bigrams.vocab, fast._rest_id], [feat._gaz.keys()]
    key = word_kernel.fingerprint(feat, fast.w.attributes, fast._nb_feature, maps, sets)
    assert key == word_kernel.fingerprint(feat, fast.w.attributes, fast._nb_feature, maps, sets)
    fewer = _OwnFeatures(cues=feat.cues, clusters=dict(list(feat.clusters.items())[1:]), profiles=feat.profiles)
    fewer._gaz = feat._gaz
    assert word_kernel.fingerprint(fewer, fast.w.attributes, fast._nb_feature, maps, sets) != key
    attrs = dict(fast.w.attributes)
    attrs["w=zzz"] = len(attrs)
    assert word_kernel.fingerprint(feat, attrs, fast._nb_feature, maps, sets) != key
    assert word_kernel.fingerprint(feat, fast.w.attributes, fast._nb_feature, [maps[0], {}], sets) != key
