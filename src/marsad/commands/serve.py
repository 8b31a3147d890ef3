"""``marsad serve --db marsad.db``: the REST API and the dashboard on localhost."""

from __future__ import annotations

import argparse
import os
import sys

from marsad.commands.ingest import add_db_argument, default_db


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "serve",
        help="serve the REST API and the dashboard over an event store",
        description="Start the observatory's web server: the dashboard at /, the REST API (/events, "
        "/events/{id}, /events.geojson, /articles/{id}, POST /articles) and its documentation at /docs. "
        "Reads are open; POST /articles needs a bearer token and is disabled without one.",
    )
    add_db_argument(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default %(default)s: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default %(default)s)")
    p.add_argument("--token-file", metavar="FILE",
                   help="file holding the bearer token that allows POST /articles (else $MARSAD_TOKEN; none: no writes)")
    p.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    p.add_argument("--cache", type=int, default=512, metavar="N",
                   help="listing responses kept until the data changes (default %(default)s; 0: no cache)")
    p.add_argument("--log-level", default="warning", help="uvicorn log level (default %(default)s)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError:
        print("marsad serve needs the server extra: pip install 'marsad[serve]'", file=sys.stderr)
        return 2
    from marsad.store import StoreError, open_store, redact

    db = args.db or default_db()
    try:  # fail early, with a message, on a missing store
        open_store(db, create=False).close()
    except StoreError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    token = os.environ.get("MARSAD_TOKEN") or None
    if args.token_file:
        with open(args.token_file, encoding="utf-8") as fh:
            token = fh.read().strip() or None
    # The app factory reads its settings from the environment (so that several workers can start it).
    os.environ["MARSAD_DB"] = db
    os.environ["MARSAD_RESPONSE_CACHE"] = str(max(0, args.cache))
    if token:
        os.environ["MARSAD_TOKEN"] = token
    else:
        os.environ.pop("MARSAD_TOKEN", None)
    print(f"marsad: serving {redact(db)} on http://{args.host}:{args.port}/ (API docs at /docs; "
          f"writes {'need the bearer token' if token else 'disabled: no token'})", file=sys.stderr)
    uvicorn.run("marsad.server.app:create_app", factory=True, host=args.host, port=args.port,
                workers=max(1, args.workers), log_level=args.log_level, access_log=False)
    return 0
