"""Full-text search queries over Arabic-normalised text.

Both the indexed text and the query go through :func:`marsad.text.normalize.normalize`
(hamza forms of alef, alef maqsura, ta marbuta, diacritics, tatweel, digits), so "إدلب" finds
"ادلب" and the other way round. Arabic glues proclitics to the word (و ف, ب ل ك, ال, لل), and
an index of whole words would miss "بإدلب" for "إدلب": each query word is therefore expanded
into its forms with the proclitics of ``data/ar/proclitics.json`` (an OR of at most a few
dozen terms). Query words are ANDed. Anything that is not a word character is dropped, so the
user's text can never inject FTS syntax.
"""

from __future__ import annotations

import re
from functools import cache

from marsad import resources
from marsad.text.normalize import normalize

_WORD = re.compile(r"\w+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
MAX_TERMS = 8  # query words kept (the rest are ignored)


def normalize_for_index(text: str | None) -> str:
    """The form in which text is indexed (and queries are normalised)."""
    return normalize(text or "").lower()


@cache
def _clitics() -> tuple[tuple[str, ...], tuple[str, ...], str, str]:
    try:
        spec = resources.json_resource("ar/proclitics.json")
        conj = tuple(normalize(c) for c in spec["conjunctions"])
        prep = tuple(normalize(p) for p in spec["prepositions"])
        art = normalize(spec["article"])
        contracted = normalize(spec.get("contracted_article", {}).get("ل", "لل"))
    except Exception:  # the inventory is a nicety: fall back to the standard one
        conj, prep, art, contracted = ("و", "ف"), ("ب", "ل", "ك"), "ال", "لل"
    return conj, prep, art, contracted


def query_words(q: str | None) -> list[str]:
    """The normalised words of a free-text query."""
    return _WORD.findall(normalize_for_index(q))[:MAX_TERMS]


def word_forms(word: str) -> list[str]:
    """The forms a normalised query word can take in running Arabic text."""
    if not _ARABIC.search(word) or len(word) < 2:
        return [word]
    conj, prep, art, contracted = _clitics()
    base = word[len(art):] if word.startswith(art) and len(word) - len(art) >= 3 else word
    forms: set[str] = set()
    for c in ("", *conj):
        for p in ("", *prep):
            forms.add(c + p + base)
            forms.add(c + p + art + base)
        forms.add(c + contracted + base)
    return sorted(forms)


def fts5_query(q: str | None) -> str | None:
    """An SQLite FTS5 MATCH expression, or None when the query has no word."""
    words = query_words(q)
    if not words:
        return None
    groups = []
    for w in words:
        forms = word_forms(w)
        groups.append("(" + " OR ".join(f'"{f}"' for f in forms) + ")")
    return " AND ".join(groups)


def tsquery(q: str | None) -> str | None:
    """A PostgreSQL ``to_tsquery('simple', ...)`` expression, or None when no word."""
    words = query_words(q)
    if not words:
        return None
    return " & ".join("(" + " | ".join(word_forms(w)) + ")" for w in words)


def like_pattern(s: str) -> str:
    """A LIKE pattern (escape character backslash) matching ``s`` as a normalised substring."""
    n = normalize_for_index(s).strip()
    n = n.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{n}%"
