"""Output: the JSON Lines records of SCHEMA.md."""

from __future__ import annotations

import json
from typing import IO, Any

from marsad.model import Record


def dumps(record: Record | dict[str, Any]) -> str:
    obj = record.to_dict() if isinstance(record, Record) else record
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write_record(fh: IO[str], record: Record | dict[str, Any]) -> None:
    fh.write(dumps(record))
    fh.write("\n")


__all__ = ["dumps", "write_record"]
