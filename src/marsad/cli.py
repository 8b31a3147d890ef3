"""The ``marsad`` command line. Each sub-command lives in its own module with ``register``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from marsad import __version__
from marsad.commands import extract as extract_cmd

COMMANDS = [extract_cmd]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="marsad",
        description="marsad (مرصد): geocoded, source-attributed conflict events from Arabic news.",
    )
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    for name in _optional_commands():
        try:
            module = __import__(f"marsad.commands.{name}", fromlist=["register"])
        except ImportError:
            continue
        module.register(sub)
    return parser


def _optional_commands() -> list[str]:
    """Commands whose dependencies are extras (server, store, export, NER training)."""
    from importlib import resources

    names = []
    for entry in resources.files("marsad.commands").iterdir():
        stem = entry.name.removesuffix(".py")
        if entry.name.endswith(".py") and stem not in ("__init__", "extract"):
            names.append(stem)
    return sorted(names)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
