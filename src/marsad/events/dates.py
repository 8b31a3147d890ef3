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
from collections.abc import Container, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import ahocorasick

from marsad import resources
from marsad.events.lexicons import Bundle, Items, build
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
def relative_items() -> Items:
    return tuple((r["pattern"], (r["kind"], int(r["value"]))) for r in resources.tsv("ar/dates.tsv"))


@cache
def relative_lexicon() -> Lexicon[tuple[str, int]]:
    return build(relative_items())


@cache
def month_items() -> Items:
    return tuple(month_names().items())


@cache
def date_bundle() -> Bundle:
    """The relative-date lexicon and the month names, in one pass. As a lexicon entry a month
    name is found wherever :func:`_month_bounded` can take it (and elsewhere too: after other
    clitics, before "_"): its hits are checked with :func:`_month_bounded`. The one place it is
    not found is a name ending a span that stops inside a word (see :func:`find_dates_in`)."""
    return Bundle([(relative_items(), 2), (month_items(), 2)])


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


# the word that may stand before a year
_YEAR_WORD_RE = re.compile(r"(?:عام|العام|سنة|سنه)\s+$")
_DIGIT_RE = re.compile(r"\d")  # one digit, of any digit set (the regex \d)


def _years(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the years of ``norm[start:end]``, in order: the runs of digits (of ``\\d+``
    searched from ``start``) that are four long and start with 19 or 20. Found by looking for
    "19" and "20" (str.find), not by matching every run of digits."""
    out: list[tuple[int, int]] = []
    if end - start < 4:
        return out
    digit = _DIGIT_RE.match
    for head in ("19", "20"):
        a = norm.find(head, start, end - 2)
        while a >= 0:
            b = a + 4
            if digit(norm, a + 2) and digit(norm, a + 3) and (b == end or not digit(norm, b)) \
                    and (a == start or not digit(norm, a - 1)):
                out.append((a, b))
            a = norm.find(head, a + 1, end - 2)
    if len(out) > 1:
        out.sort()
    return out


def day_parts(norm: str, start: int, end: int, dates: list[DateMention],
              relative: list[LexMatch[tuple[str, int]]] | None = None) -> list[tuple[int, int]]:
    """Spans of part-of-day words that lead a date ("فجر أمس", "مساء الأحد"): "فجر" there is
    dawn, not the verb "detonated". ``relative``: the relative-date lexicon's hits in the span,
    when the caller has them."""
    out: list[tuple[int, int]] = []
    for m in relative_lexicon().find(norm, start, end) if relative is None else relative:
        if m.payload[0] == "part" and any(0 <= d.start - m.end <= 6 and norm[m.end:d.start].split() in ([], ["يوم"])
                                          for d in dates):
            out.append((m.word_start, m.end))
    return out


def find_dates_in(norm: str, spans: Sequence[tuple[int, int]], published: date | None) -> list[list[DateMention]]:
    """:func:`find_dates` of each of ``spans`` (the sentences of a document, in order, not
    overlapping), with one pass of the relative-date lexicon and the month names (``date_bundle``)
    and one of the years over the whole text: a sentence with none of them has no date and is
    not looked at."""
    if not spans:
        return []
    rel, months_found = date_bundle().find_spans(norm, spans, every=(1,))
    return dates_from_hits(norm, spans, published, rel, months_found)


def dates_from_hits(norm: str, spans: Sequence[tuple[int, int]], published: date | None,
                    relative: Sequence[list[LexMatch[tuple[str, int]]]], months_found: Sequence[list[LexMatch[int]]],
                    only: Container[int] | None = None) -> list[list[DateMention]]:
    """:func:`find_dates_in` from the hits of ``date_bundle().find_spans(norm, spans, every=(1,))``
    (or the same two members of a larger bundle): the relative-date hits of each span and every
    month-name hit of each span. ``only``: the numbers of the spans whose dates are wanted (the
    others get none), when not all are."""
    if not spans:
        return []
    if len(months_found) != len(spans) or len(relative) != len(spans):
        raise ValueError("one list of hits a span")
    wanted = range(len(spans)) if only is None else \
        sorted(i for i in only if 0 <= i < len(spans)) if isinstance(only, (set, frozenset)) else \
        [i for i in range(len(spans)) if i in only]
    months: dict[int, bool] = {}  # a month name lies in the sentence
    for i in wanted:
        a, b = spans[i]
        if b < len(norm) and _word_char(norm[b]):
            months[i] = _has_month(norm, a, b)  # a span that stops inside a word: found the exact way
        else:
            found = months_found[i]
            months[i] = bool(found) and any(_month_bounded(norm, m.start, m.end, b) for m in found)
    out: list[list[DateMention]] = [[] for _ in spans]
    marked: set[int] = set()  # a year lies in the sentence
    if any(not relative[i] and not months[i] for i in wanted):  # sentences searched only if it does
        lo, hi = spans[0][0], spans[-1][1]
        starts = [a for a, _ in spans]
        for a, b in _years(norm, lo, hi):
            i = bisect_right(starts, a) - 1
            if i >= 0 and b <= spans[i][1]:
                marked.add(i)
    for i in wanted:
        if relative[i] or months[i] or i in marked:
            a, b = spans[i]
            out[i] = _dates(norm, a, b, published, relative[i], months[i])
    return out


def find_dates(norm: str, start: int, end: int, published: date | None,
               relative: list[LexMatch[tuple[str, int]]] | None = None, months: bool = True) -> list[DateMention]:
    """Dates in ``norm[start:end]`` (one sentence), resolved against ``published``. ``relative``:
    the relative-date lexicon's hits there, when the caller has them; ``months`` False: the
    caller knows no month name is there."""
    return _dates(norm, start, end, published, relative_lexicon().find(norm, start, end) if relative is None
                  else relative, months and _has_month(norm, start, end))


def _dates(norm: str, start: int, end: int, published: date | None, relative: list[LexMatch[tuple[str, int]]],
           months: bool) -> list[DateMention]:
    """:func:`find_dates` with the relative-date hits of the span, and whether a month name that
    :func:`_absolute_re` can match lies there."""
    out: list[DateMention] = []
    for r in relative:
        kind, value = r.payload
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
        out.append(DateMention(r.word_start, r.end, d, prec, kind))
    names = month_names()
    for m in _absolute_re().finditer(norm, start, end) if months else ():
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
    for a, b in _years(norm, start, end):  # years: "2014", "عام 2014"
        year = int(norm[a:b])
        w = _YEAR_WORD_RE.search(norm, max(start, a - 12), a)
        if w is not None:
            a = w.start()
        if any(x.start <= a < x.end for x in out):
            continue
        out.append(DateMention(a, b, date(year, 7, 1), 4, "year"))
    out.sort(key=lambda x: x.start)
    return out
