"""Benchmark of the full ``marsad extract`` pipeline, with a reference pass in the same run.

    python bench/bench_pipeline.py [CORPUS ...] [--limit N] [--workers N] [--no-dedup] [--json OUT]

Default corpus: the 31,030 SaudiNewsNet articles (``../shared/data/corpus/saudinewsnet``).

Two passes, each in a fresh child process (so each has its own peak RSS and nothing is warm):

- ``full``: what ``marsad extract`` does (``commands.extract.record_stream``: ingest, every
  pipeline stage, syndication marking, one JSON line per record, written to /dev/null);
- ``reference``: read + decode + normalise + tokenise only (``PipelineConfig(until="text")``,
  no dedup), the floor that any pipeline pays, written the same way.

For each pass: articles/s (wall clock, end to end: reading the zips and writing JSON included),
per-article latency p50/p95 (the work done on that article: its stages + dedup + JSON encoding),
peak RSS (of the pass's process, plus the largest worker with ``--workers``), and seconds per
stage summed over articles. Then the ratio full/reference. ``--workers 1`` (the default) is the
one-core figure the issue's goals are set for. Articles per CPU-second (user + system time of
the pass and its workers) is printed too: on a shared, loaded machine it is the steadier figure.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "corpus" / "saudinewsnet"
GOAL_RATE, FIRST_STEP_RATE, GOAL_RSS_MB = 1000.0, 300.0, 1024.0


class Timed:
    """An iterator wrapper that adds up the time spent inside the wrapped iterator's ``next``."""

    def __init__(self, it: Iterable) -> None:
        self._it = iter(it)
        self.seconds = 0.0

    def __iter__(self) -> Iterator:
        return self

    def __next__(self):
        t0 = time.perf_counter()
        try:
            return next(self._it)
        finally:
            self.seconds += time.perf_counter() - t0


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[k]


def one_pass(name: str, inputs: list[str], limit: int | None, workers: int, dedup: bool, dask: str | None) -> dict:
    """Run one pass in this process and return its figures."""
    from marsad.commands.extract import record_stream
    from marsad.ingest import iter_documents
    from marsad.output import dumps
    from marsad.pipeline import PipelineConfig

    config = PipelineConfig(until="text") if name == "reference" else PipelineConfig()
    raws = Timed(itertools.islice(iter_documents(inputs), limit))
    stage_seconds: dict[str, float] = {}
    latencies: list[float] = []
    n = errors = events = 0
    clock = time.perf_counter
    t_start, cpu_start = clock(), time.process_time()
    with open(os.devnull, "w", encoding="utf-8") as out:
        stream = record_stream(raws, config=config, workers=workers, dask=dask, dedup=dedup and name == "full")
        t_json = 0.0
        for record, timings in stream:
            t0 = clock()
            line = dumps(record)
            out.write(line)
            out.write("\n")
            dt = clock() - t0
            t_json += dt
            latencies.append(sum(timings.values()) + dt)
            for k, v in timings.items():
                stage_seconds[k] = stage_seconds.get(k, 0.0) + v
            n += 1
            errors += record.error is not None
            events += len(record.events)
    wall = clock() - t_start
    cpu = time.process_time() - cpu_start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += usage.ru_utime + usage.ru_stime  # worker processes (ended by now)
    stage_seconds = {"ingest": raws.seconds, **stage_seconds, "json": t_json}
    latencies.sort()
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "pass": name, "articles": n, "errors": errors, "events": events, "workers": workers, "dask": dask,
        "seconds": wall, "articles_per_s": n / wall if wall else 0.0,
        "cpu_seconds": cpu, "articles_per_cpu_s": n / cpu if cpu else 0.0, "load_avg": os.getloadavg()[0],
        "p50_ms": 1000 * percentile(latencies, 0.50), "p95_ms": 1000 * percentile(latencies, 0.95),
        "max_ms": 1000 * (latencies[-1] if latencies else 0.0),
        "peak_rss_mb": self_kb / 1024, "peak_worker_rss_mb": child_kb / 1024 if workers > 1 or dask else 0.0,
        "stage_seconds": stage_seconds,
    }


def run_child(name: str, args: argparse.Namespace) -> dict:
    cmd = [sys.executable, __file__, *args.inputs, "--one-pass", name, "--workers", str(args.workers)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    if args.no_dedup:
        cmd.append("--no-dedup")
    if args.dask:
        cmd += ["--dask", args.dask]
    proc = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def show(res: dict) -> None:
    rate = res["articles_per_s"]
    who = f"dask {res['dask']}" if res.get("dask") else f"{res['workers']} worker{'s' if res['workers'] > 1 else ''}"
    print(f"== {res['pass']} pass ({who}): {res['articles']:,} articles, {res['events']:,} events, "
          f"{res['errors']:,} errors, {res['seconds']:.1f} s")
    print(f"   {rate:,.0f} articles/s wall, {res['articles_per_cpu_s']:,.0f} articles per CPU-second "
          f"({res['cpu_seconds']:.1f} CPU s; load average at the end {res['load_avg']:.1f} on {os.cpu_count()} cores)")
    print(f"   latency p50 {res['p50_ms']:.2f} ms, p95 {res['p95_ms']:.2f} ms, "
          f"max {res['max_ms']:.1f} ms | peak RSS {res['peak_rss_mb']:.0f} MB"
          + (f" (+ largest worker {res['peak_worker_rss_mb']:.0f} MB)" if res["peak_worker_rss_mb"] else ""))
    total = sum(res["stage_seconds"].values()) or 1.0
    print("   seconds per stage (summed over articles):")
    for k, v in res["stage_seconds"].items():
        per = 1e6 * v / max(1, res["articles"])
        print(f"     {k:<14}{v:9.2f} s {100 * v / total:5.1f}%  {per:8.1f} us/article")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", help=f"inputs (default: {DEFAULT_CORPUS})")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--workers", type=int, default=1, help="worker processes (default 1: the one-core figure)")
    ap.add_argument("--dask", metavar="SCHEDULER", help="run the full pass on Dask ('local' or an address)")
    ap.add_argument("--no-dedup", action="store_true", help="full pass without syndication marking")
    ap.add_argument("--passes", default="full,reference", help="comma-separated: full, reference")
    ap.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    ap.add_argument("--one-pass", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.inputs = args.inputs or [str(DEFAULT_CORPUS)]
    if args.one_pass:
        res = one_pass(args.one_pass, args.inputs, args.limit, args.workers, not args.no_dedup, args.dask)
        print(json.dumps(res))
        return 0

    from marsad import __version__

    print(f"marsad {__version__} | Python {platform.python_version()} | {platform.machine()} | "
          f"{os.cpu_count()} cores | inputs: {', '.join(args.inputs)}" + (f" | limit {args.limit}" if args.limit else ""))
    results = {}
    for name in [p.strip() for p in args.passes.split(",") if p.strip()]:
        results[name] = run_child(name, args)
        show(results[name])
    if "full" in results and "reference" in results:
        full, ref = results["full"], results["reference"]
        print(f"== full / reference: {ref['articles_per_s'] / full['articles_per_s']:.2f}x the time "
              f"({full['articles_per_s']:,.0f} vs {ref['articles_per_s']:,.0f} articles/s)")
    if "full" in results:
        full = results["full"]
        per_core = full["articles_per_s"] / max(1, full["workers"])
        verdict = ("meets the goal" if per_core >= GOAL_RATE and full["peak_rss_mb"] <= GOAL_RSS_MB
                   else "meets the first step" if per_core >= FIRST_STEP_RATE else "below the first step")
        print(f"== goal: >= {GOAL_RATE:,.0f} articles/s/core (first step {FIRST_STEP_RATE:,.0f}), <= {GOAL_RSS_MB:,.0f} MB: "
              f"{per_core:,.0f} articles/s/core, {full['peak_rss_mb']:.0f} MB -> {verdict}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
