"""The trigger stage: the event-trigger words of each sentence, found once per document.

It runs before the places stage because it says whether a document reports anything codeable
at all: about half of the news (sport, economy, culture) has no event trigger in any sentence,
and such a document needs neither its places resolved nor its events coded. The event coder
(:mod:`marsad.events.coder`) reads the hits from ``doc.triggers``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from marsad.events import lexicons
from marsad.model import Document
from marsad.text import lexicon_scan
from marsad.text.lexicon import LexMatch
from marsad.text.normalize import NormText
from marsad.text.tokens import Sentence


class SentenceTriggers(list[list[LexMatch[lexicons.Trigger]]]):
    """``doc.triggers`` as the stage leaves it: the hits of each sentence, and the spans it cut
    them by (:func:`sentence_bounds`), kept for the event coder (:func:`document_bounds`) with
    the normalised text and the sentences they were made of."""

    __slots__ = ("bounds", "norm", "sentences")

    def __init__(self, hits: list[list[LexMatch[lexicons.Trigger]]], bounds: list[tuple[int, int]],
                 norm: NormText, sentences: list[Sentence]) -> None:
        super().__init__(hits)
        self.bounds, self.norm, self.sentences = bounds, norm, sentences


@dataclass(frozen=True, slots=True)
class TriggerStage:
    """Fills ``doc.triggers``: per sentence of ``doc.sentences``, the trigger lexicon's hits
    (``Lexicon.find``); left None for a document that is not Arabic."""

    name: str = "triggers"

    def __call__(self, doc: Document) -> None:
        if doc.language not in ("ar", None) or doc.norm is None:
            return
        bounds = sentence_bounds(doc)
        if doc.norm.norm_codes is not None:  # the first scans of the text: its code points are made
            lexicon_scan.remember(doc.norm.norm, doc.norm.norm_codes)
        doc.triggers = SentenceTriggers(lexicons.triggers().find_spans(doc.norm.norm, bounds), bounds, doc.norm,
                                        doc.sentences)


def document_bounds(doc: Document) -> list[tuple[int, int]]:
    """:func:`sentence_bounds` of ``doc``: those the trigger stage cut its hits by, when the
    document still has the normalised text and the sentences they were made of."""
    found: Any = doc.triggers
    if isinstance(found, SentenceTriggers) and found.norm is doc.norm and found.sentences is doc.sentences:
        return found.bounds
    return sentence_bounds(doc)


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


__all__ = ["SentenceTriggers", "TriggerStage", "document_bounds", "sentence_bounds"]
