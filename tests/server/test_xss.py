"""Article text is untrusted. No HTML the server sends carries article data, the JSON is never
sniffed as HTML, and the dashboard's code never turns data into markup. (The browser test runs
the dashboard over the same article and checks that no script runs.)"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

import marsad.server.app as server_app
from store.samples import XSS_IMG, XSS_SCRIPT

PAYLOADS = (XSS_SCRIPT, XSS_IMG, "onerror=", "<script>")


def test_html_pages_never_carry_article_data(client: TestClient) -> None:
    for path in ("/", "/docs", "/redoc", "/static/index.html"):
        r = client.get(path)
        if r.status_code == 404:
            continue
        assert r.headers["content-type"].startswith("text/html")
        for p in PAYLOADS[:3]:
            assert p not in r.text, (path, p)


def test_api_returns_the_payload_only_as_json(client: TestClient) -> None:
    for path in ("/events/ev-xss", "/articles/t-xss", "/events?q=script", "/events.geojson", "/articles?q=script"):
        r = client.get(path)
        assert r.status_code == 200
        assert r.headers["content-type"].split(";")[0] in ("application/json", "application/geo+json")
        assert r.headers["x-content-type-options"] == "nosniff"
    ev = client.get("/events/ev-xss").json()
    assert XSS_IMG in ev["evidence"] and XSS_SCRIPT in ev["article"]["text"]  # stored and served verbatim, as data


def test_errors_do_not_reflect_input_as_html(client: TestClient) -> None:
    r = client.get("/events/<script>alert(1)</script>")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
    r = client.get("/events", params={"date_from": "<script>alert(1)</script>"})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/json")


def test_dashboard_code_never_builds_html_from_strings() -> None:
    static = Path(server_app.STATIC)
    js = (static / "app.js").read_text(encoding="utf-8")
    code = re.sub(r"^\s*//.*$", "", js, flags=re.M)  # comments may name what is forbidden
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "srcdoc", "setAttribute(\"on", ".onerror"):
        assert sink not in code, sink
    html = (static / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html and not re.search(r"\son\w+=", html)  # no inline script or handlers (CSP)
