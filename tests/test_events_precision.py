"""Mentions of violence and protest that are not events to code (GUIDELINES "What is an event"):
negated verbs, relative clauses and what came before the news, opinions, support, comparisons,
plural operations and habits, purposes, calls that reach far, weapons carried or named, and a
protest that is only the setting of an explosion. Each case has a control: the same incident
told as a report is coded. Every sentence here was written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

import marsad

PUBLISHED = "2023-03-16"


def record_of(text: str) -> dict[str, Any]:
    return marsad.extract(text, published=PUBLISHED).to_dict()


def types_of(text: str) -> set[str]:
    rec = record_of(text)
    return {e["event_type"] for e in rec["events"]} | set(rec["event_types"])


VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
PROTEST = {"Protests", "Riots"}

# (not an event, the control that is one); each pair differs only by the cue
PAIRS = {
    "negated-verb": ("لم يقصف الطيران مدينة إدلب أمس.", "قصف الطيران مدينة إدلب أمس."),
    "negated-light-verb": ("لم تشهد اشتباكات في مدينة تعز أمس.", "شهدت اشتباكات في مدينة تعز أمس."),
    "negated-fire": ("قال المتحدث إن القوات لم تطلق النار على المتظاهرين في مدينة لاسا أمس.",
                     "قال المتحدث إن القوات أطلقت النار على المتظاهرين في مدينة لاسا أمس."),
    "sequel-without-toll": ("فر مئات السجناء من سجن مدينة قندهار أمس بعد هجوم شنه مسلحون.",
                            "أصيب أربعة مدنيين في مدينة قندهار أمس إثر هجوم شنه مسلحون."),
    "first-person-opinion": ("في رأيي أن المسلحين هاجموا مدينة الرمادي أمس لإرباك الحكومة.",
                             "هاجم المسلحون مدينة الرمادي أمس لإرباك الحكومة."),
    "i-say": ("وأقول إن المسلحين هاجموا مدينة الرمادي أمس.", "وقال إن المسلحين هاجموا مدينة الرمادي أمس."),
    "support": ("أيدت الحكومة في لندن أمس الهجوم على مدينة الرقة.",
                "شنت القوات في لندن أمس الهجوم على مدينة الرقة."),
    "welcome": ("رحبت الحكومة في لندن أمس بالهجوم على مدينة الرقة.",
                "نفذت القوات في لندن أمس الهجوم على مدينة الرقة."),
    "plural-operations": ("شهدت مدينة بغداد أمس عمليات اغتيال.", "شهدت مدينة بغداد أمس عملية اغتيال."),
    "daily-habit": ("تعرضت مدينة تعز أمس لقصف يومي عنيف.", "تعرضت مدينة تعز أمس لقصف عنيف."),
    "charge": ("وجه الادعاء في بغداد أمس إلى الرجل اتهاما بقتل خمسة أشخاص.",
               "قال الادعاء في بغداد أمس إن الرجل قتل خمسة أشخاص."),
    "purpose": ("حشد الجيش قواته قرب مدينة الرمادي أمس بهدف السيطرة على المدينة.",
                "سيطر الجيش على مدينة الرمادي أمس."),
    "so-that": ("نشرت الشرطة قواتها في الرمادي أمس ليتمكن الجيش من السيطرة على المدينة.",
                "نشرت الشرطة قواتها في الرمادي أمس ثم سيطر الجيش على المدينة."),
    "comparison": ("قال الضابط في بغداد أمس إن الحادث جرى على غرار تفجير السوق.",
                   "قال الضابط في بغداد أمس إن الحادث جرى مع تفجير السوق."),
    "adjective-explosive": ("ضبطت الشرطة في بغداد أمس مواد شديدة الانفجار.",
                            "وقع انفجار شديد في مدينة بغداد أمس."),
    "weapon-model": ("كشف الجيش في طهران أمس عن طراز فجر-5.", "فجر انتحاري نفسه في طهران أمس."),
    "scheduled": ("من المقرر أن تنطلق مسيرة احتجاجية في عمان اليوم.", "انطلقت مسيرة احتجاجية في عمان اليوم."),
    "during-the-summer": ("تصاعدت الاحتجاجات في مدينة بانكوك خلال الصيف.",
                          "تصاعدت الاحتجاجات في مدينة بانكوك أمس."),
}


@pytest.mark.parametrize(("cued", "control"), PAIRS.values(), ids=PAIRS.keys())
def test_cue_drops_what_the_control_codes(cued: str, control: str) -> None:
    families = VIOLENCE | PROTEST
    assert types_of(control) & families, "control: the incident itself is coded"
    assert not types_of(cued) & families


def test_sequel_kept_when_the_incident_is_dated() -> None:
    # the news is the security measure, but the attack has its own day: it is reported
    text = "شددت الهند إجراءات الأمن بعد هجوم وقع اليوم على مركز للشرطة في مدينة أمريتسار."
    assert types_of(text) & VIOLENCE


def test_relative_clause_of_three_words_describes() -> None:
    assert not types_of("زار الرئيس مدينة لندن أمس، وهي المدينة التي هتف فيها ضده آلاف المتظاهرين.") & PROTEST


def test_relative_clause_ends_at_punctuation() -> None:
    # after the comma the crowd is the subject of its own clause: a protest is reported
    text = "زار الرئيس مدينة لندن أمس، وفي المدينة التي يزورها، هتف ضده آلاف المتظاهرين."
    assert types_of(text) & PROTEST


def test_nouns_of_a_dropped_phrase_go_with_it() -> None:
    # "الذي قتل في تفجير": the relative clause drops "تفجير"; "بسيارة مفخخة" is its means
    text = "قال المصدر في بغداد أمس إن القائد الذي قتل في تفجير انتحاري بسيارة مفخخة كان في اجتماع."
    assert types_of(text) == set()


def test_purpose_drops_the_weapon_it_governs() -> None:
    rec = record_of("اعتقلت الشرطة في بغداد أمس رجلا جاء لتفجير سيارة مفخخة في السوق.")
    assert [e["sub_event_type"] for e in rec["events"]] == ["Arrests"]
    assert "Explosions/Remote violence" not in rec["event_types"]


def test_a_car_bomb_driven_is_not_an_explosion() -> None:
    rec = record_of("اعتقلت الشرطة في بغداد أمس ثلاثة رجال يستقلون سيارة مفخخة.")
    assert [e["sub_event_type"] for e in rec["events"]] == ["Arrests"]


def test_the_one_responsible_for_a_bombing() -> None:
    rec = record_of("اعتقلت الشرطة في بغداد أمس المسؤولين عن تفجير السوق.")
    assert [e["sub_event_type"] for e in rec["events"]] == ["Arrests"]


def test_a_call_reaches_its_long_complement() -> None:
    text = "دعا الوزير في لندن أمس المجلس العسكري الحاكم إلى الامتناع عن قمع المظاهرات في رانغون."
    assert not types_of(text) & PROTEST


def test_a_call_does_not_reach_past_a_new_clause() -> None:
    text = "دعا الوزير في لندن أمس المجلس العسكري إلى الحوار، بينما تظاهر آلاف المحتجين في رانغون."
    assert types_of(text) & PROTEST


def test_a_ban_does_not_reach_as_far_as_a_call() -> None:
    # "منع" (hypothetical) keeps its 8 words: the attack after the long clause is reported
    text = "وأسفر بعد قرار منع ارتداء النقاب في مناطق الشمال والساحل كلها لتدارك الخطر في البلاد هجوم " \
        "انتحاري عن مقتل 13 شخصا في مدينة ماروا."
    assert types_of(text) & VIOLENCE


def test_an_incident_named_as_the_occasion_of_a_decision_is_not_coded() -> None:
    # the clause asserts a decision ("قررت"); the attack after "غداة" is its occasion, dated and
    # placed by the decision's sentence, and coded from the report that tells it (salience.py)
    text = "قررت السلطات منع ارتداء النقاب في مناطق الشمال والساحل كلها لتدارك الخطر في البلاد غداة هجوم " \
        "انتحاري أسفر عن مقتل 13 شخصا في مدينة ماروا."
    assert not types_of(text) & VIOLENCE


def test_protest_that_is_the_setting_of_a_bombing() -> None:
    rec = record_of("قتل مراهق في أحد الاحتجاجات بمدينة الموصل أمس عندما فجر انتحاري نفسه وسط الحشد.")
    assert [e["sub_event_type"] for e in rec["events"]] == ["Suicide bomb"]
    assert not set(rec["event_types"]) & PROTEST


def test_protest_with_no_other_violence_is_coded() -> None:
    assert types_of("تظاهر المئات في مدينة الموصل أمس.") == {"Protests"}


def test_operations_carried_out_are_reported() -> None:
    # "عمليات اغتيال" names a kind of deed; "نفذ ... عمليات" says they took place
    assert types_of("نفذ المسلحون عمليات اغتيال في مدينة بغداد أمس.") & VIOLENCE


def test_sequel_kept_when_dated_later_in_the_sentence() -> None:
    dated = "كثف الجيش عملياته في بغداد عقب هجوم كبير شنه المسلحون على نقاط عسكرية في مدينة الموصل يوم الاثنين."
    undated = "كثف الجيش عملياته في بغداد عقب هجوم كبير شنه المسلحون على نقاط عسكرية في مدينة الموصل."
    assert [e["date"] for e in record_of(dated)["events"]] == ["2023-03-13"]
    assert not types_of(undated) & VIOLENCE


def test_sequel_told_by_a_verb_is_reported() -> None:
    # "بعد أن قصفت": a finite verb asserts the strike; only a noun after "بعد" is a background name
    rec = record_of("تراجعت الليرة في إسطنبول أمس بعد أن قصفت مقاتلات مواقع المسلحين في مدينة جرابلس.")
    assert [e["sub_event_type"] for e in rec["events"]] == ["Air/drone strike"]


def test_sequel_that_caused_a_death_is_reported() -> None:
    rec = record_of("أكد المرصد مقتل القائد في مدينة درعا أمس إثر استهدافه بقذيفة مدفعية.")
    assert [e["sub_event_type"] for e in rec["events"]] == ["Shelling/artillery/missile attack"]


def test_relative_clause_with_its_own_day_reports() -> None:
    # three words between "التي" and the noun, but one of them dates the incident
    dated = "أعلن الجيش في بغداد أمس عن إجراءات أمنية للمدينة التي شهدت يوم الاثنين تفجيرين انتحاريين."
    assert [(e["sub_event_type"], e["date"]) for e in record_of(dated)["events"]] == [("Suicide bomb", "2023-03-13")]


def test_a_claim_of_responsibility_is_still_reported() -> None:
    # the singular "المسؤول عن" after "أنه" claims the bombing: GUIDELINES code it
    rec = record_of("أعلن التنظيم أنه المسؤول عن تفجير المسجد في مدينة أبها أمس.")
    assert [e["sub_event_type"] for e in rec["events"]] == ["Remote explosive/landmine/IED"]
