"""Compiled loops, with numba when it is installed.

:func:`njit` compiles a function of plain loops over numpy arrays (numba caches the machine code
on disk, so a process pays the compilation once per machine); without numba it returns None, and
each caller keeps a numpy version of the same computation (the tests check both give the same
result). numba itself is imported on the first call (importing it takes ~0.7 s), so that modules
holding compiled loops cost nothing to import.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import Any


@cache
def _numba() -> ModuleType | None:
    try:
        return importlib.import_module("numba")
    except ImportError:  # pragma: no cover - numba is a dependency; the numpy paths remain
        return None


def njit(fn: Callable[..., Any]) -> Callable[..., Any] | None:
    """``fn`` compiled (lazily, on its first call; cached on disk), or None without numba."""
    numba = _numba()
    if numba is None:  # pragma: no cover
        return None
    return numba.njit(cache=True, nogil=True)(fn)  # type: ignore[no-any-return]


__all__ = ["njit"]
