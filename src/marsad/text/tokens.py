"""Tokens and sentences over the original text (offsets always point into ``Document.text``)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from marsad.text import kernels
from marsad.text.normalize import _REMOVABLE, NormText, normalize

# A word: letters and digits, with Arabic diacritics, tatweel and zero-width joiners inside it.
_WORD = r"(?:[^\W_]|[\u064B-\u0652\u0670\u0640\u200c\u200d])+"
_TOKEN_RE = re.compile(_WORD + r"|[^\s\w]|_", re.UNICODE)
# Sentence ends: . ! ? ؟ (and runs of them) followed by space, or any line break.
_SENT_END_RE = re.compile(r"[.!?؟۔]+(?=[\s\"'”»)\]]|$)[\"'”»)\]]*|\n+")
# Speed: the same matches, written to start with one character class so that the regex engine
# skips ahead to the next candidate character instead of trying the pattern at every position.
_SENT_END_FAST_RE = re.compile(r"[.!?؟۔\n](?:(?<=\n)\n*|(?<!\n)[.!?؟۔]*(?=[\s\"'”»)\]]|$)[\"'”»)\]]*)")


class Token(NamedTuple):
    """A word or punctuation token: offsets into the original text, its text, its normalised form.

    A named tuple, not a dataclass: a document has hundreds of tokens, and a tuple is made
    three times faster (``tuple.__new__``)."""

    start: int
    end: int
    text: str
    norm: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


class Sentence(NamedTuple):
    """A sentence: its ``[start, end)`` in the original text and its text.

    A named tuple, as :class:`Token` (it was a frozen dataclass: a document has ~15 sentences, made
    three times faster by ``tuple.__new__``, ~5 us an article)."""

    start: int
    end: int
    text: str


# Speed: the same tokens as _TOKEN_RE for a text without "_" (then a word is simply a run of
# \w and the marks), with one character class instead of an alternation tried at every character.
_TOKEN_FAST_RE = re.compile(r"[\w\u064B-\u0652\u0670\u0640\u200c\u200d]+|[^\s\w]")
_new_tuple = tuple.__new__


def tokenize(text: str, start: int = 0, end: int | None = None, norm: NormText | None = None) -> list[Token]:
    """Split ``text[start:end]`` into word and punctuation tokens (clitics stay attached).

    ``norm``: the normalised ``text`` (``NormText.of(text)``), when the caller has it: the
    normalised segment is then sliced from it, not computed again."""
    stop = len(text) if end is None else end
    # Speed: one normalisation of the segment, sliced per token, instead of one per token
    # (normalising is per character, so the slices are the same unless characters are removed);
    # tokens are made by tuple.__new__ (the named tuple's own __new__ is a Python function).
    # where characters were removed (diacritics, tatweel: ~30% of sentences), a token's normalised
    # form is still a slice of nseg, at its offsets less the removed characters before them
    removed: list[int] | None = None
    if norm is None:
        seg = text[start:stop]
        nseg = normalize(seg)
        if len(nseg) != len(seg):
            removed = [m.start() for m in _REMOVABLE.finditer(seg)]
    elif not norm.removed:
        nseg = norm.norm[start:stop]
    else:
        i, j = bisect_left(norm.removed, start), bisect_left(norm.removed, stop)
        nseg = norm.norm[start - i:stop - j]
        if j > i:
            removed = [p - start for p in norm.removed[i:j]]
    # the token strings (words()) and where each starts (offsets())
    out: list[Token] = []
    append = out.append
    toks = words(text, start, stop)
    for word, at in zip(toks, offsets(text, start, toks), strict=True):
        a = at - start
        b = a + len(word)
        append(_new_tuple(Token, (at, b + start, word,
                                  nseg[a:b] if removed is None else nseg[a - bisect_left(removed, a):b - bisect_left(removed, b)])))
    return out


def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The token strings of ``text[start:end]``: ``[t.text for t in tokenize(text, start, end)]``,
    without the offsets and normalised forms (a fifth of the cost; :func:`offsets` gives the
    offsets of a sentence's words when they are needed)."""
    stop = len(text) if end is None else end
    seg = text[start:stop] if start or stop != len(text) else text
    if "_" in seg:
        return _TOKEN_RE.findall(seg)
    # Speed: no token crosses white space, and a piece between spaces made of letters and digits
    # only (most of them) is one token: the regex runs on the other pieces only
    out: list[str] = []
    append = out.append
    for piece in seg.split():
        if piece.isalnum():
            append(piece)
        else:
            out.extend(_TOKEN_FAST_RE.findall(piece))
    return out


def offsets(text: str, start: int, toks: list[str]) -> list[int]:
    """The start offset of each of ``toks``, the :func:`words` of ``text`` from ``start`` on."""
    out: list[int] = []
    append = out.append
    find = text.find
    pos = start
    for w in toks:
        a = find(w, pos)  # only white space lies between tokens: find() lands on the token
        append(a)
        pos = a + len(w)
    return out


def piece_offsets(text: str, pieces: Sequence[tuple[int, list[str]]], codes: np.ndarray | None = None) -> list[list[int]]:
    """``[offsets(text, start, toks) for start, toks in pieces]``: the start offset of each token
    of each piece (the :func:`sentence_words` of ``text`` from ``start`` on). ``codes``:
    ``kernels.code_points(text)``, when the caller has it.

    Speed: one compiled pass over the pieces' characters (:func:`kernels.token_starts`) instead of
    a ``str.find`` per token; each piece's first and last token are checked where the pass puts
    them, and a piece that does not check out is done by :func:`offsets`."""
    loops = kernels.loops()
    if loops is None or not pieces:
        return [offsets(text, start, toks) for start, toks in pieces]
    if codes is None:
        codes = kernels.code_points(text)
    counts = [len(toks) for _, toks in pieces]
    flat = loops.token_starts(codes, kernels.char_flags(), np.array([a for a, _ in pieces], dtype=np.int64),
                              np.array(counts, dtype=np.int64)).tolist()
    out: list[list[int]] = []
    at = 0
    starts = text.startswith
    for (start, toks), k in zip(pieces, counts, strict=True):
        got = flat[at: at + k]
        at += k
        if k and not (got[-1] >= 0 and starts(toks[0], got[0]) and starts(toks[-1], got[-1])):
            got = offsets(text, start, toks)
        out.append(got)
    return out


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]``, stripped of surrounding white space."""
    stop = len(text) if end is None else end
    out: list[Sentence] = []
    pos = start
    for m in _SENT_END_FAST_RE.finditer(text, start, stop):
        _add(text, pos, m.end(), out)
        pos = m.end()
    _add(text, pos, stop, out)
    return out


def _add(text: str, a: int, b: int, out: list[Sentence]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a and any(ch.isalnum() for ch in text[a:b]):
        out.append(_new_tuple(Sentence, (a, b, text[a:b])))


def body_sentences(text: str, spans: Sequence[tuple[int, int]], codes: np.ndarray | None = None) -> list[Sentence]:
    """The sentences of each of the ``[start, end)`` ``spans`` of ``text``, in order:
    ``split_sentences(text, a, b)`` for each span. ``codes``: ``kernels.code_points(text)``, when
    the caller has it.

    Speed: one compiled pass over the text's code points (:func:`kernels.sentence_spans`)."""
    loops = kernels.loops()
    if loops is None or not spans:
        return [s for a, b in spans for s in split_sentences(text, a, b)]
    if codes is None:
        codes = kernels.code_points(text)
    return _sentences(text, _sentence_bounds(loops, codes, spans))


def _sentence_bounds(loops: Any, codes: np.ndarray, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """The ``(k, 2)`` bounds of the sentences of ``spans``, from the compiled pass."""
    return loops.sentence_spans(codes, kernels.char_flags(), np.array(spans, dtype=np.int64).reshape(-1, 2))


def _sentences(text: str, bounds: np.ndarray) -> list[Sentence]:
    return [_new_tuple(Sentence, (a, b, text[a:b])) for a, b in bounds.tolist()]


def _spaced_words(loops: Any, codes: np.ndarray, bounds: np.ndarray) -> list[list[str]]:
    """The words of the sentences of ``bounds`` (at least one), from the compiled pass that
    spaces them (see :func:`sentence_words`)."""
    spaced = kernels.from_code_points(loops.spaced_words(codes, kernels.char_flags(), bounds)).split("\n")
    spaced.pop()  # after the last line feed
    return [line.split() for line in spaced]


def body_sentences_words(text: str, spans: Sequence[tuple[int, int]],
                         codes: np.ndarray | None = None) -> tuple[list[Sentence], list[list[str]]]:
    """``(sentences, words)``: ``body_sentences(text, spans, codes)`` and the :func:`sentence_words`
    of those sentences (what the text stage keeps).

    Speed: the sentences' bounds found by the compiled pass go straight to the pass that spaces
    their words (no array of bounds made again from the sentences)."""
    loops = kernels.loops()
    if loops is None or not spans:
        sentences = body_sentences(text, spans, codes)
        return sentences, sentence_words(text, sentences, codes)
    if codes is None:
        codes = kernels.code_points(text)
    bounds = _sentence_bounds(loops, codes, spans)
    sentences = _sentences(text, bounds)
    return sentences, _spaced_words(loops, codes, bounds) if sentences else []


def sentence_words(text: str, sentences: Sequence[Sentence], codes: np.ndarray | None = None) -> list[list[str]]:
    """``[words(text, s.start, s.end) for s in sentences]``. ``codes``: ``kernels.code_points(text)``,
    when the caller has it.

    Speed: a compiled pass writes the sentences' characters with a space between every two tokens
    and a line feed after each sentence (:func:`kernels.spaced_words`; white space inside a sentence
    is written as a space, so these are the only line feeds); ``str.split`` then makes all the token
    strings in C."""
    loops = kernels.loops()
    if loops is None or not sentences:
        return [words(text, s.start, s.end) for s in sentences]
    if codes is None:
        codes = kernels.code_points(text)
    return _spaced_words(loops, codes, np.array([(s.start, s.end) for s in sentences], dtype=np.int64))
