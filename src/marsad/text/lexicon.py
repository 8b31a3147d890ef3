"""Clitic-aware dictionary matching over normalised text (pyahocorasick).

A dictionary maps surface forms (words or multi-word names) to payloads. Keys are normalised
(:mod:`marsad.text.normalize`) and stored without the article of their first word, so one key
serves "الخرطوم", "خرطوم", "بالخرطوم" and "والخرطوم". A hit is kept only when

- it ends at a word end (or anywhere inside a word for keys written with a trailing ``*``,
  e.g. ``اشتباك*`` for اشتباكات / اشتباكا), and keys written with a leading ``!`` (verbs,
  e.g. ``!قتل``) never take the article, so "القتل" (killing, the noun) is not "قتل" (killed), and
- what stands before it inside the same word is a valid run of proclitics: an optional
  conjunction (و ف), an optional preposition (ب ل ك), an optional article (ال), with
  ل + ال contracted to لل. Keys whose dictionary form carries the article require it
  (or its contracted form), so "رقة" (softness) does not match "الرقة".

The clitic inventory is read from ``data/ar/proclitics.json``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

import ahocorasick

from marsad import resources
from marsad.text import lexicon_scan
from marsad.text.normalize import normalize

T = TypeVar("T")
_new_tuple = tuple.__new__


class LexMatch(NamedTuple, Generic[T]):
    """A dictionary hit, in normalised offsets.

    ``start``/``end`` cover the dictionary word itself (clitics excluded); ``word_start`` is
    where the whole word, clitics included, begins. A named tuple, not a dataclass: matching
    makes many, and a tuple is made five times faster (``tuple.__new__``).
    """

    start: int
    end: int
    word_start: int
    key: str
    payload: T


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    payload: T
    needs_article: bool
    open_end: bool
    article_ok: bool = True

    def __reduce__(self) -> tuple[type[_Entry[T]], tuple[T, bool, bool, bool]]:
        # pickled as the constructor's arguments (the gazetteer's cache holds ~40,000 entries)
        return _Entry, (self.payload, self.needs_article, self.open_end, self.article_ok)


@cache
def _prefix_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(prefixes allowed before a key that has no article, prefixes that contain the article)."""
    spec = resources.json_resource("ar/proclitics.json")
    conj = [""] + [normalize(c) for c in spec["conjunctions"]]
    prep = [""] + [normalize(p) for p in spec["prepositions"]]
    art = normalize(spec["article"])
    contracted = {normalize(k): normalize(v) for k, v in spec["contracted_article"].items()}
    bare: set[str] = set()
    with_article: set[str] = set()
    for c in conj:
        for p in prep:
            bare.add(c + p)
            if p in contracted:
                with_article.add(c + contracted[p])
            else:
                with_article.add(c + p + art)
    return frozenset(bare), frozenset(with_article)


@cache
def _scan_code() -> bytes:
    """The compiled scan's source (its tables are cached keyed by it)."""
    return Path(lexicon_scan.__file__).read_bytes()


CACHED_KEYS = 200  # a lexicon of this many keys or more has its scan tables cached on disk
SCAN_CACHE_FILES = 64  # the scan tables kept on disk: those used last


def _cached_tables(keys: Sequence[str], masks: Sequence[int]) -> lexicon_scan.ScanTables | None:
    """``lexicon_scan.build_tables(keys, masks)``, cached under ``cache_dir()/scan/``, keyed by
    the keys, their masks and the scan's code; a file is touched when used, and beyond
    ``SCAN_CACHE_FILES`` files the ones used longest ago are removed (edited lexicons do not pile
    up)."""
    h = hashlib.blake2b(digest_size=12)
    h.update("\n".join(keys).encode("utf-8", "surrogatepass"))
    h.update(repr((list(masks), lexicon_scan.DENSE_ENTRIES)).encode())
    h.update(_scan_code())
    name = f"scan/{h.hexdigest()}.pkl"
    tables = resources.cached_pickle(name, lambda: lexicon_scan.build_tables(keys, masks),
                                     (lexicon_scan.ScanTables, type(None)))
    folder = resources.cache_dir() / "scan"
    with contextlib.suppress(OSError):
        os.utime(resources.cache_dir() / name)
        files = sorted(folder.glob("*.pkl"), key=lambda f: f.stat().st_mtime_ns)
        for old in files[: max(0, len(files) - SCAN_CACHE_FILES)]:
            old.unlink()
    return tables


@cache
def _scan_prefixes() -> lexicon_scan.Prefixes:
    """The proclitics for the compiled scan; its table of every code point takes ~0.2 s to
    build, so it is cached on disk (keyed by the proclitics, the Unicode version and the code)."""
    bare, with_article = _prefix_sets()
    h = hashlib.blake2b(digest_size=10)
    h.update(repr((sorted(bare), sorted(with_article), unicodedata.unidata_version)).encode())
    h.update(Path(lexicon_scan.__file__).read_bytes())
    return resources.cached_pickle(f"proclitics-{h.hexdigest()}.pkl",
                                   lambda: lexicon_scan.build_prefixes(bare, with_article), lexicon_scan.Prefixes)


@cache
def _article() -> str:
    return normalize(resources.json_resource("ar/proclitics.json")["article"])


@cache
def _proclitic_prefixes() -> tuple[frozenset[str], frozenset[str]]:
    """(every prefix of :func:`_prefix_sets`, those that contain the article but are not "لل")."""
    bare, with_article = _prefix_sets()
    return bare | with_article, frozenset(p for p in with_article if not p.endswith("لل"))


def strip_article(norm_word: str) -> tuple[str, bool]:
    """``("خرطوم", True)`` for ``"الخرطوم"``; words too short to carry an article are kept."""
    art = _article()
    if norm_word.startswith(art) and len(norm_word) - len(art) >= 2:
        return norm_word[len(art):], True
    return norm_word, False


def strip_proclitics(norm_word: str) -> list[str]:
    """Candidate bases of one normalised word, longest first: وبالقصف -> [وبالقصف, بالقصف, القصف, قصف]."""
    prefixes, article_in = _proclitic_prefixes()
    art = _article()
    n_art = len(art)
    out = [norm_word]
    for k in range(1, min(len(norm_word) - 1, 5)):
        pre = norm_word[:k]
        if pre in prefixes:
            rest = norm_word[k:]
            out.append(rest)
            if pre in article_in:
                continue
            if rest.startswith(art) and len(rest) - n_art >= 2:  # strip_article(rest)
                out.append(rest[n_art:])
    return list(dict.fromkeys(out)) if len(out) > 2 else out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def entry_key(surface: str) -> tuple[str, bool]:
    """The dictionary key of a name as written (normalised, its first word without the article)
    and whether it had the article; ``("", False)`` for an empty name."""
    words = normalize(surface).split()
    if not words:
        return "", False
    first, had_article = strip_article(words[0])
    return " ".join([first, *words[1:]]), had_article


class Lexicon(Generic[T]):
    """A compiled dictionary. Build once (it is immutable after ``compile``), match many texts."""

    def __init__(self, min_key_chars: int = 2) -> None:
        # pyahocorasick's automaton of the keys, built when first needed: only the Python path
        # (no numba, or a key outside the BMP) uses it
        self._automaton: ahocorasick.Automaton | None = None
        self._entries: dict[str, list[_Entry[T]]] = {}
        self._min = min_key_chars
        self._compiled = False
        # for the compiled scan (lexicon_scan): the keys by id, and per key the payloads that a hit
        # keeps by (ends at a word end) * 2 + (its prefix holds the article)
        self._keys: list[str] = []
        self._kept: list[tuple[tuple[T, ...], ...]] = []
        self._tables: lexicon_scan.ScanTables | None = None

    def add(self, surface: str, payload: T) -> None:
        if self._compiled:
            raise RuntimeError("Lexicon is already compiled")
        open_end = surface.endswith("*")
        article_ok = not surface.startswith("!")  # "!قتل": a verb, never with the article
        key, had_article = entry_key(surface.lstrip("!").rstrip("*"))
        if not key or len(key.replace(" ", "")) < self._min:
            return
        entry = _Entry(payload, had_article, open_end, article_ok)
        bucket = self._entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    def add_all(self, items: Iterable[tuple[str, T]]) -> None:
        for surface, payload in items:
            self.add(surface, payload)

    def compile(self) -> Lexicon[T]:
        """Ready the lexicon for matching. The compiled scan's automaton of a lexicon of
        ``CACHED_KEYS`` keys or more is cached on disk (:func:`_cached_tables`): building it takes
        ~50 ms for a few thousand keys, at every start of a program."""
        self._keys = list(self._entries)
        self._kept = [tuple(tuple(e.payload for e in self._entries[key] if _keeps(e, bool(closed), bool(article)))
                            for closed in (0, 1) for article in (0, 1)) for key in self._keys]
        masks = [sum(1 << i for i, kept in enumerate(combos) if kept) for combos in self._kept]
        if len(self._keys) >= CACHED_KEYS:
            self._tables = _cached_tables(self._keys, masks)
        else:
            self._tables = lexicon_scan.build_tables(self._keys, masks)
        self._compiled = True
        if self._tables is None or not lexicon_scan.COMPILED:
            self._pyahocorasick()
        return self

    def _pyahocorasick(self) -> ahocorasick.Automaton:
        automaton = self._automaton
        if automaton is None:
            automaton = ahocorasick.Automaton()
            for key, bucket in self._entries.items():
                # the value carries whether any entry may end inside a word ("قصف*"): most may not,
                # and a hit that ends inside a word is then dropped before any other check
                automaton.add_word(key, (key, tuple(bucket), any(e.open_end for e in bucket)))
            if self._entries:
                automaton.make_automaton()
            self._automaton = automaton
        return automaton

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, surface: str) -> bool:
        first, _ = strip_article(normalize(surface))
        return first in self._entries

    def lookup(self, surface: str) -> tuple[T, ...]:
        """Payloads of a surface form given on its own (no clitic handling beyond the article)."""
        key, _ = entry_key(surface)
        return tuple(e.payload for e in self._entries.get(key, ())) if key else ()

    def iter_matches(self, norm: str, start: int = 0, end: int | None = None) -> Iterator[LexMatch[T]]:
        """All valid hits in ``norm[start:end]`` (overlapping ones included), by their end, then
        the longer key first."""
        return iter(self.matches(norm, start, end))

    def matches(self, norm: str, start: int = 0, end: int | None = None) -> list[LexMatch[T]]:
        """:meth:`iter_matches` as a list."""
        if self._tables is None or not lexicon_scan.COMPILED:
            return list(self._iter_matches_py(norm, start, end))
        return self._expand(self._rows(norm, start, end, False))

    def _rows(self, norm: str, start: int, end: int | None, select: bool) -> list[list[int]]:
        """The compiled scan's rows (``lexicon_scan.START .. CLOSED``) of ``norm[start:end]``."""
        assert self._tables is not None
        n = len(norm)
        if start < 0:
            start = 0
        stop = n if end is None or end > n else end
        if start >= stop:
            return []
        return lexicon_scan.run_scan(self._tables, _scan_prefixes(), norm, start, stop, select)

    def _expand(self, rows: list[list[int]]) -> list[LexMatch[T]]:
        """One hit per row and payload its entries keep."""
        keys, kept = self._keys, self._kept
        out: list[LexMatch[T]] = []
        for s, e, w, k, article, closed in rows:
            key = keys[k]
            for payload in kept[k][2 * closed + article]:
                out.append(_new_tuple(LexMatch, (s, e, w, key, payload)))
        return out

    def _iter_matches_py(self, norm: str, start: int = 0, end: int | None = None) -> Iterator[LexMatch[T]]:
        """:meth:`iter_matches` with pyahocorasick and the checks in Python (without numba; the
        tests check the compiled scan against it)."""
        if not self._entries:
            return
        n = len(norm)
        start = max(start, 0)
        stop = n if end is None or end > n else end
        if start >= stop:
            return
        bare, with_article = _prefix_sets()
        for last, (key, bucket, any_open) in self._pyahocorasick().iter(norm, start, stop):
            e = last + 1
            closed = e >= n or not norm[e].isalnum()  # _is_word_char, inlined (a hot loop)
            if not closed and not any_open:
                continue
            s = e - len(key)
            # the word's start, looking back at most 6 characters: a longer run of proclitics is no word
            w = s
            lo = s - 6 if s > 6 else 0
            while w > lo and norm[w - 1].isalnum():
                w -= 1
            if s - w > 5:
                continue
            prefix = norm[w:s]
            has_article = prefix in with_article
            if not has_article and prefix not in bare:
                continue
            for entry in bucket:
                if _keeps(entry, closed, has_article):
                    yield _new_tuple(LexMatch, (s, e, w, key, entry.payload))

    def find(self, norm: str, start: int = 0, end: int | None = None) -> list[LexMatch[T]]:
        """Non-overlapping hits, longest first then leftmost; one hit per span and payload."""
        if self._tables is None or not lexicon_scan.COMPILED:
            return _select(list(self._iter_matches_py(norm, start, end)))
        return self._expand(self._rows(norm, start, end, True))

    def find_grouped(self, norm: str, start: int = 0, end: int | None = None) -> list[tuple[LexMatch[T], tuple[T, ...]]]:
        """:meth:`find` by span: the first hit of each span and the payloads of all its hits."""
        if self._tables is None or not lexicon_scan.COMPILED:
            groups: dict[tuple[int, int], tuple[LexMatch[T], list[T]]] = {}
            for m in self.find(norm, start, end):
                groups.setdefault((m.start, m.end), (m, []))[1].append(m.payload)
            return [(m, tuple(payloads)) for m, payloads in groups.values()]
        keys, kept = self._keys, self._kept
        out: list[tuple[LexMatch[T], tuple[T, ...]]] = []
        for s, e, w, k, article, closed in self._rows(norm, start, end, True):
            payloads = kept[k][2 * closed + article]
            out.append((_new_tuple(LexMatch, (s, e, w, keys[k], payloads[0])), payloads))
        return out

    def find_spans(self, norm: str, spans: Sequence[tuple[int, int]]) -> list[list[LexMatch[T]]]:
        """:meth:`find` of each of ``spans`` (in order, not overlapping: the sentences of a
        document), from one pass over the text instead of one per span."""
        out: list[list[LexMatch[T]]] = [[] for _ in spans]
        if not spans or not self._entries:
            return out
        starts = [a for a, _ in spans]
        if any(spans[i][1] > starts[i + 1] for i in range(len(spans) - 1)):
            return [self.find(norm, a, b) for a, b in spans]  # out of order or overlapping
        if self._tables is not None and lexicon_scan.COMPILED:
            keys, kept = self._keys, self._kept
            rows, span_of = lexicon_scan.run_scan_spans(self._tables, _scan_prefixes(), norm, starts,
                                                        [b for _, b in spans])
            for (s, e, w, k, article, closed), i in zip(rows, span_of, strict=True):
                key = keys[k]
                hits = out[i]
                for payload in kept[k][2 * closed + article]:
                    hits.append(_new_tuple(LexMatch, (s, e, w, key, payload)))
            return out
        return self._find_spans_py(norm, spans)

    def _find_spans_py(self, norm: str, spans: Sequence[tuple[int, int]]) -> list[list[LexMatch[T]]]:
        """:meth:`find_spans` of spans in order, not overlapping, with pyahocorasick and the checks
        in Python (without numba; the tests and ``bench/bench_places.py`` compare the compiled scan
        with it)."""
        out: list[list[LexMatch[T]]] = [[] for _ in spans]
        if not spans:
            return out
        starts = [a for a, _ in spans]
        for m in self._iter_matches_py(norm, starts[0], max(b for _, b in spans)):
            i = bisect_right(starts, m.start) - 1
            if i >= 0 and m.end <= spans[i][1]:
                out[i].append(m)
        return [_select(hits) if len(hits) > 1 else hits for hits in out]


def _keeps(entry: _Entry[T], closed: bool, has_article: bool) -> bool:
    """Whether a hit of ``entry``'s key keeps it: it ends at a word end (``closed``) unless the
    entry is open-ended, and the article stands before it if (and only if) the entry allows it."""
    if not closed and not entry.open_end:
        return False
    if entry.needs_article and not has_article:
        return False
    return not (has_article and not entry.article_ok)


def _select(hits: list[LexMatch[T]]) -> list[LexMatch[T]]:
    """Non-overlapping hits, longest first then leftmost; one hit per span and payload."""
    hits.sort(key=lambda m: (-(m.end - m.start), m.start))
    if len(hits) < 2:
        return hits
    # characters already covered by a kept hit (a hit on the very same span is kept too)
    spans: set[tuple[int, int]] = set()
    base = min(m.start for m in hits)
    covered = bytearray(max(m.end for m in hits) - base)
    out: list[LexMatch[T]] = []
    for m in hits:
        span = (m.start, m.end)
        if span in spans:
            out.append(m)
        elif 1 not in covered[m.start - base:m.end - base]:
            spans.add(span)
            covered[m.start - base:m.end - base] = b"\x01" * (m.end - m.start)
            out.append(m)
    out.sort(key=lambda m: m.start)
    return out
