"""Shared fixtures: small Arabic (and English/French) texts written for these tests, and a
directory of input files in every format marsad reads, built in code.

Nothing here is copied from ``../shared``; tests that need the development data there use the
``shared_dir`` fixture, which skips (with a message) when it is absent.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # marsad_testdata, for every test module

from marsad_testdata import Fixtures, build_fixtures


@pytest.fixture(scope="session")
def fx(tmp_path_factory: pytest.TempPathFactory) -> Fixtures:
    """Fixture files of every input kind (built once per test session, read-only)."""
    return build_fixtures(tmp_path_factory.mktemp("fixtures"))


# ---------------------------------------------------------------------------------------------
# The development data in ../shared (optional)
# ---------------------------------------------------------------------------------------------

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"development data not found at {SHARED} (set MARSAD_SHARED to its location)")
    return SHARED
