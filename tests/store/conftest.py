"""Store fixtures: every store test runs on SQLite, and on PostgreSQL when ``MARSAD_TEST_PG``
holds a server URL (``.ci/postgres.sh`` starts one); without it the PostgreSQL cases skip."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from marsad.store import Store, open_store

PG_URL = os.environ.get("MARSAD_TEST_PG", "").strip()


def pg_schema_url(base: str, schema: str) -> str:
    """``base`` with every connection's search_path set to ``schema`` (libpq ``options``)."""
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL to a fresh, empty schema on the test PostgreSQL server (dropped afterwards)."""
    if not PG_URL:
        pytest.skip("PostgreSQL tests need MARSAD_TEST_PG=postgresql://... (bash .ci/postgres.sh starts a server)")
    psycopg = pytest.importorskip("psycopg")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(PG_URL, autocommit=True) as c:
            c.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at MARSAD_TEST_PG is not reachable: {exc}")
    yield pg_schema_url(PG_URL, schema)
    with psycopg.connect(PG_URL, autocommit=True) as c:
        c.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()
