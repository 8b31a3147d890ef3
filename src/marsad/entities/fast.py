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

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from marsad import resources
from marsad.entities.features import _OFFSETS, Featurizer

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


class FastTagger:
    """Tags sentences with a CRF's weights and the featurizer the model was trained with."""

    def __init__(self, weights: CrfWeights, featurizer: Featurizer, cache_size: int = 200_000) -> None:
        self.w = weights
        self.featurizer = featurizer
        self.labels = weights.labels
        L = len(self.labels)
        self._cap = cache_size
        # per cached word: its row in the score tables and what positional features need of it
        self._words: dict[str, tuple[int, _Word]] = {}
        # per cached word: its own score vector and its score as each neighbour offset
        self._own = np.zeros((1024, L))
        self._nb = np.zeros((len(_OFFSETS), 1024, L))

    # ------------------------------------------------------------------ per word
    def _rows_of(self, toks: Sequence[str]) -> tuple[np.ndarray, list[_Word]]:
        """Cache rows of the tokens and their slim word records; the words not cached yet are
        scored together (one numpy reduction for all of them: a new word costs a few dictionary
        lookups, not numpy calls)."""
        get = self._words.get
        found = [get(t) for t in toks]
        if None in found:
            missing = list(dict.fromkeys(t for t, f in zip(toks, found, strict=True) if f is None))
            if len(self._words) + len(missing) > self._cap:
                self._words.clear()  # bounded memory: start over (the common words come back first)
                missing = list(dict.fromkeys(toks))
            self._add(missing)
            found = [self._words[t] for t in toks]
        return np.fromiter((f[0] for f in found), dtype=np.intp, count=len(found)), found  # type: ignore[index]

    def _add(self, words: Sequence[str]) -> None:
        L = len(self.labels)
        start = len(self._words)
        stop = start + len(words)
        if stop > len(self._own):
            size = max(stop, 2 * len(self._own))
            own = np.zeros((size, L))
            own[: len(self._own)] = self._own
            nb = np.zeros((len(_OFFSETS), size, L))
            nb[:, : self._nb.shape[1]] = self._nb
            self._own, self._nb = own, nb
        get = self.w.attributes.get
        word = self.featurizer._word
        idx: list[int] = []
        bounds: list[int] = []
        slim: list[_Word] = []
        for tok in words:
            own_f, nbs, cands, norm = word(tok, cache=False)
            slim.append(((), (), cands, norm))
            for feats in (own_f, *nbs):
                bounds.append(len(idx))
                idx.extend([i for i in map(get, feats) if i is not None])
        ends = [*bounds, len(idx)]
        sums = np.add.reduceat(self.w.state[[*idx, 0]], ends, axis=0)[:-1]
        sums[np.diff(ends) == 0] = 0.0  # reduceat gives a row, not zeros, for an empty list
        sums = sums.reshape(len(words), 1 + len(_OFFSETS), L)
        self._own[start:stop] = sums[:, 0]
        self._nb[:, start:stop] = sums[:, 1:].transpose(1, 0, 2)
        for i, tok in enumerate(words):
            self._words[tok] = (start + i, slim[i])

    # ------------------------------------------------------------------ scores
    def emissions(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """Label scores of every token of ``sentences``, flat: ``(tokens, labels)``."""
        toks = [t for s in sentences for t in s]
        n = len(toks)
        sid = np.repeat(np.arange(len(sentences)), [len(s) for s in sentences])
        rows, found = self._rows_of(toks)
        em = self._own[rows]
        pos = np.arange(n)
        for k, o in enumerate(_OFFSETS):
            j = pos + o
            ok = (j >= 0) & (j < n)
            jj = np.where(ok, j, 0)
            ok &= sid[jj] == sid
            em += self._nb[k][rows[jj]] * ok[:, None]
        # positional features, sentence by sentence
        feat = self.featurizer
        attrs = self.w.attributes
        at: list[int] = []
        idx: list[int] = []
        base = 0
        for s in sentences:
            for i, f in feat.dynamic([found[base + k][1] for k in range(len(s))]):
                a = attrs.get(f)
                if a is not None:
                    at.append(base + i)
                    idx.append(a)
            base += len(s)
        if at:
            np.add.at(em, np.asarray(at), self.w.state[idx])
        return em

    # ------------------------------------------------------------------ decoding
    def viterbi(self, em: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
        """Best label index of every token, sentence by sentence (``lengths``, in order, cover ``em``).

        All sentences are decoded together, longest first: at step t the sentences still going
        are a prefix of that order, so a step is a few numpy operations on that prefix.
        """
        t = self.w.trans
        starts_in_order = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.intp)
        order = np.argsort(-np.asarray(lengths), kind="stable")
        starts = starts_in_order[order]
        lens = np.asarray(lengths, dtype=np.intp)[order]
        tmax = int(lens[0])
        active = np.searchsorted(-lens, -np.arange(tmax), side="left")  # sentences longer than t
        delta = em[starts]
        finals = delta.copy()
        back = []
        for step in range(1, tmax):
            k = int(active[step])
            cand = delta[:k, :, None] + t[None, :, :]
            back.append(cand.argmax(axis=1))
            delta = cand.max(axis=1) + em[starts[:k] + step]
            finals[:k] = np.where((lens[:k] == step + 1)[:, None], delta, finals[:k])
        labels = np.empty(em.shape[0], dtype=np.intp)
        y = finals.argmax(axis=1)
        for step in range(tmax - 1, -1, -1):
            k = int(active[step])
            labels[starts[:k] + step] = y[:k]
            if step:
                y[:k] = back[step - 1][np.arange(k), y[:k]]
        return labels

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags of each sentence (lists of surface tokens), as the CRF's Viterbi gives them."""
        sents = [s for s in sentences if s]
        if not sents:
            return [[] for _ in sentences]
        em = self.emissions(sents)
        names = self.labels
        flat = [names[y] for y in self.viterbi(em, [len(s) for s in sents]).tolist()]
        out: list[list[str]] = []
        base = 0
        for s in sentences:
            out.append(flat[base: base + len(s)])
            base += len(s)
        return out


__all__ = ["CrfWeights", "FastTagger"]
