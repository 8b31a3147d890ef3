"""Clitic-aware dictionary matching: و ف (conjunctions), ب ل ك (prepositions), ال (article)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.lexicon import Lexicon, strip_article, strip_proclitics
from marsad.text.normalize import NormText, normalize


@pytest.fixture(scope="module")
def lex() -> Lexicon[str]:
    lx: Lexicon[str] = Lexicon()
    lx.add_all([
        ("قصف", "SHELLING"),
        ("نهر", "RIVER"),
        ("قتلى", "DEAD"),
        ("عدن", "ADEN"),
        ("الرقة", "RAQQA"),  # written with the article: the article is required
        ("الأمم المتحدة", "UN"),
        ("مجلس الأمن الدولي", "UNSC"),
        ("مجلس", "COUNCIL"),
        ("اشتباك*", "CLASH"),  # open end: any ending
        ("ب", "TOO_SHORT"),
    ])
    return lx.compile()


def hits(lx: Lexicon[str], text: str) -> list[tuple[str, str]]:
    norm = normalize(text)
    return [(norm[m.start:m.end], m.payload) for m in lx.find(norm)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وبالقصف", [("قصف", "SHELLING")]),
        ("فالقصف", [("قصف", "SHELLING")]),
        ("بقصف", [("قصف", "SHELLING")]),
        ("كالقصف", [("قصف", "SHELLING")]),
        ("للقصف", [("قصف", "SHELLING")]),  # ل + ال contracted
        ("وللقصف", [("قصف", "SHELLING")]),
        ("القصف", [("قصف", "SHELLING")]),
        ("لنهر", [("نهر", "RIVER")]),
        ("والقتلى", [("قتلي", "DEAD")]),
        ("قتلى", [("قتلي", "DEAD")]),
        ("في عدن.", [("عدن", "ADEN")]),
        ("وعدن", [("عدن", "ADEN")]),
        ("الرقة", [("رقه", "RAQQA")]),
        ("بالرقة", [("رقه", "RAQQA")]),
        ("اشتباكات عنيفة", [("اشتباك", "CLASH")]),
        ("واشتباك", [("اشتباك", "CLASH")]),
    ],
)
def test_clitics_are_separable(lex: Lexicon[str], text: str, expected: list[tuple[str, str]]) -> None:
    assert hits(lex, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "معدن",  # عدن inside a longer word
        "عدنان",  # ... and at its start
        "قصفت",  # a closed key does not match a longer word
        "سقصف",  # س is not a proclitic the matcher strips
        "رقة",  # a key written with the article needs it
        "ورقة",
        "تنهر",
        "مستقصف",
    ],
)
def test_no_match_inside_a_longer_word(lex: Lexicon[str], text: str) -> None:
    assert hits(lex, text) == []


def test_multi_word_keys_and_longest_match(lex: Lexicon[str]) -> None:
    assert hits(lex, "وللأمم المتحدة دور") == [("امم المتحده", "UN")]
    assert hits(lex, "اجتمع مجلس الأمن الدولي أمس") == [("مجلس الامن الدولي", "UNSC")]
    assert hits(lex, "اجتمع المجلس البلدي") == [("مجلس", "COUNCIL")]
    # two words apart do not make a multi-word key
    assert hits(lex, "الأمم في المتحدة") == []


def test_normalised_variants_match(lex: Lexicon[str]) -> None:
    assert hits(lex, "والقَتْلَى") == [("قتلي", "DEAD")]
    assert hits(lex, "بالقـــصف") == [("قصف", "SHELLING")]
    assert hits(lex, "للأمم المتحدة") == [("امم المتحده", "UN")]


def test_match_offsets_map_back_to_the_original(lex: Lexicon[str]) -> None:
    text = "وأكدت مصادر أن القتلى سقطوا جرّاء القَصْف المدفعي على عدن"
    nt = NormText.of(text)
    found = {m.payload: nt.span_to_original(m.start, m.end) for m in lex.find(nt.norm)}
    assert set(found) == {"DEAD", "SHELLING", "ADEN"}
    a, b = found["SHELLING"]
    assert text[a:b] == "قَصْف"
    a, b = found["DEAD"]
    assert text[a:b] == "قتلى"
    a, b = found["ADEN"]
    assert text[a:b] == "عدن"


def test_word_start_includes_the_clitics(lex: Lexicon[str]) -> None:
    norm = normalize("ثم وبالقصف")
    (m,) = lex.find(norm)
    assert norm[m.word_start:m.end] == "وبالقصف"
    assert norm[m.start:m.end] == "قصف"


def test_several_payloads_for_one_key() -> None:
    lx: Lexicon[str] = Lexicon()
    lx.add_all([("عدن", "CITY"), ("عدن", "GOVERNORATE"), ("عدن", "CITY")])
    lx.compile()
    assert len(lx) == 1
    assert sorted(m.payload for m in lx.find(normalize("في عدن"))) == ["CITY", "GOVERNORATE"]
    assert lx.lookup("عدن") == ("CITY", "GOVERNORATE")


def test_lookup_contains_and_limits(lex: Lexicon[str]) -> None:
    assert "القصف" in lex
    assert "قصف" in lex
    assert "ب" not in lex  # shorter than min_key_chars
    assert lex.lookup("الأمم المتحدة") == ("UN",)
    assert lex.lookup("") == ()
    with pytest.raises(RuntimeError):
        lex.add("جديد", "NEW")


def test_empty_lexicon_matches_nothing() -> None:
    assert Lexicon().compile().find("أي نص") == []


def test_strip_helpers() -> None:
    assert strip_proclitics(normalize("وبالقصف")) == ["وبالقصف", "بالقصف", "القصف", "قصف"]
    assert "نهر" in strip_proclitics(normalize("لنهر"))
    assert "قتلي" in strip_proclitics(normalize("والقتلى"))
    assert strip_article("الخرطوم") == ("خرطوم", True)
    assert strip_article("الم") == ("الم", False)  # too short to carry an article


# -- one pass for the sentences of a document ---------------------------------------------------

_WORDS = ["قصف", "والقصف", "نهر", "عدن", "بعدن", "الرقة", "رقة", "الأمم", "المتحدة", "مجلس", "الأمن",
          "الدولي", "اشتباكات", "قتلى", "في", "."]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.lists(st.integers(0, 60), max_size=6))
def test_find_spans_equals_find_per_span(words: list[str], cuts: list[int]) -> None:
    lx = Lexicon[str]()
    lx.add_all([("قصف", "S"), ("عدن", "A"), ("الرقة", "R"), ("الأمم المتحدة", "UN"), ("مجلس الأمن الدولي", "UNSC"),
                ("مجلس", "C"), ("اشتباك*", "X"), ("نهر", "W")])
    lx.compile()
    norm = normalize(" ".join(words))
    # sentences: consecutive, not overlapping, some of them empty, some cutting a name in two
    points = sorted({min(c * 4, len(norm)) for c in cuts} | {0, len(norm)})
    spans = list(itertools.pairwise(points))
    assert lx.find_spans(norm, spans) == [lx.find(norm, a, b) for a, b in spans]


def test_a_lexicon_cached_on_disk_matches_as_one_built_now(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.text import lexicon, lexicon_scan

    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path))
    monkeypatch.setattr(lexicon, "CACHED_KEYS", 3)
    monkeypatch.setattr(lexicon, "SCAN_CACHE_FILES", 2)
    items = [("قصف", "SHELLING"), ("الأمم المتحدة", "UN"), ("مجلس الأمن الدولي", "UNSC"), ("اشتباك*", "CLASH")]
    text = normalize("وبالقصف قرب مقر الأمم المتحدة، ومجلس الأمن الدولي يدين الاشتباكات")

    def made(entries: list[tuple[str, str]]) -> Lexicon[str]:
        lx: Lexicon[str] = Lexicon()
        lx.add_all(entries)
        return lx.compile()

    first, again = made(items), made(items)  # built and written; then read
    files = list((tmp_path / "scan").iterdir())
    assert len(files) == 1
    small = made(items[:2])  # under CACHED_KEYS: built, not cached
    assert len(list((tmp_path / "scan").iterdir())) == 1
    monkeypatch.setattr(lexicon, "CACHED_KEYS", 1000)
    plain = made(items)
    assert plain.find(text) == first.find(text) == again.find(text) and len(plain.find(text)) == 4
    assert small.find(text) == [m for m in plain.find(text) if m.payload in ("SHELLING", "UN")]
    if lexicon_scan.COMPILED:
        assert again._tables is not None and plain._tables is not None
        assert (again._tables.trie == plain._tables.trie).all()
    # beyond SCAN_CACHE_FILES files, those used longest ago go
    monkeypatch.setattr(lexicon, "CACHED_KEYS", 1)
    made(items[:1])
    made(items[1:3])
    left = list((tmp_path / "scan").iterdir())
    assert len(left) == 2 and files[0] not in left


def test_scans_read_the_code_points_a_normalised_text_remembers() -> None:
    from marsad.text import lexicon_scan
    from marsad.text.normalize import NormText

    text = "قُتل ثلاثة أشخاص في انفجار سيارة مفخخة في بغداد، وأصيب عشرة آخرون. " * 8
    norm = NormText.of(text)
    assert norm.norm_codes is not None  # a long text: folded by the compiled loop
    assert norm.norm_codes.tobytes() == norm.norm.encode("utf-32-le")
    lexicon_scan.remember(norm.norm, norm.norm_codes)
    assert lexicon_scan._SCRATCH.codepoints(norm.norm) is norm.norm_codes
    other = "بغداد" * 3
    lexicon_scan.remember(other, np.zeros(2, dtype=np.uint32))  # not its code points: ignored
    assert lexicon_scan._SCRATCH.codepoints(other).tobytes() == other.encode("utf-32-le")
