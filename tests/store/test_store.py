"""The event store: keys, idempotent upserts, replacement, round trip, search and filters."""

from __future__ import annotations

import copy

import pytest

from marsad.store import INSERTED, REPLACED, UNCHANGED, EventFilter, Store, StoreError, open_store

from .samples import EXPECTED, sample_records


def _event_ids(store: Store) -> list[str]:
    return sorted(r[0] for r in store.execute("SELECT id FROM events").fetchall())


def test_ingest_fills_every_table(store: Store) -> None:
    counts = store.upsert_many(sample_records())
    assert counts == {INSERTED: 6, REPLACED: 0, UNCHANGED: 0}
    c = store.counts()
    for table, n in EXPECTED.items():
        assert c[table] == n, table
    assert c["sources"] == 5
    assert c["places"] == 6
    if store.dialect == "sqlite":
        assert c["articles_fts"] == 6


def test_same_articles_again_add_nothing(store: Store) -> None:
    store.upsert_many(sample_records())
    before = store.counts()
    ids = _event_ids(store)
    assert store.upsert_many(sample_records()) == {INSERTED: 0, REPLACED: 0, UNCHANGED: 6}
    for rec in sample_records():
        assert store.upsert(rec) == UNCHANGED
    assert store.counts() == before
    assert _event_ids(store) == ids


def test_changed_article_replaces_its_events(store: Store) -> None:
    recs = sample_records()
    store.upsert_many(recs)
    changed = copy.deepcopy(recs[0])
    changed["text"] = changed["text"] + "\nتحديث: ارتفع عدد القتلى في مدينة حماة."
    changed["flags"]["content_hash"] = "changed"
    changed["events"] = changed["events"][:1]
    changed["events"][0]["fatalities"] = 15
    changed["events"][0]["claims"] = changed["events"][0]["claims"][:1]
    assert store.upsert(changed) == REPLACED
    c = store.counts()
    assert c["articles"] == 6
    assert c["events"] == 5
    assert c["claims"] == 4
    if store.dialect == "sqlite":
        assert c["articles_fts"] == 6
    assert "ev-aleppo-clash" not in _event_ids(store)
    ev = store.get_event("ev-idlib-air")
    assert ev is not None and ev["fatalities"] == 15 and len(ev["claims"]) == 1
    # the search index follows the new text and forgets nothing else
    assert [a["doc_id"] for a in store.search_articles("حماة")[1]] == ["t-idlib"]
    # force re-stores an unchanged article without duplicating anything
    assert store.upsert(changed, force=True) == REPLACED
    assert store.counts() == c


def test_round_trip_is_exact(store: Store) -> None:
    recs = sample_records()
    store.upsert_many(recs)
    back = {r["doc_id"]: r for r in store.iter_records(chunk=2)}
    assert back == {r["doc_id"]: r for r in recs}
    assert store.get_article("t-xss") == recs[-1]
    assert store.get_article("nope") is None


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    recs = sample_records()
    with pytest.raises(RuntimeError), store.transaction() as c:
        store.upsert_in(c, recs[0])
        store.upsert_in(c, recs[1])
        raise RuntimeError("crash in the middle of a batch")
    assert store.counts()["articles"] == 0
    assert store.counts()["events"] == 0
    assert store.upsert_many(recs)[INSERTED] == 6  # caches of ids made in the rolled-back batch are gone


def test_events_without_ids_get_stable_ones(store: Store) -> None:
    rec = sample_records()[1]
    for ev in rec["events"]:
        del ev["id"]
    rec["events"].append(copy.deepcopy(rec["events"][0]))  # the same event twice in one document
    store.upsert(rec)
    ids = _event_ids(store)
    assert len(ids) == 3 and len(set(ids)) == 3
    rec2 = copy.deepcopy(rec)
    rec2["flags"]["content_hash"] = "other"
    store.upsert(rec2)
    assert _event_ids(store) == ids


def test_same_event_id_in_two_documents_keeps_both(store: Store) -> None:
    a, b = sample_records()[:2]
    b["events"][0]["id"] = a["events"][0]["id"]
    store.upsert_many([a, b])
    assert store.counts()["events"] == 4


@pytest.mark.parametrize(("query", "expected"), [
    ("إدلب", {"t-idlib", "t-idlib-plain"}),  # hamza and plain alef find each other
    ("ادلب", {"t-idlib", "t-idlib-plain"}),
    ("بإدلب", set()),  # a query word with its own proclitic is taken as written
    ("الشغور", {"t-idlib-plain"}),
    ("شغور", {"t-idlib-plain"}),  # the article is optional
    ("تعز الهاون", {"t-taiz"}),  # words are ANDed
    ("تعز إدلب", set()),
    ("الموصل", {"t-xss"}),
    ("script", {"t-xss"}),
    ('"ادلب"* (', {"t-idlib", "t-idlib-plain"}),  # FTS syntax in the query is dropped
    ("ادلب OR NEAR(x", set()),  # ... or taken as words, all of which must be there
    ("", {"t-idlib", "t-taiz", "t-idlib-plain", "t-quiet", "t-failed", "t-xss"}),
    ("!!!", set()),
])
def test_full_text_search_is_arabic_normalised(store: Store, query: str, expected: set[str]) -> None:
    store.upsert_many(sample_records())
    total, items = store.search_articles(query)
    assert {a["doc_id"] for a in items} == expected
    assert total == len(expected)


def test_search_finds_words_with_proclitics(store: Store) -> None:
    rec = sample_records()[3]
    rec["doc_id"] = "t-clitic"
    rec["text"] = "وصلت قافلة المساعدات بإدلب، ثم عادت والقوات إلى حلب."
    rec["flags"]["content_hash"] = "x"
    store.upsert(rec)
    assert [a["doc_id"] for a in store.search_articles("إدلب")[1]] == ["t-clitic"]
    assert [a["doc_id"] for a in store.search_articles("القوات")[1]] == ["t-clitic"]


def _ids(store: Store, **kw: object) -> list[str]:
    total, items = store.query_events(EventFilter(**kw), limit=100)  # type: ignore[arg-type]
    assert total == len(items)
    return [e["id"] for e in items]


def test_event_filters(store: Store) -> None:
    store.upsert_many(sample_records())
    assert _ids(store) == ["ev-xss", "ev-aleppo-clash", "ev-idlib-air", "ev-jisr", "ev-sanaa-protest", "ev-taiz-shell"]
    assert set(_ids(store, country=["SY"])) == {"ev-idlib-air", "ev-aleppo-clash", "ev-jisr"}
    assert set(_ids(store, country=["sy", "YE"])) == {"ev-idlib-air", "ev-aleppo-clash", "ev-jisr", "ev-taiz-shell",
                                                        "ev-sanaa-protest"}
    assert set(_ids(store, admin1=["Idlib"])) == {"ev-idlib-air", "ev-jisr"}
    assert set(_ids(store, date_from="2015-07-25", date_to="2015-08-07")) == {"ev-sanaa-protest", "ev-jisr", "ev-idlib-air"}
    assert set(_ids(store, event_type=["Battles"])) == {"ev-aleppo-clash", "ev-jisr"}
    assert _ids(store, sub_event_type=["Peaceful protest"]) == ["ev-sanaa-protest"]
    assert set(_ids(store, actor="houthi")) == {"ev-taiz-shell"}
    assert set(_ids(store, actor="قوات النظام")) == {"ev-aleppo-clash", "ev-jisr"}
    assert set(_ids(store, actor="100%_")) == set()  # LIKE wildcards in the input are literal
    assert _ids(store, source="Syrian Observatory") == ["ev-idlib-air"]
    assert _ids(store, source="المرصد السوري") == ["ev-idlib-air"]
    assert set(_ids(store, source="otherpaper")) == {"ev-taiz-shell", "ev-sanaa-protest"}  # the article's source
    assert _ids(store, disputed=True) == ["ev-idlib-air"]
    assert len(_ids(store, disputed=False)) == 5
    assert set(_ids(store, q="إدلب")) == {"ev-idlib-air", "ev-aleppo-clash", "ev-jisr"}
    assert _ids(store, q="إدلب", event_type=["Battles"], country=["SY"], date_to="2015-07-30") == ["ev-jisr"]
    assert _ids(store, q="...") == []
    assert set(_ids(store, min_fatalities=3)) == {"ev-idlib-air", "ev-xss"}
    assert _ids(store, doc_id="t-taiz") == ["ev-sanaa-protest", "ev-taiz-shell"]


def test_paging(store: Store) -> None:
    store.upsert_many(sample_records())
    seen = []
    for offset in range(0, 8, 2):
        total, items = store.query_events(limit=2, offset=offset)
        assert total == 6
        seen += [e["id"] for e in items]
    assert seen == _ids(store)


def test_event_detail_and_article(store: Store) -> None:
    store.upsert_many(sample_records())
    ev = store.get_event("ev-idlib-air")
    assert ev is not None
    text = ev["article"]["text"]
    s, e = ev["evidence_span"]
    assert text[s:e] == ev["evidence"]
    assert [c["stance"] for c in ev["claims"]] == ["asserts", "denies"]
    assert ev["disputed"] is True
    assert [o["id"] for o in ev["other_events"]] == ["ev-aleppo-clash"]
    assert store.get_event("missing") is None


def test_timeline_facets_geo(store: Store) -> None:
    store.upsert_many(sample_records())
    assert store.timeline(bucket="month") == [{"period": "2015-07", "count": 3}, {"period": "2015-08", "count": 3}]
    assert store.timeline(EventFilter(country=["YE"])) == [{"period": "2015-07-24", "count": 1},
                                                          {"period": "2015-07-25", "count": 1}]
    facets = store.facets()
    assert facets["countries"][0] == {"value": "SY", "count": 3}
    assert facets["date_min"] == "2015-07-24" and facets["date_max"] == "2015-08-08"
    geo = store.geo_events(EventFilter(disputed=True))
    assert [(g["id"], g["lat"], g["lon"], g["disputed"]) for g in geo] == [("ev-idlib-air", 35.93, 36.63, True)]


def test_missing_sqlite_store_is_an_error(tmp_path) -> None:
    with pytest.raises(StoreError, match="marsad ingest"):
        open_store(tmp_path / "absent.db", create=False)
    s = open_store(f"sqlite:///{tmp_path / 'made.db'}")
    s.close()
    open_store(tmp_path / "made.db", create=False).close()
