"""Compiled loops, with numba when it is installed.

:func:`njit` compiles a function of plain loops over numpy arrays (numba caches the machine code
on disk, so a process pays the compilation once per machine); without numba it returns None, and
each caller keeps a numpy version of the same computation (the tests check both give the same
result).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

try:
    import numba
except ImportError:  # pragma: no cover - numba is a dependency; the numpy paths remain
    numba = None


def njit(fn: Callable[..., Any]) -> Callable[..., Any] | None:
    """``fn`` compiled (lazily, on its first call; cached on disk), or None without numba."""
    if numba is None:  # pragma: no cover
        return None
    return numba.njit(cache=True, nogil=True)(fn)  # type: ignore[no-any-return]


__all__ = ["njit"]
