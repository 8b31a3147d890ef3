"""Training and evaluating the named-entity recogniser (``marsad train-ner``).

Input: CoNLL files, one ``token TAG`` per line (the tag in the last column, BIO, labels
PER/PERS, LOC, ORG, MISC/MIS; anything else counts as O), a blank line between sentences.
MISC names are learnt as a label of their own (``TrainParams.misc``) but never output or scored.
Each sentence is turned into a text the way ``score_ner.py --to-jsonl`` does it (tokens joined by
single spaces) with its gold character spans, and then cut with marsad's own sentence splitter
and tokenizer, exactly as at tagging time; the gold spans are projected onto those tokens. So
training, tagging and scoring all see the same tokens and the same character offsets.

Evaluation is by exact character spans (precision, recall, F1 per label and overall), the same
measure as ``score_ner.py``. The corpora have no document boundaries (their sentences are in
article order), so for a model with the document consistency pass
(:mod:`marsad.entities.consistency`) the ``doc_window`` sentences before and after a sentence
stand for its document: the names the CRF found there are spread to it (the CRF's tags only,
never the gold ones, as at tagging time). Cross-validation cuts the files into K contiguous
blocks of sentences (neighbouring sentences of one article stay together) and trains the K models
in parallel worker processes; extra corpora (``extra``) are added to every training fold but
never tested on.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycrfsuite

from marsad import resources
from marsad.entities.features import CLUSTERS_FILE
from marsad.entities.gazetteer import GAZETTEER_FILE
from marsad.entities.ner import (
    COMPRESSED,
    LABELS,
    NerModel,
    bio_spans,
    build_featurizer,
    compress_model,
    meta_path,
    sentence_tokens,
)

_LABEL = {"PER": "PER", "PERS": "PER", "LOC": "LOC", "ORG": "ORG"}
_MISC = {"MISC": "MISC", "MIS": "MISC"}

Span = tuple[int, int, str]


@dataclass(frozen=True)
class GoldDoc:
    """One CoNLL sentence as text (tokens joined by spaces) and its gold entity spans."""

    text: str
    spans: tuple[Span, ...]
    doc_id: str = ""
    # MISC/MIS names: not scored nor output, but may be learnt as a label of their own so that
    # the "O" class is not a mix of plain words and names of other kinds
    misc: tuple[Span, ...] = ()


@dataclass
class TrainParams:
    c1: float = 0.05
    c2: float = 0.05
    iterations: int = 150
    # "package" (the shipped word clusters), a file path, or None
    clusters: str | None = "package"
    min_freq: int = 1
    # learn MISC as a fourth label (dropped from the output)
    misc: bool = True
    # letter n-grams of each word's base as features (0: none)
    char_ngrams: int = 0
    # gazetteer names: "package" (data/ner/gazetteer.tsv.gz), a file path, or None; the kinds used
    gazetteer_file: str | None = None
    gazetteer_kinds: tuple[str, ...] = ()
    # the document consistency pass after the CRF (written to model.json; see marsad.entities.consistency)
    consistency: bool = True
    # in evaluation, the sentences before and after a sentence that stand for its document
    doc_window: int = 20
    extra_meta: dict[str, Any] = field(default_factory=dict)


def read_conll(path: str | Path) -> list[GoldDoc]:
    """Sentences of a CoNLL file as :class:`GoldDoc` (same text and spans as ``score_ner.py``)."""
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    docs = []
    for k, sent in enumerate(sents):
        words: list[str] = []
        spans: list[Span] = []
        misc: list[Span] = []
        pos = 0
        open_span: list[Any] | None = None
        for i, (tok, tag) in enumerate(sent):
            if i:
                pos += 1
            start, end = pos, pos + len(tok)
            pos = end
            words.append(tok)
            lab = _LABEL.get(tag[2:], _MISC.get(tag[2:])) if tag[:2] in ("B-", "I-") else None
            if open_span and (tag.startswith("B-") or lab != open_span[2]):
                (misc if open_span[2] == "MISC" else spans).append((open_span[0], open_span[1], open_span[2]))
                open_span = None
            if lab:
                if open_span:
                    open_span[1] = end
                else:
                    open_span = [start, end, lab]
        if open_span:
            (misc if open_span[2] == "MISC" else spans).append((open_span[0], open_span[1], open_span[2]))
        docs.append(GoldDoc(" ".join(words), tuple(spans), f"s{k:05d}", tuple(misc)))
    return docs


def sequences(docs: Iterable[GoldDoc], misc: bool = False) -> list[tuple[list[str], list[str]]]:
    """(surface tokens, BIO tags) per marsad sentence, gold spans projected onto the tokens.

    A span whose edges fall inside a token (not seen in ANERcorp or AQMAR) is widened to whole
    tokens; a span that crosses a sentence end is cut there. ``misc``: tag MISC names too.
    """
    out = []
    for d in docs:
        for toks in sentence_tokens(d.text):
            tags = ["O"] * len(toks)
            for a, b, lab in (*d.spans, *d.misc) if misc else d.spans:
                inside = [i for i, t in enumerate(toks) if t.start < b and t.end > a]
                for n, i in enumerate(inside):
                    tags[i] = ("B-" if n == 0 else "I-") + lab
            out.append(([t.text for t in toks], tags))
    return out


def _meta(params: TrainParams) -> dict[str, Any]:
    clusters = params.clusters
    if clusters and clusters != "package":
        p = Path(clusters).resolve()
        clusters = "package" if p == resources.data_path(CLUSTERS_FILE).resolve() else str(p)
    gfile = params.gazetteer_file
    if gfile and gfile != "package":
        gp = Path(gfile).resolve()
        gfile = "package" if gp == resources.data_path(GAZETTEER_FILE).resolve() else str(gp)
    meta = {
        "format": 1,
        "features": "marsad.entities.features.Featurizer",
        "clusters": clusters,
        "gazetteers": list(params.gazetteer_kinds),
        "gazetteer_file": gfile,
        "c1": params.c1,
        "c2": params.c2,
        "iterations": params.iterations,
        "misc": params.misc,
        "char_ngrams": params.char_ngrams,
        "profiles": "package",  # the featurizer's default: data/ner/profiles.tsv.gz
    }
    if params.consistency:
        meta["consistency"] = {"labels": list(LABELS), "min_chars": 3, "max_len": 6, "min_margin": -1.0}
    meta.update(params.extra_meta)
    return meta


def train(docs: Iterable[GoldDoc], model_path: str | Path, params: TrainParams | None = None,
          gazetteers: Mapping[str, Iterable[str]] | None = None, verbose: bool = False) -> Path:
    """Train a CRF on ``docs``; writes ``model_path`` (xz-compressed if it ends in ``.xz``) and
    its ``.json`` description."""
    params = params or TrainParams()
    meta = _meta(params)
    featurizer = build_featurizer(meta, gazetteers=gazetteers)
    trainer = pycrfsuite.Trainer(verbose=verbose)
    n_tok = 0
    seqs = sequences(docs, params.misc)
    for words, tags in seqs:
        trainer.append(featurizer.sentence(words), tags)
        n_tok += len(words)
    trainer.select("lbfgs")
    trainer.set_params({
        "c1": params.c1,
        "c2": params.c2,
        "max_iterations": params.iterations,
        "feature.possible_transitions": True,
        "feature.minfreq": params.min_freq,
    })
    out = Path(model_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == COMPRESSED:  # model.crfsuite.xz: trained to model.crfsuite, then compressed
        trainer.train(str(out.with_suffix("")))
        compress_model(out.with_suffix(""))
    else:
        trainer.train(str(out))
    meta["trained_on"] = {"sentences": len(seqs), "tokens": n_tok}
    meta.update(params.extra_meta)
    meta_path(out).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


# ---------------------------------------------------------------------------- evaluation
Counts = dict[str, list[int]]  # label -> [tp, fp, fn]


def count(model: NerModel, docs: Sequence[GoldDoc], doc_window: int = 20) -> Counts:
    """True positives, false positives and false negatives per label (exact character spans).

    ``docs`` are consecutive sentences; for the consistency pass, the ``doc_window`` ones before
    and after each stand for its document (the CRF tags every sentence once).
    """
    c: Counts = {lab: [0, 0, 0] for lab in LABELS}
    # the marsad sentences of each corpus sentence (marsad may cut one in several), their words
    # and the CRF's tags
    sents = [list(sentence_tokens(d.text)) for d in docs]
    words = [[[t.text for t in s] for s in ss] for ss in sents]
    crf = iter(model.fast.tag([w for ws in words for w in ws]))
    tags = [[next(crf) for _ in ss] for ss in sents]
    for i, d in enumerate(docs):
        lo, hi = max(0, i - doc_window), min(len(docs), i + doc_window + 1)
        context = ([w for ws in words[lo:hi] for w in ws], [t for ts in tags[lo:hi] for t in ts])
        pred = {(toks[a].start, toks[b - 1].end, lab)
                for toks, tg in zip(sents[i], model.harmonise(words[i], tags[i], context), strict=True)
                for a, b, lab in bio_spans(tg) if lab in LABELS}
        gold = set(d.spans)
        for lab in LABELS:
            g = {s for s in gold if s[2] == lab}
            p = {s for s in pred if s[2] == lab}
            c[lab][0] += len(g & p)
            c[lab][1] += len(p - g)
            c[lab][2] += len(g - p)
    return c


def report(c: Counts) -> dict[str, dict[str, float]]:
    """``{label | "ALL": {precision, recall, f1, gold}}``."""
    out = {}
    for lab in (*LABELS, "ALL"):
        tp, fp, fn = (sum(c[x][i] for x in LABELS) for i in range(3)) if lab == "ALL" else c[lab]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[lab] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": tp + fn}
    return out


def format_report(rep: Mapping[str, Mapping[str, float]]) -> str:
    lines = [f"{lab:4s} gold {int(m['gold']):6d}  P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
             for lab, m in rep.items()]
    return "\n".join(lines)


def evaluate(model: NerModel, docs: Sequence[GoldDoc], doc_window: int = 20) -> dict[str, dict[str, float]]:
    return report(count(model, docs, doc_window))


def _fold_job(args: tuple[int, list[GoldDoc], list[GoldDoc], TrainParams, Mapping[str, Iterable[str]] | None]) -> Counts:
    k, train_docs, test_docs, params, gazetteers = args
    with tempfile.TemporaryDirectory(prefix="marsad-ner-cv-") as tmp:
        path = train(train_docs, Path(tmp) / f"fold{k}.crfsuite", params, gazetteers)
        model = NerModel.load(path, gazetteers=gazetteers)
        return count(model, test_docs, params.doc_window)


def cross_validate(docs: Sequence[GoldDoc], folds: int = 10, params: TrainParams | None = None,
                   extra: Sequence[GoldDoc] = (), workers: int = 2,
                   gazetteers: Mapping[str, Iterable[str]] | None = None,
                   log: Any = None) -> dict[str, Any]:
    """K-fold cross-validation over contiguous blocks of ``docs``; ``extra`` joins every training set."""
    params = params or TrainParams()
    n = len(docs)
    bounds = [(k * n // folds, (k + 1) * n // folds) for k in range(folds)]
    jobs = []
    for k, (a, b) in enumerate(bounds):
        train_docs = [*docs[:a], *docs[b:], *extra]
        jobs.append((k, train_docs, list(docs[a:b]), params, gazetteers))
    total: Counts = {lab: [0, 0, 0] for lab in LABELS}
    per_fold = []
    t0 = time.time()
    if workers <= 1:
        results = map(_fold_job, jobs)
    else:
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(_fold_job, jobs)
    try:
        for k, c in enumerate(results):
            for lab in LABELS:
                for i in range(3):
                    total[lab][i] += c[lab][i]
            f = report(c)["ALL"]["f1"]
            per_fold.append(f)
            if log is not None:
                print(f"fold {k + 1}/{folds}: F1 {f:.3f} ({time.time() - t0:.0f}s)", file=log, flush=True)
    finally:
        if workers > 1:
            pool.shutdown()
    return {"folds": folds, "per_fold_f1": per_fold, "report": report(total)}


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def load_docs(paths: Iterable[str | Path]) -> list[GoldDoc]:
    out: list[GoldDoc] = []
    for p in paths:
        out.extend(read_conll(p))
    return out


__all__ = [
    "GoldDoc", "TrainParams", "cross_validate", "evaluate", "format_report", "load_docs", "read_conll",
    "report", "sequences", "train",
]

if __name__ == "__main__":  # pragma: no cover
    from marsad.commands.train_ner import main

    sys.exit(main())
