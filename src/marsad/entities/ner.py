"""The named-entity recogniser: PER, LOC and ORG spans with character offsets into the text.

A linear-chain CRF (trained with python-crfsuite; tagged by :mod:`marsad.entities.fast`, which
gives crfsuite's tags several times faster) over marsad's own tokens (:func:`marsad.text.tokens.tokenize`:
clitics stay attached, punctuation apart), one sentence at a time, with the features of
:mod:`marsad.entities.features`. As in ANERcorp, the corpus it is trained on, a name's span
covers the whole word, proclitics included ("ولبنان", "للأمم المتحدة").

After the CRF has tagged all the sentences of a document, a document consistency pass
(:mod:`marsad.entities.consistency`) tags the mentions of the names it found that it missed
elsewhere in the same document.

The model ships in the package xz-compressed (``data/ner/model.crfsuite.xz``, decompressed once
into :func:`marsad.resources.cache_dir`) with a small JSON file beside it (``model.json``) that
says which resources its features were trained with (word clusters, gazetteer kinds) and whether
it has the consistency pass; :meth:`NerModel.load` builds the same featurizer. Train a new one
with ``marsad train-ner`` (:mod:`marsad.entities.train`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import lzma
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from marsad import resources
from marsad.entities import consistency, kernels
from marsad.entities.fast import CrfWeights, FastTagger
from marsad.entities.features import CLUSTERS_FILE, Featurizer, load_clusters
from marsad.model import Document, Entity
from marsad.text.tokens import Token, offsets, piece_offsets, split_sentences, tokenize

MODEL_FILE = "ner/model.crfsuite"
# a model file may ship xz-compressed (``model.crfsuite.xz``): decompressed once into the cache dir
COMPRESSED = ".xz"
LABELS = ("PER", "LOC", "ORG")
# longest sentence handed to the CRF in one piece (in tokens); longer runs are cut
MAX_SENT_TOKENS = 250


def meta_path(model_path: str | Path) -> Path:
    """The JSON file that describes a model: ``model.crfsuite`` (or ``model.crfsuite.xz``) -> ``model.json``."""
    p = Path(model_path)
    if p.suffix == COMPRESSED:
        p = p.with_suffix("")
    return p.with_suffix(".json")


def packaged_model_path() -> Path:
    """The model shipped in the package: ``data/ner/model.crfsuite.xz`` (or, uncompressed, ``model.crfsuite``)."""
    packed = resources.data_path(MODEL_FILE + COMPRESSED)
    return packed if packed.is_file() else resources.data_path(MODEL_FILE)


def compress_model(path: str | Path) -> Path:
    """Replace a crfsuite model file by its xz-compressed copy (``model.crfsuite`` -> ``model.crfsuite.xz``)."""
    p = Path(path)
    out = p.with_name(p.name + COMPRESSED)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(lzma.compress(p.read_bytes(), preset=9 | lzma.PRESET_EXTREME))
    os.replace(tmp, out)
    p.unlink()
    return out


def crfsuite_file(path: str | Path) -> Path:
    """The crfsuite file to open for a model file: the file itself, or for an xz-compressed one
    its decompressed copy in :func:`marsad.resources.cache_dir` (keyed by the compressed file's
    hash; written once, reused by later loads; a temporary file when the cache cannot be written)."""
    p = Path(path)
    if p.suffix != COMPRESSED:
        return p
    raw = p.read_bytes()
    digest = hashlib.blake2b(raw, digest_size=12).hexdigest()
    out = resources.cache_dir() / f"ner-model-{digest}.crfsuite"
    if out.is_file():
        return out
    data = lzma.decompress(raw)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, out)
        return out
    except OSError:  # read-only home: a private temporary copy
        fd, name = tempfile.mkstemp(prefix="marsad-ner-", suffix=".crfsuite")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return Path(name)


def sentence_tokens(text: str, spans: Iterable[tuple[int, int]] | None = None) -> Iterator[list[Token]]:
    """Word and punctuation tokens of ``text`` (or of its ``spans``), one list per sentence."""
    for a, b in spans if spans is not None else [(0, len(text))]:
        for s in split_sentences(text, a, b):
            yield from _chunks(tokenize(text, s.start, s.end))


def _chunks(toks: list[Token]) -> Iterator[list[Token]]:
    for i in range(0, len(toks), MAX_SENT_TOKENS):
        chunk = toks[i: i + MAX_SENT_TOKENS]
        if chunk:
            yield chunk


# a piece of a sentence handed to the CRF: (offset in the text at or before its first token,
# its token strings); a sentence longer than MAX_SENT_TOKENS is cut into several
Chunk = tuple[int, list[str]]


def document_chunks(doc: Document) -> list[Chunk]:
    """The CRF's pieces of ``doc``'s sentences, from the words the text stage stored
    (``doc.words``); tokenised here when it stored none."""
    if len(doc.words) != len(doc.sentences):
        return [(toks[0].start, [t.text for t in toks]) for toks in document_sentence_tokens(doc)]
    out: list[Chunk] = []
    for s, ws in zip(doc.sentences, doc.words, strict=True):
        if len(ws) <= MAX_SENT_TOKENS:
            if ws:
                out.append((s.start, ws))
            continue
        offs = offsets(doc.text, s.start, ws)
        out.extend((offs[i], ws[i: i + MAX_SENT_TOKENS]) for i in range(0, len(ws), MAX_SENT_TOKENS))
    return out


def document_sentence_tokens(doc: Document) -> list[list[Token]]:
    """The tokens of ``doc.sentences`` (as :func:`sentence_tokens` cuts them)."""
    return [c for s in doc.sentences for c in _chunks(tokenize(doc.text, s.start, s.end, doc.norm))]


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``[(first token, last token + 1, label)]`` of a BIO sequence (a stray I- opens a span)."""
    out: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None
    for i, tag in enumerate(tags):
        if tag[:2] in ("B-", "I-"):
            lab = tag[2:]
            if cur is not None and (tag[0] == "B" or cur[2] != lab):
                out.append((cur[0], cur[1], cur[2]))
                cur = None
            if cur is None:
                cur = [i, i + 1, lab]
            else:
                cur[1] = i + 1
        elif cur is not None:
            out.append((cur[0], cur[1], cur[2]))
            cur = None
    if cur is not None:
        out.append((cur[0], cur[1], cur[2]))
    return out


def build_featurizer(meta: Mapping[str, Any], base_dir: Path | None = None,
                     gazetteers: Mapping[str, Iterable[str]] | None = None) -> Featurizer:
    """The featurizer a model described by ``meta`` was trained with.

    ``meta["clusters"]``: ``"package"`` (the shipped ``data/ner/clusters.tsv.gz``), a path
    (relative to ``base_dir``) or null. ``meta["gazetteers"]``: gazetteer kinds the model
    knows, read from ``meta["gazetteer_file"]`` (``"package"``: ``data/ner/gazetteer.tsv.gz``,
    a path, or null) and/or passed in ``gazetteers`` (kinds the model does not know are ignored).
    """
    clusters = None
    src = meta.get("clusters")
    if src == "package":
        clusters = load_clusters(resources.data_path(CLUSTERS_FILE))
    elif src:
        p = Path(src)
        if not p.is_absolute() and base_dir is not None:
            p = base_dir / p
        clusters = load_clusters(p)
    kinds = set(meta.get("gazetteers") or ())
    gaz: dict[str, Iterable[str]] = {}
    gsrc = meta.get("gazetteer_file")
    if gsrc and kinds:
        from marsad.entities import gazetteer

        gp = None if gsrc == "package" else Path(gsrc)
        if gp is not None and not gp.is_absolute() and base_dir is not None:
            gp = base_dir / gp
        gaz.update({k: v for k, v in gazetteer.load(gp).items() if k in kinds})
    for k, names in (gazetteers or {}).items():
        if k in kinds:
            gaz[k] = [*gaz.get(k, ()), *names]
    # word profiles: "package" (the shipped file, also when the key is absent), a path, or null
    psrc = meta.get("profiles", "package")
    profiles: dict[str, str] | None = None  # None: the Featurizer loads the shipped file
    if not psrc:
        profiles = {}
    elif psrc != "package":
        from marsad.entities import profiles as P

        pp = Path(psrc)
        profiles = P.load(pp if pp.is_absolute() or base_dir is None else base_dir / pp)
    return Featurizer(clusters=clusters, gazetteers=gaz, char_ngrams=int(meta.get("char_ngrams", 0)),
                      profiles=profiles)


@dataclass
class NerModel:
    """A loaded CRF tagger and the featurizer it was trained with."""

    tagger: pycrfsuite.Tagger
    featurizer: Featurizer
    meta: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    # the model file as given (the compressed one for a .xz model)
    source: Path | None = None
    _fast: dict[str, FastTagger] = field(default_factory=dict, repr=False, compare=False)
    # name_key of each surface token seen (bounded), for the document consistency pass
    _keys: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _scratch: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path | None = None,
             gazetteers: Mapping[str, Iterable[str]] | None = None) -> NerModel:
        """Load a model (default: the one shipped in the package); a ``.xz`` file is decompressed
        (once: see :func:`crfsuite_file`). ``path`` is then the decompressed file, ``source`` the
        file given."""
        p = Path(path) if path is not None else packaged_model_path()
        if not p.is_file():
            raise FileNotFoundError(f"no NER model at {p}")
        mp = meta_path(p)
        meta: dict[str, Any] = json.loads(mp.read_text(encoding="utf-8")) if mp.is_file() else {}
        crf = crfsuite_file(p)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(crf))
        return cls(tagger, build_featurizer(meta, p.parent, gazetteers), meta, crf, p)

    def tag_tokens(self, words: Sequence[str]) -> list[str]:
        """BIO tags (``B-PER``, ``I-LOC``, ``O``...) of one sentence of surface tokens, by crfsuite.

        The reference implementation of the CRF: ``self.fast.tag`` gives the same tags faster
        (:meth:`tag_sentences` adds the document consistency pass).

        Models trained with MISC as a label may return ``B-MISC``/``I-MISC``; :meth:`entities`
        drops them.
        """
        if not words:
            return []
        return list(self.tagger.tag(self.featurizer.sentence(words)))

    @property
    def fast(self) -> FastTagger:
        """The fast tagger over the same weights (built on first use; the weights are cached on disk)."""
        ft = self._fast.get("tagger")
        if ft is None:
            if self.path is None:
                raise ValueError("the fast tagger needs the model file")
            ft = FastTagger(CrfWeights.load(self.path), self.featurizer)
            self._fast["tagger"] = ft
        return ft

    @property
    def consistency(self) -> Mapping[str, Any] | None:
        """The settings of the document consistency pass (``model.json`` ``"consistency"``;
        None: no pass, the CRF's tags as they are)."""
        c = self.meta.get("consistency")
        return c if isinstance(c, dict) else None

    def _key(self, token: str) -> str:
        k = self._keys.get(token)
        if k is None:
            if len(self._keys) >= 200_000:
                self._keys.clear()
            k = self._keys[token] = consistency.name_key(token)
        return k

    def harmonise(self, sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
                  context: tuple[Sequence[Sequence[str]], Sequence[Sequence[str]]] | None = None) -> list[list[str]]:
        """The document consistency pass (:mod:`marsad.entities.consistency`) over the CRF's
        ``tags`` of ``sentences`` (one document; ``context``: the document's sentences and tags
        the names are collected from, by default these), when the model has one. (The pipeline
        runs the same pass on label arrays: :meth:`documents_entities`.)"""
        c = self.consistency
        if c is None:
            return [list(t) for t in tags]
        return consistency.harmonise(sentences, tags, c.get("labels", LABELS), context, self._key,
                                     c.get("min_chars", 3), c.get("max_len", 6),
                                     self._margin_check(sentences, c.get("min_margin")))

    def _margin_check(self, sentences: Sequence[Sequence[str]], margin: float | None) -> consistency.Allow | None:
        """``allow(mentions)`` of the consistency pass: the mentions ``(sentence, token, label)``
        on whose token the CRF's state score of ``B-label`` is at least its score of ``O`` plus
        ``margin`` (None: no check); only the sentences with a candidate mention are scored."""
        if margin is None:
            return None
        fast = self.fast
        index = {lab: i for i, lab in enumerate(fast.labels)}
        o = index["O"]

        def allow(mentions: list[consistency.Mention]) -> set[consistency.Mention]:
            need = sorted({s for s, _, _ in mentions})
            em = fast.emissions([sentences[s] for s in need])
            start: dict[int, int] = {}
            pos = 0
            for s in need:
                start[s] = pos
                pos += len(sentences[s])
            out = set()
            for s, i, label in mentions:
                b = index.get("B-" + label)
                row = start[s] + i
                if b is not None and em[row, b] - em[row, o] >= margin:
                    out.add((s, i, label))
            return out

        return allow

    def tag_sentences(self, sentences: Iterable[Sequence[Token]]) -> Iterator[tuple[Sequence[Token], list[str]]]:
        """Each sentence of one document with its BIO tags (all sentences are decoded together,
        then the document consistency pass runs over them)."""
        sents = list(sentences)
        words = [[t.text for t in toks] for toks in sents]
        yield from zip(sents, self.harmonise(words, self.fast.tag(words)), strict=True)

    def documents_entities(self, texts: Sequence[str], documents: Sequence[Sequence[Chunk]],
                           codes: Sequence[np.ndarray | None] | None = None) -> list[list[Entity]]:
        """The entities of several documents (``documents[d]``: the pieces of the sentences of
        ``texts[d]``, :func:`document_chunks`): what :meth:`sentence_entities` gives for each,
        with one decoding for all. ``codes[d]``: the code points of ``texts[d]``, when the caller
        has them.

        The CRF's labels stay integer arrays; the spans and the consistency pass are computed on
        them (:func:`_label_spans`, :meth:`_propagate`), and token offsets only for the pieces
        that hold a name."""
        chunks = [c for doc in documents for c in doc if c[1]]
        sents = [ws for _, ws in chunks]
        fast = self.fast
        y, em, kid = fast.labels_of(sents)
        lens = np.fromiter(map(len, sents), dtype=np.intp, count=len(sents))
        send = np.cumsum(lens)  # end of each piece, in tokens
        sid = np.repeat(np.arange(len(sents)), lens)
        scheme = _Scheme.of(fast.labels)
        starts, ends = _label_spans(y, sid, scheme)
        kinds = scheme.kind[y[starts]] if len(starts) else np.zeros(0, dtype=np.intp)
        doc_at = np.zeros(len(documents) + 1, dtype=np.intp)
        np.cumsum([sum(len(ws) for _, ws in doc) for doc in documents], out=doc_at[1:])
        span_at = np.searchsorted(starts, doc_at).tolist()
        added = self._propagate_batch(y, em, kid, sid, send, doc_at, span_at, starts, ends, kinds, scheme)
        out: list[list[Entity]] = []
        bounds = doc_at.tolist()
        for d, text in enumerate(texts):
            a, b = bounds[d], bounds[d + 1]
            i, j = span_at[d], span_at[d + 1]
            spans = list(zip(starts[i:j].tolist(), ends[i:j].tolist(), kinds[i:j].tolist(), strict=True))
            if added is not None:
                if added.get(d):
                    spans = sorted(spans + added[d])
            elif spans and self.consistency is not None:
                spans = self._propagate(spans, y, em, kid, sid, send, a, b, scheme)
            ents = []
            named = [sp for sp in spans if scheme.kinds[sp[2]] in LABELS]
            groups = [(c, list(group)) for c, group in groupby(named, key=lambda sp: int(sid[sp[0]]))]
            # the offsets of each piece's tokens up to its last name (spans are in order)
            firsts = [int(send[c]) - len(sents[c]) for c, _ in groups]
            pieces = [(chunks[c][0], sents[c][: in_piece[-1][1] - first]) for (c, in_piece), first in zip(groups, firsts, strict=True)]
            offs = piece_offsets(text, pieces, codes[d] if codes is not None else None)
            for (c, in_piece), first, at in zip(groups, firsts, offs, strict=True):
                ws = sents[c]
                for s0, e0, k in in_piece:
                    c0 = at[s0 - first]
                    c1 = at[e0 - 1 - first] + len(ws[e0 - 1 - first])
                    ents.append(Entity(c0, c1, scheme.kinds[k], text[c0:c1]))
            out.append(ents)
        return out

    def _propagate_batch(self, y: np.ndarray, em: np.ndarray, kid: np.ndarray, sid: np.ndarray, send: np.ndarray,
                         doc_at: np.ndarray, span_at: list[int], starts: np.ndarray, ends: np.ndarray, kinds: np.ndarray,
                         scheme: _Scheme) -> dict[int, list[tuple[int, int, int]]] | None:
        """The document consistency pass of every document of a batch in one compiled loop
        (:func:`marsad.entities.kernels.propagate`: what :meth:`_propagate` adds to each
        document's spans), as ``{document: [(first token, end, kind), ...]}``; None when the
        loop is not compiled or the model has no consistency pass (then :meth:`_propagate`)."""
        c = self.consistency
        jit = kernels.load()
        if c is None or jit is None:
            return None
        if not len(starts):
            return {}
        labels = frozenset(c.get("labels", LABELS))
        named = np.array([kind in labels for kind in scheme.kinds])
        margin = c.get("min_margin")
        found = jit.propagate(y, em, kid, self.fast.key_lengths(), send, sid, doc_at, np.asarray(span_at, dtype=np.intp),
                              starts, ends, kinds, named, np.asarray(scheme.begin, dtype=np.intp), scheme.inside, scheme.o,
                              int(c.get("min_chars", 3)), int(c.get("max_len", 6)),
                              float(margin) if margin is not None else 0.0, margin is not None)
        out: dict[int, list[tuple[int, int, int]]] = {}
        for i, e, k, d in found.tolist():
            out.setdefault(d, []).append((i, e, k))
        return out

    def _key_marks(self, fast: FastTagger) -> np.ndarray:
        """A boolean per name key id of the tagger, all False (a scratch array, grown as needed)."""
        need = len(fast._key_text)
        marks = self._scratch.get("marks")
        if marks is None or len(marks) < need:
            marks = self._scratch["marks"] = np.zeros(max(need, 1024) * 2, dtype=bool)
        return marks

    def _propagate(self, spans: list[tuple[int, int, int]], y: np.ndarray, em: np.ndarray, kid: np.ndarray,
                   sid: np.ndarray, send: np.ndarray, a: int, b: int, scheme: _Scheme) -> list[tuple[int, int, int]]:
        """The document consistency pass (:func:`marsad.entities.consistency.harmonise`, same
        result) over the spans ``(first token, end, kind)`` of one document (tokens ``a`` to ``b``
        of the batch): the spans with the names' mentions the CRF missed added."""
        c = self.consistency
        assert c is not None
        fast = self.fast
        labels = frozenset(c.get("labels", LABELS))
        named = frozenset(k for k, kind in enumerate(scheme.kinds) if kind in labels)
        min_chars, max_len = c.get("min_chars", 3), c.get("max_len", 6)
        margin = c.get("min_margin")
        keys = kid[a:b].tolist()
        key_text = fast._key_text
        found: dict[tuple[int, ...], dict[int, int]] = {}  # name -> label -> count, in order of sight
        for s0, e0, k in spans:
            if k not in named or e0 - s0 > max_len or (e0 - s0 == 1 and len(key_text[keys[s0 - a]]) < min_chars):
                continue
            seen = found.get(key := tuple(keys[s0 - a:e0 - a]))
            if seen is None:
                found[key] = {k: 1}
            else:
                seen[k] = seen.get(k, 0) + 1
        if not found:
            return spans
        # the label each name got most often (the first seen of equal counts)
        names = {key: next(iter(ks)) if len(ks) == 1 else max(ks.items(), key=itemgetter(1))[0]
                 for key, ks in found.items()}
        lengths: dict[int, list[int]] = {}
        for key in names:
            lengths.setdefault(key[0], []).append(len(key))
        for ns in lengths.values():
            ns.sort(reverse=True)
        o = scheme.o
        tags = y[a:b].tolist()
        added: list[tuple[int, int, int]] = []
        taken: dict[int, int] = {}  # sentence -> end of the last mention added in it
        # the untagged tokens whose key starts a name (a mark per key id, set and cleared here)
        mark = self._key_marks(fast)
        firsts = np.fromiter(lengths, dtype=np.int64, count=len(lengths))
        mark[firsts] = True
        cands = np.flatnonzero(mark[kid[a:b]] & (y[a:b] == o)).tolist()
        mark[firsts] = False
        for r in cands:
            key = keys[r]
            i = a + r
            sent = int(sid[i])
            stop = int(send[sent]) - a
            for n in lengths[key]:
                if r + n > stop or (n > 1 and tags[r + 1:r + n].count(o) != n - 1):
                    continue
                if r + n < stop and scheme.inside[tags[r + n]]:
                    continue  # a name is a whole token run: not glued to the inside of a next one
                k = names.get(tuple(keys[r:r + n]))
                if k is None or r < taken.get(sent, 0):
                    continue
                if margin is not None and (scheme.begin[k] < 0 or em[i, scheme.begin[k]] - em[i, o] < margin):
                    continue
                added.append((i, i + n, k))
                taken[sent] = r + n
        return sorted(spans + added) if added else spans

    def entities(self, text: str, spans: Iterable[tuple[int, int]] | None = None) -> list[Entity]:
        """Entities of ``text`` (or of its ``spans``, e.g. ``Document.body``), in text order.

        ``text`` is one document: the consistency pass spreads the names found across it."""
        return self.sentence_entities(text, sentence_tokens(text, spans))

    def sentence_entities(self, text: str, sentences: Iterable[Sequence[Token]]) -> list[Entity]:
        """Entities of the given sentences (token lists, one document) of ``text``, in text order."""
        return _entities(text, self.tag_sentences(sentences))


@dataclass(frozen=True)
class EntityStage:
    """Pipeline stage: ``doc.entities`` from the body of ``doc.text``.

    The model is loaded on first use, once per stage instance (``model_path`` None: the
    packaged model).
    """

    model_path: str | None = None
    name: str = "entities"
    _cache: dict[str, NerModel] = field(default_factory=dict, repr=False, compare=False, hash=False)

    @property
    def model(self) -> NerModel:
        m = self._cache.get("model")
        if m is None:
            m = NerModel.load(self.model_path)
            self._cache["model"] = m
        return m

    def __reduce__(self) -> tuple[Any, ...]:
        # picklable for worker processes: the loaded model is not sent, each copy loads its own
        return (EntityStage, (self.model_path, self.name))

    def __call__(self, doc: Document) -> None:
        self.pipe([doc])

    def pipe(self, docs: list[Document]) -> None:
        """``doc.entities`` of several documents, their sentences decoded together (one batched
        Viterbi costs about what one document's does); the consistency pass stays per document."""
        per_doc = [_chunks_of(doc) for doc in docs]
        codes = [d.norm.codes if d.norm is not None and d.norm.original is d.text else None for d in docs]
        for doc, ents in zip(docs, self.model.documents_entities([d.text for d in docs], per_doc, codes), strict=True):
            doc.entities = ents


def _chunks_of(doc: Document) -> list[Chunk]:
    if doc.sentences:  # the text stage's sentences (and words) of the body
        return document_chunks(doc)
    spans = doc.body or ([(0, len(doc.text))] if doc.text else [])
    return [(t[0].start, [x.text for x in t]) for t in sentence_tokens(doc.text, spans)] if spans else []


@dataclass(frozen=True)
class _Scheme:
    """The BIO label set of a model as arrays over label indices: ``kind`` (index into ``kinds``,
    -1 for O), ``is_begin``, ``inside`` (an I- label), ``o`` and per kind its B- label ``begin``
    (-1: none)."""

    kinds: tuple[str, ...]
    kind: np.ndarray
    is_begin: np.ndarray
    inside: np.ndarray
    o: int
    begin: tuple[int, ...]

    @classmethod
    @functools.cache
    def of(cls, labels: tuple[str, ...]) -> _Scheme:
        kinds = tuple(dict.fromkeys(lab[2:] for lab in labels if lab[:2] in ("B-", "I-")))
        kind = np.array([kinds.index(lab[2:]) if lab[:2] in ("B-", "I-") else -1 for lab in labels], dtype=np.intp)
        is_begin = np.array([lab[:2] == "B-" for lab in labels])
        inside = np.array([lab[:2] == "I-" for lab in labels])
        begin = tuple(labels.index("B-" + k) if "B-" + k in labels else -1 for k in kinds)
        return cls(kinds, kind, is_begin, inside, labels.index("O"), begin)


def _label_spans(y: np.ndarray, sid: np.ndarray, scheme: _Scheme) -> tuple[np.ndarray, np.ndarray]:
    """(first token, end) of the spans of a flat BIO label sequence whose sentences are ``sid``,
    as :func:`bio_spans` cuts each sentence: a B- label or a change of kind opens a span, a stray
    I- opens one too."""
    k = scheme.kind[y]
    named = k >= 0
    cont = np.zeros(len(y), dtype=bool)
    if len(y) > 1:
        cont[1:] = named[1:] & ~scheme.is_begin[y[1:]] & (k[1:] == k[:-1]) & (sid[1:] == sid[:-1])
    starts = np.flatnonzero(named & ~cont)
    last = named.copy()
    last[:-1] &= ~cont[1:]
    return starts, np.flatnonzero(last) + 1


def _entities(text: str, tagged: Iterable[tuple[Sequence[Token], list[str]]]) -> list[Entity]:
    """Entities of tagged sentences of ``text``, in text order."""
    out: list[Entity] = []
    for toks, tags in tagged:
        for i, j, lab in bio_spans(tags):
            if lab not in LABELS:
                continue
            a, b = toks[i].start, toks[j - 1].end
            out.append(Entity(a, b, lab, text[a:b]))
    return out


__all__ = ["LABELS", "Chunk", "EntityStage", "NerModel", "bio_spans", "document_chunks", "document_sentence_tokens", "sentence_tokens"]
