"""``marsad extract INPUT... [-o OUT.jsonl]``: one SCHEMA record per input document, in input order."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO

from marsad.clean import DEFAULT_MAX_BYTES
from marsad.ingest import iter_documents
from marsad.model import RawDocument, Record
from marsad.output import write_record
from marsad.pipeline import PipelineConfig, default_stages
from marsad.runner import RunStats, process_stream


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "extract",
        help="extract events from documents into JSON Lines",
        description="Read documents (JSONL, .txt, .html, folders, .zip, SaudiNewsNet zips, WARC, RSS/Atom) "
        "and write one record per document (SCHEMA.md). Exit status 1 if any document failed.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", help="output .jsonl (default: standard output)")
    p.add_argument("--workers", type=int, default=1, help="worker processes on this machine (default 1)")
    p.add_argument("--dask", metavar="SCHEDULER", help="run on a Dask cluster: an address, or 'local'")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                   help="documents larger than this many bytes are rejected (default %(default)s)")
    p.add_argument("--until", help="stop after this pipeline stage (e.g. 'text')")
    p.add_argument("--dedup", action=argparse.BooleanOptionalAction, default=True,
                   help="mark syndicated copies (flags.syndicated_of, events' duplicate_of and merged claims; "
                   "on by default, --no-dedup to turn off)")
    p.add_argument("--dedup-hold", type=int, default=None, metavar="N",
                   help="records held back so that copies seen within the next N records can still add their "
                   "newspaper to the original's claims (default 3000)")
    p.add_argument("--partition-size", type=int, default=None, metavar="N",
                   help="with --dask: raw documents per task (default 256)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=run)


def record_stream(
    raws: Iterable[RawDocument], *, config: PipelineConfig, workers: int = 1, dask: str | None = None,
    dedup: bool = True, dedup_hold: int | None = None, partition_size: int | None = None,
) -> Iterator[tuple[Record, dict[str, float]]]:
    """(record, stage timings) of every raw document, in input order: what ``marsad extract`` writes.

    The benchmark (``bench/bench_pipeline.py``) runs exactly this.
    """
    stream: Iterator[tuple[Record, dict[str, float]]]
    if dask:
        from marsad.distributed import PARTITION_SIZE, process_dask

        stream = process_dask(raws, dask, config=config, partition_size=partition_size or PARTITION_SIZE)
    else:
        stream = process_stream(raws, workers=max(1, workers), config=config, tune_gc=True)
    if dedup:
        from marsad.dedup import HOLD, mark_syndicated

        stream = mark_syndicated(stream, hold=HOLD if dedup_hold is None else dedup_hold)
    return stream


def run(args: argparse.Namespace) -> int:
    config = PipelineConfig(max_bytes=args.max_bytes, until=args.until)
    try:
        default_stages(config)  # cheap (stages load their resources on first use); checks --until
    except ValueError as exc:
        print(f"marsad extract: error: {exc}", file=sys.stderr)
        return 2
    stats = RunStats()
    t0 = time.perf_counter()
    with contextlib.ExitStack() as stack:
        out: IO[str] = (stack.enter_context(open(args.output, "w", encoding="utf-8"))
                        if args.output else sys.stdout)
        bar = None
        if not args.no_progress and sys.stderr.isatty():
            from tqdm import tqdm

            bar = stack.enter_context(tqdm(unit=" docs", file=sys.stderr, mininterval=0.5))
        stream = record_stream(iter_documents(args.inputs), config=config, workers=args.workers,
                               dask=args.dask, dedup=args.dedup, dedup_hold=args.dedup_hold,
                               partition_size=args.partition_size)
        for record, timings in stream:
            write_record(out, record)
            stats.add(record, timings)
            if bar is not None:
                bar.update(1)
    secs = time.perf_counter() - t0
    if not args.quiet:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(stats.error_kinds.items()))
        print(f"marsad: {stats.documents} documents, {stats.events} events, {stats.errors} errors"
              f"{f' ({kinds})' if kinds else ''}, {secs:.1f} s", file=sys.stderr)
    return 1 if stats.errors else 0
