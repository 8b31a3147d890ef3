"""Fatalities by ACLED's conservative rules, from one sentence.

A death word (مقتل، قتل، قتلى، لقي حتفه، استشهاد ...: the ``@kill`` triggers) with a figure
next to it: digits, number words ("خمسة وعشرون", "ثلاثين ألفا"), "عشرات" = 10, "مئات" = 100,
"أكثر من N" = N. A figure next to an injury word (جرحى، أصيب) is not a death. Without a
figure: a singular victim noun = 1, a dual = 2, a plural ("قتلى", "مقتل مسلحين") = 3.
Dead and wounded given together without a split ("بين قتيل وجريح", "10 قتلى وجرحى") count 0;
"قتلى وجرحى" with no figure is a plural of dead (3). "أحد" after a death word is one dead
("مقتل أحد جنوده"); a figure followed by a unit of age or time ("«32 عاماً»") is not a toll.
The extra words are in ``events/fatality_words.tsv``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import repeat
from typing import Any

from marsad import resources
from marsad.events import lexicons
from marsad.events.actors import victim_items
from marsad.events.lexicons import Bundle, Items, build, select
from marsad.events.numbers import read_number
from marsad.text.lexicon import Lexicon, LexMatch
from marsad.text.normalize import normalize

_WORD = re.compile(r"\S+")
_EDGE = "،,.:؛()«»\"'"
MIXED = ("بين قتيل وجريح", "بين قتيل و جريح", "بين قتلي وجرحي", "خسائر بشريه", "بين قتيل ومصاب")


@cache
def death_items() -> Items:
    """The death words: the ``@kill`` triggers and the death words of ``fatality_words.tsv``."""
    return tuple([(r["pattern"], 0) for r in resources.tsv("events/triggers.tsv") if r["event_type"] == "@kill"]
                 + [(r["pattern"], 0) for r in resources.tsv("events/fatality_words.tsv") if r["kind"] == "death"])


@cache
def _death_lexicon() -> Lexicon[int]:
    return build(death_items())


@cache
def fatality_bundle() -> Bundle:
    """The death words, the injury words and the victim nouns, in one pass (in that order)."""
    return Bundle([(death_items(), 2), (lexicons.injury_items(), 2), (victim_items(), 2)])


@cache
def _word_kinds() -> dict[str, str]:
    """Normalised word -> kind ("one", "age") of the plain words of ``fatality_words.tsv``."""
    return {normalize(r["pattern"]): r["kind"] for r in resources.tsv("events/fatality_words.tsv")
            if r["kind"] != "death"}


@cache
def _other_sources() -> tuple[str, ...]:
    """The phrases that bring in a second source's figures ("مصادر أخرى"), between spaces."""
    return tuple(" " + w + " " for w, kind in _word_kinds().items() if kind == "other_source")


def _mixed_spans(n: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the phrases of ``MIXED`` in ``n[start:end]``, phrase by phrase, each's
    occurrences left to right, not overlapping (what ``re.finditer`` of each phrase gives), by
    ``str.find``: most sentences hold none, and a search of the five costs less than five
    regex iterations."""
    out: list[tuple[int, int]] = []
    find = n.find
    for k in MIXED:
        i = find(k, start, end)
        while i >= 0:
            out.append((i, i + len(k)))
            i = find(k, i + len(k), end)
    return out


FatalityHits = Sequence[list[LexMatch[Any]]]  # every hit (``Bundle.matches``) of the death, injury and victim words


def count_fatalities(n: str, start: int, end: int, hits: FatalityHits | None = None) -> int:
    """Deaths reported in the normalised sentence ``n[start:end]`` (0 when none). Two sources'
    figures in one sentence ("... فيما قالت مصادر أخرى إن ...") are not added: the lower counts.
    ``hits``: ``fatality_bundle().matches(n, start, end)`` (or the same three lists from a larger
    bundle), when the caller has them."""
    if hits is None:
        hits = fatality_bundle().matches(n, start, end)
    if not hits[0]:
        return 0  # no death word: no toll, however the sentence is cut
    cut = min((i for i in (n.find(k, start, end) for k in _other_sources()) if i > start), default=-1)
    if cut > 0:
        first = _count(n, start, cut, _within(hits, start, cut))
        second = count_fatalities(n, cut, end, _within(hits, cut, end))
        return min(first, second) if first and second else first + second
    return _count(n, start, end, hits)


def _within(hits: FatalityHits, start: int, end: int) -> list[list[LexMatch[Any]]]:
    """The hits that lie inside ``[start, end)``: what a pass over that span alone finds."""
    return [[m for m in member if start <= m.start and m.end <= end] for member in hits]


def _victims_by_word(starts: list[int], ends: list[int], victims: list[LexMatch[Any]]) -> dict[int, int]:
    """Word index -> number (the payload's first field) of the victim nouns of each word (spans
    ``starts[i]:ends[i]``): what ``victim_lexicon().find`` gives within each word (the last of
    its hits), from the hits of one pass over the sentence (hits that span words are not a word's)."""
    by_word: dict[int, list[LexMatch[Any]]] = {}
    for m in victims:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and m.end <= ends[i]:
            by_word.setdefault(i, []).append(m)
    return {i: select(found)[-1].payload[0] for i, found in by_word.items()}


def _word_at(starts: list[int], ends: list[int], pos: int) -> int | None:
    """The index of the word (spans ``starts[i]:ends[i]``, in order) that holds ``pos``, or None."""
    i = bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < ends[i] else None


def _count(n: str, start: int, end: int, hits: FatalityHits) -> int:
    death_hits, injury_hits, victim_hits = hits
    if not death_hits:
        return 0
    mixed = _mixed_spans(n, start, end)
    # a death word inside "بين قتيل وجريح" counts nobody
    deaths = [d for d in select(death_hits) if not any(a <= d.start < b for a, b in mixed)]
    if not deaths:
        return 0
    # the words (\S+, as str.split cuts them) and their forms without edge punctuation
    found = list(_WORD.finditer(n, start, end))
    texts = list(map(str.strip, n[start:end].split(), repeat(_EDGE)))
    starts = list(map(re.Match.start, found))
    ends = list(map(re.Match.end, found))
    kinds = _word_kinds()
    injuries = select(injury_hits)
    inj_words = {i for i in (_word_at(starts, ends, h.start) for h in injuries) if i is not None}
    # the words a mixed phrase overlaps: from the first that ends after its start to the last
    # that starts before its end
    mixed_words = {i for a, b in mixed for i in range(bisect_right(ends, a), bisect_left(starts, b))}
    victims = _victims_by_word(starts, ends, victim_hits)
    total = 0
    used: set[int] = set()
    for d in deaths:
        di = _word_at(starts, ends, d.start)
        if di is None or di in used:
            continue
        k = bisect_left(ends, d.end)  # the first word that ends at or after the death word's end
        d_end = k if k < len(texts) and starts[k] < d.end else di
        together = d_end + 1 < len(texts) and kinds.get(texts[d_end + 1]) == "wounded"  # "قتلى وجرحى"
        best: tuple[int, int, int] | None = None  # (distance, value, index)
        for j in range(max(0, di - 4), min(len(texts), d_end + 6)):  # "مقتل ما لا يقل عن 7"
            if j in used or di <= j <= d_end:
                continue
            if j > d_end and kinds.get(texts[j]) == "one":
                num: tuple[int, int] | None = (1, 1)  # "مقتل احد جنوده"
            else:
                num = read_number(texts, j)
            if num is None:
                continue
            value, width = num
            after = j + width
            if after in inj_words or (j - 1) in inj_words or after in mixed_words:
                continue  # "5 جرحى", "اصابة 5", "10 اشخاص بين قتيل وجريح"
            if after < len(texts) and kinds.get(texts[after]) == "age":
                continue  # "«32 عاما»": an age, not a toll
            if together and j < di:
                best = None
                used.add(di)
                break  # "10 قتلى وجرحى": no split
            if value > 100000 or (1900 <= value <= 2100 and width == 1):
                continue  # a year, not a toll
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
        # no figure: the victim noun (or the death word itself) says singular, dual or plural
        number = victims.get(di) or next((victims[j] for j in range(d_end + 1, min(len(texts), d_end + 3))
                                          if j in victims and j not in used), 0)
        if number:
            total += number
            used.add(di)
    return total
