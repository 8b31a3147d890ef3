"""Language identification, offline.

Text written mostly in Arabic script with no letters peculiar to Persian/Urdu/Pashto is Arabic
(a character count: nothing to learn). Anything else goes to py3langid, whose model ships inside
the package (no download).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.model import Document

# Letters are counted by runs (len of each run) rather than one match per letter: the same counts
# at a fraction of the cost (no one-character string per letter).
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064A]+")
_LETTERS = re.compile(r"[^\W\d_]+")
# پ چ ژ گ ک ی ۀ ټ ډ ړ ښ ڼ ۍ ے ں ہ ھ: Persian, Urdu and Pashto letters absent from Arabic.
_NON_ARABIC_PERSO = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc\u06c0\u067c\u0689\u0693\u069a\u06bc\u06cd\u06d2\u06ba\u06c1\u06be]")
SAMPLE_CHARS = 4000
ARABIC_SHARE = 0.6


def identify(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there are no letters to judge by."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(map(len, _LETTERS.findall(sample)))
    if letters == 0:
        return None
    arabic = sum(map(len, _ARABIC_LETTERS.findall(sample)))
    if arabic / letters >= ARABIC_SHARE:
        perso = len(_NON_ARABIC_PERSO.findall(sample))
        if perso < 0.01 * arabic:
            return "ar"
    from py3langid import classify  # loads its bundled model on first use

    lang, _score = classify(sample)
    return str(lang)


@dataclass(frozen=True, slots=True)
class LanguageStage:
    """Set ``Document.language`` from the article body."""

    name: str = "language"

    def __call__(self, doc: Document) -> None:
        body = "\n".join(doc.text[a:b] for a, b in doc.body[:20]) if doc.body else doc.text
        doc.language = identify(body)
