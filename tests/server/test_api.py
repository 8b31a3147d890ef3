"""The REST API: filters, paging, one event, one article, GeoJSON, writes with a token, docs."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from marsad.store import open_store
from store.samples import IDLIB_TEXT

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def ids(client: TestClient, **params: object) -> list[str]:
    r = client.get("/events", params=params)
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["items"]]


def test_events_filters_and_paging(client: TestClient) -> None:
    r = client.get("/events")
    body = r.json()
    assert body["total"] == 6 and body["limit"] == 50 and body["offset"] == 0
    first = body["items"][0]
    assert first["id"] == "ev-xss" and first["doc_id"] == "t-xss" and first["article"]["published"] == "2015-08-08"
    assert set(ids(client, country="SY")) == {"ev-idlib-air", "ev-aleppo-clash", "ev-jisr"}
    assert set(ids(client, country=["SY", "YE"], event_type="Battles")) == {"ev-aleppo-clash", "ev-jisr"}
    assert set(ids(client, country="SY,ye")) == set(ids(client, country=["SY", "YE"]))
    assert set(ids(client, admin1="Idlib")) == {"ev-idlib-air", "ev-jisr"}
    assert ids(client, date_from="2015-07-25", date_to="2015-07-28") == ["ev-jisr", "ev-sanaa-protest"]
    assert ids(client, actor="Houthis") == ["ev-taiz-shell"]
    assert ids(client, source="Syrian Observatory") == ["ev-idlib-air"]
    assert ids(client, disputed="true") == ["ev-idlib-air"]
    assert len(ids(client, disputed="false")) == 5
    assert set(ids(client, q="إدلب")) == {"ev-idlib-air", "ev-aleppo-clash", "ev-jisr"}
    assert ids(client, sub_event_type="Peaceful protest") == ["ev-sanaa-protest"]
    page = client.get("/events", params={"limit": 2, "offset": 4}).json()
    assert page["total"] == 6 and [e["id"] for e in page["items"]] == ["ev-sanaa-protest", "ev-taiz-shell"]
    assert client.get("/events", params={"date_from": "yesterday"}).status_code == 422
    assert client.get("/events", params={"limit": 5000}).status_code == 422
    assert client.get("/events", params={"disputed": "maybe"}).status_code == 422


def test_one_event_has_claims_evidence_and_article(client: TestClient) -> None:
    ev = client.get("/events/ev-idlib-air").json()
    assert ev["disputed"] is True
    assert [(c["source_kind"], c["channel"], c["stance"]) for c in ev["claims"]] == [
        ("monitor_ngo", "", "asserts"), ("government", "Telegram", "denies")]
    s, e = ev["evidence_span"]
    assert ev["article"]["text"] == IDLIB_TEXT and IDLIB_TEXT[s:e] == ev["evidence"]
    assert [o["id"] for o in ev["other_events"]] == ["ev-aleppo-clash"]
    assert client.get("/events/nope").status_code == 404


def test_articles(client: TestClient) -> None:
    rec = client.get("/articles/t-idlib").json()
    assert rec["text"] == IDLIB_TEXT and [e["id"] for e in rec["events"]] == ["ev-idlib-air", "ev-aleppo-clash"]
    assert rec["entities"][0]["label"] == "LOC"
    assert client.get("/articles/t-failed").json()["error"] == {"kind": "empty", "message": "no text"}
    assert client.get("/articles/none").status_code == 404
    found = client.get("/articles", params={"q": "ادلب"}).json()
    assert found["total"] == 2 and {a["doc_id"] for a in found["items"]} == {"t-idlib", "t-idlib-plain"}


def test_geojson(client: TestClient) -> None:
    r = client.get("/events.geojson", params={"country": "YE"})
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in fc["features"]}
    assert set(by_id) == {"ev-taiz-shell", "ev-sanaa-protest"}
    assert by_id["ev-taiz-shell"]["geometry"] == {"type": "Point", "coordinates": [44.02, 13.58]}
    assert by_id["ev-taiz-shell"]["properties"]["event_type"] == "Explosions/Remote violence"


def test_timeline_facets_health(client: TestClient) -> None:
    assert client.get("/timeline", params={"bucket": "month"}).json() == [
        {"period": "2015-07", "count": 3}, {"period": "2015-08", "count": 3}]
    assert client.get("/timeline", params={"bucket": "week"}).status_code == 422
    assert client.get("/facets").json()["event_types"][0] == {"value": "Explosions/Remote violence", "count": 3}
    h = client.get("/health").json()
    assert h["status"] == "ok" and h["articles"] == 6 and h["events"] == 6 and h["writes"] is True


ARTICLE = {"doc_id": "api-1", "text": "قصفت طائرات حربية مدينة إدلب أمس وقتل خمسة مدنيين.", "published": "2015-08-02",
           "title": "قصف", "source": "api"}


def test_writes_need_the_token(client: TestClient, filled_url: str) -> None:
    assert client.post("/articles", json=ARTICLE).status_code == 401
    assert client.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/articles", json=ARTICLE, headers={"Authorization": TOKEN}).status_code == 401
    with open_store(filled_url) as s:
        assert s.counts()["articles"] == 6
    r = client.post("/articles", json=ARTICLE, headers=AUTH)
    assert r.status_code == 201, r.text
    (res,) = r.json()
    assert res["doc_id"] == "api-1" and res["status"] == "inserted" and res["error"] is None
    # the end-to-end path: what the pipeline extracted is what the store now serves
    from marsad.api import extract

    expected = extract(text=ARTICLE["text"], published=ARTICLE["published"], doc_id="api-1", title="قصف", source="api").to_dict()
    assert client.get("/articles/api-1").json() == expected
    assert res["events"] == [e["id"] for e in expected["events"]]
    again = client.post("/articles", json=[ARTICLE], headers=AUTH)
    assert again.status_code == 200 and again.json()[0]["status"] == "unchanged"
    changed = dict(ARTICLE, text=ARTICLE["text"] + " وفي حلب تظاهر مئات.")
    assert client.post("/articles", json=changed, headers=AUTH).json()[0]["status"] == "replaced"
    no_id = client.post("/articles", json={"text": "نص بلا معرف"}, headers=AUTH).json()[0]
    assert no_id["doc_id"].startswith("api-") and no_id["status"] == "inserted"
    assert client.post("/articles", json={"doc_id": "x"}, headers=AUTH).status_code == 422
    assert client.post("/articles", json=[ARTICLE] * 101, headers=AUTH).status_code == 413


def test_writes_are_never_open(readonly_client: TestClient) -> None:
    r = readonly_client.post("/articles", json=ARTICLE, headers=AUTH)
    assert r.status_code == 403
    assert readonly_client.get("/health").json()["writes"] is False


def test_docs_are_offline_and_describe_the_api(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    if "static-offline-docs" in docs.text:  # fastapi-offline installed: nothing from a CDN
        assert "cdn." not in docs.text
        assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/events", "/events/{event_id}", "/events.geojson", "/articles", "/articles/{doc_id}"):
        assert p in paths
    assert "post" in paths["/articles"]
    assert {"date_from", "date_to", "country", "admin1", "event_type", "actor", "source", "disputed", "q", "limit",
            "offset"} <= {p["name"] for p in paths["/events"]["get"]["parameters"]}


@pytest.mark.parametrize("path", ["/", "/events", "/events/ev-jisr", "/static/app.js", "/nope"])
def test_security_headers(client: TestClient, path: str) -> None:
    h = client.get(path).headers
    assert "script-src 'self'" in h["content-security-policy"] and "unsafe-inline" not in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"


def test_cached_listings_follow_every_write(client: TestClient, filled_url: str) -> None:
    assert client.get("/events").json()["total"] == 6
    assert client.get("/facets").json()["countries"][0]["count"] == 3
    with open_store(filled_url) as other:  # another process writing (marsad ingest)
        version = other.data_version()
        rec = other.get_article("t-taiz")
        other.upsert(rec)  # unchanged: not a change
        assert other.data_version() == version
        rec["events"] = rec["events"][:1]
        rec["flags"]["content_hash"] = "new"
        other.upsert(rec)
        assert other.data_version() != version
    assert client.get("/events").json()["total"] == 5
    assert client.get("/health").json()["events"] == 5
    r = client.post("/articles", json=ARTICLE, headers=AUTH)
    assert client.get("/events").json()["total"] == 5 + len(r.json()[0]["events"])



def test_serving_leaves_the_data_cache_where_it_is(monkeypatch: pytest.MonkeyPatch, filled_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # `marsad serve --cache N` sizes the response cache; it once wrote N into MARSAD_CACHE, the data
    # cache directory, so the models and gazetteers went to a directory named "512"
    import argparse

    import uvicorn

    from marsad.commands import serve

    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path / "cache"))
    for name in ("MARSAD_RESPONSE_CACHE", "MARSAD_DB", "MARSAD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    args = argparse.Namespace(db=filled_url, cache=64, token_file=None, host="127.0.0.1", port=0, workers=1,
                              log_level="warning")
    assert serve.run(args) == 0
    import os

    assert os.environ["MARSAD_CACHE"] == str(tmp_path / "cache")
    assert os.environ["MARSAD_RESPONSE_CACHE"] == "64"
