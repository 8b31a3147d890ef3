"""Geocoding on gold locations: resolve each gold event's location text inside its evidence.

For every gold event of the development gold files, the evidence sentence is geocoded (with the
whole article as context for disambiguation) and the mention that covers the gold location
text is compared with the gold location: share within 10 km, within the ACLED precision radius
(1: 25 km, 2: 50 km, 3: 150 km), with the right country. Also reports gazetteer load time,
memory and matching speed. Usage: python bench/eval_places.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import time
from pathlib import Path

from marsad.places.gazetteer import load
from marsad.places.geocode import Geocoder
from marsad.text.normalize import NormText, normalize
from marsad.text.tokens import split_sentences

RADIUS = {1: 25.0, 2: 50.0, 3: 150.0}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def load_json(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "data").is_dir():
        print(f"no development data at {shared}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    gaz = load()
    load_s = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    geo = Geocoder(gaz)
    pairs = [(shared / "data/seed/kherson.jsonl", shared / "data/seed/kherson_gold.json"),
             (shared / "data/dev/snn_dev.jsonl", shared / "data/dev/snn_dev_gold.json")]
    n = w10 = wrad = wcc = found = 0
    for docs_path, gold_path in pairs:
        texts = {}
        for line in docs_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                texts[d["doc_id"]] = d.get("text") or ""
        for g in load_json(gold_path):
            text = texts.get(g["doc_id"], "")
            norm = NormText.of(text)
            doc_mentions = geo.mentions(norm, [(0, len(text))])
            for ev in g["events"]:
                loc = ev["location"]
                n += 1
                ev_start = text.find(ev["evidence"])
                span = (ev_start, ev_start + len(ev["evidence"])) if ev_start >= 0 else (0, len(text))
                want = normalize(loc["text"])

                def named(m, want=want) -> bool:
                    t = normalize(m.text)
                    return bool(t) and (t in want or want in t)

                inside = [m for m in doc_mentions if m.place and span[0] <= m.start and m.end <= span[1]]
                best = [m for m in inside if named(m)]
                if not best:  # the gold location written outside the evidence: nearest such mention,
                    # one written exactly as the gold text first ("سوريا" rather than "شمال غرب سوريا")
                    best = sorted((m for m in doc_mentions if m.place and named(m)),
                                  key=lambda m: (normalize(m.text) != want, abs(m.start - span[0])))
                if not best:
                    best = inside
                if not best:
                    if args.verbose:
                        print(f"MISS {g['doc_id']} {loc['text']!r} ({loc['name']}, {loc['country']})")
                    continue
                m = best[0]
                found += 1
                assert m.place is not None
                d = km((loc["lat"], loc["lon"]), (m.place.lat, m.place.lon))
                w10 += d <= 10
                wrad += d <= RADIUS.get(int(loc.get("precision") or 1), 25.0)
                wcc += m.place.country == loc["country"]
                if args.verbose and d > 10:
                    print(f"FAR  {g['doc_id']} {loc['text']!r} gold {loc['name']},{loc['country']} p{loc['precision']}"
                          f" -> {m.place.name},{m.place.country} {m.place.kind} p{m.precision} {d:.0f} km")
    # matching speed over the development sentences
    sents = []
    for line in (shared / "data/dev/snn_dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            t = json.loads(line).get("text") or ""
            sents.extend(s.text for s in split_sentences(t))
    t1 = time.perf_counter()
    reps = 5
    for _ in range(reps):
        for s in sents:
            geo.mentions(NormText.of(s), [(0, len(s))])
    speed = reps * len(sents) / (time.perf_counter() - t1)
    print(f"gold locations {n}: found {found}, within 10 km {w10 / n:.3f}, within precision radius {wrad / n:.3f}, "
          f"right country {wcc / n:.3f}")
    print(f"gazetteer: {len(gaz)} places, {len(gaz.lexicon)} names, load {load_s:.2f} s, RSS after load {rss_mb:.0f} MB")
    print(f"matching: {speed:,.0f} sentences/s ({len(sents)} development sentences x {reps})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
