"""The event store: articles, events, claims, sources, places and entities in SQLite (default)
or PostgreSQL, with Arabic-normalised full-text search. See :mod:`marsad.store.base`."""

from marsad.store.base import INSERTED, REPLACED, UNCHANGED, Store, StoreError, is_postgres_url, open_store, redact
from marsad.store.query import EventFilter
from marsad.store.records import record_hash

__all__ = ["INSERTED", "REPLACED", "UNCHANGED", "EventFilter", "Store", "StoreError", "is_postgres_url", "open_store",
           "record_hash", "redact"]
