"""The text stage: normalised text, sentences and tokens of the document body."""
from __future__ import annotations

from dataclasses import dataclass

from marsad.model import Document
from marsad.text.normalize import NormText
from marsad.text.tokens import split_sentences, words


@dataclass(frozen=True, slots=True)
class TextStage:
    """Normalised text of the whole document; sentences and their words (token strings) of its
    body (``tokens=False``: sentences only)."""

    tokens: bool = True
    name: str = "text"

    def __call__(self, doc: Document) -> None:
        doc.norm = NormText.of(doc.text)
        for a, b in doc.body:
            doc.sentences.extend(split_sentences(doc.text, a, b))
        if self.tokens:
            doc.words = [words(doc.text, s.start, s.end) for s in doc.sentences]


__all__ = ["TextStage"]
