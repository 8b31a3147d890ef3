"""The compiled scan of a :class:`marsad.text.lexicon.Lexicon`: Aho-Corasick and the word checks
in one loop, so that Python sees only the hits the lexicon keeps.

pyahocorasick reports every occurrence of a key, most of them inside longer words ("عدن" in
"معدن"), and each costs a tuple and a turn of a Python loop before it is dropped; over a news
article that is ~100 hits of the gazetteer for ~15 kept. This scan runs the same automaton (the
keys' trie with failure and output links, over the classes of the characters the keys use) and
applies the lexicon's checks (what stands before the hit inside its word is a valid run of
proclitics; the hit ends at a word end, or the key has an entry that may end inside a word; it
has the article, or not, as some entry of its key wants), and writes only those hits, with
whether their prefix holds the article and whether they end at a word end: the lexicon then
takes the entries of the key that want just that. For :meth:`Lexicon.find` it also keeps the
longest hits that do not overlap (``select``), as :func:`marsad.text.lexicon._select` does.

The hits come in pyahocorasick's order: by end, then the longer key first. The tests check the
scan against the pure-Python path (pyahocorasick and the same checks) on random and real texts.
"""

from __future__ import annotations

import re
import threading
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from marsad.jit import njit

BMP = 0x10000
N_CODEPOINTS = 0x110000
MAX_PREFIX = 5  # the longest run of proclitics (و + ب + ال); a longer one is no word
ALNUM = 1  # bit of :attr:`Prefixes.table`; the bits above it are the character's proclitic id

# columns of a scan's output rows
START, END, WORD_START, KEY, ARTICLE, CLOSED = range(6)

# sections of :attr:`ScanTables.trie`, whose first entries are their offsets (CLASSES: the count)
CLASSES, DENSE, ROW_NODE, CHILD_OFF, CHILD_CLS, CHILD_STATE, FAIL, TERM, LINK, KLEN, KEEP, _HEADER = range(12)

# dense rows take at most this many entries (4 MB): all the nodes of a small lexicon, the nodes
# down to the depth that fits for a large one (the gazetteer: depth 4, ~23,000 of 152,000 nodes)
DENSE_ENTRIES = 1 << 20


@dataclass(frozen=True, slots=True)
class ScanTables:
    """The Aho-Corasick automaton of a lexicon's keys as flat arrays (pickled with the lexicon).

    ``cls[cp]``: the class of a BMP code point (0 for a character no key has). ``trie`` holds,
    after a header of offsets, these int32 sections:

    - a state is ``(row * classes) << 1 | out`` (>= 0) for a node that has a row of ``DENSE``
      (its next state for every class, failure links followed), or ``~(node << 1 | out)`` (< 0)
      for a deeper node, whose children by class are ``CHILD_CLS/CHILD_STATE[CHILD_OFF[node] :
      CHILD_OFF[node + 1]]`` and whose failure link is ``FAIL[node]``; ``out``: a key ends at the
      node or on its failure chain. The root is state 0.
    - ``ROW_NODE[row]``: the node of a dense row; ``TERM[node]``: the key ending there (-1: none);
      ``LINK[node]``: the nearest node on its failure chain where a key ends (0: none);
    - ``KLEN[key]``: the key's length; ``KEEP[key]``: bit ``2 * closed + article`` is set when
      some entry of the key takes a hit that ends at a word end (``closed``) or not, and whose
      proclitics hold the article or not.
    """

    cls: np.ndarray  # uint16 (65536,)
    trie: np.ndarray  # int32


def build_tables(keys: Sequence[str], keep: Sequence[int], dense_entries: int = DENSE_ENTRIES) -> ScanTables | None:
    """The automaton of ``keys`` (key ids are their positions), or None when there are none or a
    key holds a character outside the BMP (the lexicon then keeps the pure-Python scan). The
    root, and as many levels of nodes as fit in ``dense_entries``, get dense rows."""
    alphabet = sorted({ch for k in keys for ch in k})
    if not keys or any(ord(ch) >= BMP for ch in alphabet):
        return None
    n_cls = len(alphabet) + 1
    cls_of = {ch: i + 1 for i, ch in enumerate(alphabet)}
    children: list[dict[int, int]] = [{}]
    term = [-1]
    depth = [0]
    for kid, key in enumerate(keys):
        node = 0
        for ch in key:
            c = cls_of[ch]
            nxt = children[node].get(c)
            if nxt is None:
                nxt = len(children)
                children[node][c] = nxt
                children.append({})
                term.append(-1)
                depth.append(depth[node] + 1)
            node = nxt
        term[node] = kid
    n_nodes = len(children)
    fail = [0] * n_nodes
    link = [0] * n_nodes
    order = [0]  # breadth first
    queue = deque(children[0].values())
    while queue:
        u = queue.popleft()
        order.append(u)
        for c, v in children[u].items():
            f = fail[u]
            while f and c not in children[f]:
                f = fail[f]
            g = children[f].get(c, 0)
            fail[v] = g
            link[v] = g if term[g] >= 0 else link[g]
            queue.append(v)
    # the nodes with a dense row: the shallowest (a node's failure link is shallower than it)
    by_depth = Counter(depth)
    max_depth = rows = 0
    for d in range(max(depth) + 1):
        if (rows + by_depth[d]) * n_cls > dense_entries and d:
            break
        rows += by_depth[d]
        max_depth = d
    row_node = [v for v in order if depth[v] <= max_depth]
    row_of = [-1] * n_nodes
    for r, v in enumerate(row_node):
        row_of[v] = r

    def state(v: int) -> int:
        out = 1 if term[v] >= 0 or link[v] else 0
        r = row_of[v]
        return (r * n_cls) << 1 | out if r >= 0 else ~(v << 1 | out)

    dense = np.zeros((len(row_node), n_cls), dtype=np.int32)
    for r, v in enumerate(row_node):  # breadth first: the row of the failure link is done
        if v:
            dense[r] = dense[row_of[fail[v]]]
        for c, u in children[v].items():
            dense[r, c] = state(u)
    child_off = [0]
    child_cls: list[int] = []
    child_state: list[int] = []
    for v, ch in enumerate(children):
        if row_of[v] < 0:
            for c in sorted(ch):
                child_cls.append(c)
                child_state.append(state(ch[c]))
        child_off.append(len(child_cls))
    sections = [dense.ravel(), row_node, child_off, child_cls, child_state, [state(f) for f in fail], term, link,
                [len(k) for k in keys], keep]
    header = [n_cls]
    at = _HEADER
    for sec in sections:
        header.append(at)
        at += len(sec)
    trie = np.concatenate([np.array(header, dtype=np.int32)] + [np.asarray(sec, dtype=np.int32) for sec in sections])
    if not at < 2 ** 31 // 2:
        return None
    cls = np.zeros(BMP, dtype=np.uint16)
    for ch, c in cls_of.items():
        cls[ord(ch)] = c
    return ScanTables(cls, trie)


@dataclass(frozen=True, slots=True)
class Prefixes:
    """The valid runs of proclitics, encoded: ``table[cp]`` (for every code point) is ``ALNUM`` if
    ``chr(cp).isalnum()``, plus ``2 * id`` for a character that occurs in a proclitic (ids from
    1); a run of ids ``p1 .. pk`` is the number ``(..(p1 * base + p2) * base ..) + pk`` (0 for the
    empty run), and ``table[N_CODEPOINTS + code]`` says whether the run is a bare one (1) and/or
    holds the article (2)."""

    table: np.ndarray  # uint8 (N_CODEPOINTS + base ** MAX_PREFIX,)
    base: int


def _alnum_ranges() -> Iterable[tuple[int, int]]:
    # re's \w is str.isalnum() or "_" (sre's SRE_UNI_IS_WORD), so [^\W_] is str.isalnum()
    every = "".join(map(chr, range(N_CODEPOINTS)))
    return ((m.start(), m.end()) for m in re.finditer(r"[^\W_]+", every))


def build_prefixes(bare: Iterable[str], with_article: Iterable[str]) -> Prefixes:
    bare, with_article = set(bare), set(with_article)
    runs = bare | with_article
    chars = sorted({ch for p in runs for ch in p})
    if len(chars) > 12 or any(len(p) > MAX_PREFIX or (p and not p.isalnum()) for p in runs):
        raise ValueError("proclitics must be short runs of few letters")
    ids = {ch: i + 1 for i, ch in enumerate(chars)}
    base = len(chars) + 1
    table = np.zeros(N_CODEPOINTS + base ** MAX_PREFIX, dtype=np.uint8)
    for a, b in _alnum_ranges():
        table[a:b] = ALNUM
    for ch, i in ids.items():
        table[ord(ch)] |= 2 * i
    for run in runs:
        code = 0
        for ch in run:
            code = code * base + ids[ch]
        table[N_CODEPOINTS + code] = (1 if run in bare else 0) | (2 if run in with_article else 0)
    return Prefixes(table, base)


def scan(cps, lo, hi, n_total, cls, trie, table, pbase, select, out):  # type: ignore[no-untyped-def]
    """The kept hits of the code points ``cps[lo:hi]`` of a text ``n_total`` long (``cps`` holds
    it whole) into the rows of ``out`` (columns ``START .. CLOSED``), in pyahocorasick's order (by
    end, then the longer key first), or with ``select`` the longest that do not overlap, longest
    first then leftmost, in text order; returns how many there are (more than ``len(out)``: call
    again with room for all)."""
    n_cls = trie[CLASSES]
    dense = trie[DENSE]
    row_node = trie[ROW_NODE]
    child_off = trie[CHILD_OFF]
    child_cls = trie[CHILD_CLS]
    child_state = trie[CHILD_STATE]
    fail = trie[FAIL]
    term = trie[TERM]
    link = trie[LINK]
    klen = trie[KLEN]
    keep = trie[KEEP]
    cap = out.shape[0]
    count = 0
    st = 0
    for i in range(lo, hi):
        cp = cps[i]
        c = cls[cp] if cp < 65536 else 0
        if c == 0:
            st = 0
            continue
        while st < 0:  # a deep node: its child, else its failure link
            node = (~st) >> 1
            nxt = 0
            for x in range(trie[child_off + node], trie[child_off + node + 1]):
                if trie[child_cls + x] == c:
                    nxt = trie[child_state + x]
                    break
            if nxt != 0:
                st = nxt
                break
            st = trie[fail + node]
        else:
            st = trie[dense + (st >> 1) + c]
        if st >= 0:
            if (st & 1) == 0:
                continue
            node = trie[row_node + (st >> 1) // n_cls]
        else:
            if ((~st) & 1) == 0:
                continue
            node = (~st) >> 1
        o = node if trie[term + node] >= 0 else trie[link + node]
        e = i + 1
        closed = 1 if e >= n_total or (table[cps[e]] & ALNUM) == 0 else 0
        while o != 0:
            k = trie[term + o]
            o = trie[link + o]
            wanted = (trie[keep + k] >> (2 * closed)) & 3
            if wanted == 0:
                continue
            s = e - trie[klen + k]
            # the word's start, looking back at most MAX_PREFIX + 1 characters
            w = s
            floor = s - 6 if s > 6 else 0
            while w > floor and (table[cps[w - 1]] & ALNUM) != 0:
                w -= 1
            if s - w > 5:
                continue
            code = 0
            for j in range(w, s):
                p = int(table[cps[j]]) >> 1  # int: not numpy's uint8 arithmetic, in Python
                if p == 0:
                    code = -1
                    break
                code = code * pbase + p
            if code < 0:
                continue
            flags = table[N_CODEPOINTS + code]
            if flags == 0:
                continue
            article = 1 if flags & 2 else 0
            if ((wanted >> article) & 1) == 0:
                continue
            if count < cap:
                out[count, 0] = s
                out[count, 1] = e
                out[count, 2] = w
                out[count, 3] = k
                out[count, 4] = article
                out[count, 5] = closed
            count += 1
    if select and 1 < count <= cap:
        count = _select(out, count, lo, hi, n_total)  # compiled with scan when numba is there
    return count


def select_rows(out, count, lo, hi, n_total):  # type: ignore[no-untyped-def]
    """The rows of :func:`scan` that ``marsad.text.lexicon._select`` keeps, in text order, moved
    to the front of ``out``; returns their count. (Rows are distinct spans: a span is one key.)"""
    order = np.argsort((out[:count, 0] - out[:count, 1]) * (n_total + 1) + out[:count, 0])
    covered = np.zeros(hi - lo, dtype=np.uint8)
    kept = np.zeros(count, dtype=np.bool_)
    for idx in order:
        a = out[idx, 0] - lo
        b = out[idx, 1] - lo
        free = True
        for x in range(a, b):
            if covered[x]:
                free = False
                break
        if free:
            covered[a:b] = 1
            kept[idx] = True
    rows = out[:count][kept]
    rows = rows[np.argsort(rows[:, 0])]
    n = rows.shape[0]
    out[:n] = rows
    return n


def select_by_span(out, count, starts, ends, n_total, span_of):  # type: ignore[no-untyped-def]
    """``Lexicon.find_spans`` on the rows of :func:`scan` (in its order): each row goes to the
    span its start is in (``starts``: sorted; the last span starting at or before it) if it ends
    within that span, and each span keeps what ``select_rows`` keeps of its rows (a lone row
    stays). The kept rows are moved to the front of ``out``, by span then start, their spans in
    ``span_of``; returns their count."""
    m = 0
    for r in range(count):
        i = np.searchsorted(starts, out[r, 0], side="right") - 1
        if i >= 0 and out[r, 1] <= ends[i]:
            for col in range(6):
                out[m, col] = out[r, col]
            span_of[m] = i
            m += 1
    order = np.argsort(span_of[:m], kind="mergesort")
    rows = out[:m][order]
    spans = span_of[:m][order]
    k = 0
    g = 0
    while g < m:
        h = g
        while h < m and spans[h] == spans[g]:
            h += 1
        group = rows[g:h].copy()
        kept = _select(group, h - g, starts[spans[g]], ends[spans[g]], n_total) if h - g > 1 else 1
        for r in range(kept):
            for col in range(6):
                out[k, col] = group[r, col]
            span_of[k] = spans[g]
            k += 1
        g = h
    return k


_select = njit(select_rows) or select_rows
_compiled = njit(scan)
_select_by_span = njit(select_by_span)


COMPILED = _compiled is not None


def compiled() -> bool:
    """Whether the compiled scan is available (numba installed)."""
    return COMPILED


# texts whose code points a thread keeps: the stages run over a batch of documents (32), a stage
# over every document before the next stage, so that each document's text comes back once per stage
RECENT_TEXTS = 128


class _Scratch(threading.local):
    """Per thread: the code points of the texts last scanned (the lexicons of the stages scan the
    same document text many times, a sentence at a time and a stage after another; an entry holds
    its text, so that the text's identity is not reused while the entry is there), most recent
    last, at most ``RECENT_TEXTS``, and the array the scan writes its hits into."""

    def __init__(self) -> None:
        self.text = ""
        self.cps = np.zeros(0, dtype=np.uint32)
        self.recent: dict[int, tuple[str, np.ndarray]] = {}
        self.out = np.empty((64, 6), dtype=np.int64)

    def codepoints(self, text: str) -> np.ndarray:
        if self.text is not text:
            recent = self.recent
            key = id(text)
            entry = recent.get(key)
            if entry is not None and entry[0] is text:
                cps = entry[1]
            else:
                # a writable array: numba takes it faster than the read-only one of np.frombuffer
                cps = np.frombuffer(bytearray(text.encode("utf-32-le")), dtype=np.uint32)
                self.keep(text, cps)
            self.cps = cps
            self.text = text
        return self.cps

    def keep(self, text: str, cps: np.ndarray) -> None:
        """Keep ``cps`` as the code points of ``text``, the oldest entry dropped when full."""
        recent = self.recent
        if len(recent) >= RECENT_TEXTS:
            del recent[next(iter(recent))]
        recent[id(text)] = (text, cps)


_SCRATCH = _Scratch()


def remember(text: str, cps: np.ndarray) -> None:
    """Let this thread's scans of ``text`` read ``cps``, its code points (a writable uint32 array,
    ``text.encode("utf-32-le")``'s: the normalised text's from :class:`NormText`), instead of
    encoding it."""
    if _SCRATCH.text is not text and cps.dtype == np.uint32 and len(cps) == len(text) and cps.flags.writeable:
        _SCRATCH.keep(text, cps)


def run_scan(t: ScanTables, pre: Prefixes, text: str, start: int, stop: int, select: bool = False,
             compiled_scan: bool = True) -> list[list[int]]:
    """Rows (``START .. CLOSED``) of the kept hits of ``text[start:stop]`` (``select``: those
    ``Lexicon.find`` keeps), by the compiled scan (``compiled_scan=False``: the same loop in
    Python, for tests)."""
    fn = _compiled if compiled_scan and _compiled is not None else scan
    scratch = _SCRATCH
    cps = scratch.cps if scratch.text is text else scratch.codepoints(text)
    out = scratch.out
    count = fn(cps, start, stop, len(cps), t.cls, t.trie, pre.table, pre.base, select, out)
    if count > len(out):
        out = scratch.out = np.empty((2 * count, 6), dtype=np.int64)
        count = fn(cps, start, stop, len(cps), t.cls, t.trie, pre.table, pre.base, select, out)
    return out[:count].tolist() if count else []  # type: ignore[no-any-return]


def run_scan_spans(t: ScanTables, pre: Prefixes, text: str, starts: Sequence[int], ends: Sequence[int],
                   compiled_scan: bool = True) -> tuple[list[list[int]], list[int]]:
    """The rows ``Lexicon.find_spans`` keeps for the spans ``starts[i]:ends[i]`` (in order, not
    overlapping), by span then start, and the span of each."""
    n = len(text)
    lo = max(starts[0], 0)
    hi = min(max(ends), n)
    rows = run_scan(t, pre, text, lo, hi, False, compiled_scan) if lo < hi else []
    if not rows:
        return [], []
    out = np.array(rows, dtype=np.int64)
    span_of = np.empty(len(rows), dtype=np.int64)
    fn = _select_by_span if compiled_scan and _select_by_span is not None else select_by_span
    count = fn(out, len(rows), np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), n, span_of)
    return out[:count].tolist(), span_of[:count].tolist()


__all__ = ["Prefixes", "ScanTables", "build_prefixes", "build_tables", "compiled", "run_scan", "run_scan_spans"]
