"""Hand-written SCHEMA records (what the extraction stages produce), for store, API and UI tests."""

from __future__ import annotations

import copy
from typing import Any

from marsad.ids import content_hash

XSS_SCRIPT = "<script>window.__xss = 1; alert('xss')</script>"
XSS_IMG = '<img src=x onerror="window.__xss = 2; alert(2)">'


def loc(text: str, name: str, country: str, admin1: str, lat: float, lon: float, geonameid: int = 0,
        precision: int = 1) -> dict[str, Any]:
    return {"text": text, "name": name, "country": country, "admin1": admin1, "lat": lat, "lon": lon,
            "geonameid": geonameid, "precision": precision}


def actor(text: str, name: str, inter: int, country: str = "") -> dict[str, Any]:
    return {"text": text, "name": name, "inter": inter, "country": country}


def claim(source_text: str, source_name: str, kind: str, channel: str = "", stance: str = "asserts") -> dict[str, Any]:
    return {"source_text": source_text, "source_name": source_name, "source_kind": kind, "channel": channel,
            "stance": stance}


def event(text: str, evidence: str, *, eid: str, event_type: str, sub_event_type: str, date: str | None,
          location: dict[str, Any], actor1: dict[str, Any] | None, actor2: dict[str, Any] | None = None,
          fatalities: int = 0, claims: list[dict[str, Any]] | None = None, disputed: bool = False,
          date_precision: int = 1, confidence: float = 0.8, plover: str = "") -> dict[str, Any]:
    start = text.index(evidence)
    return {"id": eid, "event_type": event_type, "sub_event_type": sub_event_type, "plover": plover, "date": date,
            "date_precision": date_precision, "location": location, "actor1": actor1, "actor2": actor2,
            "fatalities": fatalities, "claims": claims or [], "disputed": disputed, "evidence": evidence,
            "evidence_span": [start, start + len(evidence)], "confidence": confidence}


def record(doc_id: str, text: str, events: list[dict[str, Any]], *, published: str | None = "2015-08-08",
           title: str | None = None, url: str | None = None, source: str | None = "testpaper",
           entities: list[dict[str, Any]] | None = None, error: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "doc_id": doc_id, "language": "ar", "published": published, "title": title, "url": url, "source": source,
        "text": text, "events": events, "event_types": sorted({e["event_type"] for e in events}),
        "entities": entities or [],
        "flags": {"boilerplate_chars": 0, "syndicated_of": None, "content_hash": content_hash(text)},
        "error": error,
    }


IDLIB_TEXT = ("قال المرصد السوري لحقوق الإنسان إن طائرات حربية روسية شنت غارات جوية على مدينة إدلب أمس، "
              "ما أسفر عن مقتل 12 مدنيا. ونفت وزارة الدفاع الروسية في بيان على تلغرام استهداف أي مدنيين.\n"
              "وفي حلب، اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام في حي صلاح الدين.")
TAIZ_TEXT = ("أفادت مصادر محلية بأن ميليشيا الحوثي قصفت أحياء سكنية في مدينة تعز بقذائف الهاون يوم الجمعة، "
             "وأصيب خمسة مدنيين. وفي صنعاء، تظاهر مئات المواطنين أمام مبنى الحكومة احتجاجا على انقطاع الكهرباء.")
# No hamza on the alef here: a search for "إدلب" must still find it (and "ادلب" the other way round).
IDLIB_PLAIN_TEXT = "أعلنت فصائل المعارضة السيطرة على بلدة جسر الشغور في ريف ادلب بعد معارك مع قوات النظام."
NO_EVENT_TEXT = "افتتح وزير التعليم اليوم معرضا للكتاب في الرياض بمشاركة أكثر من خمسمائة دار نشر."
XSS_TEXT = (f"خبر عاجل {XSS_SCRIPT} ثم 😀 انفجرت عبوة ناسفة {XSS_IMG} في مدينة الموصل صباح اليوم "
            "وقتل ثلاثة أشخاص.")
XSS_EVIDENCE = f"انفجرت عبوة ناسفة {XSS_IMG} في مدينة الموصل"


def sample_records() -> list[dict[str, Any]]:
    """Five articles: 6 events, 5 claims (one event disputed), one article without events,
    one failed document, one article full of HTML/script (escaping tests)."""
    syria = record("t-idlib", IDLIB_TEXT, [
        event(IDLIB_TEXT, "شنت غارات جوية على مدينة إدلب أمس", eid="ev-idlib-air", event_type="Explosions/Remote violence",
              sub_event_type="Air/drone strike", date="2015-08-07",
              location=loc("إدلب", "Idlib", "SY", "Idlib", 35.93, 36.63, 169389, 1),
              actor1=actor("طائرات حربية روسية", "Military Forces of Russia", 1, "RU"),
              actor2=actor("مدنيا", "Civilians (Syria)", 7, "SY"), fatalities=12, disputed=True,
              claims=[claim("المرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights", "monitor_ngo"),
                      claim("وزارة الدفاع الروسية", "Ministry of Defence of Russia", "government", "Telegram", "denies")]),
        event(IDLIB_TEXT, "اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام في حي صلاح الدين", eid="ev-aleppo-clash",
              event_type="Battles", sub_event_type="Armed clash", date="2015-08-08", date_precision=2,
              location=loc("حي صلاح الدين", "Salah ad-Din, Aleppo", "SY", "Aleppo", 36.19, 37.13, 0, 1),
              actor1=actor("فصائل المعارضة", "Syrian opposition factions", 2, "SY"),
              actor2=actor("قوات النظام", "Military Forces of Syria", 1, "SY")),
    ], title="غارات على إدلب", url="https://example.org/idlib", entities=[
        {"start": IDLIB_TEXT.index("إدلب"), "end": IDLIB_TEXT.index("إدلب") + 4, "label": "LOC", "text": "إدلب"}])
    yemen = record("t-taiz", TAIZ_TEXT, [
        event(TAIZ_TEXT, "قصفت أحياء سكنية في مدينة تعز بقذائف الهاون", eid="ev-taiz-shell",
              event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack", date="2015-07-24",
              location=loc("تعز", "Taiz", "YE", "Taiz", 13.58, 44.02, 70225),
              actor1=actor("ميليشيا الحوثي", "Ansar Allah (Houthis)", 2, "YE"), actor2=actor("مدنيين", "Civilians (Yemen)", 7, "YE"),
              claims=[claim("مصادر محلية", "Local sources", "witness_local")]),
        event(TAIZ_TEXT, "تظاهر مئات المواطنين أمام مبنى الحكومة", eid="ev-sanaa-protest", event_type="Protests",
              sub_event_type="Peaceful protest", date="2015-07-25",
              location=loc("صنعاء", "Sanaa", "YE", "Amanat al Asimah", 15.35, 44.21, 71137),
              actor1=actor("المواطنين", "Protesters (Yemen)", 6, "YE")),
    ], published="2015-07-25", title="قصف على تعز", source="otherpaper")
    plain = record("t-idlib-plain", IDLIB_PLAIN_TEXT, [
        event(IDLIB_PLAIN_TEXT, "السيطرة على بلدة جسر الشغور", eid="ev-jisr", event_type="Battles",
              sub_event_type="Non-state actor overtakes territory", date="2015-07-28",
              location=loc("جسر الشغور", "Jisr ash-Shughur", "SY", "Idlib", 35.81, 36.32, 169304),
              actor1=actor("فصائل المعارضة", "Syrian opposition factions", 2, "SY"),
              actor2=actor("قوات النظام", "Military Forces of Syria", 1, "SY"),
              claims=[claim("فصائل المعارضة", "Syrian opposition factions", "armed_group", "statement")]),
    ], published="2015-07-29", title=None)
    quiet = record("t-quiet", NO_EVENT_TEXT, [], published="2015-08-01", title="معرض الكتاب")
    failed = record("t-failed", "", [], published=None, title=None, error={"kind": "empty", "message": "no text"})
    xss = record("t-xss", XSS_TEXT, [
        event(XSS_TEXT, XSS_EVIDENCE, eid="ev-xss", event_type="Explosions/Remote violence",
              sub_event_type="Remote explosive/landmine/IED", date="2015-08-08",
              location=loc(f"الموصل{XSS_IMG}", f"Mosul {XSS_SCRIPT}", "IQ", "Nineveh", 36.34, 43.13, 99072),
              actor1=actor(XSS_IMG, f"Unidentified {XSS_SCRIPT}", 3, "IQ"), fatalities=3,
              claims=[claim(XSS_SCRIPT, f"Source {XSS_IMG}", "unnamed", f"<b>{XSS_IMG}</b>")]),
    ], title=f"عنوان {XSS_SCRIPT}{XSS_IMG}", url="javascript:window.__xss=3", source=f"paper{XSS_IMG}")
    return copy.deepcopy([syria, yemen, plain, quiet, failed, xss])


EXPECTED = {"articles": 6, "events": 6, "claims": 5, "entities": 1}
