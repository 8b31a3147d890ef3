"""Syndicated copies: near-duplicate articles found with MinHash LSH, marked and merged.

Newspapers republish the same wire story (SPA, AFP, Reuters...) with a new headline, a dateline,
a sign-off or a trimmed paragraph. :func:`mark_syndicated` wraps the ``(record, timings)`` stream
of a run (``marsad extract`` turns it on by default) and, in one streaming pass:

**Finding copies.** A document's text is normalised (:func:`marsad.text.normalize.normalize`), cut
into words (runs of letters and digits) and turned into the set of its word 3-shingles; its
MinHash signature has :data:`NUM_PERM` (64) 32-bit values (words hashed by a polynomial over their
code points, shingles mixed from three word hashes, 64 multiply-shift permutations), computed by
one compiled loop from the text's code points (:func:`_signature_loop`; numpy, with prefix sums,
without numba): no Python object per word, and the same values in every run and process. An LSH
index holds the signatures of the documents seen so far in the run (at most ``max_docs``, oldest
dropped first): by default :class:`BandIndex`, which has the banding of
:class:`datasketch.MinHashLSH` and so the same candidates at half its memory and a third of its
cost, or datasketch's own index (``Syndication(index="datasketch")``). Candidates from the index are copies when
their estimated Jaccard similarity (the share of equal signature values) is at least
:data:`THRESHOLD`, or when one text is at least :data:`CONTAINMENT` contained in the other (a copy
that kept only the first paragraphs). Texts with fewer than :data:`MIN_SHINGLES` shingles are
copies only of an identical normalised text. Documents with an error are left alone.

**syndicated_of.** Every cluster of copies has one *original*: the first of its documents seen in
the run. It keeps ``flags.syndicated_of = null``; every other member gets the original's doc_id
(directly, never a chain). Records are written in input order, so this is "the earliest copy by
published date, then input order" whenever the input comes in date order (daily archives, feeds,
a crawl); a copy that arrives before an earlier-dated one cannot be rewritten once it has been
written, so the earlier-dated one then points to the first one seen, and the cluster keeps a
single original. When a document matches members of two clusters, it joins the cluster whose
original is earliest (published date, then input order).

**Events.** One incident reported by five papers should be one event with five sources. An event
of a copy *matches* an event of its cluster when they have the same event_type, sub_event_type,
location (geonameid, or coordinates to 0.01 degree) and date. Then:

- the copy's event gets ``"duplicate_of": <id of the cluster's event>`` in the output (it keeps its
  own stable id, evidence and offsets into its own text, so nothing about the copy's record is
  lost), and
- the cluster's event gains the copy's newspaper as a ``media`` claim (``source_text`` and
  ``source_name`` = the record's ``source``, else the host of its URL, else its doc_id;
  ``channel`` = the copy's URL or doc_id) unless that newspaper is credited already.

So counting incidents is: events without ``duplicate_of``; their ``claims`` list every paper that
carried the story. An event of a copy that matches nothing in its cluster stays a separate event
and is the one later copies match. The original's record must still be unwritten for its claims
to grow, so records are held back ``hold`` records (default 3,000; in SaudiNewsNet 89% of the
copies come within 3,000 articles of their original, 96% within 5,000, 73% within 2,000) -- still
written in input order, and all of them at the end of the input. A copy seen later still gets
``duplicate_of``.
``DedupStats`` counts what was done.

Cost (SaudiNewsNet articles, CPU time on the shared 2-core development machine): ~15 us per
article for the signature and ~10 us for the index and the clusters (more with datasketch's
index), ~25 us all told (``timings["dedup"]``; ``bench/bench_pipeline.py``, ``bench/bench_stages.py``);
~100 MB for the index of the whole corpus (~200 MB with datasketch's).
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from hashlib import blake2b
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from marsad.model import Claim, Event, Record
from marsad.text import kernels
from marsad.text.normalize import normalize

NUM_PERM = 64
SHINGLE = 3  # words per shingle
THRESHOLD = 0.5  # estimated Jaccard similarity of shingle sets for a copy
CONTAINMENT = 0.8  # or: this share of the smaller text's shingles is in the larger one ...
MIN_JACCARD_CONTAINED = 0.3  # ... and the Jaccard estimate is at least this (below it the estimate is noise)
MIN_ROOT_JACCARD = 0.3  # a copy of a copy joins the cluster only this close to the cluster's original
LSH_THRESHOLD = 0.4  # the index is asked for candidates a little below THRESHOLD (then checked)
MIN_SHINGLES = 8  # shorter texts: identical normalised texts only
HOLD = 3000
MAX_DOCS = 50_000  # ~2 kB each in the index: a month of a national press (SaudiNewsNet: 1,700 a day)
SEED = 20150721

_U64 = np.uint64
_MASK32 = _U64(0xFFFFFFFF)
_P = _U64(0x100000001B3)  # polynomial base for word hashes (odd, so invertible modulo 2**64)
_P_INV = _U64(pow(int(_P), -1, 2**64))
_MIX = (_U64(0x9E3779B97F4A7C15), _U64(0xC2B2AE3D27D4EB4F), _U64(0x165667B19E3779F9))
_FMIX = (_U64(0xFF51AFD7ED558CCD), _U64(0xC4CEB9FE1A85EC53))

_rng = np.random.default_rng(SEED)
_PERM_A = (_rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) << _U64(1)) | _U64(1)  # odd multipliers
_PERM_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_word_table: np.ndarray | None = None
_powers = np.ones(1, dtype=np.uint64)
_inv_powers = np.ones(1, dtype=np.uint64)


def _is_word_table() -> np.ndarray:
    """``table[code point]``: is that character part of a word (a letter or a digit: ``str.isalnum``
    below U+30000, as :func:`kernels.char_flags` has it; tested equal per code point)."""
    global _word_table
    if _word_table is None:
        table = np.zeros(0x110000, dtype=bool)
        table[:0x30000] = (kernels.char_flags()[:0x30000] & kernels.ALNUM) != 0
        _word_table = table
    return _word_table


def _power_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``P**i`` and ``P**-i`` modulo 2**64 for i < n (grown as longer texts come)."""
    global _powers, _inv_powers
    if len(_powers) < n:
        size = max(n, 2 * len(_powers), 4096)
        with np.errstate(over="ignore"):
            _powers = np.cumprod(np.concatenate(([_U64(1)], np.full(size - 1, _P, dtype=np.uint64))), dtype=np.uint64)
            _inv_powers = np.cumprod(np.concatenate(([_U64(1)], np.full(size - 1, _P_INV, dtype=np.uint64))),
                                     dtype=np.uint64)
    return _powers, _inv_powers


def _fmix(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> _U64(33))
    h = h * _FMIX[0]
    h = h ^ (h >> _U64(33))
    h = h * _FMIX[1]
    return h ^ (h >> _U64(33))


_REMOVED = kernels.REMOVED


def _fold_table() -> np.ndarray:
    """``table[code point]``: the code point after :func:`normalize` (_REMOVED for a removed one)."""
    return kernels.fold_table()


def code_points(text: str) -> np.ndarray:
    """The code points of ``normalize(text)``, folded in numpy (no string is built)."""
    codes = _fold_table()[np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]
    removed = codes == _REMOVED
    return codes[~removed] if removed.any() else codes


def word_hashes(text: str) -> np.ndarray:
    """64-bit hashes of the words (runs of letters and digits) of ``normalize(text)``, in order.

    A word's hash is ``sum(code[i] * P**(i - start))`` over its characters (modulo 2**64): one
    compiled loop over the text (:func:`_word_hashes_loop`), or, without numba, taken from prefix
    sums over the whole text, a dozen numpy operations per text and none per word.
    """
    codes = code_points(text)
    loop = _loops()[0]
    if loop is not None:
        return loop(codes, _is_word_u8(), _P)  # type: ignore[no-any-return]
    return _word_hashes_numpy(codes)


def _word_hashes_numpy(codes: np.ndarray) -> np.ndarray:
    n = codes.size
    padded = np.zeros(n + 2, dtype=bool)
    padded[1:-1] = _is_word_table()[codes]
    edges = np.flatnonzero(padded[1:] != padded[:-1])  # start, end, start, end, ...
    if edges.size == 0:
        return np.zeros(0, dtype=np.uint64)
    starts, ends = edges[0::2], edges[1::2]
    pw, ipw = _power_tables(n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(np.multiply(codes, pw[:n], dtype=np.uint64), out=prefix[1:])
    return (prefix[ends] - prefix[starts]) * ipw[starts]


def _word_hashes_loop(codes, is_word, p):  # type: ignore[no-untyped-def]
    """:func:`word_hashes` of the folded code points, as one loop (compiled by :func:`_loops`)."""
    out = np.empty(codes.size // 2 + 1, dtype=np.uint64)
    k = 0
    h = np.uint64(0)
    pw = np.uint64(1)
    inside = False
    for i in range(codes.size):
        if is_word[codes[i]]:
            if not inside:
                inside = True
                h = np.uint64(0)
                pw = np.uint64(1)
            h += np.uint64(codes[i]) * pw
            pw *= p
        elif inside:
            inside = False
            out[k] = h
            k += 1
    if inside:
        out[k] = h
        k += 1
    return out[:k]


def _minhash_loop(shingles, a, b):  # type: ignore[no-untyped-def]
    """:func:`minhash`, as one loop (compiled by :func:`_loops`)."""
    out = np.empty(a.size, dtype=np.uint32)
    for j in range(a.size):
        m = np.uint64(0xFFFFFFFFFFFFFFFF)
        aj = a[j]
        bj = b[j]
        for x in shingles:
            v = (x * aj + bj) >> np.uint64(32)
            if v < m:
                m = v
        out[j] = m
    return out


def _signature_loop(raw, fold, is_word, p, mix, fmix, a, b, min_shingles):  # type: ignore[no-untyped-def]
    """(MinHash values as uint64, shingles) of a text's code points ``raw`` (not normalised): the
    folding of :func:`code_points`, the words of :func:`word_hashes`, the shingles of
    :func:`shingle_hashes` and the minima of :func:`minhash` in one loop (compiled by
    :func:`_loops`); no values when there are fewer than ``min_shingles`` shingles."""
    n = raw.size
    words = np.empty(n // 2 + 1, dtype=np.uint64)
    k = 0
    h = np.uint64(0)
    pw = np.uint64(1)
    inside = False
    for i in range(n):
        c = fold[raw[i]]
        if c == 0xFFFFFFFF:  # removed by normalisation: as if it were not there
            continue
        if is_word[c]:
            if not inside:
                inside = True
                h = np.uint64(0)
                pw = np.uint64(1)
            h += np.uint64(c) * pw
            pw *= p
        elif inside:
            inside = False
            words[k] = h
            k += 1
    if inside:
        words[k] = h
        k += 1
    m = k - 2
    hv = np.full(a.size, np.uint64(0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
    if m < min_shingles:
        return hv[:0], max(m, 0)
    s33 = np.uint64(33)
    s32 = np.uint64(32)
    for i in range(m):
        x = words[i] * mix[0] + words[i + 1] * mix[1] + words[i + 2] * mix[2]
        x ^= x >> s33
        x *= fmix[0]
        x ^= x >> s33
        x *= fmix[1]
        x ^= x >> s33
        for j in range(a.size):  # the inner loop over the permutations: vector instructions
            v = (x * a[j] + b[j]) >> s32
            if v < hv[j]:
                hv[j] = v
    return hv, m


@functools.cache
def _loops() -> tuple[Any, Any]:
    """(word hashes, minhash) compiled, or (None, None) without numba (the numpy code runs)."""
    from marsad.jit import njit

    return njit(_word_hashes_loop), njit(_minhash_loop)


@functools.cache
def _signature_kernel() -> Any:
    """:func:`_signature_loop` compiled, or None without numba."""
    from marsad.jit import njit

    return njit(_signature_loop)


def _band_loop(hv, mult, salt):  # type: ignore[no-untyped-def]
    """:meth:`BandIndex._band_keys`: band ``i`` is ``sum(hv[i * r + j] * mult[j]) ^ salt[i]`` (modulo 2**64)."""
    r = mult.size
    out = np.empty(salt.size, dtype=np.uint64)
    for i in range(salt.size):
        acc = np.uint64(0)
        for j in range(r):
            acc += np.uint64(hv[i * r + j]) * mult[j]
        out[i] = acc ^ salt[i]
    return out


@functools.cache
def _band_kernel() -> Any:
    """:func:`_band_loop` compiled, or None without numba."""
    from marsad.jit import njit

    return njit(_band_loop)


_MIX_ARRAY = np.array(_MIX, dtype=np.uint64)
_FMIX_ARRAY = np.array(_FMIX, dtype=np.uint64)


@functools.cache
def _is_word_u8() -> np.ndarray:
    return _is_word_table().astype(np.uint8)


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """Hashes of the word k-shingles of ``normalize(text)`` (one per position; duplicates kept)."""
    words = word_hashes(text)
    m = words.size - k + 1
    if m <= 0:
        return words[:0]
    acc = words[:m] * _MIX[0]
    for j in range(1, k):
        acc += words[j: m + j] * _MIX[j % len(_MIX)]
    return _fmix(acc)


def minhash(shingles: np.ndarray) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32 values) of a set of shingle hashes."""
    loop = _loops()[1]
    if loop is not None and shingles.size:
        return loop(shingles, _PERM_A, _PERM_B)  # type: ignore[no-any-return]
    perm = np.multiply.outer(shingles, _PERM_A)
    perm += _PERM_B
    perm >>= _U64(32)
    return perm.min(axis=0).astype(np.uint32)


@dataclass(slots=True)
class Signature:
    """What the LSH index needs of a MinHash (datasketch reads ``hashvalues`` and ``len``)."""

    hashvalues: np.ndarray
    size: int  # shingles of the text (positions: a repeated shingle counts each time)

    def __len__(self) -> int:
        return len(self.hashvalues)

    def jaccard(self, other: Signature) -> float:
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / len(self.hashvalues)

    def containment(self, other: Signature, jaccard: float) -> float:
        """Estimated share of the smaller set inside the larger one."""
        inter = jaccard / (1.0 + jaccard) * (self.size + other.size)
        return inter / max(1, min(self.size, other.size))


def signature(text: str) -> tuple[Signature | None, str | None]:
    """(signature, None) for a text long enough for MinHash, else (None, exact key).

    Speed: with numba, one compiled loop from the text's code points to the signature
    (:func:`_signature_loop`); the same values as the steps one by one (tested)."""
    kernel = _signature_kernel()
    if kernel is not None:
        raw = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        hv, size = kernel(raw, _fold_table(), _is_word_u8(), _P, _MIX_ARRAY, _FMIX_ARRAY, _PERM_A, _PERM_B, MIN_SHINGLES)
        if size >= MIN_SHINGLES:
            return Signature(hv.astype(np.uint32), int(size)), None
        return None, _exact_key(text)
    sh = shingle_hashes(text)
    if sh.size < MIN_SHINGLES:
        return None, _exact_key(text)
    return Signature(minhash(sh), int(sh.size)), None


def _exact_key(text: str) -> str | None:
    key = " ".join(normalize(text).split())
    return blake2b(key.encode("utf-8"), digest_size=12).hexdigest() if key else None


# ---------------------------------------------------------------------------------------------
# The LSH index
# ---------------------------------------------------------------------------------------------


# (threshold, num_perm) -> (b, r) that datasketch's MinHashLSH chooses (with its default weights):
# importing datasketch (and scipy.integrate, which it computes them with) costs ~0.16 s a run
# even when scipy is loaded already; a test checks every entry against datasketch
KNOWN_BAND_PARAMS: dict[tuple[float, int], tuple[int, int]] = {(0.4, 64): (16, 4), (0.5, 64): (14, 4)}


def band_params(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) of :class:`datasketch.MinHashLSH` for ``threshold`` and ``num_perm``."""
    known = KNOWN_BAND_PARAMS.get((threshold, num_perm))
    if known is not None:
        return known
    from datasketch import MinHashLSH

    params = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return params.b, params.r


class BandIndex:
    """A banded LSH index: the candidates of :class:`datasketch.MinHashLSH`, in far less memory.

    The same banding (``b`` bands of ``r`` values, as datasketch's MinHashLSH chooses them for the
    threshold) and so the same candidates, but each band of a signature is kept as one 64-bit int
    in one dict (a document id, or a list of them) instead of a bytes key and a set per band:
    ~1.5 kB per document instead of ~7 kB, and ~4x faster to query and fill. ``index="datasketch"``
    in :class:`Syndication` uses datasketch's MinHashLSH itself.
    """

    def __init__(self, threshold: float, num_perm: int = NUM_PERM) -> None:
        self.b, self.r = band_params(threshold, num_perm)
        rng = np.random.default_rng(SEED + 1)
        self._mult = rng.integers(1, 2**63, self.r, dtype=np.uint64) | _U64(1)
        self._salt = rng.integers(0, 2**63, self.b, dtype=np.uint64)
        self._table: dict[int, int | list[int]] = {}
        self._keys: dict[int, list[int]] = {}
        # the band keys of the signature last looked at (a query, then the insert of the same one)
        self._recent: tuple[Signature | None, list[int]] = (None, [])

    def _band_keys(self, sig: Signature) -> list[int]:
        recent, keys = self._recent
        if recent is sig:
            return keys
        kernel = _band_kernel()
        if kernel is not None:
            keys = kernel(sig.hashvalues, self._mult, self._salt).tolist()
        else:
            bands = sig.hashvalues[: self.b * self.r].astype(np.uint64).reshape(self.b, self.r)
            keys = ((bands * self._mult).sum(axis=1, dtype=np.uint64) ^ self._salt).tolist()
        self._recent = (sig, keys)
        return keys

    def query(self, sig: Signature) -> list[int]:
        table = self._table
        found: set[int] = set()
        for k in self._band_keys(sig):
            hit = table.get(k)
            if hit is None:
                continue
            if isinstance(hit, int):
                found.add(hit)
            else:
                found.update(hit)
        return sorted(found)

    def insert(self, key: int, sig: Signature, check_duplication: bool = False) -> None:
        table = self._table
        keys = self._band_keys(sig)
        self._keys[key] = keys
        for k in keys:
            hit = table.get(k)
            if hit is None:
                table[k] = key
            elif isinstance(hit, int):
                table[k] = [hit, key]
            else:
                hit.append(key)

    def remove(self, key: int) -> None:
        table = self._table
        keys = self._keys.pop(key, None)
        for k in keys if keys is not None else ():
            hit = table.get(k)
            if hit == key:
                del table[k]
            elif isinstance(hit, list) and key in hit:
                hit.remove(key)
                if len(hit) == 1:
                    table[k] = hit[0]

    def __len__(self) -> int:
        return len(self._keys)


# ---------------------------------------------------------------------------------------------
# The streaming pass
# ---------------------------------------------------------------------------------------------


def _event_key(ev: Event) -> tuple[Any, ...]:
    loc = ev.location
    place: Any = loc.geonameid if loc.geonameid else (round(loc.lat, 2), round(loc.lon, 2), loc.name)
    return (ev.event_type, ev.sub_event_type, place, ev.date)


def _source_name(record: Record) -> str:
    if record.source:
        return record.source
    if record.url:
        host = urlsplit(record.url).hostname
        if host:
            return host.removeprefix("www.")
    return record.doc_id


@dataclass(slots=True)
class _Cluster:
    root_id: str
    root_pub: date | None
    root_index: int
    size: int = 1
    # event key -> (canonical event, input index of the record it belongs to)
    events: dict[tuple[Any, ...], tuple[Event, int]] = field(default_factory=dict)


@dataclass(slots=True)
class DedupStats:
    documents: int = 0
    compared: int = 0  # documents that were looked up (no error, some text)
    copies: int = 0  # documents marked syndicated_of
    clusters: int = 0  # clusters with at least one copy
    duplicate_events: int = 0  # events of copies marked duplicate_of
    claims_added: int = 0  # media claims added to a cluster's event
    claims_late: int = 0  # ... that could not be added: that event's record was written already
    seconds: float = 0.0


@dataclass(slots=True)
class SyndicatedRecord(Record):
    """A record whose events may carry ``duplicate_of`` (event id -> id of the cluster's event)."""

    duplicate_of: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = Record.to_dict(self)
        if self.duplicate_of:
            for ev in out["events"]:
                dup = self.duplicate_of.get(ev.get("id", ""))
                if dup:
                    ev["duplicate_of"] = dup
        return out


_RECORD_FIELDS = tuple(f.name for f in fields(Record))


class Syndication:
    """The state of one streaming pass: call :meth:`add` on each record in input order."""

    def __init__(self, *, threshold: float = THRESHOLD, containment: float = CONTAINMENT,
                 lsh_threshold: float = LSH_THRESHOLD, max_docs: int = MAX_DOCS, index: str = "compact") -> None:
        self.threshold = threshold
        self.containment = containment
        self.max_docs = max_docs
        self._lsh: Any
        if index == "datasketch":
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=min(lsh_threshold, threshold), num_perm=NUM_PERM)
        elif index == "compact":
            self._lsh = BandIndex(min(lsh_threshold, threshold), NUM_PERM)
        else:
            raise ValueError(f"index is 'compact' or 'datasketch', not {index!r}")
        self._sigs: dict[int, Signature] = {}
        self._exact: dict[str, int] = {}
        self._exact_of: dict[int, str] = {}
        self._cluster: dict[int, _Cluster] = {}
        self._order: deque[int] = deque()
        self._n = 0
        self.written = -1  # records up to this input index have been written (set by the caller)
        self.stats = DedupStats()
        self.last_match: tuple[int, float] | None = None  # (input index, Jaccard) of the last match, for diagnostics

    # -- public -------------------------------------------------------------------------------

    def add(self, record: Record) -> Record:
        """Mark ``record`` (the next one in input order); returns it, or a SyndicatedRecord."""
        idx = self._n
        self._n += 1
        self.stats.documents += 1
        if record.error is not None or not record.text or record.text.isspace():
            return record
        self.stats.compared += 1
        sig, exact = signature(record.text)
        pub = _published(record)
        cluster = self._find(idx, sig, exact)
        if cluster is None:
            cluster = _Cluster(record.doc_id, pub, idx)
            self._register_events(cluster, record, idx)
        else:
            cluster.size += 1
            if cluster.size == 2:
                self.stats.clusters += 1
            self.stats.copies += 1
            record.flags["syndicated_of"] = cluster.root_id
            record = self._merge_events(cluster, record, idx)
        self._index(idx, sig, exact, cluster)
        return record

    # -- internals ----------------------------------------------------------------------------

    def _find(self, idx: int, sig: Signature | None, exact: str | None) -> _Cluster | None:
        found: list[tuple[_Cluster, int, float]] = []
        if sig is None:
            if exact is not None and exact in self._exact:
                key = self._exact[exact]
                found.append((self._cluster[key], key, 1.0))
        else:
            root_ok: dict[int, bool] = {}
            for key in sorted(self._lsh.query(sig)):
                other = self._sigs[key]
                j = sig.jaccard(other)
                if j >= self.threshold or (j >= MIN_JACCARD_CONTAINED and sig.containment(other, j) >= self.containment):
                    cluster = self._cluster[key]
                    # no drift along chains of copies (one template, many different stories): the
                    # original itself must still be close
                    ok = root_ok.get(cluster.root_index)
                    if ok is None:
                        root_sig = self._sigs.get(cluster.root_index)
                        ok = root_sig is None or key == cluster.root_index or sig.jaccard(root_sig) >= MIN_ROOT_JACCARD
                        root_ok[cluster.root_index] = ok
                    if ok:
                        found.append((cluster, key, j))
        if not found:
            self.last_match = None
            return None
        best = min(found, key=lambda f: (f[0].root_pub is None, f[0].root_pub or date.min, f[0].root_index, -f[2]))
        self.last_match = (best[1], best[2])
        return best[0]

    def _index(self, idx: int, sig: Signature | None, exact: str | None, cluster: _Cluster) -> None:
        if sig is None and exact is None:
            return
        self._cluster[idx] = cluster
        if sig is not None:
            self._lsh.insert(idx, sig, check_duplication=False)
            self._sigs[idx] = sig
        elif exact is not None:
            self._exact.setdefault(exact, idx)
            self._exact_of[idx] = exact
        self._order.append(idx)
        while len(self._order) > self.max_docs:
            old = self._order.popleft()
            self._cluster.pop(old, None)
            if self._sigs.pop(old, None) is not None:
                self._lsh.remove(old)
            key = self._exact_of.pop(old, None)
            if key is not None and self._exact.get(key) == old:
                del self._exact[key]

    def _register_events(self, cluster: _Cluster, record: Record, idx: int) -> None:
        for ev in record.events:
            cluster.events.setdefault(_event_key(ev), (ev, idx))

    def _merge_events(self, cluster: _Cluster, record: Record, idx: int) -> Record:
        dup: dict[str, str] = {}
        name = _source_name(record)
        for ev in record.events:
            key = _event_key(ev)
            hit = cluster.events.get(key)
            if hit is None:
                cluster.events[key] = (ev, idx)
                continue
            canon, owner = hit
            if canon.id and ev.id:
                dup[ev.id] = canon.id
            self.stats.duplicate_events += 1
            if any(c.source_kind == "media" and c.source_name == name for c in canon.claims):
                continue
            if owner <= self.written:
                self.stats.claims_late += 1
                continue
            canon.claims.append(Claim(source_text=name, source_name=name, source_kind="media",
                                      channel=record.url or record.doc_id, stance="asserts"))
            self.stats.claims_added += 1
        if not dup:
            return record
        return SyndicatedRecord(**{f: getattr(record, f) for f in _RECORD_FIELDS}, duplicate_of=dup)


def _published(record: Record) -> date | None:
    if not record.published:
        return None
    try:
        return date.fromisoformat(record.published[:10])
    except ValueError:
        return None


def mark_syndicated(
    stream: Iterable[tuple[Record, dict[str, float]]], *, hold: int = HOLD, syndication: Syndication | None = None,
) -> Iterator[tuple[Record, dict[str, float]]]:
    """The same ``(record, timings)`` stream, in the same order, with copies marked and merged.

    Each record is yielded once ``hold`` later records have been seen (and all at the end), so that
    the claims of its events can still grow. ``timings["dedup"]`` is the time spent on it.
    """
    import time

    syn = syndication or Syndication()
    clock = time.perf_counter
    pending: deque[tuple[Record, dict[str, float]]] = deque()
    for record, timings in stream:
        t0 = clock()
        marked = syn.add(record)
        dt = clock() - t0
        syn.stats.seconds += dt
        timings = dict(timings)
        timings["dedup"] = dt
        pending.append((marked, timings))
        while len(pending) > hold:
            syn.written += 1
            yield pending.popleft()
    while pending:
        syn.written += 1
        yield pending.popleft()


__all__ = [
    "DedupStats",
    "Signature",
    "SyndicatedRecord",
    "Syndication",
    "mark_syndicated",
    "minhash",
    "shingle_hashes",
    "signature",
    "word_hashes",
]
