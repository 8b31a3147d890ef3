"""API fixtures: a store of the hand-written sample records (SQLite, and PostgreSQL when
``MARSAD_TEST_PG`` is set), served in-process by FastAPI's test client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from marsad.server import create_app
from marsad.store import open_store
from store.conftest import pg_url, store_url  # noqa: F401 - fixtures shared with the store tests
from store.samples import sample_records

TOKEN = "test-token-0123456789"


@pytest.fixture
def filled_url(store_url: str) -> str:  # noqa: F811
    with open_store(store_url) as s:
        s.upsert_many(sample_records())
    return store_url


@pytest.fixture
def client(filled_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(filled_url, token=TOKEN)) as c:
        yield c


@pytest.fixture
def readonly_client(filled_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(filled_url, token="")) as c:
        yield c
