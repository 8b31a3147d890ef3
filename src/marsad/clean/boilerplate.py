"""Trailing boilerplate: 'More Stories' lists, author bios, wire sign-offs, share/subscribe lines.

The text itself is kept (offsets must point into the caller's text); the article body is
recorded as spans, and what falls outside is counted in ``flags.boilerplate_chars``.
Patterns live in ``data/ar/boilerplate.tsv``: a ``tail`` line starts the trailing block (it
and everything after it go), a ``signoff`` line ends the article when it stands in its second
half, a ``line`` pattern drops that line wherever it stands.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from marsad import resources
from marsad.text.normalize import NormText, normalize

SIGNOFF_MIN_POSITION = 0.5  # share of the text before which a lone sign-off line is a dateline
_KINDS = ("tail", "signoff", "line")
_STRIP = " \t\r\n-–—|•*:"


@dataclass(frozen=True, slots=True)
class Patterns:
    tail: re.Pattern[str]
    signoff: re.Pattern[str]
    line: re.Pattern[str]
    # the three as the alternatives of one pattern, in that order, each a named group: its match
    # is the tail's if the tail matches, else the sign-off's if that matches, else the line's
    # (one regex call for the lines that are none of them: nearly all)
    any: re.Pattern[str]


@cache
def patterns() -> Patterns:
    groups: dict[str, list[str]] = {k: [] for k in _KINDS}
    for row in resources.tsv("ar/boilerplate.tsv"):
        groups[row["kind"]].append(normalize(row["pattern"]))
    each = [re.compile("^(?:" + "|".join(groups[k]) + ")$", re.IGNORECASE) for k in _KINDS]
    one = re.compile("^(?:" + "|".join(f"(?P<{k}>{'|'.join(groups[k])})" for k in _KINDS) + ")$", re.IGNORECASE)
    return Patterns(*each, one)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def body_spans(text: str, norm: NormText | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the article body, boilerplate lines excluded. ``norm``: the
    normalisation of ``text``, when the caller has it.

    Speed: a line's key (``normalize`` of the line stripped of spaces and dashes) is sliced from
    the text's normalisation, and tried against one pattern of the three kinds."""
    pats = patterns()
    if norm is None or norm.original is not text:
        norm = NormText.of(text)
    folded, removed = norm.norm, norm.removed
    body: list[tuple[int, int]] = []
    n = len(text)
    for a, b in _lines(text):
        line = text[a:b]
        left = line.lstrip(_STRIP)
        key = left.rstrip(_STRIP)
        if key:
            a1 = a + len(line) - len(left)
            b1 = a1 + len(key)
            # normalising is per character: normalize(text[a1:b1]) is this slice of the normalised text
            key = (folded[a1 - bisect_left(removed, a1):b1 - bisect_left(removed, b1)] if removed
                   else folded[a1:b1]).strip()
        m = pats.any.match(key) if key else None
        if m is not None:
            if m.group("tail") is not None:
                break
            if m.group("signoff") is not None:
                if a >= n * SIGNOFF_MIN_POSITION:
                    break
                if pats.line.match(key):
                    continue
            else:
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
