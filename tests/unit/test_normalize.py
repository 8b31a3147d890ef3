"""Arabic normalisation with a map back to the original offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalize import NormText, normalize


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("أحمد", "احمد"),
        ("إسرائيل", "اسرائيل"),
        ("آلاف", "الاف"),
        ("ٱلله", "الله"),
        ("مدينة", "مدينه"),
        ("مستشفى", "مستشفي"),
        ("على", "علي"),
        ("قُتِلَ", "قتل"),
        ("مُدَرَّسَةٌ", "مدرسه"),
        ("شكراً", "شكرا"),
        ("هٰذا", "هذا"),
        ("قـــتـــل", "قتل"),
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("عام ٢٠١٥", "عام 2015"),
        ("US-Led FORCES", "us-led forces"),
        ("نص\u00a0مع\u202fمسافات", "نص مع مسافات"),
        ("كلمة\u200cمع\u200fعلامات\ufeff", "كلمةمععلامات".replace("ة", "ه")),
    ],
)
def test_folds(raw: str, norm: str) -> None:
    assert normalize(raw) == norm
    assert NormText.of(raw).norm == norm


def test_untouched_characters() -> None:
    # hamza on waw / ya and lone hamza are letters of their own; ه stays ه
    assert normalize("مسؤول يئس جزء") == "مسؤول يئس جزء"
    assert normalize("Ünïcode café") == "Ünïcode café"


def test_no_removal_means_identity_map() -> None:
    nt = NormText.of("أحمد في مدينة عدن")
    assert nt.original == "أحمد في مدينة عدن"
    assert len(nt.norm) == len(nt.original)
    assert [nt.to_original(i) for i in range(len(nt.norm) + 1)] == list(range(len(nt.norm) + 1))
    assert nt.span_to_original(3, 7) == (3, 7)


def test_offsets_of_a_vocalised_word() -> None:
    text = "في قُتِلَ ثلاثة"
    nt = NormText.of(text)
    assert nt.norm == "في قتل ثلاثه"
    s = nt.norm.index("قتل")
    a, b = nt.span_to_original(s, s + 3)
    assert text[a:b].startswith("قُتِل")
    assert normalize(text[a:b]) == "قتل"
    t = nt.norm.index("ثلاثه")
    assert nt.span_to_original(t, t + 5) == (text.index("ثلاثة"), len(text))
    assert nt.to_norm(text.index("ثلاثة")) == t
    assert nt.to_original(len(nt.norm)) == len(text)


def test_to_norm_of_a_removed_character_maps_forward() -> None:
    text = "قُتل"
    nt = NormText.of(text)
    assert nt.to_norm(1) == 1  # the damma sits before normalised "ت"
    assert nt.to_norm(2) == 1
    assert nt.to_norm(len(text)) == len(nt.norm)


# Text drawn from the characters normalisation cares about: letters it folds, characters it
# removes (diacritics, tatweel, zero-width and bidi marks), digits, spaces, Latin and others.
_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءؤئ" "أإآٱىة" "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "\u200b\u200c\u200d\u200e\u200f\ufeff\u202a\u202b\u202c\u202d\u202e" "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789"
    " \n\u00a0\u2009.,،؟!" "abcXYZé"
)
texts = st.text(alphabet=_ALPHABET, max_size=80)


@settings(max_examples=300, deadline=None)
@given(text=texts, data=st.data())
def test_random_spans_map_back_exactly(text: str, data: st.DataObject) -> None:
    nt = NormText.of(text)
    assert nt.original == text
    assert nt.norm == normalize(text)
    n = len(nt.norm)
    i = data.draw(st.integers(0, n), label="start")
    j = data.draw(st.integers(i, n), label="end")
    a, b = nt.span_to_original(i, j)
    assert 0 <= a <= b <= len(text)
    # the original substring normalises to exactly the normalised span
    assert normalize(text[a:b]) == nt.norm[i:j]
    if i < j:
        # and it starts and ends on characters that survive normalisation
        assert normalize(text[a]) == nt.norm[i]
        assert normalize(text[b - 1]) == nt.norm[j - 1]


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_every_offset_round_trips(text: str) -> None:
    nt = NormText.of(text)
    offsets = [nt.to_original(i) for i in range(len(nt.norm) + 1)]
    assert offsets == sorted(set(offsets))  # strictly increasing
    for i, o in enumerate(offsets[:-1]):
        assert normalize(text[o]) == nt.norm[i]
        assert nt.to_norm(o) == i
    assert offsets[-1] <= len(text)
    # every original offset maps to a normalised one that maps back at or after it
    for o in range(len(text) + 1):
        k = nt.to_norm(o)
        assert 0 <= k <= len(nt.norm)
        if k < len(nt.norm):
            assert nt.to_original(k) >= o



@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=_ALPHABET + "\U00010400\ud800\x00", max_size=400))
def test_compiled_fold_equals_the_string_code(text: str) -> None:
    from marsad.text import kernels
    from marsad.text.normalize import _REMOVABLE, _TABLE

    removed = tuple(m.start() for m in _REMOVABLE.finditer(text))
    expected = NormText(text, text.translate(_TABLE), tuple(p - k for k, p in enumerate(removed)), removed)
    assert expected.norm == normalize(text)
    assert NormText.of(text, kernels.code_points(text)) == expected  # the compiled loop
    assert NormText.of(text) == expected  # the compiled loop from 300 characters on, the string code below
    folded, gone = kernels.fold(kernels.code_points(text), kernels.fold_table())  # the same loop, not compiled
    assert kernels.from_code_points(folded) == expected.norm and tuple(gone.tolist()) == removed


def test_fold_table() -> None:
    from marsad.text import kernels

    table = kernels.fold_table()
    assert [int(table[ord(c)]) for c in "أةA٣b"] == [ord(c) for c in "اهa3b"]
    assert table[0x064E] == kernels.REMOVED and table[0x0640] == kernels.REMOVED
