"""The event lexicons (triggers, type modifiers, non-event cues, injury words), built once, and
:class:`Bundle`: several lexicons matched in one pass over a text."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter, le
from typing import Any, TypeVar

from marsad import resources
from marsad.text import lexicon_scan
from marsad.text.lexicon import Lexicon, LexMatch, _select, entry_key

T = TypeVar("T")
_new_tuple = tuple.__new__

Items = tuple[tuple[str, Any], ...]  # (surface form as written in the data file, payload) of a lexicon


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str
    sub_event_type: str
    strength: int
    plover: str
    pattern: str


def build(items: Iterable[tuple[str, T]], min_key_chars: int = 2) -> Lexicon[T]:
    lex: Lexicon[T] = Lexicon(min_key_chars=min_key_chars)
    lex.add_all(items)
    return lex.compile()


class Bundle:
    """Several lexicons matched in one pass: one automaton over the keys of all, whose hits are
    then cut by lexicon. ``find`` gives, for each member, what the member's own
    ``Lexicon.find`` gives over the same span (the same hits in the same order): a hit is
    checked against its own entries only, and ``_select`` runs on each member's hits apart.

    A pass over a text costs about what one lexicon's pass costs (the scan, not the number of
    keys, dominates), so a sentence searched with four lexicons is scanned once, not four times.
    """

    __slots__ = ("_lexicon", "_size")

    def __init__(self, members: Sequence[tuple[Iterable[tuple[str, Any]], int]]) -> None:
        """``members``: (items, min_key_chars) of each lexicon, as its ``Lexicon`` is built."""
        lex: Lexicon[tuple[int, Any]] = Lexicon(min_key_chars=1)
        for tag, (items, min_key_chars) in enumerate(members):
            for surface, payload in items:
                if _long_enough(surface, min_key_chars):
                    lex.add(surface, (tag, payload))
        self._lexicon = lex.compile()
        self._size = len(members)

    def matches(self, norm: str, start: int = 0, end: int | None = None) -> list[list[LexMatch[Any]]]:
        """Each member's ``list(iter_matches(norm, start, end))`` (every hit, overlapping ones
        included), from one pass."""
        out: list[list[LexMatch[Any]]] = [[] for _ in range(self._size)]
        add = [hits.append for hits in out]
        lex = self._lexicon
        rows = _compiled_rows(lex, norm, start, end)
        if rows is None:
            for s, e, w, key, (tag, payload) in lex.iter_matches(norm, start, end):
                add[tag](_new_tuple(LexMatch, (s, e, w, key, payload)))
            return out
        keys, kept = lex._keys, lex._kept
        for s, e, w, k, article, closed in rows:
            key = keys[k]
            for tag, payload in kept[k][2 * closed + article]:
                add[tag](_new_tuple(LexMatch, (s, e, w, key, payload)))
        return out

    def find(self, norm: str, start: int = 0, end: int | None = None) -> list[list[LexMatch[Any]]]:
        """Each member's ``find(norm, start, end)``, from one pass."""
        return [select(hits) if len(hits) > 1 else hits for hits in self.matches(norm, start, end)]

    def find_spans(self, norm: str, spans: Sequence[tuple[int, int]], every: Collection[int] = ()
                   ) -> list[list[list[LexMatch[Any]]]]:
        """Each member's ``find_spans(norm, spans)`` (spans in order, not overlapping: the
        sentences of a document), from one pass over the text; for the members numbered in
        ``every``, every hit of each span instead (overlapping ones included, as ``matches``)."""
        out: list[list[list[LexMatch[Any]]]] = [[[] for _ in spans] for _ in range(self._size)]
        if not spans:
            return out
        starts = [a for a, _ in spans]
        ends = [b for _, b in spans]
        if not all(map(le, ends[:-1], starts[1:])):  # out of order or overlapping
            per_span = [self.matches(norm, a, b) for a, b in spans]
            out = [[found[k] for found in per_span] for k in range(self._size)]
            several = [(k, i) for k, member in enumerate(out) for i, hits in enumerate(member) if len(hits) > 1]
            return self._selected(out, several, every)
        several = []  # (member, span) of the lists that got a second hit
        lex = self._lexicon
        rows = _compiled_rows(lex, norm, starts[0], max(ends))
        if rows is None:
            for s, e, w, key, (tag, payload) in lex.iter_matches(norm, starts[0], max(ends)):
                i = bisect_right(starts, s) - 1
                if i >= 0 and e <= ends[i]:
                    hits = out[tag][i]
                    if len(hits) == 1:
                        several.append((tag, i))
                    hits.append(_new_tuple(LexMatch, (s, e, w, key, payload)))
        else:
            keys, kept = lex._keys, lex._kept
            for s, e, w, k, article, closed in rows:
                i = bisect_right(starts, s) - 1
                if i >= 0 and e <= ends[i]:
                    key = keys[k]
                    for tag, payload in kept[k][2 * closed + article]:
                        hits = out[tag][i]
                        if len(hits) == 1:
                            several.append((tag, i))
                        hits.append(_new_tuple(LexMatch, (s, e, w, key, payload)))
        return self._selected(out, several, every)

    @staticmethod
    def _selected(out: list[list[list[LexMatch[Any]]]], several: list[tuple[int, int]],
                  every: Collection[int]) -> list[list[list[LexMatch[Any]]]]:
        """``out`` with each member's find of each span: the lists of ``several`` (member, span),
        which hold more than one hit, selected unless the member is in ``every`` (a span's lone
        hit stands: ``find`` of a list of one)."""
        for tag, i in several:
            if tag not in every:
                out[tag][i] = select(out[tag][i])
        return out


def _compiled_rows(lex: Lexicon[Any], norm: str, start: int, end: int | None) -> list[list[int]] | None:
    """The compiled scan's rows of ``lex`` over ``norm[start:end]`` (``Lexicon.matches`` before
    it makes its hits: a bundle makes one hit a row and member, not one for the bundle's tagged
    payload and one more for the member's), or None without the compiled scan."""
    if lex._tables is None or not lexicon_scan.COMPILED:
        return None
    return lex._rows(norm, start, end, False)


def select(hits: Sequence[LexMatch[T]]) -> list[LexMatch[T]]:
    """``text.lexicon._select`` of a copy of ``hits``: the non-overlapping hits, longest first then
    leftmost, one per span and payload, in text order. Hits that overlap nowhere (the usual case
    in a sentence) are all kept: they are only put in order, without the selection's work."""
    if len(hits) < 2:
        return list(hits)
    ordered = sorted(hits, key=_start)  # stable: hits on one span keep their order, as in _select
    end, span = -1, (-1, -1)
    for m in ordered:
        if m.start < end and (m.start, m.end) != span:
            return _select(list(hits))  # two hits overlap: the selection decides
        end, span = m.end, (m.start, m.end)
    return ordered


_start = itemgetter(0)  # LexMatch.start


def _long_enough(surface: str, min_key_chars: int) -> bool:
    """Whether ``Lexicon(min_key_chars).add(surface, ...)`` keeps the entry (its key is long enough)."""
    key, _ = entry_key(surface.lstrip("!").rstrip("*"))
    return bool(key) and len(key.replace(" ", "")) >= min_key_chars


def _takes_accusative_alif(pattern: str) -> bool:
    """A one-word noun whose indefinite accusative is written with a final alif (قصف -> قصفا)."""
    return not pattern.startswith("!") and not pattern.endswith("*") and " " not in pattern \
        and pattern[-1] not in "ةىاءئؤأإآ"


@cache
def trigger_items() -> Items:
    out: list[tuple[str, Any]] = []
    for r in resources.tsv("events/triggers.tsv"):
        pattern = r["pattern"]
        trig = Trigger(r["event_type"], r["sub_event_type"], int(r["strength"]), r["plover"], pattern)
        out.append((pattern, trig))
        if _takes_accusative_alif(pattern):
            out.append((pattern + "ا", trig))  # "شنوا هجوما", "انفجارا استهدف"
    return tuple(out)


@cache
def triggers() -> Lexicon[Trigger]:
    return build(trigger_items())


@cache
def modifier_items() -> Items:
    return tuple((r["pattern"], r["effect"]) for r in resources.tsv("events/modifiers.tsv"))


@cache
def modifiers() -> Lexicon[str]:
    return build(modifier_items())


@cache
def nonevent_items() -> Items:
    return tuple((r["pattern"], (r["kind"], r["scope"])) for r in resources.tsv("events/nonevent.tsv"))


@cache
def nonevents() -> Lexicon[tuple[str, str]]:
    return build(nonevent_items())


@cache
def incident_verb_items() -> Items:
    """Verbs of occurrence (``data/events/incident_verbs.txt``): "وقع", "أسفر عن", "استهدف"."""
    return tuple((w, True) for w in resources.lines("events/incident_verbs.txt"))


@cache
def injury_items() -> Items:
    return tuple((p, True) for p in resources.lines("events/injury.tsv")[1:])


@cache
def injuries() -> Lexicon[bool]:
    return build(injury_items())
