"""The model's attributes of a word's static features, found group by group (for the fast tagger).

:meth:`marsad.entities.features.Featurizer.parts` spells out ~40 feature strings per word (its
own features and its view as a neighbour); the fast tagger (:mod:`marsad.entities.fast`) needs
only the model's attribute index of each of them that the model knows, in the same order (it adds
their weights in that order: the same order gives the same score, to the last bit). Building and
looking up the strings is most of what a word not seen before costs. This scorer takes instead
:meth:`Featurizer.analyse`'s facts about the word and finds the indices of whole groups of
features at once:

- the families keyed by a string of the word (``w=``, ``b=``, ``r=``, and ``w=``, ``sh=``,
  ``r=``, ``b=`` of the view) through one table per family, indexed by the string itself (no
  concatenation);
- the groups that many words share, memoised: the prefix features of a word depend only on its
  :func:`~marsad.entities.features.prefix_head` (and so on for the suffixes, the base's suffixes),
  the cluster features on the cluster ids, the profile features on the profile, the cue features
  on the cue kinds, the shape features on the shape and the length.

Each memo entry is computed from the featurizer's own templates (the same strings, looked up in
the model once), so the result is by construction what the strings give; the tests check it word
by word. A featurizer whose :meth:`~Featurizer.parts` is not the stock one is scored through its
strings.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from itertools import chain

from marsad.entities.features import (
    _CONJ,
    _DIACRITICS,
    Featurizer,
    base_suffix_features,
    prefix_features,
    shape_features,
    suffix_features,
    word_shape,
)
from marsad.text.lexicon import strip_proclitics
from marsad.text.normalize import normalize

# the memos keyed by letters of the text (affix heads) are cleared when they reach this size
# (the others are keyed by values of the featurizer's resources, and bounded by them)
MEMO_SIZE = 200_000


class _Memo(dict[Hashable, tuple[int, ...]]):
    """A dictionary that fills itself: ``memo[key]`` is ``make(key)``, computed on first use."""

    def __init__(self, make: Callable[[Hashable], tuple[int, ...]], bound: int | None = None) -> None:
        super().__init__()
        self._make = make
        self._bound = bound

    def __missing__(self, key: Hashable) -> tuple[int, ...]:
        if self._bound is not None and len(self) >= self._bound:
            self.clear()
        value = self[key] = self._make(key)
        return value


def _family(index: Mapping[str, int], prefix: str) -> dict[str, int]:
    """``{value: attribute index}`` of the attributes ``prefix + value`` of ``index``."""
    n = len(prefix)
    return {attr[n:]: i for attr, i in index.items() if attr.startswith(prefix)}


class WordScorer:
    """The attribute indices of words' features: ``own`` (in the model's attributes) and
    ``view`` (their view as a neighbour, in the tagger's neighbour-feature table), each in the
    order of :meth:`Featurizer.parts`, the features the model does not know left out."""

    def __init__(self, featurizer: Featurizer, own: Mapping[str, int], view: Mapping[str, int]) -> None:
        self.featurizer = featurizer
        self.own = own
        self.view = view
        # the stock features only: a subclass's are scored through its strings
        self.grouped = (type(featurizer).parts is Featurizer.parts and type(featurizer).analyse is Featurizer.analyse
                        and not featurizer.char_ngrams)
        self._own_w, self._view_w = _singles(own, "w="), _singles(view, "w=")
        self._own_b, self._view_b = _singles(own, "b="), _singles(view, "b=")
        self._own_r = {k: (i,) for k, i in _family(own, "r=").items()}
        self._view_r = {k: (i,) for k, i in _family(view, "r=").items()}
        self._view_sh = {k: (i,) for k, i in _family(view, "sh=").items()}
        self._conj = _one(own, "conj")
        self._cfb, self._c_none = _one(own, "cfb"), _one(own, "c=none")
        self._pfb = _one(own, "pfb")
        self._p_none = _one(own, "p=none") if featurizer.profiles else ()
        # per group key: the indices of its features (-1 for those the model does not know in the
        # affix groups, which are interleaved; the others leave them out)
        self._prefix = _Memo(lambda h: self._all(own, prefix_features(str(h))), MEMO_SIZE)
        self._suffix = _Memo(lambda h: self._all(own, suffix_features(str(h))), MEMO_SIZE)
        self._base = _Memo(lambda h: self._known(own, base_suffix_features(str(h))), MEMO_SIZE)
        self._shape = _Memo(lambda k: self._known(own, shape_features(*k)))  # type: ignore[misc]
        self._cue = _Memo(lambda c: (self._known(own, ["cue=" + k for k in c]),  # type: ignore[attr-defined]
                                     self._known(view, ["cue=" + k for k in c])))  # type: ignore[attr-defined]
        self._names = _Memo(lambda c: (self._known(own, c), self._known(view, c)))  # type: ignore[arg-type]
        self._lex = self._lexicon() if self.grouped else {}

    def _lexicon(self) -> dict[str, _Entry]:
        """Per word of the featurizer's clusters and profiles, the indices of the features they
        give it: see :class:`_Entry` (one lookup per word or base, not two)."""
        feat, own, view = self.featurizer, self.own, self.view
        clusters, profiles = feat.clusters, feat.profiles
        cl_memo: dict[Hashable, _Clusters] = {}
        for cl in clusters.values():
            key = _key(cl)
            if key not in cl_memo:
                c_own, cb_own = feat._cluster_features(cl)
                cl_memo[key] = (self._known(own, c_own), self._known(view, c_own), self._known(own, cb_own))
        prof_memo: dict[str, _Profile] = {}
        for prof in profiles.values():
            if prof not in prof_memo:
                p_own, p_view = feat._profile_features(prof)
                prof_memo[prof] = (self._known(own, p_own), self._known(view, p_view))
        cl_of = {w: cl_memo[_key(cl)] for w, cl in clusters.items()}
        prof_of = {w: prof_memo[p] for w, p in profiles.items()}
        get_cl, get_prof = cl_of.get, prof_of.get
        return {w: (get_cl(w), get_prof(w)) for w in {*cl_of, *prof_of}}

    @staticmethod
    def _all(index: Mapping[str, int], feats: Sequence[str]) -> tuple[int, ...]:
        return tuple([index.get(f, -1) for f in feats])

    @staticmethod
    def _known(index: Mapping[str, int], feats: Sequence[str]) -> tuple[int, ...]:
        return tuple([i for i in map(index.get, feats) if i is not None])

    def score(self, toks: Sequence[str]) -> tuple[list[int], list[int], list[int], list[int], list[tuple[str, ...]], list[str]]:
        """(own indices, where each word's start in them, view indices, where each word's
        start, candidate bases per word, normalised form per word) of words: the indices of
        word ``k`` are ``own[own_at[k]:own_at[k + 1]]`` (to the end for the last one)."""
        own_idx: list[int] = []
        own_at: list[int] = []
        view_idx: list[int] = []
        view_at: list[int] = []
        cands_out: list[tuple[str, ...]] = []
        norms: list[str] = []
        feat = self.featurizer
        if not self.grouped:
            own_get, view_get = self.own.get, self.view.get
            for tok in toks:
                own_at.append(len(own_idx))
                view_at.append(len(view_idx))
                own_f, view_f, cands, w = feat.parts(tok)
                own_idx.extend([i for i in map(own_get, own_f) if i is not None])
                view_idx.extend([i for i in map(view_get, view_f) if i is not None])
                cands_out.append(cands)
                norms.append(w)
            return own_idx, own_at, view_idx, view_at, cands_out, norms
        lex = self._lex.get
        none = _NONE
        shape_of = word_shape
        diacritics = _DIACRITICS.sub
        cue_of = feat.cues.get
        first, last = feat._name_first, feat._name_last
        prefix, suffix, bases, shapes, cues, names = self._prefix, self._suffix, self._base, self._shape, self._cue, self._names
        own_w, view_w, own_b, view_b = self._own_w, self._view_w, self._own_b, self._view_b
        own_r, view_r, view_sh = self._own_r, self._view_r, self._view_sh
        conj, cfb, c_none, pfb, p_none = self._conj, self._cfb, self._c_none, self._pfb, self._p_none
        empty: tuple[int, ...] = ()
        ne = (-1).__ne__
        flat = chain.from_iterable
        own_ext, view_ext = own_idx.extend, view_idx.extend
        for tok in toks:
            own_at.append(len(own_idx))
            view_at.append(len(view_idx))
            w = normalize(tok)
            n = len(w)
            cands = tuple(strip_proclitics(w)) if n > 2 else (w,)
            cands_out.append(cands)
            norms.append(w)
            shape = shape_of(tok)
            raw = diacritics("", tok).lower() if tok != w else ""
            if raw == w:
                raw = ""
            # the facts of Featurizer.analyse, from the entries of the word and its bases
            cl, prof = lex(w, none)
            from_base = p_base = False
            clb = None
            cue = cue_of(w)
            if len(cands) > 1:
                base = cands[-1]
                bs = cands[1:]
                entries = [lex(c, none) for c in bs]
                if cl is None:
                    for e in reversed(entries):
                        if e[0] is not None:
                            cl, from_base = e[0], True
                            break
                if not from_base:
                    clb = entries[-1][0]
                if prof is None:
                    for e in entries:
                        if e[1] is not None:
                            prof, p_base = e[1], True
                            break
                more = [k for k in map(cue_of, bs) if k]
                if more:
                    cue = frozenset().union(*more, cue or ())
            else:
                base = w
            cue_t = tuple(sorted(cue)) if cue else empty
            nf = bool(first) and not first.isdisjoint(cands)
            nl = bool(last) and not last.isdisjoint(cands)
            name_t = ("nf", "nl") if nf and nl else ("nf",) if nf else ("nl",) if nl else empty
            # own features, in the order of Featurizer.parts
            own_ext(own_w.get(w, empty))
            own_ext(shapes[shape, n])
            if raw:
                own_ext(own_r.get(raw, empty))
            if base is not w:
                for c in cands[1:]:
                    own_ext(own_b.get(c, empty))
            if n > 1:
                k = 4 if n > 4 else n - 1
                own_ext(filter(ne, flat(zip(prefix[w[:k]], suffix[w[n - k:]], strict=True))))
            if base is not w:
                nb = len(base)
                own_ext(bases[base[nb - (3 if nb > 3 else nb - 1):]])
            if n > 1 and w[0] in _CONJ:
                own_ext(conj)
            if cue_t:
                own_ext(cues[cue_t][0])
            if cl is not None:
                if from_base:
                    own_ext(cfb)
                own_ext(cl[0])
            else:
                own_ext(c_none)
            if clb is not None:
                own_ext(clb[2])
            if name_t:
                own_ext(names[name_t][0])
            if prof is not None:
                if p_base:
                    own_ext(pfb)
                own_ext(prof[0])
            else:
                own_ext(p_none)
            # the view as a neighbour
            view_ext(view_w.get(w, empty))
            view_ext(view_sh.get(shape, empty))
            if prof is not None:
                view_ext(prof[1])
            if name_t:
                view_ext(names[name_t][1])
            if raw:
                view_ext(view_r.get(raw, empty))
            if base is not w:
                view_ext(view_b.get(base, empty))
            if cue_t:
                view_ext(cues[cue_t][1])
            if cl is not None:
                view_ext(cl[1])
        return own_idx, own_at, view_idx, view_at, cands_out, norms


# the indices of a word's cluster features (own, view, and its "cb" features as a base) and of
# its profile features (own, view); a word's entry: (clusters or None, profile or None)
_Clusters = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]
_Profile = tuple[tuple[int, ...], tuple[int, ...]]
_Entry = tuple[_Clusters | None, _Profile | None]
_NONE: _Entry = (None, None)


def _singles(index: Mapping[str, int], prefix: str) -> dict[str, tuple[int, ...]]:
    """``{value: (attribute index,)}`` of the attributes ``prefix + value``."""
    return {k: (i,) for k, i in _family(index, prefix).items()}


def _one(index: Mapping[str, int], feature: str) -> tuple[int, ...]:
    i = index.get(feature)
    return () if i is None else (i,)


def _opt(i: int | None) -> tuple[int, ...]:
    return () if i is None else (i,)


def _key(ids: str | Sequence[str] | None) -> Hashable:
    """A memo key of cluster ids (a string, or a sequence of strings)."""
    return ids if ids is None or isinstance(ids, str) else tuple(ids)


__all__ = ["MEMO_SIZE", "WordScorer"]
