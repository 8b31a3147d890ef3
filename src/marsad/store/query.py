"""Event filters (shared by the REST API, the dashboard and ``marsad export``) as SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.store.search import fts5_query, like_pattern, tsquery

MAX_LIMIT = 1000


@dataclass(slots=True)
class EventFilter:
    """Which events: every given criterion must hold (lists: any of their values)."""

    date_from: str | None = None  # event date >= (YYYY-MM-DD)
    date_to: str | None = None  # event date <= (YYYY-MM-DD)
    country: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-2
    admin1: list[str] = field(default_factory=list)
    event_type: list[str] = field(default_factory=list)
    sub_event_type: list[str] = field(default_factory=list)
    actor: str | None = None  # substring of actor1/actor2 (name or text), normalised
    source: str | None = None  # a claim source (name or text, substring) or the article's source (exact)
    disputed: bool | None = None
    q: str | None = None  # full text of the article (Arabic-normalised)
    doc_id: str | None = None
    min_fatalities: int | None = None
    has_location: bool | None = None  # with coordinates (for maps)

    def is_empty(self) -> bool:
        return not any((self.date_from, self.date_to, self.country, self.admin1, self.event_type, self.sub_event_type,
                        self.actor, self.source, self.disputed is not None, self.q, self.doc_id,
                        self.min_fatalities is not None, self.has_location is not None))


def _in(col: str, values: list[str], params: list[Any]) -> str:
    params.extend(values)
    return f"{col} IN ({', '.join('?' for _ in values)})"


def where_clause(f: EventFilter, dialect: str) -> tuple[str, list[Any], bool]:
    """(``WHERE ...`` or "", parameters, whether the text query matches nothing) over ``events e``."""
    conds: list[str] = []
    params: list[Any] = []
    if f.date_from:
        conds.append("e.date >= ?")
        params.append(f.date_from)
    if f.date_to:
        conds.append("e.date <= ?")
        params.append(f.date_to)
    if f.country:
        conds.append(_in("e.country", [c.upper() for c in f.country], params))
    if f.admin1:
        conds.append(_in("e.admin1", f.admin1, params))
    if f.event_type:
        conds.append(_in("e.event_type", f.event_type, params))
    if f.sub_event_type:
        conds.append(_in("e.sub_event_type", f.sub_event_type, params))
    if f.actor and f.actor.strip():
        conds.append("e.actors_norm LIKE ? ESCAPE '\\'")
        params.append(like_pattern(f.actor))
    if f.source and f.source.strip():
        conds.append("(EXISTS (SELECT 1 FROM claims c WHERE c.event_id = e.id AND c.source_norm LIKE ? ESCAPE '\\')"
                     " OR EXISTS (SELECT 1 FROM articles sa WHERE sa.doc_id = e.doc_id AND sa.source = ?))")
        params.extend([like_pattern(f.source), f.source.strip()])
    if f.disputed is not None:
        conds.append("e.disputed = ?")
        params.append(1 if f.disputed else 0)
    if f.doc_id:
        conds.append("e.doc_id = ?")
        params.append(f.doc_id)
    if f.min_fatalities is not None:
        conds.append("e.fatalities >= ?")
        params.append(f.min_fatalities)
    if f.has_location is not None:
        conds.append("e.lat IS NOT NULL AND e.lon IS NOT NULL" if f.has_location else "(e.lat IS NULL OR e.lon IS NULL)")
    empty = False
    if f.q is not None and f.q.strip():
        if dialect == "sqlite":
            expr = fts5_query(f.q)
            if expr is None:
                empty = True
            else:
                conds.append("e.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
                params.append(expr)
        else:
            expr = tsquery(f.q)
            if expr is None:
                empty = True
            else:
                conds.append("e.article_id IN (SELECT fa.id FROM articles fa WHERE fa.tsv @@ to_tsquery('simple', ?))")
                params.append(expr)
    return ("WHERE " + " AND ".join(conds)) if conds else "", params, empty
