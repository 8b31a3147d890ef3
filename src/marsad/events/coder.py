"""Event coding: from the sentences of a cleaned article to ACLED-style events with claims.

For each body sentence:
1. triggers (``data/events/triggers.tsv``) give candidate events and their type family;
2. non-event cues (threats, plans, calls, condemnations, hypotheticals, opinions, comparisons,
   footage, aggregates, a future or a capability after a noun, a weapon made, traded or carried,
   an incident named as a topic, a verbal attack, a negated verb, an incident told as what came
   before the news "بعد هجوم", a relative clause describing someone) drop a trigger, and with it
   the nouns of its phrase ("الذي قتل في تفجير انتحاري بسيارة مفخخة"); "أحبط" turns an attack
   into Disrupted weapons use; a noun of purpose ("لتفجير") is dropped; a noun (or a verb's form
   used as its noun: "بسبب خطف") is an incident only with a date, a toll or a verb saying
   something took place, else it names a known one; a protest that is only the setting of a
   coded explosion or attack ("قتل مراهق في أحد الاحتجاجات عندما فجر انتحاري") is not coded;
3. the type is refined by context (``modifiers.tsv``: aircraft, artillery, suicide, IED,
   force against protesters) and, for seizures of territory, by who takes it;
4. place: the nearest resolved place of the sentence, else the place of the previous event
   sentence or the main place of the article; date: the nearest temporal expression, else the
   last one of the preceding sentences, else the publication date (precision 2); events
   older than 30 days before publication are background and not coded;
5. actors, fatalities (ACLED's conservative rules) and claims (sources, channel, stance).
Then repeated mentions are merged: same type, sub-type, date and compatible place (the same
place, or a province/country that contains it) and compatible actors. Claims merge; a
denial beside an assertion, differing death tolls or accounts from both sides contrasted in
one sentence make the event ``disputed``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from operator import le

from marsad import resources
from marsad.claims.attribution import ClaimMention, find_claims, speech_spans
from marsad.events import lexicons
from marsad.events.actors import ActorMention, country_name, find_actors
from marsad.events.dates import DateMention, day_parts
from marsad.events.fatalities import count_fatalities
from marsad.events.numbers import number_words
from marsad.events.passes import SentenceHits, document_hits
from marsad.events.salience import ASSERTED, NAMED, Clauses, Salience
from marsad.events.triggers import document_bounds
from marsad.model import Actor, Claim, Document, Event, Location
from marsad.places.geocode import LOCAL_KINDS, TOWN_KINDS, Mention
from marsad.text.lexicon import Lexicon, LexMatch, strip_article
from marsad.text.normalize import NormText, normalize

BACKGROUND_DAYS = 30
AGGREGATE_TOLL = 1000  # deaths no single incident of the news reports: a sentence giving them sums up
BEFORE_WINDOW_WORDS = 8
SEQUEL_WINDOW_WORDS = 1  # words between "بعد" and the incident it follows ("بعد أن شهدا أعمال شغب")
RELATIVE_WINDOW_WORDS = 3  # words between a relative pronoun and a noun trigger of its clause ("الذي خرج متظاهرا ضده آلاف المحتجين")
AFTER_WINDOW_WORDS = 2  # words between a noun trigger and a cue after it ("تفجيرا آخر سوف يقع")
SUBJECT_WINDOW_WORDS = 2  # words of a subject between a verb and its object ("فجر الشيخ موجة")
EXCHANGE_WINDOW_WORDS = 6  # words between "تبادل" and the fire it exchanges ("تبادلت جماعة الحوثي وحلفاؤها إطلاق")
PERFORMED_WINDOW_WORDS = 12  # "قامت طائرة بدون طيار بإطلاق صاروخ": the subject between قام and the noun
OBJECT_WINDOW_WORDS = 1  # words between a production/trade noun and the weapon ("تطوير الصواريخ")
FALLBACK_BEFORE = 3  # sentences back to look for the place of a sentence that names none
FALLBACK_AFTER = 2  # sentences ahead
HEADLINE_WORDS = 15
LEAD_SENTENCES = 2  # sentences whose date is the story's
DATE_CARRIES = 3  # sentences after it that a day named carries on to ("أمس ... ، وقال ...")
NOUN_EXTRA_SUPPORT = 1
CONTRAST = ("بينما", "في حين", "فيما", "لكن", "غير ان", "الا ان")

ACTOR_SIDE_FIRST = {"Protests", "Riots"}


@dataclass(slots=True)
class Candidate:
    event_type: str
    sub_event_type: str
    plover: str
    strength: int
    location: Location
    date: date | None
    date_precision: int
    actor1: Actor | None
    actor2: Actor | None
    fatalities: int
    claims: list[Claim]
    evidence_span: tuple[int, int]
    sentence_index: int
    contrast: bool
    fatality_reports: list[tuple[str, int]] = field(default_factory=list)
    dated: bool = True  # False: the text gives no date, the publication date stands in
    elsewhere: bool = False  # its sentence names a place that is not resolved: the place is borrowed


def _words_between(n: str, a: int, b: int) -> int:
    return len(n[a:b].split()) if b > a else 0


class EventCoder:
    def __init__(self) -> None:
        self.triggers = lexicons.triggers()
        self.anaphora = {normalize(r["anaphor"]): normalize(r["head"]) for r in resources.tsv("claims/anaphora.tsv")}
        self.salience = Salience()

    # ------------------------------------------------------------------------------------------
    def code(self, doc: Document) -> tuple[list[Event], list[str]]:
        if doc.norm is None:
            return [], []
        norm: NormText = doc.norm
        n = norm.norm
        # the trigger stage's hits (events/triggers.py), else found here; each lexicon runs in
        # one pass over the document, its hits cut by sentence
        staged = doc.triggers is not None and len(doc.triggers) == len(doc.sentences)
        if staged and not any(doc.triggers or ()):
            return [], []  # nothing codeable (about half the news)
        bounds = document_bounds(doc)  # the trigger stage's, or made here
        triggers_by_sent = doc.triggers if staged and doc.triggers is not None else self.triggers.find_spans(n, bounds)
        if not any(triggers_by_sent):
            return [], []
        published = doc.published
        mentions: list[Mention] = [m for m in doc.place_mentions if m.place is not None]
        main_place: list[Mention | None] = []  # [_main_place(mentions)], found when an event first needs it
        cands: list[Candidate] = []
        types: list[str] = []
        last_date: DateMention | None = None
        last_date_sent = -10
        last_place: Mention | None = None
        last_place_sent = -10
        last_air: ActorMention | None = None  # the last aircraft-flying force named (the doer of later air strikes)
        channels: dict[str, str] = {}
        sources_seen: list[Claim] = []
        # the sentences without a trigger whose claims are not read yet: what they credit matters
        # only to a later claim (``_refer_back``) and to the channels of the events coded
        unread: list[int] = []

        def read_claims() -> None:
            for i in unread:
                a, b = bounds[i]
                for c in find_claims(norm, a, b, cues=cues_by_sent[i]):
                    self._refer_back(c.claim, sources_seen)
                    if c.claim.channel:
                        channels.setdefault(c.claim.source_name, c.claim.channel)
            unread.clear()

        # dates, claim cues, relative-date words: one pass. Dates are read in the sentences that
        # can date an event: the lead's (the story's date), each trigger sentence and the
        # sentences just before it (a day named there carries on)
        dated = {*range(LEAD_SENTENCES)}.union(*(range(si - DATE_CARRIES, si + 1)
                                                for si, found in enumerate(triggers_by_sent) if found))
        by_sent = document_hits(n, bounds, published, dated)
        dates_by_sent, cues_by_sent = by_sent.dates, by_sent.cues
        places_by_sent, unresolved_by_sent = _places_by_sentence(
            [mentions, [m for m in doc.place_mentions if m.place is None]], doc.sentences)
        story_date = _story_date(dates_by_sent, published)
        for si, sent in enumerate(doc.sentences):
            ns, ne = bounds[si]
            dates = dates_by_sent[si]
            hits = triggers_by_sent[si]
            sent_places = places_by_sent[si]
            if not hits:
                if cues_by_sent[si] and _speech_cue(cues_by_sent[si]):
                    unread.append(si)  # its claims are read when a later one needs the sources before it
                if dates:
                    last_date, last_date_sent = _pick_date(dates), si
                if sent_places:
                    last_place, last_place_sent = _best_place(sent_places), si
                continue
            found = SentenceHits(n, ns, ne)  # every lexicon of the sentence, from one pass
            mods = found.modifiers
            cues = found.nonevents
            if any(c.payload[1] == "sentence" for c in cues) or _period_aggregate(n, cues):
                continue  # an aggregate summary or an opinion, not one incident
            if any(c.payload[1] == "opening" and _words_between(n, ns, c.start) < 3 for c in cues):
                continue  # "أدانت الجمعية ... التفجير الذي ...": the sentence condemns
            actors = find_actors(n, ns, ne, found.actors)
            claims = find_claims(norm, ns, ne, actors, cues_by_sent[si], found.sources)
            # "قالت المصادر أمس إن ...": the date of the speech, not of what it reports
            spoken = speech_spans(n, ns, ne, cues_by_sent[si]) if dates else []
            own_dates = [d for d in dates if not any(a <= d.start < b for a, b in spoken)]
            # "مظاهرات مناوئة لانقلاب السادس من أغسطس": a date that names another noun's event
            named = _named_dates(n, ns, dates, hits) if dates else {}
            if claims and unread:
                read_claims()
            for c in claims:
                self._refer_back(c.claim, sources_seen)
            # a source speaking is not a party to the incident ("قالت وزارة الدفاع الروسية إن ...")
            actors = [a for a in actors if not any(c.start < a.end and a.start < c.end for c in claims)]
            breaks: list[int] | None = None  # clause_breaks of the sentence, found when a trigger gets that far
            pool: list[Mention] | None = None  # the places an event of the sentence can take (_place_pool)
            last_air = next((a for a in reversed(actors) if a.air), last_air)
            contrast = bool(claims) and any(k in n[ns:ne] for k in CONTRAST) and \
                len(_sides(claims, actors, found.country_adjectives)) >= 2
            seen_here: set[tuple[str, str]] = set()
            clauses: Clauses | None = None  # made when a trigger gets that far
            toll = _Toll(n, ns, ne, found)
            persons: bool | None = None
            parts = day_parts(n, ns, ne, dates, by_sent.relative[si]) if dates else []
            if parts:  # "فجر أمس" is dawn, not "detonated"
                hits = [h for h in hits if not any(a <= h.start < b for a, b in parts)]
            specific = any(h.payload.event_type not in ("@kill",) for h in hits)
            fought = any(h.payload.event_type == "Battles" for h in hits)
            speech = any(c.payload[1] == "speech" for c in cues)
            # a verb of occurrence, or a verb trigger, in the sentence: something is reported as happening
            verbs = {id(h) for h in hits if _is_verb(n, h)}
            happened_here = any(m.payload == "happened" for m in mods) or bool(verbs)
            # a place is taken by someone armed: an armed actor or armed men named in the sentence
            armed_here = any(a.inter != 7 for a in actors) or any(m.payload == "armed" for m in mods)
            dropped: list[int] = []  # ends of the triggers a cue or a purpose drops
            # a protest noun that is the setting of a violent incident ("قتل مراهق في أحد
            # الاحتجاجات عندما فجر انتحاري"): read last, and dropped if the violence is coded
            settings = {id(h) for h in hits if h.payload.event_type == "Protests" and _is_setting(n, h)} \
                if any(h.payload.event_type in VIOLENT_FAMILIES for h in hits) else set()
            if settings:
                hits = sorted(hits, key=lambda h: id(h) in settings)
            for t in hits:
                if id(t) in settings and any(f in VIOLENT_TYPES for f, _ in seen_here):
                    continue
                trig = t.payload
                verb = id(t) in verbs
                if trig.event_type == "@kill" and specific:
                    continue  # the deaths belong to the incident the other trigger names
                if n.startswith("-", t.end) and n[t.end + 1:t.end + 2].isdigit():
                    continue  # "صواريخ فجر-5", a weapon's model: a name, not a verb
                # "الذي قتل في انفجار سيارة مفخخة": a noun that goes on the phrase of a dropped
                # trigger (its complement, its means) is dropped with it
                cancel = "" if verb or not any(_words_between(n, e, t.word_start) == 0 and e <= t.word_start
                                               for e in dropped) else "compound"
                for c in cues:
                    if c.payload[1] == "before" and c.end <= t.word_start and \
                            _in_reach(n, c, t):
                        cancel = c.payload[0]
                    elif c.payload[1] == "name" and c.end <= t.word_start and \
                            _words_between(n, c.end, t.word_start) == 0 and \
                            not (c.payload[0] == "name" and _definite(n, c)) and \
                            not (c.payload[0] == "aggregate" and _carried_out(n, c, mods)):
                        # "ساحة التحرير", "جيش الفتح"; not "في الجيش إطلاق نيران"; "عمليات الاغتيال"
                        # are a kind of deed, unless a verb says they were carried out ("نفذت عمليات اعتقال")
                        cancel = "name"
                    elif c.payload[1] == "relative" and c.end <= t.word_start and \
                            _words_between(n, c.end, t.word_start) <= (0 if verb else RELATIVE_WINDOW_WORDS) and \
                            not _PUNCT_RE.search(n, c.end, t.word_start) and \
                            not (verb and _dated_after(n, t, own_dates)) and \
                            not any(c.end <= d.start < t.word_start for d in dates):
                        # "المطار الذي دمرته المعارك", "الجندي الذي خطف": describes who or what, not
                        # reported here; "الرجل الذي فجر نفسه في السوق أمس", "المدينة التي شهدت
                        # الأربعاء تفجيرين" date their own incident
                        cancel = "relative"
                    elif c.payload[1] == "sense" and c.word_start >= t.end and \
                            _words_between(n, t.end, c.word_start) <= (SUBJECT_WINDOW_WORDS if verb else 0):
                        cancel = c.payload[0]  # "فجر موجة من الاستياء", "تفجير الوضع": not explosives
                    elif c.payload[1] == "after" and not verb and \
                            c.start >= t.end and _words_between(n, t.end, c.start) <= AFTER_WINDOW_WORDS:
                        cancel = c.payload[0]  # "تظاهرة ستنطلق", "طائرة قادرة على": not yet, or only able to
                    elif c.payload[1] == "object" and c.end <= t.word_start and \
                            _words_between(n, c.end, t.word_start) <= OBJECT_WINDOW_WORDS:
                        cancel = c.payload[0]  # "تطوير الصواريخ": the weapon is made or traded, not used
                    elif c.payload[1] == "sequel" and not verb and c.end <= t.word_start and \
                            _words_between(n, c.end, t.word_start) <= SEQUEL_WINDOW_WORDS and \
                            not _sequel_reported(n, t, c, ne, hits, verbs, own_dates, cues, toll, found):
                        # "فر ألف سجين بعد هجوم شنه المتمردون": what came after an incident the noun
                        # names, told as its background ("بعد أن قصفت المقاتلات": a verb reports it)
                        cancel = c.payload[0]
                    elif c.payload[1] == "negation" and (verb or " " in c.key) and c.end <= t.word_start and \
                            _words_between(n, c.end, t.word_start) == 0:
                        # "لم يقصف", "من دون أن يعتقل", "لم تطلق النار": it did not happen
                        cancel = c.payload[0]
                if cancel and cancel != "foiled":
                    dropped.append(t.end)
                    continue
                if trig.event_type == "@takeover" and not trig.pattern.startswith("!") and \
                        n[t.word_start:t.start].lstrip("وف").startswith("ل"):
                    continue  # "معارك لاستعادة الأحياء": a purpose, not a place taken
                if not verb and _purpose(n, t, mods):
                    dropped.append(t.end)
                    continue  # "خلية لتفجير سيارات", "وليس لشن هجوم": what someone means to do
                if trig.event_type == "@raid":
                    # storming a place is taking it when it is fought over ("اقتحم مسلحون مركزا للشرطة"),
                    # else a raid or a search ("اقتحم الجيش البلدة وشرع في عمليات تفتيش")
                    fought_over = len({a.name for a in actors if a.inter != 7}) >= 2 or toll.dead() > 0 or toll.wounded() \
                        or any(h is not t and _deadly(h.payload) for h in hits)
                    if not fought_over:
                        continue
                    trig = lexicons.Trigger("@takeover", "@takeover", trig.strength, trig.plover, trig.pattern)
                if trig.event_type == "@takeover" and not armed_here:
                    continue  # "الجنون الذي اجتاح بغداد": nobody armed takes anything
                if trig.sub_event_type == "Non-violent transfer of territory" and fought and \
                        not trig.pattern.lstrip("!").startswith(("انسحب", "انسحاب", "الانسحاب", "تسليم")):
                    # entering a place while fighting there is taking it, not a handover
                    trig = lexicons.Trigger("@takeover", "@takeover", trig.strength, "OCCUPY", trig.pattern)
                etype, sub = self._type(trig, t.start, n, mods, actors, toll)
                if etype == "Protests" and _counts_things(n, t, ne):
                    continue  # "تجمعت مئات السيارات": not a crowd of people
                if cancel == "foiled" and etype in ("Explosions/Remote violence", "Battles", "Violence against civilians"):
                    etype, sub = "Strategic developments", "Disrupted weapons use"
                if not etype:
                    continue
                t_dates, t_own = dates, own_dates
                if named:
                    t_dates = [d for d in dates if not _names_other(named.get(id(d)), t)]
                    t_own = [d for d in own_dates if not _names_other(named.get(id(d)), t)]
                dm = _nearest_date(t_own, t.start) or _nearest_date(t_dates, t.start)
                said_on = dm is not None and dm not in t_own  # ACLED: a report's date dates what it reports
                if dm is None and last_date is not None and si - last_date_sent <= DATE_CARRIES and last_date.precision == 1:
                    dm = last_date  # a day named just before carries on; "last week" does not
                background = False
                if dm is not None and dm.kind == "year":
                    if published and dm.date and dm.date.year < published.year:
                        background = True  # "seized in 2014": background
                    dm = None
                ev_date, dprec = (dm.date, dm.precision) if dm is not None and dm.date else (story_date, 2)
                if published and ev_date and (published - ev_date).days > BACKGROUND_DAYS:
                    background = True
                if published and ev_date and ev_date > published + timedelta(days=1):
                    ev_date, dprec = published, 2
                if pool is None:
                    pool = _place_pool(sent_places, actors, norm)
                place = _place_at(pool, norm.to_original(t.start))
                extra_places = _coordinated(place, sent_places, norm.original) if place is not None else []
                fat, injured = toll.dead(), toll.wounded()
                if fat >= AGGREGATE_TOLL:
                    continue  # "قتل 6500 مسلم في مقديشو وحدها": a war's or a campaign's toll, not one incident's
                if trig.event_type == "@attack" and speech and not (fat > 0 or injured) and \
                        not {m.payload for m in mods} & WEAPON_EFFECTS:
                    continue  # "شن هجوما حادا على الحركة في كلمة ألقاها": words, not arms
                # what makes the mention an incident: a place, a date, a toll (dead or wounded), actors, a source
                # a verb reports something happening; a noun often names an incident the reader
                # already knows ("the assassination shocked...") and needs one more sign
                verbal = verb or any(
                    m.payload in ("happened", "exchange") and m.end <= t.word_start and _words_between(n, m.end, t.word_start)
                    <= (3 if m.payload == "happened" else EXCHANGE_WINDOW_WORDS) for m in mods) or \
                    _subject_of_incident_verb(n, t, ne, cues, found) or _performed(n, t, mods) or \
                    (_befell_prefix(n, t) and _befell(t, mods))
                # the day someone spoke does not put a noun's incident in time
                support = int(bool(place)) + int(bool(t_dates if verbal else t_own)) + int(fat > 0 or injured) \
                    + int(bool(actors)) + int(bool(claims))
                need = (1 if trig.strength >= 2 else 2) + (0 if verbal else NOUN_EXTRA_SUPPORT)
                if support < need:
                    continue
                # a noun with nothing that puts it in time or counts its victims, and no verb saying it
                # took place, names an incident ("بسبب خطف جندي", "ملف الاغتيال"), it does not report one
                anchored = (dm is not None and dm.date is not None and not said_on) or fat > 0 or bool(injured) or happened_here
                if not verbal and not anchored:
                    continue
                if clauses is None:
                    if breaks is None:
                        breaks = clause_breaks(n, ns, ne)
                    clauses = self.salience.clauses_of(n, ns, ne, breaks,
                                                       [(h.start, id(h) in verbs) for h in hits])
                asserted = clauses.assertion(t.start)
                if asserted == NAMED:
                    continue  # "دعت الحكومة ... إثر مقتل جنديين": the occasion of another act, not its report
                if background:
                    # an incident of long ago is a type the text reports when a clause asserts it
                    # ("وتعرضت الحسينية في يوليو 2005 لهجوم انتحاري"); it is not coded
                    if asserted == ASSERTED and (etype, sub) not in seen_here:
                        types.append(etype)
                    continue
                borrowed = place is None and bool(unresolved_by_sent[si])
                if place is None:
                    # the place of the sentences around it: before (as the story goes on), else
                    # just after (a headline or lead placed in the next sentence), else the place
                    # the article keeps naming
                    before = last_place if last_place is not None and si - last_place_sent <= FALLBACK_BEFORE \
                        else None
                    after = next((_best_place(p) for p in places_by_sent[si + 1: si + 1 + FALLBACK_AFTER] if p),
                                 None)
                    # a headline's story follows it
                    place = (after or before) if _is_headline(sent.text) else (before or after)
                    if place is None:
                        if not main_place:
                            main_place.append(_main_place(mentions))
                        place = main_place[0]
                if place is None:
                    # no place to code it at: a type the text reports when a clause asserts it
                    if asserted == ASSERTED and (etype, sub) not in seen_here:
                        types.append(etype)
                    continue
                if (etype, sub) not in seen_here:
                    types.append(etype)
                seen_here.add((etype, sub))
                loc = place.location()
                if breaks is None and actors:  # (without actors, _actors_for reads no clause)
                    breaks = clause_breaks(n, ns, ne)
                a1, a2 = _actors_for(etype, sub, trig.pattern, t.start, actors, norm, loc.country, breaks,
                                     last_air.resolve(norm, loc.country)
                                     if last_air is not None and sub == "Air/drone strike" else None)
                if persons is None:
                    persons = any(m.payload[1] in ("person", "civilian") for m in found.victims)
                a1, a2 = _default_actors(etype, sub, a1, a2, persons, loc.country)
                span = (sent.start, sent.end)
                dated = dm is not None and dm.date is not None
                cands.append(Candidate(etype, sub, trig.plover, trig.strength, loc, ev_date, dprec, a1, a2, fat,
                                       [c.claim for c in claims], span, si, contrast,
                                       [(c.claim.source_name, fat) for c in claims] if fat else [], dated,
                                       borrowed))
                # "غارات على A وB وC": one event per town (the deaths cannot be split: kept on the first)
                for other in extra_places:
                    cands.append(Candidate(etype, sub, trig.plover, trig.strength, other.location(), ev_date, dprec,
                                           a1, a2, 0, [c.claim for c in claims], span, si, contrast, [], dated))
            if sent_places:
                last_place, last_place_sent = _best_place(sent_places), si
            if dates:
                last_date, last_date_sent = _pick_date(dates), si
        cands = _one_per_sentence_place(cands)
        if unread and any(not cl.channel for c in cands for cl in c.claims):
            read_claims()  # the channels the article gives its sources elsewhere
        _propagate_channels(cands, channels)
        events = [self._event(c, doc) for c in _merge(cands)]
        return events, list(dict.fromkeys(types))

    def _refer_back(self, claim: Claim, seen: list[Claim]) -> None:
        """Credit "المصدر" to the source the article introduced before ("مصدر أمني عراقي"); then
        remember the claim's source."""
        head = self.anaphora.get(normalize(claim.source_text.strip()))
        if head is not None:
            for prev in reversed(seen):
                text = normalize(prev.source_text)
                if text != normalize(claim.source_text) and (text.startswith(head) or text.startswith("ال" + head)):
                    claim.source_text, claim.source_name, claim.source_kind = \
                        prev.source_text, prev.source_name, prev.source_kind
                    claim.channel = claim.channel or prev.channel
                    break
        seen.append(claim)

    # ------------------------------------------------------------------------------------------
    def _type(self, trig: lexicons.Trigger, pos: int, n: str, mods, actors: list[ActorMention],  # type: ignore[no-untyped-def]
              toll: _Toll) -> tuple[str, str]:
        effects = {m.payload for m in mods}
        etype, sub = trig.event_type, trig.sub_event_type
        if etype == "@exchange":
            # "تبادلت القوات إطلاق نيران المدفعية مع": fire both sides give, a clash
            if any(m.payload == "exchange" and m.end <= pos and _words_between(n, m.end, pos) <= EXCHANGE_WINDOW_WORDS
                   for m in mods):
                return "Battles", "Armed clash"
            return "", ""
        if etype == "@strike":
            if "air" in effects:
                return "Explosions/Remote violence", "Air/drone strike"
            return "Explosions/Remote violence", "Shelling/artillery/missile attack"
        if etype in ("@attack", "@kill", "@explosion"):
            if "suicide" in effects:
                return "Explosions/Remote violence", "Suicide bomb"
            if "grenade" in effects:
                return "Explosions/Remote violence", "Grenade"
            if "ied" in effects:
                return "Explosions/Remote violence", "Remote explosive/landmine/IED"
            if etype == "@explosion":
                if "air" in effects:
                    return "Explosions/Remote violence", "Air/drone strike"
                if "artillery" in effects:
                    return "Explosions/Remote violence", "Shelling/artillery/missile attack"
                return "Explosions/Remote violence", "Remote explosive/landmine/IED"
            if "air" in effects:
                return "Explosions/Remote violence", "Air/drone strike"
            if "artillery" in effects and etype == "@attack":
                return "Explosions/Remote violence", "Shelling/artillery/missile attack"
            if any(a.inter == 6 for a in actors) and any(a.inter == 1 for a in actors):
                # force turned on protesters: ACLED codes the protest
                if "lethal" in effects or toll.dead() > 0 or toll.wounded():
                    return "Protests", "Excessive force against protesters"
                return "Protests", "Protest with intervention"
            civilians = any(a.inter == 7 for a in actors)
            armed_actors = [a for a in actors if a.inter in (1, 2, 3, 4)]
            if civilians and len(armed_actors) <= 1:
                return "Violence against civilians", "Attack"
            if "armed" in effects or len(armed_actors) >= 2:
                return "Battles", "Armed clash"
            return "Violence against civilians", "Attack"
        if etype == "@takeover":
            taker = _subject([a for a in actors if not _is_loser(n, a)], pos, n)
            if taker is not None:
                if taker.inter in (1, 3):  # government forces or their (political-militia) affiliates
                    return "Battles", "Government regains territory"
                return "Battles", "Non-state actor overtakes territory"
            if trig.pattern.lstrip("!").startswith(("استعاد", "حرر", "تحرير", "دحر", "طرد")):
                return "Battles", "Government regains territory"
            return "Battles", "Non-state actor overtakes territory"
        if etype == "Protests":
            if "lethal" in effects or ("force" in effects and any(
                    m.payload == "lethal" for m in mods)):
                return "Protests", "Excessive force against protesters"
            if "force" in effects:
                return "Protests", "Protest with intervention"
            if "violent" in effects and "peaceful" not in effects:
                return "Riots", "Violent demonstration"
            return "Protests", "Peaceful protest"
        if etype == "Strategic developments" and sub == "Arrests" and "hostage" in effects:
            return "Violence against civilians", "Abduction/forced disappearance"
        if etype == "Strategic developments" and sub == "Disrupted weapons use" and \
                not effects & {"weapons", "air", "artillery", "ied", "suicide"}:
            return "", ""  # "اعتراض" of a plan, a decision...
        if etype == "Strategic developments" and sub in ("Agreement", "Looting/property destruction"):
            return "", ""  # too ambiguous from a single word: reported in event_types only when clear
        return etype, sub

    def _event(self, c: Candidate, doc: Document) -> Event:
        text = doc.text
        a, b = c.evidence_span
        conf = 0.45 + 0.15 * (c.strength >= 2) + 0.1 * (c.location.precision == 1) + 0.1 * (c.date_precision == 1) \
            + 0.1 * bool(c.actor1) + 0.05 * bool(c.claims)
        disputed = _disputed(c)
        return Event(
            event_type=c.event_type, sub_event_type=c.sub_event_type,
            date=c.date.isoformat() if c.date else None, date_precision=c.date_precision,
            location=c.location, actor1=c.actor1, actor2=c.actor2,
            fatalities=_fatalities(c), claims=_unique_claims(c.claims), disputed=disputed,
            evidence=text[a:b], evidence_span=(a, b), confidence=min(conf, 0.99), plover=c.plover,
        )


# ----------------------------------------------------------------------------------------------
def _speech_cue(cues: list[LexMatch[tuple[str, str, str]]]) -> bool:
    """An attribution cue other than a channel's: ``find_claims`` finds nothing without one."""
    return any(c.payload[0] != "channel" for c in cues)


def _story_date(dates_by_sent: list[list[DateMention]], published: date | None) -> date | None:
    """The day the article's lead reports ("أعلن مصدر عسكري، اليوم الأحد، ..." in a paper of
    Tuesday): the date of an undated mention further on. Else the publication date."""
    if published is None:
        return None
    for found in dates_by_sent[:LEAD_SENTENCES]:
        dates = [d for d in found if d.kind in ("offset", "weekday") and d.date is not None]
        if dates:
            d = _nearest_date(dates, dates[0].start)
            if d is not None and d.date is not None and 0 <= (published - d.date).days <= 7:
                return d.date
            break
    return published


def _pick_date(dates: list[DateMention]) -> DateMention:
    day = [d for d in dates if d.kind != "year"]
    return (day or dates)[-1]


def _nearest_date(dates: list[DateMention], pos: int) -> DateMention | None:
    if not dates:
        return None
    # adjacent "أمس الثلاثاء": the weekday (publication dates can be late) wins
    best = min(dates, key=lambda d: abs(d.start - pos))
    for d in dates:
        if d.kind == "weekday" and best.kind == "offset" and 0 <= d.start - best.end <= 2:
            return d
    return best


def _main_place(mentions: list[Mention]) -> Mention | None:
    """The town the article keeps naming (at least twice), else its only place, else None."""
    towns = [m for m in mentions if m.place and m.place.kind not in ("country",)]
    if not towns:
        return mentions[0] if len({(m.place.name if m.place else "") for m in mentions}) == 1 else None
    counts = Counter((m.place.geonameid, m.place.name) for m in towns if m.place)
    (top, n), = counts.most_common(1)
    if n < 2 and len(counts) > 1:
        return None  # a digest of stories: no place is the article's
    return next(m for m in towns if m.place and (m.place.geonameid, m.place.name) == top)


_DATELINE = re.compile(r"\s*[^\s:،,.-]+(?:\s[^\s:،,.-]+)?\s*[-–—]\s*[^:\n]{1,40}:")


WEAPON_EFFECTS = {"air", "artillery", "suicide", "ied", "grenade", "lethal"}
# triggers of violence that can take place at a protest, and the types they are coded as
VIOLENT_FAMILIES = {"@attack", "@explosion", "@strike", "Explosions/Remote violence", "Violence against civilians"}
VIOLENT_TYPES = {"Explosions/Remote violence", "Violence against civilians", "Battles"}


@cache
def _setting_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in resources.lines("events/setting_words.txt"))


def _is_setting(n: str, t: LexMatch[lexicons.Trigger]) -> bool:
    """A noun trigger after "في", "خلال", "أثناء" (``data/events/setting_words.txt``): where
    something else took place ("في أحد الاحتجاجات"), not a report of its own."""
    if t.payload.pattern.startswith("!") or n[t.word_start:t.start].lstrip("وف") not in ("", "ال"):
        return False
    before = n[max(0, t.word_start - 24):t.word_start].split()[-2:]
    if before and before[-1] in ("احد", "احدي"):
        before = before[:-1]
    if not before:
        return False
    word, words = before[-1], _setting_words()
    return word in words or (word[:1] == "و" and word[1:] in words)


# the families of a violent verb trigger that makes a main clause the incident itself
SEQUEL_MAIN = frozenset({"@attack", "@kill", "@explosion", "@strike", "@takeover", "@raid", "Battles",
                         "Explosions/Remote violence", "Violence against civilians"})


def _sequel_reported(n: str, t: LexMatch[lexicons.Trigger], c: LexMatch, ne: int,  # type: ignore[type-arg]
                     hits: list, verbs: set[int], dates: list[DateMention], cues: list,  # type: ignore[type-arg]
                     toll: _Toll, found: SentenceHits) -> bool:
    """An incident named after "بعد"/"إثر" is still reported when the sentence tells its dead or
    wounded (it is their cause: "مقتل القائد إثر استهدافه بقذيفة"), dates it ("بعد هجوم ... في
    أول يوليو"), says it took place ("بعد تفجير وقع مؤخرا") or has a violent verb for its main
    clause ("قتل القيادي بعد هجوم للمقاومة")."""
    if any(h.payload.event_type == "@kill" for h in hits) or toll.dead() > 0 or toll.wounded():
        return True
    if any(d.start >= t.end for d in dates) or _subject_of_incident_verb(n, t, ne, cues, found):
        return True
    return any(id(h) in verbs and h.end <= c.start and h.payload.event_type in SEQUEL_MAIN for h in hits)


# cues of a verb whose complement runs long ("دعا وزير الخارجية البريطاني ... المجلس العسكري إلى
# ضبط النفس في مواجهة المظاهرات"): they reach further, within their own clause
LONG_REACH_KINDS = frozenset({"call", "threat", "condemn", "plan", "trial"})
LONG_REACH_WORDS = 14


def _in_reach(n: str, c: LexMatch, t: LexMatch[lexicons.Trigger]) -> bool:  # type: ignore[type-arg]
    """A "before" cue governs the trigger: at most 8 words before it, or (a call, threat, plan,
    condemnation or charge) at most 14 with no new clause ("، كما", "بينما") between. Not a
    hypothesis: "منع", "خشية" do not govern a clause that far ("قررت منع النقاب ... غداة هجوم")."""
    gap = _words_between(n, c.end, t.word_start)
    if gap <= BEFORE_WINDOW_WORDS:
        return True
    return gap <= LONG_REACH_WORDS and c.payload[0] in LONG_REACH_KINDS and \
        not any(c.end <= b < t.word_start for b in clause_breaks(n, c.end, t.word_start))


def _carried_out(n: str, c: LexMatch, mods: list) -> bool:  # type: ignore[type-arg]
    """A verb of occurrence right before the cue ("نفذت عمليات اعتقال", "شنوا عمليات قصف"; only the
    rest of the verb's own word between them)."""
    return any(m.payload == "happened" and m.end <= c.word_start and " " not in n[m.end:c.word_start].strip()
               for m in mods)


def _purpose_prefix(n: str, t: LexMatch[lexicons.Trigger]) -> bool:
    """The trigger is glued to the preposition ل ("لهجوم", "لمحاولة اغتيال")."""
    return n[t.word_start:t.start].lstrip("وف") == "ل"


def _deadly(trig: lexicons.Trigger) -> bool:
    """A trigger of fighting, killing or bombardment (not an abduction or an arrest)."""
    return trig.event_type in DEADLY_FAMILIES or (trig.event_type == "Violence against civilians" and trig.sub_event_type == "Attack")


DEADLY_FAMILIES = frozenset({"@kill", "@attack", "@strike", "@explosion", "Battles", "Explosions/Remote violence"})


def _befell_prefix(n: str, t: LexMatch[lexicons.Trigger]) -> bool:
    """The trigger is glued to ل, with or without the article ("تعرضت الدورية لهجوم", "تعرض
    خلال الاستجواب للتعذيب")."""
    return n[t.word_start:t.start].lstrip("وف") in ("ل", "لل")


def _befell(t: LexMatch[lexicons.Trigger], mods: list) -> bool:  # type: ignore[type-arg]
    """A verb of occurrence stands before the trigger ("تعرضت الدورية لهجوم")."""
    return any(m.payload == "happened" and m.end <= t.word_start for m in mods)


def _definite(n: str, m: LexMatch) -> bool:  # type: ignore[type-arg]
    """The word carries the article ("الجيش", "للجيش"): it cannot head a construct name."""
    return n[m.word_start:m.start].endswith(("ال", "لل"))


def _performed(n: str, t: LexMatch[lexicons.Trigger], mods: list) -> bool:  # type: ignore[type-arg]
    """The trigger is the verbal noun after "قام بـ" ("قامت طائرة بإطلاق صاروخ", "قاموا بنصب
    خيامهم"), or the noun that verbal noun governs: what the subject did, told as a verb tells it.
    The ب is on the trigger's word or on the word just before it."""
    for m in mods:
        if m.payload != "performed" or m.end > t.word_start or \
                _words_between(n, m.end, t.word_start) > PERFORMED_WINDOW_WORDS:
            continue
        own = n[t.word_start:t.start].lstrip("وف")
        prev = n[m.end:t.word_start].split()
        if own.startswith("ب") or (prev and prev[-1].startswith("ب") and own == ""):
            return True
    return False


@cache
def _women_plurals() -> frozenset[str]:
    return frozenset(strip_article(normalize(w))[0] for w in resources.lines("events/crowd_nouns.txt"))


def _counts_things(n: str, t: LexMatch[lexicons.Trigger], ne: int) -> bool:
    """A crowd trigger ending in a quantity ("تجمعت مئات", "خرج الآلاف") followed by a sound
    feminine plural of things: "تجمعت مئات السيارات" is traffic, not a protest."""
    last = normalize(t.payload.pattern.lstrip("!").rstrip("*").split()[-1])
    if last not in number_words().vague:
        return False
    after = n[t.end:ne].split()[:2]
    if after and after[0] == "من":
        after = after[1:]
    if not after:
        return False
    word = strip_article(after[0].strip("،,.:؛()«»\"'"))[0]
    return word.endswith("ات") and word not in _women_plurals()


def _subject_of_incident_verb(n: str, t: LexMatch[lexicons.Trigger], ne: int, cues: list,  # type: ignore[type-arg]
                              found: SentenceHits) -> bool:
    """A noun trigger is the subject of a verb of occurrence right after it ("هجوم أسفر عن",
    "انفجار وقع", "اعتداء استهدف"; ``data/events/incident_verbs.txt``): the sentence says the
    incident took place. Not through a relative pronoun ("التفجير الذي وقع" describes an
    incident the reader knows)."""
    for m in found.incident_verbs(t.end, min(ne, t.end + INCIDENT_VERB_CHARS)):
        if _words_between(n, t.end, m.word_start) > AFTER_WINDOW_WORDS:
            break
        if not any(c.payload[1] == "relative" and t.end <= c.start < m.word_start for c in cues):
            return True
    return False


INCIDENT_VERB_CHARS = 40


def _purpose(n: str, t: LexMatch[lexicons.Trigger], mods: list) -> bool:  # type: ignore[type-arg]
    """A noun trigger with the preposition ل and no article is a purpose ("خلية لتفجير السيارات",
    "وليس لشن هجوم"), unless the sentence says before it that something befell someone ("تعرضت
    الدورية لهجوم", "تعرضت مناطق في الحي لقصف"): then ل introduces the incident."""
    return _purpose_prefix(n, t) and not _befell(t, mods)


NAMED_DATE_KINDS = ("absolute", "year", "month")
_PUNCT_RE = re.compile(r"[،,.;؛:«»\"()]")  # a relative clause ends at punctuation
_WORD_RE = re.compile(r"\S+")


@cache
def _date_context(role: str) -> frozenset[str]:
    """Words of ``data/events/date_context.tsv`` with ``role`` (skip / adverb)."""
    return frozenset(normalize(r["word"]) for r in resources.tsv("events/date_context.tsv") if r["role"] == role)


DATE_PREPOSITIONS = ("في ", "ب", "ل")


def _named_dates(n: str, ns: int, dates: list[DateMention], hits: list[LexMatch[lexicons.Trigger]]
                 ) -> dict[int, tuple[int, int]]:
    """Dates that name the event of the noun right before them ("ثورة 25 يناير", "انقلاب السادس
    من أغسطس", "تفجيرات 7 يوليو"): id of the date -> span of that noun (a trigger, or a noun of
    ``data/events/date_owners.txt``)."""
    out: dict[int, tuple[int, int]] = {}
    skip, adverbs = _date_context("skip"), _date_context("adverb")
    for d in dates:
        if d.kind not in NAMED_DATE_KINDS or n.startswith(DATE_PREPOSITIONS, d.start):
            continue  # "في مايو", "بتاريخ": an adverb of time, not a name
        words = [(m.start() + ns, m.end() + ns) for m in _WORD_RE.finditer(n[ns:d.start])]
        while words and n[words[-1][0]:words[-1][1]] in skip:
            words.pop()
        if len(words) >= 2 and n[words[-1][0]:words[-1][1]] == "من":
            words = words[:-2]  # "السادس من أغسطس": the day in words
        if not words or n[words[-1][0]:words[-1][1]] in adverbs:
            continue
        ws, we = words[-1]
        if any(ws <= h.start < we for h in hits) or _date_owners().find(n, ws, we):
            out[id(d)] = (ws, we)
    return out


def _names_other(owner: tuple[int, int] | None, t: LexMatch[lexicons.Trigger]) -> bool:
    return owner is not None and not owner[0] <= t.start < owner[1]


@cache
def _date_owners() -> Lexicon[bool]:
    lex: Lexicon[bool] = Lexicon(min_key_chars=2)
    lex.add_all((w, True) for w in resources.lines("events/date_owners.txt"))
    return lex.compile()


@cache
def _noun_heads() -> frozenset[str]:
    """Words after which a form written like a verb is its verbal noun ("بسبب خطف جندي"),
    from ``data/events/noun_heads.txt``."""
    return frozenset(normalize(w) for w in resources.lines("events/noun_heads.txt"))


def _dated_after(n: str, t: LexMatch[lexicons.Trigger], dates: list[DateMention]) -> bool:
    """A date in the clause the trigger opens ("الذي فجر نفسه في سوق كركوك أمس")."""
    return any(d.start >= t.end and _words_between(n, t.end, d.start) <= BEFORE_WINDOW_WORDS for d in dates)


def _is_verb(n: str, t: LexMatch[lexicons.Trigger]) -> bool:
    """A trigger written as a verb ("!خطف") and standing as one: not glued to a preposition
    ("بخطف", "لقتل") and not after a preposition or a noun that takes a verbal noun ("بسبب خطف")."""
    if not t.payload.pattern.startswith("!"):
        return False
    if n[t.word_start:t.start].lstrip("وف") in ("ب", "ل", "ك"):
        return False
    before = n[max(0, t.word_start - 20):t.word_start].split()
    if not before:
        return True
    prev = before[-1]
    heads = _noun_heads()
    return prev not in heads and not (prev[0] in "وف" and prev[1:] in heads)


def _period_aggregate(n: str, cues: list) -> bool:  # type: ignore[type-arg]
    """ "خلال أربعة أشهر", "منذ سنوات": a span of time that makes the sentence a summary."""
    leads = [c for c in cues if c.payload[1] == "period_lead"]
    return any(c.payload[1] == "period" and any(
        lead.end <= c.start and _words_between(n, lead.end, c.start) <= 3 for lead in leads) for c in cues)


def _dateline_end(text: str) -> int:
    """Length of a dateline at the start of a sentence ("بغداد - رويترز:", "عدن - د.ب.أ:"), else 0."""
    if ":" not in text or not ("-" in text or "–" in text or "—" in text):
        return 0  # the dash and the colon of a dateline (a sentence in 80 has both)
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _is_headline(text: str) -> bool:
    """A short line without final punctuation: a title or a story's headline in a digest."""
    t = text.rstrip()
    return bool(t) and t[-1] not in ".!?؟۔:»\"”)" and len(t.split()) <= HEADLINE_WORDS


def _places_by_sentence(groups: list[list[Mention]], sentences: list) -> list[list[list[Mention]]]:  # type: ignore[type-arg]
    """For each list of place mentions of ``groups``, the mentions of each sentence (in the list's
    order), without those of a dateline ("باماكو - رويترز:" says where the story was filed, not
    where it happened). Each mention is placed by bisection; a sentence's dateline is read once."""
    starts = [s.start for s in sentences]
    if not all(map(le, [s.end for s in sentences[:-1]], starts[1:])):
        return [_places_by_sentence_scan(mentions, sentences) for mentions in groups]  # not in order
    datelines: dict[int, int] = {}  # sentence index -> where the text after its dateline starts
    out: list[list[list[Mention]]] = []
    for mentions in groups:
        by_sent: list[list[Mention]] = [[] for _ in sentences]
        for m in mentions:
            i = bisect_right(starts, m.start) - 1
            if i < 0 or m.start >= sentences[i].end:
                continue
            after = datelines.get(i)
            if after is None:
                after = datelines[i] = sentences[i].start + _dateline_end(sentences[i].text)
            if m.start >= after:
                by_sent[i].append(m)
        out.append(by_sent)
    return out


def _places_by_sentence_scan(mentions: list[Mention], sentences: list) -> list[list[Mention]]:  # type: ignore[type-arg]
    """:func:`_places_by_sentence` of one list, sentence by sentence (sentences in any order)."""
    out: list[list[Mention]] = []
    if not mentions:
        return [[] for _ in sentences]
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    starts = [mentions[i].start for i in order]
    for s in sentences:
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        if lo == hi:
            out.append([])  # no mention in the sentence: no dateline to look for
            continue
        start = s.start + _dateline_end(s.text)
        inside = order[bisect_left(starts, start, lo, hi):hi]
        out.append([mentions[i] for i in sorted(inside)] if len(inside) > 1 else [mentions[i] for i in inside])
    return out


def _best_place(places: list[Mention]) -> Mention:
    towns = [m for m in places if m.place and m.place.kind != "country"]
    return (towns or places)[0]


def _place_pool(places: list[Mention], actors: list[ActorMention], norm: NormText) -> list[Mention]:
    """The places of a sentence an event there can take (:func:`_place_at` picks one by the
    trigger's offset): the most specific it names, not inside an actor's name."""
    if not places:
        return []
    spans = [norm.span_to_original(a.start, a.end) for a in actors]
    usable = [m for m in places if not any(s <= m.start and m.end <= e for s, e in spans)]
    if not usable:
        return []
    # "من الإمارات" (from a country) names where someone came from, not where it happened
    usable = [m for m in usable if not (m.place and m.place.kind == "country"
                                        and norm.original[max(0, m.start - 4):m.start].strip().endswith("من"))]
    if not usable:
        return []
    # the most specific place the sentence names: a town before a province before a country
    towns = [m for m in usable if m.place and m.place.kind not in ("country", "admin1", "region")]
    regions = [m for m in usable if m.place and m.place.kind in ("admin1", "region")]
    return towns or regions or usable


def _place_at(pool: list[Mention], pos: int) -> Mention | None:
    """The place of ``pool`` for the trigger at ``pos`` (an original offset)."""
    if not pool:
        return None
    # prefer the place after the trigger ("قصف ... على مدينة X"), then the nearest before it
    after = [m for m in pool if m.start >= pos]
    if after:
        return min(after, key=lambda m: m.start)
    return max(pool, key=lambda m: m.start)


_PLACE_KINDS = TOWN_KINDS | LOCAL_KINDS  # towns and the places inside them


def _coordinated(first: Mention, places: list[Mention], text: str) -> list[Mention]:
    """Places listed after ``first`` with "و" or a comma ("على مدن A وB وC"), of the same kind."""
    out: list[Mention] = []
    prev = first
    for m in sorted(places, key=lambda x: x.start):
        if m.start < prev.end or m is first:
            continue
        gap = text[prev.end:m.start].strip()
        # "A وB", "A، B", or a name the gazetteer does not know in between ("A والمفرق وB")
        listed = gap in ("و", "،", ",", "، و", ", و") or (
            len(gap.split()) <= 2 and all(w.startswith("و") for w in gap.split()) and gap.endswith("و"))
        if not listed or m.place is None or prev.place is None:
            break
        if (m.place.kind in _PLACE_KINDS) != (prev.place.kind in _PLACE_KINDS):
            break  # a town beside a province or a country is not one more place of the list
        out.append(m)
        prev = m
    return out


LOSER_CUES = ("من", "قبضه", "ايدي", "يد", "سيطره", "مواقع", "معاقل", "للوجود")


def _is_loser(n: str, a: ActorMention) -> bool:
    """An actor written as the one losing ground: "من الحوثيين", "من قبضة داعش", "مواقع للحوثيين"."""
    before = n[max(0, a.start - 20):a.start].split()[-2:]
    word = n[a.start:a.end]
    return any(w in LOSER_CUES for w in before) or word.startswith("لل")


def _subject(actors: list[ActorMention], pos: int, n: str | None = None) -> ActorMention | None:
    """The doer of the trigger at ``pos``: the nearest armed actor (VSO: "سيطرت المقاومة", or
    SVO: "وحدات أوكرانية تدخل"), preferring the one after the verb at equal distance."""
    cands = [a for a in actors if a.inter != 7]
    if not cands:
        return None
    if n is None:
        after = [a for a in cands if a.start >= pos]
        return after[0] if after else cands[-1]

    def dist(a: ActorMention) -> tuple[int, int]:
        if a.start >= pos:
            return (len(n[pos:a.start].split()) - 1, 0)
        return (len(n[a.end:pos].split()), 1)

    return min(cands, key=dist)


def _sides(claims: list[ClaimMention], actors: list[ActorMention], adjectives: list[LexMatch[str]]) -> set[str]:
    """Countries of the parties speaking or acting in a sentence (claims, actors, demonyms: the
    sentence's ``country_adj_lexicon`` hits)."""
    sides = {c.country for c in claims if c.country} | {a.country for a in actors if a.country}
    sides |= {m.payload for m in adjectives}
    return sides


@cache
def _roles() -> dict[str, frozenset[str]]:
    """``data/actors/roles.tsv``: words that make the next actor a target, words that open a clause."""
    out: dict[str, set[str]] = {}
    for r in resources.tsv("actors/roles.tsv"):
        out.setdefault(r["role"], set()).add(normalize(r["word"]))
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _clause_re() -> re.Pattern[str]:
    words = sorted(_roles().get("clause", ()), key=len, reverse=True)
    return re.compile(r"(?<!\S)[وف]?(?:" + "|".join(re.escape(w) for w in words) + r")(?!\S)")


def clause_breaks(n: str, start: int, end: int) -> list[int]:
    """Where the clauses of a long sentence begin ("، كما قصفت ..."، "بينما دارت ...")."""
    return [m.start() for m in _clause_re().finditer(n, start, end)]


def _clause_of(actors: list[ActorMention], pos: int, breaks: list[int]) -> list[ActorMention]:
    """The actors of the clause the trigger at ``pos`` stands in."""
    lo = max((b for b in breaks if b <= pos), default=-1)
    hi = min((b for b in breaks if b > pos), default=1 << 30)
    return [a for a in actors if lo <= a.start < hi]


def _is_target(n: str, a: ActorMention) -> bool:
    """An actor written as the one acted upon: "على مواقع الحوثيين", "مقتل جنديين", "ضد الجيش"."""
    before = n[max(0, a.start - 30):a.start].split()[-1:]
    targets = _roles().get("target", frozenset())
    return n[a.start:a.end].startswith("لل") or any(
        w in targets or w[1:] in targets or w[2:] in targets for w in before)


def _heads(n: str, actors: list[ActorMention]) -> dict[int, ActorMention]:
    """The first actor of each coordination ("القوات الموالية لهادي والمقاومة الشعبية": allies of one
    side), by ``id`` of each actor. "بين A وB": A and B are the two sides (unless "B من جهة" follows)."""
    out: dict[int, ActorMention] = {}
    prev: ActorMention | None = None
    for a in sorted(actors, key=lambda x: x.start):
        head = a
        if prev is not None and not n[prev.end:a.start].strip() and a.clitics.startswith("و"):
            first = out[id(prev)]
            between = first is prev and n[max(0, prev.start - 12):prev.start].split()[-1:] == ["بين"]
            side_mark = n[a.end:a.end + 12].lstrip().startswith(("من جهه", "من طرف"))
            if not between or side_mark:
                head = first
        out[id(a)] = head
        prev = a
    return out


def _actors_for(etype: str, sub: str, pattern: str, pos: int, actors: list[ActorMention], norm: NormText,
                country: str, breaks: list[int] | None = None, air: Actor | None = None
                ) -> tuple[Actor | None, Actor | None]:
    """actor1 the doer, actor2 the target or the other side (GUIDELINES: ACLED inter codes). ``air``:
    the last aircraft-flying force the article named, the doer of an air strike whose clause names none."""
    if not actors:
        if etype == "Protests":
            return Actor("", f"Protesters ({_cname(country)})", 6, country), None
        if etype == "Riots":
            return Actor("", f"Rioters ({_cname(country)})", 5, country), None
        if sub == "Air/drone strike" and air is not None:
            return air, None
        return None, None
    if etype in ("Protests", "Riots"):
        prot = next((a for a in actors if a.inter in (5, 6)), None)
        a1 = prot.resolve(norm, country) if prot else Actor(
            "", f"{'Protesters' if etype == 'Protests' else 'Rioters'} ({_cname(country)})", 6 if etype == "Protests" else 5,
            country)
        force = next((a for a in actors if a.inter == 1), None) if sub != "Peaceful protest" else None
        return a1, force.resolve(norm, country) if force else None
    n = norm.norm
    local = _clause_of(actors, pos, breaks or [])
    doer: Actor | None
    if sub == "Air/drone strike" and air is not None and not any(a.air or a.inter == 1 for a in local):
        # "قتل تسعة متمردين في غارة جوية": the aircraft named before, whatever else the sentence names
        actors, doer = local, air
    else:
        # the clause's actors; the sentence's when the clause names no armed one
        actors, doer = (local if any(a.inter != 7 for a in local) else actors), None
    heads = _heads(n, actors)
    victims = [a for a in actors if a.inter == 7]
    armed = [a for a in actors if a.inter != 7]

    def key(a: ActorMention) -> str:
        return a.resolved_name(country)  # the name of a.resolve(norm, country)

    def other_side(first: ActorMention | None, pool: list[ActorMention]) -> ActorMention | None:
        """The first actor of another side than ``first``'s: not ``first`` again, nor one written in
        coordination with any mention of it (its allies are not its enemy)."""
        if first is None:
            return pool[0] if pool else None
        name = key(first)
        sides: dict[int, set[str]] = {}
        for a in actors:
            sides.setdefault(id(heads.get(id(a), a)), set()).add(key(a))
        allied = {name}.union(*(names for names in sides.values() if name in names))
        for a in pool:
            if key(a) in allied:
                continue
            head = heads.get(id(a), a)
            return head if key(head) not in allied else a
        return None

    if sub == "Non-violent transfer of territory" and pattern.lstrip("!").startswith(("انسحاب", "انسحب", "الانسحاب", "تسليم")):
        # the one withdrawing is the side losing the territory: actor2
        withdrawing = _subject(armed, pos, n)
        other = next((a for a in armed if a is not withdrawing), None)
        return (other.resolve(norm, country) if other else None,
                withdrawing.resolve(norm, country) if withdrawing else None)
    if sub in ("Government regains territory", "Non-state actor overtakes territory"):
        takers = [a for a in armed if not _is_loser(n, a)]
        first = _subject(takers, pos, n)
        first = heads.get(id(first), first) if first is not None else None
        loser = other_side(first, armed)
        return (first.resolve(norm, country) if first else None, loser.resolve(norm, country) if loser else None)
    doers = [a for a in armed if not _is_target(n, a)] or armed
    if sub == "Air/drone strike" and doer is None:
        doers = [a for a in doers if a.air] or doers
    first = None if doer is not None else _subject(doers, pos, n)
    if first is not None:
        first = heads.get(id(first), first)
        doer = first.resolve(norm, country)
    second = other_side(first, [a for a in armed if doer is None or a.name != doer.name])
    if victims and (second is None or etype == "Violence against civilians" or sub == "Air/drone strike"):
        second = victims[0]
    return doer, second.resolve(norm, country) if second else None


UNSEEN_PERPETRATOR = {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}


def _default_actors(etype: str, sub: str, a1: Actor | None, a2: Actor | None, persons: bool, country: str
                    ) -> tuple[Actor | None, Actor | None]:
    """ACLED's defaults where the text names no one: a bomb nobody claims was planted by an
    unidentified armed group (a state force named beside it is its target); the people killed,
    wounded or arrested without a group are civilians."""
    civilians = Actor("", f"Civilians ({_cname(country)})", 7, country)
    if sub in UNSEEN_PERPETRATOR and (a1 is None or a1.inter in (1, 7)):
        target = a1 if a1 is not None else a2
        a1, a2 = Actor("", f"Unidentified Armed Group ({_cname(country)})", 3, country), target
    if a2 is None and (sub == "Arrests" or (persons and etype in (
            "Explosions/Remote violence", "Violence against civilians"))):
        a2 = civilians
    return a1, a2


def _cname(country: str) -> str:
    return country_name(country) or country


def _compatible_place(a: Location, b: Location) -> bool:
    if a.geonameid and a.geonameid == b.geonameid:
        return True
    if a.name == b.name and a.country == b.country:
        return True
    if a.country != b.country or not a.country:
        return False
    coarse, fine = (a, b) if a.precision >= b.precision else (b, a)
    if coarse.kind == "country":
        return True
    return coarse.kind in ("admin1", "region") and bool(coarse.admin1) and coarse.admin1 == fine.admin1


def _same_place(a: Location, b: Location) -> bool:
    return (a.name, a.country, a.lat, a.lon) == (b.name, b.country, b.lat, b.lon)


def _compatible_actor(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or a.name == b.name


def _merge(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in cands:
        for o in out:
            if (o.elsewhere or c.elsewhere) and o.sentence_index != c.sentence_index:
                continue  # "... في الرباط" (unknown): not the place it borrowed from the sentences before
            if (o.event_type, o.sub_event_type) == (c.event_type, c.sub_event_type) and _same_day(o, c) \
                    and _compatible_place(o.location, c.location):
                if _compatible_actor(o.actor1, c.actor1) and _compatible_actor(o.actor2, c.actor2):
                    _absorb(o, c)
                    break
                if _nested_actors(o, c) and _same_place(o.location, c.location):
                    # "انفجار في كوباني" (YPG) and "انفجارات زرعها داعش" (IS, YPG): one incident told
                    # twice, the second naming both sides; keep the fuller pair
                    if _named(c) > _named(o):
                        o.actor1, o.actor2 = c.actor1, c.actor2
                    _absorb(o, c)
                    break
        else:
            out.append(c)
    return out


class _Toll:
    """The dead and wounded a sentence reports, each counted when first asked (once a sentence,
    only when a trigger gets that far)."""

    __slots__ = ("_dead", "_end", "_found", "_n", "_start", "_wounded")

    def __init__(self, n: str, start: int, end: int, found: SentenceHits) -> None:
        self._n, self._start, self._end, self._found = n, start, end, found
        self._dead: int | None = None
        self._wounded: bool | None = None

    def dead(self) -> int:
        if self._dead is None:
            self._dead = count_fatalities(self._n, self._start, self._end, self._found.fatalities)
        return self._dead

    def wounded(self) -> bool:
        if self._wounded is None:
            self._wounded = bool(self._found.injuries)
        return self._wounded


def _named(c: Candidate) -> set[str]:
    return {a.name for a in (c.actor1, c.actor2) if a is not None}


def _nested_actors(o: Candidate, c: Candidate) -> bool:
    """The actors one mention names are among those the other names, which names more (the same
    two in swapped roles stay apart: who attacked whom is in dispute)."""
    a, b = _named(o), _named(c)
    return bool(a) and bool(b) and a != b and (a <= b or b <= a)


def _same_day(o: Candidate, c: Candidate) -> bool:
    """The same date, or a mention the text does not date (a headline, a later "the attack")
    within the week of a dated one."""
    if o.date == c.date:
        return True
    if (o.dated and c.dated) or o.date is None or c.date is None:
        return False
    return abs((o.date - c.date).days) <= 7


def _absorb(o: Candidate, c: Candidate) -> None:
    if c.location.precision < o.location.precision:
        o.location = c.location
    if c.dated and (not o.dated or c.date_precision < o.date_precision):
        o.date, o.date_precision, o.dated = c.date, c.date_precision, True
    o.actor1 = o.actor1 or c.actor1
    o.actor2 = o.actor2 or c.actor2
    o.claims.extend(c.claims)
    o.fatality_reports.extend(c.fatality_reports)
    o.fatalities = max(o.fatalities, c.fatalities)
    o.contrast = o.contrast or c.contrast
    # the evidence: the mention that says most (a strong trigger with actors and claims)
    if (c.strength, bool(c.actor1) + bool(c.actor2), len(c.claims)) > (o.strength, bool(o.actor1) + bool(o.actor2), 0):
        o.evidence_span, o.strength = c.evidence_span, max(o.strength, c.strength)


PRIORITY = {
    "Government regains territory": 0, "Non-state actor overtakes territory": 0, "Non-violent transfer of territory": 0,
    "Suicide bomb": 1, "Remote explosive/landmine/IED": 1, "Air/drone strike": 1, "Grenade": 1, "Chemical weapon": 1,
    "Shelling/artillery/missile attack": 2, "Abduction/forced disappearance": 2, "Sexual violence": 2,
    "Excessive force against protesters": 2, "Protest with intervention": 2, "Arrests": 3,
    "Peaceful protest": 3, "Violent demonstration": 3, "Mob violence": 3, "Armed clash": 4, "Attack": 5,
    # an intercepted missile or drone is the interception, not a strike by it
    "Disrupted weapons use": 0,
}


def _one_per_sentence_place(cands: list[Candidate]) -> list[Candidate]:
    """One sentence names one incident per place: keep its most specific reading."""
    best: dict[tuple[int, str, float, float], Candidate] = {}
    order: list[tuple[int, str, float, float]] = []
    for c in cands:
        key = (c.sentence_index, c.location.name, c.location.lat, c.location.lon)
        if key not in best:
            best[key] = c
            order.append(key)
        elif (PRIORITY.get(c.sub_event_type, 9), -c.strength) < (PRIORITY.get(best[key].sub_event_type, 9),
                                                                  -best[key].strength):
            best[key] = c
    return [best[k] for k in order]


def _fatalities(c: Candidate) -> int:
    by_source = {s: f for s, f in c.fatality_reports if f}
    if len(set(by_source.values())) > 1:
        return min(by_source.values())
    return c.fatalities


def _disputed(c: Candidate) -> bool:
    stances = {cl.stance for cl in c.claims}
    if "denies" in stances:
        return True  # a coded event is asserted (by a source or the article itself): a denial contradicts it
    by_source = {s: f for s, f in c.fatality_reports if f}
    if len(set(by_source.values())) > 1:
        return True
    return c.contrast


def _unique_claims(claims: list[Claim]) -> list[Claim]:
    seen: dict[tuple[str, str], Claim] = {}
    for cl in claims:
        key = (cl.source_name, cl.stance)
        if key not in seen:
            seen[key] = cl
        elif cl.channel and not seen[key].channel:
            seen[key].channel = cl.channel
    return list(seen.values())


def _propagate_channels(cands: list[Candidate], channels: dict[str, str]) -> None:
    """A source whose channel the article gives once ("on Telegram") keeps it for its claims."""
    for c in cands:
        for cl in c.claims:
            if cl.channel:
                channels.setdefault(cl.source_name, cl.channel)
    for c in cands:
        for cl in c.claims:
            if not cl.channel and cl.source_name in channels:
                cl.channel = channels[cl.source_name]


@dataclass(slots=True)
class EventStage:
    """Fills ``doc.events`` and ``doc.event_types``."""

    name: str = "events"
    _coder: list[EventCoder] = field(default_factory=list, repr=False)

    def __call__(self, doc: Document) -> None:
        if doc.language not in ("ar", None) or doc.norm is None:
            return
        if not self._coder:
            self._coder.append(EventCoder())
        doc.events, doc.event_types = self._coder[0].code(doc)


__all__ = ["ClaimMention", "EventCoder", "EventStage"]
