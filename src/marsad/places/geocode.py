"""Finding place names in Arabic text and resolving each to one gazetteer place.

1. Dictionary matching (clitic- and article-aware, longest multi-word name first) over the
   normalised text of the document body.
2. The word(s) just before a name say what it is (``data/places/idioms.tsv``): "محافظة X" a
   province (precision 3), "ريف X" / "قرب X" / "أطراف X" / "جنوب X" near a town (precision 2),
   "مدينة X" a town (1), "نهر X" water (dropped), "أبو X" / "الشيخ X" a person (dropped);
   "طريق X" / "مفرق X" a road or junction named after X (precision 2, or the district the
   text puts it in: "مفرق X في مديرية Y" is in Y).
3. Disambiguation, document-wide: the countries and provinces the document is about (from
   names that are unambiguous: country names, provinces, large towns) come first, then the kind
   the idiom asks for, then population. A name covered by a PER entity is not a place.
4. Small places whose name is a single word and that nothing in the document supports (no
   idiom, not in a country the document talks about) are not taken: better no place than a
   wrong one. Names that are also ordinary words (``weak_names.txt``) need the document to be
   about their country; a name read after a clitic ("كاتو" as ك + "اتو") needs more support
   than the bare name; a neighbourhood or area of a country the rest of the document does
   not name is not taken.
5. A name the gazetteer does not know, written after a place noun ("منطقة X", "قرية X",
   "مديرية X", "حي X"), is coded to the nearest known town the same sentence names (ACLED: a
   small place not found -> the nearest named town, precision 2), or to the province it names
   (precision 3); nothing is guessed when the sentence names neither. "وسط/أطراف المدينة"
   (the city) is the town named last before it.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from marsad import resources
from marsad.model import Entity, Location
from marsad.places.gazetteer import Gazetteer, Place
from marsad.text.lexicon import Lexicon, LexMatch
from marsad.text.normalize import NormText, normalize

_new_tuple = tuple.__new__

TOWN_KINDS = frozenset({"city", "town", "village"})
LOCAL_KINDS = frozenset({"district", "neighbourhood", "area", "base", "crossing", "port", "airport"})
SUPPORT_POPULATION = 50_000  # a lone single-word town name below this needs support from context
LOCATIVE_SUPPORT_POPULATION = 10_000  # the same right after "في"
# the same after a clitic ("فرانس" = ف + رانس) or in an article about other countries
CLITIC_SUPPORT_POPULATION = 200_000

# Place nouns after which an unknown name is still a place ("منطقة X"), normalised; the dual
# forms ("منطقتي X وY") name two places.
_SENTENCE_END = ".!?؟\n"
_THE_CITY = "المدينه"
# idiom roles that say a town's name is one ("مدينة X", "قرب X", ...), and those of an area or district
_SUPPORTING_ROLES = frozenset({"town", "near", "centre", "district", "direction", "province", "area", "route"})
_AREA_ROLES = frozenset({"area", "quarter", "district"})
_CITY_ROLES = frozenset({"centre", "near", "direction"})  # "وسط/أطراف/شمال المدينة": the town named last


@cache
def _compound_heads() -> frozenset[str]:
    """First words of compound names: the name goes on to the next word ("دار سعد", "بئر قصب")."""
    return frozenset(resources.lines("places/compound_heads.txt"))


@cache
def _not_names() -> frozenset[str]:
    """Words that follow a place noun without being a name ("منطقة أخرى", "حي سكني")."""
    return frozenset(resources.lines("places/not_names.txt"))


class Mention(NamedTuple):
    """A place name found in the text, resolved (``place``) or not (``place`` is None). A named
    tuple, not a dataclass: the geocoder makes ~15 a document, and a tuple is made several times
    faster (``tuple.__new__``)."""

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
        # positional: Location(text, name, country, admin1, lat, lon, geonameid, precision, start, end, kind)
        return Location(self.text, p.name, p.country, p.admin1, p.lat, p.lon, p.geonameid, self.precision,
                        self.start, self.end, p.kind)


@cache
def _unknown_name_nouns() -> dict[str, bool]:
    """Place nouns after which an unknown name is still a place (``idioms.tsv`` column
    ``unknown``): normalised noun -> whether it is a dual (two names follow)."""
    return {normalize(r["cue"]): r["unknown"] == "two" for r in resources.tsv("places/idioms.tsv")
            if r["unknown"] in ("one", "two")}


@cache
def idiom_lexicon() -> Lexicon[str]:
    lex: Lexicon[str] = Lexicon(min_key_chars=2)
    lex.add_all((r["cue"], r["role"]) for r in resources.tsv("places/idioms.tsv"))
    return lex.compile()


@dataclass(frozen=True, slots=True)
class _Cands:
    """The candidate places of a name (the payloads of one dictionary key), with what the
    document context takes from them (:meth:`Geocoder.mentions`, :meth:`Geocoder._best`)."""

    places: list[Place]
    all_water: bool
    country: str  # the one country of the strong candidates ("" when none or several)
    admin1s: tuple[str, ...]  # when ``country``: the provinces of the strong candidates, in order
    log_pop: tuple[float, ...]  # per place: 0.4 * log10(population + 10), its share of the score
    single: Place | None  # the one candidate (not water), when there is one: no score to compare
    # per idiom role (filled when first needed): the non-water places with their country, province
    # and score for each value of the document's part of it (see :meth:`Geocoder._best`)
    tables: dict[str, tuple[tuple[Place, str, str, tuple[float, ...]], ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, places: list[Place]) -> _Cands:
        strong = [p for p in places if p.kind in ("country", "admin1", "region")
                  or p.population >= 100_000 or p.kind in ("district", "neighbourhood", "area")]
        cc = {p.country for p in strong if p.country}
        country = next(iter(cc)) if len(cc) == 1 else ""
        admin1s = tuple(p.admin1 for p in strong if p.admin1) if country else ()
        return cls(places, all(p.kind == "water" for p in places), country, admin1s,
                   tuple(0.4 * math.log10(p.population + 10) for p in places),
                   places[0] if len(places) == 1 and places[0].kind != "water" else None)

    def table(self, role: str) -> tuple[tuple[Place, str, str, tuple[float, ...]], ...]:
        found = self.tables.get(role)
        if found is None:
            found = self.tables.setdefault(role, tuple(
                (p, p.country, p.admin1, tuple(_score(float(ca), log_pop, p.kind, role) for ca in _CONTEXT_SCORES))
                for p, log_pop in zip(self.places, self.log_pop, strict=True) if p.kind != "water"))
        return found


class _Hit(NamedTuple):
    """A dictionary hit of the document with its candidates and the idiom before it."""

    m: LexMatch[int]
    cands: _Cands
    role: str
    cue_start: int  # normalised offset
    own: str  # the country the hit adds to the document's context ("" when none)


class _Idioms:
    """The idiom matches of one text, found in one pass and answered per window: the matches
    lying inside ``[lo, hi)`` are those ``Lexicon.iter_matches(n, lo, hi)`` gives (its checks
    look at the whole text, not at the window), in the same order.

    ``before[q]``: the matches followed by nothing but white space up to ``q`` (the first other
    character after them), in order; ``water_end[w]``: the least end of a water noun whose word
    starts at ``w``; ``unknown``: the matches, in order, after which an unknown name may be a place
    (:meth:`Geocoder._unknown_names`), with whether their noun is a dual: a place noun without
    clitics ("منطقة", not "المنطقة"), or (dual None) a "centre", "near" or "direction" idiom that
    spaces alone separate from "المدينة"."""

    def __init__(self, lexicon: Lexicon[str], n: str) -> None:
        self.matches = lexicon.matches(n)  # in order of their ends
        self.ends = [m.end for m in self.matches]
        self.before: dict[int, list[LexMatch[str]]] = {}
        self.water_end: dict[int, int] = {}
        self.unknown: list[tuple[LexMatch[str], bool | None]] = []
        size = len(n)
        nouns = _unknown_name_nouns()
        before, water_end, unknown = self.before, self.water_end, self.unknown
        for m in self.matches:
            start, end, word_start, _, payload = m
            q = end
            while q < size and n[q].isspace():
                q += 1
            if q in before:
                before[q].append(m)
            else:
                before[q] = [m]
            if payload == "water" and end < water_end.get(word_start, size + 1):
                water_end[word_start] = end
            if word_start == start:
                dual = nouns.get(n[start:end])
                if dual is not None or (payload in _CITY_ROLES and n.startswith(_THE_CITY, _skip_space(n, end, size))):
                    unknown.append((m, dual))

    def within(self, lo: int, hi: int) -> list[LexMatch[str]]:
        i = bisect_left(self.ends, lo + 1)
        j = bisect_right(self.ends, hi)
        return [m for m in self.matches[i:j] if m.start >= lo]


class _Covering:
    """Whether one of some spans covers a span: ``any(a <= s and e <= b for a, b in spans)`` by
    bisection (the spans by start, with the greatest end so far)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []
        far = -1
        for _, b in ordered:
            far = max(far, b)
            self.reach.append(far)

    def covers(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s)
        return i > 0 and self.reach[i - 1] >= e


def _foreign(countries: dict[str, int], own: str) -> bool:
    """``any(k > (1 if own == c else 0) for c, k in countries.items())``: the document names a
    country other than the one a name adds itself (the counts are all >= 1)."""
    if len(countries) != 1:
        return len(countries) > 1
    ((c, k),) = countries.items()
    return c != own or k > 1


class Geocoder:
    """Finds and resolves the place names of a document. Immutable once built (but for a cache
    of the candidates of each dictionary key met, with their score tables per idiom role)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.idioms = idiom_lexicon()
        self._cands: dict[tuple[int, ...], _Cands] = {}

    def _candidates(self, payloads: tuple[int, ...]) -> _Cands:
        found = self._cands.get(payloads)
        if found is None:
            places = self.gaz.places
            found = self._cands.setdefault(payloads, _Cands.of(_unique(places[x] for x in payloads)))
        return found

    def mentions(self, norm: NormText, spans: Iterable[tuple[int, int]], entities: Sequence[Entity] = (),
                 resolve_all: bool = False) -> list[Mention]:
        text = norm.original
        n = norm.norm
        spans = list(spans)
        hits: list[_Hit] = []
        idioms: _Idioms | None = None
        # the countries and provinces the document is about, from names that are not ambiguous
        # (each hit keeps the country it adds itself, so that a name is not its own support)
        countries: dict[str, int] = {}  # country -> how many names add it
        admin1s: dict[str, int] = {}
        find_grouped = self.gaz.lexicon.find_grouped
        candidates = self._cands
        before: dict[int, list[LexMatch[str]]] = {}
        for a, b in spans:
            na, nb = norm.to_norm(a), norm.to_norm(b)
            found = find_grouped(n, na, nb)
            if not found:
                continue
            if idioms is None:
                idioms = _Idioms(self.idioms, n)
                before = idioms.before
            for m, payloads in found:
                if m.word_start in before:
                    role, cue_start = self._idiom_before(n, m.word_start, na, idioms)
                else:
                    role, cue_start = "", -1
                cands = candidates.get(payloads) or self._candidates(payloads)
                own = cands.country
                if own and role != "water" and role != "person":
                    countries[own] = countries.get(own, 0) + 1
                    for a1 in cands.admin1s:
                        admin1s[a1] = admin1s.get(a1, 0) + 1
                else:
                    own = ""
                hits.append(_new_tuple(_Hit, (m, cands, role, cue_start, own)))
        if not hits:
            return []
        assert idioms is not None
        pers = [(e.start, e.end) for e in entities if e.label == "PER"]
        persons = _Covering(pers) if pers else None
        water = idioms.water_end
        best_of: dict[tuple[int, str], Place | None] = {}  # the best candidate by (cands, role) in this document
        weak = self.gaz.weak
        to_original = norm.to_original
        span_to_original = norm.span_to_original
        out: list[Mention] = []
        resolved: list[tuple[int, Mention]] = []  # the resolved ones by their normalised start
        supported = self._supported
        for m, cands, role, cue_start, own in hits:
            if role == "water" or role == "person" or cands.all_water:
                continue
            start, end, word_start = m.start, m.end, m.word_start
            if water and self._water_after(n, end, idioms):
                continue  # "الضفة الغربية لنهر دنيبرو": the bank of a river, not the West Bank
            ns = start  # the name as written: with its article, without other clitics
            if ns - word_start >= 2 and n[ns - 2:ns] == "ال":
                ns -= 2
            s, e = span_to_original(ns, end)
            if persons is not None and persons.covers(s, e):
                continue
            if role == "route" and self._inside_after(n, end, idioms):
                continue  # "مفرق X في مديرية Y": a junction in Y named after X; Y is the place
            best = cands.single
            if best is None:
                memo = (id(cands), role)
                if memo in best_of:
                    best = best_of[memo]
                else:
                    best = best_of[memo] = self._best(cands, role, countries, admin1s)
            precision = 0
            if best is not None:
                if resolve_all or supported(best, m, role, countries, own, n, weak):
                    precision = _precision(best, role)
                else:
                    best = None
            mention = _new_tuple(Mention, (s, e, text[s:e], role, best, precision,
                                           to_original(cue_start) if cue_start >= 0 else -1))
            out.append(mention)
            if best is not None:
                resolved.append((ns, mention))
        extra = self._unknown_names(norm, spans, hits, out, resolved, idioms)
        if extra:
            out = sorted(out + extra, key=lambda m: m.start)
        return out

    # -- parts ---------------------------------------------------------------------------------

    def _idiom_before(self, n: str, word_start: int, floor: int, idioms: _Idioms) -> tuple[str, int]:
        """The idiom role of the word(s) just before ``word_start`` (within 2 words): of the
        idioms that only white space separates from it (``word_start`` is no white space), the
        one that starts first."""
        before = idioms.before.get(word_start)
        if not before:
            return "", -1
        lo = word_start
        for _ in range(3):  # up to three words back: "بالقرب من", "جنوب شرقي"
            lo = n.rfind(" ", floor, max(lo - 1, floor))
            if lo < 0:
                lo = floor
                break
        window_start = max(lo, floor)
        best: tuple[str, int] = ("", -1)
        for m in before:
            if m.start >= window_start and (best[1] < 0 or m.word_start < best[1]):
                best = (m.payload, m.word_start)
        return best

    def _water_after(self, n: str, end: int, idioms: _Idioms) -> bool:
        """Whether the next word is a water noun ("الضفة الغربية لنهر ...")."""
        nxt = end + len(n[end:end + 12]) - len(n[end:end + 12].lstrip())
        water_end = idioms.water_end.get(nxt)
        return water_end is not None and water_end <= min(len(n), end + 12)

    def _inside_after(self, n: str, end: int, idioms: _Idioms) -> bool:
        """Whether the name is followed by "في/ب" and a district, province or area noun."""
        i = _skip_space(n, end, len(n))
        if n.startswith("في ", i):
            i = _skip_space(n, i + 3, len(n))
        elif n.startswith("ب", i):
            i += 1
        else:
            return False
        return any(m.start == i and m.payload in ("district", "province", "area")
                   for m in idioms.within(i, min(len(n), i + 16)))

    @staticmethod
    def _best(cands: _Cands, role: str, countries: dict[str, int], admin1s: dict[str, int]) -> Place | None:
        """The candidate of the highest score (the first of equal ones) in a document whose
        names add ``countries`` and ``admin1s``: the document's part of a place's score is
        ``3 * min(k, 3) / 3 + (1 if k else -1)`` for the ``k`` names of its country (when the
        document names any country), plus 1 when a name adds its province; the rest is the
        place's own (:func:`_score`)."""
        best: Place | None = None
        best_score = -math.inf
        for p, country, admin1, scores in cands.table(role):
            ca = 1
            if country and countries:
                ca = _COUNTRY_PART[min(countries.get(country, 0), 3)]
            if admin1 and admin1s.get(admin1, 0):
                ca += 1
            score = scores[ca]
            if score > best_score:
                best, best_score = p, score
        return best

    @staticmethod
    def _supported(p: Place, m: LexMatch[int], role: str, countries: dict[str, int], own: str, n: str,
                   weak: frozenset[str]) -> bool:
        # support from the rest of the document: the country named by other names
        pc = p.country
        k = countries.get(pc, 0) if pc else 0
        elsewhere = k - (1 if own == pc else 0) > 0
        if m.key in weak:
            return elsewhere
        kind = p.kind
        if kind in LOCAL_KINDS and not role and not elsewhere and any(
                c != pc and kc > (1 if own == c else 0) for c, kc in countries.items()):
            return False  # "المنطقة الخضراء" in an article about Yemen is not Baghdad's Green Zone
        if kind not in TOWN_KINDS:
            return True
        foreign = _foreign(countries, own)
        if role in _AREA_ROLES and foreign and not elsewhere and p.population < CLITIC_SUPPORT_POPULATION:
            return False  # "منطقة الفاو" in an article about Yemen is not Iraq's Faw
        if role in _SUPPORTING_ROLES:
            return True
        clitic = n[m.word_start:m.start] if n else ""
        if clitic.endswith("ال"):
            clitic = clitic[:-2]
        if "ك" in clitic and not elsewhere:
            return False  # "كبيرا" is not ك + Beira: "as X" is rare before a town nobody else names
        if k and "ف" not in clitic:
            return True
        if " " in m.key:
            return p.population >= 10_000
        # a town of a country the rest of the document does not name at all needs to be large
        if "ف" in clitic or foreign:
            return p.population >= CLITIC_SUPPORT_POPULATION
        if n and n[max(0, m.word_start - 3):m.word_start] == "في ":
            # "في تكريت": a locative names a place; GeoNames' populations of towns of the news
            # are often old and small (Tikrit 42,000)
            return p.population >= LOCATIVE_SUPPORT_POPULATION
        return p.population >= SUPPORT_POPULATION

    # -- names the gazetteer does not know ------------------------------------------------------

    def _unknown_names(self, norm: NormText, spans: Iterable[tuple[int, int]], hits: list[_Hit],
                       out: list[Mention], resolved: list[tuple[int, Mention]], idioms: _Idioms) -> list[Mention]:
        """Unknown names after a place noun, coded to a known place of the same sentence
        (``resolved``: the mentions of ``out`` that have a place, by their normalised start)."""
        if not idioms.unknown:
            return []
        n = norm.norm
        resolved_at = {pos for pos, _ in resolved}
        known = {h.m.word_start: h for h in hits}
        extra: list[Mention] = []
        taken: set[tuple[int, int]] = set()  # the spans of ``resolved`` and ``extra`` (once there is one)

        def add(s: int, e: int, role: str, place: Place, prec: int, cue_start: int) -> None:
            os_, oe = norm.span_to_original(s, e)
            if not taken:
                taken.update((m.start, m.end) for _, m in resolved)
            if (os_, oe) not in taken:
                taken.add((os_, oe))
                extra.append(Mention(os_, oe, norm.original[os_:oe], role, place, prec, norm.to_original(cue_start)))

        for a, b in spans:
            na, nb = norm.to_norm(a), norm.to_norm(b)
            for cue, dual in idioms.unknown:  # the matches of ``idioms.within(na, nb)`` that may be cues
                if cue.start < na or cue.end > nb:
                    continue
                if dual is not None:
                    for s, e in _names_after(n, cue.end, nb, known, resolved_at, dual):
                        anchor = _anchor(n, s, resolved)
                        if anchor is not None and anchor.place is not None:
                            prec = 3 if anchor.place.kind in ("admin1", "region") else 2
                            add(s, e, cue.payload, anchor.place, prec, cue.word_start)
                else:
                    # "وسط المدينة", "أطراف المدينة": the town the text named last
                    s = _skip_space(n, cue.end, nb)
                    e = s + len(_THE_CITY)
                    if n.startswith(_THE_CITY, s) and (e >= len(n) or not n[e].isalnum()) and s not in known:
                        town = next((m for pos, m in reversed(resolved) if pos < s and m.place is not None
                                     and m.place.kind in TOWN_KINDS and s - pos < 2000), None)
                        if town is not None and town.place is not None:
                            add(s, e, cue.payload, town.place, 1 if cue.payload == "centre" else 2, cue.word_start)
        return extra


def _names_after(n: str, pos: int, stop: int, known: dict[int, _Hit], resolved_at: set[int],
                 dual: bool) -> list[tuple[int, int]]:
    """Normalised spans of the unknown name(s) right after a place noun ending at ``pos``
    (two for a dual: "منطقتي X وY"); a known name is stepped over."""
    out: list[tuple[int, int]] = []
    heads, not_names = _compound_heads(), _not_names()
    s = _skip_space(n, pos, stop)
    for k in range(2 if dual else 1):
        if s >= stop:
            break
        h = known.get(s)
        if k == 1:
            if n[s] != "و":
                break
            if h is None:
                s += 1
        if h is not None:
            if not resolved_at.intersection(range(h.m.word_start, h.m.start + 1)):
                break  # a known name not taken here (water, a person, unsupported): no guess
            s = _skip_space(n, h.m.end, stop)
            continue
        e = _word_end(n, s, stop)
        word = n[s:e]
        base = word[2:] if word.startswith("ال") and len(word) > 4 else word
        if len(base) < 3 or not word.isalpha() or word in not_names or base in not_names:
            break
        if base in heads or word in heads:
            s2 = _skip_space(n, e, stop)
            e2 = _word_end(n, s2, stop)
            if e2 > s2 and n[s2:e2].isalpha() and n[s2:e2] not in not_names:
                e = e2
        out.append((s, e))
        s = _skip_space(n, e, stop)
    return out


def _anchor(n: str, pos: int, resolved: list[tuple[int, Mention]]) -> Mention | None:
    """The known place an unknown name at ``pos`` is coded to: the nearest town-level place of
    the same sentence, else the nearest province or region there (none: no guess)."""
    lo = max(n.rfind(c, 0, pos) for c in _SENTENCE_END) + 1
    his = [i for i in (n.find(c, pos) for c in _SENTENCE_END) if i >= 0]
    hi = min(his) if his else len(n)
    best: Mention | None = None
    best_key: tuple[int, int] = (9, 0)
    for p, m in resolved:
        if not lo <= p < hi or m.place is None:
            continue
        kind = m.place.kind
        rank = 0 if kind in TOWN_KINDS or kind in LOCAL_KINDS else (1 if kind in ("admin1", "region") else 9)
        if rank == 9:
            continue
        key = (rank, abs(p - pos))
        if key < best_key:
            best, best_key = m, key
    return best


def _skip_space(n: str, i: int, stop: int) -> int:
    while i < stop and n[i] == " ":
        i += 1
    return i


def _word_end(n: str, i: int, stop: int) -> int:
    while i < stop and n[i].isalnum():
        i += 1
    return i


# the document's part of a score (see :meth:`Geocoder._best`) is one of these; a place's score for
# each is in its score table, at index ``part + 1``
_CONTEXT_SCORES = range(-1, 6)
# the index in a score table of the country part, by min(k, 3): 1 + (-1, 2, 3, 4)
_COUNTRY_PART = (0, 3, 4, 5)


def _score(part: float, log_pop: float, kind: str, role: str) -> float:
    """A candidate's score: the document's ``part``, then (added in this order, as floats) its
    population's share and what the idiom role says of its kind."""
    score = part
    score += log_pop
    if role == "province":
        score += 6.0 if kind == "admin1" else (2.0 if kind == "region" else 0.0)
    elif role == "direction":  # "شمالي الكاميرون", "جنوب مدينة X": towns, regions and countries alike
        score += 2.0 if kind != "admin1" else 1.0
    elif role in ("town", "near", "centre", "district", "route"):
        score += 4.0 if kind in TOWN_KINDS else (-2.0 if kind == "admin1" else 0.0)
    elif role == "country":
        score += 6.0 if kind == "country" else 0.0
    elif role == "area":
        # "منطقة X": a Saudi province ("منطقة عسير"), else an area, district or town
        score += {"admin1": 3.0, "region": 2.5, "country": -2.0}.get(kind, 1.0)
        if kind in LOCAL_KINDS:
            score += 1.5
    else:
        # a bare name: the town (or region/country) rather than the province of the same name
        score += {"country": 3.0, "region": 2.5, "admin1": -0.5}.get(kind, 1.0)
        if kind in ("district", "neighbourhood", "area", "base", "port", "airport", "crossing"):
            score += 2.0
    return score


def _precision(p: Place, role: str) -> int:
    if p.kind in TOWN_KINDS:
        if role in ("near", "direction", "district", "route"):
            return 2
        if role == "province":
            return 3
        return 1
    if p.kind == "admin1" or p.kind == "country":
        return 3
    if role in ("near", "direction", "route") and p.precision < 2:
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
