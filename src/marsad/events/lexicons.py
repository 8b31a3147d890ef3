"""The event lexicons (triggers, type modifiers, non-event cues, injury words), built once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad import resources
from marsad.text.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str
    sub_event_type: str
    strength: int
    plover: str
    pattern: str


@cache
def triggers() -> Lexicon[Trigger]:
    lex: Lexicon[Trigger] = Lexicon(min_key_chars=2)
    for r in resources.tsv("events/triggers.tsv"):
        pattern = r["pattern"]
        trig = Trigger(r["event_type"], r["sub_event_type"], int(r["strength"]), r["plover"], pattern)
        lex.add(pattern, trig)
        if _takes_accusative_alif(pattern):
            lex.add(pattern + "ا", trig)  # "شنوا هجوما", "انفجارا استهدف"
    return lex.compile()


def _takes_accusative_alif(pattern: str) -> bool:
    """A one-word noun whose indefinite accusative is written with a final alif (قصف -> قصفا)."""
    return not pattern.startswith("!") and not pattern.endswith("*") and " " not in pattern \
        and pattern[-1] not in "ةىاءئؤأإآ"


@cache
def modifiers() -> Lexicon[str]:
    lex: Lexicon[str] = Lexicon(min_key_chars=2)
    lex.add_all((r["pattern"], r["effect"]) for r in resources.tsv("events/modifiers.tsv"))
    return lex.compile()


@cache
def nonevents() -> Lexicon[tuple[str, str]]:
    lex: Lexicon[tuple[str, str]] = Lexicon(min_key_chars=2)
    lex.add_all((r["pattern"], (r["kind"], r["scope"])) for r in resources.tsv("events/nonevent.tsv"))
    return lex.compile()


@cache
def injuries() -> Lexicon[bool]:
    lex: Lexicon[bool] = Lexicon(min_key_chars=2)
    lex.add_all((p, True) for p in resources.lines("events/injury.tsv")[1:])
    return lex.compile()
