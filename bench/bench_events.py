"""CPU time of the trigger stage and of the event coder alone, over a fixed slice of a corpus.

    python bench/bench_events.py [INPUT ...] [--limit N] [--repeat N] [--profile]

Default input: the first 6,000 articles of the SaudiNewsNet corpus (``../shared/data/corpus/saudinewsnet``).

The documents are taken through the pipeline up to the places stage once; then the trigger
stage (``events.triggers.TriggerStage``, every document) and the coder
(``events.coder.EventCoder.code``, which returns at once for a document without a trigger) are
timed on their own, ``--repeat`` times each, and the smallest CPU time (``time.process_time``)
is printed per document and per document with a trigger, with a digest of the events coded
(the same digest before and after a change: the same events). ``--profile`` prints the
functions where the coder spends its time (cProfile, by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import itertools
import pstats
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "corpus" / "saudinewsnet"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", help=f"inputs (default: {DEFAULT_CORPUS})")
    ap.add_argument("--limit", type=int, default=6000, help="only the first N articles (default 6000)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each stage (default 3)")
    ap.add_argument("--profile", action="store_true", help="also profile the coder (cProfile)")
    args = ap.parse_args()

    from marsad.events.coder import EventCoder
    from marsad.events.triggers import TriggerStage
    from marsad.ingest import iter_documents
    from marsad.pipeline import Pipeline, PipelineConfig

    inputs = args.inputs or sorted(str(p) for p in DEFAULT_CORPUS.glob("*.zip"))
    if not inputs:
        raise SystemExit(f"no input (and no corpus at {DEFAULT_CORPUS})")
    t0 = time.perf_counter()
    pipe = Pipeline.default(PipelineConfig(until="places"))
    docs = [d for d in pipe.run(itertools.islice(iter_documents(inputs), args.limit)) if d.error is None]
    with_trigger = sum(1 for d in docs if d.triggers and any(d.triggers))
    print(f"{len(docs)} documents ({with_trigger} with a trigger) up to 'places' in {time.perf_counter() - t0:.1f} s")
    if not docs:
        return
    stage, coder = TriggerStage(), EventCoder()

    def triggers() -> None:
        for d in docs:
            stage(d)

    def events() -> list:  # type: ignore[type-arg]
        return [coder.code(d) for d in docs]

    events()  # loads the lexicons
    gc.disable()
    try:
        t_trig = _best(triggers, args.repeat)[0]
        t_ev, coded = _best(events, args.repeat)
    finally:
        gc.enable()
    n = len(docs)
    digest = hashlib.sha1(repr(coded).encode()).hexdigest()[:12]
    print(f"triggers {t_trig / n * 1e6:7.1f} us/document")
    print(f"events   {t_ev / n * 1e6:7.1f} us/document, {t_ev / max(1, with_trigger) * 1e6:.1f} us/document with a"
          f" trigger; {sum(len(e) for e, _ in coded)} events, digest {digest}")
    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(events)
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)


def _best(run, repeat: int):  # type: ignore[no-untyped-def]
    """(smallest CPU seconds of ``repeat`` calls of ``run``, what the last call returned)."""
    best, out = float("inf"), None
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        out = run()
        best = min(best, time.process_time() - t0)
    return best, out


if __name__ == "__main__":
    main()
