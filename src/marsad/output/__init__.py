"""Output: the JSON Lines records of SCHEMA.md.

A line is ``json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))``. Speed: a
:class:`~marsad.model.Record` (not a subclass) whose values have the plain types of the schema is
written by :func:`_record_json` straight from its fields, with the JSON encoder's own string
escaping, instead of through a dict per entity and the encoder's walk over them (~3x faster on
the corpus); anything else (another type, a float that is not finite, a subclass) goes the
generic way. The tests check both give the same bytes.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import IO, Any

from marsad.model import Entity, Record

# json.dumps(obj, ensure_ascii=False, separators=(",", ":")) builds this encoder on every call
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_encode = _ENCODER.encode
_esc = encode_basestring  # the encoder's own escaping of strings (ensure_ascii=False)


def dumps(record: Record | dict[str, Any]) -> str:
    if type(record) is Record:
        line = _record_json(record)
        if line is not None:
            return line
    obj = record.to_dict() if isinstance(record, Record) else record
    return _encode(obj)


def write_record(fh: IO[str], record: Record | dict[str, Any]) -> None:
    fh.write(dumps(record))
    fh.write("\n")


def _scalar(v: Any) -> str | None:
    """The JSON of a str, int, finite float, bool or None as the encoder writes it; else None."""
    if v is None:
        return "null"
    t = type(v)
    if t is str:
        return _esc(v)
    if t is int:
        return int.__repr__(v)
    if t is bool:
        return "true" if v else "false"
    if t is float and math.isfinite(v):
        return float.__repr__(v)
    return None


def _flat_dict(d: dict[str, Any]) -> str | None:
    """The JSON of a dict of str keys and scalar values, else None."""
    parts = []
    for k, v in d.items():
        val = _scalar(v)
        if val is None or type(k) is not str:
            return None
        parts.append(_esc(k) + ":" + val)
    return "{" + ",".join(parts) + "}"


def _entities(entities: list[Entity]) -> str | None:
    """The JSON of ``[e.to_dict() for e in entities]``, else None."""
    parts = []
    append = parts.append
    for e in entities:
        if type(e) is not Entity or type(e.start) is not int or type(e.end) is not int \
                or type(e.label) is not str or type(e.text) is not str:
            return None
        append(f'{{"start":{e.start},"end":{e.end},"label":{_esc(e.label)},"text":{_esc(e.text)}}}')
    return "[" + ",".join(parts) + "]"


def _record_json(r: Record) -> str | None:
    """``_encode(r.to_dict())`` written from the record's fields, or None when a value is not of
    a plain type (then the caller encodes the dict)."""
    head = [_scalar(v) for v in (r.doc_id, r.language, r.published, r.title, r.url, r.source, r.text)]
    if None in head or type(r.event_types) is not list or any(type(t) is not str for t in r.event_types):
        return None
    entities = _entities(r.entities)
    flags = _flat_dict(r.flags) if type(r.flags) is dict else None
    if entities is None or flags is None:
        return None
    # events are few (a third of a record): the encoder walks their dicts as fast as Python would
    events = _encode([e.to_dict() for e in r.events]) if r.events else "[]"
    if r.error is None:
        error = "null"
    else:
        kind, message = _scalar(r.error.kind), _scalar(r.error.message)
        if kind is None or message is None:
            return None
        error = '{"kind":' + kind + ',"message":' + message + "}"
    doc_id, language, published, title, url, source, text = head
    return "".join(('{"doc_id":', doc_id, ',"language":', language, ',"published":', published,  # type: ignore[arg-type]
                    ',"title":', title, ',"url":', url, ',"source":', source, ',"text":', text, ',"events":', events,
                    ',"event_types":[', ",".join(map(_esc, r.event_types)), '],"entities":', entities,
                    ',"flags":', flags, ',"error":', error, "}"))


__all__ = ["dumps", "write_record"]
