"""The named-entity recogniser: PER, LOC and ORG spans with character offsets into the text.

A linear-chain CRF (trained with python-crfsuite; tagged by :mod:`marsad.entities.fast`, which
gives crfsuite's tags several times faster) over marsad's own tokens (:func:`marsad.text.tokens.tokenize`:
clitics stay attached, punctuation apart), one sentence at a time, with the features of
:mod:`marsad.entities.features`. As in ANERcorp, the corpus it is trained on, a name's span
covers the whole word, proclitics included ("ولبنان", "للأمم المتحدة").

The model ships in the package (``data/ner/model.crfsuite``) with a small JSON file beside it
(``model.json``) that says which resources its features were trained with (word clusters,
gazetteer kinds); :meth:`NerModel.load` builds the same featurizer. Train a new one with
``marsad train-ner`` (:mod:`marsad.entities.train`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycrfsuite

from marsad import resources
from marsad.entities.fast import CrfWeights, FastTagger
from marsad.entities.features import CLUSTERS_FILE, Featurizer, load_clusters
from marsad.model import Document, Entity
from marsad.text.tokens import Token, split_sentences, tokenize

MODEL_FILE = "ner/model.crfsuite"
LABELS = ("PER", "LOC", "ORG")
# longest sentence handed to the CRF in one piece (in tokens); longer runs are cut
MAX_SENT_TOKENS = 250


def meta_path(model_path: str | Path) -> Path:
    """The JSON file that describes a model: ``model.crfsuite`` -> ``model.json``."""
    return Path(model_path).with_suffix(".json")


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


def document_sentence_tokens(doc: Document) -> list[list[Token]]:
    """The tokens of ``doc.tokens`` grouped by ``doc.sentences`` (as :func:`sentence_tokens` cuts them)."""
    out: list[list[Token]] = []
    toks = doc.tokens
    j = 0
    for s in doc.sentences:
        while j < len(toks) and toks[j].start < s.start:
            j += 1
        k = j
        while k < len(toks) and toks[k].end <= s.end:
            k += 1
        out.extend(_chunks(toks[j:k]))
        j = k
    return out


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
    _fast: dict[str, FastTagger] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path | None = None,
             gazetteers: Mapping[str, Iterable[str]] | None = None) -> NerModel:
        """Load a model (default: the one shipped in the package)."""
        p = Path(path) if path is not None else resources.data_path(MODEL_FILE)
        if not p.is_file():
            raise FileNotFoundError(f"no NER model at {p}")
        mp = meta_path(p)
        meta: dict[str, Any] = json.loads(mp.read_text(encoding="utf-8")) if mp.is_file() else {}
        tagger = pycrfsuite.Tagger()
        tagger.open(str(p))
        return cls(tagger, build_featurizer(meta, p.parent, gazetteers), meta, p)

    def tag_tokens(self, words: Sequence[str]) -> list[str]:
        """BIO tags (``B-PER``, ``I-LOC``, ``O``...) of one sentence of surface tokens, by crfsuite.

        The reference implementation: :meth:`tag_sentences` gives the same tags faster.

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

    def tag_sentences(self, sentences: Iterable[Sequence[Token]]) -> Iterator[tuple[Sequence[Token], list[str]]]:
        """Each sentence with its BIO tags (all sentences are decoded together)."""
        sents = list(sentences)
        yield from zip(sents, self.fast.tag([[t.text for t in toks] for toks in sents]), strict=True)

    def entities(self, text: str, spans: Iterable[tuple[int, int]] | None = None) -> list[Entity]:
        """Entities of ``text`` (or of its ``spans``, e.g. ``Document.body``), in text order."""
        return self.sentence_entities(text, sentence_tokens(text, spans))

    def sentence_entities(self, text: str, sentences: Iterable[Sequence[Token]]) -> list[Entity]:
        """Entities of the given sentences (token lists) of ``text``, in text order."""
        out: list[Entity] = []
        for toks, tags in self.tag_sentences(sentences):
            for i, j, lab in bio_spans(tags):
                if lab not in LABELS:
                    continue
                a, b = toks[i].start, toks[j - 1].end
                out.append(Entity(a, b, lab, text[a:b]))
        return out


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
        if doc.sentences and doc.tokens:  # the text stage's sentences and tokens of the body
            doc.entities = self.model.sentence_entities(doc.text, document_sentence_tokens(doc))
            return
        spans = doc.body or ([(0, len(doc.text))] if doc.text else [])
        doc.entities = self.model.entities(doc.text, spans) if spans else []


__all__ = ["LABELS", "EntityStage", "NerModel", "bio_spans", "document_sentence_tokens", "sentence_tokens"]
