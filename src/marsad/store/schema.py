"""Table definitions of the event store, for SQLite and PostgreSQL.

- ``articles``: one row per document (key ``doc_id``, unique; ``content_hash`` of its text);
- ``events``: one row per event (key: the SCHEMA event ``id``), ``doc_id`` -> articles;
  the filterable fields as columns, and the whole SCHEMA event object as JSON in ``data``;
- ``claims``: who says what about an event (key ``(event_id, seq)``), ``source_id`` -> sources;
- ``sources``: the claim sources (key ``(name, kind)``);
- ``places``: the locations events happen at (key ``place_key``: GeoNames id, or name and
  coordinates when the place is not in GeoNames);
- ``entities``: the named entities of each article (key ``(doc_id, seq)``);
- full-text search over Arabic-normalised title and text: an FTS5 table ``articles_fts``
  (rowid = ``articles.id``) in SQLite, a ``tsvector`` column with a GIN index in PostgreSQL.
"""

from __future__ import annotations

SCHEMA_VERSION = "1"

# Every event index ends with (date, id): a filtered page is then read from the index alone
# (newest first), and only the rows of the page itself are fetched.
_COMMON_INDEXES = [
    "CREATE INDEX IF NOT EXISTS articles_published ON articles (published)",
    "CREATE INDEX IF NOT EXISTS articles_source ON articles (source)",
    "CREATE INDEX IF NOT EXISTS places_country ON places (country, admin1)",
    "CREATE INDEX IF NOT EXISTS events_doc_date ON events (doc_id, date, id)",
    "CREATE INDEX IF NOT EXISTS events_article_date ON events (article_id, date, id)",
    "CREATE INDEX IF NOT EXISTS events_date ON events (date, id)",
    "CREATE INDEX IF NOT EXISTS events_country_date ON events (country, date, id)",
    "CREATE INDEX IF NOT EXISTS events_admin1_date ON events (admin1, date, id)",
    "CREATE INDEX IF NOT EXISTS events_type_date ON events (event_type, date, id)",
    "CREATE INDEX IF NOT EXISTS events_subtype_date ON events (sub_event_type, date, id)",
    "CREATE INDEX IF NOT EXISTS events_disputed_date ON events (disputed, date, id)",
    "CREATE INDEX IF NOT EXISTS events_actors ON events (actors_norm, date, id)",
    "CREATE INDEX IF NOT EXISTS events_place ON events (place_id)",
    "CREATE INDEX IF NOT EXISTS claims_source ON claims (source_id)",
    "CREATE INDEX IF NOT EXISTS claims_source_norm ON claims (source_norm, event_id)",
    "CREATE INDEX IF NOT EXISTS entities_norm ON entities (label, norm)",
    # indexes of earlier versions of this schema, replaced by the ones above
    "DROP INDEX IF EXISTS events_doc",
    "DROP INDEX IF EXISTS events_country",
    "DROP INDEX IF EXISTS events_type",
    "DROP INDEX IF EXISTS events_disputed",
]


def _tables(ident: str, real: str, with_tsv: bool) -> list[str]:
    tsv = ",\n  tsv TSVECTOR" if with_tsv else ""
    return [
        """CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
)""",
        f"""CREATE TABLE IF NOT EXISTS articles (
  id {ident},
  doc_id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  title TEXT,
  url TEXT,
  source TEXT,
  published TEXT,
  language TEXT,
  text TEXT NOT NULL,
  event_types TEXT NOT NULL DEFAULT '[]',
  flags TEXT NOT NULL DEFAULT '{{}}',
  extra TEXT NOT NULL DEFAULT '{{}}',
  error_kind TEXT,
  error_message TEXT,
  n_events INTEGER NOT NULL DEFAULT 0,
  ingested_at TEXT NOT NULL{tsv}
)""",
        f"""CREATE TABLE IF NOT EXISTS places (
  id {ident},
  place_key TEXT NOT NULL UNIQUE,
  name TEXT,
  country TEXT,
  admin1 TEXT,
  lat {real},
  lon {real},
  geonameid BIGINT
)""",
        f"""CREATE TABLE IF NOT EXISTS sources (
  id {ident},
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  UNIQUE (name, kind)
)""",
        f"""CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  doc_id TEXT NOT NULL REFERENCES articles (doc_id) ON DELETE CASCADE,
  article_id BIGINT,
  seq INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  sub_event_type TEXT NOT NULL,
  plover TEXT,
  date TEXT,
  date_precision INTEGER,
  place_id BIGINT REFERENCES places (id),
  country TEXT,
  admin1 TEXT,
  location TEXT,
  location_text TEXT,
  lat {real},
  lon {real},
  geo_precision INTEGER,
  actor1 TEXT,
  inter1 INTEGER,
  actor2 TEXT,
  inter2 INTEGER,
  actors_norm TEXT NOT NULL DEFAULT '',
  fatalities INTEGER NOT NULL DEFAULT 0,
  disputed INTEGER NOT NULL DEFAULT 0,
  evidence TEXT,
  ev_start INTEGER,
  ev_end INTEGER,
  confidence {real},
  n_claims INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL
)""",
        """CREATE TABLE IF NOT EXISTS claims (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  source_id BIGINT REFERENCES sources (id),
  source_text TEXT,
  source_name TEXT,
  source_kind TEXT,
  channel TEXT,
  stance TEXT,
  source_norm TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (event_id, seq)
)""",
        """CREATE TABLE IF NOT EXISTS entities (
  doc_id TEXT NOT NULL REFERENCES articles (doc_id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  start_off INTEGER NOT NULL,
  end_off INTEGER NOT NULL,
  label TEXT NOT NULL,
  text TEXT NOT NULL,
  norm TEXT NOT NULL,
  PRIMARY KEY (doc_id, seq)
)""",
    ]


SQLITE_TABLES = [
    *_tables("INTEGER PRIMARY KEY", "REAL", with_tsv=False),
    # The FTS table keeps its own copy of the normalised text (no external content): a
    # changed normalisation can never leave the index inconsistent with what it deletes.
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  title, body, tokenize = 'unicode61 remove_diacritics 2'
)""",
]
SQLITE_INDEXES = list(_COMMON_INDEXES)

POSTGRES_TABLES = _tables("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "DOUBLE PRECISION", with_tsv=True)
POSTGRES_INDEXES = ["CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING GIN (tsv)", *_COMMON_INDEXES]

# Columns added since the first stores were made: (table, column, type, SQL that fills it in).
ADDED_COLUMNS = [
    ("events", "article_id", "BIGINT",
     "UPDATE events SET article_id = (SELECT a.id FROM articles a WHERE a.doc_id = events.doc_id)"),
]
