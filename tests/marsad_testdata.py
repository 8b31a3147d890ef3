"""Texts written for these tests and builders of fixture files in every input format marsad reads.

Imported by ``conftest.py`` (fixtures) and by test modules (``from marsad_testdata import ...``).
Nothing here is copied from ``../shared``.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Texts (written for these tests)
# ---------------------------------------------------------------------------------------------

AR_SHELLING = (
    "قُتل أربعة مدنيين وأصيب سبعة آخرون صباح اليوم في قصف صاروخي استهدف سوقا شعبية في مدينة الحديدة "
    "غربي اليمن، بحسب ما أفاد مسعفون في المدينة.\n"
    "وقال شهود عيان إن ثلاثة صواريخ سقطت قرب محطة للوقود، ما أدى إلى اندلاع حريق كبير في المحال المجاورة.\n"
    "وأضاف الشهود أن سيارات الإسعاف نقلت الجرحى إلى مستشفى الثورة وسط المدينة."
)

AR_PROTEST = (
    "تظاهر مئات الطلاب أمام مبنى الجامعة في الخرطوم احتجاجا على رفع رسوم الدراسة، "
    "ورفع المحتجون لافتات تطالب بإقالة وزير التعليم العالي.\n"
    "وقالت الشرطة إنها لم تعتقل أحدا، وإن التظاهرة انتهت بعد الظهر دون أعمال عنف."
)

AR_FLOOD = (
    "أغلقت السيول طرقا رئيسية في مدينة أبها بعد أمطار غزيرة هطلت طوال الليل، "
    "ودعت فرق الدفاع المدني السكان إلى تجنب الأودية ومجاري المياه."
)

EN_TEXT = (
    "Four civilians were killed and seven wounded on Tuesday when rockets hit a crowded market in the port city, "
    "medics said. Witnesses said three rockets landed near a petrol station and started a large fire."
)

FR_TEXT = (
    "Quatre civils ont été tués et sept autres blessés mardi lorsque des roquettes ont frappé un marché bondé de la "
    "ville portuaire, selon des secouristes. Des témoins ont déclaré que trois roquettes étaient tombées près d'une "
    "station-service."
)

# A page with navigation, a footer and a trailing "read also" block around a three-paragraph article.
HTML_PARAGRAPHS = [
    "قُتل أربعة مدنيين وأصيب سبعة آخرون صباح اليوم في قصف صاروخي استهدف سوقا شعبية في مدينة الحديدة غربي اليمن، "
    "بحسب ما أفاد مسعفون في المدينة.",
    "وقال شهود عيان إن ثلاثة صواريخ سقطت قرب محطة للوقود في ساعات الصباح الأولى، ما أدى إلى اندلاع حريق كبير "
    "في عدد من المحال التجارية المجاورة.",
    "وأضاف الشهود أن سيارات الإسعاف نقلت الجرحى إلى مستشفى الثورة وسط المدينة، فيما فرضت قوات الأمن طوقا حول "
    "المنطقة ومنعت الاقتراب منها.",
]
HTML_NAV = ["الرئيسية", "سياسة", "اقتصاد", "رياضة"]
HTML_RELATED = ["افتتاح معرض للكتاب في مدينة جدة", "ارتفاع أسعار الذهب في الأسواق المحلية"]
HTML_FOOTER = "جميع الحقوق محفوظة لصحيفة المرصد التجريبية"


def html_page(charset: str = "windows-1256", title: str = "قصف صاروخي على سوق في الحديدة") -> str:
    nav = "".join(f'<li><a href="/s{i}">{n}</a></li>' for i, n in enumerate(HTML_NAV))
    paras = "\n".join(f"<p>{p}</p>" for p in HTML_PARAGRAPHS)
    related = "".join(f'<li><a href="/r{i}">{r}</a></li>' for i, r in enumerate(HTML_RELATED))
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="{charset}">
<title>{title}</title>
</head>
<body>
<header><nav><ul>{nav}</ul></nav></header>
<main>
<article>
<h1>{title}</h1>
{paras}
</article>
<section class="related"><h3>اقرأ أيضا</h3><ul>{related}</ul></section>
</main>
<footer><p>{HTML_FOOTER}</p><ul><li><a href="/privacy">سياسة الخصوصية</a></li><li><a href="/contact">اتصل بنا</a></li></ul></footer>
</body>
</html>
"""


# SaudiNewsNet-style daily file: a JSON list of article objects.
SNN_DAY = "2015-08-09"
SNN_ARTICLES = [
    {"source": "example-daily", "url": "http://example.org/news/1", "date_extracted": "2015-08-09 06:10:00",
     "title": "قصف على الحديدة", "author": "مراسل المثال", "content": AR_SHELLING},
    {"source": "example-daily", "url": "http://example.org/news/2", "date_extracted": "2015-08-09 07:20:00",
     "title": "احتجاج طلابي", "author": "مراسل المثال", "content": AR_PROTEST},
    {"source": "example-weekly", "url": "http://example.org/news/3", "date_extracted": "2015-08-09 08:30:00",
     "title": "سيول في أبها", "author": "مراسل المثال", "content": AR_FLOOD},
]

RSS_ITEMS = [
    ("rss-1", "http://example.org/rss/1", "قصف على الحديدة", "Tue, 11 Aug 2015 08:00:00 GMT", AR_SHELLING),
    ("rss-2", "http://example.org/rss/2", "احتجاج طلابي", "Wed, 12 Aug 2015 09:30:00 GMT", AR_PROTEST),
]
ATOM_ENTRIES = [
    ("urn:example:atom:1", "http://example.org/atom/1", "سيول في أبها", "2015-08-13T10:00:00Z", AR_FLOOD),
    ("urn:example:atom:2", "http://example.org/atom/2", "احتجاج طلابي", "2015-08-14T11:00:00Z", AR_PROTEST),
]
WARC_PAGES = [
    ("http://example.org/warc/1", "2015-08-15T12:00:00Z", AR_SHELLING),
    ("http://example.org/warc/2", "2015-08-16T12:00:00Z", AR_PROTEST),
]


def _paras_html(text: str) -> str:
    return "".join(f"<p>{line}</p>" for line in text.splitlines())


def rss_feed() -> str:
    items = "\n".join(
        f"<item><guid>{gid}</guid><link>{link}</link><title>{title}</title><pubDate>{date}</pubDate>"
        f"<description><![CDATA[{_paras_html(text)}]]></description></item>"
        for gid, link, title, date, text in RSS_ITEMS
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>صحيفة المثال</title><link>http://example.org/</link>
<description>أخبار</description>
{items}
</channel></rss>
"""


def atom_feed() -> str:
    entries = "\n".join(
        f'<entry><id>{eid}</id><link href="{link}"/><title>{title}</title><updated>{date}</updated>'
        f'<published>{date}</published><content type="html"><![CDATA[{_paras_html(text)}]]></content></entry>'
        for eid, link, title, date, text in ATOM_ENTRIES
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>نشرة المثال</title><id>urn:example:atom</id>
<updated>2015-08-14T11:00:00Z</updated>
{entries}
</feed>
"""


def warc_bytes() -> bytes:
    """A gzipped WARC: a request record, two HTML responses, an image response (skipped)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, date, text in WARC_PAGES:
        req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.0\r\n\r\n"),
                                        warc_headers_dict={"WARC-Date": date})
        writer.write_record(req)
        body = f"<html><head><title>صفحة</title></head><body><article>{_paras_html(text)}</article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")),
                                        http_headers=headers, warc_headers_dict={"WARC-Date": date})
        writer.write_record(rec)
    img_headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    img = writer.create_warc_record("http://example.org/logo.png", "response", payload=io.BytesIO(PNG_BYTES),
                                    http_headers=img_headers)
    writer.write_record(img)
    return buf.getvalue()


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
    + bytes(range(256)) * 4
)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# A directory of fixture files
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fixtures:
    root: Path
    cp1256: Path
    iso8859_6: Path
    utf16_bom: Path
    utf16le_nobom: Path
    utf16be_nobom: Path
    utf8_bom: Path
    utf8: Path
    html: Path
    jsonl: Path
    folder: Path
    folder_zip: Path
    snn_zip: Path
    warc: Path
    rss: Path
    atom: Path


def build_fixtures(root: Path) -> Fixtures:
    root.mkdir(parents=True, exist_ok=True)

    def put(name: str, data: bytes) -> Path:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        return p

    folder = root / "folder"
    put("folder/a_shelling.txt", AR_SHELLING.encode("utf-8"))
    put("folder/b_page.html", html_page("utf-8").encode("utf-8"))
    put("folder/c_records.jsonl", _jsonl([("f-1", AR_PROTEST), ("f-2", AR_FLOOD)]))
    folder_zip = root / "folder.zip"
    folder_zip.write_bytes(zip_bytes({f"folder/{p.name}": p.read_bytes() for p in sorted(folder.iterdir())}))

    return Fixtures(
        root=root,
        cp1256=put("cp1256.txt", AR_SHELLING.encode("cp1256")),
        iso8859_6=put("iso8859_6.txt", AR_PROTEST.encode("iso8859_6")),
        utf16_bom=put("utf16_bom.txt", AR_SHELLING.encode("utf-16")),
        utf16le_nobom=put("utf16le.txt", AR_SHELLING.encode("utf-16-le")),
        utf16be_nobom=put("utf16be.txt", AR_PROTEST.encode("utf-16-be")),
        utf8_bom=put("utf8_bom.txt", b"\xef\xbb\xbf" + AR_FLOOD.encode("utf-8")),
        utf8=put("utf8.txt", AR_SHELLING.encode("utf-8")),
        html=put("page.html", html_page("windows-1256").encode("cp1256")),
        jsonl=put("records.jsonl", _jsonl([("j-1", AR_SHELLING), ("j-2", AR_PROTEST), ("j-3", EN_TEXT)])),
        folder=folder,
        folder_zip=folder_zip,
        snn_zip=put(f"snn/{SNN_DAY}.zip", zip_bytes({f"{SNN_DAY}.json": json.dumps(SNN_ARTICLES, ensure_ascii=False,
                                                                                    indent=4).encode("utf-8")})),
        warc=put("crawl.warc.gz", warc_bytes()),
        rss=put("feed.rss", rss_feed().encode("utf-8")),
        atom=put("feed.atom", atom_feed().encode("utf-8")),
    )


def _jsonl(items: list[tuple[str, str]]) -> bytes:
    lines = [json.dumps({"doc_id": i, "published": "2015-08-10", "text": t}, ensure_ascii=False) for i, t in items]
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Running the command line
# ---------------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]


def run_marsad(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """``python -m marsad ARGS...`` in a fresh interpreter (the one running the tests)."""
    return subprocess.run([sys.executable, "-m", "marsad", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def jsonl_records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]
