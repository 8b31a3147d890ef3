"""CPU time of each stage of ``marsad extract`` over a fixed slice, best of N repetitions.

    python bench/bench_stages.py [INPUT ...] [--limit N] [--repeat N] [--until STAGE] [--no-dedup]

Default input: the first 3,000 articles of the SaudiNewsNet corpus (``../shared/data/corpus/saudinewsnet``).

On a machine shared with other work, wall-clock timings of small stages are noise; this script
measures CPU time (``time.process_time``) instead, with the same breakdown as
``bench/bench_pipeline.py``: the pipeline's own stage timings are taken with ``time.process_time``
in place of ``time.perf_counter`` for the run, ``ingest`` is the CPU time of reading the inputs,
``json`` the CPU time of :func:`marsad.output.dumps`, and ``overhead`` is what the run spent
outside every stage (batching, records, the garbage collector, the timing calls themselves).
Each timed section includes one pair of ``process_time`` calls (~1 us an article a stage on the
development machine), the same in every run. The first repetition also loads the models; the
figure of a stage is its smallest over the repetitions.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# ../shared/data beside the repository (or beside a parent folder of it, for a git worktree)
DEFAULT_CORPUS = next((p / "shared" / "data" / "corpus" / "saudinewsnet" for p in HERE.parents
                       if (p / "shared" / "data" / "corpus" / "saudinewsnet").is_dir()),
                      HERE.parent.parent / "shared" / "data" / "corpus" / "saudinewsnet")


def one_run(inputs: list[str], limit: int | None, until: str | None, dedup: bool) -> dict[str, float]:
    """CPU seconds of each part of one run over the slice."""
    from marsad.commands.extract import record_stream
    from marsad.ingest import iter_documents
    from marsad.output import dumps
    from marsad.pipeline import PipelineConfig

    cpu = time.process_time
    t0 = cpu()
    raws = list(itertools.islice(iter_documents(inputs), limit))
    seconds: dict[str, float] = {"ingest": cpu() - t0}
    wall_clock = time.perf_counter
    time.perf_counter = cpu  # the pipeline's and the dedup's stage timings become CPU time
    try:
        t_json = 0.0
        t_start = cpu()
        for record, timings in record_stream(raws, config=PipelineConfig(until=until), dedup=dedup):
            t0 = cpu()
            dumps(record)
            t_json += cpu() - t0
            for k, v in timings.items():
                seconds[k] = seconds.get(k, 0.0) + v
        total = cpu() - t_start
    finally:
        time.perf_counter = wall_clock
    seconds["json"] = t_json
    seconds["overhead"] = total - sum(v for k, v in seconds.items() if k != "ingest")
    seconds["articles"] = len(raws)
    return seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", help=f"inputs (default: {DEFAULT_CORPUS})")
    ap.add_argument("--limit", type=int, default=3000, help="only the first N documents (default 3000; 0: all)")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions (default 3); the best of each is shown")
    ap.add_argument("--until", help="stop after this pipeline stage (e.g. 'text')")
    ap.add_argument("--no-dedup", action="store_true", help="no syndication marking")
    ap.add_argument("--json", metavar="OUT", help="also write the figures (us/article) as JSON")
    args = ap.parse_args(argv)
    inputs = args.inputs or [str(DEFAULT_CORPUS)]
    runs = [one_run(inputs, args.limit or None, args.until, not args.no_dedup) for _ in range(max(1, args.repeat))]
    n = max(1.0, runs[0]["articles"])
    names = [k for k in runs[0] if k != "articles"]
    best: dict[str, Any] = {k: 1e6 * min(r.get(k, 0.0) for r in runs) / n for k in names}
    print(f"{int(n):,} documents, best of {len(runs)}; CPU us/article:")
    for k in names:
        print(f"  {k:<14}{best[k]:9.1f}")
    totals = [sum(v for k, v in r.items() if k != "articles") for r in runs]
    print(f"  {'total':<14}{1e6 * min(totals) / n:9.1f}  (best run)")
    if args.json:
        Path(args.json).write_text(json.dumps(best, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
