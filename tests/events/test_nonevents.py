"""What is NOT coded (GUIDELINES): threats, warnings, plans, condemnations, hypotheticals,
aggregates, background older than 30 days, footage, related-news boilerplate."""

from __future__ import annotations

import pytest

from .conftest import events_of, record_of

NON_EVENTS = {
    "threat": "هدد الحوثيون بشن هجمات على مدينة جازان.",
    "warning": "حذرت الأمم المتحدة من هجوم وشيك على مدينة الحديدة.",
    "plan": "يعتزم الجيش شن هجوم على مدينة إدلب الأسبوع المقبل.",
    "condemnation": "أدانت الخارجية التركية القصف الذي استهدف مدينة حلب.",
    "hypothetical": "لو سيطر المسلحون على مدينة مأرب لانهارت الحكومة.",
    "aggregate": "قتل أكثر من 400 شخص في مدينة الرقة منذ سبتمبر.",
    "aggregate-since-start": "قتل أكثر من 400 مدني في مدينة الرقة منذ بداية الحرب.",
    "background-2014": "سيطر تنظيم داعش على مدينة الموصل في عام 2014.",
    "footage": "بثت قناة محلية لقطات لقصف مدينة حلب.",
}


@pytest.mark.parametrize("text", NON_EVENTS.values(), ids=NON_EVENTS.keys())
def test_not_coded(text: str) -> None:
    assert events_of(text) == []


def test_background_aside_next_to_a_real_event() -> None:
    text = "قصفت المدفعية مدينة الموصل أمس. وكان تنظيم داعش قد سيطر على المدينة في عام 2014."
    evs = events_of(text)
    assert [(e["sub_event_type"], e["date"]) for e in evs] == [("Shelling/artillery/missile attack", "2023-03-15")]


def test_the_same_incident_is_coded_when_recent() -> None:
    # control for the non-events above: the triggers themselves work
    assert events_of("شن الحوثيون هجوما على مدينة جازان أمس.") != []


@pytest.mark.parametrize("sep", ["\nاقرأ أيضا:\n", "\nاقرأ أيضا: ", "\n\nاقرأ أيضاً\n"])
def test_related_news_after_read_also(sep: str) -> None:
    text = "ارتفعت أسعار الذهب في الأسواق المحلية اليوم بنسبة طفيفة." + sep + "مقتل 5 جنود في اشتباكات بمدينة درعا"
    rec = record_of(text)
    assert rec["events"] == []
    assert rec["event_types"] == []
    assert rec["flags"]["boilerplate_chars"] > 0
