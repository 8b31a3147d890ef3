"""Dates: relative expressions against the publication date, both month-name systems,
ACLED date precision, and no guessing without a publication date."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.events.dates import find_dates
from marsad.text.normalize import normalize

from .conftest import events_of

PUB = date(2023, 3, 16)  # a Thursday


def first(text: str, published: date | None = PUB):  # type: ignore[no-untyped-def]
    n = normalize(text)
    found = [d for d in find_dates(n, 0, len(n), published) if d.kind != "year"]
    assert found, text
    return found[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("قصف أمس", date(2023, 3, 15)),
    ("قصف اليوم", date(2023, 3, 16)),
    ("قصف أول أمس", date(2023, 3, 14)),
    ("قصف يوم الثلاثاء", date(2023, 3, 14)),
    ("قصف يوم الخميس", date(2023, 3, 16)),  # the publication day itself
    ("قصف يوم الجمعة", date(2023, 3, 10)),  # the most recent Friday before publication
    ("وقع الهجوم فجر يوم الخميس", date(2023, 3, 16)),
    ("وقع الهجوم مساء الأحد", date(2023, 3, 12)),
    ("هاجم المقاتلون الليلة الماضية", date(2023, 3, 15)),
    ("هاجم المقاتلون الليلة قبل الماضية", date(2023, 3, 14)),
])
def test_relative_day(text: str, expected: date) -> None:
    d = first(text)
    assert (d.date, d.precision) == (expected, 1)


def test_last_week_is_precision_2() -> None:
    d = first("وقع الهجوم الأسبوع الماضي")
    assert d.precision == 2 and d.date is not None and 0 < (PUB - d.date).days <= 7


@pytest.mark.parametrize("text", ["11 نوفمبر 2022", "11 تشرين الثاني 2022", "١١ نوفمبر ٢٠٢٢", "11 من نوفمبر 2022"])
def test_absolute_day_both_month_systems(text: str) -> None:
    d = first(f"وقع الهجوم في {text}")
    assert (d.date, d.precision) == (date(2022, 11, 11), 1)


def test_absolute_day_without_year_takes_the_year_of_publication() -> None:
    d = first("وقع الهجوم في 11 تشرين الثاني", published=date(2022, 11, 20))
    assert (d.date, d.precision) == (date(2022, 11, 11), 1)


@pytest.mark.parametrize("text", ["في شهر مارس / آذار", "في آذار", "في مارس"])
def test_month_only_is_precision_3_on_the_15th(text: str) -> None:
    d = first(f"وقع الهجوم {text}")
    assert (d.date, d.precision) == (date(2023, 3, 15), 3)


@pytest.mark.parametrize("text", ["أمس", "اليوم", "يوم الجمعة", "الأسبوع الماضي"])
def test_no_publication_date_leaves_relative_dates_unresolved(text: str) -> None:
    d = first(f"وقع الهجوم {text}", published=None)
    assert d.date is None


def test_no_publication_date_keeps_absolute_dates() -> None:
    d = first("وقع الهجوم في 11 نوفمبر 2022", published=None)
    assert d.date == date(2022, 11, 11)


# -- through the whole pipeline ----------------------------------------------------------------

def test_event_date_from_weekday() -> None:
    (ev,) = events_of("قصفت المدفعية مدينة حلب يوم الثلاثاء.")
    assert (ev["date"], ev["date_precision"]) == ("2023-03-14", 1)


def test_event_without_a_temporal_cue_uses_publication_with_precision_2() -> None:
    (ev,) = events_of("قصفت المدفعية مدينة حلب.")
    assert (ev["date"], ev["date_precision"]) == ("2023-03-16", 2)


def test_event_last_week_is_precision_2() -> None:
    (ev,) = events_of("قصفت المدفعية مدينة حلب الأسبوع الماضي.")
    assert ev["date_precision"] == 2


def test_event_without_publication_date_has_no_invented_date() -> None:
    evs = events_of("قصفت المدفعية مدينة حلب أمس.", published=None)
    assert all(e["date"] is None for e in evs)


def test_event_absolute_date() -> None:
    (ev,) = events_of("قصفت المدفعية مدينة حلب في 10 آذار 2023.")
    assert (ev["date"], ev["date_precision"]) == ("2023-03-10", 1)


@pytest.mark.parametrize("text, expected", [
    ("قتل ثلاثة في الهجوم في آب 2014 على المدينة", date(2014, 8, 15)),
    ("وقع الانفجار بآب الماضي", date(2022, 8, 15)),
    ("استهدف الإرهاب الأسواق في 12 آب", date(2022, 8, 12)),
])
def test_a_month_name_as_a_word_is_found_among_words_that_contain_it(text: str, expected: date) -> None:
    # "اب" (August in the Levant) is inside "الإرهاب", "الأسباب": only the word is a month
    from marsad.events.dates import find_dates_in

    norm = normalize(text)
    found = find_dates_in(norm, [(0, len(norm))], PUB)[0]
    assert found == find_dates(norm, 0, len(norm), PUB)
    assert [d.date for d in found if d.kind == "absolute"] == [expected]


def test_no_month_inside_a_word_and_sentences_without_dates_have_none() -> None:
    from marsad.events.dates import _has_month, find_dates_in

    norm = normalize("تعددت أسباب الإرهاب والكتاب. وقتل اثنان يوم أمس. وفي عام 2014 سقطت المدينة.")
    assert not _has_month(norm, 0, norm.index("."))
    spans = [(0, norm.index(".") + 1), (norm.index("وقتل"), norm.index("أمس".replace("أ", "ا")) + 4),
             (norm.index("وفي"), len(norm))]
    got = find_dates_in(norm, spans, PUB)
    assert got[0] == []
    assert [d.kind for d in got[1]] == ["offset"]
    assert [d.kind for d in got[2]] == ["year"]
    assert got == [find_dates(norm, a, b, PUB) for a, b in spans]
