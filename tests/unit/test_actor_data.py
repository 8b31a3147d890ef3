"""Integrity of the actor and claim-source data files (marsad/data/actors, marsad/data/claims)."""

from __future__ import annotations

import re
from collections import defaultdict

import pycountry
import pytest

from marsad import resources
from marsad.text.lexicon import strip_article
from marsad.text.normalize import normalize

COUNTRIES = "actors/countries.tsv"
FORCE_NOUNS = "actors/force_nouns.tsv"
GROUPS = "actors/groups.tsv"
SOURCES = "claims/sources.tsv"
ATTRIBUTION = "claims/attribution.tsv"

HEADERS = {
    COUNTRIES: ["country", "name_en", "adj_ar", "names_ar", "demonym_en"],
    FORCE_NOUNS: ["kind", "names_ar", "template", "inter"],
    GROUPS: ["name", "names_ar", "inter", "country", "kind"],
    SOURCES: ["name", "names_ar", "kind", "country"],
    ATTRIBUTION: ["cue", "channel", "stance", "position"],
}

# ISO2 codes that pycountry does not know but ACLED uses (Kosovo).
EXTRA_ISO2 = {"XK"}

FORCE_KINDS = {
    "military",
    "air_force",
    "navy",
    "air_defence",
    "artillery",
    "border_guard",
    "military_intelligence",
    "police",
    "gendarmerie",
    "intelligence",
    "prison",
    "government",
}
FORCE_TEMPLATES = ("Military Forces of {country}", "Police Forces of {country}", "Government of {country}")

# kind -> the inter codes it may carry
GROUP_KIND_INTER = {
    "rebel": {2},
    "militia": {3},
    "identity_militia": {4},
    "state": {1},
    "state_coalition": {1},
    "civilians": {7},
    "protesters": {6},
    "rioters": {5},
    "unidentified": {3},
    "external": {8},
    "political_party": {3},
}
# kinds whose actor is always named after a country taken from context
COUNTRY_TEMPLATE_KINDS = {"civilians", "protesters", "rioters", "unidentified"}

SOURCE_KINDS = {"government", "military", "armed_group", "monitor_ngo", "media", "witness_local", "unnamed"}
CHANNELS = {
    "statement",
    "Twitter",
    "Telegram",
    "Facebook",
    "TV",
    "press conference",
    "video",
    "audio",
    "interview",
    "phone",
    "website",
    "radio",
    "WhatsApp",
    "YouTube",
    "Instagram",
}

ARABIC = re.compile("[\u0621-\u064a]")
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def rows(relpath: str) -> tuple[dict[str, str], ...]:
    return resources.tsv(relpath)


def patterns(field: str) -> list[str]:
    return field.split("|")


def lexicon_key(pattern: str) -> str:
    """The key marsad.text.lexicon.Lexicon files a pattern under (article of the first word dropped)."""
    words = normalize(pattern.rstrip("*")).split()
    first, _ = strip_article(words[0])
    return " ".join([first, *words[1:]])


def country_codes() -> set[str]:
    return {r["country"] for r in rows(COUNTRIES)}


def assert_arabic_patterns(field: str, where: str) -> None:
    assert field, f"{where}: empty pattern field"
    pats = patterns(field)
    assert len(pats) == len(set(pats)), f"{where}: repeated pattern in {field!r}"
    for p in pats:
        assert p and p == p.strip(), f"{where}: empty or padded pattern {p!r}"
        assert "\t" not in p and "  " not in p, f"{where}: bad spacing in {p!r}"
        assert ARABIC.search(p), f"{where}: pattern {p!r} has no Arabic letter"
        assert "*" not in p[:-1], f"{where}: '*' is allowed only at the end: {p!r}"
        assert not p.startswith("ال ") and len(lexicon_key(p).replace(" ", "")) >= 2, f"{where}: pattern too short {p!r}"


def assert_no_shared_keys(entries: list[tuple[str, str]], what: str) -> None:
    """entries = (pattern field, owner); fail when one normalised key belongs to two owners."""
    owners: dict[str, set[str]] = defaultdict(set)
    for field, owner in entries:
        for p in patterns(field):
            owners[lexicon_key(p)].add(owner)
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, f"{what}: patterns mapping to more than one entry: {clashes}"


# --------------------------------------------------------------------------------------- all files


@pytest.mark.parametrize("relpath", sorted(HEADERS))
def test_header_and_field_count(relpath: str) -> None:
    first = resources.lines(relpath)[0]
    assert first.split("\t") == HEADERS[relpath]
    raw = resources.data_path(relpath).read_text(encoding="utf-8")
    assert "\r" not in raw and "\ufeff" not in raw
    parsed = rows(relpath)  # raises on a wrong number of cells
    assert len(parsed) >= 10
    for n, row in enumerate(parsed):
        assert all(v == v.strip() for v in row.values()), f"{relpath} row {n}: padded cell"


# --------------------------------------------------------------------------------------- countries


def test_countries() -> None:
    seen_iso: set[str] = set()
    seen_name: set[str] = set()
    for r in rows(COUNTRIES):
        iso = r["country"]
        assert re.fullmatch("[A-Z]{2}", iso), iso
        assert iso in EXTRA_ISO2 or pycountry.countries.get(alpha_2=iso) is not None, f"unknown ISO2 {iso}"
        assert iso not in seen_iso, f"duplicate country {iso}"
        seen_iso.add(iso)
        assert r["name_en"] and r["name_en"] not in seen_name, r["name_en"]
        seen_name.add(r["name_en"])
        assert r["demonym_en"] and r["demonym_en"].isascii()
        assert r["name_en"].isascii()
        assert_arabic_patterns(r["adj_ar"], f"{iso} adj_ar")
        assert_arabic_patterns(r["names_ar"], f"{iso} names_ar")
    assert len(seen_iso) >= 100


def test_country_patterns_are_unambiguous() -> None:
    entries = [(r["adj_ar"], r["country"]) for r in rows(COUNTRIES)] + [(r["names_ar"], r["country"]) for r in rows(COUNTRIES)]
    assert_no_shared_keys(entries, COUNTRIES)


def test_main_conflict_countries_present() -> None:
    names = {r["country"]: r["name_en"] for r in rows(COUNTRIES)}
    for iso, name in {
        "SY": "Syria",
        "YE": "Yemen",
        "IQ": "Iraq",
        "SA": "Saudi Arabia",
        "RU": "Russia",
        "UA": "Ukraine",
        "IL": "Israel",
        "PS": "Palestine",
        "US": "United States",
        "BH": "Bahrain",
    }.items():
        assert names[iso] == name


# --------------------------------------------------------------------------------------- force nouns


def test_force_nouns() -> None:
    for r in rows(FORCE_NOUNS):
        assert r["kind"] in FORCE_KINDS, r["kind"]
        assert r["template"] in FORCE_TEMPLATES, r["template"]
        assert r["inter"] == "1"
        assert_arabic_patterns(r["names_ar"], f"force noun {r['kind']}")
    assert_no_shared_keys([(r["names_ar"], r["kind"]) for r in rows(FORCE_NOUNS)], FORCE_NOUNS)


# --------------------------------------------------------------------------------------- groups


def test_groups_fields() -> None:
    codes = country_codes()
    names: set[str] = set()
    for r in rows(GROUPS):
        name, kind = r["name"], r["kind"]
        assert name not in names, f"duplicate group {name}"
        names.add(name)
        assert kind in GROUP_KIND_INTER, f"{name}: kind {kind}"
        inter = int(r["inter"])
        assert 1 <= inter <= 8
        assert inter in GROUP_KIND_INTER[kind], f"{name}: inter {inter} does not fit kind {kind}"
        assert r["country"] == "" or r["country"] in codes, f"{name}: country {r['country']}"
        assert_arabic_patterns(r["names_ar"], name)


def test_group_country_templates() -> None:
    for r in rows(GROUPS):
        name = r["name"]
        holes = PLACEHOLDER.findall(name)
        assert holes in ([], ["{country}"]), f"{name}: placeholders {holes}"
        if holes:
            assert r["country"] == "", f"{name}: a {{country}} row must leave country empty"
            assert name.endswith("({country})") or name.endswith(" of {country}"), name
        if r["kind"] in COUNTRY_TEMPLATE_KINDS:
            assert holes == ["{country}"], f"{name}: kind {r['kind']} needs a {{country}} name"
    kinds = {r["kind"] for r in rows(GROUPS) if "{country}" in r["name"]}
    assert kinds >= COUNTRY_TEMPLATE_KINDS


def test_group_patterns_are_unambiguous() -> None:
    assert_no_shared_keys([(r["names_ar"], r["name"]) for r in rows(GROUPS)], GROUPS)


def test_groups_do_not_repeat_force_nouns() -> None:
    entries = [(r["names_ar"], "group:" + r["name"]) for r in rows(GROUPS)]
    entries += [(r["names_ar"], "force:" + r["kind"]) for r in rows(FORCE_NOUNS)]
    owners: dict[str, set[str]] = defaultdict(set)
    for field, owner in entries:
        for p in patterns(field):
            owners[lexicon_key(p)].add(owner.split(":")[0])
    shared = sorted(k for k, v in owners.items() if len(v) > 1)
    assert not shared, f"patterns both in groups.tsv and force_nouns.tsv: {shared}"


def test_key_groups_present() -> None:
    names = {r["name"] for r in rows(GROUPS)}
    for name in (
        "Houthi Movement (Ansar Allah)",
        "Islamic State",
        "Saudi-led Coalition",
        "Civilians ({country})",
        "Protesters ({country})",
        "Rioters ({country})",
        "Unidentified Armed Group ({country})",
    ):
        assert name in names


# --------------------------------------------------------------------------------------- claim sources


def test_sources() -> None:
    codes = country_codes()
    names: set[str] = set()
    for r in rows(SOURCES):
        name = r["name"]
        assert name not in names, f"duplicate source {name}"
        names.add(name)
        assert r["kind"] in SOURCE_KINDS, f"{name}: kind {r['kind']}"
        assert r["country"] == "" or r["country"] in codes, f"{name}: country {r['country']}"
        holes = PLACEHOLDER.findall(name)
        assert holes in ([], ["{country}"]), f"{name}: placeholders {holes}"
        if holes:
            assert r["country"] == "", f"{name}: a {{country}} row must leave country empty"
            # with no country known the placeholder is dropped, so it must lead the name
            assert name.startswith("{country} "), name
        assert_arabic_patterns(r["names_ar"], name)
    assert_no_shared_keys([(r["names_ar"], r["name"]) for r in rows(SOURCES)], SOURCES)


def test_source_conventions() -> None:
    by_pattern = {lexicon_key(p): r for r in rows(SOURCES) for p in patterns(r["names_ar"])}
    expect = {
        "المرصد السوري لحقوق الإنسان": ("Syrian Observatory for Human Rights", "monitor_ngo"),
        "وزارة الدفاع الروسية": ("Russia Ministry of Defence", "military"),
        "شهود عيان": ("Eyewitnesses", "witness_local"),
        "مصادر": ("Unnamed sources", "unnamed"),
        "أعماق": ("Amaq News Agency", "armed_group"),
        "رويترز": ("Reuters", "media"),
    }
    for pattern, (name, kind) in expect.items():
        row = by_pattern[lexicon_key(pattern)]
        assert (row["name"], row["kind"]) == (name, kind)


# --------------------------------------------------------------------------------------- attribution


def test_attribution() -> None:
    cues: set[str] = set()
    for r in rows(ATTRIBUTION):
        cue = r["cue"]
        key = lexicon_key(cue)
        assert key not in cues, f"duplicate cue {cue}"
        cues.add(key)
        assert r["position"] in {"before", "after", "channel"}, cue
        if r["position"] == "channel":
            assert r["channel"] in CHANNELS, f"{cue}: channel {r['channel']!r}"
            assert r["stance"] == "", f"{cue}: channel cues carry no stance"
            assert ARABIC.search(cue) or cue.isascii(), cue
        else:
            assert r["channel"] == "", f"{cue}: only channel cues name a channel"
            assert r["stance"] in {"asserts", "denies"}, f"{cue}: stance {r['stance']!r}"
            assert_arabic_patterns(cue, "attribution")
    stances = {(r["stance"], r["position"]) for r in rows(ATTRIBUTION)}
    assert {("asserts", "before"), ("asserts", "after"), ("denies", "before"), ("", "channel")} <= stances
