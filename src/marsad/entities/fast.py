"""A fast, exact tagger for the NER model: the CRF's scores cached per word, batched Viterbi.

The CRF of :mod:`marsad.entities.ner` is linear: the score of label ``y`` at token ``i`` is the
sum of the weights ``w[f, y]`` of the token's features, and the features are (see
:meth:`marsad.entities.features.Featurizer.sentence`) the word's own list, the neighbours'
lists at offsets -2, -1, +1, +2, and a few positional ones. The first two parts depend on one
word only, so this tagger sums their weights once per distinct word (five score vectors per word,
kept in a bounded cache) and, per document, only adds cached vectors (numpy, all sentences at
once) and looks up the positional features.

Decoding is crfsuite's Viterbi (same best path), run over all the sentences of a document at
once in numpy.

The weights are read from the crfsuite model file once and cached (pickled, keyed by the
model's hash) under :func:`marsad.resources.cache_dir`.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from marsad import resources
from marsad.entities import kernels, word_kernel
from marsad.entities.features import _OFFSETS, Featurizer
from marsad.entities.scoring import WordScorer
from marsad.entities.word_kernel import CompiledScorer, cands_of
from marsad.entities.word_rows import WordRows

# what the positional features use of a word: (-, -, clitic-stripped bases, normalised form),
# shaped as Featurizer._word's result
_Word = tuple[tuple[()], tuple[()], tuple[str, ...], str]


@dataclass(frozen=True)
class CrfWeights:
    """The weights of a crfsuite model: ``state[attribute index, label]`` and ``trans[from, to]``."""

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray
    trans: np.ndarray

    @classmethod
    def read(cls, model_path: str | Path) -> CrfWeights:
        """Read the weights of a crfsuite model file (slow: ~1 s; see :meth:`load`)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_path))
        info = tagger.info()
        labels = tuple(sorted(info.labels, key=lambda lab: int(info.labels[lab])))
        lidx = {lab: i for i, lab in enumerate(labels)}
        attributes: dict[str, int] = {}
        for attr, _ in info.state_features:
            attributes.setdefault(attr, len(attributes))
        state = np.zeros((len(attributes), len(labels)))
        for (attr, lab), w in info.state_features.items():
            state[attributes[attr], lidx[lab]] = w
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            trans[lidx[a], lidx[b]] = w
        tagger.close()
        return cls(labels, attributes, state, trans)

    @classmethod
    def load(cls, model_path: str | Path) -> CrfWeights:
        """The weights of a model file, from the cache when it has them."""
        digest = hashlib.blake2b(Path(model_path).read_bytes(), digest_size=12).hexdigest()
        return resources.cached_pickle(f"ner-weights-{digest}.pkl", lambda: cls.read(model_path), cls)


_KNOWN_DYNAMIC = ("ends", "bigrams", "gazetteer")
# the rows of the score table allocated at once (at most: the cache's size)
_TAB_ROWS = 1 << 20
# the attribute prefix of a neighbour's feature -> the offset's index in _OFFSETS
_NB_PREFIX = {"-2": 0, "-1": 1, "+1": 2, "+2": 3}


def _segment_sums(table: np.ndarray, idx: list[int], at: list[int]) -> np.ndarray:
    """Per segment ``idx[at[i]:at[i + 1]]`` (the last one to the end), the sum of the rows of
    ``table`` it lists, in order (zeros for an empty segment)."""
    ends = [*at, len(idx)]
    sums = np.add.reduceat(table[[*idx, 0]], ends, axis=0)[:-1]
    sums[np.diff(ends) == 0] = 0.0  # reduceat gives a row, not zeros, for an empty segment
    return sums


class _BigramIndex:
    """The model's word-pair features (``bg+=a|b`` on the first word, ``bg-=a|b`` on the second)
    as sorted integer keys ``id(a) * size + id(b)`` over a vocabulary of the words they use.

    An attribute whose words contain "|" splits in several ways; every split is indexed, and
    each gives back the same attribute string, so a lookup finds exactly the attribute that
    ``"bg+=" + a + "|" + b`` names.
    """

    def __init__(self, attributes: dict[str, int]) -> None:
        self.vocab: dict[str, int] = {}
        tables: dict[str, dict[int, int]] = {"bg+=": {}, "bg-=": {}}
        pairs: list[tuple[str, str, str, int]] = []
        for attr, index in attributes.items():
            head = attr[:4]
            if head not in tables:
                continue
            body = attr[4:]
            cut = body.find("|")
            while cut >= 0:
                a, b = body[:cut], body[cut + 1:]
                pairs.append((head, a, b, index))
                cut = body.find("|", cut + 1)
        for _, a, b, _ in pairs:
            self.vocab.setdefault(a, len(self.vocab))
            self.vocab.setdefault(b, len(self.vocab))
        self.size = max(len(self.vocab), 1)
        for head, a, b, index in pairs:
            tables[head][self.vocab[a] * self.size + self.vocab[b]] = index

        def arrays(table: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
            keys = np.array(sorted(table), dtype=np.int64)
            return keys, np.array([table[k] for k in keys.tolist()], dtype=np.intp)

        self.plus_keys, self.plus_attrs = arrays(tables["bg+="])
        self.minus_keys, self.minus_attrs = arrays(tables["bg-="])
        # both in one table (one search for a pair): the keys of either, and per key the
        # attribute of each (-1: none)
        self.keys = np.union1d(self.plus_keys, self.minus_keys)
        self.plus = np.full(len(self.keys), -1, dtype=np.intp)
        self.plus[np.searchsorted(self.keys, self.plus_keys)] = self.plus_attrs
        self.minus = np.full(len(self.keys), -1, dtype=np.intp)
        self.minus[np.searchsorted(self.keys, self.minus_keys)] = self.minus_attrs
        # the same keys in an open-addressing hash table for the compiled loop (one or two probes
        # a pair, not a binary search): slot_keys[h] (-1: empty) and its position in ``keys``
        self.bits = max(4, (4 * len(self.keys)).bit_length())
        self.slot_keys = np.full(1 << self.bits, -1, dtype=np.int64)
        self.slot_pos = np.full(1 << self.bits, -1, dtype=np.int64)
        mask = (1 << self.bits) - 1
        for x, key in enumerate(self.keys.tolist()):
            h = pair_slot(key, self.bits)
            while self.slot_keys[h] != -1:
                h = (h + 1) & mask
            self.slot_keys[h] = key
            self.slot_pos[h] = x


_GOLDEN = 0x9E3779B97F4A7C15  # Fibonacci hashing: 2**64 / the golden ratio


def pair_slot(key: int, bits: int) -> int:
    """The first slot of a pair's key in a table of ``2**bits`` slots (as the compiled loop
    computes it, in unsigned 64-bit arithmetic)."""
    return ((key * _GOLDEN) & 0xFFFFFFFFFFFFFFFF) >> (64 - bits)


@dataclass(frozen=True, slots=True)
class _GazWord:
    """What the gazetteer marks need of a word that starts gazetteer names: the kind of its best
    one-word name, and its longer names by their second word: per length, longest first, the
    kind of each name (the words after the first -> kind; of equal names, the first in base
    order), the order in which :meth:`Featurizer._gazetteer_marks` prefers them."""

    one: str | None
    multi: dict[str, list[tuple[int, dict[tuple[str, ...], str]]]]

    @classmethod
    def of(cls, hit: dict[str, list[tuple[int, tuple[str, ...]]]]) -> _GazWord | None:
        if not hit:
            return None
        ones = hit.get("", [])
        one = min(ones)[1][0] if ones else None
        multi: dict[str, list[tuple[int, dict[tuple[str, ...], str]]]] = {}
        for second, entries in hit.items():
            if not second:
                continue
            by_len: dict[int, dict[tuple[str, ...], str]] = {}
            for _, e in sorted(entries):  # base order: the first of equal names wins
                by_len.setdefault(len(e) - 1, {}).setdefault(e[1:], e[0])
            multi[second] = sorted(by_len.items(), reverse=True)
        return cls(one, multi)

    @classmethod
    def of_base(cls, entries: Sequence[tuple[str, ...]]) -> _GazWord | None:
        """The names of one first word (``Featurizer._gaz[base]``, in its order)."""
        return cls.of(_by_second(entries))

    @classmethod
    def merge(cls, parts: Sequence[_GazWord]) -> _GazWord:
        """The names of a word with several bases, ``parts`` in base order (what :meth:`of`
        gives for the word: the first base's names first)."""
        one = next((p.one for p in parts if p.one is not None), None)
        by_second: dict[str, dict[int, dict[tuple[str, ...], str]]] = {}
        for p in parts:
            for second, lengths in p.multi.items():
                mine = by_second.setdefault(second, {})
                for m, names in lengths:
                    d = mine.setdefault(m, {})
                    for rest, kind in names.items():
                        d.setdefault(rest, kind)
        return cls(one, {sec: sorted(d.items(), reverse=True) for sec, d in by_second.items()})


def _by_second(entries: Sequence[tuple[str, ...]]) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    hit: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for r, e in enumerate(entries):
        hit.setdefault(e[1] if len(e) > 1 else "", []).append((r, e))
    return hit


def _grown(a: np.ndarray, size: int, fill: int | bool) -> np.ndarray:
    """``a`` in an array of ``size`` entries, the new ones ``fill``."""
    out = np.full(size, fill, dtype=a.dtype)
    out[: len(a)] = a
    return out


class _Rows:
    """A growing int64 table of ``width`` columns. Rows are appended to a list (cheap, one at a
    time) and moved into the array when it is read (``view()``: the rows so far), with amortised
    doubling."""

    def __init__(self, width: int) -> None:
        self._a = np.zeros((64, width), dtype=np.int64)
        self._n = 0
        self._pending: list[Sequence[int]] = []

    def __len__(self) -> int:
        return self._n + len(self._pending)

    def append(self, row: Sequence[int]) -> None:
        self._pending.append(row)

    def extend(self, values: Sequence[int]) -> None:
        """Rows of one value each (a one-column table)."""
        self._pending.extend([(v,) for v in values])

    def view(self) -> np.ndarray:
        if self._pending:
            rows = np.array(self._pending, dtype=np.int64).reshape(len(self._pending), self._a.shape[1])
            self._pending = []
            stop = self._n + len(rows)
            if stop > len(self._a):
                grown = np.zeros((max(stop, 2 * len(self._a)), self._a.shape[1]), dtype=np.int64)
                grown[: self._n] = self._a[: self._n]
                self._a = grown
            self._a[self._n: stop] = rows
            self._n = stop
        return self._a[: self._n]


class FastTagger:
    """Tags sentences with a CRF's weights and the featurizer the model was trained with."""

    def __init__(self, weights: CrfWeights, featurizer: Featurizer, cache_size: int = 300_000,
                 jit: bool = True) -> None:
        self.w = weights
        # the compiled loops (:mod:`marsad.entities.kernels`; None: numpy throughout)
        self._jit = kernels.load() if jit else None
        self._offsets = np.asarray(_OFFSETS, dtype=np.intp)
        self.featurizer = featurizer
        self.labels = weights.labels
        L = len(self.labels)
        self._cap = cache_size
        # per cached word: its row in the score tables; per row, what positional features need of
        # the word (for :meth:`Featurizer.dynamic`, when the tagger does not vectorise them)
        self._row: dict[str, int] = {}
        # the same, compiled, for the lookup of a batch's tokens (None: the dictionary's)
        self._word_rows = WordRows() if self._jit is not None and WordRows.usable() else None
        self._slim: list[_Word] = []
        # per cached word: its own score vector, then its score as the neighbour at each offset
        # of _OFFSETS, side by side (a token and its neighbours read one block of memory each)
        # (np.zeros at the cap's size: the pages are mapped as rows are written, and a growing
        # table is never copied)
        self._tab = np.zeros((max(1024, min(cache_size, _TAB_ROWS)), 1 + len(_OFFSETS), L))
        # the positional features, vectorised when the featurizer yields only the families
        # known here (else through Featurizer.dynamic, one feature at a time)
        self._vectorised = tuple(getattr(featurizer, "DYNAMIC", ())) == _KNOWN_DYNAMIC
        # the neighbour features: the view feature f of a word (Featurizer.parts) is the attribute
        # "-2" + f on the token two after it, and so on; per view feature, its four score vectors
        self._nb_feature: dict[str, int] = {}
        blocks: list[np.ndarray] = []
        for attr, a in weights.attributes.items():
            k = _NB_PREFIX.get(attr[:2])
            if k is not None:
                row = self._nb_feature.setdefault(attr[2:], len(blocks))
                if row == len(blocks):
                    blocks.append(np.zeros((len(_OFFSETS), L)))
                blocks[row][k] = weights.state[a]
        self._nb_vec = np.stack(blocks) if blocks else np.zeros((0, len(_OFFSETS), L))
        self._bigrams = _BigramIndex(weights.attributes)
        self._compiled: CompiledScorer | None = None  # see _compiled_scorer
        # per cached word: its id in the bigram vocabulary (-1: in no bigram of the model) and
        # the id of its gazetteer entries (-1: none; see _gaz_id)
        self._vid = np.full(1024, -1, dtype=np.int64)
        self._gwid = np.full(1024, -1, dtype=np.int64)
        self._gws: list[_GazWord] = []  # by id
        self._gw_ids: dict[tuple[str, ...], int] = {}  # the bases of a word that start names -> id
        ends = ("BOS", "-2:BOS", "EOS", "+2:EOS")
        self._ends = {f: weights.state[weights.attributes[f]] for f in ends if f in weights.attributes}
        # the same as arrays, for the compiled loop: a row per name, and whether the model has it
        self._ends_vec = np.array([self._ends.get(f, np.zeros(L)) for f in ends]).reshape(len(ends), L)
        self._ends_on = np.array([f in self._ends for f in ends])
        # gazetteer marks ("S"/"B"/"I" + kind) by id, and their score vectors as the features
        # "-1g<mark>", "0g<mark>", "1g<mark>"
        kinds = sorted({e[0] for es in featurizer._gaz.values() for e in es})
        mark_names = [p + k for p in "SBI" for k in kinds]
        self._mark_id = {m: i for i, m in enumerate(mark_names)}
        self._mark_vec = np.zeros((3, max(len(mark_names), 1), L))
        for r, rel in enumerate((-1, 0, 1)):
            for m, i in self._mark_id.items():
                a = weights.attributes.get(f"{rel}g{m}")
                if a is not None:
                    self._mark_vec[r, i] = weights.state[a]
        self._one_mark = np.full(1024, -1, dtype=np.intp)
        self._norm: list[str] = []  # per cached word: its normalised form
        # the pairs (id of the gazetteer entries of a word that starts longer names, id in _rest_id
        # of the second word of one of them) as the integers entries * len(_rest_id) + id
        self._pairs: set[int] = set()
        # per cached word: the id of its shortest clitic-free form (a name's key: see ``key_text``)
        self._kid = np.zeros(1024, dtype=np.int64)
        self._key_ids: dict[str, int] = {}
        self._key_text: list[str] = []
        self._key_len = _Rows(1)  # per key id, the length of its text (filled by key_lengths)
        self._gaz_base: dict[str, _GazWord | None] = {}  # per first word of gazetteer names met
        self._has_multi = np.zeros(1024, dtype=bool)
        # names of several words: per cached word, its id among the words after the first of such
        # names (-1: none); and, for the compiled match, per id of gazetteer entries (see
        # _gaz_id), its names of several words as rows of _names (second word's id, words after the
        # first, B- mark, I- mark, where their word ids start in _name_words), rows _name_at[id] to
        # _name_at[id + 1], by second word's id, each second word's names longest first (the order
        # _GazWord.multi tries)
        rest_words = sorted({w for es in featurizer._gaz.values() for e in es for w in e[1:]})
        self._rest_id = {w: i for i, w in enumerate(rest_words)}
        self._nwid = np.full(1024, -1, dtype=np.int64)
        self._names = _Rows(5)
        self._name_words = _Rows(1)
        self._name_at = _Rows(1)
        self._name_at.append([0])

    # ------------------------------------------------------------------ per word
    def _rows_of(self, toks: Sequence[str]) -> np.ndarray:
        """Cache rows of the tokens; the words not cached yet are scored together (one numpy
        reduction for all of them: a new word costs a few dictionary lookups, not numpy calls)."""
        n = len(toks)
        rows = self._word_rows.rows(toks) if self._word_rows is not None else None
        if rows is None:
            rows = np.fromiter(map(self._row.get, toks, repeat(-1, n)), dtype=np.intp, count=n)
        if n and rows.min() < 0:
            miss = np.flatnonzero(rows < 0)
            miss_toks = [toks[i] for i in miss.tolist()]
            missing = list(dict.fromkeys(miss_toks))
            if len(self._row) + len(missing) > self._cap:
                self._shrink(self._cap // 2)  # the rows found may be gone: look all up again
                self._add(list(dict.fromkeys(t for t in toks if t not in self._row)))
                return np.fromiter(map(self._row.__getitem__, toks), dtype=np.intp, count=n)
            self._add(missing)
            rows[miss] = [self._row[t] for t in miss_toks]
        return rows

    def _shrink(self, keep: int) -> None:
        """Bounded memory: keep the ``keep`` words cached first. Rows are given in order of first
        sight, and the common words of a language are met first, so these are the ones worth
        keeping (the others are rare: most were seen once). The kept rows stay where they are."""
        self._row = {t: r for t, r in self._row.items() if r < keep}
        if self._word_rows is not None:
            self._word_rows = WordRows()
            self._word_rows.add(list(self._row), list(self._row.values()))
        del self._slim[keep:]
        del self._norm[keep:]
        if len(self._key_text) > self._cap:  # renumber the keys of the kept words
            texts = [self._key_text[k] for k in self._kid[:keep].tolist()]
            self._key_ids, self._key_text, self._key_len = {}, [], _Rows(1)
            self._kid[:keep] = [self._key_id(t) for t in texts]

    def _key_id(self, key: str) -> int:
        k = self._key_ids.get(key)
        if k is None:
            k = self._key_ids[key] = len(self._key_text)
            self._key_text.append(key)
        return k

    def key_lengths(self) -> np.ndarray:
        """The length of the text of every key id so far (:meth:`key_text`), as an array."""
        have = len(self._key_len)
        if have < len(self._key_text):
            self._key_len.extend([len(t) for t in self._key_text[have:]])
        return self._key_len.view()[:, 0]

    def key_text(self, key_id: int) -> str:
        """The name key of an id of :meth:`labels`' ``keys``."""
        return self._key_text[key_id]

    def _add(self, words: Sequence[str]) -> None:
        L = len(self.labels)
        start = len(self._row)
        stop = start + len(words)
        if stop > len(self._tab):
            tab = np.zeros((max(stop, min(2 * len(self._tab), self._cap)), 1 + len(_OFFSETS), L))
            tab[: len(self._tab)] = self._tab
            self._tab = tab
        if stop > len(self._vid):
            size = max(stop, min(2 * len(self._vid), self._cap))  # no more rows than the cap needs
            self._vid = _grown(self._vid, size, -1)
            self._one_mark = _grown(self._one_mark, size, -1)
            self._has_multi = _grown(self._has_multi, size, False)
            self._kid = _grown(self._kid, size, 0)
            self._gwid = _grown(self._gwid, size, -1)
            self._nwid = _grown(self._nwid, size, -1)
        k = len(words)
        compiled = self._compiled_scorer()
        if compiled is not None:  # scores, normal forms, bigram and rest ids, gazetteer firsts at once
            sc = compiled.score(words)
            own_idx, own_at, nb_idx, nb_at, norms = sc.own, sc.own_at, sc.view, sc.view_at, sc.norms
            vid, nwid = sc.maps[:, 0], sc.maps[:, 1]
            keys = sc.base()
            ids = [-1] * k
            for i in np.flatnonzero(sc.sets[:, 0]).tolist():
                ids[i] = self._gaz_id(sc.cands(i))
            cands = cands_of(sc) if not self._vectorised else []
        else:
            own_idx, own_at, nb_idx, nb_at, cands, norms = self._scorer.score(words)
            vocab, rest = self._bigrams.vocab.get, self._rest_id.get
            vid = [vocab(w, -1) for w in norms]
            nwid = [rest(w, -1) for w in norms]
            keys = [c[-1] for c in cands]
            firsts = self.featurizer._gaz.keys()  # the first words of gazetteer names
            ids = [-1 if firsts.isdisjoint(c) else self._gaz_id(c) for c in cands]
        self._tab[start:stop, 0] = self._sums(self.w.state, own_idx, own_at)
        nb_vec = self._nb_vec.reshape(len(self._nb_vec), -1)
        self._tab[start:stop, 1:] = self._sums(nb_vec, nb_idx, nb_at).reshape(k, len(_OFFSETS), L)
        if not self._vectorised:
            del self._slim[start:]
            self._slim.extend(((), (), c, w) for c, w in zip(cands, norms, strict=True))
        del self._norm[start:]
        self._norm.extend(norms)
        self._row.update(zip(words, range(start, stop), strict=True))
        if self._word_rows is not None:
            self._word_rows.add(words, np.arange(start, stop))
        self._vid[start:stop] = vid
        self._nwid[start:stop] = nwid
        kid = list(map(self._key_ids.get, keys))
        if None in kid:
            kid = [self._key_id(t) if k is None else k for t, k in zip(keys, kid, strict=True)]
        self._kid[start:stop] = kid
        self._gwid[start:stop] = ids
        gws, mark_id = self._gws, self._mark_id
        self._one_mark[start:stop] = [-1 if i < 0 or not gws[i].one else mark_id["S" + str(gws[i].one)] for i in ids]
        self._has_multi[start:stop] = [i >= 0 and bool(gws[i].multi) for i in ids]

    def _compiled_scorer(self) -> CompiledScorer | None:
        """The compiled scorer of new words (built on first use; None without the kernels, or
        for a featurizer the compiled scorer does not follow)."""
        feat = self.featurizer
        if self._compiled is None and self._jit is not None and WordScorer.follows(feat) and word_kernel.available():
            maps, sets = [self._bigrams.vocab, self._rest_id], [feat._gaz.keys()]

            def build() -> CompiledScorer:
                return CompiledScorer(self._scorer, maps, sets)

            if type(feat) is Featurizer:  # cached on disk: the Python scorer (~0.3 s) and the table (~0.3 s)
                key = word_kernel.fingerprint(feat, self.w.attributes, self._nb_feature, maps, sets)
                self._compiled = resources.cached_pickle(f"word-table-{key}.pkl", build, CompiledScorer)
            else:  # a subclass may compute its features otherwise (its code is not in the key)
                self._compiled = build()
        return self._compiled

    @functools.cached_property
    def _scorer(self) -> WordScorer:
        """The Python scorer of new words (built on first use: the compiled one, when there is
        one and it is cached, does without it)."""
        return WordScorer(self.featurizer, self.w.attributes, self._nb_feature)

    def _gaz_id(self, bases: Sequence[str]) -> int:
        """The id of the gazetteer names a word with these candidate bases starts (-1: none),
        one per distinct set of bases that start names."""
        names = self.featurizer._gaz
        key = tuple([b for b in bases if b in names])
        i = self._gw_ids.get(key)
        if i is None:
            gw = self._gaz_word(key)
            i = -1
            if gw is not None:
                i = len(self._gws)
                self._gws.append(gw)
                ns, rest_id = len(self._rest_id), self._rest_id
                self._pairs.update(i * ns + rest_id[w] for w in gw.multi)
                if self._jit is not None:
                    self._add_names(gw)
            self._gw_ids[key] = i
        return i

    def _add_names(self, gw: _GazWord) -> None:
        """The rows of ``_names`` of a new id of gazetteer entries (its names of several words)."""
        rest_id, mark_id = self._rest_id, self._mark_id
        for second, lengths in sorted(gw.multi.items(), key=lambda item: rest_id[item[0]]):  # by second word's id
            for m, names in lengths:  # longest first
                for rest, kind in names.items():
                    self._names.append([rest_id[second], m, mark_id["B" + kind], mark_id["I" + kind], len(self._name_words)])
                    self._name_words.extend([rest_id[w] for w in rest])
        self._name_at.append([len(self._names)])

    def _sums(self, table: np.ndarray, idx: list[int], at: list[int]) -> np.ndarray:
        """:func:`_segment_sums`, compiled when the kernels are (the same additions: the same bits)."""
        starts = np.array(at, dtype=np.intp)
        if self._jit is None or (len(starts) and max(np.diff(starts, append=len(idx)).max(), 0) > kernels.PAIRWISE_BLOCK + 1):
            return _segment_sums(table, idx, at)
        out = np.empty((len(at), table.shape[1]))
        self._jit.segment_sums(table, np.array(idx, dtype=np.intp), starts, out)
        return out

    def _gaz_word(self, bases: Sequence[str]) -> _GazWord | None:
        """The gazetteer names a word starts, from those of its bases (compiled once per base)."""
        parts = []
        names = self.featurizer._gaz
        for b in bases:
            entries = names.get(b)
            if not entries:
                continue
            gw = self._gaz_base.get(b)
            if gw is None:
                gw = self._gaz_base[b] = _GazWord.of_base(entries)
            if gw is not None:
                parts.append(gw)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else _GazWord.merge(parts)

    # ------------------------------------------------------------------ scores
    def emissions(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Label scores of every token of ``sentences``, flat: ``(tokens, labels)``."""
        return self._emissions(sentences)[0]

    def _emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`emissions` and the cache row of every token."""
        toks = list(chain.from_iterable(sentences))
        n = len(toks)
        sid = np.repeat(np.arange(len(sentences)), [len(s) for s in sentences])
        rows = self._rows_of(toks)
        lengths = [len(x) for x in sentences]
        if self._jit is not None and self._vectorised and 0 not in lengths:
            # one compiled pass: own and neighbours' scores, sentence ends, word pairs
            lens = np.array(lengths, dtype=np.intp)
            starts = np.zeros(len(lens), dtype=np.intp)
            np.cumsum(lens[:-1], out=starts[1:])
            bg = self._bigrams
            em = self._jit.emissions(self._tab, self._offsets, rows, starts, lens, self._ends_vec, self._ends_on,
                                     self._vid, bg.slot_keys, bg.slot_pos, bg.bits, bg.plus, bg.minus, bg.size,
                                     self.w.state)
            self._add_gazetteer_marks(em, rows, sid, starts + lens)
            return em, rows
        if self._jit is not None:
            em = self._jit.neighbour_sum(self._tab, self._offsets, rows, sid)
        else:
            em = self._tab[rows, 0]
            pos = np.arange(n)
            for k, o in enumerate(_OFFSETS):
                j = pos + o
                ok = (j >= 0) & (j < n)
                jj = np.where(ok, j, 0)
                ok &= sid[jj] == sid
                em += self._tab[rows[jj], 1 + k] * ok[:, None]
        if self._vectorised:
            self._add_positional(em, rows, sid, lengths)
            return em, rows
        # positional features, sentence by sentence
        feat = self.featurizer
        attrs = self.w.attributes
        at: list[int] = []
        idx: list[int] = []
        base = 0
        for s in sentences:
            for i, f in feat.dynamic([self._slim[r] for r in rows[base: base + len(s)].tolist()]):
                a = attrs.get(f)
                if a is not None:
                    at.append(base + i)
                    idx.append(a)
            base += len(s)
        if at:
            np.add.at(em, np.asarray(at), self.w.state[idx])
        return em, rows

    def _add_positional(self, em: np.ndarray, rows: np.ndarray, sid: np.ndarray,
                        lengths: list[int]) -> None:
        """Add the scores of :meth:`Featurizer.dynamic`'s features, vectorised: sentence ends,
        word pairs (looked up as pairs of vocabulary ids), gazetteer marks (a loop over the few
        tokens that start a gazetteer name only)."""
        state = self.w.state
        lens = np.asarray(lengths, dtype=np.intp)
        starts = np.zeros(len(lens), dtype=np.intp)
        np.cumsum(lens[:-1], out=starts[1:])
        last = starts + lens - 1
        two = lens > 1
        some = lens > 0  # an empty sentence has no ends
        for name, at in (("BOS", starts[some]), ("-2:BOS", starts[two] + 1), ("EOS", last[some]), ("+2:EOS", last[two] - 1)):
            vec = self._ends.get(name)
            if vec is not None and len(at):
                em[at] += vec  # one position per sentence: no repeats within ``at``
        n = len(rows)
        if n > 1:
            vid = self._vid[rows]
            left, right = vid[:-1], vid[1:]
            ok = (left >= 0) & (right >= 0) & (sid[:-1] == sid[1:])
            pos = np.flatnonzero(ok)
            if len(pos):
                keys = left[pos] * self._bigrams.size + right[pos]
                bg = self._bigrams
                if len(bg.keys):
                    j = np.searchsorted(bg.keys, keys)
                    j[j == len(bg.keys)] = 0
                    found = bg.keys[j] == keys
                    pos, j = pos[found], j[found]
                    for attrs, shift in ((bg.plus, 0), (bg.minus, 1)):  # "bg+=" on the first word, then "bg-="
                        a = attrs[j]
                        hit = a >= 0
                        if hit.any():
                            em[pos[hit] + shift] += state[a[hit]]  # one pair per position
        self._add_gazetteer_marks(em, rows, sid, starts + lens)

    def _add_gazetteer_marks(self, em: np.ndarray, rows: np.ndarray, sid: np.ndarray,
                             sentence_ends: np.ndarray) -> None:
        """The gazetteer marks of :meth:`Featurizer._gazetteer_marks` and their features on the
        token and its neighbours: a word's one-word name is looked up per cached word (vectorised);
        only the words that start longer names are looked at one by one, with the next words."""
        n = len(rows)
        jit = self._jit
        marks_at: list[int] = []
        marks: list[int] = []
        # the words that start longer names and are followed, in their sentence, by the second
        # word of one of them
        if jit is not None:
            longer_a, pos_a, mk_a = jit.gazetteer_names(rows, sid, sentence_ends, self._has_multi, self._gwid, self._nwid,
                                                        self._name_at.view()[:, 0], self._names.view(),
                                                        self._name_words.view()[:, 0])
            jit.add_gazetteer_marks(em, rows, self._one_mark, longer_a, pos_a, mk_a, self._mark_vec, sid)
            return
        one = self._one_mark[rows]
        at = np.flatnonzero(one >= 0)
        g_at = np.flatnonzero(self._has_multi[rows[:-1]])
        if len(g_at):
            nxt = self._nwid[rows[g_at + 1]]
            g_at = g_at[(sid[g_at + 1] == sid[g_at]) & (nxt >= 0)]
        if len(g_at):
            gid = self._gwid[rows[g_at]]
            keys = gid * len(self._rest_id) + self._nwid[rows[g_at + 1]]
            pairs = self._pairs
            hit = [k in pairs for k in keys.tolist()]
            g_at, gid = g_at[hit], gid[hit]
        longer: list[int] = []
        if len(g_at):
            gws, norm = self._gws, self._norm
            ends = sentence_ends[sid[g_at]].tolist()
            mark_id = self._mark_id
            for g, stop, i, r1 in zip(g_at.tolist(), ends, gid.tolist(), rows[g_at + 1].tolist(), strict=True):
                gw = gws[i]
                second = norm[r1]
                for m, names in gw.multi[second]:
                    # longest first: the first length that fits and matches wins
                    if g + m >= stop:
                        continue
                    kind = names.get((second,) if m == 1 else tuple([norm[r] for r in rows[g + 1: g + 1 + m].tolist()]))
                    if kind is not None:
                        longer.append(g)
                        marks_at.append(g)
                        marks.append(mark_id["B" + kind])
                        inside = mark_id["I" + kind]
                        for k in range(1, m + 1):
                            marks_at.append(g + k)
                            marks.append(inside)
                        break
        if longer:
            drop = np.zeros(n, dtype=bool)
            drop[longer] = True
            at = at[~drop[at]]
        pos = np.concatenate((at, np.asarray(marks_at, dtype=np.intp)))
        mk = np.concatenate((one[at], np.asarray(marks, dtype=np.intp)))
        if not len(pos):
            return
        for r, rel in enumerate((-1, 0, 1)):  # the feature "{rel}g{mark}" sits on token j - rel
            i = pos - rel
            ok = (i >= 0) & (i < n)
            ok[ok] &= sid[i[ok]] == sid[pos[ok]]
            np.add.at(em, i[ok], self._mark_vec[r][mk[ok]])

    # ------------------------------------------------------------------ decoding
    def viterbi(self, em: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
        """Best label index of every token, sentence by sentence (``lengths``, in order, cover ``em``).

        All sentences are decoded together, longest first: at step t the sentences still going
        are a prefix of that order, so a step is a few numpy operations on that prefix (into
        buffers allocated once per call: at ~350 tokens a document, numpy's per-call overhead,
        not arithmetic, is the cost).
        """
        t = self.w.trans
        L = t.shape[0]
        lens_in_order = np.asarray(lengths, dtype=np.intp)
        starts_in_order = np.zeros(len(lens_in_order), dtype=np.intp)
        np.cumsum(lens_in_order[:-1], out=starts_in_order[1:])
        if self._jit is not None:
            return self._jit.viterbi(np.ascontiguousarray(em), starts_in_order, lens_in_order, t)
        order = np.argsort(-lens_in_order, kind="stable")
        starts = starts_in_order[order]
        lens = lens_in_order[order]
        S, tmax = len(lens), int(lens[0])
        steps = np.arange(tmax, dtype=np.intp)
        active = np.searchsorted(-lens, -steps, side="left").tolist()  # sentences longer than t
        valid = steps[:, None] < lens[None, :]  # (tmax, S)
        pos = np.where(valid, starts[None, :] + steps[:, None], 0)
        E = em[pos]  # (tmax, S, L): the emissions of step t of each sentence
        delta = E[0].copy()
        finals = np.empty_like(delta)
        back = np.empty((tmax, S, L), dtype=np.intp)
        buf = np.empty((S, L, L))
        tt = np.ascontiguousarray(t.T)  # [to, from]: the reductions run over contiguous memory
        for step in range(1, tmax):
            k, k_prev = active[step], active[step - 1]
            if k < k_prev:  # sentences of length ``step`` ended at the previous step
                finals[k:k_prev] = delta[k:k_prev]
            cand = np.add(delta[:k, None, :], tt, out=buf[:k])  # cand[s, to, from]
            cand.argmax(axis=2, out=back[step, :k])
            cand.max(axis=2, out=delta[:k])
            delta[:k] += E[step, :k]
        k_last = active[tmax - 1]
        finals[:k_last] = delta[:k_last]
        path = np.empty((tmax, S), dtype=np.intp)
        y = finals.argmax(axis=1)
        rows = np.arange(S)
        for step in range(tmax - 1, 0, -1):
            k = active[step]
            path[step, :k] = y[:k]
            y[:k] = back[step, rows[:k], y[:k]]
        path[0] = y
        labels = np.empty(em.shape[0], dtype=np.intp)
        labels[pos[valid]] = path[valid]
        return labels

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags of each sentence (lists of surface tokens), as the CRF's Viterbi gives them."""
        y = self.labels_of(sentences)[0].tolist()
        names = self.labels
        out: list[list[str]] = []
        base = 0
        for s in sentences:
            out.append([names[k] for k in y[base: base + len(s)]])
            base += len(s)
        return out

    def labels_of(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(best label index of every token of the non-empty ``sentences``, flat; their label
        scores ``(tokens, labels)``; the id of each token's name key, see :meth:`key_text`)."""
        sents = [s for s in sentences if s]
        if not sents:
            return np.zeros(0, dtype=np.intp), np.zeros((0, len(self.labels))), np.zeros(0, dtype=np.int64)
        em, rows = self._emissions(sents)
        return self.viterbi(em, [len(s) for s in sents]), em, self._kid[rows]


__all__ = ["CrfWeights", "FastTagger"]
