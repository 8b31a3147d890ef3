"""The plain data that flows between pipeline stages, and the output record.

A :class:`RawDocument` comes out of ingest; the pipeline turns it into a :class:`Document`
that each stage fills in; :meth:`Document.to_record` gives the output :class:`Record` of
``SCHEMA.md`` (``Record.to_dict()`` is exactly the JSON line written by ``marsad extract``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from marsad.text.normalize import NormText
from marsad.text.tokens import Sentence, Token


class DocumentError(Exception):
    """A problem with one input document: reported in its record, never fatal to a run."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(slots=True)
class DocError:
    kind: str
    message: str


@dataclass(slots=True)
class RawDocument:
    """One input document as ingest found it; exactly one of text / html / data is set."""

    doc_id: str
    text: str | None = None
    html: str | None = None
    data: bytes | None = None  # undecoded bytes of a file
    is_html: bool = False  # with ``data``: whether the bytes are an HTML page
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""  # where it came from (path, archive member, line), for messages
    error: DocError | None = None  # set by ingest when the input itself is unreadable


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    label: str  # PER | LOC | ORG
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text}


@dataclass(slots=True)
class Location:
    text: str
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    geonameid: int
    precision: int
    start: int = -1  # span of ``text`` in Document.text (not part of the SCHEMA object)
    end: int = -1
    kind: str = "city"  # city | admin1 | region | country | ... (internal)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "name": self.name, "country": self.country, "admin1": self.admin1,
            "lat": self.lat, "lon": self.lon, "geonameid": self.geonameid, "precision": self.precision,
        }


@dataclass(slots=True)
class Actor:
    text: str
    name: str
    inter: int
    country: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "inter": self.inter, "country": self.country}


@dataclass(slots=True)
class Claim:
    source_text: str
    source_name: str
    source_kind: str
    channel: str = ""
    stance: str = "asserts"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Event:
    event_type: str
    sub_event_type: str
    date: str | None
    date_precision: int
    location: Location
    actor1: Actor | None
    actor2: Actor | None
    fatalities: int
    claims: list[Claim]
    disputed: bool
    evidence: str
    evidence_span: tuple[int, int]
    confidence: float
    plover: str = ""
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "plover": self.plover,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict(),
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "fatalities": self.fatalities,
            "claims": [c.to_dict() for c in self.claims],
            "disputed": self.disputed,
            "evidence": self.evidence,
            "evidence_span": list(self.evidence_span),
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True)
class Document:
    """The working document: each stage reads what earlier stages wrote and adds its part."""

    doc_id: str
    text: str = ""
    html: str | None = None
    data: bytes | None = None
    is_html: bool = False
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    origin: str = ""
    language: str | None = None
    # [start, end) spans of ``text`` that are article body (boilerplate excluded)
    body: list[tuple[int, int]] = field(default_factory=list)
    norm: NormText | None = None
    sentences: list[Sentence] = field(default_factory=list)
    # the token strings of each of ``sentences`` (text stage; see token_list() for offsets)
    words: list[list[str]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    places: list[Location] = field(default_factory=list)
    place_mentions: list[Any] = field(default_factory=list)  # places.geocode.Mention, resolved or not
    # per sentence, the event-trigger hits (events.triggers); None: not looked for
    triggers: list[list[Any]] | None = None
    events: list[Event] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    flags: dict[str, Any] = field(default_factory=dict)
    error: DocError | None = None
    timings: dict[str, float] = field(default_factory=dict)

    def token_list(self) -> list[Token]:
        """The tokens of ``sentences``, with their offsets and normalised forms (computed here:
        the text stage keeps only the token strings, ``words``)."""
        from marsad.text.tokens import tokenize

        return [t for s in self.sentences for t in tokenize(self.text, s.start, s.end, self.norm)]

    def to_record(self) -> Record:
        flags = {"boilerplate_chars": 0, "syndicated_of": None}
        flags.update(self.flags)
        return Record(
            doc_id=self.doc_id,
            language=self.language,
            published=self.published.isoformat() if self.published else None,
            title=self.title,
            url=self.url,
            text=self.text,
            events=list(self.events),
            event_types=list(self.event_types),
            entities=list(self.entities),
            flags=flags,
            error=self.error,
            source=self.source,
        )


@dataclass(slots=True)
class Record:
    """One output record per input document (``SCHEMA.md``)."""

    doc_id: str
    language: str | None
    published: str | None
    title: str | None
    url: str | None
    text: str
    events: list[Event]
    event_types: list[str]
    entities: list[Entity]
    flags: dict[str, Any]
    error: DocError | None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "language": self.language,
            "published": self.published,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "text": self.text,
            "events": [e.to_dict() for e in self.events],
            "event_types": list(self.event_types),
            "entities": [e.to_dict() for e in self.entities],
            "flags": dict(self.flags),
            "error": {"kind": self.error.kind, "message": self.error.message} if self.error else None,
        }
