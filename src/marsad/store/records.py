"""SCHEMA records (``Record.to_dict()``) to store rows and back."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from hashlib import blake2b
from typing import Any

from marsad.ids import content_hash
from marsad.store.search import normalize_for_index

# Top-level keys of a SCHEMA record that have their own columns or tables.
RECORD_KEYS = ("doc_id", "language", "published", "title", "url", "source", "text", "events",
               "event_types", "entities", "flags", "error")


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def record_hash(record: dict[str, Any]) -> str:
    """The article's content hash: ``flags.content_hash``, or the hash of its text."""
    flags = record.get("flags") or {}
    h = flags.get("content_hash") if isinstance(flags, dict) else None
    return str(h) if h else content_hash(record.get("text") or "")


def _int(v: Any, default: int | None = None) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def _float(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if f == f else None  # NaN -> None


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def fallback_event_id(doc_id: str, seq: int, event: dict[str, Any]) -> str:
    """An id for an event that came without one (stable for the same document and event)."""
    h = blake2b(digest_size=8)
    h.update(doc_id.encode("utf-8"))
    h.update(b"\x1e")
    h.update(dumps({k: v for k, v in event.items() if k not in ("id", "confidence")}).encode("utf-8"))
    h.update(f"\x1e{seq}".encode())
    return "ev-" + h.hexdigest()


def place_key(loc: dict[str, Any]) -> str | None:
    gid = _int(loc.get("geonameid"), 0)
    if gid:
        return f"gn:{gid}"
    lat, lon = _float(loc.get("lat")), _float(loc.get("lon"))
    name = loc.get("name") or loc.get("text") or ""
    if lat is None or lon is None:
        return None
    return f"nm:{loc.get('country') or ''}:{name}@{lat:.3f},{lon:.3f}"


@dataclass(slots=True)
class ClaimRow:
    seq: int
    source_text: str | None
    source_name: str | None
    source_kind: str | None
    channel: str | None
    stance: str | None

    @property
    def source_key(self) -> tuple[str, str]:
        return (self.source_name or self.source_text or "", self.source_kind or "")

    @property
    def source_norm(self) -> str:
        return normalize_for_index(f"{self.source_name or ''} | {self.source_text or ''}")


@dataclass(slots=True)
class EventRow:
    id: str
    seq: int
    event_type: str
    sub_event_type: str
    plover: str | None
    date: str | None
    date_precision: int | None
    place: dict[str, Any] | None  # key, name, country, admin1, lat, lon, geonameid
    country: str | None
    admin1: str | None
    location: str | None
    location_text: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    actor1: str | None
    inter1: int | None
    actor2: str | None
    inter2: int | None
    actors_norm: str
    fatalities: int
    disputed: int
    evidence: str | None
    ev_start: int | None
    ev_end: int | None
    confidence: float | None
    data: str
    claims: list[ClaimRow] = field(default_factory=list)


@dataclass(slots=True)
class ArticleRow:
    doc_id: str
    content_hash: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    language: str | None
    text: str
    event_types: str
    flags: str
    extra: str
    error_kind: str | None
    error_message: str | None
    events: list[EventRow]
    entities: list[tuple[int, int, int, str, str, str]]  # seq, start, end, label, text, norm


def _actor_name(a: dict[str, Any]) -> str | None:
    return a.get("name") or a.get("text") or None


def to_rows(record: dict[str, Any]) -> ArticleRow:
    """The rows of one SCHEMA record (missing or odd fields are tolerated, never guessed)."""
    doc_id = str(record["doc_id"])
    text = record.get("text") or ""
    flags = dict(record.get("flags") or {})
    chash = record_hash(record)
    error = record.get("error") or None
    extra = {k: v for k, v in record.items() if k not in RECORD_KEYS}
    events: list[EventRow] = []
    used: set[str] = set()
    for seq, ev in enumerate(record.get("events") or []):
        ev = dict(ev)
        eid = str(ev.get("id") or fallback_event_id(doc_id, seq, ev))
        base, n = eid, 1
        while eid in used:  # an id repeated inside one document
            eid = f"{base}-{n}"
            n += 1
        used.add(eid)
        ev["id"] = eid
        loc = ev.get("location") or {}
        a1 = ev.get("actor1") or {}
        a2 = ev.get("actor2") or {}
        span = ev.get("evidence_span") or [None, None]
        start, end = (_int(span[0]), _int(span[1])) if len(span) == 2 else (None, None)
        pkey = place_key(loc) if loc else None
        place = None
        if pkey:
            place = {"key": pkey, "name": loc.get("name") or loc.get("text"), "country": loc.get("country"),
                     "admin1": loc.get("admin1"), "lat": _float(loc.get("lat")), "lon": _float(loc.get("lon")),
                     "geonameid": _int(loc.get("geonameid"), 0)}
        actors = " | ".join(str(x) for x in (a1.get("name"), a1.get("text"), a2.get("name"), a2.get("text")) if x)
        claims = []
        for cseq, c in enumerate(ev.get("claims") or []):
            claims.append(ClaimRow(cseq, _str(c.get("source_text")), _str(c.get("source_name")), _str(c.get("source_kind")),
                                   _str(c.get("channel")), _str(c.get("stance"))))
        events.append(EventRow(
            id=eid, seq=seq,
            event_type=str(ev.get("event_type") or ""), sub_event_type=str(ev.get("sub_event_type") or ""),
            plover=_str(ev.get("plover")), date=_str(ev.get("date")), date_precision=_int(ev.get("date_precision")),
            place=place, country=_str(loc.get("country")) or None, admin1=_str(loc.get("admin1")) or None,
            location=_str(loc.get("name") or loc.get("text")), location_text=_str(loc.get("text")),
            lat=_float(loc.get("lat")), lon=_float(loc.get("lon")), geo_precision=_int(loc.get("precision")),
            actor1=_actor_name(a1), inter1=_int(a1.get("inter")) if a1 else None,
            actor2=_actor_name(a2), inter2=_int(a2.get("inter")) if a2 else None,
            actors_norm=normalize_for_index(actors),
            fatalities=_int(ev.get("fatalities"), 0) or 0, disputed=1 if ev.get("disputed") else 0,
            evidence=_str(ev.get("evidence")), ev_start=start, ev_end=end, confidence=_float(ev.get("confidence")),
            data=dumps(ev), claims=claims,
        ))
    entities = []
    for seq, en in enumerate(record.get("entities") or []):
        etext = str(en.get("text") or "")
        entities.append((seq, _int(en.get("start"), 0) or 0, _int(en.get("end"), 0) or 0, str(en.get("label") or ""),
                         etext, normalize_for_index(etext)))
    return ArticleRow(
        doc_id=doc_id, content_hash=chash, title=_str(record.get("title")), url=_str(record.get("url")),
        source=_str(record.get("source")), published=_str(record.get("published")), language=_str(record.get("language")),
        text=text, event_types=dumps(list(record.get("event_types") or [])), flags=dumps(flags), extra=dumps(extra),
        error_kind=_str(error.get("kind")) if isinstance(error, dict) else None,
        error_message=_str(error.get("message")) if isinstance(error, dict) else None,
        events=events, entities=entities,
    )


def to_record(article: dict[str, Any], events: list[dict[str, Any]], entities: list[dict[str, Any]]) -> dict[str, Any]:
    """A SCHEMA record from an article row (as a dict), its event objects and entity objects."""
    error = None
    if article.get("error_kind"):
        error = {"kind": article["error_kind"], "message": article.get("error_message") or ""}
    rec = {
        "doc_id": article["doc_id"],
        "language": article.get("language"),
        "published": article.get("published"),
        "title": article.get("title"),
        "url": article.get("url"),
        "source": article.get("source"),
        "text": article.get("text") or "",
        "events": events,
        "event_types": json.loads(article.get("event_types") or "[]"),
        "entities": entities,
        "flags": json.loads(article.get("flags") or "{}"),
        "error": error,
    }
    rec.update(json.loads(article.get("extra") or "{}"))
    return rec
