"""Compiled inner loops of the fast tagger (:mod:`marsad.entities.fast`), with numba.

The tagger's work per token is a few additions over 9 labels: in numpy that is a handful of
calls per step whose overhead, not arithmetic, is the cost (Viterbi over a batch of documents is
~250 steps of four calls on small arrays). These loops compile once per machine (numba caches the
machine code on disk: ``__pycache__`` beside this file, or numba's user-wide cache when that is
read-only) and then run at C speed.

Each kernel gives bit-for-bit what the numpy code of :class:`marsad.entities.fast.FastTagger`
gives (the same additions in the same order, the same first-maximum tie rule as crfsuite's
Viterbi); the tests check both on the same inputs. :func:`load` returns None when numba is not
installed, and the tagger then runs its numpy code.
"""

from __future__ import annotations

import functools
from types import SimpleNamespace

import numpy as np

from marsad.jit import njit


def viterbi(em, starts, lens, trans):  # type: ignore[no-untyped-def]
    """Best label of every token (``em``: ``(tokens, labels)`` scores; sentence ``s`` covers
    ``starts[s]`` to ``starts[s] + lens[s]``; ``trans[from, to]``). Ties: the first label."""
    n, L = em.shape
    out = np.zeros(n, dtype=np.intp)
    tmax = 1
    for s in range(len(lens)):
        tmax = max(tmax, lens[s])
    back = np.empty((tmax, L), dtype=np.intp)
    delta = np.empty(L)
    new = np.empty(L)
    for s in range(len(starts)):
        a = starts[s]
        m = lens[s]
        if m == 0:
            continue
        for j in range(L):
            delta[j] = em[a, j]
        for t in range(1, m):
            for j in range(L):
                best = delta[0] + trans[0, j]
                arg = 0
                for i in range(1, L):
                    v = delta[i] + trans[i, j]
                    if v > best:
                        best = v
                        arg = i
                new[j] = best + em[a + t, j]
                back[t, j] = arg
            for j in range(L):
                delta[j] = new[j]
        y = 0
        for j in range(1, L):
            if delta[j] > delta[y]:
                y = j
        out[a + m - 1] = y
        for t in range(m - 1, 0, -1):
            y = back[t, y]
            out[a + t - 1] = y
    return out


def neighbour_sum(tab, offsets, rows, sid):  # type: ignore[no-untyped-def]
    """Each token's own score vector (``tab[row, 0]``) plus its neighbours' (``tab[row, 1 + k]``
    for the neighbour at ``offsets[k]``, only within the token's sentence ``sid``), added in the
    order of ``offsets``."""
    n = len(rows)
    L = tab.shape[2]
    em = np.empty((n, L))
    for i in range(n):
        r = rows[i]
        for j in range(L):
            em[i, j] = tab[r, 0, j]
        for k in range(len(offsets)):
            p = i + offsets[k]
            if 0 <= p < n and sid[p] == sid[i]:
                q = rows[p]
                for j in range(L):
                    em[i, j] += tab[q, 1 + k, j]
    return em


def emissions(tab, offsets, rows, starts, lens, ends_vec, ends_on, vid, bg_keys, bg_plus, bg_minus,  # type: ignore[no-untyped-def]
              bg_size, state):
    """:func:`neighbour_sum` and then the sentence-end and word-pair features, token by token, in
    the order :meth:`FastTagger._add_positional` adds them (sentence ``s`` covers ``starts[s]`` to
    ``starts[s] + lens[s]``, every one non-empty and in order): ``BOS``, ``-2:BOS``, ``EOS``,
    ``+2:EOS`` (``ends_vec[k]``, when ``ends_on[k]``), then ``bg+=`` of the pair the token starts and
    ``bg-=`` of the pair it ends (pair ``vid[a] * bg_size + vid[b]`` found in the sorted
    ``bg_keys``; ``bg_plus`` / ``bg_minus``: its attribute, -1 for none)."""
    n = len(rows)
    L = tab.shape[2]
    nk = len(bg_keys)
    em = np.empty((n, L))
    for s in range(len(starts)):
        a = starts[s]
        m = lens[s]
        last = a + m - 1
        for i in range(a, a + m):
            r = rows[i]
            for j in range(L):
                em[i, j] = tab[r, 0, j]
            for k in range(len(offsets)):
                p = i + offsets[k]
                if a <= p <= last:
                    q = rows[p]
                    for j in range(L):
                        em[i, j] += tab[q, 1 + k, j]
            if i == a and ends_on[0]:
                for j in range(L):
                    em[i, j] += ends_vec[0, j]
            if m > 1 and i == a + 1 and ends_on[1]:
                for j in range(L):
                    em[i, j] += ends_vec[1, j]
            if i == last and ends_on[2]:
                for j in range(L):
                    em[i, j] += ends_vec[2, j]
            if m > 1 and i == last - 1 and ends_on[3]:
                for j in range(L):
                    em[i, j] += ends_vec[3, j]
            if nk == 0:
                continue
            if i < last:
                u = vid[r]
                v = vid[rows[i + 1]]
                if u >= 0 and v >= 0:
                    key = u * bg_size + v
                    x = np.searchsorted(bg_keys, key)
                    if x < nk and bg_keys[x] == key and bg_plus[x] >= 0:
                        f = bg_plus[x]
                        for j in range(L):
                            em[i, j] += state[f, j]
            if i > a:
                u = vid[rows[i - 1]]
                v = vid[r]
                if u >= 0 and v >= 0:
                    key = u * bg_size + v
                    x = np.searchsorted(bg_keys, key)
                    if x < nk and bg_keys[x] == key and bg_minus[x] >= 0:
                        f = bg_minus[x]
                        for j in range(L):
                            em[i, j] += state[f, j]
    return em


def gazetteer_starts(rows, sid, has_multi, second, entries, n_second, pairs):  # type: ignore[no-untyped-def]
    """The tokens (ascending) whose word starts gazetteer names of several words and that are
    followed, in their sentence, by the second word of one of them: ``has_multi[row]``, the next
    word's ``second[row]`` >= 0 and ``entries[row] * n_second + second`` in the sorted ``pairs``."""
    n = len(rows)
    out = np.empty(max(n - 1, 0), dtype=np.intp)
    c = 0
    npairs = len(pairs)
    for g in range(n - 1):
        r = rows[g]
        if not has_multi[r] or sid[g + 1] != sid[g]:
            continue
        s2 = second[rows[g + 1]]
        if s2 < 0:
            continue
        key = entries[r] * n_second + s2
        x = np.searchsorted(pairs, key)
        if x < npairs and pairs[x] == key:
            out[c] = g
            c += 1
    return out[:c]


def add_gazetteer_marks(em, rows, one_mark, longer, pos, mk, vec, sid):  # type: ignore[no-untyped-def]
    """Add the gazetteer mark features: a mark ``m`` at token ``t`` adds ``vec[r, m]`` to token
    ``t - rel`` (``rel`` = -1, 0, 1 for r = 0, 1, 2) when that token is in the same sentence; r by
    r, first the one-word marks ``one_mark[rows[t]]`` (>= 0) of the tokens not in the sorted
    ``longer`` (the first words of longer names found), in token order, then the marks ``mk`` at
    ``pos``, in their order (as numpy's ``add.at`` adds them)."""
    n = em.shape[0]
    L = em.shape[1]
    for r in range(3):
        rel = r - 1
        y = 0
        for t in range(n):
            m = one_mark[rows[t]]
            if m < 0:
                continue
            while y < len(longer) and longer[y] < t:
                y += 1
            if y < len(longer) and longer[y] == t:
                continue
            i = t - rel
            if 0 <= i < n and sid[i] == sid[t]:
                for j in range(L):
                    em[i, j] += vec[r, m, j]
        for x in range(len(pos)):
            i = pos[x] - rel
            if 0 <= i < n and sid[i] == sid[pos[x]]:
                for j in range(L):
                    em[i, j] += vec[r, mk[x], j]


# the longest run that numpy's pairwise summation adds in one block (numpy's PW_BLOCKSIZE)
PAIRWISE_BLOCK = 128


def segment_sums(table, idx, at, out):  # type: ignore[no-untyped-def]
    """``out[s]``: the sum of the rows ``table[idx[at[s]:at[s + 1]]]`` (the last segment to the
    end of ``idx``), added as numpy's ``add.reduceat`` over the rows adds them (zeros for an
    empty segment): the first row plus the pairwise sum of the others (eight running sums,
    combined as a tree, then the rest one by one). Segments of at most ``PAIRWISE_BLOCK + 1``
    rows only (numpy splits longer ones in halves): the caller checks."""
    m = len(at)
    W = table.shape[1]
    r = np.empty(8)
    for s in range(m):
        a = at[s]
        b = at[s + 1] if s + 1 < m else len(idx)
        if a == b:
            for j in range(W):
                out[s, j] = 0.0
            continue
        n = b - a - 1  # the rows after the first
        for j in range(W):
            if n < 8:
                res = 0.0
                for x in range(a + 1, b):
                    res += table[idx[x], j]
            else:
                for k in range(8):
                    r[k] = table[idx[a + 1 + k], j]
                i = 8
                while i < n - (n % 8):
                    for k in range(8):
                        r[k] += table[idx[a + 1 + i + k], j]
                    i += 8
                res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
                while i < n:
                    res += table[idx[a + 1 + i], j]
                    i += 1
            out[s, j] = table[idx[a], j] + res


@functools.cache
def load() -> SimpleNamespace | None:
    """The kernels compiled (``viterbi``, ``neighbour_sum``, ``segment_sums``,
    ``emissions``, ``gazetteer_starts``, ``add_gazetteer_marks``), or None without numba."""
    compiled = {f.__name__: njit(f) for f in (viterbi, neighbour_sum, segment_sums, emissions,
                                              gazetteer_starts, add_gazetteer_marks)}
    if any(c is None for c in compiled.values()):  # pragma: no cover
        return None
    return SimpleNamespace(**compiled)


__all__ = ["PAIRWISE_BLOCK", "add_gazetteer_marks", "emissions", "gazetteer_starts", "load", "neighbour_sum",
           "segment_sums", "viterbi"]
