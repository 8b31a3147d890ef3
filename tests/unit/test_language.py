"""Language identification, offline: Arabic by script, everything else by py3langid."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.language import LanguageStage, identify
from marsad.model import Document
from marsad.text import kernels
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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ابتپچژگکیۀ abcé ١٢3_\u064e\U00030000\U00030001\U0001d400\U000e0100", max_size=60))
def test_compiled_letter_counts_equal_numpy(text: str) -> None:
    import numpy as np

    from marsad import language

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    n = np.bincount(language._classes()[np.minimum(codes, language._TABLE_SIZE)], minlength=4)
    assert language._count_kernel() is not None
    compiled = language._count_kernel()(codes, language._classes())
    plain = language._count_loop(codes, language._classes())
    assert compiled.tolist() == plain.tolist()
    beyond = np.array([compiled[4], 0, 0, 0])  # beyond the table: counted with "other" by numpy
    assert (compiled[:4] + beyond).tolist() == n.tolist()
    letters = sum(1 for ch in text if ch.isalnum() and not ch.isdecimal())
    arabic = sum(1 for ch in text if "\u0621" <= ch <= "\u064a")
    perso = sum(1 for ch in text if ch in "پچژگکیۀ")
    assert language.letter_counts(text) == (letters, arabic, perso)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ابتپچ abcé ١٢\n\u064e\U00030000", max_size=80), st.lists(st.integers(0, 80), max_size=8),
       st.integers(1, 30))
def test_stage_from_code_points_equals_the_joined_sample(text: str, cuts: list[int], limit: int) -> None:
    import itertools

    from marsad import language
    from marsad.text.normalize import NormText

    points = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    body = [(a, b) for a, b in itertools.pairwise(points) if b > a][::2]
    with_codes = Document("d", text=text, body=body, norm=NormText.of(text, kernels.code_points(text)))
    alone = Document("d", text=text, body=body)
    LanguageStage()(with_codes)
    LanguageStage()(alone)
    assert with_codes.language == alone.language
    # the counting loop itself over a short limit, against the joined sample
    sample = ("\n".join(text[a:b] for a, b in body[: language.SAMPLE_SPANS]) if body else text)[:limit]
    spans = np.array(body[: language.SAMPLE_SPANS] or [(0, len(text))], dtype=np.int64).reshape(-1, 2)
    codes = kernels.code_points(text)
    expected = language._count_loop(kernels.code_points(sample), language._classes())
    assert language._span_count_loop(codes, language._classes(), spans, limit).tolist() == expected.tolist()
    assert language._span_count_kernel()(codes, language._classes(), spans, limit).tolist() == expected.tolist()


def test_classes_table_equals_the_per_character_definition() -> None:
    from marsad import language

    table = language._classes()
    slow = np.fromiter((language._is_letter(chr(c)) for c in range(language._TABLE_SIZE)), dtype=np.uint8,
                       count=language._TABLE_SIZE)
    assert table.size == language._TABLE_SIZE + 1 and table[-1] == language._OTHER
    letters = table[:-1] != language._OTHER
    assert (letters == (slow == 1)).all()
    assert (table[0x0621:0x064B] == language._ARABIC).all()
    assert all(table[ord(ch)] == language._PERSO for ch in "پچژگکیۀ")


def test_cached_identifier_classifies_as_py3langid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import py3langid

    from marsad import language

    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path))
    language._identifier.cache_clear()
    try:
        built = language._identifier()  # built, then pickled to the cache directory
        assert list(tmp_path.glob("py3langid-*.pkl"))
        language._identifier.cache_clear()
        read = language._identifier()  # read back from the cache file
        assert read is not built
        for text in ("hello world, this is English", "bonjour tout le monde", "سلام دنیا، این فارسی است",
                     "привет мир", "Guten Tag, wie geht es Ihnen?"):
            assert read.classify(text) == built.classify(text) == py3langid.classify(text)
    finally:
        language._identifier.cache_clear()
