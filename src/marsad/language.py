"""Language identification, offline.

Text written mostly in Arabic script with no letters peculiar to Persian/Urdu/Pashto is Arabic
(a character count: nothing to learn). Anything else goes to py3langid, whose model ships inside
the package (no download).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from hashlib import blake2b
from pathlib import Path
from typing import Any

import numpy as np

from marsad import resources
from marsad.model import Document
from marsad.text import kernels

# پ چ ژ گ ک ی ۀ ټ ډ ړ ښ ڼ ۍ ے ں ہ ھ: Persian, Urdu and Pashto letters absent from Arabic.
_NON_ARABIC_PERSO = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc\u06c0\u067c\u0689\u0693\u069a\u06bc\u06cd\u06d2\u06ba\u06c1\u06be]")
# A letter is what the regex class [^\W\d_] matches: alphanumeric but not a decimal digit.
_ARABIC_FIRST, _ARABIC_LAST = 0x0621, 0x064A
_TABLE_SIZE = 0x30000  # code points above this (rare) are counted one by one
_OTHER, _LETTER, _ARABIC, _PERSO = 0, 1, 2, 3


def _is_letter(ch: str) -> bool:
    return ch.isalnum() and not ch.isdecimal()


@cache
def _classes() -> np.ndarray:
    """Class of every code point below _TABLE_SIZE: other, letter, Arabic letter, Persian/Urdu letter.

    Speed: the letters are the alphanumerics of :func:`kernels.char_flags` less the decimal
    digits, found by the regex engine over a string of all code points (its ``\\d`` is
    ``str.isdecimal``), not by a Python call per code point (~25 ms once per process; tested equal
    to :func:`_is_letter` on every code point)."""
    table = ((kernels.char_flags()[:_TABLE_SIZE] & kernels.ALNUM) != 0).astype(np.uint8)
    everything = kernels.from_code_points(np.arange(_TABLE_SIZE, dtype=np.uint32))
    for m in re.finditer(r"\d+", everything):
        table[m.start():m.end()] = _OTHER
    table[_ARABIC_FIRST:_ARABIC_LAST + 1] = _ARABIC  # all letters
    for ch in _NON_ARABIC_PERSO.pattern.strip("[]"):
        table[ord(ch)] = _PERSO
    return np.append(table, np.uint8(_OTHER))  # index _TABLE_SIZE: "look at it yourself"


def _count_loop(codes, table):  # type: ignore[no-untyped-def]
    """Characters of each class of ``table`` (the last class: code points beyond the table)."""
    out = np.zeros(5, dtype=np.int64)
    size = table.size - 1
    for i in range(codes.size):
        c = codes[i]
        out[table[c] if c < size else 4] += 1
    return out


@cache
def _count_kernel() -> Any:
    """:func:`_count_loop` compiled, or None without numba."""
    from marsad.jit import njit

    return njit(_count_loop)


def letter_counts(sample: str) -> tuple[int, int, int]:
    """(letters, Arabic letters U+0621-U+064A, Persian/Urdu/Pashto letters) of a text.

    Speed: one table look-up per character, in a compiled loop (or numpy) rather than regex
    matches (the same counts).
    """
    codes = np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.size == 0:
        return 0, 0, 0
    kernel = _count_kernel()
    if kernel is not None:
        n = kernel(codes, _classes())
        n[_OTHER] += n[4]  # beyond the table: "other" here, looked at one by one below
    else:
        n = np.bincount(_classes()[np.minimum(codes, _TABLE_SIZE)], minlength=4)
    letters, arabic, perso = int(n[_LETTER] + n[_ARABIC] + n[_PERSO]), int(n[_ARABIC]), int(n[_PERSO])
    if n[_OTHER] and codes.max() >= _TABLE_SIZE:
        letters += sum(1 for c in codes[codes >= _TABLE_SIZE].tolist() if _is_letter(chr(c)))
    return letters, arabic, perso


SAMPLE_CHARS = 4000
SAMPLE_SPANS = 20  # the stage judges the first this many spans of the body, joined by line feeds
ARABIC_SHARE = 0.6
_ASK_MODEL = ""  # _by_script: the script does not decide


def _by_script(letters: int, arabic: int, perso: int) -> str | None:
    """None without letters, "ar" for Arabic script without Persian/Urdu letters, else _ASK_MODEL."""
    if letters == 0:
        return None
    if arabic / letters >= ARABIC_SHARE and perso < 0.01 * arabic:
        return "ar"
    return _ASK_MODEL


def identify(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there are no letters to judge by."""
    sample = text[:SAMPLE_CHARS]
    verdict = _by_script(*letter_counts(sample))
    if verdict != _ASK_MODEL:
        return verdict
    lang, _score = _identifier().classify(sample)
    return str(lang)


@cache
def _identifier() -> Any:
    """py3langid's identifier with its bundled model (what ``py3langid.classify`` uses).

    Speed: the model ships LZMA-compressed, and reading it takes ~0.5 s, paid by every run that
    meets one non-Arabic text; the loaded identifier is pickled to the cache directory
    (:func:`resources.cached_pickle`, keyed by py3langid's version and the model file's size and
    time) and read back from there in ~0.07 s."""
    import py3langid
    from py3langid import langid

    model = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    stat = model.stat()
    key = blake2b(f"{py3langid.__version__}:{model}:{stat.st_size}:{stat.st_mtime_ns}".encode(),
                  digest_size=10).hexdigest()
    return resources.cached_pickle(f"py3langid-{key}.pkl",
                                   lambda: langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE),
                                   kind=langid.LanguageIdentifier)


def _span_count_loop(codes, table, spans, limit):  # type: ignore[no-untyped-def]
    """:func:`_count_loop` over the first ``limit`` characters of the ``spans`` of ``codes``
    joined by line feeds (a line feed is "other")."""
    out = np.zeros(5, dtype=np.int64)
    size = table.size - 1
    left = limit
    for s in range(spans.shape[0]):
        if s > 0:
            if left == 0:
                break
            out[0] += 1
            left -= 1
        a = spans[s, 0]
        b = min(spans[s, 1], a + left)
        for i in range(a, b):
            c = codes[i]
            out[table[c] if c < size else 4] += 1
        left -= b - a
    return out


@cache
def _span_count_kernel() -> Any:
    """:func:`_span_count_loop` compiled, or None without numba."""
    from marsad.jit import njit

    return njit(_span_count_loop)


@dataclass(frozen=True, slots=True)
class LanguageStage:
    """Set ``Document.language`` from the article body.

    Speed: when the text's code points are at hand (``Document.norm``, from the boilerplate
    stage), the script is judged from them without building the sample string."""

    name: str = "language"

    def __call__(self, doc: Document) -> None:
        norm = doc.norm
        kernel = _span_count_kernel() if norm is not None and norm.codes is not None and norm.original is doc.text else None
        if kernel is not None:
            spans = doc.body[:SAMPLE_SPANS] if doc.body else [(0, len(doc.text))]
            n = kernel(norm.codes, _classes(), np.array(spans, dtype=np.int64).reshape(-1, 2), SAMPLE_CHARS)  # type: ignore[union-attr]
            if n[4] == 0:  # (code points beyond the table: the string code looks at them)
                verdict = _by_script(int(n[_LETTER] + n[_ARABIC] + n[_PERSO]), int(n[_ARABIC]), int(n[_PERSO]))
                if verdict != _ASK_MODEL:
                    doc.language = verdict
                    return
        body = "\n".join(doc.text[a:b] for a, b in doc.body[:SAMPLE_SPANS]) if doc.body else doc.text
        doc.language = identify(body)
