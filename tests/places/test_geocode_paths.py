"""The geocoder's fast paths against the straightforward code they replace: the best candidate
from the per-role score tables (``Geocoder._best``) is the one the score of every candidate,
added up in the same order, picks; the idioms kept for unknown names (``_Idioms.unknown``) are
those of the window scan that can introduce one; ``Mention.location`` is the keyword-built
``Location``."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import resources
from marsad.model import Location
from marsad.places import geocode
from marsad.places.gazetteer import Gazetteer, Place, load
from marsad.places.geocode import LOCAL_KINDS, TOWN_KINDS, Geocoder, Mention
from marsad.text.normalize import NormText

ROLES = sorted({r["role"] for r in resources.tsv("places/idioms.tsv")} | {""})
KINDS = ["country", "admin1", "region", "city", "town", "village", "district", "neighbourhood", "area",
         "base", "crossing", "port", "airport", "water"]
COUNTRIES = ["SA", "YE", "SY", "IQ", ""]
ADMIN1S = ["Aden", "Taizz", "Idlib", "Riyadh", ""]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load()


def reference_best(places: list[Place], role: str, countries: dict[str, int], admin1s: dict[str, int]) -> Place | None:
    """The scoring loop as it was written before the score tables (every term added in turn)."""
    best: Place | None = None
    best_score = -math.inf
    for p in places:
        if p.kind == "water":
            continue
        score = 0.0
        k = countries.get(p.country, 0)
        if p.country and countries:
            score += 3.0 * min(k, 3) / 3 + (1.0 if k else -1.0)
        if p.admin1 and admin1s.get(p.admin1, 0):
            score += 1.0
        score += 0.4 * math.log10(p.population + 10)
        if role == "province":
            score += 6.0 if p.kind == "admin1" else (2.0 if p.kind == "region" else 0.0)
        elif role == "direction":
            score += 2.0 if p.kind != "admin1" else 1.0
        elif role in ("town", "near", "centre", "district", "route"):
            score += 4.0 if p.kind in TOWN_KINDS else (-2.0 if p.kind == "admin1" else 0.0)
        elif role == "country":
            score += 6.0 if p.kind == "country" else 0.0
        elif role == "area":
            score += {"admin1": 3.0, "region": 2.5, "country": -2.0}.get(p.kind, 1.0)
            if p.kind in LOCAL_KINDS:
                score += 1.5
        else:
            score += {"country": 3.0, "region": 2.5, "admin1": -0.5}.get(p.kind, 1.0)
            if p.kind in ("district", "neighbourhood", "area", "base", "port", "airport", "crossing"):
                score += 2.0
        if score > best_score:
            best, best_score = p, score
    return best


places_st = st.builds(
    Place, geonameid=st.integers(0, 10**6), name=st.sampled_from(["A", "B", "C"]),
    country=st.sampled_from(COUNTRIES), admin1=st.sampled_from(ADMIN1S), lat=st.just(0.0), lon=st.just(0.0),
    # populations that make equal scores likely, and any others
    population=st.one_of(st.sampled_from([0, 90, 990, 50_000, 100_000]), st.integers(0, 20_000_000)),
    kind=st.sampled_from(KINDS))
counts_st = st.dictionaries(st.sampled_from([c for c in COUNTRIES if c]), st.integers(1, 6))
admin1_counts_st = st.dictionaries(st.sampled_from([a for a in ADMIN1S if a]), st.integers(1, 3))


@settings(max_examples=400, deadline=None)
@given(st.lists(places_st, min_size=1, max_size=8), st.sampled_from(ROLES), counts_st, admin1_counts_st)
def test_best_is_the_reference_scoring(places: list[Place], role: str, countries: dict[str, int],
                                       admin1s: dict[str, int]) -> None:
    cands = geocode._Cands.of(places)
    assert Geocoder._best(cands, role, countries, admin1s) is reference_best(places, role, countries, admin1s)


def test_best_on_the_gazetteer_s_ambiguous_names(gazetteer: Gazetteer) -> None:
    # every name with several candidates, in documents about one, two or no country
    geocoder = Geocoder(gazetteer)
    contexts = [({}, {}), ({"SY": 1}, {}), ({"YE": 2, "SA": 1}, {"Aden": 1}), ({"IQ": 4}, {"Baghdad": 2})]
    checked = 0
    for key in list(gazetteer.lexicon._entries)[::7]:
        payloads = gazetteer.lexicon.lookup(key)
        if len(payloads) < 2:
            continue
        cands = geocoder._candidates(payloads)
        if cands.all_water:
            continue
        for role in ("", "province", "town", "area"):
            for countries, admin1s in contexts:
                assert Geocoder._best(cands, role, countries, admin1s) is reference_best(
                    cands.places, role, countries, admin1s)
        checked += 1
    assert checked > 100


WORDS = ["منطقة", "منطقتي", "المنطقة", "قرية", "مديرية", "حي", "وسط", "أطراف", "شمال", "المدينة", "مدينة",
         "نهر", "ريف", "محافظة", "عدن", "تعز", "حلب", "الخرطوم", "بالمدينة", "في", "و", "،", ".", "\n", "  "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_unknown_cues_are_those_of_the_window_scan(words: list[str]) -> None:
    text = " ".join(words)
    n = NormText.of(text).norm
    idioms = geocode._Idioms(geocode.idiom_lexicon(), n)
    nouns = geocode._unknown_name_nouns()
    expected = []
    for cue in idioms.within(0, len(n)):
        if cue.word_start != cue.start:
            continue
        dual = nouns.get(n[cue.word_start:cue.end])
        if dual is not None:
            expected.append((cue, dual))
        elif cue.payload in ("centre", "near", "direction") and n.startswith(
                geocode._THE_CITY, geocode._skip_space(n, cue.end, len(n))):
            expected.append((cue, None))
    assert idioms.unknown == expected


def test_location_is_the_keyword_built_one(gazetteer: Gazetteer) -> None:
    for p in gazetteer.places[::997]:
        m = Mention(3, 9, "الرقة", "town", p, 1, 0)
        assert m.location() == Location(text="الرقة", name=p.name, country=p.country, admin1=p.admin1, lat=p.lat,
                                         lon=p.lon, geonameid=p.geonameid, precision=1, start=3, end=9, kind=p.kind)
