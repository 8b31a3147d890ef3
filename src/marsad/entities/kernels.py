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


def emissions(tab, offsets, rows, starts, lens, ends_vec, ends_on, vid, slot_keys, slot_pos, bits,  # type: ignore[no-untyped-def]
              bg_plus, bg_minus, bg_size, state):
    """:func:`neighbour_sum` and then the sentence-end and word-pair features, token by token, in
    the order :meth:`FastTagger._add_positional` adds them (sentence ``s`` covers ``starts[s]`` to
    ``starts[s] + lens[s]``, every one non-empty and in order): ``BOS``, ``-2:BOS``, ``EOS``,
    ``+2:EOS`` (``ends_vec[k]``, when ``ends_on[k]``), then ``bg+=`` of the pair the token starts and
    ``bg-=`` of the pair it ends. A pair's key ``vid[a] * bg_size + vid[b]`` is found in the hash
    table ``slot_keys`` / ``slot_pos`` of ``2**bits`` slots (:func:`marsad.entities.fast.pair_slot`)
    once, for both of its words; ``bg_plus`` / ``bg_minus``: its attributes, -1 for none."""
    n = len(rows)
    mask = (1 << bits) - 1
    L = tab.shape[2]
    nk = len(bg_plus)
    em = np.empty((n, L))
    for s in range(len(starts)):
        a = starts[s]
        m = lens[s]
        last = a + m - 1
        ended = -1  # the position of the pair the previous token started (-1: none)
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
            started = -1
            if i < last:
                u = vid[r]
                v = vid[rows[i + 1]]
                if u >= 0 and v >= 0:
                    # the pair's position (-1: not one of the model's): hash table, linear probing
                    key = u * bg_size + v
                    h = np.int64((np.uint64(key) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - bits))
                    while slot_keys[h] != -1:
                        if slot_keys[h] == key:
                            started = slot_pos[h]
                            break
                        h = (h + 1) & mask
                    if started >= 0 and bg_plus[started] >= 0:
                        f = bg_plus[started]
                        for j in range(L):
                            em[i, j] += state[f, j]
            if ended >= 0 and bg_minus[ended] >= 0:
                f = bg_minus[ended]
                for j in range(L):
                    em[i, j] += state[f, j]
            ended = started
    return em


def gazetteer_names(rows, sid, sentence_ends, has_multi, entries, word_id, name_at, names, name_words):  # type: ignore[no-untyped-def]
    """The gazetteer names of several words in a batch of tokens, as
    :meth:`FastTagger._add_gazetteer_marks` finds them: a token whose word starts such names
    (``has_multi[row]``, its entries' id ``entries[row]``) takes the first of its names, longest
    first, whose words after the first are the next tokens' (``word_id[row]``), within its
    sentence (which ends before ``sentence_ends[sid]``). Names of id ``e``: rows ``name_at[e]``
    to ``name_at[e + 1]`` of ``names`` (second word's id, words after the first, B- mark, I- mark,
    where their word ids start in ``name_words``), by second word's id, then longest first.

    Returns (the tokens that start a name found, ascending; the tokens of its marks and the
    marks: B- on the first, I- on the others, name after name)."""
    n = len(rows)
    longer = np.empty(n, dtype=np.intp)
    pos = np.empty(n * 2 + 8, dtype=np.intp)
    mk = np.empty(n * 2 + 8, dtype=np.intp)
    c = 0
    q = 0
    for g in range(n - 1):
        r = rows[g]
        if not has_multi[r] or sid[g + 1] != sid[g]:
            continue
        second = word_id[rows[g + 1]]
        if second < 0:
            continue
        e = entries[r]
        stop = sentence_ends[sid[g]]
        lo = name_at[e]  # the first name whose second word is this one (the rows are by second word)
        hi = name_at[e + 1]
        while lo < hi:
            mid = (lo + hi) // 2
            if names[mid, 0] < second:
                lo = mid + 1
            else:
                hi = mid
        for x in range(lo, name_at[e + 1]):
            if names[x, 0] != second:
                break
            m = names[x, 1]
            if g + m >= stop:
                continue
            w0 = names[x, 4]
            ok = True
            for t in range(1, m):
                if name_words[w0 + t] != word_id[rows[g + 1 + t]]:
                    ok = False
                    break
            if not ok:
                continue
            longer[c] = g
            c += 1
            if q + m + 1 > len(pos):
                grown = np.empty(2 * len(pos) + m + 1, dtype=np.intp)
                grown[:q] = pos[:q]
                pos = grown
                grown_mk = np.empty(len(pos), dtype=np.intp)
                grown_mk[:q] = mk[:q]
                mk = grown_mk
            pos[q] = g
            mk[q] = names[x, 2]
            q += 1
            for t in range(1, m + 1):
                pos[q] = g + t
                mk[q] = names[x, 3]
                q += 1
            break
    return longer[:c], pos[:q], mk[:q]


def add_gazetteer_marks(em, rows, one_mark, longer, pos, mk, vec, sid):  # type: ignore[no-untyped-def]
    """Add the gazetteer mark features: a mark ``m`` at token ``t`` adds ``vec[r, m]`` to token
    ``t - rel`` (``rel`` = -1, 0, 1 for r = 0, 1, 2) when that token is in the same sentence; r by
    r, first the one-word marks ``one_mark[rows[t]]`` (>= 0) of the tokens not in the sorted
    ``longer`` (the first words of longer names found), in token order, then the marks ``mk`` at
    ``pos``, in their order (as numpy's ``add.at`` adds them)."""
    n = em.shape[0]
    L = em.shape[1]
    om = np.empty(n, dtype=np.intp)  # each token's one-word mark (-1: none, or a longer name's start)
    y = 0
    for t in range(n):
        om[t] = one_mark[rows[t]]
        while y < len(longer) and longer[y] < t:
            y += 1
        if y < len(longer) and longer[y] == t:
            om[t] = -1
    for r in range(3):
        rel = r - 1
        for t in range(n):
            m = om[t]
            if m < 0:
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


def propagate(y, em, kid, key_len, send, sid, doc_at, span_at, span_s, span_e, span_k, named, begin, inside,  # type: ignore[no-untyped-def]
              o, min_chars, max_len, margin, use_margin):
    """The mentions the document consistency pass adds (:meth:`NerModel._propagate`), for a batch.

    Document ``d`` holds tokens ``doc_at[d]`` to ``doc_at[d + 1]`` and spans ``span_at[d]`` to
    ``span_at[d + 1]`` (``span_s``, ``span_e``, ``span_k``: first token, end, kind; in order).
    Its names are its spans of a ``named`` kind, at most ``max_len`` tokens long, of one token
    only when that token's key (``kid``; ``key_len``: the length of a key by id) has at least
    ``min_chars`` letters, told apart by their tokens' keys; each takes the kind it got most often
    (of equal counts, the first seen). An untagged token (label ``o``) whose key starts names gets
    the longest that fits in its sentence (which ends at ``send[sid]``) on untagged tokens not
    followed by an ``inside`` label, the keys equal, after the last mention added in the
    sentence, and (``use_margin``) with ``em[token, begin[kind]] - em[token, o] >= margin``.

    Returns (first token, end, kind, document) of each mention added, in order."""
    n_docs = len(doc_at) - 1
    cap = 16
    out = np.empty((cap, 4), dtype=np.int64)
    c = 0
    n_kinds = len(named)
    most = 0
    for d in range(n_docs):
        most = max(most, span_at[d + 1] - span_at[d])
    name_s = np.empty(max(most, 1), dtype=np.int64)  # a name: where one of its mentions starts
    name_n = np.empty(max(most, 1), dtype=np.int64)  # its length
    counts = np.zeros((max(most, 1), n_kinds), dtype=np.int64)
    seen = np.zeros((max(most, 1), n_kinds), dtype=np.int64)  # order of first sight of each kind
    n_seen = np.zeros(max(most, 1), dtype=np.int64)  # how many kinds each name got
    label = np.empty(max(most, 1), dtype=np.int64)
    for d in range(n_docs):
        nn = 0
        for x in range(span_at[d], span_at[d + 1]):
            s0 = span_s[x]
            m = span_e[x] - s0
            k = span_k[x]
            if not named[k] or m > max_len or (m == 1 and key_len[kid[s0]] < min_chars):
                continue
            j = -1
            for q in range(nn):
                if name_n[q] != m:
                    continue
                same = True
                for t in range(m):
                    if kid[name_s[q] + t] != kid[s0 + t]:
                        same = False
                        break
                if same:
                    j = q
                    break
            if j < 0:
                j = nn
                nn += 1
                name_s[j] = s0
                name_n[j] = m
                for t in range(n_kinds):
                    counts[j, t] = 0
                    seen[j, t] = 0
                n_seen[j] = 0
            if counts[j, k] == 0:
                n_seen[j] += 1
                seen[j, k] = n_seen[j]
            counts[j, k] += 1
        if nn == 0:
            continue
        for j in range(nn):
            best = -1
            for t in range(n_kinds):
                if counts[j, t] > 0 and (best < 0 or counts[j, t] > counts[j, best]
                                         or (counts[j, t] == counts[j, best] and seen[j, t] < seen[j, best])):
                    best = t
            label[j] = best
        # the names by their first token's key, longest first (of equal lengths, in order of sight)
        order = np.empty(nn, dtype=np.int64)
        first = np.empty(nn, dtype=np.int64)
        for q in range(nn):
            first[q] = kid[name_s[q]]
            order[q] = q
        for q in range(1, nn):  # insertion sort by (key, -length), stable
            v = order[q]
            p = q - 1
            while p >= 0 and (first[order[p]] > first[v] or (first[order[p]] == first[v] and name_n[order[p]] < name_n[v])):
                order[p + 1] = order[p]
                p -= 1
            order[p + 1] = v
        keys = np.empty(nn, dtype=np.int64)
        for q in range(nn):
            keys[q] = first[order[q]]
        last_sent = -1
        taken = 0
        for i in range(doc_at[d], doc_at[d + 1]):
            if y[i] != o:
                continue
            key = kid[i]
            lo = np.searchsorted(keys, key)
            if lo == nn or keys[lo] != key:
                continue
            stop = send[sid[i]]
            for z in range(lo, nn):  # the names the key starts, longest first: the first that fits
                if keys[z] != key:
                    break
                q = order[z]
                m = name_n[q]
                if i + m > stop:
                    continue
                ok = True
                for t in range(1, m):
                    if y[i + t] != o or kid[i + t] != kid[name_s[q] + t]:
                        ok = False
                        break
                if not ok:
                    continue
                if i + m < stop and inside[y[i + m]]:
                    continue
                if sid[i] == last_sent and i < taken:
                    continue
                k = label[q]
                if use_margin and (begin[k] < 0 or em[i, begin[k]] - em[i, o] < margin):
                    continue
                if c == cap:
                    grown = np.empty((2 * cap, 4), dtype=np.int64)
                    grown[:c] = out[:c]
                    out = grown
                    cap *= 2
                out[c, 0] = i
                out[c, 1] = i + m
                out[c, 2] = k
                out[c, 3] = d
                c += 1
                last_sent = sid[i]
                taken = i + m
                break
    return out[:c]


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
    ``emissions``, ``gazetteer_names``, ``add_gazetteer_marks``, ``propagate``), or None without numba."""
    compiled = {f.__name__: njit(f) for f in (viterbi, neighbour_sum, segment_sums, emissions,
                                              gazetteer_names, add_gazetteer_marks, propagate)}
    if any(c is None for c in compiled.values()):  # pragma: no cover
        return None
    return SimpleNamespace(**compiled)


__all__ = ["PAIRWISE_BLOCK", "add_gazetteer_marks", "emissions", "gazetteer_names", "load", "neighbour_sum", "propagate",
           "segment_sums", "viterbi"]
