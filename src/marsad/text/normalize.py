"""Arabic orthographic normalisation that keeps a map back to the original offsets.

What is folded (for matching only; the document text itself is never changed):
- hamza/madda forms of alef (أ إ آ ٱ) -> ا, alef maqsura ى -> ي, ta marbuta ة -> ه;
- Eastern Arabic (٠-٩) and Persian (۰-۹) digits -> 0-9;
- Latin capitals -> lower case; non-breaking and other exotic spaces -> a plain space;
- removed: diacritics (tashkeel, U+064B-U+0652, U+0670), tatweel (U+0640), zero-width
  characters and bidi marks.

Replacements are one character for one character; removals shorten the string. The map back
to the original is kept as the sorted list of removed positions, so it costs nothing for the
(common) text with no removable characters and O(log n) per lookup otherwise.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import numpy as np

from marsad.text import kernels

_REPLACE = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ة": "ه",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
}
_REPLACE.update({chr(0x0660 + i): str(i) for i in range(10)})
_REPLACE.update({chr(0x06F0 + i): str(i) for i in range(10)})
_REPLACE.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})

_REMOVE_CHARS = (
    [chr(c) for c in range(0x064B, 0x0653)]
    + ["\u0670", "\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]
)
_TABLE = str.maketrans({**_REPLACE, **{ch: None for ch in _REMOVE_CHARS}})
_REMOVABLE = re.compile("[" + "".join(_REMOVE_CHARS) + "]")

# Speed (the same result as ``s.translate(_TABLE)``): ``str.translate`` looks every character up
# in a dict, a slow path for Arabic (~150-250 ns a character). Every mapping is one character to
# at most one character and no output is itself mapped, so the mappings can be applied in any
# order: the frequent Arabic letters with ``str.replace`` (a C scan), the rare characters
# (digits, capitals, spaces, diacritics...) only where a regex finds runs of them.
_COMMON = tuple((a, b) for a, b in _REPLACE.items() if a in "أإآٱىة")
_RARE_RUN = re.compile("[" + "".join(re.escape(ch) for ch in (set(_REPLACE) | set(_REMOVE_CHARS)) - {a for a, _ in _COMMON}) + "]+")
_SHORT = 40  # below this many characters translate() is as fast
_LONG = 300  # from this many characters on, the compiled fold over code points is the fastest


def _translate_run(m: re.Match[str]) -> str:
    return m.group().translate(_TABLE)


def normalize(s: str) -> str:
    """Normalise a string (a word, a phrase or a whole text) for matching."""
    if len(s) < _SHORT:
        return s.translate(_TABLE)
    for a, b in _COMMON:
        s = s.replace(a, b)
    if _RARE_RUN.search(s) is not None:
        s = _RARE_RUN.sub(_translate_run, s)
    return s


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised text together with the way back to the original offsets."""

    original: str
    norm: str
    # _shift[k] is the normalised index at which the k-th removed character sat.
    _shift: tuple[int, ...] = field(default=(), repr=False)
    # the original offsets of the removed characters
    removed: tuple[int, ...] = field(default=(), repr=False)
    # the code points of the original (kernels.code_points), when they were computed: the compiled
    # loops of later stages read them
    codes: np.ndarray | None = field(default=None, repr=False, compare=False)
    # the code points of ``norm`` (uint32), when the compiled fold made them: the lexicon scans
    # take them instead of encoding ``norm`` again (:func:`marsad.text.lexicon_scan.remember`)
    norm_codes: np.ndarray | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, text: str, codes: np.ndarray | None = None) -> NormText:
        """The normalisation of ``text``. ``codes``: ``kernels.code_points(text)``, when the caller has it.

        Speed: a long text is folded by a compiled loop over its code points (:func:`kernels.fold`:
        one table look-up per character, the removed positions found in the same pass)."""
        loops = kernels.loops() if codes is not None or len(text) >= _LONG else None
        if loops is not None:
            if codes is None:
                codes = kernels.code_points(text)
            folded, gone = loops.fold(codes, kernels.fold_table())
            norm = kernels.from_code_points(folded)
            if not gone.size:
                return cls(text, norm, codes=codes, norm_codes=folded)
            return cls(text, norm, tuple((gone - np.arange(gone.size)).tolist()), tuple(gone.tolist()), codes, folded)
        norm = normalize(text)
        if len(norm) == len(text):
            return cls(text, norm)
        removed = [m.start() for m in _REMOVABLE.finditer(text)]
        return cls(text, norm, tuple(pos - k for k, pos in enumerate(removed)), tuple(removed))

    def to_original(self, i: int) -> int:
        """Original offset of the character at normalised offset ``i``."""
        if not self._shift:
            return i
        return i + bisect_right(self._shift, i)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the normalised span ``[start, end)``."""
        if not self._shift:
            return start, end
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    def to_norm(self, i: int) -> int:
        """Normalised offset of original offset ``i`` (a removed character maps forward)."""
        if not self._shift:
            return i
        # less the number of removed characters strictly before original position i
        return i - bisect_left(self.removed, i)
