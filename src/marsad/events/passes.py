"""One pass of every lexicon the event coder reads: over a document (relative dates, month
names, attribution cues) and over each sentence that holds a trigger (type modifiers, non-event
cues, actors, sources, death and injury words). Each gives what the lexicons give one by one.

The coder reads nine lexicons in a trigger sentence and three over the whole document; a pass
costs about what the scan of the text costs, whatever the number of lexicons (``Bundle``).
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from marsad.claims.attribution import cue_items, source_items
from marsad.events import lexicons
from marsad.events.actors import (
    COUNTRY_ADJ_MIN_CHARS,
    country_adj_items,
    force_items,
    group_items,
    victim_items,
)
from marsad.events.dates import DateMention, dates_from_hits, month_items, relative_items
from marsad.events.fatalities import death_items
from marsad.events.lexicons import Bundle, select
from marsad.text.lexicon import LexMatch

Hits = list[LexMatch[Any]]


@cache
def document_bundle() -> Bundle:
    """Relative dates, month names and attribution cues (in that order)."""
    return Bundle([(relative_items(), 2), (month_items(), 2), (cue_items(), 2)])


@dataclass(frozen=True, slots=True)
class DocumentHits:
    """What the coder reads of every sentence of a document, by sentence."""

    dates: list[list[DateMention]]  # find_dates_in(norm, spans, published) (of the ``dated`` sentences)
    cues: list[Hits]  # cue_lexicon().find_spans(norm, spans)
    relative: list[Hits]  # relative_lexicon().find_spans(norm, spans): the ``relative`` of day_parts


def document_hits(norm: str, spans: Sequence[tuple[int, int]], published: date | None,
                  dated: Container[int] | None = None) -> DocumentHits:
    """The dates, attribution cues and relative-date words of each of ``spans`` (the sentences
    of a document, in order), from one pass over the text. ``dated``: the numbers of the
    sentences whose dates are wanted (the others get none), when not all are."""
    relative, months, cues = document_bundle().find_spans(norm, spans, every=(1,))
    return DocumentHits(dates_from_hits(norm, spans, published, relative, months, dated), cues, relative)


MODIFIERS, NONEVENTS, GROUPS, FORCES, ADJECTIVES, VICTIMS, SOURCES, DEATHS, INJURIES, INCIDENT_VERBS = range(10)


@cache
def sentence_bundle() -> Bundle:
    """The lexicons of a trigger sentence, numbered as above."""
    return Bundle([(lexicons.modifier_items(), 2), (lexicons.nonevent_items(), 2), (group_items(), 2),
                   (force_items(), 2), (country_adj_items(), COUNTRY_ADJ_MIN_CHARS), (victim_items(), 2),
                   (source_items(), 2), (death_items(), 2), (lexicons.injury_items(), 2),
                   (lexicons.incident_verb_items(), 2)])


class SentenceHits:
    """The hits of every lexicon of :func:`sentence_bundle` in one span, from one pass; each
    lexicon's ``find`` (non-overlapping hits) is selected when first asked."""

    __slots__ = ("_every", "_found")

    def __init__(self, norm: str, start: int, end: int) -> None:
        self._every = sentence_bundle().matches(norm, start, end)
        self._found: list[Hits | None] = [None] * len(self._every)

    def found(self, k: int) -> Hits:
        """Lexicon ``k``'s ``find`` over the span."""
        hits = self._found[k]
        if hits is None:
            every = self._every[k]
            hits = self._found[k] = select(every) if len(every) > 1 else every
        return hits

    def found_within(self, k: int, start: int, end: int) -> Hits:
        """Lexicon ``k``'s ``find`` over ``[start, end)``, a part of the span: the hits that lie
        there, selected (the selection of a part is not the part of the span's selection)."""
        hits = [m for m in self._every[k] if start <= m.start and m.end <= end]
        return select(hits) if len(hits) > 1 else hits

    def incident_verbs(self, start: int, end: int) -> Hits:
        """``lexicons.build(lexicons.incident_verb_items()).find(norm, start, end)`` within the span"""
        return self.found_within(INCIDENT_VERBS, start, end)

    @property
    def modifiers(self) -> Hits:
        """``lexicons.modifiers().find``"""
        return self.found(MODIFIERS)

    @property
    def nonevents(self) -> Hits:
        """``lexicons.nonevents().find``"""
        return self.found(NONEVENTS)

    @property
    def victims(self) -> Hits:
        """``victim_lexicon().find``"""
        return self.found(VICTIMS)

    @property
    def country_adjectives(self) -> Hits:
        """``country_adj_lexicon().find``"""
        return self.found(ADJECTIVES)

    @property
    def injuries(self) -> Hits:
        """``lexicons.injuries().find``"""
        return self.found(INJURIES)

    @property
    def actors(self) -> list[Hits]:
        """The ``hits`` of ``find_actors``."""
        return [self.found(GROUPS), self.found(FORCES), self.found(ADJECTIVES), self.found(VICTIMS)]

    @property
    def sources(self) -> list[Hits]:
        """The ``hits`` of ``find_claims``."""
        return [self.found(SOURCES), self.found(ADJECTIVES)]

    @property
    def fatalities(self) -> list[Hits]:
        """The ``hits`` of ``count_fatalities`` (every hit, not only the non-overlapping ones)."""
        return [self._every[DEATHS], self._every[INJURIES], self._every[VICTIMS]]
