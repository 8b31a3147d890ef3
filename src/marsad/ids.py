"""Stable identifiers: content hashes, so that a re-run gives the same ids.

- ``flags.content_hash`` hashes the document's text (a changed article gets a new hash);
- an event's ``id`` hashes the document id with the event's defining fields (type, sub-type,
  place, date, actors): the same document and event give the same id on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import blake2b

from marsad.model import Document, Event


def content_hash(text: str) -> str:
    return blake2b(text.encode("utf-8"), digest_size=10).hexdigest()


def event_key(event: Event) -> str:
    loc = event.location
    place = str(loc.geonameid) if loc.geonameid else f"{loc.name}@{loc.lat:.3f},{loc.lon:.3f}"
    actors = "|".join(a.name if a else "" for a in (event.actor1, event.actor2))
    return "\x1f".join([event.event_type, event.sub_event_type, place, event.date or "", actors])


def event_id(doc_id: str, event: Event) -> str:
    h = blake2b(digest_size=8)
    h.update(doc_id.encode("utf-8"))
    h.update(b"\x1e")
    h.update(event_key(event).encode("utf-8"))
    return "ev-" + h.hexdigest()


@dataclass(frozen=True, slots=True)
class IdStage:
    name: str = "ids"

    def __call__(self, doc: Document) -> None:
        doc.flags["content_hash"] = content_hash(doc.text)
        seen: dict[str, int] = {}
        for ev in doc.events:
            base = event_id(doc.doc_id, ev)
            n = seen.get(base, 0)
            seen[base] = n + 1
            ev.id = base if n == 0 else f"{base}-{n}"
