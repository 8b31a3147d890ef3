"""Dates of events: relative and absolute expressions resolved against the publication date.

Relative expressions (أمس، اليوم، weekday names, "الأسبوع الماضي") come from
``data/ar/dates.tsv``; month names of both the Gregorian (مارس) and the Syriac/Levantine
(آذار) systems from CLDR through babel. An expression with a day gives precision 1; "the week"
precision 2; only a month precision 3 (the 15th, never an invented day). Without a
publication date, relative expressions stay unresolved.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import ahocorasick

from marsad import resources
from marsad.text.lexicon import Lexicon, LexMatch
from marsad.text.normalize import normalize


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # normalised offsets in the text searched
    end: int
    date: date | None
    precision: int  # 1 day, 2 week, 3 month
    kind: str  # offset | weekday | week | month | absolute | year


@cache
def month_names() -> dict[str, int]:
    from babel import Locale

    out: dict[str, int] = {}
    for loc in ("ar", "ar_SY", "ar_IQ", "ar_LB", "ar_JO", "ar_MA", "ar_DZ", "ar_TN"):
        try:
            months = Locale.parse(loc).months["format"]["wide"]
        except Exception:
            continue
        for num, name in months.items():
            out.setdefault(normalize(name), int(num))
    return out


@cache
def relative_lexicon() -> Lexicon[tuple[str, int]]:
    lex: Lexicon[tuple[str, int]] = Lexicon(min_key_chars=2)
    lex.add_all((r["pattern"], (r["kind"], int(r["value"]))) for r in resources.tsv("ar/dates.tsv"))
    return lex.compile()


@cache
def _absolute_re() -> re.Pattern[str]:
    names = sorted(month_names(), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    # "11 نوفمبر 2022", "11 من نوفمبر", "نوفمبر / تشرين الثاني 2022", "مارس / اذار"
    return re.compile(
        rf"(?:(?<!\d)(?P<day>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?)?(?<!\w)(?:ب|ل|في\s+)?(?P<month>{alt})(?!\w)"
        rf"(?:\s*[/(]\s*(?:{alt})(?!\w)\s*\)?)?(?:\s+(?:من\s+)?(?:عام\s+|العام\s+)?(?P<year>(?:19|20)\d\d))?"
    )


@cache
def _month_automaton() -> ahocorasick.Automaton:
    """Every month name: a sentence that contains none is not searched with the date pattern."""
    a = ahocorasick.Automaton()
    for name in month_names():
        a.add_word(name, name)
    a.make_automaton()
    return a


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # the regex \w


def _month_bounded(norm: str, s: int, e: int, end: int) -> bool:
    """Whether the month name at ``[s, e)`` can be the month of :func:`_absolute_re` in a text
    searched up to ``end``: no word goes on after it, and before it stands no word, or only the
    clitic ب/ل ("بمارس") ("في مارس": a space). A month name inside a word ("اب" in "الارهاب") cannot."""
    if e < end and _word_char(norm[e]):
        return False
    if s == 0 or not _word_char(norm[s - 1]):
        return True
    return norm[s - 1] in "بل" and (s == 1 or not _word_char(norm[s - 2]))


def _has_month(norm: str, start: int, end: int) -> bool:
    """Whether ``norm[start:end]`` holds a month name that :func:`_absolute_re` could match."""
    return any(_month_bounded(norm, last + 1 - len(name), last + 1, end)
               for last, name in _month_automaton().iter(norm, start, end))


# a run of digits (a year is one of four, 19xx or 20xx), and the word that may stand before it
_DIGITS_RE = re.compile(r"\d+")
_YEAR_WORD_RE = re.compile(r"(?:عام|العام|سنة|سنه)\s+$")


def day_parts(norm: str, start: int, end: int, dates: list[DateMention]) -> list[tuple[int, int]]:
    """Spans of part-of-day words that lead a date ("فجر أمس", "مساء الأحد"): "فجر" there is
    dawn, not the verb "detonated"."""
    out: list[tuple[int, int]] = []
    for m in relative_lexicon().find(norm, start, end):
        if m.payload[0] == "part" and any(0 <= d.start - m.end <= 6 and norm[m.end:d.start].split() in ([], ["يوم"])
                                          for d in dates):
            out.append((m.word_start, m.end))
    return out


def find_dates_in(norm: str, spans: Sequence[tuple[int, int]], published: date | None) -> list[list[DateMention]]:
    """:func:`find_dates` of each of ``spans`` (the sentences of a document, in order, not
    overlapping), with one pass of the relative-date lexicon, of the month names and of the years
    over the whole text: a sentence with none of them has no date and is not looked at."""
    if not spans:
        return []
    rel = relative_lexicon().find_spans(norm, spans)
    lo, hi = spans[0][0], spans[-1][1]
    starts = [a for a, _ in spans]
    marked = [False] * len(spans)  # a month name or a year lies in the sentence
    months = [False] * len(spans)
    for last, name in _month_automaton().iter(norm, lo, hi):
        i = bisect_right(starts, last + 1 - len(name)) - 1
        if i >= 0 and last < spans[i][1] and _month_bounded(norm, last + 1 - len(name), last + 1, spans[i][1]):
            marked[i] = months[i] = True
    for m in _DIGITS_RE.finditer(norm, lo, hi):  # years: runs of four digits, 19xx or 20xx
        a, b = m.span()
        if b - a == 4 and norm[a:a + 2] in ("19", "20"):
            i = bisect_right(starts, a) - 1
            if i >= 0 and b <= spans[i][1]:
                marked[i] = True
    return [find_dates(norm, a, b, published, r, months[i]) if r or marked[i] else []
            for i, ((a, b), r) in enumerate(zip(spans, rel, strict=True))]


def find_dates(norm: str, start: int, end: int, published: date | None,
               relative: list[LexMatch[tuple[str, int]]] | None = None, months: bool = True) -> list[DateMention]:
    """Dates in ``norm[start:end]`` (one sentence), resolved against ``published``. ``relative``:
    the relative-date lexicon's hits there, when the caller has them; ``months`` False: the
    caller knows no month name is there."""
    out: list[DateMention] = []
    for m in relative_lexicon().find(norm, start, end) if relative is None else relative:
        kind, value = m.payload
        if kind == "part":
            continue
        d: date | None = None
        prec = 1
        if published is not None:
            if kind == "offset":
                d = published - timedelta(days=value)
            elif kind == "weekday":
                d = published - timedelta(days=(published.weekday() - value) % 7)
            elif kind == "week":
                d, prec = published - timedelta(days=value), 2
            elif kind == "month":
                y, mo = published.year, published.month - value
                while mo < 1:
                    mo, y = mo + 12, y - 1
                d, prec = date(y, mo, 15), 3
        else:
            prec = {"week": 2, "month": 3}.get(kind, 1)
        out.append(DateMention(m.word_start, m.end, d, prec, kind))
    names = month_names()
    for m in _absolute_re().finditer(norm, start, end) if months and _has_month(norm, start, end) else ():
        month = names[m.group("month")]
        year = int(m.group("year")) if m.group("year") else None
        day = int(m.group("day")) if m.group("day") else None
        if year is None:
            if published is None:
                continue
            year = published.year if month <= published.month else published.year - 1
        try:
            d = date(year, month, day) if day else date(year, month, 15)
        except ValueError:
            continue
        out.append(DateMention(m.start(), m.end(), d, 1 if day else 3, "absolute"))
    for m in _DIGITS_RE.finditer(norm, start, end):  # years: "2014", "عام 2014"
        a, b = m.start(), m.end()
        if b - a != 4 or norm[a:a + 2] not in ("19", "20"):
            continue
        w = _YEAR_WORD_RE.search(norm, max(start, a - 12), a)
        if w is not None:
            a = w.start()
        if any(x.start <= a < x.end for x in out):
            continue
        out.append(DateMention(a, b, date(int(m.group()), 7, 1), 4, "year"))
    out.sort(key=lambda x: x.start)
    return out
