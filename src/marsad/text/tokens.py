"""Tokens and sentences over the original text (offsets always point into ``Document.text``)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from marsad.text.normalize import _REMOVABLE, normalize

# A word: letters and digits, with Arabic diacritics, tatweel and zero-width joiners inside it.
_WORD = r"(?:[^\W_]|[\u064B-\u0652\u0670\u0640\u200c\u200d])+"
_TOKEN_RE = re.compile(_WORD + r"|[^\s\w]|_", re.UNICODE)
# Sentence ends: . ! ? ؟ (and runs of them) followed by space, or any line break.
_SENT_END_RE = re.compile(r"[.!?؟۔]+(?=[\s\"'”»)\]]|$)[\"'”»)\]]*|\n+")
# Speed: the same matches, written to start with one character class so that the regex engine
# skips ahead to the next candidate character instead of trying the pattern at every position.
_SENT_END_FAST_RE = re.compile(r"[.!?؟۔\n](?:(?<=\n)\n*|(?<!\n)[.!?؟۔]*(?=[\s\"'”»)\]]|$)[\"'”»)\]]*)")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    norm: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


# Speed: the same tokens as _TOKEN_RE for a text without "_" (then a word is simply a run of
# \w and the marks), with one character class instead of an alternation tried at every character.
_TOKEN_FAST_RE = re.compile(r"[\w\u064B-\u0652\u0670\u0640\u200c\u200d]+|[^\s\w]")
_new = object.__new__
_set_start, _set_end, _set_text, _set_norm = (Token.start.__set__, Token.end.__set__,  # type: ignore[attr-defined]
                                              Token.text.__set__, Token.norm.__set__)  # type: ignore[attr-defined]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into word and punctuation tokens (clitics stay attached)."""
    stop = len(text) if end is None else end
    seg = text[start:stop] if start or stop != len(text) else text
    # Speed: one normalisation of the segment, sliced per token, instead of one per token
    # (normalising is per character, so the slices are the same unless characters are removed);
    # tokens are made without the frozen dataclass's __init__ (~2x its cost), to the same objects.
    nseg = normalize(seg)
    # where characters were removed (diacritics, tatweel: ~30% of sentences), a token's normalised
    # form is still a slice of nseg, at its offsets less the removed characters before them
    removed = [m.start() for m in _REMOVABLE.finditer(seg)] if len(nseg) != len(seg) else None
    # Token strings come from findall (no match objects); each is found after the previous one:
    # only white space lies between tokens, so find() lands on the token itself.
    out: list[Token] = []
    append = out.append
    find = seg.find
    pos = 0
    for word in (_TOKEN_FAST_RE if "_" not in seg else _TOKEN_RE).findall(seg):
        a = find(word, pos)
        pos = b = a + len(word)
        tok = _new(Token)
        _set_start(tok, a + start)
        _set_end(tok, b + start)
        _set_text(tok, word)
        _set_norm(tok, nseg[a:b] if removed is None else nseg[a - bisect_left(removed, a):b - bisect_left(removed, b)])
        append(tok)
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
        out.append(Sentence(a, b, text[a:b]))
