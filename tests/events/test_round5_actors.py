"""Round 5: actors (doer and target, allies, air forces) and claim sources (sentences written here)."""

from __future__ import annotations

from typing import Any

from .conftest import events_of


def one(text: str) -> dict[str, Any]:
    evs = events_of(text)
    assert len(evs) == 1, evs
    return evs[0]


def inters(ev: dict[str, Any]) -> tuple[int | None, int | None]:
    return (ev["actor1"] or {}).get("inter"), (ev["actor2"] or {}).get("inter")


def test_sources_joined_by_and_are_two_claims() -> None:
    ev = one("وذكرت مصادر عسكرية وسكان أن خمسة مدنيين قتلوا في قصف مدفعي على مدينة تعز أمس.")
    texts = {c["source_text"] for c in ev["claims"]}
    assert texts == {"مصادر عسكرية", "سكان"}
    # a source is not a victim
    assert ev["actor2"] is None or ev["actor2"]["text"] != "وسكان"


def test_allies_written_together_are_one_side() -> None:
    ev = one("استعادت قوات الجيش الوطني والمقاومة الشعبية مدينة الضالع أمس من ميليشيات الحوثي.")
    assert inters(ev) == (1, 2)
    assert ev["actor2"]["name"].startswith("Houthi")


def test_between_a_and_b_are_two_sides() -> None:
    ev = one("دارت اشتباكات أمس بين مقاتلي المعارضة وتنظيم داعش في مدينة القريتين.")
    assert {ev["actor1"]["name"], ev["actor2"]["name"]} == {"Syrian opposition factions", "Islamic State"}


def test_actors_of_another_clause_are_not_parties() -> None:
    evs = events_of("قصفت قوات النظام مدينة داريا أمس، كما دارت اشتباكات بين مقاتلي المعارضة وتنظيم داعش"
                    " في مدينة القريتين.")
    shelling = next(e for e in evs if e["sub_event_type"] == "Shelling/artillery/missile attack")
    assert inters(shelling) == (1, None)


def test_a_target_is_not_the_doer() -> None:
    ev = one("قتل خمسة في هجوم على مواقع الجيش نفذه عناصر تنظيم داعش أمس في مدينة العريش.")
    assert ev["actor1"]["name"] == "Islamic State" and ev["actor2"]["inter"] == 1


def test_air_strike_by_the_aircraft_named_before() -> None:
    evs = events_of("شنت طائرات التحالف العربي غارات على مواقع الحوثيين في مدينة صعدة أمس."
                    " وقتل تسعة متمردين في غارة جوية على مدينة عدن أمس.")
    assert len(evs) == 2
    assert all(e["actor1"] is not None and e["actor1"]["name"] == "Saudi-led Coalition" for e in evs)


def test_mention_with_a_borrowed_place_stays_apart() -> None:
    from datetime import date

    from marsad.events.coder import Candidate, _merge
    from marsad.model import Actor, Location

    loc = Location(text="التواهي", name="At Tawahi", country="YE", admin1="Aden", lat=12.78, lon=44.98,
                   geonameid=77662, precision=1)
    coalition = Actor(text="التحالف", name="Saudi-led Coalition", inter=1, country="SA")

    def cand(si: int, elsewhere: bool) -> Candidate:
        return Candidate("Explosions/Remote violence", "Air/drone strike", "", 2, loc, date(2023, 3, 15), 1,
                         coalition, None, 0, [], (0, 1), si, False, elsewhere=elsewhere)

    assert len(_merge([cand(0, False), cand(1, False)])) == 1
    # the second sentence names a place the gazetteer does not know: not the place it borrowed
    assert len(_merge([cand(0, False), cand(1, True)])) == 2


def test_an_actors_text_is_the_whole_word_the_dictionary_key_starts() -> None:
    ev = one("شن المسلحون الحوثيون هجوما على مواقع الجيش اليمني في مدينة تعز أمس.")
    texts = [a["text"] for a in (ev["actor1"], ev["actor2"]) if a]
    assert any("الحوثيون" in t for t in texts), texts
    assert all(t == t.strip() and not t.endswith("الحوثي") for t in texts), texts


def test_an_actors_resolved_name_is_the_name_it_resolves_to() -> None:
    from marsad.events.actors import find_actors
    from marsad.text.normalize import NormText

    norm = NormText.of("قالت القوات الروسية إن الجيش وميليشيا الحوثي قصفوا المدنيين والأطفال في الحديدة.")
    actors = find_actors(norm.norm, 0, len(norm.norm))
    assert {"{country}" in a.name for a in actors} == {True, False}
    for a in actors:
        for country in ("YE", "RU", ""):
            assert a.resolved_name(country) == a.resolve(norm, country).name
