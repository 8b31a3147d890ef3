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

from dataclasses import dataclass
from functools import cache

from marsad import resources
from marsad.model import Actor
from marsad.text.lexicon import Lexicon
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
        country = self.country or event_country
        name = self.name.replace("{country}", country_name(country) or country) if "{country}" in self.name else self.name
        return Actor(text=norm.original[s:e], name=name, inter=self.inter, country=country)


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
def group_lexicon() -> Lexicon[tuple[str, int, str, str]]:
    lex: Lexicon[tuple[str, int, str, str]] = Lexicon(min_key_chars=2)
    for r in resources.optional_tsv("actors/groups.tsv"):
        for n in r["names_ar"].split("|"):
            if n.strip():
                lex.add(n.strip(), (r["name"], int(r["inter"] or 8), r.get("country", ""), r.get("kind", "")))
    return lex.compile()


@cache
def force_lexicon() -> Lexicon[tuple[str, int, str]]:
    lex: Lexicon[tuple[str, int, str]] = Lexicon(min_key_chars=2)
    for r in resources.optional_tsv("actors/force_nouns.tsv"):
        for n in r["names_ar"].split("|"):
            if n.strip():
                lex.add(n.strip(), (r["template"], int(r["inter"] or 1), r["kind"]))
    return lex.compile()


@cache
def country_adj_lexicon() -> Lexicon[str]:
    lex: Lexicon[str] = Lexicon(min_key_chars=3)
    for r in resources.optional_tsv("actors/countries.tsv"):
        for col in ("adj_ar", "names_ar"):
            for n in r.get(col, "").split("|"):
                if n.strip():
                    lex.add(n.strip(), r["country"])
    return lex.compile()


@cache
def victim_lexicon() -> Lexicon[tuple[int, str]]:
    lex: Lexicon[tuple[int, str]] = Lexicon(min_key_chars=2)
    for r in resources.tsv("events/victims.tsv"):
        lex.add(r["word"], (int(r["number"]), r["group"]))
    return lex.compile()


def find_actors(n: str, start: int, end: int) -> list[ActorMention]:
    """Actor mentions in the normalised text ``n[start:end]``, in text order, not overlapping."""
    out: list[ActorMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    forces = force_lexicon().find(n, start, end)
    for m in group_lexicon().find(n, start, end):
        if free(m.start, m.end):
            name, inter, country, kind = m.payload
            air = kind == "state_coalition" or any(
                f.payload[2] == AIR_KIND and m.word_start <= f.word_start and f.end <= m.end for f in forces)
            out.append(ActorMention(m.word_start, m.end, name, inter, country, kind, air, n[m.word_start:m.start]))
            taken.append((m.word_start, m.end))
    adjs = country_adj_lexicon().find(n, start, end)
    for m in forces:
        if not free(m.word_start, m.end):
            continue
        template, inter, fkind = m.payload
        country = ""
        stop = m.end
        for a in adjs:
            gap = n[m.end:a.word_start]
            if a.word_start >= m.end and len(gap.split()) <= 2 and "،" not in gap and "." not in gap:
                country, stop = a.payload, a.end
                break
        out.append(ActorMention(m.word_start, stop, template, inter, country, fkind, fkind == AIR_KIND,
                                n[m.word_start:m.start]))
        taken.append((m.word_start, stop))
    for m in victim_lexicon().find(n, start, end):
        if m.payload[1] == "civilian" and free(m.word_start, m.end):
            out.append(ActorMention(m.word_start, m.end, "Civilians ({country})", 7, "", "civilians",
                                    clitics=n[m.word_start:m.start]))
            taken.append((m.word_start, m.end))
    out.sort(key=lambda a: a.start)
    return out
