"""Arabic numbers in text: digits of both digit sets (normalised to ASCII) and number words.

``read_number(words, i)`` reads the number that starts at word ``i`` of a normalised,
clitic-split word list and returns (value, words used), e.g. "خمسه وعشرون" -> 25,
"ثلاثين الفا" -> 30000, "30 الفا" -> 30000, "عشرات" -> 10 (ACLED's convention), "مئات" -> 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad import resources
from marsad.text.lexicon import strip_proclitics
from marsad.text.normalize import normalize

_DIGITS = re.compile(r"^\d+(?:[.,٫]\d+)?$")
_POINT = re.compile(r"[.,٫]")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")


@dataclass(frozen=True, slots=True)
class NumberWords:
    units: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, int]
    nouns: dict[str, int]
    # every unit and vague word: a word that ends in none of them starts no number in words (the
    # bases that strip_proclitics gives of a word are all endings of it)
    endings: tuple[str, ...] = ()


@cache
def number_words() -> NumberWords:
    units: dict[str, int] = {}
    scales: dict[str, int] = {}
    vague: dict[str, int] = {}
    nouns: dict[str, int] = {}
    for r in resources.tsv("ar/numbers.tsv"):
        w, v, k = normalize(r["word"]), int(r["value"]), r["kind"]
        {"unit": units, "scale": scales, "vague": vague}.get(k, nouns)[w] = v
    return NumberWords(units, scales, vague, nouns, tuple(sorted({*units, *vague})))


def _base(word: str, table: dict[str, int]) -> str | None:
    for cand in strip_proclitics(word):
        if cand in table:
            return cand
    return None


def read_number(words: list[str], i: int) -> tuple[int, int] | None:
    """(value, number of words) of the number starting at ``words[i]``, or None."""
    nw = number_words()
    w = words[i]
    total = 0
    j = i
    if _DIGITS.match(w):
        total = int(_POINT.split(w)[0]) if not _THOUSANDS.match(w) else int(w.replace(",", ""))
        j = i + 1
    elif not w.endswith(nw.endings):
        return None  # neither a unit nor a vague figure, with or without clitics
    else:
        # number words joined by و: "خمسة وعشرون", "مائة وعشرين"
        first = True
        while j < len(words):
            cand = words[j]
            base = None
            if first:
                base = cand if cand in nw.units else _base(cand, nw.units)
            elif cand.startswith("و") and cand[1:] in nw.units:
                base = cand[1:]
            if base is None:
                break
            total += nw.units[base]
            j += 1
            first = False
        if j == i:
            base = words[i] if words[i] in nw.vague else _base(words[i], nw.vague)
            if base is None:
                return None
            return nw.vague[base], 1
    # a scale after the number: "30 الفا", "ثلاثين الف"
    if j < len(words):
        sc = words[j] if words[j] in nw.scales else _base(words[j], nw.scales)
        if sc is not None:
            total *= nw.scales[sc]
            j += 1
    return total, j - i
