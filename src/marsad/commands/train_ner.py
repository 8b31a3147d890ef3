"""``marsad train-ner``: train (and cross-validate) the named-entity recogniser."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "train-ner",
        help="train the named-entity recogniser (PER, LOC, ORG) on CoNLL files",
        description=(
            "Train the CRF named-entity recogniser on CoNLL files (token TAG per line, BIO tags with "
            "PER/PERS, LOC, ORG; other labels are dropped) and/or report K-fold cross-validation."
        ),
    )
    p.add_argument("conll", nargs="+", metavar="CONLL", help="training corpora (CoNLL)")
    p.add_argument("-o", "--output", metavar="MODEL",
                   help="model file to write (model.crfsuite, or model.crfsuite.xz to compress it; a .json is written beside it)")
    p.add_argument("--extra", nargs="*", default=[], metavar="CONLL",
                   help="additional training corpora: used for training, never for cross-validation testing")
    p.add_argument("--c1", type=float, default=0.05, help="L1 regularisation (default 0.05)")
    p.add_argument("--c2", type=float, default=0.05, help="L2 regularisation (default 0.05)")
    p.add_argument("--iterations", type=int, default=150, help="L-BFGS iterations (default 150)")
    p.add_argument("--min-freq", type=int, default=1, help="drop features seen fewer times (default 1)")
    p.add_argument("--no-misc", dest="misc", action="store_false",
                   help="do not learn MISC names as a label of their own (by default they are learnt, never output)")
    p.add_argument("--clusters", default="package",
                   help="word clusters: 'package' (shipped file, default), a .tsv[.gz] path, or 'none'")
    p.add_argument("--gazetteer", default="none",
                   help="gazetteer names: 'package' (shipped data/ner/gazetteer.tsv.gz), a .tsv[.gz] path, or 'none' (default)")
    p.add_argument("--gazetteer-kinds", default="CTRY,CITY", help="gazetteer kinds to use (default CTRY,CITY)")
    p.add_argument("--no-consistency", dest="consistency", action="store_false",
                   help="no document consistency pass after the CRF (by default the model has one)")
    p.add_argument("--doc-window", type=int, default=20, metavar="N",
                   help="in evaluation, the N sentences before and after a sentence stand for its document (default 20)")
    p.add_argument("--folds", type=int, default=0, metavar="K", help="report K-fold cross-validation on CONLL")
    p.add_argument("--workers", type=int, default=0, help="processes for cross-validation (default: up to 2)")
    p.add_argument("--eval", nargs="*", default=[], metavar="CONLL", help="score the trained model on these files")
    p.add_argument("--json", metavar="FILE", help="write the reports as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from marsad.entities import train as T
    from marsad.entities.ner import NerModel

    if not args.output and not args.folds:
        print("train-ner: nothing to do (give -o MODEL and/or --folds K)", file=sys.stderr)
        return 2
    if args.output and args.json:
        from marsad.entities.ner import meta_path

        if Path(args.json).resolve() == meta_path(args.output).resolve():
            print(f"train-ner: --json {args.json} would overwrite the model description; choose another name",
                  file=sys.stderr)
            return 2
    clusters = None if args.clusters in ("", "none") else args.clusters
    gfile = None if args.gazetteer in ("", "none") else args.gazetteer
    kinds = tuple(k for k in args.gazetteer_kinds.split(",") if k) if gfile else ()
    params = T.TrainParams(c1=args.c1, c2=args.c2, iterations=args.iterations, clusters=clusters,
                           min_freq=args.min_freq, misc=args.misc, gazetteer_file=gfile, gazetteer_kinds=kinds,
                           consistency=args.consistency, doc_window=args.doc_window)
    docs = T.load_docs(args.conll)
    extra = T.load_docs(args.extra)
    out: dict[str, Any] = {"params": {"c1": args.c1, "c2": args.c2, "iterations": args.iterations,
                                      "clusters": clusters, "min_freq": args.min_freq, "misc": args.misc,
                                      "gazetteer": gfile, "gazetteer_kinds": list(kinds),
                                      "consistency": args.consistency, "doc_window": args.doc_window},
                           "train": args.conll, "extra": args.extra}
    if args.folds:
        workers = args.workers or T.default_workers()
        print(f"{args.folds}-fold cross-validation on {len(docs)} sentences "
              f"(+{len(extra)} extra), {workers} workers", file=sys.stderr)
        cv = T.cross_validate(docs, args.folds, params, extra, workers, log=sys.stderr)
        out["cv"] = cv
        print(f"# {args.folds}-fold cross-validation")
        print(T.format_report(cv["report"]))
    if args.output:
        t0 = time.time()
        params.extra_meta = {"corpora": [Path(c).name for c in [*args.conll, *args.extra]]}
        path = T.train([*docs, *extra], args.output, params)
        print(f"trained {path} in {time.time() - t0:.0f}s", file=sys.stderr)
        if args.eval:
            model = NerModel.load(path)
            out["eval"] = {}
            for f in args.eval:
                rep = T.evaluate(model, T.read_conll(f), args.doc_window)
                out["eval"][f] = rep
                print(f"# {f}")
                print(T.format_report(rep))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="marsad")
    sub = parser.add_subparsers(dest="command")
    register(sub)
    args = parser.parse_args(["train-ner", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args))


__all__ = ["register", "run"]
