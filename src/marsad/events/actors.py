"""Actors: who did what to whom, named as ACLED names them, with inter codes.

Three kinds of mention, all from data files under ``data/actors/``:
- named groups and coalitions (``groups.tsv``): "ميليشيا الحوثي" -> Houthi Movement (Ansar Allah);
  names with ``{country}`` ("Civilians ({country})") take the country of the event;
- state forces: a force noun (``force_nouns.tsv``: القوات، الجيش، الشرطة، طيران ...) followed
  within two words by a country adjective or name (``countries.tsv``): "القوات الروسية",
  "وحدات أوكرانية", "قوات الأمن البحرينية" -> "Military Forces of Russia" / "Police Forces of ...";
  a force noun alone takes the main country of the document;
- victims: civilian nouns (``data/events/victims.tsv``) -> Civilians (country), inter 7.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from marsad import resources
from marsad.events.lexicons import Bundle, Items, build
from marsad.model import Actor
from marsad.text.kernels import WORD_MARKS
from marsad.text.lexicon import Lexicon, LexMatch
from marsad.text.normalize import NormText

AIR_KIND = "air_force"  # the force_nouns.tsv kind of the nouns that name aircraft and air forces


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int  # normalised offsets
    end: int
    name: str  # may contain {country}
    inter: int
    country: str
    kind: str  # force kind from force_nouns.tsv | group kind from groups.tsv | civilians
    air: bool = False  # flies aircraft: an air force noun ("طيران التحالف") or a state-led coalition
    clitics: str = ""  # the proclitics written before it ("و" of "والمقاومة الشعبية")

    def resolve(self, norm: NormText, event_country: str) -> Actor:
        s, e = norm.span_to_original(self.start, self.end)
        text = norm.original
        while e < len(text) and _in_word(text[e]):
            e += 1  # the whole word: "للحوثيين", not the "للحوثي" the dictionary key ends at
        country = self.country or event_country
        return Actor(text=norm.original[s:e], name=self.resolved_name(event_country), inter=self.inter,
                     country=country)

    def resolved_name(self, event_country: str) -> str:
        """The ``name`` of :meth:`resolve` (without finding the text)."""
        if "{country}" not in self.name:
            return self.name
        country = self.country or event_country
        return self.name.replace("{country}", country_name(country) or country)


def _in_word(ch: str) -> bool:
    """A character of a word, as the tokeniser has it: alphanumeric or a word mark (diacritics,
    tatweel, zero-width (non-)joiners)."""
    return ch.isalnum() or ch in WORD_MARKS


@cache
def _country_names() -> dict[str, str]:
    out = {r["country"]: r["name_en"] for r in resources.optional_tsv("actors/countries.tsv")}
    if not out:
        import pycountry

        out = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    return out


def country_name(iso: str) -> str:
    return _country_names().get(iso, "")


@cache
def group_items() -> Items:
    return tuple((n.strip(), (r["name"], int(r["inter"] or 8), r.get("country", ""), r.get("kind", "")))
                 for r in resources.optional_tsv("actors/groups.tsv") for n in r["names_ar"].split("|") if n.strip())


@cache
def group_lexicon() -> Lexicon[tuple[str, int, str, str]]:
    return build(group_items())


@cache
def force_items() -> Items:
    return tuple((n.strip(), (r["template"], int(r["inter"] or 1), r["kind"]))
                 for r in resources.optional_tsv("actors/force_nouns.tsv") for n in r["names_ar"].split("|")
                 if n.strip())


@cache
def force_lexicon() -> Lexicon[tuple[str, int, str]]:
    return build(force_items())


COUNTRY_ADJ_MIN_CHARS = 3


@cache
def country_adj_items() -> Items:
    return tuple((n.strip(), r["country"]) for r in resources.optional_tsv("actors/countries.tsv")
                 for col in ("adj_ar", "names_ar") for n in r.get(col, "").split("|") if n.strip())


@cache
def country_adj_lexicon() -> Lexicon[str]:
    return build(country_adj_items(), COUNTRY_ADJ_MIN_CHARS)


@cache
def victim_items() -> Items:
    return tuple((r["word"], (int(r["number"]), r["group"])) for r in resources.tsv("events/victims.tsv"))


@cache
def victim_lexicon() -> Lexicon[tuple[int, str]]:
    return build(victim_items())


@cache
def actor_bundle() -> Bundle:
    """The groups, force nouns, country adjectives and victim nouns, in one pass (in that order)."""
    return Bundle([(group_items(), 2), (force_items(), 2), (country_adj_items(), COUNTRY_ADJ_MIN_CHARS),
                   (victim_items(), 2)])


ActorHits = Sequence[list[LexMatch[Any]]]  # the group, force, country-adjective and victim hits of a span


def find_actors(n: str, start: int, end: int, hits: ActorHits | None = None) -> list[ActorMention]:
    """Actor mentions in the normalised text ``n[start:end]``, in text order, not overlapping.
    ``hits``: ``actor_bundle().find(n, start, end)`` (or the same four lists from a larger
    bundle), when the caller has them."""
    groups, forces, adjs, victims = actor_bundle().find(n, start, end) if hits is None else hits
    out: list[ActorMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    for m in groups:
        if free(m.start, m.end):
            name, inter, country, kind = m.payload
            air = kind == "state_coalition" or any(
                f.payload[2] == AIR_KIND and m.word_start <= f.word_start and f.end <= m.end for f in forces)
            out.append(ActorMention(m.word_start, m.end, name, inter, country, kind, air, n[m.word_start:m.start]))
            taken.append((m.word_start, m.end))
    for m in forces:
        if taken and not free(m.word_start, m.end):
            continue
        template, inter, fkind = m.payload
        country = ""
        stop = m.end
        for a in adjs:
            if a.word_start < m.end:
                continue
            gap = n[m.end:a.word_start]
            if len(gap.split()) <= 2 and "،" not in gap and "." not in gap:
                country, stop = a.payload, a.end
                break
        out.append(ActorMention(m.word_start, stop, template, inter, country, fkind, fkind == AIR_KIND,
                                n[m.word_start:m.start]))
        taken.append((m.word_start, stop))
    for m in victims:
        if m.payload[1] == "civilian" and free(m.word_start, m.end):
            out.append(ActorMention(m.word_start, m.end, "Civilians ({country})", 7, "", "civilians",
                                    clitics=n[m.word_start:m.start]))
            taken.append((m.word_start, m.end))
    if len(out) > 1:
        out.sort(key=lambda a: a.start)
    return out
