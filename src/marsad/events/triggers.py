"""The trigger stage: the event-trigger words of each sentence, found once per document.

It runs before the places stage because it says whether a document reports anything codeable
at all: about half of the news (sport, economy, culture) has no event trigger in any sentence,
and such a document needs neither its places resolved nor its events coded. The event coder
(:mod:`marsad.events.coder`) reads the hits from ``doc.triggers``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from marsad.events import lexicons
from marsad.model import Document


@dataclass(frozen=True, slots=True)
class TriggerStage:
    """Fills ``doc.triggers``: per sentence of ``doc.sentences``, the trigger lexicon's hits
    (``Lexicon.find``); left None for a document that is not Arabic."""

    name: str = "triggers"

    def __call__(self, doc: Document) -> None:
        if doc.language not in ("ar", None) or doc.norm is None:
            return
        doc.triggers = lexicons.triggers().find_spans(doc.norm.norm, sentence_bounds(doc))


def sentence_bounds(doc: Document) -> list[tuple[int, int]]:
    """``doc.sentences`` as spans of the normalised text ``doc.norm.norm``."""
    assert doc.norm is not None
    norm = doc.norm
    removed = norm.removed
    if not removed and norm.to_norm(len(norm.original)) != len(norm.original):
        return [(norm.to_norm(s.start), norm.to_norm(s.end)) for s in doc.sentences]  # not made by NormText.of
    # NormText.to_norm(i): i less the number of removed characters before i (``removed`` holds
    # their original offsets, sorted), here by C bisection rather than its Python loop
    return [(s.start - bisect_left(removed, s.start), s.end - bisect_left(removed, s.end)) for s in doc.sentences]


__all__ = ["TriggerStage", "sentence_bounds"]
