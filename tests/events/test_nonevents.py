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


# each cue is one row of data/events/nonevent.tsv; every sentence is coded without it
CUED_NON_EVENTS = {
    "feared": "وقال القائد أمس: خشينا أن يقصف الطيران المعسكرات في مدينة إدلب.",
    "about-to": "لم يوضح الوزير القرار الذي اتخذته الحكومة بصدد شن هجوم على المسلحين في مدينة إدلب أمس.",
    "any-attack": "تعهد الجيش أمس بحماية مدينة عدن من أي هجوم.",
    "behind": "أعلنت الشرطة أمس أن جماعة مسلحة تقف وراء اغتيال الوزير في بيروت.",
    "rules-of-engagement": "وقال الضابط أمس في بغداد إن قواعد الاشتباك تمنع إطلاق النار.",
    "future-after-noun": "قال المصدر إن هجوما بالقنبلة سينفذ في مدينة بغداد أمس.",
    "release": "أفرج الخاطفون أمس عن الرهائن في مدينة مأرب.",
    "record-low": "وقال الجيش أمس إن الهجمات بقذائف الهاون في بغداد بلغت أدنى مستوى لها.",
    "demand": "وطالبت المنظمة أمس بوقف الاعتداء على السجناء في بغداد.",
}


@pytest.mark.parametrize("text", CUED_NON_EVENTS.values(), ids=CUED_NON_EVENTS.keys())
def test_cued_non_events(text: str) -> None:
    rec = record_of(text)
    assert rec["events"] == [] and rec["event_types"] == []


def test_a_verb_in_a_relative_clause_describes_who() -> None:
    # "الجندي الذي خطف": the soldier is described by a known abduction, not one reported here
    assert record_of("وقال الجيش أمس إن الجندي الذي خطف في بغداد ما زال لدى خاطفيه.")["event_types"] == []


def test_the_same_verb_reports_when_it_heads_the_clause() -> None:
    assert [e["event_type"] for e in events_of("خطف مسلحون الجندي في بغداد أمس.")] == ["Violence against civilians"]


@pytest.mark.parametrize("text", [
    "فجر الشيخ موجة من الاستياء في بغداد أمس.",
    "يرى المحلل في بيروت أن ذلك قد يعني تفجير الوضع أمس.",
])
def test_a_figurative_object_is_not_explosives(text: str) -> None:
    assert record_of(text)["event_types"] == []


def test_documents_about_a_named_assassination_are_a_topic() -> None:
    # "المتعلقة باغتيال": what the documents are about, not an incident reported
    rec = record_of("كشفت السلطات في بيروت أمس وثائق جديدة المتعلقة باغتيال الوزير.")
    assert rec["event_types"] == []


def test_condemning_in_a_participle_names_the_crime_it_condemns() -> None:
    rec = record_of("وصل الوفد إلى بيروت أمس للتعزية، مديناً جريمة اغتيال الوزير.")
    assert rec["event_types"] == []
