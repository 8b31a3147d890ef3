"""Salience: what a clause asserts, and what it only names (marsad.events.salience), and what the
coder does with it: an incident named as the occasion of another assertion is not coded; an
incident of long ago, or one that cannot be placed, is a type the text reports only when a
clause asserts it."""

from __future__ import annotations

import pytest

from marsad.events.coder import clause_breaks
from marsad.events.lexicons import triggers
from marsad.events.salience import ASSERTED, NAMED, UNKNOWN, Salience, assertion
from marsad.text.normalize import normalize

from .conftest import record_of

VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def statuses(text: str) -> dict[str, str]:
    """{trigger as written (normalised): its assertion status} for one sentence."""
    n = normalize(text)
    hits = triggers().find(n)
    clauses = Salience().clauses(n, 0, len(n), clause_breaks(n, 0, len(n)),
                                 [(h.start, h.payload.pattern.startswith("!")) for h in hits])
    return {n[h.start:h.end]: assertion(clauses, h.start) for h in hits}


def types_of(text: str, published: str = "2015-07-22") -> set[str]:
    rec = record_of(text, published)
    return {e["event_type"] for e in rec["events"]} | set(rec["event_types"])


@pytest.mark.parametrize(("text", "word", "status"), [
    # an incident verb or an event trigger heads the clause
    ("قتل ثلاثة جنود في هجوم انتحاري أمس في بغداد.", "قتل", ASSERTED),
    ("وفي الموصل (370 كلم شمال بغداد)، انفجرت سيارة مفخخة قرب مركز للشرطة.", "انفجر", ASSERTED),
    ("مسلحون مجهولون اغتالوا ضابطا في الشرطة أمس.", "اغتال", ASSERTED),  # SVO: a verb after its subject
    ("وكانت حركة طالبان قد فجرت عبوة ناسفة في قندهار.", "عبوة ناسفة", ASSERTED),  # كان ... قد
    # a report asserts what the clause it reports asserts
    ("وقال مصدر أمني إن مسلحين هاجموا نقطة تفتيش في الرمادي.", "هاجم", ASSERTED),
    ("أعلنت الشرطة مقتل خمسة أشخاص في تفجير في كركوك.", "مقتل", ASSERTED),  # the report's object
    # another assertion only names the incident
    ("دعت الحكومة أمس إلى الهدوء إثر مقتل جنديين في هجوم مسلح في الخليل.", "مقتل", NAMED),
    ("كرمت قيادة الجيش أمس الشهداء الذين سقطوا في التفجير الذي وقع في طرابلس.", "تفجير", NAMED),
    ("وقال المسؤول إن الحكومة قررت إغلاق المعبر بعد هجوم على دورية.", "هجوم", NAMED),
    ("وتأتي هذه العملية بعد هجوم انتحاري في كابل على حافلة للشرطة.", "هجوم انتحاري", NAMED),
    ("الأسهم المغربية: لم تتأثر بورصة الدار البيضاء جراء التفجير الذي حدث في مقهى.", "تفجير", NAMED),  # a label, a negation
    ("وقالت القوات إن الانفجار جاء بعد يوم من مقتل 16 شخصا في هجوم انتحاري.", "مقتل", NAMED),  # a noun subject of "جاء بعد"
    ("في أول سابقة دولية من نوعها وجه المدعي أمس اتهاما بتدبير أعمال قتل أدت إلى مقتل الآلاف.", "مقتل", NAMED),
    ("وتمتلك إيران أيضا صواريخ بالستية متوسطة المدى.", "صواريخ", NAMED),  # "أيضا" opens no clause
    # a verb conjoined inside a relative clause goes on describing
    ("مشيرا إلى الحملة التي قام بها الجيش عام 1988 وقتل فيها الآلاف.", "قتل", UNKNOWN),
    # nothing known heads the clause: the coder reads it as before
    ("لكن رد فعلها كان مثل الكثير من الناس تجاه عملية الاغتيال.", "اغتيال", UNKNOWN),
])
def test_assertion_status(text: str, word: str, status: str) -> None:
    found = statuses(text)
    assert found.get(normalize(word)) == status, found


def test_a_noun_inside_a_subject_is_not_the_head() -> None:
    # "قواعد الاشتباك" is the subject; the clause reported is about rules, not a clash
    assert statuses("وقال إن قواعد الاشتباك للقوات البحرية تعطي نافذة ضيقة.")[normalize("اشتباك")] == UNKNOWN


@pytest.mark.parametrize("text", [
    "رفضت الجبهة الاتفاق واختطفت 68 رهينة من الأجانب في فندقين في عمان.",  # a verb conjoined with و
    "نشرت الشرطة قواتها في الرمادي أمس ثم سيطر الجيش على المدينة.",  # ثم opens a clause
    "زار الرئيس مدينة لندن أمس، وفي المدينة التي يزورها، هتف ضده آلاف المتظاهرين.",  # ، وفي ...
])
def test_a_new_clause_asserts_its_own_incident(text: str) -> None:
    assert ASSERTED in statuses(text).values() or UNKNOWN in statuses(text).values()
    assert NAMED not in statuses(text).values()


def test_a_fronted_subordinate_clause_is_not_asserted() -> None:
    found = statuses("وعندما قام خالد الاسلامبولي باغتيال الرئيس عام 1981 فإنه لم يوقف عملية السلام.")
    assert found[normalize("اغتيال")] != ASSERTED


# ---------------------------------------------------------------- the coder
def test_an_incident_named_as_an_occasion_is_not_coded() -> None:
    named = "دعت الحكومة أمس إلى الهدوء إثر مقتل جنديين في هجوم مسلح يوم الجمعة في مدينة الخليل."
    told = "قتل جنديان في هجوم مسلح يوم الجمعة في مدينة الخليل."
    assert types_of(told) & VIOLENCE
    assert not types_of(named) & VIOLENCE


def test_an_old_incident_a_clause_asserts_is_a_reported_type_not_an_event() -> None:
    rec = record_of("وتعرضت الحسينية ذاتها في يوليو (تموز) 2005 إلى هجوم انتحاري بشاحنة مفخخة في بغداد.", "2008-11-29")
    assert rec["events"] == []
    assert "Explosions/Remote violence" in rec["event_types"]


def test_an_old_incident_only_named_is_not_a_reported_type() -> None:
    rec = record_of("وأنهى القضاء تحقيقه في عملية خطف الإمام في ميلانو في 2003.", "2008-11-29")
    assert rec["events"] == []
    assert not set(rec["event_types"]) & VIOLENCE


def test_an_unplaced_incident_is_reported_when_asserted_only() -> None:
    asserted = record_of("وفجر المهاجمون قنابلهم على متن ثلاثة قطارات للمترو أمس.")
    unknown = record_of("لكن رد فعلها كان مثل الكثير من الناس تجاه عملية الاغتيال وحجم التفجير الذي وقع أمس.")
    assert not unknown["event_types"]
    assert asserted["events"] == [] or asserted["event_types"]


def test_every_head_word_has_a_known_kind() -> None:
    from marsad import resources

    kinds = {r["kind"] for r in resources.tsv("events/clause_heads.tsv")}
    assert kinds == {"report", "incident", "other", "skip", "adverb", "negation", "lead", "sub", "relative"}


@pytest.mark.parametrize(("text", "word", "status"), [
    ("ولم تتعرض المدينة لأي هجوم منذ أشهر.", "هجوم", NAMED),  # a negated head: nothing happened
    ("ولم يؤكد المتحدث باسم الجيش المعارك التي دارت أمس.", "معارك", ASSERTED),  # a negated report is a report
    ("ويبدو كفارس قديم، أطلق الجندي قنبلة على التمثال.", "قنبله", NAMED),  # "يبدو" alone: looks like
    ("ويبدو أن مسلحين أطلقوا النار على الدورية أمس.", "اطلقوا النار علي", ASSERTED),  # "يبدو أن": a hedged report
    ("وقال المدعي إن هناك أدلة على أنهما خططا لهجمات على القرى.", "هجمات", NAMED),  # an existential of evidence
    ("ومع ذلك، فإن الإجراءات لم تمنع وقوع تفجيرات في المدينة.", "تفجيرات", NAMED),  # what is (not) prevented
])
def test_negations_hedges_and_existentials(text: str, word: str, status: str) -> None:
    found = statuses(text)
    assert found.get(normalize(word)) == status, found


@pytest.mark.parametrize("text", [
    "وقال مصدر أمني إن مسلحين هاجموا نقطة تفتيش في الرمادي، فيما أعلنت الشرطة مقتل خمسة أشخاص.",
    "دعت الحكومة أمس إلى الهدوء إثر مقتل جنديين في هجوم مسلح في الخليل.",
    "زار الرئيس مدينة لندن أمس، وفي المدينة التي يزورها، هتف ضده آلاف المتظاهرين؛ ثم سيطر الجيش على المدينة.",
    "وعندما قام خالد الاسلامبولي باغتيال الرئيس عام 1981 فإنه لم يوقف عملية السلام.",
    "الأسهم المغربية: لم تتأثر بورصة الدار البيضاء جراء التفجير الذي حدث في مقهى.",
    "",
])
def test_clauses_read_when_asked_assert_what_all_clauses_assert(text: str) -> None:
    """``Salience.clauses_of`` (a clause read when asked) gives the assertion the clauses give at
    every offset, and the same clauses."""
    n = "، " + normalize(text) + " ."
    hits = triggers().find(n)
    salience = Salience()
    for start, end in ((0, len(n)), (2, len(n) - 2), (len(n) // 3, len(n))):
        args = (n, start, end, clause_breaks(n, start, end),
                [(h.start, h.payload.pattern.startswith("!")) for h in hits if start <= h.start < end])
        clauses = salience.clauses(*args)
        lazy = salience.clauses_of(*args)
        for pos in range(start - 1, end + 2):
            assert lazy.assertion(pos) == assertion(clauses, pos)
        assert [lazy.clause(k) for k in range(len(lazy.spans))] == clauses
