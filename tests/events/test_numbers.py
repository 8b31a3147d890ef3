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
