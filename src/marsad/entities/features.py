"""Token features for the named-entity recogniser (a linear-chain CRF, see :mod:`marsad.entities.ner`).

A sentence is a list of surface tokens (as :func:`marsad.text.tokens.tokenize` cuts them: words
with their clitics attached, punctuation apart). Each token gets

- its normalised form (:func:`marsad.text.normalize.normalize`) and its clitic-stripped bases
  (:func:`marsad.text.lexicon.strip_proclitics`: وبالقصف -> بالقصف, القصف, قصف);
- prefixes and suffixes of 1-4 characters of the normalised form and suffixes of the base;
- optionally, the letter n-grams of the base (``char_ngrams``);
- a word shape (Arabic, Latin, Latin capitalised, digits, punctuation, mixed) and a length bucket;
- context cues read from ``data/ner/cues.tsv`` (titles before persons, "مدينة" before places,
  "وزارة" before organisations, reporting verbs, nationality adjectives);
- word clusters learned offline from unlabelled news text (``data/ner/clusters.tsv.gz``, several
  granularities; a word that is not in the file falls back to the cluster of its base);
- the written form when normalising folds a distinction (على / علي, أ / ا, ة / ه);
- the word's profile in unlabelled news (``data/ner/profiles.tsv.gz``, :mod:`marsad.entities.profiles`:
  does it take the article, does it follow titles or organisation heads...), or ``p=none``;
- whether it is the first / last word of a person's name of the gazetteer (kind ``PERM``);
- optional gazetteers: ``{kind: frozenset(normalised names)}``; names may have several words,
  are matched on tokens (the first one clitic-stripped) and mark the tokens they cover;
- the same, more compactly, for the neighbours within ±2 tokens, plus word bigrams and the
  sentence start and end.

Everything that depends on the word alone is computed once per distinct surface form and kept
in a bounded per-instance cache, so tagging a text mostly concatenates cached lists.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from marsad import resources
from marsad.text.lexicon import strip_article, strip_proclitics
from marsad.text.normalize import normalize

CUES_FILE = "ner/cues.tsv"
CLUSTERS_FILE = "ner/clusters.tsv.gz"

WINDOW = 2
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_OFFSETS = (-2, -1, 1, 2)
CONJ = "وف"  # a word that starts with one of these may carry a conjunction (the feature "conj")
# a word of Arabic letters only (no Arabic digits): its shape is "A" (see _shape)
_ARABIC_LETTERS = re.compile("[\u0600-\u065f\u066a-\u06ef\u06fa-\u06ff\u0750-\u077f\ufb50-\ufeff]+")


def load_cues(relpath: str = CUES_FILE) -> dict[str, frozenset[str]]:
    """``{normalised word: kinds}`` from a cue file (the article-less form is added too)."""
    out: dict[str, set[str]] = {}
    for row in resources.tsv(relpath):
        word = normalize(row["word"].strip())
        kind = row["kind"].strip()
        if not word or not kind:
            continue
        for form in {word, strip_article(word)[0]}:
            out.setdefault(form, set()).add(kind)
    return {w: frozenset(k) for w, k in out.items()}


def load_clusters(path: str | Path | None = None) -> dict[str, str]:
    """``{normalised word: "id<TAB>id..."}`` (cluster ids at each granularity, coarse to fine).

    ``path`` is a file (``.tsv`` or ``.tsv.gz``: ``word<TAB>id<TAB>id...``, ``#`` comments); by
    default the file shipped in the package. The ids are kept as one string per word and split
    by the featurizer when it first meets the word (loading stays fast).
    """
    p = Path(path) if path is not None else resources.data_path(CLUSTERS_FILE)
    raw = p.read_bytes()
    if p.suffix == ".gz":
        raw = gzip.decompress(raw)
    out: dict[str, str] = {}
    for line in raw.decode("utf-8").split("\n"):
        if line and line[0] != "#":
            word, sep, ids = line.partition("\t")
            if sep:
                out[word] = ids
    return out


def _shape(s: str) -> str:
    has_ar = has_lat = has_dig = False
    for ch in s:
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
            if ch.isdigit():
                has_dig = True
            else:
                has_ar = True
        elif ch.isdigit():
            has_dig = True
        elif ch.isalpha():
            has_lat = True
    if has_ar and not (has_lat or has_dig):
        return "A"
    if has_lat and not (has_ar or has_dig):
        return "Lc" if s[:1].isupper() else "L"
    if has_dig and not (has_ar or has_lat):
        return "D"
    if not (has_ar or has_lat or has_dig):
        return "P"
    return "M"


def word_shape(tok: str) -> str:
    """The shape of a surface token (:func:`_shape`; "A": Arabic letters only)."""
    if tok and min(tok) >= "\u0621" and max(tok) <= "\u065f":  # most words: letters of one block
        return "A"
    return "A" if _ARABIC_LETTERS.fullmatch(tok) else _shape(tok)


def _len_bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 5:
        return "4"
    if n <= 8:
        return "6"
    return "9"


class Featurizer:
    """Turns a sentence (list of surface tokens) into CRF feature lists.

    ``cues``: ``{normalised word: kinds}`` (default: ``data/ner/cues.tsv``; ``{}`` for none).
    ``clusters``: ``{normalised word: ids}`` (ids: a sequence or one tab-separated string; default: none).
    ``gazetteers``: ``{kind: frozenset(names)}``, e.g. ``{"LOC": places, "ORG": actors}``; names
    are normalised here (one or several words; a leading article is optional in the text).
    A tagger must be given the same kinds of resources it was trained with.
    """

    # the families of positional features :meth:`dynamic` yields; the fast tagger
    # (:mod:`marsad.entities.fast`) computes these families itself, vectorised, and falls back to
    # :meth:`dynamic` when this tuple names one it does not know: add a name here with a new family
    DYNAMIC: tuple[str, ...] = ("ends", "bigrams", "gazetteer")

    def __init__(
        self,
        cues: Mapping[str, frozenset[str]] | None = None,
        clusters: Mapping[str, str | Sequence[str]] | None = None,
        gazetteers: Mapping[str, Iterable[str]] | None = None,
        cache_size: int = 100_000,
        char_ngrams: int = 0,
        profiles: Mapping[str, str] | None = None,
    ) -> None:
        self.cues: Mapping[str, frozenset[str]] = load_cues() if cues is None else cues
        self.clusters: Mapping[str, str | Sequence[str]] = clusters or {}
        self._gaz = self._index_gazetteers(gazetteers or {})
        # first and last words of the persons' names of the gazetteer (kind PERM)
        self._name_first = frozenset(w for w, es in self._gaz.items() if any(e[0] == "PERM" for e in es))
        self._name_last = frozenset(e[-1] for es in self._gaz.values() for e in es if e[0] == "PERM" and len(e) > 1)
        self._gaz_hits: dict[str, dict[str, list[tuple[int, tuple[str, ...]]]]] = {}
        self._cache: dict[str, tuple[list[str], tuple[list[str], ...], tuple[str, ...], str]] = {}
        self._cache_size = cache_size
        # feature lists of cluster ids and profiles (few distinct values, shared by many words)
        self._feature_memo: dict[str, tuple[list[str], list[str]]] = {}
        self.char_ngrams = char_ngrams
        if profiles is None:
            from marsad.entities import profiles as _profiles

            profiles = _profiles.load()
        self.profiles: Mapping[str, str] = profiles

    # ------------------------------------------------------------------ gazetteers
    @staticmethod
    def _index_gazetteers(gazetteers: Mapping[str, Iterable[str]]) -> dict[str, dict[str, list[tuple[str, ...]]]]:
        """``{first word: [(kind, rest words...), ...]}`` with the first word article-less."""
        index: dict[str, set[tuple[str, ...]]] = {}
        for kind, names in gazetteers.items():
            for name in names:
                words = normalize(name).split()
                if not words:
                    continue
                first = strip_article(words[0])[0]
                if len(first) < 2:
                    continue
                index.setdefault(first, set()).add((kind, *words[1:]))
        # longest first; equal lengths in a fixed order (a set's order changes with the hash seed,
        # and the first entry of a length wins in _gazetteer_marks)
        return {w: sorted(v, key=lambda e: (-len(e), e)) for w, v in index.items()}  # type: ignore[misc]

    # ------------------------------------------------------------------ per word type
    def _word(self, tok: str, cache: bool = True) -> tuple[list[str], tuple[list[str], ...], tuple[str, ...], str]:
        """(own features, neighbour features per offset, candidate bases, normalised form).

        ``cache=False``: not kept.
        """
        hit = self._cache.get(tok)
        if hit is not None:
            return hit
        own, short, cands, w = self.parts(tok)
        nbs = tuple([f"{o}{f}" for f in short] for o in ("-2", "-1", "+1", "+2"))
        out = (own, nbs, cands, w)
        if cache:
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[tok] = out
        return out

    def parts(self, tok: str) -> tuple[list[str], list[str], tuple[str, ...], str]:
        """(own features, the neighbour view, candidate bases, normalised form) of a word: a
        neighbour at offset ``o`` gets the features ``o + f`` for ``f`` in the view (``-2``,
        ``-1``, ``+1``, ``+2``; see :meth:`_word`). Not cached (the fast tagger keeps what it
        needs of a word itself)."""
        w = normalize(tok)
        cands = strip_proclitics(w) if len(w) > 2 else [w]
        base = cands[-1]
        shape = word_shape(tok)
        own = ["w=" + w, "sh=" + shape, "ln=" + _len_bucket(len(w))]
        # the written form where normalising loses a distinction (على / علي, أ / ا, ة / ه)
        raw = _DIACRITICS.sub("", tok).lower() if tok != w else ""
        if raw and raw != w:
            own.append("r=" + raw)
        for c in cands[1:]:
            own.append("b=" + c)
        n = len(w)
        for k in range(1, 5):
            if n > k:
                own.append(f"p{k}={w[:k]}")
                own.append(f"s{k}={w[-k:]}")
        if base != w:
            nb = len(base)
            for k in (1, 2, 3):
                if nb > k:
                    own.append(f"bs{k}={base[-k:]}")
        k = self.char_ngrams
        if k and len(base) > k:
            # letter n-grams of the clitic-less base: transliterated foreign names stand out
            own.extend(dict.fromkeys(f"g{k}={base[i:i + k]}" for i in range(len(base) - k + 1)))
        if n > 1 and w[0] in CONJ:
            own.append("conj")
        kinds: set[str] = set()
        for c in cands:
            k = self.cues.get(c)
            if k:
                kinds.update(k)
        cue = sorted(kinds)
        for k in cue:
            own.append("cue=" + k)
        clusters = self.clusters
        cl = clusters.get(w)
        from_base = False
        if cl is None:
            for c in reversed(cands[1:]):
                cl = clusters.get(c)
                if cl is not None:
                    from_base = True
                    break
        # the base's cluster as well: it generalises over the clitics
        clb = clusters.get(base) if base != w else None
        cls: list[str] = []
        if cl is not None:
            cls = self._cluster_features(cl)[0]
            if from_base:
                own.append("cfb")
        else:
            own.append("c=none")
        own.extend(cls)
        if clb is not None and not from_base:
            own.extend(self._cluster_features(clb)[1])

        names = []
        if self._name_first and not self._name_first.isdisjoint(cands):
            names.append("nf")
        if self._name_last and not self._name_last.isdisjoint(cands):
            names.append("nl")
        own.extend(names)
        # corpus profile of the word (or of its longest base that has one)
        prof = self.profiles.get(w)
        if prof is None:
            for c in cands[1:]:
                prof = self.profiles.get(c)
                if prof is not None:
                    own.append("pfb")
                    break
        pshort: list[str] = []
        if prof is not None:
            pown, pshort = self._profile_features(prof)
            own.extend(pown)
        elif self.profiles:
            own.append("p=none")

        # neighbour view: word, base, shape, cues, clusters, profile
        short = ["w=" + w, "sh=" + shape, *pshort, *names]
        if raw and raw != w:
            short.append("r=" + raw)
        if base != w:
            short.append("b=" + base)
        short.extend("cue=" + k for k in cue)
        short.extend(cls)
        return own, short, tuple(cands), w

    def _cluster_features(self, ids: str | Sequence[str]) -> tuple[list[str], list[str]]:
        """(``c<i>=<id>``, ``cb<i>=<id>``) of a word's cluster ids (one string per id set, made once)."""
        key = ids if isinstance(ids, str) else "\t".join(ids)
        hit = self._feature_memo.get(key)
        if hit is None:
            split = ids.split("\t") if isinstance(ids, str) else ids
            hit = ([f"c{i}={cid}" for i, cid in enumerate(split)], [f"cb{i}={cid}" for i, cid in enumerate(split)])
            self._feature_memo[key] = hit
        return hit

    def _profile_features(self, prof: str) -> tuple[list[str], list[str]]:
        """(own features, neighbour view) of a word's corpus profile (made once per profile)."""
        key = "\n" + prof  # not a cluster key
        hit = self._feature_memo.get(key)
        if hit is None:
            ps = prof.split(" ")
            own = ["p" + x[0] + "=" + x[1:] for x in ps]
            own.append("pat=" + ps[0] + ps[1])
            hit = (own, ["p" + x[0] + "=" + x[1:] for x in ps if x[0] in "at"])
            self._feature_memo[key] = hit
        return hit

    # ------------------------------------------------------------------ a sentence
    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """One feature list per token (the item sequence handed to the CRF).

        A token's features are the sum of two parts (the fast tagger of
        :mod:`marsad.entities.fast` relies on it): the *static* ones, which depend on one word
        only (its own ``_word(...)[0]`` and its neighbours' ``_word(...)[1][k]`` lists, k the
        offset -2, -1, +1, +2, or the ``-2:BOS``/``+2:EOS`` markers where the sentence ends), and
        the *dynamic* ones of :meth:`dynamic` (word pairs, sentence ends, gazetteer marks).
        Feature order within a token does not matter to the CRF.
        """
        words = [self._word(t) for t in tokens]
        xseq: list[list[str]] = []
        for i in range(len(words)):
            feats = list(words[i][0])
            for k, o in enumerate(_OFFSETS):
                j = i + o
                if 0 <= j < len(words):
                    feats += words[j][1][k]
            xseq.append(feats)
        for i, f in self.dynamic(words):
            xseq[i].append(f)
        return xseq

    def dynamic(self, words: Sequence[tuple[list[str], tuple[list[str], ...], tuple[str, ...], str]]) -> Iterator[tuple[int, str]]:
        """``(token index, feature)`` of the features that depend on position: sentence ends,
        word pairs, gazetteer marks (of the token and its neighbours)."""
        n = len(words)
        if not n:
            return
        yield 0, "BOS"
        if n > 1:
            yield 1, "-2:BOS"
        yield n - 1, "EOS"
        if n > 1:
            yield n - 2, "+2:EOS"
        prev = words[0][3]
        for i in range(1, n):
            w = words[i][3]
            pair = prev + "|" + w
            yield i - 1, "bg+=" + pair
            yield i, "bg-=" + pair
            prev = w
        if self._gaz:
            for j, marks in self._gazetteer_marks(words).items():
                for i in range(max(0, j - 1), min(n, j + 2)):
                    rel = j - i
                    for m in marks:
                        yield i, f"{rel}g{m}"

    def _gaz_entries(self, word: tuple[list[str], tuple[list[str], ...], tuple[str, ...], str]
                     ) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
        """Gazetteer entries whose first word is one of the word's bases, grouped by their second
        word ("" for one-word names), each with its rank in base order (cached per word)."""
        hit = self._gaz_hits.get(word[3])
        if hit is None:
            hit = {}
            for r, e in enumerate(e for c in word[2] for e in self._gaz.get(c, ())):
                hit.setdefault(e[1] if len(e) > 1 else "", []).append((r, e))
            if len(self._gaz_hits) >= self._cache_size:
                self._gaz_hits.clear()
            self._gaz_hits[word[3]] = hit
        return hit

    def _gazetteer_marks(self, words: Sequence[tuple[list[str], tuple[list[str], ...], tuple[str, ...], str]]) -> dict[int, list[str]]:
        """``{token index: marks}`` (``SLOC``, ``BCITY``, ``ICITY``...) of the longest gazetteer names
        (of equal lengths, the first in base order)."""
        n = len(words)
        marks: dict[int, list[str]] = {}
        for i in range(n):
            hit = self._gaz_entries(words[i])
            if not hit:
                continue
            cands = hit.get("", [])
            if i + 1 < n:
                more = hit.get(words[i + 1][3])
                if more:
                    cands = cands + more
            best: tuple[int, int, str] | None = None
            for r, entry in cands:
                m = len(entry) - 1
                if i + m >= n or (best is not None and (m + 1, -r) <= best[:2]):
                    continue
                if all(words[i + 1 + k][3] == entry[1 + k] for k in range(1, m)):
                    best = (m + 1, -r, entry[0])
            if best is None:
                continue
            length, _, kind = best
            if length == 1:
                marks.setdefault(i, []).append("S" + kind)
            else:
                marks.setdefault(i, []).append("B" + kind)
                for k in range(1, length):
                    marks.setdefault(i + k, []).append("I" + kind)
        return marks
