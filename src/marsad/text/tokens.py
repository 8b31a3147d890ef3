"""Tokens and sentences over the original text (offsets always point into ``Document.text``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.text.normalize import normalize

# A word: letters and digits, with Arabic diacritics, tatweel and zero-width joiners inside it.
_WORD = r"(?:[^\W_]|[\u064B-\u0652\u0670\u0640\u200c\u200d])+"
_TOKEN_RE = re.compile(_WORD + r"|[^\s\w]|_", re.UNICODE)
# Sentence ends: . ! ? ؟ (and runs of them) followed by space, or any line break.
_SENT_END_RE = re.compile(r"[.!?؟۔]+(?=[\s\"'”»)\]]|$)[\"'”»)\]]*|\n+")


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


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into word and punctuation tokens (clitics stay attached)."""
    stop = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), m.group(), normalize(m.group()))
        for m in _TOKEN_RE.finditer(text, start, stop)
    ]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]``, stripped of surrounding white space."""
    stop = len(text) if end is None else end
    out: list[Sentence] = []
    pos = start
    for m in _SENT_END_RE.finditer(text, start, stop):
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
