"""Round 4: verbs of occurrence ("قام بـ"), crowds, exchanges of fire (sentences written here)."""

from __future__ import annotations

import pytest

from .conftest import events_of, record_of


def types_of(text: str) -> set[tuple[str, str]]:
    return {(e["event_type"], e["sub_event_type"]) for e in events_of(text)}


@pytest.mark.parametrize(("text", "etype"), [
    # "قام بـ" + verbal noun: what the subject did, told as a verb
    ("قامت طائرة مسيرة بإطلاق صاروخ على سيارة قرب مدينة رفح.", "Explosions/Remote violence"),
    ("قام مسلحون باختطاف مهندس في مدينة سرت.", "Violence against civilians"),
    ("قام المحتجون باعتصام أمام مبنى المحافظة في مدينة البصرة.", "Protests"),
])
def test_qama_bi_reports_the_noun(text: str, etype: str) -> None:
    assert etype in {t for t, _ in types_of(text)}


@pytest.mark.parametrize("text", [
    "تجمع مئات المواطنين أمام مبنى المحافظة في مدينة البصرة أمس للمطالبة بالكهرباء.",
    "احتشد آلاف الطلاب في ساحة الجامعة بمدينة الخرطوم أمس.",
    "خرج الآلاف متظاهرين في شوارع مدينة بنغازي أمس.",
    "خرج عشرات الشبان في مدينة نابلس أمس رافعين الأعلام.",
    "وقال إن السكان خرجوا متظاهرين في مدينة الزاوية أمس.",
])
def test_a_named_crowd_gathering_is_a_protest(text: str) -> None:
    assert ("Protests", "Peaceful protest") in types_of(text)


def test_a_gathering_without_a_crowd_is_not_a_protest() -> None:
    assert not types_of("تجمع الوزراء في مدينة البصرة أمس لمناقشة الميزانية.")


@pytest.mark.parametrize("text", [
    "تبادلت القوات الحكومية والمسلحون إطلاق نيران المدفعية في مدينة تعز أمس.",
    "وتبادل الجيش ومقاتلو القبائل إطلاق النار في بلدة عرسال أمس.",
    # the article on "الجيش" does not make "الجيش إطلاق" a name like "جيش الفتح"
    "وتبادلت جماعة الحوثي وحلفاؤها في الجيش إطلاق نيران المدفعية مع القوات الحكومية في مدينة تعز أمس.",
])
def test_exchange_of_fire_is_a_clash(text: str) -> None:
    assert ("Battles", "Armed clash") in types_of(text)


def test_fire_without_exchange_is_not_a_clash() -> None:
    assert ("Battles", "Armed clash") not in types_of("طالبت الحكومة بوقف إطلاق النار في مدينة تعز أمس.")


def test_a_crowd_of_things_is_not_a_protest() -> None:
    # the quantity counts vehicles (a sound feminine plural of things), not people
    assert not types_of("تجمعت مئات السيارات والشاحنات عند المعبر الحدودي في مدينة البصرة أمس.")
    assert ("Protests", "Peaceful protest") in types_of("تجمعت مئات الطالبات أمام الجامعة في مدينة البصرة أمس.")


def test_whoever_did_it_is_not_reported() -> None:
    # "كل من قام بـ": a description of whoever did it, not "قام بـ" reporting the deed
    rec = record_of("وقال الرئيس في بيروت أمس إن الحل هو إحالة كل من قام باعتداء على الجيش اللبناني إلى العدالة.")
    assert rec["events"] == [] and rec["event_types"] == []


@pytest.mark.parametrize(("text", "etype"), [
    # verbs with an object pronoun: "هاجمتهم", "قتلوهم"; a noun with a possessive: "اغتصابها"
    ("وفي مدينة نابلس هاجمتهم مجموعة من المستوطنين أمس بالعصي.", "Violence against civilians"),
    ("وقال شهود إن مسلحين أوقفوا حافلة الركاب في مدينة الرمادي أمس وقتلوهم.", "Violence against civilians"),
    ("أكدت الشرطة أن ثلاثة مسلحين قاموا باغتصابها في مدينة جوبا أمس.", "Violence against civilians"),
    # a long subject between قام and the verbal noun
    ("وقامت طائرة حربية بدون طيار بإطلاق صاروخ على سيارة قرب مدينة رفح.", "Explosions/Remote violence"),
])
def test_pronoun_suffixes_and_long_subjects(text: str, etype: str) -> None:
    assert etype in {t for t, _ in types_of(text)}
