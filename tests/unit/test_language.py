"""Language identification, offline: Arabic by script, everything else by py3langid."""

from __future__ import annotations

import pytest

from marsad.language import LanguageStage, identify
from marsad.model import Document
from marsad_testdata import AR_FLOOD, AR_PROTEST, AR_SHELLING, EN_TEXT, FR_TEXT


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (AR_SHELLING, "ar"),
        (AR_PROTEST, "ar"),
        (AR_FLOOD, "ar"),
        ("قُتِلَ ثَلاثَةُ مَدَنِيِّينَ فِي قَصْفٍ", "ar"),  # fully vocalised
        ("قال المتحدث باسم الجيش في بيان على Telegram إن القوات تقدمت نحو المدينة", "ar"),  # a Latin word inside
        (EN_TEXT, "en"),
        (FR_TEXT, "fr"),
    ],
)
def test_identify(text: str, lang: str) -> None:
    assert identify(text) == lang


def test_persian_is_not_arabic() -> None:
    fa = "گزارش‌ها حاکی است که چندین نفر در این حمله کشته شدند و پلیس تحقیقات را آغاز کرده است."
    assert identify(fa) not in (None, "ar")


@pytest.mark.parametrize("text", ["", "   ", "12345 678", "... !!! ???", "٢٠١٥"])
def test_nothing_to_judge_by(text: str) -> None:
    assert identify(text) is None


def test_stage_judges_the_body_not_the_boilerplate() -> None:
    tail = "\nMore Stories\n" + EN_TEXT + "\n" + EN_TEXT
    text = AR_FLOOD + tail
    doc = Document("d", text=text, body=[(0, len(AR_FLOOD))])
    LanguageStage()(doc)
    assert doc.language == "ar"


def test_stage_without_body_uses_the_text() -> None:
    doc = Document("d", text=FR_TEXT)
    LanguageStage()(doc)
    assert doc.language == "fr"
