"""CPU time of the places stage, of the stages around it, and of the dictionary matching.

    python bench/bench_places.py [--limit N] [--repeat R]

The first N corpus articles (default 3,000) go through the pipeline up to the entity stage once;
then the trigger, places and event stages run over them R times (default 3) and the best CPU time
(``time.process_time``) of each is printed in microseconds per article. Every ``Lexicon`` call
those stages make is recorded and replayed through the compiled scan (``marsad.text.lexicon_scan``)
and through the pure-Python path (pyahocorasick and the checks in Python), which give the same
hits: the figures are the dictionary matching's share, and what the compiled scan saves.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "corpus" / "saudinewsnet"
_RECORDED = ("iter_matches", "matches", "find", "find_grouped", "find_spans")


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def record_calls(stages: list[Any], docs: list[Any]) -> list[tuple[Any, str, str, tuple[Any, ...]]]:
    """Run the stages over the documents, recording the outermost Lexicon calls."""
    from marsad.text.lexicon import Lexicon

    calls: list[tuple[Any, str, str, tuple[Any, ...]]] = []
    depth = [0]
    originals = {name: getattr(Lexicon, name) for name in _RECORDED}

    def wrap(name: str) -> Callable[..., Any]:
        orig = originals[name]

        def recorded(self: Any, norm: str, *args: Any) -> Any:
            if depth[0] == 0:
                calls.append((self, name, norm, args))
            depth[0] += 1
            try:
                return orig(self, norm, *args)
            finally:
                depth[0] -= 1
        return recorded

    try:
        for name in _RECORDED:
            setattr(Lexicon, name, wrap(name))
        for stage in stages:
            for doc in docs:
                stage(doc)
    finally:
        for name, orig in originals.items():
            setattr(Lexicon, name, orig)
    return calls


def compiled_path(lx: Any, name: str, norm: str, args: tuple[Any, ...]) -> object:
    result = getattr(lx, name)(norm, *args)
    return list(result) if name == "iter_matches" else result


def python_path(lx: Any, name: str, norm: str, args: tuple[Any, ...]) -> object:
    """The same call by pyahocorasick and the checks in Python."""
    from marsad.text.lexicon import _select

    if name in ("iter_matches", "matches"):
        return list(lx._iter_matches_py(norm, *args))
    if name in ("find", "find_grouped"):
        return _select(list(lx._iter_matches_py(norm, *args)))
    return lx._find_spans_py(norm, args[0])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", help=f"inputs (default: {DEFAULT_CORPUS})")
    ap.add_argument("--limit", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from marsad.events.coder import EventStage
    from marsad.events.triggers import TriggerStage
    from marsad.ingest import iter_documents
    from marsad.pipeline import Pipeline, PipelineConfig
    from marsad.places.stage import PlacesStage

    pipe = Pipeline.default(PipelineConfig(until="entities"))
    raws = itertools.islice(iter_documents(args.inputs or [str(DEFAULT_CORPUS)]), args.limit)
    docs = [d for d in pipe.run(raws) if d.error is None]
    stages = [TriggerStage(), PlacesStage(), EventStage()]
    calls = record_calls(stages, docs)  # also warms every stage up
    gc.collect()
    gc.freeze()
    n = len(docs)
    print(f"{n:,} articles, {len(calls) / n:.1f} Lexicon calls an article; best of {args.repeat}, CPU us/article:")
    for stage in stages:
        secs = best_of(args.repeat, lambda stage=stage: [stage(d) for d in docs])  # type: ignore[misc]
        print(f"  stage {stage.name:<10}{1e6 * secs / n:8.1f}")
    compiled = best_of(args.repeat, lambda: [compiled_path(lx, name, norm, a) for lx, name, norm, a in calls])
    python = best_of(args.repeat, lambda: [python_path(lx, name, norm, a) for lx, name, norm, a in calls])
    print(f"  Lexicon calls, compiled scan{1e6 * compiled / n:8.1f}")
    print(f"  Lexicon calls, Python path  {1e6 * python / n:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
