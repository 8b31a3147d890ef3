"""Benchmark of the named-entity recogniser: model size, load time, tagging speed on one core.

    python bench/bench_ner.py                       # packaged model, built-in text
    python bench/bench_ner.py --conll ../shared/data/ner/aqmar_dev.conll --json out.json

``model_bytes`` is the crfsuite file, ``model_file_bytes`` the file as shipped (xz-compressed);
the load time is that of a load whose decompressed copy is already in the cache (the usual case:
the first load of a new model decompresses it once, about 0.15 s more). Each text is one document
for the consistency pass.

Tagging speed is measured through ``NerModel.entities`` (sentence splitting, tokenizing,
features, CRF decoding, span building), single process, after one warm-up pass; the
featurizer's per-word cache starts empty for each timed pass. Wall-clock and CPU time are both
given (on a busy machine the CPU figures are the meaningful ones).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from pathlib import Path

# written for this benchmark
_TEXT = (
    "قال المتحدث باسم وزارة الصحة في غزة أشرف القدرة إن خمسة فلسطينيين قتلوا في غارة إسرائيلية على مخيم جباليا. "
    "وأعلنت الأمم المتحدة أن مبعوثها الخاص إلى اليمن سيزور صنعاء وعدن الأسبوع المقبل لبحث الهدنة مع الحوثيين والحكومة. "
    "واستقبل الملك عبدالله الثاني في عمان وزير الخارجية الأمريكي لبحث الأوضاع في سوريا والعراق. "
    "وذكرت وكالة الأنباء السعودية أن قوات التحالف اعترضت صاروخا باليستيا أطلق باتجاه جازان.\n"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", help="model file (default: the packaged one)")
    ap.add_argument("--conll", help="take the texts from a CoNLL file instead of the built-in text")
    ap.add_argument("--repeat", type=int, default=200, help="copies of the built-in text (default 200)")
    ap.add_argument("--json", help="write the results as JSON")
    args = ap.parse_args(argv)

    with contextlib.suppress(AttributeError, OSError):  # one core
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from marsad.entities.ner import NerModel, crfsuite_file, packaged_model_path, sentence_tokens
    from marsad.entities.train import read_conll

    # a compressed model is decompressed into the cache on its first load only: done here, untimed
    crfsuite_file(args.model or packaged_model_path())
    t0, c0 = time.perf_counter(), time.process_time()
    model = NerModel.load(args.model)
    load_s, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    assert model.path is not None and model.source is not None
    size = model.path.stat().st_size
    shipped = model.source.stat().st_size  # the compressed file for a .xz model
    clusters = model.source.parent / "clusters.tsv.gz"
    clusters_size = clusters.stat().st_size if model.meta.get("clusters") == "package" and clusters.is_file() else 0

    texts = [d.text for d in read_conll(args.conll)] if args.conll else [_TEXT] * args.repeat
    n_tok = sum(len(s) for t in texts for s in sentence_tokens(t))
    model.entities(texts[0])  # warm-up
    best = best_cpu = float("inf")
    n_ent = 0
    for _ in range(3):
        model.featurizer._cache.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        n_ent = sum(len(model.entities(t)) for t in texts)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    res = {
        "model": str(model.path),
        "model_bytes": size,
        "model_file_bytes": shipped,
        "clusters_bytes": clusters_size,
        "load_seconds": round(load_s, 3),
        "load_cpu_seconds": round(load_cpu, 3),
        "tokens": n_tok,
        "entities": n_ent,
        "seconds": round(best, 3),
        "tokens_per_second": round(n_tok / best),
        "tokens_per_cpu_second": round(n_tok / best_cpu),
    }
    for k, v in res.items():
        print(f"{k:18s} {v}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
