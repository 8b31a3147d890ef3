"""Numbers and fatalities by ACLED's conservative rules."""

from __future__ import annotations

import pytest

from marsad.events.fatalities import count_fatalities
from marsad.events.numbers import read_number
from marsad.text.normalize import normalize

from .conftest import events_of


def number(text: str) -> int | None:
    words = normalize(text).split()
    got = read_number(words, 0)
    return None if got is None else got[0]


def deaths(text: str) -> int:
    n = normalize(text)
    return count_fatalities(n, 0, len(n))


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), ("١٢", 12), ("1,200", 1200),
    ("خمسة وعشرون", 25), ("ثلاثين ألفًا", 30000), ("30 ألفا", 30000),
    ("عشرات", 10), ("مئات", 100),
])
def test_read_number(text: str, value: int) -> None:
    assert number(text) == value


def test_read_number_not_a_number() -> None:
    assert number("مدينة") is None


@pytest.mark.parametrize(("text", "value"), [
    ("مقتل 12 شخصا في القصف", 12),
    ("مقتل ١٢ شخصا في القصف", 12),
    ("مقتل خمسة وعشرين مدنيا", 25),
    ("مقتل عشرات المدنيين", 10),
    ("مقتل مئات الأشخاص", 100),
    ("مقتل أكثر من 20 شخصا", 20),
    ("مقتل ما لا يقل عن 7 أشخاص", 7),
    ("مقتل 3 أشخاص وإصابة 15 آخرين", 3),
    ("مقتل جندي", 1),
    ("مقتل جنديين", 2),
    ("سقوط قتلى في القصف", 3),
    ("مقتل مسلحين", 3),
    ("مقتل 4 مسلحين نفذوا الهجوم", 4),  # killed attackers count
])
def test_fatalities(text: str, value: int) -> None:
    assert deaths(text) == value


@pytest.mark.parametrize("text", [
    "إصابة 15 شخصا بجروح",
    "سقوط 10 أشخاص بين قتيل وجريح",
    "خسائر بشرية في القصف",
    "دمر القصف 30 منزلا",
])
def test_no_fatalities(text: str) -> None:
    assert deaths(text) == 0


def test_fatalities_in_an_event() -> None:
    (ev,) = events_of("قتل ثلاثة مدنيين وأصيب 20 آخرون في قصف مدفعي على مدينة حلب أمس.")
    assert ev["fatalities"] == 3


def test_injuries_only_event_has_zero() -> None:
    (ev,) = events_of("أصيب 20 شخصا في قصف مدفعي على مدينة حلب أمس.")
    assert ev["fatalities"] == 0


@pytest.mark.parametrize(("text", "value"), [
    ("أعلن الجيش مقتل أحد جنوده في هجوم", 1),  # "أحد" + a possessed plural: one
    ("استشهاد إحدى النساء في القصف", 1),
    ("مقتل أحد الجنود وإصابة خمسة", 1),
    ("استشهد الشاب محمد علي «27 عاماً» برصاص الجنود", 1),  # an age is not a toll
    ("قتل شرطي (40 عاما) في الهجوم", 1),
    ("مقتل طفل يبلغ من العمر 9 سنوات", 1),
    ("خلف الانفجار أكثر من 15 قتيلاً", 15),  # "قتيلا" after a figure is a toll
    ("أعدم التنظيم سبعة رجال في الساحة", 7),  # an execution kills
    ("لقي 12 مسلحا مصرعهم وجرح 30 آخرين", 12),  # a verb of injury: its figure is not a death
    ("سقط قتلى وجرحى من المسلحين في الكمين وسقط آخرون بين قتيل وجريح", 3),
])
def test_fatalities_round4(text: str, value: int) -> None:
    assert deaths(text) == value


@pytest.mark.parametrize("text", [
    "سقوط 14 قتيلا وجريحا في الانفجار",  # dead and wounded in one figure
    "سقوط 9 قتلى وجرحى في القصف",
])
def test_dead_and_wounded_together(text: str) -> None:
    assert deaths(text) == 0


def test_a_death_sentence_is_not_a_death() -> None:
    assert deaths("صدرت عقوبة الإعدام بحق اثنين من المدانين") == 0


@pytest.mark.parametrize(("text", "value"), [
    # two sources' figures in one sentence are not added: ACLED takes the lower
    ("قتل أربعة أشخاص في الهجوم فيما قالت مصادر محلية إن ستة قتلوا", 4),
    ("أعلن الجيش مقتل 9 مسلحين بينما قال المرصد إن 5 مسلحين قتلوا", 5),
    ("قتل 12 شخصا في القصف بينما قال المرصد إن المدينة هادئة", 12),
])
def test_two_sources_lower_figure(text: str, value: int) -> None:
    assert deaths(text) == value
