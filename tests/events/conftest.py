"""Helpers for the event-coding tests: every text here is a short sentence written for them."""

from __future__ import annotations

from typing import Any

import pytest

import marsad

PUBLISHED = "2023-03-16"  # a Thursday


def events_of(text: str, published: str | None = PUBLISHED) -> list[dict[str, Any]]:
    return marsad.extract(text, published=published).to_dict()["events"]


def record_of(text: str, published: str | None = PUBLISHED) -> dict[str, Any]:
    return marsad.extract(text, published=published).to_dict()


@pytest.fixture(scope="session")
def extract_events():  # type: ignore[no-untyped-def]
    return events_of
