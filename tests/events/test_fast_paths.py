"""The coder's shortcuts give what the plain computations give: the selection of hits that
overlap nowhere, the place mentions of each sentence placed by bisection, the death toll's
words looked up by bisection, and the dates of only the sentences asked for."""

from __future__ import annotations

import random
import re
from bisect import bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.events.coder import _places_by_sentence, _places_by_sentence_scan
from marsad.events.dates import dates_from_hits, find_dates_in
from marsad.events.fatalities import MIXED, _word_kinds, count_fatalities, fatality_bundle
from marsad.events.lexicons import select
from marsad.events.numbers import read_number
from marsad.places.geocode import Mention
from marsad.text.lexicon import LexMatch, _select
from marsad.text.normalize import normalize
from marsad.text.tokens import Sentence

from .test_bundles import PUB, _spans, _text

_hit = st.tuples(st.integers(0, 30), st.integers(1, 6), st.integers(0, 3), st.sampled_from("abc"))


@settings(max_examples=500, deadline=None)
@given(st.lists(_hit, max_size=8))
def test_select_is_the_lexicon_selection(rows: list[tuple[int, int, int, str]]) -> None:
    hits = [LexMatch(s, s + n, max(0, s - w), "k" * n, p) for s, n, w, p in rows]
    before = list(hits)
    assert select(hits) == _select(list(hits))
    assert hits == before  # the input is left as it was


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30), st.booleans())
def test_dates_of_some_sentences_are_theirs(seed: int, n_words: int, dated: bool) -> None:
    from marsad.events.passes import document_bundle, document_hits

    rng = random.Random(seed)
    text = _text(rng, n_words)
    spans = _spans(rng, len(text))
    published = PUB if dated else None
    every = find_dates_in(text, spans, published)
    only = {i for i in range(len(spans)) if rng.random() < 0.5}
    relative, months, _ = document_bundle().find_spans(text, spans, every=(1,))
    assert dates_from_hits(text, spans, published, relative, months, only) == \
        [found if i in only else [] for i, found in enumerate(every)]
    assert document_hits(text, spans, published, only).dates == \
        [found if i in only else [] for i, found in enumerate(every)]


_DATELINES = ["بغداد - رويترز: ", "عدن - د.ب.أ: ", "", "", "القاهرة – ", "في بغداد: "]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1), st.booleans())
def test_place_mentions_by_sentence(seed: int, ordered: bool) -> None:
    rng = random.Random(seed)
    sentences: list[Sentence] = []
    pos = 0
    for _ in range(rng.randrange(6)):
        text = rng.choice(_DATELINES) + "قصف " * rng.randrange(1, 6)
        pos += rng.randrange(3)
        sentences.append(Sentence(pos, pos + len(text), text))
        pos += len(text)
    if not ordered:
        rng.shuffle(sentences)
    mentions = [Mention(a, a + 3, "x", "", None, 1) for a in (rng.randrange(pos + 2) for _ in range(rng.randrange(12)))]
    groups = [mentions, mentions[::2], []]
    assert _places_by_sentence(groups, sentences) == [_places_by_sentence_scan(g, sentences) for g in groups]


# ``fatalities._count`` as it was written (each word looked for by enumeration), the reference
_WORD = re.compile(r"\S+")


def _count_reference(n: str, start: int, end: int, hits) -> int:  # type: ignore[no-untyped-def]
    death_hits, injury_hits, victim_hits = hits
    if not death_hits:
        return 0
    mixed = [(m.start(), m.end()) for k in MIXED for m in re.compile(re.escape(k)).finditer(n, start, end)]
    deaths = [d for d in _select(list(death_hits)) if not any(a <= d.start < b for a, b in mixed)]
    if not deaths:
        return 0
    seg = n[start:end]
    words = [(m.start() + start, m.end() + start, m.group().strip("،,.:؛()«»\"'")) for m in _WORD.finditer(seg)]
    texts = [w for _, _, w in words]
    kinds = _word_kinds()
    injuries = _select(list(injury_hits))
    inj_words = {i for i, (s, e, _) in enumerate(words) for h in injuries if s <= h.start < e}
    mixed_words = {i for i, (s, e, _) in enumerate(words) for a, b in mixed if s < b and a < e}
    by_word: dict[int, list[LexMatch]] = {}  # type: ignore[type-arg]
    starts = [s for s, _, _ in words]
    for m in victim_hits:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and m.end <= words[i][1]:
            by_word.setdefault(i, []).append(m)
    victims = {i: _select(found)[-1].payload[0] for i, found in by_word.items()}
    total = 0
    used: set[int] = set()
    for d in deaths:
        di = next((i for i, (s, e, _) in enumerate(words) if s <= d.start < e), None)
        if di is None or di in used:
            continue
        d_end = next((i for i, (s, e, _) in enumerate(words) if s < d.end <= e), di)
        together = d_end + 1 < len(texts) and kinds.get(texts[d_end + 1]) == "wounded"
        best = None
        for j in range(max(0, di - 4), min(len(words), d_end + 6)):
            if j in used or di <= j <= d_end:
                continue
            num = (1, 1) if j > d_end and kinds.get(texts[j]) == "one" else read_number(texts, j)
            if num is None:
                continue
            value, width = num
            after = j + width
            if after in inj_words or (j - 1) in inj_words or after in mixed_words:
                continue
            if after < len(texts) and kinds.get(texts[after]) == "age":
                continue
            if together and j < di:
                best = None
                used.add(di)
                break
            if value > 100000 or (1900 <= value <= 2100 and width == 1):
                continue
            dist = j - d_end if j > d_end else di - j
            if best is None or dist < best[0]:
                best = (dist, value, j)
        if di in used:
            continue
        if best is not None:
            total += best[1]
            used.update(range(best[2], best[2] + 1))
            used.add(di)
            continue
        number = victims.get(di) or next((victims[j] for j in range(d_end + 1, min(len(words), d_end + 3))
                                          if j in victims and j not in used), 0)
        if number:
            total += number
            used.add(di)
    return total


_TOLL_WORDS = [normalize(w) for w in (
    "قتل", "مقتل", "قتلى", "قتيل", "قتيلا", "جرحى", "اصابة", "أصيب", "جريح", "شخصا", "مدنيين", "جنديين", "أحد",
    "عشرات", "مئات", "خمسة", "وعشرون", "ثلاثين", "ألفا", "عاما", "بين", "وجريح", "وجرحى", "خسائر", "بشرية", "من",
    "في", "على", "الاقل", "7", "12", "2014", "150000", "لقي", "حتفه", "استشهد", "سقوط", "فيما", "قالت", "مصادر",
)]
_GLUE = [" ", " ", " ", "، ", ". ", "«", "» ", ")", " (", "-", ""]


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 25))
def test_the_toll_is_counted_as_word_by_word(seed: int, n_words: int) -> None:
    rng = random.Random(seed)
    text = normalize("".join(rng.choice(_TOLL_WORDS) + rng.choice(_GLUE) for _ in range(n_words)))
    a = rng.randrange(3) if len(text) > 3 else 0
    b = len(text) - (rng.randrange(3) if len(text) > 6 else 0)
    hits = fatality_bundle().matches(text, a, b)
    from marsad.events import fatalities

    assert fatalities._count(text, a, b, hits) == _count_reference(text, a, b, hits)
    assert count_fatalities(text, a, b) == count_fatalities(text, a, b, hits)



@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30))
def test_incident_verbs_of_a_window_are_the_lexicons(seed: int, n_words: int) -> None:
    from marsad.events import lexicons
    from marsad.events.passes import SentenceHits

    rng = random.Random(seed)
    verbs = [normalize(w.lstrip("!").rstrip("*")) for w, _ in lexicons.incident_verb_items()]
    words = verbs + ["هجوم", "انفجار", "الذي", "في", "بغداد"] + [w[:-1] for w in verbs if len(w) > 3]
    text = normalize("".join(rng.choice(["", "", "و", "ف", "ال", "ب"]) + rng.choice(words) + rng.choice(_GLUE)
                             for _ in range(n_words)))
    lex = lexicons.build(lexicons.incident_verb_items())
    a, b = sorted((rng.randrange(len(text) + 1), rng.randrange(len(text) + 1)))
    found = SentenceHits(text, a, b)
    for _ in range(5):
        x = rng.randrange(a, b + 1)
        y = min(b, x + rng.randrange(60))
        assert found.incident_verbs(x, y) == lex.find(text, x, y)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30))
def test_a_bundle_finds_the_same_without_the_compiled_scan(seed: int, n_words: int) -> None:
    from unittest import mock

    from marsad.events.passes import document_bundle, sentence_bundle
    from marsad.text import lexicon_scan

    rng = random.Random(seed)
    text = _text(rng, n_words)
    spans = _spans(rng, len(text)) or [(0, 0)]
    a, b = spans[0][0], spans[-1][1]
    for bundle in (sentence_bundle(), document_bundle()):
        compiled = bundle.matches(text, a, b), bundle.find_spans(text, spans, every=(1,))
        with mock.patch.object(lexicon_scan, "COMPILED", False):
            assert (bundle.matches(text, a, b), bundle.find_spans(text, spans, every=(1,))) == compiled


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("ابوقتل،.«» \t\n\xa0\u2028\u200b\x1c\x85"), max_size=40),
       st.integers(0, 5), st.integers(0, 5))
def test_the_words_split_cuts_are_the_words_of_the_word_pattern(text: str, lo: int, hi: int) -> None:
    """The coder reads a sentence's words with ``str.split`` where it takes their offsets from
    ``\\S+`` (salience, fatalities): both cut at the same characters."""
    start, end = min(lo, len(text)), max(min(lo, len(text)), len(text) - hi)
    assert [m.group() for m in re.compile(r"\S+").finditer(text, start, end)] == text[start:end].split()


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 30))
def test_dates_of_a_set_with_numbers_of_no_sentence(seed: int, n_words: int) -> None:
    """The coder's ``dated`` set holds numbers before the first sentence and past the last: the
    dates of a set are those of the same numbers in a list."""
    rng = random.Random(seed)
    text = _text(rng, n_words)
    spans = _spans(rng, len(text))
    from marsad.events.passes import document_bundle

    relative, months, _ = document_bundle().find_spans(text, spans, every=(1,))
    only = {rng.randrange(-4, len(spans) + 4) for _ in range(rng.randrange(0, 8))}
    assert dates_from_hits(text, spans, PUB, relative, months, only) == \
        dates_from_hits(text, spans, PUB, relative, months, sorted(only))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*MIXED, " ", "بين", "قتيل", "و", "x"]), max_size=12),
       st.integers(0, 80), st.integers(0, 80))
def test_mixed_phrases_are_found_as_their_patterns_find_them(words: list[str], a: int, b: int) -> None:
    from marsad.events.fatalities import _mixed_spans

    text = "".join(words)
    start, end = min(a, b), max(a, b)
    assert _mixed_spans(text, start, end) == [(m.start(), m.end()) for k in MIXED
                                              for m in re.compile(re.escape(k)).finditer(text, start, end)]
