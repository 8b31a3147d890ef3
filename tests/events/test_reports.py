"""What makes a mention a report: verbs of firing, hostages, ل with the article after "تعرض",
a long subject between "قام" and what it did, torture. Each case has a control that differs
by the rule under test."""

from __future__ import annotations

from .conftest import record_of


def types_of(text: str, published: str = "2023-03-16") -> set[str]:
    rec = record_of(text, published)
    return {e["event_type"] for e in rec["events"]} | set(rec["event_types"])


def subs_of(text: str) -> set[str]:
    return {e["sub_event_type"] for e in record_of(text)["events"]}


def test_a_fired_weapon_is_reported() -> None:
    # "أطلقت 5 صواريخ": the verb of firing reports the rockets as a verb would
    assert "Explosions/Remote violence" in types_of("وأطلقت 5 صواريخ من قطاع غزة على مدينة سديروت أمس.")
    assert "Explosions/Remote violence" not in types_of("وعرضت 5 صواريخ من قطاع غزة في مدينة سديروت أمس.")


def test_holding_hostages_is_an_abduction_not_an_arrest() -> None:
    assert subs_of("واحتجز مسلحون 68 رهينة من الأجانب في فندق في مدينة عمان أمس.") == {"Abduction/forced disappearance"}
    assert subs_of("واحتجزت الشرطة 68 شخصا من الأجانب في فندق في مدينة عمان أمس.") == {"Arrests"}


def test_befell_with_the_article() -> None:
    # "تعرض ... للهجوم": the noun after لل is what befell the subject, not a purpose
    assert "Violence against civilians" in types_of("وتعرض الصحافي خلال وجوده في مدينة الموصل أمس للاختطاف.")


def test_a_long_subject_between_qama_and_the_deed() -> None:
    text = "وقام عشرة جنود من قوة حفظ سلام تابعة لدولة أجنبية باغتصاب فتاة في حقل قرب مدينة أبيدجان."
    assert "Violence against civilians" in types_of(text)


def test_torture_of_a_named_person_at_a_place_and_day_is_an_attack() -> None:
    assert subs_of("وعذب مسلحون رجلا أمس في مدينة الرمادي.") == {"Attack"}
    # the practice, with no day, is no incident
    assert not types_of("وانتقدت المنظمة أساليب التعذيب في السجون.")


def test_a_toll_of_thousands_sums_up_and_is_not_one_incident() -> None:
    assert not types_of("وقتل 6500 مدني في مدينة مقديشو وحدها.")
    assert types_of("وقتل 65 مدنيا في مدينة مقديشو أمس.") == {"Violence against civilians"}


def test_a_drone_flying_over_is_no_strike() -> None:
    assert not types_of("وأكد مسؤول أمني أن الطائرة بدون طيار كانت تحلق فوق منطقة وانا أمس.")
    assert "Explosions/Remote violence" in types_of("وأكد مسؤول أمني أن طائرة بدون طيار قصفت منزلا في منطقة وانا أمس.")


def test_a_raid_is_taking_a_place_only_when_it_is_fought_over() -> None:
    raid = "واقتحم الجيش بلدة بيت أولا فجر أمس وشرع في عمليات تفتيش واسعة لعدة منازل هناك."
    fought = "واقتحم مسلحون مركزا للشرطة في بلدة بيت أولا فجر أمس وقتلوا ثلاثة من عناصر الشرطة."
    assert not types_of(raid) & {"Battles"}
    assert types_of(fought) & {"Battles", "Violence against civilians"}
