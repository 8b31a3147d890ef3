"""Salience: which incidents a sentence asserts, and which it only names.

A clause of news prose asserts what its head says (``data/events/clause_heads.tsv``):

- an incident ("قتل ثلاثة جنود في هجوم انتحاري", "تعرضت الدورية لهجوم"), and the head may be an
  event trigger itself ("انفجار ضخم يهز ...");
- a report, whose reported clause (after إن / أن / «) asserts what its own head says ("قال المصدر
  إن مسلحين اغتالوا ..."; "أعلنت الشرطة مقتل ..." reports its object);
- something else ("دعت الحكومة ... إثر مقتل جنديين", "كرمت قيادة الجيش الشهداء الذين سقطوا في
  التفجير", "لم تتأثر البورصة جراء التفجير"): an incident inside such a clause is its occasion,
  cause or object. It is *named*, not reported.

The head is found by reading the clause from its start past particles, time words and fronted
phrases ("وفي الموصل (370 كلم شمال بغداد)، ...") and past a subject of a few words (SVO: "الجيش
التركي يضرب ..."). A clause whose head is not found is ``unknown``: the coder then reads its
incidents as it always did. Clauses are cut where the coder cuts them (``كما``, ``بينما``,
``فيما`` ...) and at a comma followed by a new head ("...، واعتقلت الشرطة ...").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from operator import itemgetter

from marsad import resources
from marsad.text.normalize import normalize

HEAD_FILE = "events/clause_heads.tsv"
COMPLEMENTIZERS_FILE = "claims/complementizers.txt"
DATES_FILE = "ar/dates.tsv"

MAX_STEPS = 10  # words read from a clause's start before giving up on its head
SUBJECT_WORDS = 4  # unknown words (a subject) read before the head in SVO order
FRONTED_WORDS = 14  # words of a fronted phrase up to its comma
REPORT_REACH = 30  # words between a reporting verb and the clause it reports ("قال اللواء ...، مدير ...، إن")
NOUN_SUBJECT_WORDS = 4  # words of a noun subject before its predicate ("إن الطائرة بدون طيار كانت تحلق")
OBJECT_WORDS = 6  # words between a report and the incident it reports as its object ("أعلنت مصادر أمنية وطبية مقتل")

ASSERTED, NAMED, UNKNOWN = "asserted", "named", "unknown"
_WORD = re.compile(r"\S+")
_EDGE = "«»\"'()[]*:،,؛;.!?؟-–ـ"
_COMMA = ("،", ",", "؛", ";")
_PREDICATES = ("report", "incident", "other")
_span = re.Match.span
_first = itemgetter(0)


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a sentence, in normalised offsets: its head's kind and offset (-1: not found);
    for a report, where the reported clause starts (-1: the report has no ``إن``-clause) and the
    kind of that clause's head, or (a report of its object: "أعلنت الشرطة مقتل ...") where its
    object ends: a relative clause, or the words of reach (-1: none)."""

    start: int
    end: int
    kind: str
    head: int = -1
    said: int = -1
    said_kind: str = ""
    object_end: int = -1


@cache
def _heads() -> dict[str, str]:
    """Head words by kind, with the time words of the date resources (month names of both
    systems, "أمس", "الخميس") as words to skip."""
    from marsad.events.dates import month_names

    heads = {normalize(r["word"]): r["kind"] for r in resources.tsv(HEAD_FILE)}
    for phrase in [*month_names(), *(r["pattern"] for r in resources.tsv(DATES_FILE))]:
        for w in normalize(phrase).split():
            heads.setdefault(w, "skip")
    return heads


@cache
def _complementizers() -> frozenset[str]:
    return frozenset(normalize(w) for w in resources.lines(COMPLEMENTIZERS_FILE))


def _kind(word: str, heads: dict[str, str], following: str = "", firsts: Container[str] | None = None
          ) -> tuple[str, int]:
    """(kind of the head key at ``word``, how many words the key has); ("", 1) if none.
    ``firsts``: the first words of the keys of two words (:func:`_first_words`), when the caller
    has them: a word that is none of them starts no such key."""
    w = word.strip(_EDGE)
    if following:
        nxt = following.strip(_EDGE)
        for first in (w, w[1:] if len(w) > 2 and w[0] in "وف" else ""):
            if firsts is not None and first not in firsts:
                continue
            k = heads.get(f"{first} {nxt}") if first else None
            if k is not None:
                return k, 2
    k = heads.get(w)
    if k is None and len(w) > 2 and w[0] in "وف":
        k = heads.get(w[1:])
    return k or "", 1


class Salience:
    """Clauses of a sentence and their heads. Stateless once built.

    ``triggers``: (start offset, written as a verb) of the sentence's event triggers. A trigger is
    the head when it is the clause's first word after particles and fronted phrases ("مقتل ثلاثة
    ..."), or a verb after its subject ("مسلحون مجهولون اغتالوا ..."); a noun inside a subject
    ("إن قواعد الاشتباك تعطي ...") is not.
    """

    def __init__(self) -> None:
        self.heads = _heads()
        self.complementizers = _complementizers()
        self.relatives = frozenset(w for w, k in self.heads.items() if k == "relative")
        self.firsts = _first_words(self.heads)

    def clauses(self, n: str, start: int, end: int, breaks: Sequence[int] = (),
                triggers: Sequence[tuple[int, bool]] = ()) -> list[Clause]:
        """The clauses of the sentence ``n[start:end]``, in order."""
        found = self.clauses_of(n, start, end, breaks, triggers)
        return [found.clause(k) for k in range(len(found.spans))]

    def clauses_of(self, n: str, start: int, end: int, breaks: Sequence[int] = (),
                   triggers: Sequence[tuple[int, bool]] = ()) -> Clauses:
        """:meth:`clauses` cut but not read: each clause's head is found when it is first asked
        (the coder asks for the clause of a trigger, :meth:`Clauses.assertion`)."""
        # the words (\S+, as str.split cuts them) and their forms without edge punctuation
        words = list(map(_span, _WORD.finditer(n, start, end)))
        if not words:
            return Clauses(self, n, words, [], [], [])
        tokens = n[start:end].split()
        cores = list(map(str.strip, tokens, repeat(_EDGE)))
        trig = sorted(triggers)
        heads = self.heads
        # clause starts: the sentence's, the coder's breaks (كما، بينما ...), and after a comma a
        # conjoined head ("...، واعتقلت الشرطة ...") or a participle of report ("...، مشيرا إلى")
        cuts = {0}
        starts = list(map(_first, words))
        for b in breaks:  # the word holding the break ("وفيما") opens the clause; not an adverb ("أيضا")
            i = bisect_right(starts, b) - 1
            if i > 0 and _kind(cores[i], heads)[0] != "adverb":
                cuts.add(i)
        relative = False  # a relative clause is open: a verb conjoined to it goes on describing
        relatives = self.relatives
        # the words where a clause may start or a relative clause open or close: a word after a
        # relative pronoun or a comma, a word with the conjunction و/ف (or all punctuation), "ثم";
        # at any other word nothing changes
        # (the word ``tokens[i]`` ends at ``words[i][1]``)
        marks = [i for i, nxt in enumerate(cores[1:])
                 if nxt[:1] in "وف" or tokens[i][-1] in _COMMA or cores[i] in relatives or nxt == "ثم"]
        for i in marks:
            core = cores[i + 1]
            comma = n[words[i][1] - 1]
            if cores[i] in relatives:
                relative = True
            elif comma in _COMMA:
                relative = False
            clitic = core[:1] in "وف"
            rest = heads.get(core[1:]) if clitic else None
            # a verb conjoined with و/ف: "... وطالبت", "رفضت ... واحتجزت 68 رهينة" (not "وقع", "فجر")
            cut = clitic and not relative and core not in heads and (
                rest in _PREDICATES or _trigger_at(trig, (words[i + 1][0] + 1, words[i + 1][1])) == (True, True))
            if not cut and comma in _COMMA:
                # "...، وفي المدينة ..." (a fronted phrase after a comma), "...، مشيرا إلى" (a report)
                kind = heads.get(core) or (rest if len(core) > 2 else None)
                cut = (clitic and rest == "lead") or kind == "report"
            if not cut and core == "ثم" and i + 2 < len(words):  # "ثم اقتحم الجيش ..."
                cut = _kind(cores[i + 2], heads)[0] in _PREDICATES or _trigger_at(trig, words[i + 2])[1]
            if cut or comma in ("؛", ";"):
                cuts.add(i + 1)
                relative = False
        order = sorted(cuts)
        spans = [(i0, order[k + 1] if k + 1 < len(order) else len(words)) for k, i0 in enumerate(order)]
        return Clauses(self, n, words, cores, trig, spans)

    def _clause(self, n: str, words: list[tuple[int, int]], cores: list[str], i0: int, i1: int,
                trig: list[tuple[int, bool]]) -> Clause:
        kind, h = self._head(n, words, cores, i0, i1, trig)
        c_start, c_end = words[i0][0], words[i1 - 1][1]
        if kind != "report":
            return Clause(c_start, c_end, kind, words[h][0] if h >= 0 else -1)
        said = self._reported(n, words, cores, h + 1, i1)
        if said < 0:
            stop = min(i1, h + 1 + OBJECT_WORDS)
            k = next((k for k in range(h + 1, stop) if cores[k] in self.relatives), stop)
            return Clause(c_start, c_end, kind, words[h][0], object_end=words[k][0] if k < i1 else c_end)
        said_kind = self._head(n, words, cores, said, i1, trig)[0] if said < i1 else UNKNOWN
        return Clause(c_start, c_end, kind, words[h][0], words[said][0] if said < i1 else c_end, said_kind)

    def _head(self, n: str, words: list[tuple[int, int]], cores: list[str], i0: int, i1: int,
              trig: list[tuple[int, bool]]) -> tuple[str, int]:
        """(kind of the clause's head, its word index), or ("unknown", -1)."""
        i, steps, unknown = i0, 0, 0
        heads, firsts = self.heads, self.firsts
        while i < i1 and steps < MAX_STEPS:
            steps += 1
            b = words[i][1]
            at, verb = _trigger_at(trig, words[i])
            if at and verb:
                return "incident", i
            if at and unknown == 0:
                # a noun heads the clause ("مقتل ثلاثة ..."), unless it is the subject of a predicate
                # of another kind right after it ("إن الانفجار جاء بعد يوم من ...")
                k = next((k for k in range(i + 1, min(i1, i + 1 + NOUN_SUBJECT_WORDS))
                          if self._predicate(words, cores, k, i1) == "other"), -1)
                return ("other", k) if k >= 0 else ("incident", i)
            kind, size = _kind(cores[i], heads, cores[i + 1] if i + 1 < i1 else "", firsts)
            if kind in ("report", "incident", "other"):
                return kind, i
            if kind == "negation" and i + 1 < i1:
                # "لم تتعرض ... لأي هجوم": a negated head asserts that nothing of the kind took place
                # (a negated report, "لم يؤكد المتحدث المعارك"، is still a report: its claims carry the stance)
                nxt = self._predicate(words, cores, i + 1, i1) or ("incident" if _trigger_at(trig, words[i + 1])[0] else "")
                if nxt in ("incident", "other"):
                    return "other", i + 1
                i += 1
                continue
            if kind in ("skip", "adverb") or cores[i].isdigit():
                i += size
                continue
            if n[b - 1] == ":" and unknown <= 3:  # a label ("الأسهم المغربية: ...")
                i, unknown = i + 1, 0
                continue
            if kind in ("lead", "sub"):
                # a fronted phrase or clause: up to its comma (a clause also up to the ف of the main
                # clause: "وعندما ... فإنه"), or to a head inside it ("في أول سابقة من نوعها وجه
                # المدعي ..."); a phrase with neither is its first two words
                j = next((k for k in range(i + size, min(i1, i + FRONTED_WORDS))
                          if n[words[k][1] - 1] in _COMMA or self._predicate(words, cores, k, i1)
                          or (kind == "sub" and n[words[k][0]] == "ف" and k > i + 1)), -1)
                if j < 0:
                    if kind == "sub":
                        break
                    i += 2
                elif self._predicate(words, cores, j, i1):
                    i = j
                elif n[words[j][1] - 1] in _COMMA:
                    i = j + 1
                else:
                    i = j
                continue
            unknown += 1
            if unknown > SUBJECT_WORDS:
                break
            i += 1
        return UNKNOWN, -1

    def _predicate(self, words: list[tuple[int, int]], cores: list[str], k: int, i1: int) -> str:
        """The kind of the word at ``k`` if it is a head word (report, incident, other), else ""."""
        kind = _kind(cores[k], self.heads, cores[k + 1] if k + 1 < i1 else "", self.firsts)[0]
        return kind if kind in ("report", "incident", "other") else ""

    def _reported(self, n: str, words: list[tuple[int, int]], cores: list[str], i0: int, i1: int) -> int:
        """Word index where the clause a reporting verb reports starts: after its complementizer
        ("إن", "بأن"), a colon or an opening quote, within reach; -1 if none."""
        for k in range(i0, min(i1, i0 + REPORT_REACH)):
            a, b = words[k]
            if n[a] in "«\"“":
                return k
            if cores[k] in self.complementizers:
                return k + 1
            if n[b - 1] == ":":
                return k + 1
        return -1


class Clauses:
    """The clauses of a sentence (:meth:`Salience.clauses_of`): their word spans, and each
    :class:`Clause` made when first asked."""

    __slots__ = ("_made", "_n", "_salience", "cores", "spans", "trig", "words")

    def __init__(self, salience: Salience, n: str, words: list[tuple[int, int]], cores: list[str],
                 trig: list[tuple[int, bool]], spans: list[tuple[int, int]]) -> None:
        self._salience, self._n, self.words, self.cores, self.trig = salience, n, words, cores, trig
        self.spans = spans  # (first word, word after the last) of each clause, in order
        self._made: dict[int, Clause] = {}

    def clause(self, k: int) -> Clause:
        """The ``k``-th clause."""
        made = self._made.get(k)
        if made is None:
            i0, i1 = self.spans[k]
            made = self._made[k] = self._salience._clause(self._n, self.words, self.cores, i0, i1, self.trig)
        return made

    def assertion(self, pos: int) -> str:
        """:func:`assertion` of the clauses at ``pos``: only the clause that holds it is read."""
        words = self.words
        k = next((k for k, (i0, i1) in enumerate(self.spans) if words[i0][0] <= pos <= words[i1 - 1][1]), -1)
        return assertion([self.clause(k)] if k >= 0 else [], pos)


def _first_words(heads: dict[str, str]) -> frozenset[str]:
    """The first words of the head keys of two words or more (what stands before their first space)."""
    return frozenset(k.partition(" ")[0] for k in heads if " " in k)


def _trigger_at(trig: list[tuple[int, bool]], word: tuple[int, int]) -> tuple[bool, bool]:
    """(a trigger starts in ``word``, it is written as a verb)."""
    i = bisect_right(trig, (word[1] - 1, True)) - 1
    if i >= 0 and word[0] <= trig[i][0] < word[1]:
        return True, trig[i][1]
    return False, False


def assertion(clauses: Sequence[Clause], pos: int) -> str:
    """Whether the incident whose trigger starts at ``pos`` is asserted by its clause, only named
    in it, or unknown (no head found, or a fronted phrase)."""
    clause = next((c for c in clauses if c.start <= pos <= c.end), None)
    if clause is None or clause.kind == UNKNOWN:
        return UNKNOWN
    if pos == clause.head:
        return ASSERTED
    if pos < clause.head:  # in a fronted phrase ("وبعد مقتل جنديين، دعت الحكومة")
        return NAMED if clause.kind == "other" else UNKNOWN
    if clause.kind == "incident":
        return ASSERTED
    if clause.kind == "other":
        return NAMED
    # a report
    if clause.said < 0:  # of its object: "أعلنت الشرطة مقتل ...", not "... الذي قتل"
        return ASSERTED if pos < clause.object_end else UNKNOWN
    if pos < clause.said:
        return UNKNOWN  # in the source's name
    if clause.said_kind == "other":
        return NAMED
    return ASSERTED if clause.said_kind in ("incident", "report") else UNKNOWN


__all__ = ["ASSERTED", "NAMED", "UNKNOWN", "Clause", "Clauses", "Salience", "assertion"]
