"""Word clusters for the named-entity recogniser, induced offline from unlabelled news text.

Brown clustering is slow; this is the cheap distributional alternative:

1. count, for every normalised word (clitics attached, as :func:`marsad.text.tokens.tokenize`
   cuts them) seen at least ``min_count`` times, its left and right neighbours among the
   ``contexts`` most frequent words (two separate blocks of columns, so order matters);
2. weight the counts by positive PMI and reduce them with a truncated SVD (``dim`` dims);
3. k-means on the unit-length word vectors (``k`` clusters, the finest level), then k-means on
   the centroids for the coarser levels, so the ids form a hierarchy (coarse to fine).

The output is ``word<TAB>coarse<TAB>...<TAB>fine`` (gzip), read by
:func:`marsad.entities.features.load_clusters`. Needs numpy and scipy (not runtime dependencies:
only the shipped file is used at run time).

    python -m marsad.entities.clusters /work/shared/data/corpus/saudinewsnet/*.zip \
        -o src/marsad/data/ner/clusters.tsv.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from marsad.text.tokens import split_sentences, tokenize


def iter_texts(paths: Iterable[str | Path]) -> Iterator[str]:
    """Texts of SaudiNewsNet-style zips (each member a JSON list of {"content": ...}),
    JSONL files ({"text"|"content": ...}) or plain text files."""
    for p in map(Path, paths):
        if p.suffix == ".zip":
            with zipfile.ZipFile(p) as z:
                for name in z.namelist():
                    data = json.loads(z.read(name))
                    for art in data if isinstance(data, list) else [data]:
                        t = art.get("content") or art.get("text") or ""
                        if t:
                            yield t
        elif p.suffix == ".jsonl":
            with p.open(encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        d = json.loads(line)
                        t = d.get("text") or d.get("content") or ""
                        if t:
                            yield t
        else:
            yield p.read_text(encoding="utf-8")


def iter_sentences(texts: Iterable[str]) -> Iterator[list[str]]:
    """Normalised token sequences, one per sentence."""
    for text in texts:
        for s in split_sentences(text):
            toks = [t.norm for t in tokenize(text, s.start, s.end)]
            if toks:
                yield toks


def induce(
    sentences: Iterable[Sequence[str]],
    levels: Sequence[int] = (32, 128, 512),
    min_count: int = 8,
    contexts: int = 4000,
    dim: int = 100,
    seed: int = 13,
    log: bool = True,
) -> dict[str, tuple[str, ...]]:
    import numpy as np
    from scipy import sparse
    from scipy.sparse.linalg import svds

    t0 = time.time()
    sents = [list(s) for s in sentences]
    freq: Counter[str] = Counter()
    for s in sents:
        freq.update(s)
    vocab = [w for w, c in freq.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:contexts])}
    nctx = len(ctx)
    if log:
        print(f"{len(sents)} sentences, {sum(freq.values())} tokens, vocab {len(vocab)} "
              f"({time.time() - t0:.0f}s)", file=sys.stderr)
    rows: list[int] = []
    cols: list[int] = []
    bos, eos = nctx, nctx  # sentence boundary gets its own column in each block
    for s in sents:
        ids = [index.get(w, -1) for w in s]
        cids = [ctx.get(w, -1) for w in s]
        n = len(s)
        for i in range(n):
            wi = ids[i]
            if wi < 0:
                continue
            left = cids[i - 1] if i > 0 else bos
            right = cids[i + 1] if i + 1 < n else eos
            if left >= 0:
                rows.append(wi)
                cols.append(left)
            if right >= 0:
                rows.append(wi)
                cols.append(nctx + 1 + right)
    m = sparse.coo_matrix(
        (np.ones(len(rows), dtype=np.float32), (np.array(rows), np.array(cols))),
        shape=(len(vocab), 2 * (nctx + 1)),
    ).tocsr()
    m.sum_duplicates()
    del rows, cols
    # positive PMI (context distribution smoothed with exponent 0.75)
    total = m.sum()
    wsum = np.asarray(m.sum(axis=1)).ravel()
    csum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    csum = csum / csum.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (wsum[m.row] * csum[m.col]))
    keep = pmi > 0
    m = sparse.csr_matrix((pmi[keep].astype(np.float32), (m.row[keep], m.col[keep])), shape=m.shape)
    if log:
        print(f"PPMI matrix {m.shape} nnz {m.nnz} ({time.time() - t0:.0f}s)", file=sys.stderr)
    u, sv, _ = svds(m, k=dim, random_state=seed)
    vec = u * np.sqrt(sv)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    if log:
        print(f"SVD done ({time.time() - t0:.0f}s)", file=sys.stderr)
    rng = np.random.default_rng(seed)
    weights = np.array([freq[w] for w in vocab], dtype=np.float64)
    cent, lab = kmeans(vec, levels[-1], rng, weights=np.sqrt(weights))
    labels = [lab]
    cur_cent = cent
    for k in reversed(levels[:-1]):
        cent_k, lab_k = kmeans(cur_cent, k, rng)
        labels.append(lab_k[labels[-1]])
        cur_cent = cent_k
    labels.reverse()  # coarse to fine
    if log:
        print(f"k-means {list(levels)} done ({time.time() - t0:.0f}s)", file=sys.stderr)
    return {w: tuple(str(int(lv[i])) for lv in labels) for i, w in enumerate(vocab)}


def kmeans(x: Any, k: int, rng: Any, iters: int = 30, weights: Any = None) -> tuple[Any, Any]:
    """Spherical-ish k-means with BLAS distances; init: k-means++ on a sample of the points."""
    import numpy as np

    n = x.shape[0]
    k = min(k, n)
    sample = x if n <= 20 * k else x[rng.choice(n, 20 * k, replace=False)]
    # k-means++ seeding, incremental (one distance row per new centre)
    centres = [sample[rng.integers(len(sample))]]
    d2 = ((sample - centres[0]) ** 2).sum(1)
    for _ in range(1, k):
        p = d2 / d2.sum() if d2.sum() > 0 else None
        c = sample[rng.choice(len(sample), p=p)]
        centres.append(c)
        d2 = np.minimum(d2, ((sample - c) ** 2).sum(1))
    cent = np.array(centres)
    w = np.ones(n) if weights is None else weights
    xx = (x ** 2).sum(1)
    lab = np.zeros(n, dtype=np.int64)
    for _ in range(iters):
        dist = xx[:, None] - 2 * x @ cent.T + (cent ** 2).sum(1)[None, :]
        new = dist.argmin(1)
        if (new == lab).all() and _ > 0:
            break
        lab = new
        sums = np.zeros_like(cent)
        np.add.at(sums, lab, x * w[:, None])
        tot = np.bincount(lab, weights=w, minlength=k)
        empty = tot == 0
        cent = np.where(empty[:, None], cent, sums / np.maximum(tot, 1e-12)[:, None])
    return cent, lab


def write(clusters: dict[str, tuple[str, ...]], path: str | Path, note: str = "") -> None:
    p = Path(path)
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "wt", encoding="utf-8") as f:  # type: ignore[operator]
        f.write("# word clusters for marsad.entities (see marsad/entities/clusters.py)\n")
        if note:
            f.write(f"# {note}\n")
        for w, ids in clusters.items():
            f.write(w + "\t" + "\t".join(ids) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m marsad.entities.clusters", description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="zips / jsonl / text files of unlabelled news")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--levels", default="32,128,512", help="cluster counts, coarse to fine")
    ap.add_argument("--min-count", type=int, default=8)
    ap.add_argument("--contexts", type=int, default=4000)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    levels = tuple(int(x) for x in args.levels.split(","))
    clusters = induce(iter_sentences(iter_texts(args.inputs)), levels, args.min_count, args.contexts,
                      args.dim, args.seed)
    note = (f"levels {','.join(map(str, levels))} min_count {args.min_count} contexts {args.contexts} "
            f"dim {args.dim} seed {args.seed}; {len(clusters)} words")
    write(clusters, args.output, note)
    print(f"wrote {len(clusters)} words to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
