"""HTML pages to main text (trafilatura): navigation, footers and related-story blocks dropped."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.clean import Html
from marsad.clean.html import extract_main_text
from marsad.model import Document, DocumentError, RawDocument
from marsad.pipeline import Pipeline, PipelineConfig
from marsad_testdata import HTML_FOOTER, HTML_NAV, HTML_PARAGRAPHS, HTML_RELATED, html_page


@pytest.fixture(scope="module")
def upto_text() -> Pipeline:
    return Pipeline.default(PipelineConfig(until="text"))


def _body(doc: Document) -> str:
    return "".join(doc.text[a:b] for a, b in doc.body)


def test_page_main_text_keeps_every_paragraph_whole() -> None:
    ext = extract_main_text(html_page("utf-8"))
    for para in HTML_PARAGRAPHS:
        assert para in ext.text
    for junk in [*HTML_NAV, *HTML_RELATED, HTML_FOOTER, "اقرأ أيضا", "سياسة الخصوصية"]:
        assert junk not in ext.text
    assert ext.title == "قصف صاروخي على سوق في الحديدة"


def test_windows_1256_page_with_meta_charset_through_the_pipeline(fx, upto_text: Pipeline) -> None:
    raw = RawDocument("page", data=fx.html.read_bytes(), is_html=True)
    doc = upto_text.process(raw)
    assert doc.error is None
    assert doc.flags["encoding"] == "cp1256"
    assert doc.language == "ar"
    for para in HTML_PARAGRAPHS:
        assert para in _body(doc)
    for junk in [*HTML_NAV, *HTML_RELATED, HTML_FOOTER]:
        assert junk not in doc.text
    assert doc.title == "قصف صاروخي على سوق في الحديدة"
    assert doc.html is None and doc.data is None


def test_read_also_block_inside_the_article_is_boilerplate(upto_text: Pipeline) -> None:
    paras = "".join(f"<p>{p}</p>" for p in HTML_PARAGRAPHS)
    related = "<p>اقرأ أيضا:</p>" + "".join(f'<p><a href="/r{i}">{r}</a></p>' for i, r in enumerate(HTML_RELATED))
    page = f"<html><head><title>خبر</title></head><body><article>{paras}{related}</article></body></html>"
    doc = upto_text.process(RawDocument("p", html=page))
    assert doc.error is None
    body = _body(doc)
    for para in HTML_PARAGRAPHS:
        assert para in body
    for headline in HTML_RELATED:
        assert headline not in body
    tail = doc.text[doc.body[-1][1]:]
    assert doc.flags["boilerplate_chars"] == len("".join(tail.split())) > 0
    # sentences and tokens come from the body only
    assert all(s.end <= doc.body[-1][1] for s in doc.sentences)
    assert doc.words and all(t.end <= doc.body[-1][1] for t in doc.token_list())


def test_page_metadata_fills_missing_fields() -> None:
    page = html_page("utf-8").replace(
        "<head>", '<head><meta property="article:published_time" content="2015-08-11T09:00:00+03:00">'
                  '<link rel="canonical" href="http://example.org/news/42">')
    doc = Document("p", html=page)
    Html()(doc)
    assert doc.published == dt.date(2015, 8, 11)
    assert doc.url == "http://example.org/news/42"
    assert doc.title == "قصف صاروخي على سوق في الحديدة"


def test_input_metadata_wins_over_the_page() -> None:
    page = html_page("utf-8").replace(
        "<head>", '<head><meta property="article:published_time" content="2015-08-11T09:00:00+03:00">')
    doc = Document("p", html=page, title="عنوان المدخل", published=dt.date(2015, 8, 1), url="http://in.example/1")
    Html()(doc)
    assert (doc.title, doc.published, doc.url) == ("عنوان المدخل", dt.date(2015, 8, 1), "http://in.example/1")


def test_copyright_year_is_not_a_publication_date() -> None:
    # trafilatura's extensive date search would turn "© 2015" into 2015-01-01
    paras = "".join(f"<p>{p}</p>" for p in HTML_PARAGRAPHS)
    page = f"<html><body><article>{paras}</article><footer><p>© 2015 صحيفة المثال</p></footer></body></html>"
    assert extract_main_text(page).date is None


def test_short_fragment_falls_back_to_visible_text() -> None:
    ext = extract_main_text("<div><b>قصف</b> على <i>الحديدة</i><script>var x = 1;</script></div>")
    assert "قصف" in ext.text and "الحديدة" in ext.text
    assert "var x" not in ext.text


def test_unclosed_and_truncated_markup_still_gives_text() -> None:
    unclosed = "<html><body><div><p>" + HTML_PARAGRAPHS[0] + "<div><span><p>" + HTML_PARAGRAPHS[1]
    ext = extract_main_text(unclosed)
    assert HTML_PARAGRAPHS[0] in ext.text
    truncated = html_page("utf-8")[: html_page("utf-8").index(HTML_PARAGRAPHS[1]) + 40]
    assert HTML_PARAGRAPHS[0] in extract_main_text(truncated).text


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("<html><body><div></div></body></html>", "html"),
        ("<html><body><script>var a = 1;</script><style>p {}</style></body></html>", "html"),
        ("<html><body><div><p", "html"),
        ("</html>", "html"),
    ],
)
def test_pages_without_text(page: str, kind: str) -> None:
    with pytest.raises(DocumentError) as err:
        extract_main_text(page)
    assert err.value.kind == kind
    assert err.value.message


def test_html_stage_leaves_plain_text_alone() -> None:
    doc = Document("t", text="نص عادي")
    Html()(doc)
    assert doc.text == "نص عادي"
