"""The text stage: normalised text, sentences and tokens of the document body."""
from __future__ import annotations

from dataclasses import dataclass

from marsad.model import Document
from marsad.text import kernels
from marsad.text.normalize import NormText
from marsad.text.tokens import body_sentences, body_sentences_words, sentence_words


@dataclass(frozen=True, slots=True)
class TextStage:
    """Normalised text of the whole document; sentences and their words (token strings) of its
    body (``tokens=False``: sentences only). A normalisation already made of the same text (by
    the boilerplate stage) is kept."""

    tokens: bool = True
    name: str = "text"

    def __call__(self, doc: Document) -> None:
        text = doc.text
        if doc.norm is None or doc.norm.original is not text:
            doc.norm = NormText.of(text, kernels.code_points(text))
        codes = doc.norm.codes if doc.norm.codes is not None else kernels.code_points(text)
        if self.tokens and not doc.sentences:
            doc.sentences, doc.words = body_sentences_words(text, doc.body, codes)
            return
        doc.sentences.extend(body_sentences(text, doc.body, codes))
        if self.tokens:
            doc.words = sentence_words(text, doc.sentences, codes)


__all__ = ["TextStage"]
