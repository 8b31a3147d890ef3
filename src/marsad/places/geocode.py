"""Finding place names in Arabic text and resolving each to one gazetteer place.

1. Dictionary matching (clitic- and article-aware, longest multi-word name first) over the
   normalised text of the document body.
2. The word(s) just before a name say what it is (``data/places/idioms.tsv``): "محافظة X" a
   province (precision 3), "ريف X" / "قرب X" / "أطراف X" / "جنوب X" near a town (precision 2),
   "مدينة X" a town (1), "نهر X" water (dropped), "أبو X" / "الشيخ X" a person (dropped).
3. Disambiguation, document-wide: the countries and provinces the document is about (from
   names that are unambiguous: country names, provinces, large towns) come first, then the kind
   the idiom asks for, then population. A name covered by a PER entity is not a place.
4. Small places whose name is a single word and that nothing in the document supports (no
   idiom, not in a country the document talks about) are not taken: better no place than a
   wrong one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from marsad import resources
from marsad.model import Entity, Location
from marsad.places.gazetteer import Gazetteer, Place
from marsad.text.lexicon import Lexicon, LexMatch
from marsad.text.normalize import NormText

TOWN_KINDS = frozenset({"city", "town", "village"})
SUPPORT_POPULATION = 50_000  # a lone single-word town name below this needs support from context


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in the text, resolved (``place``) or not (``place`` is None)."""

    start: int  # original offsets of the name as written (article included, other clitics not)
    end: int
    text: str
    role: str  # idiom role before it ("" when none)
    place: Place | None
    precision: int
    cue_start: int = -1  # original offset where the idiom starts (e.g. "ريف"), -1 when none

    def location(self) -> Location:
        p = self.place
        assert p is not None
        return Location(text=self.text, name=p.name, country=p.country, admin1=p.admin1, lat=p.lat, lon=p.lon,
                        geonameid=p.geonameid, precision=self.precision, start=self.start, end=self.end,
                        kind=p.kind)


@cache
def idiom_lexicon() -> Lexicon[str]:
    lex: Lexicon[str] = Lexicon(min_key_chars=2)
    lex.add_all((r["cue"], r["role"]) for r in resources.tsv("places/idioms.tsv"))
    return lex.compile()


@dataclass(slots=True)
class _Hit:
    m: LexMatch[int]
    cands: list[Place]
    role: str
    cue_start: int  # normalised offset


class Geocoder:
    """Finds and resolves the place names of a document. Immutable once built."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.idioms = idiom_lexicon()

    def mentions(self, norm: NormText, spans: Iterable[tuple[int, int]], entities: Sequence[Entity] = (),
                 resolve_all: bool = False) -> list[Mention]:
        text = norm.original
        n = norm.norm
        hits: list[_Hit] = []
        for a, b in spans:
            na, nb = norm.to_norm(a), norm.to_norm(b)
            groups: dict[tuple[int, int], list[LexMatch[int]]] = {}
            for m in self.gaz.lexicon.find(n, na, nb):
                groups.setdefault((m.start, m.end), []).append(m)
            for ms in groups.values():
                m = ms[0]
                cands = _unique(self.gaz.places[x.payload] for x in ms)
                role, cue_start = self._idiom_before(n, m.word_start, na)
                hits.append(_Hit(m, cands, role, cue_start))
        per_spans = [(e.start, e.end) for e in entities if e.label == "PER"]
        countries, admin1s = self._context(hits)
        out: list[Mention] = []
        for h in hits:
            s, e = self._name_span(norm, h.m)
            if self._water_after(n, h.m.end):
                continue  # "الضفة الغربية لنهر دنيبرو": the bank of a river, not the West Bank
            if h.role in ("water", "person") or any(ps <= s and e <= pe for ps, pe in per_spans):
                continue
            if all(p.kind == "water" for p in h.cands):
                continue
            place, precision = self._resolve(h, countries, admin1s, resolve_all)
            cue = norm.to_original(h.cue_start) if h.cue_start >= 0 else -1
            out.append(Mention(s, e, text[s:e], h.role, place, precision, cue))
        return out

    # -- parts ---------------------------------------------------------------------------------

    def _idiom_before(self, n: str, word_start: int, floor: int) -> tuple[str, int]:
        """The idiom role of the word(s) just before ``word_start`` (within 2 words)."""
        lo = word_start
        for _ in range(3):  # up to three words back: "بالقرب من", "جنوب شرقي"
            lo = n.rfind(" ", floor, max(lo - 1, floor))
            if lo < 0:
                lo = floor
                break
        window_start = max(lo, floor)
        best: tuple[str, int] = ("", -1)
        for m in self.idioms.iter_matches(n, window_start, word_start):
            gap = n[m.end:word_start]
            if gap.strip() == "" and (best[1] < 0 or m.word_start < best[1]):
                best = (m.payload, m.word_start)
        return best

    def _water_after(self, n: str, end: int) -> bool:
        """Whether the next word is a water noun ("الضفة الغربية لنهر ...")."""
        nxt = end + len(n[end:end + 12]) - len(n[end:end + 12].lstrip())
        return any(m.payload == "water" and m.word_start == nxt
                   for m in self.idioms.iter_matches(n, nxt, min(len(n), end + 12)))

    @staticmethod
    def _name_span(norm: NormText, m: LexMatch[int]) -> tuple[int, int]:
        n = norm.norm
        s = m.start
        if s - m.word_start >= 2 and n[s - 2:s] == "ال":
            s -= 2
        return norm.span_to_original(s, m.end)

    def _context(self, hits: list[_Hit]) -> tuple[Counter[str], Counter[str]]:
        """Countries and provinces the document is about, from names that are not ambiguous."""
        countries: Counter[str] = Counter()
        admin1s: Counter[str] = Counter()
        for h in hits:
            if h.role in ("water", "person"):
                continue
            strong = [p for p in h.cands if p.kind in ("country", "admin1", "region")
                      or p.population >= 100_000 or p.kind in ("district", "neighbourhood", "area")]
            cc = {p.country for p in strong if p.country}
            if len(cc) == 1:
                c = cc.pop()
                countries[c] += 1
                for p in strong:
                    if p.admin1:
                        admin1s[p.admin1] += 1
        return countries, admin1s

    def _resolve(self, h: _Hit, countries: Counter[str], admin1s: Counter[str],
                 resolve_all: bool) -> tuple[Place | None, int]:
        role = h.role
        best: Place | None = None
        best_score = -math.inf
        for p in h.cands:
            if p.kind == "water":
                continue
            score = 0.0
            if p.country and countries:
                score += 3.0 * min(countries[p.country], 3) / 3 + (1.0 if countries[p.country] else -1.0)
            if p.admin1 and admin1s[p.admin1]:
                score += 1.0
            score += 0.4 * math.log10(p.population + 10)
            if role == "province":
                score += 6.0 if p.kind == "admin1" else (2.0 if p.kind == "region" else 0.0)
            elif role == "direction":  # "شمالي الكاميرون", "جنوب مدينة X": towns, regions and countries alike
                score += 2.0 if p.kind != "admin1" else 1.0
            elif role in ("town", "near", "centre", "district"):
                score += 4.0 if p.kind in TOWN_KINDS else (-2.0 if p.kind == "admin1" else 0.0)
            elif role == "country":
                score += 6.0 if p.kind == "country" else 0.0
            else:
                # a bare name: the town (or region/country) rather than the province of the same name
                score += {"country": 3.0, "region": 2.5, "admin1": -0.5}.get(p.kind, 1.0)
                if p.kind in ("district", "neighbourhood", "area", "base", "port", "airport", "crossing"):
                    score += 2.0
            if score > best_score:
                best, best_score = p, score
        if best is None:
            return None, 0
        if not resolve_all and not self._supported(best, h, countries):
            return None, 0
        return best, _precision(best, role)

    @staticmethod
    def _supported(p: Place, h: _Hit, countries: Counter[str]) -> bool:
        if p.kind not in TOWN_KINDS:
            return True
        if h.role in ("town", "near", "centre", "district", "direction", "province"):
            return True
        if countries[p.country]:
            return True
        return (p.population >= SUPPORT_POPULATION and " " not in h.m.key) or (p.population >= 10_000 and " " in h.m.key)


def _precision(p: Place, role: str) -> int:
    if p.kind in TOWN_KINDS:
        if role in ("near", "direction", "district"):
            return 2
        if role == "province":
            return 3
        return 1
    if p.kind == "admin1" or p.kind == "country":
        return 3
    if role in ("near", "direction") and p.precision < 2:
        return 2
    return p.precision or 2


def _unique(places: Iterable[Place]) -> list[Place]:
    seen: set[tuple[int, str, str]] = set()
    out = []
    for p in places:
        k = (p.geonameid, p.kind, p.name)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out
