"""Claims: who the article credits, through which channel, asserting or denying; disputes."""

from __future__ import annotations

from typing import Any

from .conftest import events_of


def one(text: str) -> dict[str, Any]:
    evs = events_of(text)
    assert len(evs) == 1, evs
    return evs[0]


def test_monitor_sohr() -> None:
    ev = one("قتل خمسة مدنيين في قصف مدفعي على بلدة كفرنبل بريف إدلب أمس، وفق المرصد السوري لحقوق الإنسان.")
    (c,) = ev["claims"]
    assert c["source_name"] == "Syrian Observatory for Human Rights" and c["source_kind"] == "monitor_ngo"
    assert c["stance"] == "asserts" and "المرصد السوري" in c["source_text"]
    assert ev["fatalities"] == 5 and not ev["disputed"]


def test_ministry_said_that() -> None:
    ev = one("قالت وزارة الدفاع الروسية إن قواتها صدت هجوما أوكرانيا قرب مدينة دونيتسك أمس.")
    (c,) = ev["claims"]
    assert c["source_kind"] == "military" and "Russia" in c["source_name"]
    assert c["source_text"].startswith("وزارة الدفاع")
    # the speaker is a source, not a party: the ministry is not actor1
    assert ev["actor1"] is None or "Ministry" not in ev["actor1"]["name"]


def test_activists() -> None:
    ev = one("أفاد ناشطون بمقتل ثلاثة مدنيين في غارة جوية على بلدة سراقب بريف إدلب أمس.")
    (c,) = ev["claims"]
    assert c["source_kind"] == "witness_local" and c["source_text"] == "ناشطون"
    assert ev["fatalities"] == 3


def test_news_agency() -> None:
    ev = one("ذكرت وكالة سبأ أن طيران التحالف شن غارات على مدينة صعدة أمس.")
    (c,) = ev["claims"]
    assert c["source_kind"] == "media" and "Saba" in c["source_name"]


def test_unattributed_report_has_no_claims() -> None:
    ev = one("شن طيران التحالف غارات على مدينة صعدة أمس.")
    assert ev["claims"] == []


def test_denial() -> None:
    ev = one("قصفت القوات الروسية مدينة خيرسون أمس. ونفت وزارة الدفاع الروسية قصف مدينة خيرسون.")
    assert any(c["stance"] == "denies" for c in ev["claims"])
    assert ev["disputed"] is True


def test_denial_against_an_assertion() -> None:
    ev = one("قال الجيش الأوكراني إن القوات الروسية قصفت مدينة خيرسون أمس. ونفت وزارة الدفاع الروسية قصف مدينة خيرسون.")
    assert {c["stance"] for c in ev["claims"]} == {"asserts", "denies"}
    assert ev["disputed"] is True


def test_channel_statement() -> None:
    ev = one("أعلنت القوات الروسية في بيان اعتراض صاروخ أوكراني فوق مدينة بيلغورود أمس.")
    (c,) = ev["claims"]
    assert c["channel"] == "statement"
    assert ev["sub_event_type"] == "Disrupted weapons use"


def test_channel_telegram() -> None:
    ev = one("أعلنت وزارة الدفاع الأوكرانية على تلغرام أن قواتها قصفت مواقع روسية في مدينة دونيتسك أمس.")
    (c,) = ev["claims"]
    assert c["channel"] == "Telegram" and "Ukraine" in c["source_name"]


def test_two_sources_contradicting() -> None:
    ev = one("قالت وزارة الدفاع الروسية إن قواتها انسحبت من مدينة خيرسون دون خسائر أمس، "
             "بينما قالت وزارة الدفاع الأوكرانية إن القوات الروسية انسحبت بشكل فوضوي.")
    assert len(ev["claims"]) == 2
    assert ev["disputed"] is True


def test_two_sources_with_different_tolls_take_the_lower() -> None:
    evs = events_of("قال المرصد السوري لحقوق الإنسان إن 7 مدنيين قتلوا في قصف مدفعي على مدينة حلب أمس. "
                    "وقالت وكالة سانا إن 4 مدنيين قتلوا في قصف مدفعي على مدينة حلب أمس.")
    assert len(evs) == 1
    assert evs[0]["fatalities"] == 4 and evs[0]["disputed"] is True


def test_each_claim_keeps_the_channel_of_its_own_clause() -> None:
    ev = one("قال المتحدث باسم الجيش اليمني في بيان إن قواته صدت هجوما للحوثيين على مدينة مأرب أمس، "
             "فيما نفت جماعة الحوثي عبر قناة المسيرة وقوع أي خسائر في صفوفها.")
    channels = {c["stance"]: c["channel"] for c in ev["claims"]}
    assert channels == {"asserts": "statement", "denies": "TV"}


def test_a_channel_before_the_only_claim_is_still_its_channel() -> None:
    ev = one("في بيان رسمي، قالت وزارة الدفاع الروسية إن قواتها صدت هجوما أوكرانيا قرب مدينة دونيتسك أمس.")
    (c,) = ev["claims"]
    assert c["channel"] == "statement"
