"""Document-level consistency: a cheap second pass over the CRF's tags of one document.

A name tends to keep one meaning within a news article ("one sense per discourse"), but a
sentence-level CRF decides each occurrence on its own context: it finds ``الويبو`` after "منظمة"
in one sentence and misses it in the next five. This pass, after the CRF has tagged all the
sentences of a document,

1. collects the names the CRF found, keyed by their words (each word normalised and
   clitic-stripped, :func:`name_key`: ``ولبنان`` and ``لبنان`` are one name), with the labels
   they got;
2. tags every other occurrence of such a name that the CRF left untagged (all its tokens ``O``,
   longest names first) with the label the name got most often in the document, unless the
   caller's ``allow`` check refuses it (the tagger refuses an occurrence where the CRF's own
   score for the label's ``B-`` tag on the first token is well below its score for ``O``:
   ``min_margin`` in ``model.json``).

It never changes a tag the CRF gave (relabelling a name to its document majority was measured
and did not help), is linear in the document's tokens (dictionary lookups), and sees only the
CRF's output on the document, never gold labels: cross-validation (where a window of neighbouring
sentences stands for the document) and tagging run it the same way. See ``data/ner/README.md``
for what it adds in cross-validation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Sequence

from marsad.text.lexicon import strip_proclitics
from marsad.text.normalize import normalize

Key = tuple[str, ...]
Mention = tuple[int, int, str]  # sentence index, index of the name's first token, label
# allow(candidate mentions) -> the mentions that may be tagged
Allow = Callable[[list[Mention]], Container[Mention]]


def name_key(token: str) -> str:
    """The form a word of a name is matched on: normalised, proclitics stripped (as the
    featurizer's shortest base)."""
    w = normalize(token)
    return strip_proclitics(w)[-1] if len(w) > 2 else w


def _spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    from marsad.entities.ner import bio_spans

    return bio_spans(tags)


def document_names(keys: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], labels: Sequence[str],
                   min_chars: int = 3, max_len: int = 6) -> dict[Key, str]:
    """``{name (keys of its words): label}`` of the names tagged in a document (``keys``: the
    :func:`name_key` of each token, sentence by sentence; ``tags``: their BIO tags), each with
    the label it got most often (on a tie, the first seen). Names longer than ``max_len``
    tokens, names with another label than ``labels`` and one-word names of fewer than
    ``min_chars`` letters are left out."""
    found: dict[Key, Counter[str]] = {}
    allowed = frozenset(labels)
    for ks, ts in zip(keys, tags, strict=True):
        for i, j, lab in _spans(ts):
            if lab not in allowed or j - i > max_len or (j - i == 1 and len(ks[i]) < min_chars):
                continue
            found.setdefault(tuple(ks[i:j]), Counter())[lab] += 1
    return {key: labs.most_common(1)[0][0] for key, labs in found.items()}


def propagate(keys: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], names: dict[Key, str],
              allow: Allow | None = None) -> list[list[str]]:
    """New BIO tags: the untagged occurrences of ``names`` (see :func:`document_names`) get the
    name's label; other tags are kept. ``allow``, if given, is asked once with all the candidate
    mentions ``(sentence index, first token index, label)`` and returns those that may be tagged."""
    lengths: dict[str, list[int]] = {}
    for key in names:
        lengths.setdefault(key[0], []).append(len(key))
    for ns in lengths.values():
        ns.sort(reverse=True)
    # candidate mentions (sentence, first token, length, label): in text order, longest first
    cands: list[tuple[int, int, int, str]] = []
    for si, (ks, ts) in enumerate(zip(keys, tags, strict=True)):
        n_tok = len(ks)
        for i, k in enumerate(ks):
            if ts[i] != "O" or k not in lengths:
                continue
            for n in lengths[k]:
                if i + n > n_tok or any(t != "O" for t in ts[i + 1:i + n]):
                    continue
                # a name is a whole token run: do not glue it to the inside of a following name
                if i + n < n_tok and ts[i + n][:2] == "I-":
                    continue
                lab = names.get(tuple(ks[i:i + n]))
                if lab is not None:
                    cands.append((si, i, n, lab))
    out = [list(t) for t in tags]
    if not cands:
        return out
    ok = allow([(s, i, lab) for s, i, _, lab in cands]) if allow is not None else None
    taken: dict[int, int] = {}  # sentence -> end of the last mention tagged in it
    for s, i, n, lab in cands:
        if i < taken.get(s, 0) or (ok is not None and (s, i, lab) not in ok):
            continue
        ts = out[s]
        ts[i] = "B-" + lab
        for m in range(i + 1, i + n):
            ts[m] = "I-" + lab
        taken[s] = i + n
    return out


def harmonise(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]],
              labels: Sequence[str] = ("PER", "LOC", "ORG"),
              context: tuple[Sequence[Sequence[str]], Sequence[Sequence[str]]] | None = None,
              key_of: Callable[[str], str] = name_key, min_chars: int = 3, max_len: int = 6,
              allow: Allow | None = None, keys: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
    """New BIO tags of ``sentences`` (surface tokens, one document) given the CRF's ``tags``.

    ``context``: the sentences of the document and their tags the names are collected from
    (default: ``sentences`` and ``tags`` themselves). ``allow``: see :func:`propagate`.
    ``keys``: the ``key_of`` of every token of ``sentences``, when the caller has them.
    """
    if not any(t != "O" for ts in (tags if context is None else context[1]) for t in ts):
        return [list(t) for t in tags]  # no names in the document
    if keys is None:
        keys = [[key_of(t) for t in s] for s in sentences]
    if context is None:
        names = document_names(keys, tags, labels, min_chars, max_len)
    else:
        ckeys = [[key_of(t) for t in s] for s in context[0]]
        names = document_names(ckeys, context[1], labels, min_chars, max_len)
    if not names:
        return [list(t) for t in tags]
    return propagate(keys, tags, names, allow)


__all__ = ["document_names", "harmonise", "name_key", "propagate"]
