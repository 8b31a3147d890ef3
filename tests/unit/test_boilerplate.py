"""Trailing boilerplate: related-story blocks, sign-offs with author bios, share/subscribe lines.

The text itself is never changed: the body is recorded as spans and what lies outside is counted
(non-space characters) in ``flags.boilerplate_chars``.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.clean import Boilerplate
from marsad.clean.boilerplate import body_spans, boilerplate_chars
from marsad.model import Document, DocumentError, RawDocument
from marsad.pipeline import Pipeline, PipelineConfig

BODY = (
    "شنت طائرات مسيرة غارات على مواقع عسكرية قرب مدينة مأرب صباح الأحد، وفق مصادر محلية.\n"
    "وذكرت وكالة (أ ف ب) نقلا عن مسؤول عسكري أن الغارات أسفرت عن تدمير مخزن للذخيرة، فيما لم ترد أنباء عن ضحايا.\n"
    "وقال سكان إن أصوات الانفجارات سمعت في أرجاء المدينة، وإن سيارات الإسعاف هرعت إلى المكان.\n"
    "وتشهد المنطقة منذ أسابيع مواجهات متقطعة بين الطرفين، وسط دعوات دولية إلى التهدئة.\n"
)
HEADLINES = "ارتفاع أسعار الذهب في الأسواق المحلية\nافتتاح معرض للكتاب في مدينة جدة\nفوز الفريق المحلي في مباراة الأمس\n"
BIO = "كاتب وصحفي مهتم بشؤون الشرق الأوسط. عاشق للسفر والقراءة. يكتب منذ عشر سنوات عن السياسة والاقتصاد.\n"


def nonspace(s: str) -> int:
    return len("".join(s.split()))


def body_of(text: str) -> str:
    return "".join(text[a:b] for a, b in body_spans(text))


@pytest.mark.parametrize(
    "tail",
    [
        "اقرأ أيضا\n" + HEADLINES,
        "اقرأ أيضاً:\n" + HEADLINES,
        "إقرأ أيضا\n" + HEADLINES,
        "More Stories\n" + HEADLINES,
        "MORE STORIES\n" + HEADLINES,
        "المزيد من الأخبار\n" + HEADLINES,
        "أخبار ذات صلة\n" + HEADLINES,
        "Related articles\n" + HEADLINES,
        "مع الأسلاك\n" + BIO,  # a wire sign-off, then the author's bio
        "مع الأسلاك\n" + BIO + "More Stories\n" + HEADLINES,  # the shape of a real page
        "(أ ف ب)\n",
        "أ ف ب\n",
        "(رويترز)\n",
        "المصدر: وكالات\n",
        "شارك على فيسبوك\n",
        "تابعونا على تويتر\n",
        "اشترك في النشرة البريدية\n",
        "Facebook | Twitter | WhatsApp\n",
        "طباعة | إرسال | حفظ\n",
    ],
)
def test_trailing_blocks_are_removed_and_counted(tail: str) -> None:
    text = BODY + tail
    spans = body_spans(text)
    assert body_of(text) == BODY  # the whole body, nothing more
    assert boilerplate_chars(text, spans) == nonspace(tail)


def test_body_that_mentions_a_wire_agency_is_kept_whole() -> None:
    text = BODY + "اقرأ أيضا\n" + HEADLINES
    assert "(أ ف ب)" in body_of(text)
    assert body_of(BODY) == BODY
    assert boilerplate_chars(BODY, body_spans(BODY)) == 0


def test_share_lines_are_dropped_wherever_they_stand() -> None:
    lines = BODY.splitlines(keepends=True)
    share = "شارك هذا الخبر\n"
    follow = "تابعونا عبر تطبيق تيليغرام\n"
    text = lines[0] + share + lines[1] + lines[2] + follow + lines[3]
    spans = body_spans(text)
    assert body_of(text) == BODY
    assert len(spans) == 3
    assert boilerplate_chars(text, spans) == nonspace(share + follow)
    for a, b in spans:  # spans point into the text
        assert text[a:b] in BODY


def test_lone_agency_line_at_the_top_is_a_dateline_not_a_signoff() -> None:
    text = "(أ ف ب)\n" + BODY
    assert body_of(text) == text
    # ... but a "read also" line ends the article wherever it stands
    text = BODY.splitlines(keepends=True)[0] + "اقرأ أيضا\n" + "".join(BODY.splitlines(keepends=True)[1:])
    assert body_of(text) == BODY.splitlines(keepends=True)[0]


def test_headline_that_merely_contains_a_marker_is_kept() -> None:
    line = "وزير الإعلام يطالب المواطنين بأن يقرأوا أيضا الصحف المحلية\n"
    assert body_of(BODY + line) == BODY + line


def test_no_trailing_newline_and_crlf() -> None:
    text = BODY.rstrip("\n") + "\nاقرأ أيضا\n" + HEADLINES.rstrip("\n")
    assert body_of(text) == BODY
    crlf = (BODY + "اقرأ أيضا\n" + HEADLINES).replace("\n", "\r\n")
    assert body_of(crlf) == BODY.replace("\n", "\r\n")


def test_stage_sets_body_and_flag_and_keeps_text() -> None:
    text = BODY + "مع الأسلاك\n" + BIO + "More Stories\n" + HEADLINES
    doc = Document("d", text=text)
    Boilerplate()(doc)
    assert doc.text == text
    assert doc.flags["boilerplate_chars"] == nonspace(text[len(BODY):])
    assert doc.body == [(0, len(BODY))]


def test_all_boilerplate_is_an_empty_document() -> None:
    with pytest.raises(DocumentError) as err:
        Boilerplate()(Document("d", text="اقرأ أيضا\n" + HEADLINES))
    assert err.value.kind == "empty"


def test_pipeline_record_counts_boilerplate() -> None:
    text = BODY + "المزيد من الأخبار\n" + HEADLINES
    doc = Pipeline.default(PipelineConfig(until="text")).process(RawDocument("d", text=text))
    assert doc.error is None
    rec = doc.to_record().to_dict()
    assert rec["text"] == text
    assert rec["flags"]["boilerplate_chars"] == nonspace("المزيد من الأخبار\n" + HEADLINES)
    assert doc.sentences and all(s.end <= len(BODY) for s in doc.sentences)


@pytest.mark.shared
def test_kherson_seed_page(shared_dir) -> None:
    """The seed page: author bio and the three "More Stories" headlines gone, the body whole."""
    path = shared_dir / "data" / "seed" / "kherson.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found")
    obj = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    text = obj["text"]
    doc = Pipeline.default(PipelineConfig(until="text")).process(RawDocument("k", text=text))
    assert doc.error is None
    body = "".join(text[a:b] for a, b in doc.body)
    lines = text.splitlines()
    stories = lines.index("More Stories")
    signoff = lines.index("مع الأسلاك")
    assert stories > signoff
    for line in lines[:signoff]:
        assert line in body  # every body paragraph, whole
    for line in lines[signoff:]:
        assert line not in body  # sign-off, bio, "More Stories" and its three headlines
    assert len(lines) - stories - 1 == 3
    assert doc.flags["boilerplate_chars"] == nonspace("\n".join(lines[signoff:]))


def _reference_body_spans(text: str) -> list[tuple[int, int]]:
    """body_spans as plainly written: each line normalised alone, tried against each kind."""
    from marsad.clean.boilerplate import SIGNOFF_MIN_POSITION, patterns
    from marsad.text.normalize import normalize

    pats = patterns()
    body: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        a, b = pos, pos + len(line)
        pos = b
        key = normalize(line.strip(" \t\r\n-–—|•*:")).strip()
        if key and pats.tail.match(key):
            break
        if key and a >= len(text) * SIGNOFF_MIN_POSITION and pats.signoff.match(key):
            break
        if key and pats.line.match(key):
            continue
        if body and body[-1][1] == a:
            body[-1] = (body[-1][0], b)
        else:
            body.append((a, b))
    return body


_LINES = ["اقرأ أيضاً", "إقرأ أيضا: خبر", "More Stories", "(أ ف ب)", "رويترز", "المصدر: وكالات", "شارك على فيسبوك",
          "Facebook | Twitter", "طباعة | إرسال", "مع الأسلاك", "- \u064eواس -", "\u064e- واس", "وكالات الأنباء: قال",
          "قصفت المدفعية البلدة.", "  ", "", "ـــ", "\u00a0واس\u00a0", "SHARE this story", "تابعونا على تويتر الآن"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_LINES), st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x1c"])),
                max_size=12),
       st.integers(0, 3))
def test_body_spans_equal_the_line_by_line_code(lines: list[tuple[str, str]], pad: int) -> None:
    from marsad.text.normalize import NormText

    text = BODY[: 60 * pad] + "".join(line + end for line, end in lines)
    assert body_spans(text) == body_spans(text, NormText.of(text)) == _reference_body_spans(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="اأب ة\u064e\u0640-–|•*:\t\r\n\x0b\x0c\x1c\x85\u2028\u2029\u00a0A", max_size=40))
def test_line_keys_are_the_normalised_stripped_lines(text: str) -> None:
    import numpy as np

    from marsad.clean import boilerplate
    from marsad.text import kernels
    from marsad.text.normalize import NormText, normalize

    expected, pos = [], 0
    for line in text.splitlines(keepends=True):
        expected.append((pos, pos + len(line), normalize(line.strip(boilerplate._STRIP)).strip()))
        pos += len(line)
    norm = NormText.of(text)
    assert boilerplate.line_keys(text, norm) == expected  # compiled
    rows = boilerplate._line_loop(kernels.code_points(text), kernels.fold_table(), kernels.char_flags(),
                                  boilerplate._strip_table())  # the same loop, not compiled
    assert [(a, b, norm.norm[na:nb].strip()) for a, b, na, nb in rows.tolist()] == expected
    assert isinstance(rows, np.ndarray)


def test_line_break_flags_are_those_of_splitlines() -> None:
    import numpy as np

    from marsad.text import kernels

    flags = kernels.char_flags()
    breaks = {c for c in range(kernels.UNICODE_SIZE) if len(("a" + chr(c) + "b").splitlines()) == 2}
    assert set(np.flatnonzero(flags & kernels.LINE_BREAK).tolist()) == breaks
