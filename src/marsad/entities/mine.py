"""Name lists mined offline from unlabelled news for the recogniser's gazetteer (kinds ``PERM``, ``ORGM``).

- ``ORGM``: word sequences that start with an organisation head (``ORG`` cues of
  ``data/ner/cues.tsv``: وزارة, منظمة, حركة, جامعة...) and recur: ``head w1 .. wk`` (k = 1..4)
  seen at least ``min_org`` times and *closed* (no single next word follows it in most of its
  occurrences, so "وزارة الداخلية" is kept when it goes on with many different words);
- ``PERM``: runs of two to four words after a title or a word that introduces a person
  (``PER`` cues: الرئيس, الشيخ, الوزير...), each word of the run being a word that itself often
  follows such titles (its ``t`` bucket in :mod:`marsad.entities.profiles`) or a name link
  (بن, بنت, عبد, أبو...), seen at least ``min_per`` times.

Only the names are kept (normalised, sorted), no text. Deterministic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from marsad.text.lexicon import strip_proclitics
from marsad.text.normalize import normalize

_STOP = frozenset(normalize(w) for w in (  # noqa: SIM905
    "في من الى إلى على عن مع ان أن إن او أو ثم قد لقد كما بعد قبل حتى التي الذي الذين هذا هذه ذلك تلك "
    "كان كانت قال قالت وقال وقالت و لا لم لن ما هو هي هم عام خلال بين امس أمس اليوم يوم وفي ومن "
    "فيه فيها عليه عليها منه منها له لها الي علي"
).split())
_LINK = frozenset(normalize(w) for w in ["بن", "بنت", "ابن", "ابو", "أبو", "ابي", "أبي", "عبد", "ال", "آل"])


def _is_word(w: str) -> bool:
    return len(w) >= 2 and all(ch.isalpha() for ch in w)


def mine(sentences: Iterable[Sequence[str]], cues: dict[str, frozenset[str]], profiles: dict[str, str],
         min_org: int = 8, min_per: int = 3, closed: float = 0.6) -> dict[str, set[str]]:
    org: Counter[tuple[str, ...]] = Counter()
    per: Counter[tuple[str, ...]] = Counter()
    kinds_cache: dict[str, tuple[str, frozenset[str]]] = {}

    def kind(w: str) -> tuple[str, frozenset[str]]:
        hit = kinds_cache.get(w)
        if hit is None:
            hit = (w, frozenset())
            for c in strip_proclitics(w) if len(w) > 2 else [w]:
                k = cues.get(c)
                if k:
                    hit = (c, k)
                    break
            if len(kinds_cache) < 2_000_000:
                kinds_cache[w] = hit
        return hit

    def tb(w: str) -> int:
        p = profiles.get(w)
        if not p:
            return -1
        t = p.split(" ")[1]
        return int(t[1:])

    for sent in sentences:
        n = len(sent)
        for i, w in enumerate(sent):
            form, k = kind(w)
            if not k:
                continue
            if "ORG" in k:
                words = [form]
                for j in range(i + 1, min(n, i + 5)):
                    x = sent[j]
                    if not _is_word(x) or x in _STOP:
                        break
                    words.append(x)
                    org[tuple(words)] += 1
            if "PER" in k:
                # skip the rest of the title (more cues, words with the article: وزير الخارجية الأمريكي)
                j = i + 1
                while j < n and j < i + 5 and _is_word(sent[j]) and (kind(sent[j])[1] or sent[j].startswith("ال")):
                    j += 1
                run: list[str] = []
                while j < n and len(run) < 4:
                    x = sent[j]
                    if not _is_word(x) or x in _STOP:
                        break
                    if x in _LINK or (run and run[-1] in _LINK) or (not kind(x)[1] and tb(x) >= 3):
                        run.append(x)
                        j += 1
                    else:
                        break
                while run and run[-1] in _LINK:
                    run.pop()
                if len(run) >= 2:
                    per[tuple(run)] += 1
    out: dict[str, set[str]] = {"ORGM": set(), "PERM": set()}
    nexts: Counter[tuple[str, ...]] = Counter()
    for g, c in org.items():
        if len(g) > 2:
            nexts[g[:-1]] = max(nexts[g[:-1]], c)
    for g, c in org.items():
        if c >= min_org and nexts.get(g, 0) < closed * c and g[-1] not in _LINK:
            out["ORGM"].add(" ".join(g))
    for g, c in per.items():
        if c >= min_per:
            out["PERM"].add(" ".join(g))
    return out


__all__ = ["mine"]
