"""The event store: SQLite (default, a file) or PostgreSQL (a ``postgresql://`` URL).

Writing is keyed by ``doc_id`` and the article's content hash: the same article again changes
nothing, a changed article replaces its row, its events, claims and entities, all in one
transaction. Callers group many articles in one transaction (:meth:`Store.transaction`), so an
interrupted run (kill -9) loses at most the uncommitted batch, which the next run redoes.

Every thread gets its own connection (the web server answers requests from a thread pool).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from marsad.store import schema
from marsad.store.query import MAX_LIMIT, EventFilter, where_clause
from marsad.store.records import ArticleRow, dumps, record_hash, to_record, to_rows
from marsad.store.search import fts5_query, normalize_for_index, tsquery

INSERTED, REPLACED, UNCHANGED = "inserted", "replaced", "unchanged"

_ARTICLE_COLS = ("content_hash", "title", "url", "source", "published", "language", "text", "event_types", "flags",
                 "extra", "error_kind", "error_message", "n_events", "ingested_at")
_EVENT_COLS = ("id", "doc_id", "article_id", "seq", "event_type", "sub_event_type", "plover", "date", "date_precision", "place_id",
               "country", "admin1", "location", "location_text", "lat", "lon", "geo_precision", "actor1", "inter1",
               "actor2", "inter2", "actors_norm", "fatalities", "disputed", "evidence", "ev_start", "ev_end",
               "confidence", "n_claims", "data")
_WORD = re.compile(r"\w+")
_ARTICLE_SUMMARY = "a.doc_id, a.title, a.published, a.source, a.url, a.language"


class StoreError(Exception):
    pass


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """A store URL fit to print: any password replaced by ***."""
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@]*@", r"\1:***@", str(url))


def open_store(url: str | Path, *, create: bool = True) -> Store:
    """Open (and with ``create``, make) the store at a path, ``sqlite:///path`` or ``postgresql://...``."""
    url = str(url)
    if is_postgres_url(url):
        return Store(url, "postgres", create=create)
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url.removeprefix("sqlite:")
    if path != ":memory:" and not create and not Path(path).exists():
        raise StoreError(f"no store at {path} (make one with: marsad ingest INPUT... --db {path})")
    return Store(path, "sqlite", create=create)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _clean_pg(v: Any) -> Any:
    # PostgreSQL text cannot hold NUL; one replacement character keeps every offset valid.
    return v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v


class Store:
    def __init__(self, target: str, dialect: str, *, create: bool = True) -> None:
        self.target = target
        self.dialect = dialect
        self._local = threading.local()
        self._conns: list[Any] = []
        self._lock = threading.Lock()
        if create:
            self.init_schema()
        else:
            self.conn()
            with suppress(Exception):  # bring an existing store's indexes up to date (not if read-only)
                self.init_schema()

    # -- connections -------------------------------------------------------------------------
    def _connect(self) -> Any:
        if self.dialect == "sqlite":
            c = sqlite3.connect(self.target, isolation_level=None, check_same_thread=False, timeout=60)
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses nothing committed
            c.execute("PRAGMA foreign_keys=ON")
            c.execute("PRAGMA busy_timeout=60000")
            c.execute("PRAGMA cache_size=-65536")
            c.execute("PRAGMA temp_store=MEMORY")
            return c
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the extra
            raise StoreError("PostgreSQL needs psycopg: pip install 'marsad[postgres]'") from exc
        c = psycopg.connect(self.target, autocommit=True)
        # Random reads cost little on SSDs: without this the planner prefers reading every article's
        # (large, out-of-line) tsvector to the GIN index for text queries with many word forms.
        c.execute("SET random_page_cost = 1.1")
        return c

    def conn(self) -> Any:
        c = getattr(self._local, "conn", None)
        if c is None:
            c = self._connect()
            self._local.conn = c
            self._local.places = {}
            self._local.sources = {}
            self._local.changed = False
            with self._lock:
                self._conns.append(c)
        return c

    def close(self) -> None:
        with self._lock:
            conns, self._conns = self._conns, []
        for c in conns:
            with suppress(Exception):
                c.close()
        self._local = threading.local()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sql(self, sql: str) -> str:
        return sql if self.dialect == "sqlite" else sql.replace("?", "%s")

    def execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        """Run one statement (``?`` placeholders in both dialects) on this thread's connection."""
        return self._exec(self.conn(), sql, params)

    def _exec(self, c: Any, sql: str, params: Iterable[Any] = ()) -> Any:
        if self.dialect == "sqlite":
            return c.execute(sql, tuple(params))
        return c.execute(self._sql(sql), tuple(_clean_pg(p) for p in params))

    def _execmany(self, c: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.dialect == "sqlite":
            c.executemany(sql, rows)
        else:
            with c.cursor() as cur:
                cur.executemany(self._sql(sql), [tuple(_clean_pg(p) for p in r) for r in rows])

    def _dicts(self, cur: Any) -> list[dict[str, Any]]:
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    # -- schema --------------------------------------------------------------------------------
    def init_schema(self) -> None:
        sqlite = self.dialect == "sqlite"
        with self.transaction() as c:
            for stmt in schema.SQLITE_TABLES if sqlite else schema.POSTGRES_TABLES:
                self._exec(c, stmt)
            for table, column, typ, fill in schema.ADDED_COLUMNS:
                if column not in self._columns(c, table):
                    self._exec(c, f"ALTER TABLE {table} ADD COLUMN {column} {typ}")
                    self._exec(c, fill)
            for stmt in schema.SQLITE_INDEXES if sqlite else schema.POSTGRES_INDEXES:
                self._exec(c, stmt)
            self._exec(c, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                       ("schema_version", schema.SCHEMA_VERSION))
            self._exec(c, "INSERT INTO meta (key, value) VALUES ('data_version', '0') ON CONFLICT (key) DO NOTHING")

    def _columns(self, c: Any, table: str) -> set[str]:
        if self.dialect == "sqlite":
            return {r[1] for r in self._exec(c, f"PRAGMA table_info({table})").fetchall()}
        return {r[0] for r in self._exec(c, "SELECT column_name FROM information_schema.columns "
                                            "WHERE table_name = ? AND table_schema = current_schema()", (table,))}

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One transaction on this thread's connection: committed at the end, rolled back on error."""
        c = self.conn()
        self._local.changed = False
        if self.dialect == "sqlite":
            c.execute("BEGIN IMMEDIATE")
            try:
                yield c
                self._bump_version(c)
            except BaseException:
                c.execute("ROLLBACK")
                self._forget_ids()
                raise
            c.execute("COMMIT")
        else:
            try:
                with c.transaction():
                    yield c
                    self._bump_version(c)
            except BaseException:
                self._forget_ids()
                raise

    def _bump_version(self, c: Any) -> None:
        if self._local.changed:
            self._exec(c, "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'data_version'")
            self._local.changed = False

    def data_version(self) -> str:
        """A value that changes whenever a transaction changed the stored data (any process):
        what caches of query results are keyed by."""
        row = self.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return row[0] if row else ""

    def _forget_ids(self) -> None:
        self._local.places = {}
        self._local.sources = {}

    # -- writing -------------------------------------------------------------------------------
    def content_hash_of(self, doc_id: str) -> str | None:
        row = self.execute("SELECT content_hash FROM articles WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def upsert(self, record: dict[str, Any], *, force: bool = False) -> str:
        """Store one SCHEMA record in its own transaction; returns inserted / replaced / unchanged."""
        with self.transaction() as c:
            return self.upsert_in(c, record, force=force)

    def upsert_many(self, records: Iterable[dict[str, Any]], *, force: bool = False) -> dict[str, int]:
        """Store records in one transaction; returns how many were inserted, replaced, unchanged."""
        counts = {INSERTED: 0, REPLACED: 0, UNCHANGED: 0}
        with self.transaction() as c:
            for rec in records:
                counts[self.upsert_in(c, rec, force=force)] += 1
        return counts

    def upsert_in(self, c: Any, record: dict[str, Any], *, force: bool = False) -> str:
        """Store one record inside the caller's transaction ``c``."""
        if not record.get("doc_id"):
            raise ValueError("a record needs a doc_id")
        doc_id = str(record["doc_id"])
        old = self._exec(c, "SELECT id, content_hash FROM articles WHERE doc_id = ?", (doc_id,)).fetchone()
        if old is not None and old[1] == record_hash(record) and not force:
            return UNCHANGED
        row = to_rows(record)
        self._local.changed = True
        values = (row.content_hash, row.title, row.url, row.source, row.published, row.language, row.text,
                  row.event_types, row.flags, row.extra, row.error_kind, row.error_message, len(row.events), _now())
        norm_title, norm_text = normalize_for_index(row.title), normalize_for_index(row.text)
        pg = self.dialect == "postgres"
        if old is not None:
            aid = old[0]
            self._exec(c, "DELETE FROM claims WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?)", (doc_id,))
            self._exec(c, "DELETE FROM events WHERE doc_id = ?", (doc_id,))
            self._exec(c, "DELETE FROM entities WHERE doc_id = ?", (doc_id,))
            sets = ", ".join(f"{col} = ?" for col in _ARTICLE_COLS)
            if pg:
                self._exec(c, f"UPDATE articles SET {sets}, tsv = to_tsvector('simple', ?) WHERE id = ?",
                           (*values, _tsv_text(norm_title, norm_text), aid))
            else:
                self._exec(c, f"UPDATE articles SET {sets} WHERE id = ?", (*values, aid))
                self._exec(c, "DELETE FROM articles_fts WHERE rowid = ?", (aid,))
            status = REPLACED
        else:
            cols = ", ".join(("doc_id", *_ARTICLE_COLS))
            marks = ", ".join("?" for _ in range(len(_ARTICLE_COLS) + 1))
            if pg:
                aid = self._exec(c, f"INSERT INTO articles ({cols}, tsv) VALUES ({marks}, to_tsvector('simple', ?)) RETURNING id",
                                 (doc_id, *values, _tsv_text(norm_title, norm_text))).fetchone()[0]
            else:
                aid = self._exec(c, f"INSERT INTO articles ({cols}) VALUES ({marks}) RETURNING id", (doc_id, *values)).fetchone()[0]
            status = INSERTED
        if not pg:
            self._exec(c, "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", (aid, norm_title, norm_text))
        self._insert_children(c, row, aid)
        return status

    def _insert_children(self, c: Any, row: ArticleRow, article_id: int) -> None:
        ev_rows, claim_rows = [], []
        for ev in row.events:
            eid = ev.id
            taken = self._exec(c, "SELECT doc_id FROM events WHERE id = ?", (eid,)).fetchone()
            if taken is not None:  # the same id in another document: keep both, apart
                eid = f"{eid}~{record_hash({'text': row.doc_id})[:8]}"
                data = json.loads(ev.data)
                data["id"] = eid
                ev.data = dumps(data)
            place_id = self._place_id(c, ev.place) if ev.place else None
            ev_rows.append((eid, row.doc_id, article_id, ev.seq, ev.event_type, ev.sub_event_type, ev.plover, ev.date, ev.date_precision,
                            place_id, ev.country, ev.admin1, ev.location, ev.location_text, ev.lat, ev.lon, ev.geo_precision,
                            ev.actor1, ev.inter1, ev.actor2, ev.inter2, ev.actors_norm, ev.fatalities, ev.disputed,
                            ev.evidence, ev.ev_start, ev.ev_end, ev.confidence, len(ev.claims), ev.data))
            for cl in ev.claims:
                claim_rows.append((eid, cl.seq, self._source_id(c, cl.source_key), cl.source_text, cl.source_name,
                                   cl.source_kind, cl.channel, cl.stance, cl.source_norm))
        marks = ", ".join("?" for _ in _EVENT_COLS)
        self._execmany(c, f"INSERT INTO events ({', '.join(_EVENT_COLS)}) VALUES ({marks})", ev_rows)
        self._execmany(c, "INSERT INTO claims (event_id, seq, source_id, source_text, source_name, source_kind, channel, "
                          "stance, source_norm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", claim_rows)
        self._execmany(c, "INSERT INTO entities (doc_id, seq, start_off, end_off, label, text, norm) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [(row.doc_id, *e) for e in row.entities])

    def _place_id(self, c: Any, place: dict[str, Any]) -> int:
        cache: dict[str, int] = self._local.places
        key = place["key"]
        if key in cache:
            return cache[key]
        self._exec(c, "INSERT INTO places (place_key, name, country, admin1, lat, lon, geonameid) VALUES (?, ?, ?, ?, ?, ?, ?) "
                      "ON CONFLICT (place_key) DO NOTHING",
                   (key, place["name"], place["country"], place["admin1"], place["lat"], place["lon"], place["geonameid"]))
        pid = self._exec(c, "SELECT id FROM places WHERE place_key = ?", (key,)).fetchone()[0]
        cache[key] = pid
        return pid

    def _source_id(self, c: Any, key: tuple[str, str]) -> int:
        cache: dict[tuple[str, str], int] = self._local.sources
        if key in cache:
            return cache[key]
        self._exec(c, "INSERT INTO sources (name, kind) VALUES (?, ?) ON CONFLICT (name, kind) DO NOTHING", key)
        sid = self._exec(c, "SELECT id FROM sources WHERE name = ? AND kind = ?", key).fetchone()[0]
        cache[key] = sid
        return sid

    def optimize(self) -> None:
        """Refresh the planner's statistics (after a large ingest)."""
        if self.dialect == "sqlite":
            self.execute("PRAGMA optimize")
        else:
            self.execute("ANALYZE")

    # -- reading -------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        tables = ["articles", "events", "claims", "sources", "places", "entities"]
        if self.dialect == "sqlite":
            tables.append("articles_fts")
        return {t: self.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def _order(self) -> str:
        return "e.date DESC, e.id DESC" if self.dialect == "sqlite" else "e.date DESC NULLS LAST, e.id DESC"

    def _page(self, f: EventFilter | None, limit: int, offset: int, with_total: bool) -> tuple[int, list[tuple[Any, ...]]]:
        f = f or EventFilter()
        where, params, empty = where_clause(f, self.dialect)
        if empty:
            return 0, []
        limit = max(0, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        total = self.execute(f"SELECT count(*) FROM events e {where}", params).fetchone()[0] if with_total else -1
        if limit == 0:
            return total, []
        # The page's ids first, from the indexes alone; then only those rows (a "deferred join").
        inner = f"SELECT e.id FROM events e {where} ORDER BY {self._order()} LIMIT ? OFFSET ?"
        cur = self.execute(
            f"SELECT e.data, {_ARTICLE_SUMMARY} FROM ({inner}) k JOIN events e ON e.id = k.id "
            f"JOIN articles a ON a.doc_id = e.doc_id ORDER BY {self._order()}", [*params, limit, offset])
        return total, cur.fetchall()

    def query_events(self, f: EventFilter | None = None, *, limit: int = 50, offset: int = 0,
                     with_total: bool = True) -> tuple[int, list[dict[str, Any]]]:
        """(number of matching events, one page of them: SCHEMA event + doc_id + article summary)."""
        total, rows = self._page(f, limit, offset, with_total)
        return total, [_event_item(r) for r in rows]

    def query_events_json(self, f: EventFilter | None = None, *, limit: int = 50, offset: int = 0) -> bytes:
        """The same page as :meth:`query_events`, as the JSON of the API's response (built from the
        stored JSON of each event without parsing it again)."""
        total, rows = self._page(f, limit, offset, True)
        items = ",".join(_event_item_json(r) for r in rows)
        return (f'{{"total":{total},"limit":{max(0, min(int(limit), MAX_LIMIT))},"offset":{max(0, int(offset))},'
                f'"items":[{items}]}}').encode()

    def geo_events(self, f: EventFilter | None = None, *, limit: int = 10000) -> list[dict[str, Any]]:
        """Events with coordinates, as flat dicts for maps (most recent first)."""
        f = f or EventFilter()
        where, params, empty = where_clause(f, self.dialect)
        if empty:
            return []
        geo = "e.lat IS NOT NULL AND e.lon IS NOT NULL"
        where = f"{where} AND {geo}" if where else f"WHERE {geo}"
        cur = self.execute(
            "SELECT e.id, e.doc_id, e.event_type, e.sub_event_type, e.date, e.country, e.admin1, e.location, e.lat, e.lon, "
            "e.geo_precision, e.actor1, e.actor2, e.fatalities, e.disputed, e.n_claims "
            f"FROM events e {where} ORDER BY {self._order()} LIMIT ?", [*params, max(0, min(int(limit), 100000))])
        out = self._dicts(cur)
        for d in out:
            d["disputed"] = bool(d["disputed"])
        return out

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        row = self.execute(f"SELECT e.data, {_ARTICLE_SUMMARY}, a.text FROM events e JOIN articles a ON a.doc_id = e.doc_id "
                           "WHERE e.id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        item = _event_item(row[:7])
        item["article"]["text"] = row[7]
        others = self.execute("SELECT id, event_type, sub_event_type, date, location, ev_start, ev_end FROM events "
                              "WHERE doc_id = ? AND id <> ? ORDER BY seq", (item["doc_id"], event_id))
        item["other_events"] = self._dicts(others)
        return item

    def get_article(self, doc_id: str) -> dict[str, Any] | None:
        """The SCHEMA record of an article (plus ``ingested_at``), or None."""
        cur = self.execute("SELECT * FROM articles WHERE doc_id = ?", (doc_id,))
        rows = self._dicts(cur)
        if not rows:
            return None
        return self._records(rows)[0]

    def _records(self, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ids = [a["doc_id"] for a in articles]
        marks = ", ".join("?" for _ in ids)
        events: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        for doc, data in self.execute(f"SELECT doc_id, data FROM events WHERE doc_id IN ({marks}) ORDER BY doc_id, seq", ids):
            events[doc].append(json.loads(data))
        ents: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        for doc, s, e, label, text in self.execute(
                f"SELECT doc_id, start_off, end_off, label, text FROM entities WHERE doc_id IN ({marks}) ORDER BY doc_id, seq", ids):
            ents[doc].append({"start": s, "end": e, "label": label, "text": text})
        out = []
        for a in articles:
            rec = to_record(a, events[a["doc_id"]], ents[a["doc_id"]])
            out.append(rec)
        return out

    def iter_records(self, f: EventFilter | None = None, *, chunk: int = 500) -> Iterator[dict[str, Any]]:
        """SCHEMA records of the stored articles in ingest order; with a filter, only articles
        with a matching event, and only their matching events."""
        if f is not None and not f.is_empty():
            where, params, empty = where_clause(f, self.dialect)
            if empty:
                return
            matching: dict[str, set[str]] = {}
            for eid, doc in self.execute(f"SELECT e.id, e.doc_id FROM events e {where}", params):
                matching.setdefault(doc, set()).add(eid)
        else:
            matching = {}
        last = 0
        while True:
            cur = self.execute("SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, chunk))
            rows = self._dicts(cur)
            if not rows:
                return
            last = rows[-1]["id"]
            if f is not None and not f.is_empty():
                rows = [r for r in rows if r["doc_id"] in matching]
                if not rows:
                    continue
            for rec in self._records(rows):
                if matching:
                    keep = matching[rec["doc_id"]]
                    rec["events"] = [e for e in rec["events"] if e.get("id") in keep]
                yield rec

    def iter_event_rows(self, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Flat event rows (columns of ``events`` plus claims and article fields), for exports."""
        f = f or EventFilter()
        where, params, empty = where_clause(f, self.dialect)
        if empty:
            return
        sql = (f"SELECT e.*, a.title AS article_title, a.url AS article_url, a.source AS article_source, "
               f"a.published AS article_published FROM events e JOIN articles a ON a.doc_id = e.doc_id "
               f"{where} ORDER BY e.date, e.id")
        if self.dialect == "sqlite":
            cur = self.execute(sql, params)
        else:  # a server-side cursor: the rows are not all held in memory at once
            cur = self.conn().cursor(name=f"marsad_export_{threading.get_ident()}", withhold=True)
            cur.execute(self._sql(sql), tuple(params))
        try:
            names: list[str] | None = None
            while True:
                batch = cur.fetchmany(500)
                if names is None:
                    names = [d[0] for d in cur.description]
                if not batch:
                    return
                for r in batch:
                    d = dict(zip(names, r, strict=True))
                    d["data"] = json.loads(d["data"])
                    yield d
        finally:
            cur.close()

    def search_articles(self, q: str | None, *, limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """Articles whose title or text matches ``q`` (Arabic-normalised full text), newest first."""
        limit = max(0, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        cols = "a.doc_id, a.title, a.published, a.source, a.url, a.language, a.n_events"
        if not q or not q.strip():
            total = self.execute("SELECT count(*) FROM articles").fetchone()[0]
            cur = self.execute(f"SELECT {cols} FROM articles a ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
                               (limit, offset))
            return total, self._dicts(cur)
        if self.dialect == "sqlite":
            expr = fts5_query(q)
            if expr is None:
                return 0, []
            cond, p = "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", expr
        else:
            expr = tsquery(q)
            if expr is None:
                return 0, []
            cond, p = "a.tsv @@ to_tsquery('simple', ?)", expr
        total = self.execute(f"SELECT count(*) FROM articles a WHERE {cond}", (p,)).fetchone()[0]
        cur = self.execute(f"SELECT {cols} FROM articles a WHERE {cond} ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
                           (p, limit, offset))
        return total, self._dicts(cur)

    def timeline(self, f: EventFilter | None = None, *, bucket: str = "day") -> list[dict[str, Any]]:
        """Number of matching events per day (``bucket="day"``) or month, in date order."""
        width = {"day": 10, "month": 7, "year": 4}.get(bucket)
        if width is None:
            raise ValueError("bucket is day, month or year")
        f = f or EventFilter()
        where, params, empty = where_clause(f, self.dialect)
        if empty:
            return []
        dated = "e.date IS NOT NULL"
        where = f"{where} AND {dated}" if where else f"WHERE {dated}"
        period = f"substr(e.date, 1, {width})"
        cur = self.execute(f"SELECT {period}, count(*) FROM events e {where} GROUP BY {period} ORDER BY 1", params)
        return [{"period": p, "count": n} for p, n in cur.fetchall()]

    def facets(self, top: int = 50) -> dict[str, Any]:
        """Values to filter on, with their numbers of events."""
        def values(sql: str) -> list[dict[str, Any]]:
            return [{"value": v, "count": n} for v, n in self.execute(sql, (top,)).fetchall() if v not in (None, "")]

        dmin, dmax = self.execute("SELECT min(date), max(date) FROM events").fetchone()
        return {
            "countries": values("SELECT country, count(*) FROM events GROUP BY country ORDER BY 2 DESC, 1 LIMIT ?"),
            "admin1": values("SELECT admin1, count(*) FROM events GROUP BY admin1 ORDER BY 2 DESC, 1 LIMIT ?"),
            "event_types": values("SELECT event_type, count(*) FROM events GROUP BY event_type ORDER BY 2 DESC, 1 LIMIT ?"),
            "sub_event_types": values("SELECT sub_event_type, count(*) FROM events GROUP BY sub_event_type "
                                      "ORDER BY 2 DESC, 1 LIMIT ?"),
            "claim_sources": values("SELECT source_name, count(DISTINCT event_id) FROM claims GROUP BY source_name "
                                    "ORDER BY 2 DESC, 1 LIMIT ?"),
            "publishers": values("SELECT a.source, count(*) FROM events e JOIN articles a ON a.doc_id = e.doc_id "
                                 "GROUP BY a.source ORDER BY 2 DESC, 1 LIMIT ?"),
            "date_min": dmin,
            "date_max": dmax,
        }


def _tsv_text(title: str, text: str) -> str:
    """What PostgreSQL indexes: the words only (as SQLite's tokenizer sees them), so that its parser
    finds no tags, URLs or file names in the text; at most 400k characters (tsvector limit 1 MB)."""
    return " ".join(_WORD.findall(f"{title}\n{text[:400_000]}"))


def _event_item_json(row: tuple[Any, ...]) -> str:
    data = row[0].rstrip()
    if not data.endswith("}") or data.replace(" ", "") == "{}":
        return dumps(_event_item(row))
    article = {"doc_id": row[1], "title": row[2], "published": row[3], "source": row[4], "url": row[5], "language": row[6]}
    return f'{data[:-1]},"doc_id":{dumps(row[1])},"article":{dumps(article)}}}'


def _event_item(row: tuple[Any, ...]) -> dict[str, Any]:
    data = json.loads(row[0])
    data["doc_id"] = row[1]
    data["article"] = {"doc_id": row[1], "title": row[2], "published": row[3], "source": row[4], "url": row[5],
                       "language": row[6]}
    return data
