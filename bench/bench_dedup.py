"""Duplicate figures of a corpus: syndication clusters, their sizes, and random pairs to check by hand.

    python bench/bench_dedup.py [CORPUS ...] [--records OUT.jsonl] [--pairs 30] [--seed 7] [--workers 2]

Runs marsad's syndication marking (:mod:`marsad.dedup`, as ``marsad extract`` does) over the
corpus (default: the SaudiNewsNet articles) and prints the number of clusters (an original with
at least one copy), the distribution of their sizes, copies per newspaper pair, the time per
article, and ``--pairs`` random (copy, original) pairs side by side -- titles and the first 200
characters -- for a hand check. ``--records`` reads the records of an earlier ``marsad extract``
run instead of running the pipeline (up to the text stage) again.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "corpus" / "saudinewsnet"


def _records(args: argparse.Namespace) -> Iterator:
    from marsad.model import DocError, Record

    if args.records:
        with open(args.records, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                err = d.get("error")
                yield Record(doc_id=d["doc_id"], language=d.get("language"), published=d.get("published"),
                             title=d.get("title"), url=d.get("url"), text=d.get("text") or "", events=[],
                             event_types=[], entities=[], flags=dict(d.get("flags") or {}),
                             error=DocError(err["kind"], err["message"]) if err else None, source=d.get("source"))
        return
    from marsad.ingest import iter_documents
    from marsad.pipeline import PipelineConfig
    from marsad.runner import process_stream

    for record, _t in process_stream(iter_documents(args.inputs), workers=args.workers, config=PipelineConfig(until="text")):
        yield record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--records", help="records (JSONL) of an earlier `marsad extract` run")
    ap.add_argument("--pairs", type=int, default=30, help="random (copy, original) pairs to print (default 30)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--chars", type=int, default=200)
    ap.add_argument("--json", metavar="OUT", help="write the figures and the sampled pairs as JSON")
    args = ap.parse_args(argv)
    args.inputs = args.inputs or [str(DEFAULT_CORPUS)]

    from marsad.dedup import Syndication, signature

    syn = Syndication()
    info: dict[str, tuple[str | None, str | None, str | None, str]] = {}  # doc_id -> source, published, title, text
    members: dict[str, list[str]] = collections.defaultdict(list)  # original -> copies
    sims: list[float] = []
    ids: list[str] = []
    via: dict[str, tuple[str, float]] = {}  # copy -> (the document it matched, estimated Jaccard)
    t_dedup = 0.0
    n = 0
    for record in _records(args):
        n += 1
        ids.append(record.doc_id)
        t0 = time.process_time()
        marked = syn.add(record)
        t_dedup += time.process_time() - t0
        if record.error is None:
            info[record.doc_id] = (record.source, record.published, record.title, record.text)
        root = marked.flags.get("syndicated_of")
        if root:
            members[root].append(record.doc_id)
            if syn.last_match is not None:
                via[record.doc_id] = (ids[syn.last_match[0]], syn.last_match[1])
    st = syn.stats
    sizes = collections.Counter(1 + len(c) for c in members.values())
    in_clusters = sum(1 + len(c) for c in members.values())
    print(f"documents {n:,}; compared {st.compared:,}; copies (syndicated_of set) {st.copies:,} "
          f"= {100 * st.copies / max(1, st.compared):.1f}%")
    print(f"clusters (original + >= 1 copy): {len(members):,}, holding {in_clusters:,} documents; "
          f"unique stories {st.compared - st.copies:,}")
    print("cluster size distribution (size: clusters):")
    for size in sorted(sizes):
        print(f"  {size:>3}: {sizes[size]:,}")
    print(f"largest clusters: {', '.join(str(1 + len(c)) for c in sorted(members.values(), key=len, reverse=True)[:10])}")
    pair_sources = collections.Counter()
    same_source = 0
    for root, copies in members.items():
        for c in copies:
            a, b = info[root][0], info[c][0]
            same_source += a == b
            pair_sources[" -> ".join(sorted([str(a), str(b)]))] += 1
    print(f"copy pairs from the same newspaper: {same_source:,} of {st.copies:,}")
    print("most frequent newspaper pairs: " + "; ".join(f"{k} {v}" for k, v in pair_sources.most_common(8)))
    print(f"dedup time: {1e6 * t_dedup / max(1, n):.0f} us per article (CPU; signature + LSH + merge)")

    rnd = random.Random(args.seed)
    all_pairs = [(root, c) for root, copies in sorted(members.items()) for c in copies]
    sample = rnd.sample(all_pairs, min(args.pairs, len(all_pairs)))
    out_pairs = []
    for k, (root, copy) in enumerate(sample, 1):
        (sa, pa, ta, xa), (sb, pb, tb, xb) = info[root], info[copy]
        s_a, _ = signature(xa)
        s_b, _ = signature(xb)
        j = s_a.jaccard(s_b) if s_a is not None and s_b is not None else 1.0
        sims.append(j)
        member, jm = via.get(copy, (root, j))
        how = f" (joined through {member}, Jaccard ~{jm:.2f})" if member != root else ""
        print(f"\n== pair {k}: Jaccard ~{j:.2f}{how}\n   original {root} ({sa}, {pa}, {len(xa)} chars)  |  "
              f"copy {copy} ({sb}, {pb}, {len(xb)} chars)")
        for label, title, text in (("original", ta, xa), ("copy", tb, xb)):
            body = " ".join(text.split())[: args.chars]
            print(f"  [{label}] {title}")
            print(textwrap.indent(textwrap.fill(body, 110), "      "))
        out_pairs.append({"original": root, "copy": copy, "jaccard": j, "through": member})
    if args.json:
        Path(args.json).write_text(json.dumps({
            "documents": n, "copies": st.copies, "clusters": len(members), "sizes": dict(sorted(sizes.items())),
            "us_per_article": 1e6 * t_dedup / max(1, n), "pairs": out_pairs}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
