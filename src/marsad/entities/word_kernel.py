"""The word scorer of :mod:`marsad.entities.scoring`, compiled: new words scored in one pass.

:meth:`WordScorer.score` finds, for each word the tagger meets for the first time, the attribute
indices of its features. In Python that is ~9 µs a word (string slices, ~30 dictionary
lookups); a news article brings ~10 new words, so it was a tenth of the pipeline's time. This
module does the same over the words' code points, with numba (~1.5 µs a word):

- every string-keyed table the scorer reads (the families ``w=``, ``b=``, ``r=``, the affixes,
  the words of the clusters and profiles, the cue words, the first and last words of persons'
  names, the proclitic prefixes, and the caller's extra word maps and sets) goes into one
  open-addressing hash table with one row per string, which holds the string's value in every
  family: a word costs ~10 lookups (itself, its prefixes and suffixes, its candidate bases, its
  written form), each one slot and one row in memory, instead of ~37 in separate tables. A hit
  is checked against the row's code points, so a lookup finds exactly what the dictionary finds;
- the groups of indices the scorer memoises (a cluster's, a profile's, a shape's, a set of cue
  kinds', the name marks') are rows of one ragged table, built here once from the scorer;
- the character classes the scorer reads (shape, diacritics, lower case) come from per-code-point
  tables computed with Python's own string methods; a word with a character outside the Basic
  Multilingual Plane, or one whose lower case is not one character, gets its shape and written
  form from Python.

The kernel emits the indices in :meth:`Featurizer.parts`'s order (the tagger adds their weights
in that order, so the sums are the same to the last bit); the tests compare it with the scorer
word by word. Without numba, :func:`available` is False and the tagger keeps the Python scorer.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from marsad import resources
from marsad.entities.features import _DIACRITICS, CONJ, Featurizer, _len_bucket, _shape, word_shape
from marsad.entities.scoring import WordScorer, _normalized
from marsad.jit import njit
from marsad.text.lexicon import _article, _proclitic_prefixes

# the fields of a string's row in the table: the attribute index of the string as each family's
# value (-1: none), its cluster and profile ids (-1: none), its cue kinds (bits), its flags, then
# the values of the caller's word maps
V_OWN_W, V_VIEW_W, V_OWN_B, V_VIEW_B, V_OWN_R, V_VIEW_R = range(6)
V_PRE, V_SUF, V_BASE_SUF = 6, 7, 8  # the affixes p<k>=, s<k>=, bs<k>= of the string's length k
V_CL, V_PROF, V_CUE, V_FLAGS = 9, 10, 11, 12
V_MAPS = 13
# flags: the first word of a person's name, the last one, a proclitic prefix, one that holds the
# article; then a bit per set of the caller's (is a candidate base in it)
G_FIRST, G_LAST, G_PREFIX, G_ARTICLE = 1, 2, 4, 8
G_SET = 16  # set m: G_SET << m
# the 64-bit FNV-1a hash of code points (its state is built a code point at a time, so that a
# string's prefixes hash on the way)
FNV_OFFSET, FNV_PRIME = 14695981039346656037, 1099511628211
SHAPES = ("A", "Lc", "L", "D", "P", "M")
_BUCKETS = 7  # length buckets "0", "1", "2", "3", "4", "6", "9"
# per-code-point classes (BMP): _shape's class of the character (0 none, 1 Arabic, 2 Latin,
# 3 digit) in the low bits, then flags
C_UPPER, C_ARABIC_LETTER, C_DIACRITIC, C_PYTHON = 4, 8, 16, 32
_CLASS_OF = {"P": 0, "A": 1, "L": 2, "Lc": 2, "D": 3}
_ARABIC_LETTERS = re.compile("[\u0600-\u065f\u066a-\u06ef\u06fa-\u06ff\u0750-\u077f\ufb50-\ufeff]+")


def _jit(fn):  # type: ignore[no-untyped-def]
    compiled = njit(fn)
    return fn if compiled is None else compiled


def available() -> bool:
    """Whether the kernel is compiled (numba is installed)."""
    return hasattr(_score, "py_func")


# ---------------------------------------------------------------------- the table
@_jit
def _mix(h):  # type: ignore[no-untyped-def]
    """The finaliser of a 64-bit FNV-1a state (so that its low bits index the table well)."""
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    return h


@_jit
def _hash(cp, s, e):  # type: ignore[no-untyped-def]
    """64-bit hash of the code points ``cp[s:e]`` (FNV-1a, then :func:`_mix`)."""
    h = np.uint64(FNV_OFFSET)
    prime = np.uint64(FNV_PRIME)
    for i in range(s, e):
        h = (h ^ np.uint64(cp[i])) * prime
    return _mix(h)


@_jit
def _find(cp, s, e, h, slots, data, mask):  # type: ignore[no-untyped-def]
    """Where the row of the string ``cp[s:e]`` (of hash ``h``) has its values in ``data``, or -1.

    A slot is 0 (empty) or the top 31 bits of its string's hash above the string's offset in
    ``data``, where its row is: the string's length, its code points, its values. A hit is
    checked code point by code point, so the table finds exactly the strings put in it."""
    tag = np.int64(h >> np.uint64(33))
    i = np.int64(h & np.uint64(mask))
    n = e - s
    while True:
        v = slots[i]
        if v == 0:
            return -1
        if v >> 32 == tag:
            off = v & 0xFFFFFFFF
            if data[off] == n:
                same = True
                for x in range(n):
                    if data[off + 1 + x] != cp[s + x]:
                        same = False
                        break
                if same:
                    return off + 1 + n
        i = (i + 1) & mask


@_jit
def _slot(h, off, slots, mask):  # type: ignore[no-untyped-def]
    """Give the row at ``off`` (its string's hash ``h``) the first free slot from its hash (the
    slots are not full)."""
    i = np.int64(h & np.uint64(mask))
    while slots[i] != 0:
        i = (i + 1) & mask
    slots[i] = (np.int64(h >> np.uint64(33)) << 32) | off


@_jit
def _new_row(cp, s, e, h, slots, data, used, mask):  # type: ignore[no-untyped-def]
    """A row for the string ``cp[s:e]`` (of hash ``h``, not in the table) at ``data[used]``: its
    length and code points (``data`` has room), and its slot. Where its values start."""
    _slot(h, used, slots, mask)
    data[used] = e - s
    for x in range(e - s):
        data[used + 1 + x] = cp[s + x]
    return used + 1 + e - s


@_jit
def _build(pool, starts, lens, fields, values, width, bits):  # type: ignore[no-untyped-def]
    """The table of the strings ``pool[starts[k]:starts[k] + lens[k]]``, one row per distinct
    string, whose field ``fields[k]`` is ``values[k]`` (the cue kinds and the flags are or-ed;
    the fields nothing sets are -1, the cue kinds and flags 0): (slots, data)."""
    mask = (1 << bits) - 1
    slots = np.zeros(1 << bits, dtype=np.int64)
    size = 1
    for k in range(len(starts)):
        size += 1 + lens[k] + width
    data = np.zeros(size, dtype=np.int32)
    used = 1  # offset 0 is never a row's: a slot is never 0
    for k in range(len(starts)):
        s = starts[k]
        e = s + lens[k]
        h = _hash(pool, s, e)
        off = _find(pool, s, e, h, slots, data, mask)
        if off < 0:
            off = _new_row(pool, s, e, h, slots, data, used, mask)
            for f in range(width):
                data[off + f] = -1
            data[off + V_CUE] = 0
            data[off + V_FLAGS] = 0
            used = off + width
        f = fields[k]
        if V_CUE <= f <= V_FLAGS:  # the cue kinds, then the flags
            data[off + f] |= values[k]
        else:
            data[off + f] = values[k]
    return slots, data[:used].copy()


# ---------------------------------------------------------------------- the scorer
@_jit
def _bucket(n):  # type: ignore[no-untyped-def]
    """The id of :func:`_len_bucket` (n): "0".."3" -> 0..3, "4" -> 4, "6" -> 5, "9" -> 6."""
    if n <= 3:
        return n
    if n <= 5:
        return 4
    if n <= 8:
        return 5
    return 6


@_jit
def _emit(out, c, gdata, gat, g):  # type: ignore[no-untyped-def]
    """Append group ``g`` of the ragged table to ``out`` from position ``c``; the new end."""
    for x in range(gat[g], gat[g + 1]):
        out[c] = gdata[x]
        c += 1
    return c


@_jit
def _put(out, c, data, o, field):  # type: ignore[no-untyped-def]
    """Append field ``field`` of the row at ``o`` (if there is a row and the field is set)."""
    if o >= 0:
        v = data[o + field]
        if v >= 0:
            out[c] = v
            return c + 1
    return c


@_jit
def _score(cp, at, scp, sat, shape_in, rcp, rat, ccls, low, art, conj,  # type: ignore[no-untyped-def]
           slots, data, mask, gdata, gat, g_shape, g_view_sh, g_cue_own, g_cue_view, g_name_own, g_name_view,
           g_cl_own, g_cl_view, g_cl_cb, g_pr_own, g_pr_view, g_conj, g_cfb, g_c_none, g_pfb, g_p_none,
           n_maps, n_sets):
    """Score the words ``cp[at[i]:at[i + 1]]`` (normal forms; surface forms ``scp[sat[i]:sat[i+1]]``).

    ``shape_in[i] >= 0``: the word's shape id and its written form ``rcp[rat[i]:rat[i + 1]]``
    (empty: none), from Python. Returns (own indices, each word's start in them, view indices,
    their starts, candidate base starts (offsets in the normal form), their per-word starts,
    the caller's word maps per word (-1: absent), whether a candidate base is in each set)."""
    k = len(at) - 1
    own = np.empty(64 * k + 128, dtype=np.int64)
    view = np.empty(32 * k + 64, dtype=np.int64)
    own_at = np.empty(k, dtype=np.int64)
    view_at = np.empty(k, dtype=np.int64)
    cstart = np.empty(9 * k + 9, dtype=np.int64)
    cand_at = np.empty(k + 1, dtype=np.int64)
    maps = np.full((k, max(n_maps, 1)), -1, dtype=np.int64)
    sets = np.zeros((k, max(n_sets, 1)), dtype=np.bool_)
    cs = np.empty(9, dtype=np.int64)  # the candidate bases' starts in the word
    bo = np.empty(9, dtype=np.int64)  # their rows
    pre = np.full(5, -1, dtype=np.int64)  # the rows of the word's prefixes of 1..4 code points
    suf = np.full(5, -1, dtype=np.int64)  # of its suffixes
    raw = np.empty(max(len(scp), 1), dtype=np.int32)
    cls = np.empty(9, dtype=np.int64)
    prs = np.empty(9, dtype=np.int64)
    prime = np.uint64(FNV_PRIME)
    no = 0
    nv = 0
    nc_all = 0
    n_art = len(art)
    for i in range(k):
        s = at[i]
        e = at[i + 1]
        n = e - s
        own_at[i] = no
        view_at[i] = nv
        # the rows of the word, its prefixes (one pass of the hash) and its suffixes
        q = min(n - 1, 4) if n > 1 else 0
        h = np.uint64(FNV_OFFSET)
        for p in range(1, q + 1):
            h = (h ^ np.uint64(cp[s + p - 1])) * prime
            pre[p] = _find(cp, s, s + p, _mix(h), slots, data, mask)
        for x in range(s + q, e):
            h = (h ^ np.uint64(cp[x])) * prime
        wv = _find(cp, s, e, _mix(h), slots, data, mask)
        for p in range(1, q + 1):
            suf[p] = _find(cp, e - p, e, _hash(cp, e - p, e), slots, data, mask)
        # candidate bases (strip_proclitics), as starts in the word, in its order
        nc = 1
        cs[0] = 0
        if n > 2:
            for p in range(1, min(n - 1, 5)):
                po = pre[p]
                if po < 0:
                    continue
                f = data[po + V_FLAGS]
                if not f & G_PREFIX:
                    continue
                dup = False
                for j in range(nc):
                    dup = dup or cs[j] == p
                if not dup:
                    cs[nc] = p
                    nc += 1
                if f & G_ARTICLE:  # the prefix holds the article
                    continue
                if n - p - n_art >= 2:
                    has_art = True
                    for j in range(n_art):
                        if cp[s + p + j] != art[j]:
                            has_art = False
                            break
                    if has_art:
                        r = p + n_art
                        dup = False
                        for j in range(nc):
                            dup = dup or cs[j] == r
                        if not dup:
                            cs[nc] = r
                            nc += 1
        cand_at[i] = nc_all
        for j in range(nc):
            cstart[nc_all + j] = cs[j]
        nc_all += nc
        has_base = nc > 1
        for j in range(1, nc):
            bo[j] = _find(cp, s + cs[j], e, _hash(cp, s + cs[j], e), slots, data, mask)
        nb = n - cs[nc - 1]  # the base: the last candidate
        # shape and written form
        if shape_in[i] >= 0:
            shape = shape_in[i]
            r_src = rcp
            r0 = rat[i]
            r1 = rat[i + 1]
        else:
            ts = sat[i]
            te = sat[i + 1]
            letters = te > ts
            has_ar = has_lat = has_dig = False
            for x in range(ts, te):
                c = ccls[scp[x]]
                if not c & C_ARABIC_LETTER:
                    letters = False
                kind = c & 3
                if kind == 1:
                    has_ar = True
                elif kind == 2:
                    has_lat = True
                elif kind == 3:
                    has_dig = True
            if letters or (has_ar and not (has_lat or has_dig)):
                shape = 0
            elif has_lat and not (has_ar or has_dig):
                shape = 1 if ccls[scp[ts]] & C_UPPER else 2
            elif has_dig and not (has_ar or has_lat):
                shape = 3
            elif not (has_ar or has_lat or has_dig):
                shape = 4
            else:
                shape = 5
            # the written form: the surface without diacritics, lower case, where it is not
            # the normal form
            same = te - ts == n
            if same:
                for x in range(n):
                    if scp[ts + x] != cp[s + x]:
                        same = False
                        break
            r0 = 0
            r1 = 0
            if not same:
                for x in range(ts, te):
                    c = scp[x]
                    if not ccls[c] & C_DIACRITIC:
                        raw[r1] = low[c]
                        r1 += 1
                if r1 == n:
                    eq = True
                    for x in range(n):
                        if raw[x] != cp[s + x]:
                            eq = False
                            break
                    if eq:
                        r1 = 0
            r_src = raw
        rv = _find(r_src, r0, r1, _hash(r_src, r0, r1), slots, data, mask) if r1 > r0 else -1
        # the clusters and profiles, cues and name marks of the word and its bases
        cl = prof = -1
        cue = names = 0
        if wv >= 0:
            cl = data[wv + V_CL]
            prof = data[wv + V_PROF]
            cue = data[wv + V_CUE]
            names = data[wv + V_FLAGS] & (G_FIRST | G_LAST)
        from_base = p_base = False
        clb = -1
        if has_base:
            for j in range(1, nc):
                o = bo[j]
                cls[j] = prs[j] = -1
                if o >= 0:
                    cls[j] = data[o + V_CL]
                    prs[j] = data[o + V_PROF]
                    cue |= data[o + V_CUE]
                    names |= data[o + V_FLAGS] & (G_FIRST | G_LAST)
            if cl < 0:
                for j in range(nc - 1, 0, -1):
                    if cls[j] >= 0:
                        cl = cls[j]
                        from_base = True
                        break
            if not from_base:
                clb = cls[nc - 1]
            if prof < 0:
                for j in range(1, nc):
                    if prs[j] >= 0:
                        prof = prs[j]
                        p_base = True
                        break
        # own features, in the order of Featurizer.parts
        no = _put(own, no, data, wv, V_OWN_W)
        no = _emit(own, no, gdata, gat, g_shape[shape * _BUCKETS + _bucket(n)])
        no = _put(own, no, data, rv, V_OWN_R)
        for j in range(1, nc):
            no = _put(own, no, data, bo[j], V_OWN_B)
        for p in range(1, q + 1):
            no = _put(own, no, data, pre[p], V_PRE)
            no = _put(own, no, data, suf[p], V_SUF)
        if has_base:
            for p in range(1, min(nb - 1, 3) + 1):
                no = _put(own, no, data, suf[p], V_BASE_SUF)
        if n > 1:
            for x in range(len(conj)):
                if cp[s] == conj[x]:
                    no = _emit(own, no, gdata, gat, g_conj)
                    break
        if cue:
            no = _emit(own, no, gdata, gat, g_cue_own[cue])
        if cl >= 0:
            if from_base:
                no = _emit(own, no, gdata, gat, g_cfb)
            no = _emit(own, no, gdata, gat, g_cl_own[cl])
        else:
            no = _emit(own, no, gdata, gat, g_c_none)
        if clb >= 0:
            no = _emit(own, no, gdata, gat, g_cl_cb[clb])
        if names:
            no = _emit(own, no, gdata, gat, g_name_own[names])
        if prof >= 0:
            if p_base:
                no = _emit(own, no, gdata, gat, g_pfb)
            no = _emit(own, no, gdata, gat, g_pr_own[prof])
        else:
            no = _emit(own, no, gdata, gat, g_p_none)
        # the view as a neighbour
        nv = _put(view, nv, data, wv, V_VIEW_W)
        nv = _emit(view, nv, gdata, gat, g_view_sh[shape])
        if prof >= 0:
            nv = _emit(view, nv, gdata, gat, g_pr_view[prof])
        if names:
            nv = _emit(view, nv, gdata, gat, g_name_view[names])
        nv = _put(view, nv, data, rv, V_VIEW_R)
        if has_base:
            nv = _put(view, nv, data, bo[nc - 1], V_VIEW_B)
        if cue:
            nv = _emit(view, nv, gdata, gat, g_cue_view[cue])
        if cl >= 0:
            nv = _emit(view, nv, gdata, gat, g_cl_view[cl])
        # the caller's tables
        if wv >= 0:
            for m in range(n_maps):
                maps[i, m] = data[wv + V_MAPS + m]
        for m in range(n_sets):
            bit = G_SET << m
            hit = wv >= 0 and data[wv + V_FLAGS] & bit != 0
            for j in range(1, nc):
                hit = hit or (bo[j] >= 0 and data[bo[j] + V_FLAGS] & bit != 0)
            sets[i, m] = hit
        # room for the next word (the groups are short, but a word may have many)
        if no + 128 > len(own):
            grown = np.empty(2 * len(own), dtype=np.int64)
            grown[:no] = own[:no]
            own = grown
        if nv + 64 > len(view):
            grown = np.empty(2 * len(view), dtype=np.int64)
            grown[:nv] = view[:nv]
            view = grown
    cand_at[k] = nc_all
    return own[:no], own_at, view[:nv], view_at, cstart[:nc_all], cand_at, maps, sets


# ---------------------------------------------------------------------- tables
def _char_tables() -> tuple[np.ndarray, np.ndarray]:
    """Per code point of the BMP: its class bits (see C_*) and its lower case (one code point;
    C_PYTHON where it is not one)."""
    cls = np.zeros(0x10000, dtype=np.uint8)
    low = np.arange(0x10000, dtype=np.int32)
    for c in range(0x10000):
        ch = chr(c)
        k = _CLASS_OF[_shape(ch)]
        if ch.isupper():
            k |= C_UPPER
        if _ARABIC_LETTERS.fullmatch(ch):
            k |= C_ARABIC_LETTER
        if _DIACRITICS.fullmatch(ch):
            k |= C_DIACRITIC
        lo = ch.lower()
        if len(lo) == 1:
            low[c] = ord(lo)
        else:
            k |= C_PYTHON
        cls[c] = k
    return cls, low


def char_tables() -> tuple[np.ndarray, np.ndarray]:
    """:func:`_char_tables`, cached on disk per Unicode version (they take ~0.1 s to compute)."""
    return resources.cached_pickle(f"char-classes-{unicodedata.unidata_version}-2.pkl", _char_tables, tuple)


def _codepoints(words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The code points of ``words`` end to end, and where each word starts (``len + 1`` starts)."""
    cp = np.frombuffer(bytearray("".join(words).encode("utf-32-le")), dtype=np.int32)
    at = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, words), dtype=np.int64, count=len(words)), out=at[1:])
    return cp, at


class _Groups:
    """The ragged table of index groups: ``add(indices)`` -> group id."""

    def __init__(self) -> None:
        self.data: list[int] = []
        self.at: list[int] = [0]
        self._ids: dict[tuple[int, ...], int] = {}

    def add(self, indices: Sequence[int]) -> int:
        key = tuple(indices)
        g = self._ids.get(key)
        if g is None:
            g = self._ids[key] = len(self.at) - 1
            self.data.extend(key)
            self.at.append(len(self.data))
        return g


@dataclass
class Scored:
    """What :meth:`CompiledScorer.score` gives for a list of words."""

    own: np.ndarray  # own attribute indices, all words end to end
    own_at: np.ndarray  # where each word's start in ``own``
    view: np.ndarray
    view_at: np.ndarray
    norms: list[str]  # the normal forms
    cand_start: np.ndarray  # candidate bases of word i: norms[i][cand_start[x]:] for x in its range
    cand_at: np.ndarray  # (words + 1): word i's candidates are cand_at[i] to cand_at[i + 1]
    maps: np.ndarray  # (words, maps): the value of each word map for the normal form (-1: absent)
    sets: np.ndarray  # (words, sets): whether a candidate base is in each set

    def cands(self, i: int) -> tuple[str, ...]:
        w = self.norms[i]
        return tuple([w[s:] for s in self.cand_start[self.cand_at[i]: self.cand_at[i + 1]].tolist()])

    def base(self) -> list[str]:
        """The last (shortest) candidate base of every word."""
        last = self.cand_start[self.cand_at[1:] - 1].tolist()
        return [w[s:] for w, s in zip(self.norms, last, strict=True)]


class CompiledScorer:
    """:meth:`WordScorer.score` (its grouped path) compiled, plus lookups of the caller's:
    ``word_maps`` (``{normal form: int >= 0}``, looked up for each word's normal form) and
    ``cand_sets`` (sets of strings: is one of a word's candidate bases in it)."""

    def __init__(self, scorer: WordScorer, word_maps: Sequence[Mapping[str, int]] = (),
                 cand_sets: Sequence[Collection[str]] = ()) -> None:
        if not scorer.grouped:
            raise ValueError("the compiled scorer follows Featurizer.parts: the scorer must be grouped")
        feat = scorer.featurizer
        self.n_maps, self.n_sets = len(word_maps), len(cand_sets)
        keys: list[str] = []
        fields: list[int] = []
        values: list[int] = []

        def put(field: int, table: Mapping[str, int] | Mapping[str, tuple[int, ...]], length: int = 0) -> None:
            for key, v in table.items():
                if not length or len(key) == length:  # an affix of k letters is only looked up as one
                    keys.append(key)
                    fields.append(field)
                    values.append(v[0] if isinstance(v, tuple) else v)

        def mark(flag: int, words: Collection[str]) -> None:
            keys.extend(words)
            fields.extend([V_FLAGS] * len(words))
            values.extend([flag] * len(words))

        for field, table in ((V_OWN_W, scorer._own_w), (V_VIEW_W, scorer._view_w), (V_OWN_B, scorer._own_b),
                             (V_VIEW_B, scorer._view_b), (V_OWN_R, scorer._own_r), (V_VIEW_R, scorer._view_r)):
            put(field, table)
        for k, table in enumerate(scorer._affixes):  # p1, s1, p2, s2...
            put(V_SUF if k % 2 else V_PRE, table, k // 2 + 1)
        for k, table in enumerate(scorer._base_affixes):
            put(V_BASE_SUF, table, k + 1)
        # the words of the clusters and profiles: their cluster and profile ids
        cl_ids: dict[tuple[tuple[int, ...], ...], int] = {}
        pr_ids: dict[tuple[tuple[int, ...], ...], int] = {}
        for word, (cl, prof) in scorer._lex.items():
            if cl is not None:
                keys.append(word)
                fields.append(V_CL)
                values.append(cl_ids.setdefault(cl, len(cl_ids)))
            if prof is not None:
                keys.append(word)
                fields.append(V_PROF)
                values.append(pr_ids.setdefault(prof, len(pr_ids)))
        self.kinds = sorted({k for ks in feat.cues.values() for k in ks})
        bit = {k: 1 << i for i, k in enumerate(self.kinds)}
        for word, ks in feat.cues.items():
            keys.append(word)
            fields.append(V_CUE)
            values.append(sum(bit[k] for k in ks))
        mark(G_FIRST, feat._name_first)
        mark(G_LAST, feat._name_last)
        prefixes, article_in = _proclitic_prefixes()
        mark(G_PREFIX, [p for p in prefixes if p and p not in article_in])
        mark(G_PREFIX | G_ARTICLE, [p for p in prefixes if p and p in article_in])
        for m, table in enumerate(word_maps):
            put(V_MAPS + m, table)
        for m, words in enumerate(cand_sets):
            mark(G_SET << m, words)
        if max(values, default=0) >= 1 << 31:
            raise ValueError("the compiled scorer's values are 32-bit")
        pool, starts = _codepoints(keys)
        self._width = V_MAPS + self.n_maps
        self._bits = max(4, (2 * len(keys)).bit_length())
        self._slots, self._data = _build(pool, starts[:-1], np.diff(starts), np.asarray(fields, dtype=np.int64),
                                         np.asarray(values, dtype=np.int32), self._width, self._bits)
        self._mask = (1 << self._bits) - 1
        # the groups of indices, in the scorer's memos' terms
        groups = _Groups()
        own, view = scorer.own, scorer.view
        ind = scorer._indices
        cl_list = sorted(cl_ids, key=cl_ids.__getitem__)
        pr_list = sorted(pr_ids, key=pr_ids.__getitem__)
        arr = np.asarray
        self._g_shape = arr([groups.add(ind(own, ["sh=" + sh, "ln=" + _len_bucket(n)]))
                             for sh in SHAPES for n in (0, 1, 2, 3, 4, 6, 9)], dtype=np.int64)
        self._g_view_sh = arr([groups.add(scorer._view_sh.get(sh, ())) for sh in SHAPES], dtype=np.int64)
        masks = range(1 << len(self.kinds))
        cue_feats = [["cue=" + k for i, k in enumerate(self.kinds) if m >> i & 1] for m in masks]
        self._g_cue_own = arr([groups.add(ind(own, f)) for f in cue_feats], dtype=np.int64)
        self._g_cue_view = arr([groups.add(ind(view, f)) for f in cue_feats], dtype=np.int64)
        name_feats: list[list[str]] = [[], ["nf"], ["nl"], ["nf", "nl"]]
        self._g_name_own = arr([groups.add(ind(own, f)) for f in name_feats], dtype=np.int64)
        self._g_name_view = arr([groups.add(ind(view, f)) for f in name_feats], dtype=np.int64)
        self._g_cl = tuple(arr([groups.add(c[part]) for c in cl_list] or [0], dtype=np.int64) for part in range(3))
        self._g_pr = tuple(arr([groups.add(p[part]) for p in pr_list] or [0], dtype=np.int64) for part in range(2))
        self._g_const = tuple(groups.add(g) for g in (scorer._conj, scorer._cfb, scorer._c_none, scorer._pfb,
                                                      scorer._p_none))
        self._gdata = arr(groups.data or [0], dtype=np.int64)
        self._gat = arr(groups.at, dtype=np.int64)
        self._ccls, self._low = char_tables()
        self._art = _codepoints([_article()])[0]
        self._conj = _codepoints([CONJ])[0]

    def score(self, toks: Sequence[str]) -> Scored:
        """The scores of ``toks`` (surface words)."""
        norms = _normalized(toks)
        cp, at = _codepoints(norms)
        scp, sat = _codepoints(toks)
        k = len(toks)
        shape_in = np.full(k, -1, dtype=np.int64)
        rat = np.zeros(k + 1, dtype=np.int64)
        rcp = np.zeros(1, dtype=np.int32)
        if len(scp) and (scp.max() > 0xFFFF or (self._ccls[scp] & C_PYTHON).any()):
            rcp, rat = self._python_forms(toks, norms, scp, sat, shape_in)
        own, own_at, view, view_at, cstart, cand_at, maps, sets = _score(
            cp, at, scp, sat, shape_in, rcp, rat, self._ccls, self._low, self._art, self._conj,
            self._slots, self._data, self._mask, self._gdata, self._gat,
            self._g_shape, self._g_view_sh, self._g_cue_own, self._g_cue_view, self._g_name_own, self._g_name_view,
            *self._g_cl, *self._g_pr, *self._g_const, self.n_maps, self.n_sets)
        return Scored(own, own_at, view, view_at, norms, cstart, cand_at, maps, sets)

    def _python_forms(self, toks: Sequence[str], norms: list[str], scp: np.ndarray, sat: np.ndarray,
                      shape_in: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Shape ids (into ``shape_in``) and written forms of the words the tables do not cover
        (a character outside the BMP, a lower case of several characters), from Python."""
        ccls = self._ccls
        raws: list[str] = []
        for i, (tok, w) in enumerate(zip(toks, norms, strict=True)):
            piece = scp[sat[i]: sat[i + 1]]
            if len(piece) and (piece.max() > 0xFFFF or (ccls[piece] & C_PYTHON).any()):
                shape_in[i] = SHAPES.index(word_shape(tok))
                raw = _DIACRITICS.sub("", tok).lower() if tok != w else ""
                raws.append("" if raw == w else raw)
            else:
                raws.append("")
        return _codepoints(raws)


def fingerprint(featurizer: Featurizer, own: Mapping[str, int], view: Mapping[str, int],
                word_maps: Sequence[Mapping[str, int]], cand_sets: Sequence[Collection[str]]) -> str:
    """A hash of everything a :class:`CompiledScorer` is built from: the featurizer's resources,
    the model's attributes (own and as neighbours), the caller's maps and sets, the proclitic
    prefixes, and the code that turns them into the table (this module, the scorer, the
    featurizer, the lexicon, the tagger). The name of its cache file."""
    from marsad.entities import fast, features, scoring
    from marsad.text import lexicon

    h = hashlib.blake2b(digest_size=12)
    for module in (__file__, scoring.__file__, features.__file__, lexicon.__file__, fast.__file__):
        h.update(Path(module).read_bytes())
    prefixes, article_in = _proclitic_prefixes()
    cues = sorted((w, sorted(ks)) for w, ks in featurizer.cues.items())
    # the gazetteer's words come in an order that changes from run to run (sets): sorted, as the
    # table's lookups do not depend on the order its strings were put in
    for part in (featurizer.clusters, featurizer.profiles, sorted(featurizer._gaz.items()), cues, dict(own), dict(view),
                 [dict(m) for m in word_maps], [sorted(s) for s in cand_sets],
                 sorted(prefixes), sorted(article_in), _article(), CONJ, featurizer.char_ngrams,
                 unicodedata.unidata_version):
        h.update(pickle.dumps(part, protocol=5))
    return h.hexdigest()


def cands_of(scored: Scored) -> list[tuple[str, ...]]:
    """The candidate bases of every word (as :meth:`WordScorer.score` gives them)."""
    return [scored.cands(i) for i in range(len(scored.norms))]


__all__ = ["CompiledScorer", "Scored", "available", "cands_of", "char_tables", "fingerprint"]
