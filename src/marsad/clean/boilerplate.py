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
from typing import Any

import numpy as np

from marsad import resources
from marsad.text import kernels
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


def _line_loop(codes, fold, flags, strip):  # type: ignore[no-untyped-def]
    """``(lines, 4)``: each line's ``[start, end)`` (``str.splitlines(keepends=True)``) and the
    ``[start, end)`` in the normalised text of the line stripped of the ``strip`` characters."""
    n = codes.size
    out = np.empty((n, 4), dtype=np.int64)
    size = strip.size
    k = 0
    rem = 0  # characters removed by normalisation before the line
    a = 0
    while a < n:
        e = a
        while e < n and not flags[codes[e]] & 64:  # LINE_BREAK
            e += 1
        if e == n:
            b = n
        elif codes[e] == 13 and e + 1 < n and codes[e + 1] == 10:
            b = e + 2
        else:
            b = e + 1
        a1 = a
        while a1 < b and codes[a1] < size and strip[codes[a1]]:
            a1 += 1
        b1 = b
        while b1 > a1 and codes[b1 - 1] < size and strip[codes[b1 - 1]]:
            b1 -= 1
        r1 = rem
        for i in range(a, a1):
            if fold[codes[i]] == 0xFFFFFFFF:
                r1 += 1
        r2 = r1
        for i in range(a1, b1):
            if fold[codes[i]] == 0xFFFFFFFF:
                r2 += 1
        rem = r2
        for i in range(b1, b):
            if fold[codes[i]] == 0xFFFFFFFF:
                rem += 1
        out[k, 0] = a
        out[k, 1] = b
        out[k, 2] = a1 - r1
        out[k, 3] = b1 - r2
        k += 1
        a = b
    return out[:k]


@cache
def _line_kernel() -> Any:
    """:func:`_line_loop` compiled, or None without numba."""
    from marsad.jit import njit

    return njit(_line_loop)


@cache
def _strip_table() -> np.ndarray:
    table = np.zeros(max(map(ord, _STRIP)) + 1, dtype=np.uint8)
    table[[ord(ch) for ch in _STRIP]] = 1
    return table


def line_keys(text: str, norm: NormText, codes: np.ndarray | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` of each line of ``text``: the key is ``normalize`` of the line
    stripped of spaces, dashes and bars, then of white space. ``norm``: the normalisation of
    ``text``; ``codes``: ``kernels.code_points(text)``, when the caller has it.

    Speed: the keys are slices of the normalised text (normalising is per character), found by
    a compiled loop over the code points (or, without numba, line by line)."""
    folded, removed = norm.norm, norm.removed
    kernel = _line_kernel()
    if kernel is not None:
        rows = kernel(kernels.code_points(text) if codes is None else codes, kernels.fold_table(),
                      kernels.char_flags(), _strip_table()).tolist()
        return [(a, b, folded[na:nb].strip() if nb > na else "") for a, b, na, nb in rows]
    out = []
    for a, b in _lines(text):
        line = text[a:b]
        left = line.lstrip(_STRIP)
        key = left.rstrip(_STRIP)
        if key:
            a1 = a + len(line) - len(left)
            b1 = a1 + len(key)
            key = (folded[a1 - bisect_left(removed, a1):b1 - bisect_left(removed, b1)] if removed
                   else folded[a1:b1]).strip()
        out.append((a, b, key))
    return out


def body_spans(text: str, norm: NormText | None = None, codes: np.ndarray | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the article body, boilerplate lines excluded. ``norm``: the
    normalisation of ``text``; ``codes``: ``kernels.code_points(text)``, when the caller has them.

    Speed: the lines' keys come from the text's normalisation (:func:`line_keys`) and are tried
    against one pattern of the three kinds."""
    pats = patterns()
    if norm is None or norm.original is not text:
        norm = NormText.of(text, codes)
    body: list[tuple[int, int]] = []
    n = len(text)
    for a, b, key in line_keys(text, norm, codes):
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
