"""One test per trigger family: the ACLED type and sub-type, from short sentences."""

from __future__ import annotations

import pytest

from .conftest import events_of

CASES = [
    # clash
    ("اندلعت اشتباكات عنيفة أمس بين الجيش السوري ومسلحي تنظيم داعش في مدينة الرقة.", "Battles", "Armed clash"),
    # bombardment: aircraft named -> air strike; guns named -> shelling
    ("شنت طائرات حربية غارة على بلدة سراقب بريف إدلب اليوم.", "Explosions/Remote violence", "Air/drone strike"),
    ("قصفت المدفعية بلدة سراقب بريف إدلب اليوم.", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("قصفت الطائرات الحربية بلدة سراقب بريف إدلب اليوم.", "Explosions/Remote violence", "Air/drone strike"),
    # suicide bomb, IED, grenade
    ("فجر انتحاري نفسه في مسجد بمدينة كابول أمس، ما أسفر عن مقتل 12 شخصا.", "Explosions/Remote violence", "Suicide bomb"),
    ("انفجرت عبوة ناسفة بسيارة عسكرية في مدينة درعا أمس.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("ألقى مجهول قنبلة يدوية على منزل في مدينة البصرة أمس.", "Explosions/Remote violence", "Grenade"),
    # violence against civilians
    ("اختطف مسلحون مجهولون طبيبا في مدينة الموصل أمس.", "Violence against civilians", "Abduction/forced disappearance"),
    ("اغتال مسلحون مجهولون مدنيا في مدينة درعا أمس.", "Violence against civilians", "Attack"),
    # arrests
    ("اعتقلت قوات الأمن العراقية عشرة أشخاص في مدينة البصرة أمس.", "Strategic developments", "Arrests"),
    # protests and riots
    ("تظاهر مئات المواطنين في مدينة الخرطوم أمس للمطالبة بالحكم المدني.", "Protests", "Peaceful protest"),
    ("فرقت الشرطة السودانية بالغاز المسيل للدموع مظاهرة في مدينة الخرطوم أمس.", "Protests", "Protest with intervention"),
    ("رشق محتجون غاضبون قوات الأمن بالحجارة وأحرقوا إطارات في مدينة البصرة أمس.", "Riots", "Violent demonstration"),
    # territory
    ("استعاد الجيش اليمني السيطرة على مدينة حرض أمس.", "Battles", "Government regains territory"),
    ("سيطر مسلحو حركة الشباب على مدينة بلدوين أمس.", "Battles", "Non-state actor overtakes territory"),
    ("انسحبت القوات الروسية من مدينة خيرسون ودخلتها القوات الأوكرانية دون قتال أمس.",
     "Strategic developments", "Non-violent transfer of territory"),
    # an intercepted missile is Disrupted weapons use, not a missile attack
    ("اعترضت الدفاعات الجوية السعودية صاروخا باليستيا أطلقه الحوثيون على مدينة جازان أمس.",
     "Strategic developments", "Disrupted weapons use"),
]


@pytest.mark.parametrize(("text", "etype", "sub"), CASES, ids=[c[2] + "-" + str(i) for i, c in enumerate(CASES)])
def test_trigger_family(text: str, etype: str, sub: str) -> None:
    evs = events_of(text)
    assert [(e["event_type"], e["sub_event_type"]) for e in evs] == [(etype, sub)]
    ev = evs[0]
    assert text[ev["evidence_span"][0]:ev["evidence_span"][1]] == ev["evidence"]
    assert 0 <= ev["confidence"] <= 1


def test_air_strike_on_civilians_stays_an_air_strike_with_civilian_victims() -> None:
    (ev,) = events_of("قتل خمسة مدنيين في غارة جوية على بلدة سراقب بريف إدلب أمس.")
    assert (ev["event_type"], ev["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert ev["actor2"] is not None and ev["actor2"]["inter"] == 7
    assert ev["fatalities"] == 5


def test_clash_actors_and_place() -> None:
    (ev,) = events_of("اندلعت اشتباكات عنيفة أمس بين الجيش السوري ومسلحي تنظيم داعش في مدينة الرقة.")
    assert ev["location"]["country"] == "SY" and ev["location"]["precision"] == 1
    assert {ev["actor1"]["inter"], ev["actor2"]["inter"]} == {1, 2}
    assert ev["date"] == "2023-03-15" and ev["date_precision"] == 1


def test_protest_actor_is_protesters() -> None:
    (ev,) = events_of("تظاهر مئات المواطنين في مدينة الخرطوم أمس للمطالبة بالحكم المدني.")
    assert ev["actor1"]["inter"] == 6 and ev["actor2"] is None


def test_protest_with_intervention_has_the_force_as_actor2() -> None:
    (ev,) = events_of("فرقت الشرطة السودانية بالغاز المسيل للدموع مظاهرة في مدينة الخرطوم أمس.")
    assert ev["actor1"]["inter"] == 6
    assert ev["actor2"] is not None and ev["actor2"]["inter"] == 1 and ev["actor2"]["country"] == "SD"


def test_arrests_actor1_is_the_arresting_force() -> None:
    (ev,) = events_of("اعتقلت قوات الأمن العراقية عشرة أشخاص في مدينة البصرة أمس.")
    assert ev["actor1"]["inter"] == 1 and ev["actor1"]["country"] == "IQ"


def test_regained_territory_actor1_is_the_state() -> None:
    (ev,) = events_of("استعاد الجيش اليمني السيطرة على مدينة حرض أمس.")
    assert ev["actor1"]["inter"] == 1 and ev["actor1"]["country"] == "YE"


def test_overtaken_territory_actor1_is_the_group() -> None:
    (ev,) = events_of("سيطر مسلحو حركة الشباب على مدينة بلدوين أمس.")
    assert ev["actor1"]["inter"] == 2


def test_nonviolent_transfer_withdrawing_side_is_actor2() -> None:
    (ev,) = events_of("انسحبت القوات الروسية من مدينة خيرسون ودخلتها القوات الأوكرانية دون قتال أمس.")
    assert ev["actor2"] is not None and ev["actor2"]["country"] == "RU"
    assert ev["actor1"] is not None and ev["actor1"]["country"] == "UA"


def test_plover_beside_acled() -> None:
    (ev,) = events_of("اندلعت اشتباكات عنيفة أمس بين الجيش السوري ومسلحي تنظيم داعش في مدينة الرقة.")
    assert ev.get("plover") == "FIGHT"
