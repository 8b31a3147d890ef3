"""Read-only access to the language resources shipped under ``marsad/data``.

Every loader returns immutable data and is memoised: the files are read once per process and
shared by every pipeline (immutable data, so no global *mutable* state).
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

PACKAGE_DATA = "marsad.data"


def data_path(relpath: str) -> Path:
    """Filesystem path of a data file inside the package."""
    return Path(str(resources.files(PACKAGE_DATA).joinpath(relpath)))


def _read_text(relpath: str) -> str:
    return resources.files(PACKAGE_DATA).joinpath(relpath).read_text(encoding="utf-8")


def _content_lines(relpath: str) -> Iterator[str]:
    for line in _read_text(relpath).splitlines():
        line = line.rstrip("\r\n")
        if line.strip() and not line.lstrip().startswith("#"):
            yield line


@cache
def lines(relpath: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text resource."""
    return tuple(_content_lines(relpath))


@cache
def tsv(relpath: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated resource whose first content line names the columns."""
    it = _content_lines(relpath)
    header = next(it).split("\t")
    rows = []
    for n, line in enumerate(it, 2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(f"{relpath}: row {n} has {len(cells)} cells, expected {len(header)}: {line!r}")
        rows.append(dict(zip(header, (c.strip() for c in cells), strict=True)))
    return tuple(rows)


def exists(relpath: str) -> bool:
    """Whether a data file is shipped (curated files may be absent in a partial checkout)."""
    return data_path(relpath).is_file()


def optional_tsv(relpath: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV resource, or no rows when the file is not shipped."""
    return tsv(relpath) if exists(relpath) else ()


@cache
def json_resource(relpath: str) -> Any:
    """A JSON resource (treat the result as read-only)."""
    return json.loads(_read_text(relpath))


def cache_dir() -> Path:
    """Where derived data (built once from the shipped data) is cached: ``$MARSAD_CACHE`` or ``~/.cache/marsad``."""
    base = os.environ.get("MARSAD_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "marsad")
    return Path(base)


def cached_pickle(filename: str, build: Callable[[], T], kind: type | tuple[type, ...] | None = None) -> T:
    """``build()``'s result, pickled to ``cache_dir()/filename`` and read from there next time.

    ``filename`` must change with every input of ``build`` (put a hash of them in it:
    ``name-<hash>.pkl``); when a new one is written, the older files of the same name
    (``name-*.pkl``) are removed, so upgrades do not pile up stale caches. A cache file that
    cannot be read (or is not a ``kind``) is rebuilt; a cache directory that cannot be written
    (read-only home) only costs the build each time.
    """
    path = cache_dir() / filename
    if path.is_file():
        try:
            with open(path, "rb") as fh:
                obj = pickle.load(fh)
            if kind is None or isinstance(obj, kind):
                return obj  # type: ignore[no-any-return]
        except Exception:  # a damaged cache file is rebuilt
            pass
    obj = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return obj
    stem, sep, _ = path.stem.rpartition("-")
    if sep:
        for old in path.parent.glob(f"{stem}-*{path.suffix}"):
            if old != path and old.stem.rpartition("-")[0] == stem:
                with contextlib.suppress(OSError):
                    old.unlink()
    return obj
