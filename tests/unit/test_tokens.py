"""Sentences and tokens, with offsets into the original text."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.model import Document
from marsad.text.normalize import normalize
from marsad.text.stage import TextStage
from marsad.text.tokens import split_sentences, tokenize

TEXT = (
    "ارتفعت الأسعار بنسبة 3.5 في المئة خلال الشهر الماضي. هل انتهت الأزمة؟ لا! "
    "قال المسؤول إن الوضع مستقر\n"
    "وفي سياق آخر، أعلنت الوزارة عن خطة جديدة... ثم انتهى الاجتماع"
)


def sentence_texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_sentence_ends() -> None:
    assert sentence_texts(TEXT) == [
        "ارتفعت الأسعار بنسبة 3.5 في المئة خلال الشهر الماضي.",
        "هل انتهت الأزمة؟",
        "لا!",
        "قال المسؤول إن الوضع مستقر",
        "وفي سياق آخر، أعلنت الوزارة عن خطة جديدة...",
        "ثم انتهى الاجتماع",
    ]


def test_sentence_offsets_point_into_the_text() -> None:
    for s in split_sentences(TEXT):
        assert TEXT[s.start:s.end] == s.text
        assert s.text == s.text.strip()


def test_no_split_inside_numbers_or_abbreviated_dates() -> None:
    for text in ["بلغت نسبة التضخم 3.5 بالمئة", "سجل 12.75 مليون دولار", "في 11.11.2022 وقع الحادث", "بلغ ٣.٥ بالمئة"]:
        assert sentence_texts(text) == [text]


def test_newlines_end_sentences_and_blank_lines_vanish() -> None:
    assert sentence_texts("العنوان\n\n\nالفقرة الأولى\r\nالفقرة الثانية\n") == ["العنوان", "الفقرة الأولى", "الفقرة الثانية"]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert sentence_texts("قال: «انتهت الحرب.» ثم غادر.") == ["قال: «انتهت الحرب.»", "ثم غادر."]


def test_punctuation_only_pieces_are_not_sentences() -> None:
    assert sentence_texts("... !!! ؟") == []
    assert sentence_texts("") == []


def test_sentences_of_a_range() -> None:
    start = TEXT.index("هل")
    end = TEXT.index("قال")
    assert [s.text for s in split_sentences(TEXT, start, end)] == ["هل انتهت الأزمة؟", "لا!"]


def test_tokens_and_offsets() -> None:
    text = "قُتِلَ ٣ مدنيين، (أ ف ب) وبالقصف US-led"
    toks = tokenize(text)
    assert [t.text for t in toks] == ["قُتِلَ", "٣", "مدنيين", "،", "(", "أ", "ف", "ب", ")", "وبالقصف", "US", "-", "led"]
    for t in toks:
        assert text[t.start:t.end] == t.text
        assert t.norm == normalize(t.text)
    assert toks[0].norm == "قتل"
    assert toks[1].norm == "3"
    assert [t.is_word for t in toks[:5]] == [True, True, True, False, False]


def test_tatweel_and_zero_width_join_stay_inside_a_word() -> None:
    toks = tokenize("قـــتـــل مدنيين\u200cاثنين")
    assert [t.text for t in toks] == ["قـــتـــل", "مدنيين\u200cاثنين"]
    assert toks[0].norm == "قتل"


def test_tokens_of_a_range() -> None:
    text = "الجملة الأولى. الجملة الثانية."
    start = text.index("الجملة الثانية")
    assert [t.text for t in tokenize(text, start)] == ["الجملة", "الثانية", "."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابتسلمنوي قتل ٣3.,؟!\n\u064e\u0640«»()", max_size=60))
def test_offsets_always_point_into_the_text(text: str) -> None:
    prev = 0
    for s in split_sentences(text):
        assert s.start >= prev and text[s.start:s.end] == s.text
        prev = s.end
        for t in tokenize(text, s.start, s.end):
            assert s.start <= t.start < t.end <= s.end
            assert text[t.start:t.end] == t.text
            assert not t.text.isspace()


def test_text_stage_works_on_the_body_only() -> None:
    body = "قصفت المدفعية البلدة. وأصيب ثلاثة أشخاص.\n"
    text = body + "اقرأ أيضا\nخبر آخر تماما."
    doc = Document("d", text=text, body=[(0, len(body))])
    TextStage()(doc)
    assert doc.norm is not None and doc.norm.original == text
    assert [s.text for s in doc.sentences] == ["قصفت المدفعية البلدة.", "وأصيب ثلاثة أشخاص."]
    tokens = doc.token_list()
    assert tokens[-1].end <= len(body)
    assert [t.text for t in tokens if t.is_word][:3] == ["قصفت", "المدفعية", "البلدة"]
    # the stage keeps each sentence's token strings; token_list() adds offsets and norms
    assert doc.words == [[t.text for t in tokenize(text, s.start, s.end)] for s in doc.sentences]
    assert [t.text for t in tokens] == [w for ws in doc.words for w in ws]
    doc2 = Document("d", text=text, body=[(0, len(body))])
    TextStage(tokens=False)(doc2)
    assert doc2.sentences and not doc2.words


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابتسلمنويأةى قتل ٣3.,؟!\n\u064e\u0651\u0640\u200c\u200fA«»()_", max_size=80),
       st.integers(0, 80), st.integers(0, 80))
def test_tokens_from_the_document_normalisation_equal_those_computed_alone(text: str, a: int, b: int) -> None:
    from marsad.text.normalize import NormText

    a, b = sorted((min(a, len(text)), min(b, len(text))))
    norm = NormText.of(text)
    assert tokenize(text, a, b, norm) == tokenize(text, a, b)
    assert norm.removed == tuple(i for i, ch in enumerate(text) if normalize(ch) == "")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ابت قتل\u064e\u0651\u0640\u200c\u200d\u00a0\u2003\x1c.,؟!_3٣A«»()\t\n", max_size=40))
def test_words_are_the_token_strings(text: str) -> None:
    from marsad.text.tokens import _TOKEN_RE, words

    assert words(text) == _TOKEN_RE.findall(text) == [t.text for t in tokenize(text)]
    if len(text) > 4:
        assert words(text, 2, len(text) - 1) == _TOKEN_RE.findall(text[2:len(text) - 1]) \
            == [t.text for t in tokenize(text, 2, len(text) - 1)]


# -- the compiled text layer (marsad.text.kernels) gives what the string code gives -----------------

_KERNEL_ALPHABET = ("ابتسلمنويأةى قتل ٣3.!?؟۔,،:_-\"'”»)]«(\u064e\u0651\u0640\u200b\u200c\u200d\u200f\u00a0\u2003"
                    "\u2028\x1a\x1c\x85\r\t\n A\U00010400\ud800")


def test_character_flags_are_those_of_the_string_methods() -> None:
    import numpy as np

    from marsad.text import kernels

    flags = kernels.char_flags()
    every = kernels.from_code_points(np.arange(kernels.UNICODE_SIZE, dtype=np.uint32))
    space = np.array([ch.isspace() for ch in every])
    alnum = np.array([ch.isalnum() for ch in every])
    assert np.array_equal(flags & kernels.SPACE != 0, space)
    assert np.array_equal(flags & kernels.ALNUM != 0, alnum)
    assert {chr(c) for c in np.flatnonzero(flags & kernels.MARK)} == set(kernels.WORD_MARKS)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_KERNEL_ALPHABET, max_size=120), st.lists(st.integers(0, 120), max_size=6))
def test_compiled_sentences_and_words_equal_the_string_code(text: str, cuts: list[int]) -> None:
    import numpy as np

    from marsad.text import kernels
    from marsad.text.tokens import body_sentences, sentence_words, words

    points = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    spans = [(a, b) for a, b in itertools.pairwise(points) if b > a][::2]  # ordered, disjoint
    expected = [s for a, b in spans for s in split_sentences(text, a, b)]
    assert body_sentences(text, spans) == expected
    assert body_sentences(text, [(0, len(text))]) == split_sentences(text)
    assert sentence_words(text, expected) == [words(text, s.start, s.end) for s in expected]
    # the plain Python loops (what numba compiles) give the same
    codes, flags = kernels.code_points(text), kernels.char_flags()
    found = kernels.sentence_spans(codes, flags, np.array(spans, dtype=np.int64).reshape(-1, 2))
    assert found.tolist() == [[s.start, s.end] for s in expected]
    if expected:
        spaced = kernels.from_code_points(kernels.spaced_words(codes, flags, found)).split("\n")[:-1]
        assert [line.split() for line in spaced] == [words(text, s.start, s.end) for s in expected]


def test_text_stage_on_corpus_like_text_equals_the_string_code() -> None:
    from marsad.text.tokens import words

    text = (TEXT + "\n\nقال \"المسؤول\": «انتهى.» (رويترز)!! ثم؟ 3.5 م.\r\nسطر_آخر\u2028وبعده\x1aنص\n") * 5
    body = [(0, len(text) // 3), (len(text) // 2, len(text))]
    doc = Document("d", text=text, body=body)
    TextStage()(doc)
    assert doc.sentences == [s for a, b in body for s in split_sentences(text, a, b)]
    assert doc.words == [words(text, s.start, s.end) for s in doc.sentences]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_KERNEL_ALPHABET, max_size=120), st.lists(st.integers(0, 40), max_size=4))
def test_piece_offsets_equal_offsets(text: str, takes: list[int]) -> None:
    """The compiled offsets of pieces of sentences (the entity stage's) are those of offsets(),
    for pieces of any sentence, cut anywhere, with or without the code points given."""
    from marsad.text import kernels
    from marsad.text.tokens import offsets, piece_offsets, sentence_words

    sents = split_sentences(text)
    pieces = []
    for s, ws, k in zip(sents, sentence_words(text, sents), itertools.cycle(takes or [40]), strict=False):
        start = offsets(text, s.start, ws[: k + 1])[-1] if 0 < k < len(ws) else s.start  # a piece from inside
        toks = ws[k:] if 0 < k < len(ws) else ws
        pieces.append((start, toks))
    expected = [offsets(text, a, toks) for a, toks in pieces]
    assert piece_offsets(text, pieces) == expected
    assert piece_offsets(text, pieces, kernels.code_points(text)) == expected


def test_piece_offsets_of_other_tokens_fall_back_to_finding_them() -> None:
    from marsad.text.tokens import offsets, piece_offsets

    text = "قال_المسؤول إن الوضع مستقر"
    pieces = [(0, ["قال_المسؤول", "إن"]), (12, ["إن", "الوضع", "مستقر", "غائب"])]  # not the compiled tokens
    assert piece_offsets(text, pieces) == [offsets(text, a, toks) for a, toks in pieces]
    assert piece_offsets(text, []) == []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_KERNEL_ALPHABET, max_size=120), st.lists(st.integers(0, 120), max_size=6))
def test_sentences_and_words_together_equal_the_two_apart(text: str, cuts: list[int]) -> None:

    from marsad.text import kernels
    from marsad.text.tokens import body_sentences, body_sentences_words, sentence_words, words

    points = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    spans = [(a, b) for a, b in itertools.pairwise(points) if b > a][::2]  # ordered, disjoint
    expected = body_sentences(text, spans)
    assert body_sentences_words(text, spans) == (expected, sentence_words(text, expected))
    assert body_sentences_words(text, spans, kernels.code_points(text))[1] == [words(text, s.start, s.end) for s in expected]
