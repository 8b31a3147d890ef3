"""Claims: which source the article credits, through which channel, asserting or denying.

An attribution cue (``data/claims/attribution.tsv``: قال، أعلنت، أفاد، نفى، وفق، بحسب ...) is
followed (or, for cues written after their source, preceded) by a source: a known source
(``data/claims/sources.tsv``: ministries, armies, agencies, monitors, witnesses, unnamed
sources) or an actor ("قالت القوات الروسية"). A channel cue in the same sentence (في بيان،
على تويتر، Telegram ...) gives the channel. The denial cues give ``denies``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from marsad import resources
from marsad.events.actors import country_adj_lexicon, country_name
from marsad.events.lexicons import Items, build
from marsad.model import Claim
from marsad.text.lexicon import Lexicon, LexMatch
from marsad.text.normalize import NormText, normalize

_WORD = re.compile(r"[^\s«»\"“”(),،.:؛]+")

WINDOW_WORDS = 7  # a source must start within this many words of its cue
SPEECH_WORDS = 14  # words between a reporting verb and the "إن/أن" that opens what it reports


@dataclass(frozen=True, slots=True)
class ClaimMention:
    start: int  # normalised offsets of the source
    end: int
    cue_start: int
    claim: Claim
    country: str


@cache
def source_items() -> Items:
    return tuple((n.strip(), (r["name"], r["kind"], r.get("country", "")))
                 for r in resources.optional_tsv("claims/sources.tsv") for n in r["names_ar"].split("|") if n.strip())


@cache
def source_lexicon() -> Lexicon[tuple[str, str, str]]:
    return build(source_items())


@cache
def cue_items() -> Items:
    return tuple((r["cue"], (r["position"], r.get("stance", ""), r.get("channel", "")))
                 for r in resources.optional_tsv("claims/attribution.tsv"))


@cache
def cue_lexicon() -> Lexicon[tuple[str, str, str]]:
    return build(cue_items())


@cache
def _complementizers() -> frozenset[str]:
    return frozenset(normalize(w) for w in resources.lines("claims/complementizers.txt"))


@cache
def _not_complement() -> frozenset[str]:
    """Words after which "أن" is a conjunction ("بعد أن"), not the start of what is reported."""
    return frozenset(normalize(w) for w in resources.lines("claims/not_complement.txt"))


def speech_spans(n: str, start: int, end: int,
                 cues: list[LexMatch[tuple[str, str, str]]] | None = None) -> list[tuple[int, int]]:
    """The stretches between a reporting verb and the "إن/أن" that opens the clause it reports
    ("قالت المصادر أمس إن ..."), as normalised ``(verb_end, complementizer_start)`` offsets in
    ``[start, end)``. What stands there (a date, a place) belongs to the speech, not to the
    reported clause."""
    comps, not_comp = _complementizers(), _not_complement()
    out: list[tuple[int, int]] = []
    for c in cue_lexicon().find(n, start, end) if cues is None else cues:
        position, stance, _ = c.payload
        if position == "channel" or not stance:
            continue
        prev = ""
        for i, m in enumerate(_WORD.finditer(n, c.end, end)):
            if i > SPEECH_WORDS:
                break
            word = m.group()
            if word in comps or (word[0] == "و" and word[1:] in comps):
                if prev not in not_comp:
                    out.append((c.end, m.start()))
                break
            prev = word
    return out


def _conjoined(n: str, sources: list[LexMatch[tuple[str, str, str]]], end: int, used: set[int]
               ) -> LexMatch[tuple[str, str, str]] | None:
    """A source written right after ``end`` behind the conjunction "و" ("مصادر عسكرية وسكان")."""
    for s in sources:
        if s.word_start >= end and not n[end:s.word_start].strip() and s.word_start not in used \
                and n[s.word_start:s.start] == "و":
            return s
    return None


def find_claims(norm: NormText, start: int, end: int, actors: list | None = None,  # type: ignore[type-arg]
                cues: list[LexMatch[tuple[str, str, str]]] | None = None,
                hits: Sequence[list[LexMatch[Any]]] | None = None) -> list[ClaimMention]:
    """Claims made in the normalised span ``[start, end)`` of ``norm`` (one sentence); ``cues``:
    the cue lexicon's hits there, when the caller has them (``cue_lexicon().find_spans``);
    ``hits``: the source and country-adjective hits there (``source_lexicon().find`` and
    ``country_adj_lexicon().find``, e.g. from ``events.passes.SentenceHits``), when the caller
    has them; else the adjectives are looked for only when a source may take one."""
    n = norm.norm
    if cues is None:
        cues = cue_lexicon().find(n, start, end)
    if not cues or all(c.payload[0] == "channel" for c in cues):
        return []  # no cue of speech: nobody is credited
    channel = _pick_channel([c.payload[2] for c in cues if c.payload[0] == "channel" and c.payload[2]])
    adjs: Sequence[LexMatch[Any]] | None
    sources, adjs = (source_lexicon().find(n, start, end), None) if hits is None else hits
    out: list[ClaimMention] = []
    used: set[int] = set()
    for c in cues:
        position, stance, _ = c.payload
        if position == "channel":
            continue
        cands = []
        for s in sources:
            if position == "before" and s.word_start >= c.end:
                dist = len(n[c.end:s.word_start].split())
            elif position == "after" and s.end <= c.word_start:
                dist = len(n[s.end:c.word_start].split())
            else:
                continue
            if dist <= WINDOW_WORDS and s.word_start not in used:
                cands.append((dist, s))
        if cands:
            _, s = min(cands, key=lambda x: x[0])
            used.add(s.word_start)
            name, kind, country = s.payload
            stop = s.end
            if "{country}" in name or not country:
                if adjs is None:
                    adjs = country_adj_lexicon().find(n, start, end)
                for a in adjs:
                    if a.word_start >= s.end and len(n[s.end:a.word_start].split()) <= 1:
                        country, stop = a.payload, a.end
                        break
            if "{country}" in name:
                name = name.replace("{country}", country_name(country) or country or "").strip()
            o0, o1 = norm.span_to_original(s.word_start, stop)
            text = norm.original[o0:o1]
            out.append(ClaimMention(s.word_start, stop, c.word_start,
                                    Claim(text, name, kind, channel, stance or "asserts"), country))
            # "ذكرت مصادر عسكرية وسكان أن ...": sources joined by "و" all speak through the one cue
            while (nxt := _conjoined(n, sources, stop, used)) is not None:
                used.add(nxt.word_start)
                name2, kind2, country2 = nxt.payload
                name2 = name2.replace("{country}", country_name(country2) or country2 or "").strip()
                o0, o1 = norm.span_to_original(nxt.start, nxt.end)
                out.append(ClaimMention(nxt.word_start, nxt.end, c.word_start,
                                        Claim(norm.original[o0:o1], name2, kind2, channel, stance or "asserts"),
                                        country2))
                stop = nxt.end
        elif actors:
            for a in actors:
                if position == "before" and 0 <= len(n[c.end:a.start].split()) <= 2 and a.start >= c.end:
                    o0, o1 = norm.span_to_original(a.start, a.end)
                    kind = "military" if a.inter == 1 else ("armed_group" if a.inter in (2, 3, 4) else "witness_local")
                    name = a.name.replace("{country}", country_name(a.country) or a.country)
                    out.append(ClaimMention(a.start, a.end, c.word_start,
                                            Claim(norm.original[o0:o1], name, kind, channel, stance or "asserts"),
                                            a.country))
                    break
    if len({m.cue_start for m in out}) > 1:
        _channels_by_claim(out, cues, start, end)
    return out


def _pick_channel(found: list[str]) -> str:
    """The platform ("Telegram", "Twitter", "TV") says more than the genre ("statement")."""
    platforms = [ch for ch in found if ch != "statement"]
    return (platforms or found or [""])[0]


def _channels_by_claim(out: list[ClaimMention], cues: Sequence[LexMatch[tuple[str, str, str]]],
                       start: int, end: int) -> None:
    """The channel of each claim when a sentence credits sources through several cues ("قال X
    في بيان إن ...، فيما نفى Y عبر قناة ..."): the channel cues of its own stretch of the sentence,
    from its source or cue (the first from the sentence's start) to the next claim's, not the
    sentence's first channel for all."""
    opens: dict[int, int] = {}
    for m in out:
        opens[m.cue_start] = min(opens.get(m.cue_start, m.cue_start), m.start)
    order = sorted(opens.items(), key=lambda kv: kv[1])
    bounds: dict[int, tuple[int, int]] = {}
    for i, (cue, lo) in enumerate(order):
        hi = order[i + 1][1] if i + 1 < len(order) else end
        bounds[cue] = (start if i == 0 else lo, hi)
    for m in out:
        lo, hi = bounds[m.cue_start]
        m.claim.channel = _pick_channel([c.payload[2] for c in cues if c.payload[0] == "channel"
                                         and c.payload[2] and lo <= c.word_start < hi])
