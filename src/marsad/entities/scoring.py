"""The model's attributes of a word's static features, found group by group (for the fast tagger).

:meth:`marsad.entities.features.Featurizer.parts` spells out ~40 feature strings per word (its
own features and its view as a neighbour); the fast tagger (:mod:`marsad.entities.fast`) needs
only the index of each that the model knows, in the same order (it adds their weights in that
order: the same order gives the same score, to the last bit). Building the strings and looking
them up is most of what a word not seen before costs; this scorer finds the same indices without
the strings:

- a family keyed by a string of the word (``w=``, ``b=``, ``r=``, the affixes ``p1=``...) is one
  table ``{string: index}``, looked up with the string itself;
- the words of the clusters and profiles have one entry each that holds the indices of the
  features their cluster ids and their profile give (computed once per distinct ids/profile);
- the features of the cue kinds, the person's-name marks and the shape are memoised by value.

It follows :meth:`Featurizer.parts` step by step (the tests compare the two word by word, and on
any string); a featurizer whose ``parts`` is not the stock one (a subclass, letter n-grams) is
scored through its strings.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Hashable, Mapping, Sequence

from marsad.entities.features import _DIACRITICS, CONJ, Featurizer, _len_bucket, word_shape
from marsad.text.lexicon import strip_proclitics
from marsad.text.normalize import normalize

Indices = tuple[int, ...]
# a word's cluster features (own, view, and its "cb" features as the base of another word) and
# its profile features (own, view); a word's entry: (clusters or None, profile or None)
_Clusters = tuple[Indices, Indices, Indices]
_Profile = tuple[Indices, Indices]
_Entry = tuple[_Clusters | None, _Profile | None]
_NONE: _Entry = (None, None)
_known = functools.partial(operator.is_not, None)


class _Memo(dict[Hashable, tuple[Indices, Indices]]):
    """A dictionary that fills itself: ``memo[key]`` is ``make(key)``, computed on first use."""

    def __init__(self, make: Callable[[Hashable], tuple[Indices, Indices]]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: Hashable) -> tuple[Indices, Indices]:
        value = self[key] = self._make(key)
        return value


def _families(index: Mapping[str, int], names: Sequence[str]) -> dict[str, dict[str, int]]:
    """Per name (without "="), ``{value: attribute index}`` of the attributes ``name + "=" + value``
    of ``index``, in one pass over it (the name of an attribute is what comes before its first "=")."""
    out: dict[str, dict[str, int]] = {n: {} for n in names}
    get = out.get
    for attr, i in index.items():
        name, sep, value = attr.partition("=")
        table = get(name) if sep else None
        if table is not None:
            table[value] = i
    return out


def _singles(family: Mapping[str, int]) -> dict[str, Indices]:
    """``{value: (attribute index,)}`` of a family."""
    return {k: (i,) for k, i in family.items()}


def _one(index: Mapping[str, int], feature: str) -> Indices:
    i = index.get(feature)
    return () if i is None else (i,)


class WordScorer:
    """The attribute indices of words' features: ``own`` (in the model's attributes) and
    ``view`` (their view as a neighbour, in the tagger's neighbour-feature table), each in the
    order of :meth:`Featurizer.parts`, the features the model does not know left out."""

    def __init__(self, featurizer: Featurizer, own: Mapping[str, int], view: Mapping[str, int]) -> None:
        self.featurizer = featurizer
        self.own = own
        self.view = view
        self.grouped = self.follows(featurizer)
        # the affixes in the order Featurizer.parts gives them: p1, s1, p2, s2...; then bs1..bs3
        affixes = [f"{f}{k}" for k in range(1, 5) for f in "ps"]
        base_affixes = [f"bs{k}" for k in range(1, 4)]
        of_own = _families(own, ["w", "b", "r", *affixes, *base_affixes])
        of_view = _families(view, ["w", "b", "r", "sh"])
        self._own_w, self._view_w = _singles(of_own["w"]), _singles(of_view["w"])
        self._own_b, self._view_b = _singles(of_own["b"]), _singles(of_view["b"])
        self._own_r, self._view_r = _singles(of_own["r"]), _singles(of_view["r"])
        self._view_sh = _singles(of_view["sh"])
        self._affixes = tuple(of_own[a] for a in affixes)
        self._base_affixes = tuple(of_own[a] for a in base_affixes)
        self._conj = _one(own, "conj")
        self._cfb, self._c_none = _one(own, "cfb"), _one(own, "c=none")
        self._pfb = _one(own, "pfb")
        self._p_none = _one(own, "p=none") if featurizer.profiles else ()
        # (own, view) indices per value: shape and length, cue kinds, person's-name marks
        self._shape = _Memo(lambda k: (self._indices(own, ["sh=" + k[0], "ln=" + _len_bucket(k[1])]), ()))  # type: ignore[index]
        self._cue = _Memo(lambda c: (self._indices(own, ["cue=" + k for k in c]),  # type: ignore[attr-defined]
                                     self._indices(view, ["cue=" + k for k in c])))  # type: ignore[attr-defined]
        self._names = _Memo(lambda c: (self._indices(own, c), self._indices(view, c)))  # type: ignore[arg-type]
        self._lex = self._lexicon() if self.grouped else {}

    @staticmethod
    def follows(featurizer: Featurizer) -> bool:
        """Whether the scorer finds the featurizer's indices group by group (its ``parts`` is the
        stock one, without letter n-grams), not through its strings."""
        return type(featurizer).parts is Featurizer.parts and not featurizer.char_ngrams

    @staticmethod
    def _indices(index: Mapping[str, int], feats: Sequence[str]) -> Indices:
        return tuple(filter(_known, map(index.get, feats)))

    def _lexicon(self) -> dict[str, _Entry]:
        """Per word of the featurizer's clusters and profiles, the indices of the features they
        give it (one lookup per word or base, not two)."""
        feat, own, view = self.featurizer, self.own, self.view
        cl_memo: dict[Hashable, _Clusters] = {}
        cl_of: dict[str, _Clusters] = {}
        for w, cl in feat.clusters.items():
            key = cl if isinstance(cl, str) else tuple(cl)
            c = cl_memo.get(key)
            if c is None:
                c_own, cb_own = feat._cluster_features(cl)
                c = cl_memo[key] = (self._indices(own, c_own), self._indices(view, c_own), self._indices(own, cb_own))
            cl_of[w] = c
        prof_memo: dict[str, _Profile] = {}
        prof_of: dict[str, _Profile] = {}
        for w, prof in feat.profiles.items():
            p = prof_memo.get(prof)
            if p is None:
                p_own, p_view = feat._profile_features(prof)
                p = prof_memo[prof] = (self._indices(own, p_own), self._indices(view, p_view))
            prof_of[w] = p
        get_cl, get_prof = cl_of.get, prof_of.get
        return {w: (get_cl(w), get_prof(w)) for w in {*cl_of, *prof_of}}

    def score(self, toks: Sequence[str]) -> tuple[list[int], list[int], list[int], list[int],
                                                  list[tuple[str, ...]], list[str]]:
        """(own indices, each word's start in them, view indices, each word's start in them,
        candidate bases per word, normalised form per word) of words: the own indices of word
        ``k`` are ``own[own_at[k]:own_at[k + 1]]`` (the last one's to the end), and so on."""
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
                own_idx.extend(filter(_known, map(own_get, own_f)))
                view_idx.extend(filter(_known, map(view_get, view_f)))
                cands_out.append(cands)
                norms.append(w)
            return own_idx, own_at, view_idx, view_at, cands_out, norms
        lex = self._lex.get
        none = _NONE
        diacritics = _DIACRITICS.sub
        cue_of = feat.cues.get
        first, last = feat._name_first, feat._name_last
        shapes, cues, names = self._shape, self._cue, self._names
        own_w, view_w, own_b, view_b = self._own_w, self._view_w, self._own_b, self._view_b
        own_r, view_r, view_sh = self._own_r, self._view_r, self._view_sh
        affixes, base_affixes = self._affixes, self._base_affixes
        conj, cfb, c_none, pfb, p_none = self._conj, self._cfb, self._c_none, self._pfb, self._p_none
        get = dict.get
        empty: Indices = ()
        own_ext, view_ext = own_idx.extend, view_idx.extend
        for tok, w in zip(toks, _normalized(toks), strict=True):
            own_at.append(len(own_idx))
            view_at.append(len(view_idx))
            n = len(w)
            cands = tuple(strip_proclitics(w)) if n > 2 else (w,)
            cands_out.append(cands)
            norms.append(w)
            shape = word_shape(tok)
            raw = diacritics("", tok).lower() if tok != w else ""
            if raw == w:
                raw = ""
            # what Featurizer.parts reads of the word's resources, and of its bases'
            cl, prof = lex(w, none)
            from_base = p_base = False
            clb = None
            cue = cue_of(w)
            has_base = len(cands) > 1
            if has_base:
                base = cands[-1]
                bases = cands[1:]
                entries = [lex(c, none) for c in bases]
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
                more = [k for k in map(cue_of, bases) if k]
                if more:
                    cue = frozenset().union(*more, cue or ())
            cue_t = tuple(sorted(cue)) if cue else empty
            nf = bool(first) and not first.isdisjoint(cands)
            nl = bool(last) and not last.isdisjoint(cands)
            name_t = ("nf", "nl") if nf and nl else ("nf",) if nf else ("nl",) if nl else empty
            # own features, in the order of Featurizer.parts
            own_ext(own_w.get(w, empty))
            own_ext(shapes[shape, n][0])
            if raw:
                own_ext(own_r.get(raw, empty))
            if has_base:
                for c in bases:
                    own_ext(own_b.get(c, empty))
            if n > 4:
                own_ext(filter(_known, map(get, affixes, (w[:1], w[-1:], w[:2], w[-2:], w[:3], w[-3:], w[:4], w[-4:]))))
            elif n > 1:
                k = 2 * n - 2
                own_ext(filter(_known, map(get, affixes[:k], (w[:1], w[-1:], w[:2], w[-2:], w[:3], w[-3:])[:k])))
            if has_base:
                nb = len(base)
                if nb > 3:
                    own_ext(filter(_known, map(get, base_affixes, (base[-1:], base[-2:], base[-3:]))))
                elif nb > 1:
                    own_ext(filter(_known, map(get, base_affixes[:nb - 1], (base[-1:], base[-2:])[:nb - 1])))
            if n > 1 and w[0] in CONJ:
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
            if has_base:
                view_ext(view_b.get(base, empty))
            if cue_t:
                view_ext(cues[cue_t][1])
            if cl is not None:
                view_ext(cl[1])
        return own_idx, own_at, view_idx, view_at, cands_out, norms


def _normalized(toks: Sequence[str]) -> list[str]:
    """``[normalize(t) for t in toks]``, in one call: :func:`normalize` maps each character on
    its own (to one character or none) and leaves line feeds alone, so the normal form of the
    words joined by line feeds is theirs joined by line feeds (the long-string path of
    ``normalize``: a few C scans, not one ``str.translate`` per word). Words with a line feed in
    them are normalised one by one."""
    if len(toks) < 8:
        return [normalize(t) for t in toks]
    joined = "\n".join(toks)
    if joined.count("\n") != len(toks) - 1:
        return [normalize(t) for t in toks]
    return normalize(joined).split("\n")


__all__ = ["WordScorer"]
