"""Ingest: every input kind gives the right documents, in input order, with stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.ingest import iter_documents
from marsad.ingest.router import kind_of, sniff
from marsad.model import RawDocument
from marsad_testdata import (
    AR_FLOOD,
    AR_PROTEST,
    AR_SHELLING,
    ATOM_ENTRIES,
    EN_TEXT,
    RSS_ITEMS,
    SNN_ARTICLES,
    SNN_DAY,
    WARC_PAGES,
    zip_bytes,
)


def docs(*paths: Path | str) -> list[RawDocument]:
    return list(iter_documents(paths))


def test_jsonl(fx) -> None:
    out = docs(fx.jsonl)
    assert [d.doc_id for d in out] == ["j-1", "j-2", "j-3"]
    assert [d.text for d in out] == [AR_SHELLING, AR_PROTEST, EN_TEXT]
    assert all(d.published == "2015-08-10" and d.error is None for d in out)


def test_jsonl_fields_and_fallbacks(tmp_path: Path) -> None:
    lines = [
        {"doc_id": "a", "text": "نص", "title": "عنوان", "url": "http://x/1", "source": "مصدر", "published": "2015-01-02"},
        {"id": 7, "html": "<p>نص</p>", "date": "2015-01-03"},
        {"content": "نص بلا معرف"},
        {"text": "نص", "html": "<p>يتجاهل</p>"},  # text wins over html
    ]
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    a, b, c, d = docs(p)
    assert (a.doc_id, a.text, a.title, a.url, a.source, a.published) == ("a", "نص", "عنوان", "http://x/1", "مصدر", "2015-01-02")
    assert (b.doc_id, b.text, b.html, b.published) == ("7", None, "<p>نص</p>", "2015-01-03")
    assert (c.doc_id, c.text) == ("in.jsonl:3", "نص بلا معرف")
    assert (d.text, d.html) == ("نص", None)


def test_txt_and_html_files_are_bytes_for_the_decoder(fx) -> None:
    (t,) = docs(fx.cp1256)
    assert t.doc_id == "cp1256.txt" and t.data == fx.cp1256.read_bytes() and not t.is_html
    (h,) = docs(fx.html)
    assert h.doc_id == "page.html" and h.is_html and h.data == fx.html.read_bytes()


def test_folder_in_name_order(fx) -> None:
    out = docs(fx.folder)
    assert [d.doc_id for d in out] == ["a_shelling.txt", "b_page.html", "f-1", "f-2"]
    assert [d.origin for d in out][:2] == [str(fx.folder / "a_shelling.txt"), str(fx.folder / "b_page.html")]


def test_zip_of_a_folder(fx) -> None:
    out = docs(fx.folder_zip)
    assert [d.doc_id for d in out] == ["folder/a_shelling.txt", "folder/b_page.html", "f-1", "f-2"]
    assert out[0].data == AR_SHELLING.encode("utf-8")
    assert out[1].is_html
    assert [d.text for d in out[2:]] == [AR_PROTEST, AR_FLOOD]


def test_saudinewsnet_daily_zip(fx) -> None:
    out = docs(fx.snn_zip)
    assert [d.doc_id for d in out] == [f"{SNN_DAY}-{i:05d}" for i in range(len(SNN_ARTICLES))]
    for d, art in zip(out, SNN_ARTICLES, strict=True):
        assert d.text == art["content"]
        assert d.title == art["title"]
        assert d.url == art["url"]
        assert d.source == art["source"]
        assert d.published == art["date_extracted"]
        assert d.error is None


def test_warc(fx) -> None:
    out = docs(fx.warc)
    # requests and the image response are skipped
    assert [d.doc_id for d in out] == [url for url, _, _ in WARC_PAGES]
    assert [d.url for d in out] == [url for url, _, _ in WARC_PAGES]
    assert [d.published for d in out] == [date[:10] for _, date, _ in WARC_PAGES]
    assert all(d.is_html and d.data and b"<article>" in d.data for d in out)


def test_rss(fx) -> None:
    out = docs(fx.rss)
    assert [d.doc_id for d in out] == [gid for gid, *_ in RSS_ITEMS]
    assert [d.title for d in out] == [title for _, _, title, _, _ in RSS_ITEMS]
    assert [d.published for d in out] == ["2015-08-11", "2015-08-12"]
    assert all(d.source == "صحيفة المثال" and d.html and "<p>" in d.html for d in out)


def test_atom(fx) -> None:
    out = docs(fx.atom)
    assert [d.doc_id for d in out] == [eid for eid, *_ in ATOM_ENTRIES]
    assert [d.url for d in out] == [link for _, link, *_ in ATOM_ENTRIES]
    assert [d.published for d in out] == ["2015-08-13", "2015-08-14"]
    assert all(d.source == "نشرة المثال" for d in out)


def test_inputs_keep_their_order(fx) -> None:
    out = docs(fx.atom, fx.jsonl, fx.cp1256, fx.rss)
    assert [d.doc_id for d in out] == [
        ATOM_ENTRIES[0][0], ATOM_ENTRIES[1][0], "j-1", "j-2", "j-3", "cp1256.txt", RSS_ITEMS[0][0], RSS_ITEMS[1][0],
    ]


def test_every_kind_at_once_twice_gives_the_same_ids(fx) -> None:
    everything = [fx.root]  # the whole fixture tree: every kind, nested
    first = [(d.doc_id, d.origin) for d in docs(*everything)]
    second = [(d.doc_id, d.origin) for d in docs(*everything)]
    assert first == second
    assert len(first) > 20
    assert all(e is None for e in (d.error for d in docs(*everything)))


def test_sniffing_by_content(tmp_path: Path) -> None:
    assert sniff(b"<!DOCTYPE html><html>") == "html"
    assert sniff(b"  <html lang='ar'>") == "html"
    assert sniff(b'<?xml version="1.0"?>\n<rss version="2.0">') == "feed"
    assert sniff(b"<feed xmlns='http://www.w3.org/2005/Atom'>") == "feed"
    assert sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(b"PK\x03\x04rest") == "zip"
    assert sniff(b"plain words") is None
    assert kind_of("a.JSONL") == "jsonl"
    assert kind_of("day.json") == "json"
    assert kind_of("x.warc.gz") == "warc"
    assert kind_of("noext", b"<html>") == "html"
    # a file without a known extension is read by its content
    p = tmp_path / "page_without_extension"
    p.write_bytes(b"<!DOCTYPE html><html><body><p>\xd9\x86\xd8\xb5</p></body></html>")
    (d,) = docs(p)
    assert d.is_html and d.error is None


def test_unknown_kind_and_unreadable_path(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (d,) = docs(tmp_path / "image.png")
    assert d.error is not None and d.error.kind == "unsupported"
    (m,) = docs(tmp_path / "missing.txt")
    assert m.error is not None and m.error.kind == "unreadable"


def test_hidden_files_and_directories_in_a_zip_are_skipped(tmp_path: Path) -> None:
    z = tmp_path / "z.zip"
    z.write_bytes(zip_bytes({"b.txt": "ب".encode(), ".hidden.txt": b"x", "a.txt": "أ".encode(), "dir/": b""}))
    assert [d.doc_id for d in docs(z)] == ["a.txt", "b.txt"]


@pytest.mark.shared
def test_real_saudinewsnet_zip(shared_dir) -> None:
    zips = sorted((shared_dir / "data" / "corpus" / "saudinewsnet").glob("*.zip"))
    if not zips:
        pytest.skip("no SaudiNewsNet zips in ../shared")
    out = docs(zips[0])
    assert len(out) > 100
    assert out[0].doc_id == f"{zips[0].stem}-00000"
    assert all(d.error is None for d in out)
    # a few SaudiNewsNet articles have an empty "content": the pipeline reports them as empty
    assert sum(1 for d in out if d.text) > 0.95 * len(out)
