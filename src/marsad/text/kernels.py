"""Compiled loops of the text layer over a text's code points (numba), with plain fallbacks.

A document's text is read once as an array of code points (:func:`code_points`: UTF-32, no
Python object per character) and each loop walks it once with a table of character flags
(:func:`char_flags`: white space, letter or digit, word mark, sentence end...). The loops give
exactly what the string code of :mod:`marsad.text.normalize` and :mod:`marsad.text.tokens` gives
(``str.translate`` with the normalisation table, the sentence-end regex, ``words()``); the tests
check them on random and corpus texts. :func:`loops` returns None without numba, and the callers
then run that string code.
"""

from __future__ import annotations

import functools
import re
from types import SimpleNamespace

import numpy as np

from marsad.jit import njit

SPACE = 1  # str.isspace() (what str.split() and the regex \s split on)
ALNUM = 2  # str.isalnum()
MARK = 4  # inside a word though not alphanumeric: Arabic diacritics, tatweel, zero-width (non-)joiners
END = 8  # . ! ? ؟ ۔: a run of them ends a sentence when white space, a closer or the end follows
CLOSER = 16  # " ' ” » ) ]: closers after a sentence end stay with the sentence
NEWLINE = 32  # \n: a run of line feeds ends a sentence
LINE_BREAK = 64  # where str.splitlines() breaks (\r\n counts as one break)
WORD = ALNUM | MARK

WORD_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640\u200c\u200d"
SENTENCE_ENDS = ".!?؟۔"
CLOSERS = "\"'”»)]"
LINE_BREAKS = "\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"
REMOVED = np.uint32(0xFFFFFFFF)  # in the fold table: the character is removed by normalisation
UNICODE_SIZE = 0x110000


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (lone surrogates included) as a uint32 array."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def from_code_points(codes: np.ndarray) -> str:
    """The string of a uint32 array of code points (the inverse of :func:`code_points`)."""
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def _runs(pattern: str, everything: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, everything)]


@functools.cache
def char_flags() -> np.ndarray:
    """``flags[code point]``: the bits above, for every code point.

    White space and alphanumerics are found by the regex engine over a string of all code points
    (its ``\\s`` is ``str.isspace`` and ``[^\\W_]`` is ``str.isalnum``; a test checks every code point).
    """
    everything = from_code_points(np.arange(UNICODE_SIZE, dtype=np.uint32))
    flags = np.zeros(UNICODE_SIZE, dtype=np.uint8)
    for bit, pattern in ((SPACE, r"\s+"), (ALNUM, r"[^\W_]+")):
        for a, b in _runs(pattern, everything):
            flags[a:b] |= bit
    for bit, chars in ((MARK, WORD_MARKS), (END, SENTENCE_ENDS), (CLOSER, CLOSERS), (NEWLINE, "\n"),
                        (LINE_BREAK, LINE_BREAKS)):
        for ch in chars:
            flags[ord(ch)] |= bit
    flags.setflags(write=False)
    return flags


@functools.cache
def fold_table() -> np.ndarray:
    """``table[code point]``: the code point after :func:`marsad.text.normalize.normalize`
    (:data:`REMOVED` for a removed one)."""
    from marsad.text.normalize import _TABLE

    table = np.arange(UNICODE_SIZE, dtype=np.uint32)
    for src, dst in _TABLE.items():
        table[src] = REMOVED if dst is None else (ord(dst) if isinstance(dst, str) else dst)
    table.setflags(write=False)
    return table


# ---------------------------------------------------------------------------------------------
# The loops (compiled by loops(); plain Python over numpy arrays otherwise, as the tests run them)
# ---------------------------------------------------------------------------------------------


def fold(codes, table):  # type: ignore[no-untyped-def]
    """(normalised code points, original positions of the removed ones)."""
    n = codes.size
    out = np.empty(n, dtype=np.uint32)
    removed = np.empty(n, dtype=np.int64)
    j = 0
    k = 0
    for i in range(n):
        c = table[codes[i]]
        if c == 0xFFFFFFFF:
            removed[k] = i
            k += 1
        else:
            out[j] = c
            j += 1
    return out[:j], removed[:k]


def sentence_spans(codes, flags, spans):  # type: ignore[no-untyped-def]
    """``(k, 2)`` array: the ``[start, end)`` of each sentence of the ``(m, 2)`` body ``spans``,
    as :func:`marsad.text.tokens.split_sentences` finds them (an end: a run of sentence-end
    characters followed by white space, a closer or the span's end, with the closers after it;
    or a run of line feeds; each piece stripped of white space and kept if it has an
    alphanumeric character)."""
    out = np.empty((codes.size + spans.shape[0], 2), dtype=np.int64)
    k = 0
    for s in range(spans.shape[0]):
        lo = spans[s, 0]
        hi = spans[s, 1]
        pos = lo
        p = lo
        while p <= hi:
            if p == hi:
                cut = hi
            else:
                f = flags[codes[p]]
                if f & 8:  # END
                    q = p + 1
                    while q < hi and flags[codes[q]] & 8:
                        q += 1
                    if q < hi and not flags[codes[q]] & 17:  # neither SPACE nor CLOSER: no end here
                        p = q
                        continue
                    while q < hi and flags[codes[q]] & 16:
                        q += 1
                    cut = q
                elif f & 32:  # NEWLINE
                    q = p + 1
                    while q < hi and flags[codes[q]] & 32:
                        q += 1
                    cut = q
                else:
                    p += 1
                    continue
            a = pos
            b = cut
            while a < b and flags[codes[a]] & 1:
                a += 1
            while b > a and flags[codes[b - 1]] & 1:
                b -= 1
            for i in range(a, b):
                if flags[codes[i]] & 2:
                    out[k, 0] = a
                    out[k, 1] = b
                    k += 1
                    break
            pos = cut
            p = cut if cut > p else p + 1
    return out[:k]


def spaced_words(codes, flags, sents):  # type: ignore[no-untyped-def]
    """The words of each sentence of ``sents`` (``(k, 2)``), as code points: a space between
    two words, a line feed after each sentence's last word (``str.split`` then gives the words)."""
    size = sents.shape[0]
    for s in range(sents.shape[0]):
        size += 3 * (sents[s, 1] - sents[s, 0])
    out = np.empty(size, dtype=np.uint32)
    j = 0
    for s in range(sents.shape[0]):
        for i in range(sents[s, 0], sents[s, 1]):
            c = codes[i]
            f = flags[c]
            if f & 1:  # SPACE
                out[j] = 32
                j += 1
            elif f & 6:  # WORD: letters, digits and word marks run on
                out[j] = c
                j += 1
            else:  # anything else is a token of its own
                out[j] = 32
                out[j + 1] = c
                out[j + 2] = 32
                j += 3
        out[j] = 10
        j += 1
    return out[:j]


def token_starts(codes, flags, froms, counts):  # type: ignore[no-untyped-def]
    """Where each of the first ``counts[p]`` tokens from offset ``froms[p]`` starts, piece after
    piece (the tokens of :func:`spaced_words`: a run of word characters, or any other character
    that is not white space); -1 for tokens past the end of the text."""
    total = 0
    for p in range(len(counts)):
        total += counts[p]
    out = np.empty(total, dtype=np.int64)
    n = len(codes)
    j = 0
    for p in range(len(froms)):
        i = froms[p]
        need = counts[p]
        while need > 0 and i < n:
            f = flags[codes[i]]
            if f & 1:  # SPACE
                i += 1
                continue
            out[j] = i
            j += 1
            need -= 1
            i += 1
            if f & 6:  # WORD: the run goes on
                while i < n and flags[codes[i]] & 6:
                    i += 1
        while need > 0:
            out[j] = -1
            j += 1
            need -= 1
    return out


@functools.cache
def loops() -> SimpleNamespace | None:
    """The loops compiled, or None without numba."""
    compiled = {name: njit(fn) for name, fn in (("fold", fold), ("sentence_spans", sentence_spans),
                                               ("spaced_words", spaced_words), ("token_starts", token_starts))}
    if any(fn is None for fn in compiled.values()):  # pragma: no cover - numba is a dependency
        return None
    return SimpleNamespace(**compiled)


__all__ = ["char_flags", "code_points", "fold_table", "from_code_points", "loops"]
