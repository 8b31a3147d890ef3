"""The tagger's compiled table of words -> rows (:mod:`marsad.entities.word_rows`) agrees with a dict."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.entities.word_rows import WordRows

pytestmark = pytest.mark.skipif(not WordRows.usable(), reason="numba is not installed")

WORDS = st.text("ابتأ ةaZ\u064b\U0001d400.", max_size=7)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=30), max_size=6), st.lists(WORDS, max_size=40))
def test_rows_are_the_dicts(batches: list[list[str]], tokens: list[str]) -> None:
    table = WordRows(bits=2)  # a tiny table: it grows and rehashes as words come
    known: dict[str, int] = {}
    for batch in batches:
        new = list(dict.fromkeys(w for w in batch if w not in known))
        rows = range(len(known), len(known) + len(new))
        known.update(zip(new, rows, strict=True))
        table.add(new, list(rows))
        assert len(table) == len(known)
        got = table.rows([*tokens, *batch])
        assert got is not None
        assert got.tolist() == [known.get(t, -1) for t in [*tokens, *batch]]


def test_tokens_holding_the_separator_are_left_to_the_dict() -> None:
    table = WordRows()
    table.add(["a", "b"], [0, 1])
    assert table.rows(["b", "a", "c", ""]).tolist() == [1, 0, -1, -1]  # type: ignore[union-attr]
    assert table.rows([]).tolist() == []  # type: ignore[union-attr]
    assert table.rows(["a", "x\x00y"]) is None


def test_the_tagger_finds_the_same_rows_with_and_without_the_table() -> None:
    from marsad.entities.fast import FastTagger
    from marsad.entities.ner import NerModel

    model = NerModel.load()
    tagger = FastTagger(model.fast.w, model.featurizer, cache_size=40)  # small: it shrinks
    assert tagger._word_rows is not None
    sentences = [["قال", "الرئيس", "في", "بغداد"], ["وقال", "مسؤول", "في", "الرياض", "إن", "الرئيس"]] * 3
    words = [f"كلمة{i}" for i in range(60)]
    for sent in [*sentences, words, *sentences]:
        rows = tagger._rows_of(sent)
        assert rows.tolist() == [tagger._row[t] for t in sent]
        assert tagger._word_rows.rows(list(tagger._row)).tolist() == list(tagger._row.values())  # type: ignore[union-attr]
