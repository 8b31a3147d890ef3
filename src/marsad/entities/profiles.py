"""Word profiles for the named-entity recogniser, counted offline in unlabelled news text.

Arabic has no capital letters; what marks a word as a name is how it behaves in running text.
For every normalised word form seen often enough in the corpus this module records, as small
buckets, how it behaves:

- ``a``: how often the same form also occurs with the article (ال + word); names of persons and
  most foreign place names never take it, common nouns and adjectives usually do;
- ``t``: how often it follows a title or a word that introduces a person (``PER`` cues of
  ``data/ner/cues.tsv``: الرئيس, الشيخ, الوزير... within two words);
- ``o``: how often it follows an organisation head (``ORG`` cues: وزارة, حركة, منظمة...);
- ``l``: how often it follows a place cue (``LOC`` cues: مدينة, محافظة...) or في/إلى;
- ``b``: how often it stands next to ``بن``/``بنت``/``ابن`` (parts of persons' names);
- ``f``: its frequency (log2 bucket).

The file (``data/ner/profiles.tsv.gz``) is ``word<TAB>a2 t1 o0 ...`` and gives the features
``pa=2``, ``pt=1``... (see :mod:`marsad.entities.features`). Deterministic: sorted output, no
random choices.

    python -m marsad.entities.profiles ../shared/data/corpus/saudinewsnet/*.zip \
        -o src/marsad/data/ner/profiles.tsv.gz
"""

from __future__ import annotations

import argparse
import gzip
import math
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from marsad import resources
from marsad.text.lexicon import strip_proclitics

PROFILES_FILE = "ner/profiles.tsv.gz"

_PREP_LOC = frozenset({"في", "الي", "إلى", "الى", "من"})
_BIN = frozenset({"بن", "بنت", "ابن", "ابو", "أبو"})
# bucket edges of the ratios (share of occurrences)
_EDGES = (0.0, 0.02, 0.08, 0.25, 0.5)


def _bucket(x: float) -> int:
    b = 0
    for k, e in enumerate(_EDGES):
        if x > e:
            b = k + 1
    return b


def _cue_kinds(cues: dict[str, frozenset[str]], w: str) -> frozenset[str]:
    out: set[str] = set()
    for c in strip_proclitics(w) if len(w) > 2 else [w]:
        k = cues.get(c)
        if k:
            out.update(k)
    return frozenset(out)


def build(sentences: Iterable[Sequence[str]], min_count: int = 5) -> dict[str, str]:
    """``{word: "a2 t1 ..."}`` from normalised token sequences."""
    from marsad.entities.features import load_cues

    cues = load_cues()
    n: Counter[str] = Counter()
    per: Counter[str] = Counter()
    org: Counter[str] = Counter()
    loc: Counter[str] = Counter()
    bin_: Counter[str] = Counter()
    kinds_cache: dict[str, frozenset[str]] = {}
    for sent in sentences:
        kinds = []
        for w in sent:
            k = kinds_cache.get(w)
            if k is None:
                k = _cue_kinds(cues, w)
                if len(kinds_cache) < 2_000_000:
                    kinds_cache[w] = k
            kinds.append(k)
        n.update(sent)
        for i, w in enumerate(sent):
            prev = kinds[max(0, i - 2): i]
            if any("PER" in k for k in prev):
                per[w] += 1
            if any("ORG" in k for k in prev):
                org[w] += 1
            if (i and (sent[i - 1] in _PREP_LOC or "LOC" in kinds[i - 1])) or (i > 1 and "LOC" in kinds[i - 2]):
                loc[w] += 1
            if (i and sent[i - 1] in _BIN) or (i + 1 < len(sent) and sent[i + 1] in _BIN):
                bin_[w] += 1
    out: dict[str, str] = {}
    for w, c in n.items():
        if c < min_count or not any(ch.isalpha() for ch in w):
            continue
        feats = []
        if not w.startswith("ال"):
            art = n.get("ال" + w, 0)
            feats.append(f"a{_bucket(art / (art + c))}")
        else:
            feats.append("aX")
        feats.append(f"t{_bucket(per[w] / c)}")
        feats.append(f"o{_bucket(org[w] / c)}")
        feats.append(f"l{_bucket(loc[w] / c)}")
        feats.append(f"b{_bucket(bin_[w] / c)}")
        feats.append(f"f{min(int(math.log2(c)), 14)}")
        out[w] = " ".join(feats)
    return out


def write(profiles: dict[str, str], path: str | Path, note: str = "") -> None:
    with gzip.open(Path(path), "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# word profiles for marsad.entities (see marsad/entities/profiles.py)" + (f"; {note}" if note else "") + "\n")
        for w in sorted(profiles):
            f.write(f"{w}\t{profiles[w]}\n")


def load(path: str | Path | None = None) -> dict[str, str]:
    """``{normalised word: "a2 t1 ..."}`` (default: the packaged file; ``{}`` if there is none)."""
    p = Path(path) if path is not None else resources.data_path(PROFILES_FILE)
    if not p.is_file():
        return {}
    out: dict[str, str] = {}
    for line in gzip.decompress(p.read_bytes()).decode("utf-8").split("\n"):
        if line and line[0] != "#":
            w, sep, v = line.partition("\t")
            if sep:
                out[w] = v
    return out


def main(argv: Sequence[str] | None = None) -> int:
    from marsad.entities.clusters import iter_sentences, iter_texts

    ap = argparse.ArgumentParser(prog="python -m marsad.entities.profiles", description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="zips / jsonl / text files of unlabelled news")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--min-count", type=int, default=5)
    args = ap.parse_args(argv)
    prof = build(iter_sentences(iter_texts(sorted(args.inputs))), args.min_count)
    write(prof, args.output, f"{len(prof)} words, min count {args.min_count}")
    print(f"{len(prof)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
