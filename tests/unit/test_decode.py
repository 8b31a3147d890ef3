"""Bytes to text: BOMs, declared HTML charsets, UTF-8/UTF-16, windows-1256, ISO-8859-6; junk rejected."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.clean import Decode
from marsad.clean.decode import check_text, decode
from marsad.model import Document, DocumentError
from marsad_testdata import AR_FLOOD, AR_PROTEST, AR_SHELLING, EN_TEXT, PNG_BYTES, html_page

AR_TEXTS = [AR_SHELLING, AR_PROTEST, AR_FLOOD]


@pytest.mark.parametrize("text", AR_TEXTS, ids=["shelling", "protest", "flood"])
@pytest.mark.parametrize(
    ("codec", "reported"),
    [
        ("utf-8", "utf-8"),
        ("cp1256", "cp1256"),
        ("iso8859_6", "iso8859_6"),
        ("utf-16", "utf-16"),  # with a BOM
        ("utf-16-le", "utf-16"),  # without a BOM
        ("utf-16-be", "utf-16"),
    ],
)
def test_arabic_in_every_encoding(text: str, codec: str, reported: str) -> None:
    out, enc = decode(text.encode(codec))
    assert out == text
    assert codecs.lookup(enc).name == codecs.lookup(reported).name


def test_utf8_bom_is_dropped() -> None:
    out, enc = decode(codecs.BOM_UTF8 + AR_FLOOD.encode("utf-8"))
    assert out == AR_FLOOD
    assert enc == "utf-8-sig"


def test_utf16_without_bom_of_latin_text() -> None:
    # ASCII in UTF-16 is also valid (NUL-ridden) UTF-8: it must still come out as UTF-16 text
    for codec in ("utf-16-le", "utf-16-be"):
        out, enc = decode(EN_TEXT.encode(codec))
        assert (out, enc) == (EN_TEXT, "utf-16")


def test_plain_ascii_and_latin1() -> None:
    assert decode(b"Plain ASCII news text.") == ("Plain ASCII news text.", "utf-8")
    out, _ = decode("Le ministère a déclaré que la façade était fermée.".encode("cp1252"))
    assert out == "Le ministère a déclaré que la façade était fermée."


def test_html_meta_charset_is_used() -> None:
    page = html_page("windows-1256")
    out, enc = decode(page.encode("cp1256"), is_html=True)
    assert out == page
    assert enc == "cp1256"


@pytest.mark.parametrize("declared", ["utf-8", "x-no-such-charset"])
def test_wrong_or_unknown_declared_charset_falls_back_to_detection(declared: str) -> None:
    page = html_page(declared)
    out, enc = decode(page.encode("cp1256"), is_html=True)
    assert out == page
    assert enc == "cp1256"


def test_meta_charset_ignored_for_plain_text() -> None:
    # a .txt that happens to contain a meta tag is not HTML: its bytes decide
    text = '<meta charset="iso-8859-6"> ' + AR_SHELLING
    out, enc = decode(text.encode("utf-8"), is_html=False)
    assert (out, enc) == (text, "utf-8")


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(DocumentError) as err:
        decode(PNG_BYTES)
    assert err.value.kind == "binary"


def test_random_bytes_are_rejected() -> None:
    rng = random.Random(7)
    junk = bytes(rng.randrange(1, 256) for _ in range(4000))  # no NUL byte: the detector must say no
    with pytest.raises(DocumentError) as err:
        decode(junk)
    assert err.value.kind in ("decode", "binary")


def test_bad_bytes_after_bom() -> None:
    with pytest.raises(DocumentError) as err:
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfa bad")
    assert err.value.kind == "decode"


def test_check_text() -> None:
    assert check_text("") == ""
    assert check_text(AR_SHELLING) == AR_SHELLING
    assert check_text("a\tb\r\nc\fd") == "a\tb\r\nc\fd"
    with pytest.raises(DocumentError) as err:
        check_text("text\x01\x02\x03 with controls")
    assert err.value.kind == "binary"
    with pytest.raises(DocumentError):
        check_text("\ufffd" * 10 + "abc")


def test_stray_control_characters_in_an_article_are_not_junk() -> None:
    # some SaudiNewsNet articles mark paragraphs with SUB (\x1a) characters: about 1% of the text
    text = "".join(f" \x1a\x1a {line}\n" for line in (AR_SHELLING + "\n" + AR_PROTEST).splitlines())
    assert check_text(text) == text
    assert decode(text.encode("utf-8")) == (text, "utf-8")


def test_decode_stage_fills_text_or_html() -> None:
    doc = Document("d", data=AR_SHELLING.encode("cp1256"))
    Decode()(doc)
    assert doc.text == AR_SHELLING
    assert doc.data is None
    assert doc.flags["encoding"] == "cp1256"

    page = html_page("windows-1256")
    doc = Document("p", data=page.encode("cp1256"), is_html=True)
    Decode()(doc)
    assert doc.html == page
    assert doc.text == ""


def test_decode_stage_size_limit() -> None:
    data = AR_SHELLING.encode("utf-8")
    Decode(max_bytes=len(data))(Document("ok", data=data))
    with pytest.raises(DocumentError) as err:
        Decode(max_bytes=len(data) - 1)(Document("big", data=data))
    assert err.value.kind == "too_large"
    with pytest.raises(DocumentError) as err:
        Decode(max_bytes=100)(Document("big", html="<p>" + "x" * 200 + "</p>"))
    assert err.value.kind == "too_large"


def test_decode_stage_checks_given_text() -> None:
    with pytest.raises(DocumentError) as err:
        Decode()(Document("junk", text="\x00\x01\x02\x03\x04 junk"))
    assert err.value.kind == "binary"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab قل\n\t\r\x00\x01\x0b\x0c\x1a\x1f\x7f\x85\ufffd\ud800\U0001f600", max_size=200))
def test_control_count_from_code_points_equals_the_regex(text: str) -> None:
    import importlib

    import numpy as np

    from marsad.text import kernels

    dec = importlib.import_module("marsad.clean.decode")  # (marsad.clean.decode is also the function)

    codes = kernels.code_points(text)
    expected = len(dec._CONTROL.findall(text))
    assert dec.control_count(codes) == expected
    assert dec._count_loop(codes, dec._control_table()) == expected  # the loop numba compiles
    assert int(np.count_nonzero(dec._control_table()[codes])) == expected  # the numpy fallback
    for t in (text, text * 150):  # past the sample too
        try:
            check_text(t)
        except DocumentError as exc:
            with pytest.raises(DocumentError) as again:
                check_text(t, kernels.code_points(t))
            assert str(again.value) == str(exc)
        else:
            assert check_text(t, kernels.code_points(t)) is t


def test_decode_stage_keeps_the_normalisation_for_boilerplate() -> None:
    from marsad.clean import Boilerplate, Decode
    from marsad.model import Document

    doc = Document("d", text="قال المسؤول\nانتهى")
    Decode()(doc)
    assert doc.norm is not None and doc.norm.original is doc.text and doc.norm.codes is not None
    norm = doc.norm
    Boilerplate()(doc)
    assert doc.norm is norm
    fresh = Document("d", text=doc.text)
    Boilerplate()(fresh)
    assert fresh.body == doc.body and fresh.norm == norm
