"""Throughput of the foundation alone: ingest -> clean -> language -> text (sentences, tokens).

    python bench/bench_foundation.py [INPUT ...] [--limit N] [--json OUT]

Default input: the 31,030-article SaudiNewsNet corpus (every daily zip in
``../shared/data/corpus/saudinewsnet``). One process, one core: the documents are read from the
zips (:func:`marsad.ingest.iter_documents`) and run through ``Pipeline.default(
PipelineConfig(until="text"))`` -- decode, HTML, checks, boilerplate, language identification,
normalisation with offset maps, sentences and tokens -- with no later stage and no output.

Printed: articles, errors (by kind: a few SaudiNewsNet articles are empty), wall seconds,
articles/s, articles per CPU-second (steadier on a shared machine), seconds per stage summed over
articles (``ingest`` is the time spent reading and parsing the zips), and peak RSS.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "corpus" / "saudinewsnet"


class Timed:
    """Wraps an iterator and adds up the time spent in its ``next`` (here: ingest)."""

    def __init__(self, it: Iterable[Any]) -> None:
        self._it = iter(it)
        self.seconds = 0.0

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        t0 = time.perf_counter()
        try:
            return next(self._it)
        finally:
            self.seconds += time.perf_counter() - t0


def run(inputs: list[str], limit: int | None) -> dict[str, Any]:
    from marsad.ingest import iter_documents
    from marsad.pipeline import Pipeline, PipelineConfig

    pipe = Pipeline.default(PipelineConfig(until="text"))
    raws = Timed(itertools.islice(iter_documents(inputs), limit))
    stage_seconds: dict[str, float] = {}
    error_kinds: dict[str, int] = {}
    n = sentences = tokens = chars = 0
    t0, cpu0 = time.perf_counter(), time.process_time()
    for raw in raws:
        doc = pipe.process(raw)
        n += 1
        for name, sec in doc.timings.items():
            stage_seconds[name] = stage_seconds.get(name, 0.0) + sec
        if doc.error is not None:
            error_kinds[doc.error.kind] = error_kinds.get(doc.error.kind, 0) + 1
        else:
            sentences += len(doc.sentences)
            tokens += sum(map(len, doc.words))
            chars += len(doc.text)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    return {
        "articles": n,
        "errors": sum(error_kinds.values()),
        "error_kinds": error_kinds,
        "sentences": sentences,
        "tokens": tokens,
        "characters": chars,
        "seconds": wall,
        "articles_per_s": n / wall if wall else 0.0,
        "cpu_seconds": cpu,
        "articles_per_cpu_s": n / cpu if cpu else 0.0,
        "load_avg": os.getloadavg()[0],
        "stage_seconds": {"ingest": raws.seconds, **stage_seconds},
        "stages": pipe.stage_names,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # KiB on Linux
    }


def show(res: dict[str, Any]) -> None:
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(res["error_kinds"].items()))
    print(f"articles      {res['articles']:,} ({res['errors']:,} errors{': ' + kinds if kinds else ''})")
    print(f"text          {res['characters']:,} characters, {res['sentences']:,} sentences, {res['tokens']:,} tokens")
    print(f"seconds       {res['seconds']:.1f} wall, {res['cpu_seconds']:.1f} CPU "
          f"(load average {res['load_avg']:.1f} on {os.cpu_count()} cores)")
    print(f"articles/s    {res['articles_per_s']:,.0f} (wall), {res['articles_per_cpu_s']:,.0f} per CPU-second")
    print(f"peak RSS      {res['peak_rss_mb']:.0f} MB")
    total = sum(res["stage_seconds"].values()) or 1.0
    print("seconds per stage (summed over articles):")
    for name, sec in res["stage_seconds"].items():
        per = 1e6 * sec / max(1, res["articles"])
        print(f"  {name:<12}{sec:8.2f} s {100 * sec / total:5.1f}%  {per:8.1f} us/article")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", help=f"inputs (default: {DEFAULT_CORPUS})")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    inputs = args.inputs or [str(DEFAULT_CORPUS)]
    missing = [p for p in inputs if not Path(p).exists()]
    if missing:
        print(f"bench_foundation: not found: {', '.join(missing)}", file=sys.stderr)
        return 2

    from marsad import __version__

    print(f"marsad {__version__} | Python {platform.python_version()} | {platform.machine()} | one process | "
          f"inputs: {', '.join(inputs)}" + (f" | limit {args.limit:,}" if args.limit else ""))
    res = run(inputs, args.limit)
    print(f"stages        ingest -> {' -> '.join(res['stages'])}")
    show(res)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
