"""Fatalities by ACLED's conservative rules, from one sentence.

A death word (مقتل، قتل، قتلى، لقي حتفه، استشهاد ...: the ``@kill`` triggers) with a figure
next to it: digits, number words ("خمسة وعشرون", "ثلاثين ألفا"), "عشرات" = 10, "مئات" = 100,
"أكثر من N" = N. A figure next to an injury word (جرحى، أصيب) is not a death. Without a
figure: a singular victim noun = 1, a dual = 2, a plural ("قتلى", "مقتل مسلحين") = 3.
Dead and wounded given together without a split ("بين قتيل وجريح") count 0.
"""

from __future__ import annotations

import re
from functools import cache

from marsad.events import lexicons
from marsad.events.actors import victim_lexicon
from marsad.events.numbers import read_number
from marsad.text.lexicon import Lexicon

_WORD = re.compile(r"\S+")
MIXED = ("بين قتيل وجريح", "بين قتيل و جريح", "بين قتلي وجرحي", "خسائر بشريه", "بين قتيل ومصاب")


@cache
def _death_lexicon() -> Lexicon[int]:
    from marsad import resources

    lex: Lexicon[int] = Lexicon(min_key_chars=2)
    for r in resources.tsv("events/triggers.tsv"):
        if r["event_type"] == "@kill":
            lex.add(r["pattern"], 0)
    return lex.compile()


def count_fatalities(n: str, start: int, end: int) -> int:
    """Deaths reported in the normalised sentence ``n[start:end]`` (0 when none)."""
    seg = n[start:end]
    if any(m in seg for m in MIXED):
        return 0
    deaths = _death_lexicon().find(n, start, end)
    if not deaths:
        return 0
    words = [(m.start() + start, m.end() + start, m.group().strip("،,.:؛()«»\"'")) for m in _WORD.finditer(seg)]
    texts = [w for _, _, w in words]
    injuries = lexicons.injuries().find(n, start, end)
    inj_words = {i for i, (s, e, _) in enumerate(words) for h in injuries if s <= h.start < e}
    victims = {i: v.payload[0] for i, (s, e, _) in enumerate(words) for v in victim_lexicon().find(n, s, e)}
    total = 0
    used: set[int] = set()
    for d in deaths:
        di = next((i for i, (s, e, _) in enumerate(words) if s <= d.start < e), None)
        if di is None or di in used:
            continue
        d_end = next((i for i, (s, e, _) in enumerate(words) if s < d.end <= e), di)
        best: tuple[int, int, int] | None = None  # (distance, value, index)
        for j in range(max(0, di - 4), min(len(words), d_end + 6)):  # "مقتل ما لا يقل عن 7"
            if j in used or di <= j <= d_end:
                continue
            num = read_number(texts, j)
            if num is None:
                continue
            value, width = num
            after = j + width
            if after in inj_words or (j - 1) in inj_words:
                continue  # "5 جرحى", "اصابة 5"
            if value > 100000 or (1900 <= value <= 2100 and width == 1):
                continue  # a year, not a toll
            dist = j - d_end if j > d_end else di - j
            if best is None or dist < best[0]:
                best = (dist, value, j)
        if best is not None:
            total += best[1]
            used.update(range(best[2], best[2] + 1))
            used.add(di)
            continue
        # no figure: the victim noun (or the death word itself) says singular, dual or plural
        number = victims.get(di) or next((victims[j] for j in range(d_end + 1, min(len(words), d_end + 3))
                                          if j in victims and j not in used), 0)
        if number:
            total += number
            used.add(di)
    return total
