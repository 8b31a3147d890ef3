"""Trailing boilerplate: 'More Stories' lists, author bios, wire sign-offs, share/subscribe lines.

The text itself is kept (offsets must point into the caller's text); the article body is
recorded as spans, and what falls outside is counted in ``flags.boilerplate_chars``.
Patterns live in ``data/ar/boilerplate.tsv``: a ``tail`` line starts the trailing block (it
and everything after it go), a ``signoff`` line ends the article when it stands in its second
half, a ``line`` pattern drops that line wherever it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad import resources
from marsad.text.normalize import normalize

SIGNOFF_MIN_POSITION = 0.5  # share of the text before which a lone sign-off line is a dateline


@dataclass(frozen=True, slots=True)
class Patterns:
    tail: re.Pattern[str]
    signoff: re.Pattern[str]
    line: re.Pattern[str]


@cache
def patterns() -> Patterns:
    groups: dict[str, list[str]] = {"tail": [], "signoff": [], "line": []}
    for row in resources.tsv("ar/boilerplate.tsv"):
        groups[row["kind"]].append(normalize(row["pattern"]))
    return Patterns(*(re.compile("^(?:" + "|".join(groups[k]) + ")$", re.IGNORECASE) for k in ("tail", "signoff", "line")))


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def body_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the article body, boilerplate lines excluded."""
    pats = patterns()
    body: list[tuple[int, int]] = []
    n = len(text)
    for a, b in _lines(text):
        key = normalize(text[a:b].strip(" \t\r\n-–—|•*:")).strip()
        if key and pats.tail.match(key):
            break
        if key and a >= n * SIGNOFF_MIN_POSITION and pats.signoff.match(key):
            break
        if key and pats.line.match(key):
            continue
        if body and body[-1][1] == a:
            body[-1] = (body[-1][0], b)
        else:
            body.append((a, b))
    return body


def boilerplate_chars(text: str, body: list[tuple[int, int]]) -> int:
    """Non-space characters outside the body (the body spans are in order, not overlapping)."""
    out = 0
    pos = 0
    for a, b in [*body, (len(text), len(text))]:
        if a > pos:
            out += len("".join(text[pos:a].split()))
        pos = max(pos, b)
    return out
