"""``marsad export --format acled-csv|geojson|parquet|jsonl``: the event store as files."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import IO

from marsad.commands.ingest import add_db_argument, default_db


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("which events (all when none is given)")
    g.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="events on or after this date")
    g.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="events on or before this date")
    g.add_argument("--country", action="append", default=[], metavar="CC", help="ISO 3166-1 alpha-2 (repeatable)")
    g.add_argument("--admin1", action="append", default=[], help="province (repeatable)")
    g.add_argument("--event-type", action="append", default=[], help="ACLED event type (repeatable)")
    g.add_argument("--sub-event-type", action="append", default=[], help="ACLED sub-event type (repeatable)")
    g.add_argument("--actor", help="part of an actor's name")
    g.add_argument("--source", help="part of a claim source's name, or the article's source")
    d = g.add_mutually_exclusive_group()
    d.add_argument("--disputed", dest="disputed", action="store_const", const=True, default=None, help="only disputed events")
    d.add_argument("--undisputed", dest="disputed", action="store_const", const=False, help="only undisputed events")
    g.add_argument("--query", dest="q", help="words in the article (Arabic-normalised full text)")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from marsad.export import FORMATS

    p = sub.add_parser(
        "export",
        help="export the event store: ACLED-style CSV, GeoJSON, Parquet or JSON Lines",
        description="Write the stored events: acled-csv (ACLED column names, then claims, disputed, evidence), "
        "geojson (events with coordinates), parquet (the CSV's columns, typed) or jsonl (SCHEMA records).",
    )
    add_db_argument(p)
    p.add_argument("--format", "-f", required=True, choices=FORMATS)
    p.add_argument("-o", "--output", help="output file (default: standard output; required for parquet)")
    add_filter_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from marsad import export
    from marsad.store import EventFilter, StoreError, open_store

    f = EventFilter(date_from=args.date_from, date_to=args.date_to, country=args.country, admin1=args.admin1,
                    event_type=args.event_type, sub_event_type=args.sub_event_type, actor=args.actor,
                    source=args.source, disputed=args.disputed, q=args.q)
    try:
        store = open_store(args.db or default_db(), create=False)
    except StoreError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    with store:
        if args.format == "parquet":
            if not args.output:
                print("marsad: parquet needs -o FILE", file=sys.stderr)
                return 2
            n = export.write_parquet(store, args.output, f)
        else:
            writer = {"acled-csv": export.write_acled_csv, "geojson": export.write_geojson, "jsonl": export.write_jsonl}
            with contextlib.ExitStack() as stack:
                out: IO[str] = (stack.enter_context(open(args.output, "w", encoding="utf-8", newline=""))
                                if args.output else sys.stdout)
                try:
                    n = writer[args.format](store, out, f)
                except BrokenPipeError:  # e.g. piped into head
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                    return 0
    what = "records" if args.format == "jsonl" else "events"
    print(f"marsad: {n} {what} exported ({args.format})", file=sys.stderr)
    return 0
