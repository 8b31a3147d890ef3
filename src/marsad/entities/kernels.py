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


def add_marks(em, pos, mk, vec, sid):  # type: ignore[no-untyped-def]
    """Add the gazetteer mark features: mark ``mk[x]`` at token ``pos[x]`` adds ``vec[r, mk[x]]``
    to token ``pos[x] - rel`` (``rel`` = -1, 0, 1 for r = 0, 1, 2) when that token is in the same
    sentence; r by r, in the order of ``pos`` (as numpy's ``add.at`` adds)."""
    n = em.shape[0]
    L = em.shape[1]
    for r in range(3):
        rel = r - 1
        for x in range(len(pos)):
            i = pos[x] - rel
            if 0 <= i < n and sid[i] == sid[pos[x]]:
                for j in range(L):
                    em[i, j] += vec[r, mk[x], j]


@functools.cache
def load() -> SimpleNamespace | None:
    """The kernels compiled (``viterbi``, ``neighbour_sum``, ``add_marks``), or None without numba."""
    compiled = {f.__name__: njit(f) for f in (viterbi, neighbour_sum, add_marks)}
    if any(c is None for c in compiled.values()):  # pragma: no cover
        return None
    return SimpleNamespace(**compiled)


__all__ = ["add_marks", "load", "neighbour_sum", "viterbi"]
