"""Publication dates of inputs: ISO dates and datetimes, RFC 2822 (feeds, e-mail), crawl stamps."""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parsedate_to_datetime


def parse_published(value: str | date | None) -> date | None:
    """The calendar date of a publication timestamp, or None when it cannot be read."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        return None
