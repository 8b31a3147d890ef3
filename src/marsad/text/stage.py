"""The text stage: normalised text, sentences and tokens of the document body."""
from __future__ import annotations

from dataclasses import dataclass

from marsad.model import Document
from marsad.text.normalize import NormText
from marsad.text.tokens import split_sentences, tokenize


@dataclass(frozen=True, slots=True)
class TextStage:
    """Normalised text of the whole document; sentences and tokens of its body."""

    tokens: bool = True
    name: str = "text"

    def __call__(self, doc: Document) -> None:
        doc.norm = norm = NormText.of(doc.text)
        for a, b in doc.body:
            doc.sentences.extend(split_sentences(doc.text, a, b))
        if self.tokens:
            for s in doc.sentences:
                doc.tokens.extend(tokenize(doc.text, s.start, s.end, norm))


__all__ = ["TextStage"]
