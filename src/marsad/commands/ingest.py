"""``marsad ingest INPUT... --db marsad.db``: extract events into the event store.

Idempotent and resumable: articles are stored in transactions of ``--batch`` articles, keyed by
``doc_id`` and content hash. The same article again adds nothing (it is not even re-extracted
when its text is known before extraction), a changed article replaces its events, and a run
killed in the middle loses only its last, uncommitted batch, which the next run redoes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.ids import content_hash

DEFAULT_DB = "marsad.db"


def default_db() -> str:
    return os.environ.get("MARSAD_DB") or DEFAULT_DB


def add_db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, metavar="PATH|URL",
                   help=f"SQLite file or postgresql:// URL (default: $MARSAD_DB, else {DEFAULT_DB})")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "ingest",
        help="extract events from documents into the event store (SQLite or PostgreSQL)",
        description="Run extraction over documents (any input `marsad extract` reads) and store the records: "
        "articles, events, claims, sources, places, entities, with full-text search. Idempotent and "
        "resumable: rerun the same command after an interruption.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    add_db_argument(p)
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("--batch", type=int, default=200, help="articles per transaction (default %(default)s)")
    p.add_argument("--records", action="store_true",
                   help="the inputs are records already extracted (JSON Lines of `marsad extract`): store them as they are")
    p.add_argument("--force", action="store_true", help="re-extract and re-store articles even when unchanged")
    p.add_argument("--max-bytes", type=int, default=None, help="reject documents larger than this (extraction option)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=run)


def iter_record_files(paths: Iterable[str], counter: dict[str, int]) -> Iterator[dict[str, Any]]:
    """Records from JSON Lines files (``-`` is standard input); unreadable lines are counted."""
    for path in paths:
        fh = sys.stdin if path == "-" else open(Path(path), encoding="utf-8")  # noqa: SIM115
        with contextlib.ExitStack() as stack:
            if fh is not sys.stdin:
                stack.enter_context(fh)
            for line in fh:
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    counter["bad_lines"] += 1
                    continue
                if isinstance(rec, dict) and rec.get("doc_id"):
                    yield rec
                else:
                    counter["bad_lines"] += 1


def run(args: argparse.Namespace) -> int:
    from marsad.store import INSERTED, REPLACED, UNCHANGED, open_store, redact

    db = args.db or default_db()
    store = open_store(db)
    counter = {"skipped": 0, "bad_lines": 0}
    totals = {INSERTED: 0, REPLACED: 0, UNCHANGED: 0}
    events = errors = documents = 0
    t0 = time.perf_counter()

    def already_stored(doc_id: str, text: str | None) -> bool:
        if args.force or text is None:
            return False
        return store.content_hash_of(doc_id) == content_hash(text)

    def records() -> Iterator[dict[str, Any]]:
        if args.records:
            for rec in iter_record_files(args.inputs, counter):
                h = (rec.get("flags") or {}).get("content_hash") if isinstance(rec.get("flags"), dict) else None
                if not args.force and store.content_hash_of(str(rec["doc_id"])) == (h or content_hash(rec.get("text") or "")):
                    counter["skipped"] += 1
                    continue
                yield rec
            return
        from marsad.ingest import iter_documents
        from marsad.pipeline import PipelineConfig
        from marsad.runner import process_stream

        def pending(raws: Iterable[Any]) -> Iterator[Any]:
            # Runs in the worker pool's feeder thread: the store gives each thread its own connection.
            for raw in raws:
                if raw.error is None and already_stored(raw.doc_id, raw.text):
                    counter["skipped"] += 1
                    continue
                yield raw

        config = PipelineConfig() if args.max_bytes is None else PipelineConfig(max_bytes=args.max_bytes)
        for record, _timings in process_stream(pending(iter_documents(args.inputs)), workers=max(1, args.workers),
                                               config=config, tune_gc=True):
            yield record.to_dict()

    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if batch:
            for k, v in store.upsert_many(batch, force=args.force).items():
                totals[k] += v
            batch.clear()

    with contextlib.ExitStack() as stack:
        bar = None
        if not args.no_progress and sys.stderr.isatty():
            from tqdm import tqdm

            bar = stack.enter_context(tqdm(unit=" docs", file=sys.stderr, mininterval=0.5))
        try:
            last = time.monotonic()
            for rec in records():
                batch.append(rec)
                documents += 1
                events += len(rec.get("events") or [])
                errors += 1 if rec.get("error") else 0
                if len(batch) >= max(1, args.batch) or time.monotonic() - last > 10:
                    flush()
                    last = time.monotonic()
                if bar is not None:
                    bar.update(1)
            flush()
            if totals[INSERTED] + totals[REPLACED] > 1000:
                store.optimize()
        except KeyboardInterrupt:
            print(f"marsad: interrupted; {totals[INSERTED] + totals[REPLACED]} articles were stored, the last batch "
                  "was not: rerun the same command to resume", file=sys.stderr)
            store.close()
            return 130
    store.close()
    secs = time.perf_counter() - t0
    if not args.quiet:
        seen = documents + counter["skipped"]
        bad = f", {counter['bad_lines']} unreadable lines" if counter["bad_lines"] else ""
        print(f"marsad: {seen} documents: {totals[INSERTED]} new, {totals[REPLACED]} replaced, "
              f"{totals[UNCHANGED] + counter['skipped']} unchanged; {events} events extracted, {errors} with errors{bad}; "
              f"{secs:.1f} s ({seen / secs if secs else 0:.0f} docs/s) -> {redact(db)}", file=sys.stderr)
    return 0
