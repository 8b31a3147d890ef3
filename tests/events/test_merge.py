"""ACLED granularity: split per place and day, merge repeated mentions, stable ids."""

from __future__ import annotations

import marsad

from .conftest import events_of


def test_strikes_on_three_towns_are_three_events() -> None:
    evs = events_of("شن طيران التحالف غارات على مدن صعدة وحجة وعمران أمس.")
    assert sorted(e["location"]["name"] for e in evs) == sorted(["Sa'dah", "Ḩajjah", "‘Amrān"])
    assert {e["sub_event_type"] for e in evs} == {"Air/drone strike"}
    assert {e["date"] for e in evs} == {"2023-03-15"}
    assert len({e["id"] for e in evs}) == 3


def test_strikes_on_three_villages_of_a_province() -> None:
    evs = events_of("شنت طائرات حربية غارات على بلدات سراقب وأريحا ومعرة النعمان بريف إدلب أمس.")
    assert len(evs) == 3 and {e["location"]["country"] for e in evs} == {"SY"}


def test_same_incident_twice_is_one_event() -> None:
    evs = events_of("قصفت المدفعية مدينة حلب أمس. وأدى قصف مدينة حلب أمس إلى أضرار كبيرة في المنازل.")
    assert len(evs) == 1


def test_same_incident_with_a_source_in_the_second_mention_keeps_the_claim() -> None:
    evs = events_of("قصفت المدفعية مدينة حلب أمس. وذكر المرصد السوري لحقوق الإنسان أن قصف مدينة حلب أمس أوقع أضرارا.")
    assert len(evs) == 1 and [c["source_kind"] for c in evs[0]["claims"]] == ["monitor_ngo"]


def test_same_town_two_days_is_two_events() -> None:
    evs = events_of("قصفت المدفعية مدينة حلب يوم الثلاثاء. وفي يوم الأربعاء قصفت المدفعية مدينة حلب مجددا.")
    assert sorted(e["date"] for e in evs) == ["2023-03-14", "2023-03-15"]


def test_air_strike_and_clash_same_town_same_day_are_two_events() -> None:
    evs = events_of("شنت طائرات حربية غارة على مدينة درعا أمس. واندلعت اشتباكات بين الجيش السوري ومسلحين في مدينة درعا أمس.")
    assert sorted(e["sub_event_type"] for e in evs) == ["Air/drone strike", "Armed clash"]


def test_ids_are_stable_across_runs() -> None:
    text = "شن طيران التحالف غارات على مدن صعدة وحجة وعمران أمس."
    a = marsad.extract(text, published="2023-03-16", doc_id="d1").to_dict()["events"]
    b = marsad.extract(text, published="2023-03-16", doc_id="d1").to_dict()["events"]
    assert [e["id"] for e in a] == [e["id"] for e in b] and all(e["id"] for e in a)


def test_ids_differ_between_documents() -> None:
    text = "قصفت المدفعية مدينة حلب أمس."
    a = marsad.extract(text, published="2023-03-16", doc_id="d1").to_dict()["events"]
    b = marsad.extract(text, published="2023-03-16", doc_id="d2").to_dict()["events"]
    assert a[0]["id"] != b[0]["id"]


def test_the_same_incident_naming_one_more_actor_is_one_event() -> None:
    # the first mention names only the rebels, the second names who attacked them too
    text = ("انفجرت عبوة ناسفة في مدينة الحسكة أمس قرب مقر لوحدات حماية الشعب. وقال متحدث إن العبوة التي "
            "انفجرت في مدينة الحسكة أمس زرعها تنظيم داعش لاستهداف وحدات حماية الشعب.")
    evs = events_of(text)
    assert len(evs) == 1
