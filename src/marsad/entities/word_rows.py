"""The tagger's cache of words, looked up a batch of tokens at a time in compiled code.

:class:`~marsad.entities.fast.FastTagger` keeps a row of scores per word it has met (~150,000
words after a few thousand articles). Finding the row of each token of a batch with
``dict.get`` costs ~250 ns a token: the token is a new string, so Python hashes it (SipHash), and
the dictionary, its entries and its keys are scattered over tens of megabytes. This table holds
the same ``{word: row}`` as open addressing over the words' code points (the layout of
:mod:`marsad.entities.word_kernel`'s table: a slot per word, a row of length, code points and
value): the tokens of a batch are joined into one string, encoded once, and hashed and found in
one compiled loop. The tagger keeps its dictionary too; the tests check both agree.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from marsad.entities.word_kernel import FNV_OFFSET, FNV_PRIME, _codepoints, _find, _hash, _jit, _mix, _new_row, _slot, available

_SEP = "\x00"  # between the tokens of a batch (a batch with one in a token is looked up in Python)


@_jit
def _insert(cp, at, rows, slots, data, used, mask):  # type: ignore[no-untyped-def]
    """Put word ``k`` (``cp[at[k]:at[k + 1]]``) -> ``rows[k]`` in the table (the row of a word
    already there is replaced); ``data`` has room, the slots are at most half full after. The new
    end of ``data``."""
    for k in range(len(at) - 1):
        s = at[k]
        e = at[k + 1]
        h = _hash(cp, s, e)
        o = _find(cp, s, e, h, slots, data, mask)
        if o >= 0:
            data[o] = rows[k]
            continue
        o = _new_row(cp, s, e, h, slots, data, used, mask)
        data[o] = rows[k]
        used = o + 1
    return used


@_jit
def _rehash(data, used, slots, mask):  # type: ignore[no-untyped-def]
    """Put every row of ``data[1:used]`` in the (empty) ``slots``."""
    off = 1
    while off < used:
        n = data[off]
        _slot(_hash(data, off + 1, off + 1 + n), off, slots, mask)
        off += 2 + n


@_jit
def _rows(cp, slots, data, mask, out):  # type: ignore[no-untyped-def]
    """The row of every token of ``cp`` (tokens separated by 0) into ``out``; -1: absent."""
    prime = np.uint64(FNV_PRIME)
    h = np.uint64(FNV_OFFSET)
    s = 0
    k = 0
    n = len(cp)
    for x in range(n + 1):
        if x == n or cp[x] == 0:
            o = _find(cp, s, x, _mix(h), slots, data, mask)
            out[k] = data[o] if o >= 0 else -1
            k += 1
            s = x + 1
            h = np.uint64(FNV_OFFSET)
        else:
            h = (h ^ np.uint64(cp[x])) * prime


class WordRows:
    """``{word: row}`` (rows >= 0) as a compiled hash table: :meth:`add` words, :meth:`rows` of
    tokens. Only usable when the kernels are compiled (:func:`word_kernel.available`)."""

    def __init__(self, bits: int = 16) -> None:
        self._bits = bits
        self._slots = np.zeros(1 << bits, dtype=np.int64)
        self._data = np.zeros(1 << bits, dtype=np.int32)
        self._used = 1  # offset 0 is never a row's: a slot is never 0
        self._count = 0

    @staticmethod
    def usable() -> bool:
        return available()

    def __len__(self) -> int:
        return self._count

    def add(self, words: Sequence[str], rows: Sequence[int] | np.ndarray) -> None:
        """Put ``words[k] -> rows[k]`` (distinct words not in the table yet)."""
        if not len(words):
            return
        cp, at = _codepoints(words)
        need = self._used + len(cp) + 2 * len(words)
        if need > len(self._data):
            grown = np.zeros(max(need, 2 * len(self._data)), dtype=np.int32)
            grown[: self._used] = self._data[: self._used]
            self._data = grown
        self._count += len(words)
        if 2 * self._count > len(self._slots):  # at most half full
            while 2 * self._count > 1 << self._bits:
                self._bits += 1
            self._slots = np.zeros(1 << self._bits, dtype=np.int64)
            _rehash(self._data, self._used, self._slots, (1 << self._bits) - 1)
        self._used = _insert(cp, at, np.asarray(rows, dtype=np.int64), self._slots, self._data, self._used,
                             (1 << self._bits) - 1)

    def rows(self, toks: Sequence[str]) -> np.ndarray | None:
        """The row of every token (-1: not in the table), or None for tokens this table cannot
        join (one holds the separator)."""
        out = np.empty(len(toks), dtype=np.intp)
        if not toks:
            return out
        joined = _SEP.join(toks)
        if joined.count(_SEP) != len(toks) - 1:
            return None
        cp = np.frombuffer(bytearray(joined.encode("utf-32-le")), dtype=np.int32)
        _rows(cp, self._slots, self._data, (1 << self._bits) - 1, out)
        return out


__all__ = ["WordRows"]
