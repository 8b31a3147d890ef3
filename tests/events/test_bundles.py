"""Several lexicons in one pass (``events.lexicons.Bundle``) find what each finds on its own, and the
one-pass date search finds what the per-sentence search finds."""

from __future__ import annotations

import itertools
import random
import re
from datetime import date
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.events import lexicons
from marsad.events.actors import (
    actor_bundle,
    country_adj_lexicon,
    force_lexicon,
    group_lexicon,
    victim_lexicon,
)
from marsad.events.dates import _years, date_bundle, find_dates, find_dates_in, month_names, relative_lexicon
from marsad.events.fatalities import _death_lexicon, fatality_bundle
from marsad.events.lexicons import Bundle
from marsad.events.numbers import _base, number_words, read_number
from marsad.text.lexicon import Lexicon
from marsad.text.normalize import normalize

PUB = date(2022, 11, 20)


@cache
def _cases() -> list[tuple[Bundle, list[Lexicon]]]:  # type: ignore[type-arg]
    return [
        (actor_bundle(), [group_lexicon(), force_lexicon(), country_adj_lexicon(), victim_lexicon()]),
        (fatality_bundle(), [_death_lexicon(), lexicons.injuries(), victim_lexicon()]),
        (date_bundle(), [relative_lexicon(), _month_lexicon()]),
    ]


@cache
def _month_lexicon() -> Lexicon[int]:
    return lexicons.build(month_names().items())


@cache
def _words() -> list[str]:
    """Words of every member lexicon (as written, markers off), and parts of them."""
    items = [*lexicons.injury_items(), *lexicons.modifier_items()]
    from marsad.claims.attribution import source_items
    from marsad.events.actors import country_adj_items, force_items, group_items, victim_items
    from marsad.events.dates import relative_items
    from marsad.events.fatalities import death_items

    for more in (group_items(), force_items(), country_adj_items(), victim_items(), source_items(), death_items(),
                 relative_items()):
        items.extend(more)
    words = [normalize(s.lstrip("!").rstrip("*")) for s, _ in items] + list(month_names())
    words += [w[:-1] for w in words if len(w) > 3][::7]  # cut short: an open end, or no word at all
    return sorted(set(words))


PREFIXES = ["", "", "", "و", "ب", "ل", "ال", "وال", "بال", "لل", "فب", "ك", "_", "س"]
GLUE = [" ", " ", " ", "، ", ". ", "", "_", " و", "-"]


def _text(rng: random.Random, n_words: int) -> str:
    words = _words()
    out = []
    for _ in range(n_words):
        w = rng.choice(words) if rng.random() < 0.8 else rng.choice(["في", "من", "قال", "أمس", "2014", "12", "عام"])
        suffix = rng.choice(["", "", "", "ا", "ات", "ه", "ين"])
        out.append(rng.choice(PREFIXES) + w + suffix + rng.choice(GLUE))
    return normalize("".join(out))


def _spans(rng: random.Random, n: int) -> list[tuple[int, int]]:
    cuts = sorted({0, n, *(rng.randrange(n + 1) for _ in range(rng.randrange(4)))})
    return list(itertools.pairwise(cuts))


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 40))
def test_a_bundle_finds_what_each_of_its_lexicons_finds(seed: int, n_words: int) -> None:
    rng = random.Random(seed)
    text = _text(rng, n_words)
    spans = _spans(rng, len(text)) or [(0, 0)]
    for bundle, members in _cases():
        a, b = spans[0][0], spans[-1][1]
        found, every = bundle.find(text, a, b), bundle.matches(text, a, b)
        by_span = bundle.find_spans(text, spans)
        all_by_span = bundle.find_spans(text, spans, every=range(len(members)))
        for k, lex in enumerate(members):
            assert found[k] == lex.find(text, a, b)
            assert every[k] == list(lex.iter_matches(text, a, b))
            assert by_span[k] == lex.find_spans(text, spans)
            assert all_by_span[k] == [list(lex.iter_matches(text, x, y)) for x, y in spans]


def test_overlapping_spans_are_searched_one_by_one() -> None:
    text = normalize("قتل جنديان في هجوم للحوثيين أمس على القوات السعودية")
    spans = [(0, 30), (10, len(text))]
    for bundle, members in _cases():
        by_span = bundle.find_spans(text, spans)
        for k, lex in enumerate(members):
            assert by_span[k] == [lex.find(text, a, b) for a, b in spans]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30), st.booleans())
def test_the_one_pass_date_search_finds_the_dates_of_each_sentence(seed: int, n_words: int, dated: bool) -> None:
    rng = random.Random(seed)
    text = _text(rng, n_words)
    spans = _spans(rng, len(text))  # some of them stop inside a word
    published = PUB if dated else None
    assert find_dates_in(text, spans, published) == [find_dates(text, a, b, published) for a, b in spans]


@pytest.mark.parametrize("text", [
    "في 12 آب 2014. وبآب", "اب.2015 19999 2020", "بمارس_2014", "٢٠١٤ عام 1999م ومارس", "تشرين الاول 20144",
])
def test_dates_at_the_edges(text: str) -> None:
    norm = normalize(text)
    for spans in ([(0, len(norm))], [(0, 3), (3, len(norm))], [(1, 5), (6, len(norm))]):
        assert find_dates_in(norm, spans, PUB) == [find_dates(norm, a, b, PUB) for a, b in spans]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["", "و", "ب", "ال", "وال", "لل", "فب", "ك", "ف"]),
       st.sampled_from(sorted({*number_words().units, *number_words().vague, *number_words().scales, "قتيل", "من"})),
       st.sampled_from(["", "ا", "ة", "ين", "ات", "و"]))
def test_a_word_that_ends_in_no_number_word_is_no_number(prefix: str, word: str, suffix: str) -> None:
    # read_number returns at once for a word that ends in no unit or vague word: no clitic
    # stripping can find one there
    w = prefix + word + suffix
    nw = number_words()
    if not w.endswith(nw.endings):
        assert w not in nw.units and w not in nw.vague
        assert _base(w, nw.units) is None and _base(w, nw.vague) is None
        assert read_number([w], 0) is None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0129 ٢٠١4a-", max_size=14), st.data())
def test_years_are_the_four_digit_runs_of_19_or_20(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    runs = [m.span() for m in re.compile(r"\d+").finditer(text, start, end)]
    assert _years(text, start, end) == [(a, b) for a, b in runs if b - a == 4 and text[a:a + 2] in ("19", "20")]


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 40), st.booleans())
def test_the_coder_passes_find_what_each_lexicon_finds(seed: int, n_words: int, dated: bool) -> None:
    from marsad.claims.attribution import cue_lexicon, find_claims
    from marsad.events.actors import find_actors
    from marsad.events.dates import day_parts
    from marsad.events.fatalities import count_fatalities
    from marsad.events.passes import SentenceHits, document_hits
    from marsad.text.normalize import NormText

    rng = random.Random(seed)
    text = _text(rng, n_words)
    spans = _spans(rng, len(text))
    published = PUB if dated else None
    doc = document_hits(text, spans, published)
    assert doc.dates == find_dates_in(text, spans, published)
    assert doc.cues == cue_lexicon().find_spans(text, spans)
    assert doc.relative == relative_lexicon().find_spans(text, spans)
    norm = NormText.of(text)
    for i, (a, b) in enumerate(spans):
        found = SentenceHits(text, a, b)
        assert found.modifiers == lexicons.modifiers().find(text, a, b)
        assert found.nonevents == lexicons.nonevents().find(text, a, b)
        assert found.victims == victim_lexicon().find(text, a, b)
        assert found.country_adjectives == country_adj_lexicon().find(text, a, b)
        assert found.injuries == lexicons.injuries().find(text, a, b)
        actors = find_actors(text, a, b, found.actors)
        assert actors == find_actors(text, a, b)
        assert find_claims(norm, a, b, actors, doc.cues[i], found.sources) == find_claims(norm, a, b, actors)
        assert count_fatalities(text, a, b, found.fatalities) == count_fatalities(text, a, b)
        assert day_parts(text, a, b, doc.dates[i], doc.relative[i]) == day_parts(text, a, b, doc.dates[i])
