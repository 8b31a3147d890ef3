"""Syndicated copies (marsad.dedup): exact and near copies are marked, other articles are not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.dedup import (
    HOLD,
    BandIndex,
    SyndicatedRecord,
    Syndication,
    mark_syndicated,
    minhash,
    shingle_hashes,
    signature,
    word_hashes,
)
from marsad.model import Actor, Claim, DocError, Event, Location, Record
from marsad.output import dumps
from marsad.text.normalize import normalize
from marsad_testdata import jsonl_records, run_marsad

# A wire story (written for this test) ...
WIRE = (
    "قتل خمسة مدنيين وأصيب اثنا عشر آخرون اليوم الثلاثاء في غارة جوية استهدفت سوقا للخضار في مدينة تعز جنوب غربي "
    "اليمن، وفق ما أفادت مصادر طبية في المدينة.\n"
    "وقالت المصادر إن الغارة وقعت قرابة الساعة العاشرة صباحا حين كان السوق مكتظا بالمتسوقين، وإن بين القتلى طفلين "
    "وامرأة، فيما نقل الجرحى إلى مستشفى الثورة العام ومستشفى الروضة الخاص.\n"
    "وأضاف شهود عيان أن الطائرة حلقت فوق المنطقة لدقائق قبل أن تطلق صاروخين على السوق، ما أدى إلى تدمير عدد من "
    "المحال التجارية واحتراق سيارتين كانتا متوقفتين قرب المدخل الشرقي.\n"
    "ولم تعلن أي جهة مسؤوليتها عن الغارة حتى الآن، فيما دعت منظمات إنسانية إلى فتح تحقيق مستقل في الحادث وحماية "
    "المدنيين والأسواق والمرافق العامة من الاستهداف."
)
# ... republished by another paper with its own dateline, a trimmed word or two and a footer
NEAR_COPY = (
    "تعز - (واس):\n"
    + WIRE.replace("اليوم الثلاثاء", "أمس الثلاثاء").replace("وفق ما أفادت", "حسبما أفادت")
    + "\nاقرأ أيضا: ارتفاع أسعار الوقود في عدن\nتابعونا على تويتر\nجميع الحقوق محفوظة لصحيفة المثال"
)
# A different article on the same incident: same topic, same place, written independently.
SAME_TOPIC = (
    "شهدت مدينة تعز صباح الثلاثاء يوما داميا بعدما سقط صاروخان على سوق شعبي مزدحم، وقال مسعفون إن حصيلة "
    "الضحايا بلغت خمسة قتلى على الأقل بينهم أطفال.\n"
    "وروى بائع خضار نجا من الهجوم أنه سمع صوت الطائرة ثم انفجارين متتاليين، وأن النيران التهمت البسطات "
    "والعربات خلال دقائق قبل وصول فرق الدفاع المدني.\n"
    "ويأتي الهجوم بعد أسبوع من هدنة قصيرة لم تصمد طويلا، إذ تبادلت الأطراف المتحاربة الاتهامات بخرقها، "
    "بينما حذرت الأمم المتحدة من تدهور الوضع الإنساني في المحافظة المحاصرة.\n"
    "وطالب ناشطون محليون بممرات آمنة لإدخال الأدوية والوقود إلى الأحياء الشرقية التي تعاني نقصا حادا منذ أشهر."
)
# And an unrelated one on another subject.
OTHER = (
    "افتتح وزير الثقافة مساء أمس معرض الكتاب الدولي في دورته الجديدة بمشاركة أكثر من خمسمئة دار نشر من ثلاثين "
    "دولة، وتضمن حفل الافتتاح تكريم عدد من الكتاب والمترجمين.\n"
    "ويستمر المعرض عشرة أيام يتخلله برنامج ثقافي يضم ندوات وأمسيات شعرية وورشا للأطفال في القاعات المجاورة."
)


def rec(doc_id: str, text: str, published: str | None = "2015-08-04", source: str | None = "paper-a",
        events: list[Event] | None = None, error: DocError | None = None, url: str | None = None) -> Record:
    return Record(doc_id=doc_id, language="ar", published=published, title=None, url=url, text=text,
                  events=events or [], event_types=[], entities=[], flags={"boilerplate_chars": 0, "syndicated_of": None},
                  error=error, source=source)


def marked(records: list[Record], **kw) -> list[Record]:
    return [r for r, _t in mark_syndicated(((r, {}) for r in records), **kw)]


def event(eid: str, *, place: int = 70225, day: str = "2015-08-04", sub: str = "Air/drone strike",
          claims: list[Claim] | None = None) -> Event:
    loc = Location(text="تعز", name="Taizz", country="Yemen", admin1="Taizz", lat=13.58, lon=44.02, geonameid=place,
                   precision=1)
    return Event(event_type="Explosions/Remote violence", sub_event_type=sub, date=day, date_precision=1,
                 location=loc, actor1=Actor("", "Unidentified Military Forces", 8, ""), actor2=None, fatalities=5,
                 claims=list(claims or []), disputed=False, evidence="غارة جوية", evidence_span=(0, 9),
                 confidence=0.8, id=eid)


# --- finding copies -----------------------------------------------------------------------------


def test_exact_copy_is_marked() -> None:
    out = marked([rec("a", WIRE), rec("b", WIRE, source="paper-b")])
    assert out[0].flags["syndicated_of"] is None
    assert out[1].flags["syndicated_of"] == "a"


def test_near_copy_with_other_header_and_footer_is_marked() -> None:
    a, b = signature(WIRE)[0], signature(NEAR_COPY)[0]
    assert a is not None and b is not None and 0.5 < a.jaccard(b) < 1.0
    out = marked([rec("wire", WIRE), rec("copy", NEAR_COPY, source="paper-b")])
    assert out[1].flags["syndicated_of"] == "wire"


def test_same_topic_and_unrelated_articles_are_not_merged() -> None:
    out = marked([rec("wire", WIRE), rec("same-topic", SAME_TOPIC), rec("other", OTHER), rec("copy", NEAR_COPY)])
    assert [r.flags["syndicated_of"] for r in out] == [None, None, None, "wire"]


def test_copies_point_to_the_first_seen_never_to_a_chain() -> None:
    # the third is a copy of the second (and of the first): all point to the first
    out = marked([rec("a", WIRE, published="2015-08-04"), rec("b", NEAR_COPY, published="2015-08-05"),
                  rec("c", NEAR_COPY + "\nنشر في الصفحة الأولى", published="2015-08-06")])
    assert [r.flags["syndicated_of"] for r in out] == [None, "a", "a"]


def test_an_earlier_dated_copy_arriving_later_points_to_the_first_seen() -> None:
    out = marked([rec("late", WIRE, published="2015-08-05"), rec("early", NEAR_COPY, published="2015-08-03")])
    assert out[1].flags["syndicated_of"] == "late"


def test_a_document_matching_two_clusters_joins_the_earliest_original() -> None:
    # two separate clusters (different subjects) and a document that contains both stories
    both = WIRE + "\n" + OTHER
    syn = Syndication(threshold=0.3, containment=0.6)
    out = marked([rec("o2", OTHER, published="2015-08-05"), rec("w1", WIRE, published="2015-08-02"),
                  rec("both", both, published="2015-08-06")], syndication=syn)
    assert out[2].flags["syndicated_of"] == "w1"


def test_short_texts_match_only_identical_texts() -> None:
    short = "انفجار في تعز"
    out = marked([rec("s1", short), rec("s2", short), rec("s3", "انفجار في عدن"), rec("s4", "  انفجار   في تعز ")])
    assert [r.flags["syndicated_of"] for r in out] == [None, "s1", None, "s1"]


def test_documents_with_errors_are_left_alone() -> None:
    out = marked([rec("a", WIRE), rec("bad", WIRE, error=DocError("empty", "x")), rec("c", "")])
    assert [r.flags["syndicated_of"] for r in out] == [None, None, None]


def test_order_and_count_are_kept_and_dedup_time_is_reported() -> None:
    texts = [WIRE, SAME_TOPIC, OTHER, NEAR_COPY, WIRE, OTHER]
    records = [rec(f"d{i}", t) for i, t in enumerate(texts)]
    for hold in (0, 1, 3, HOLD):
        got = list(mark_syndicated(((r, {"text": 0.001}) for r in records), hold=hold))
        assert [r.doc_id for r, _t in got] == [f"d{i}" for i in range(len(texts))]
        assert all("dedup" in t and "text" in t for _r, t in got)


def test_max_docs_forgets_the_oldest() -> None:
    syn = Syndication(max_docs=1)
    out = marked([rec("a", WIRE), rec("b", OTHER), rec("c", WIRE)], syndication=syn)
    assert out[2].flags["syndicated_of"] is None  # "a" was dropped from the index


@pytest.mark.parametrize("index", ["compact", "datasketch"])
def test_both_indexes_mark_the_same_copies(index: str) -> None:
    texts = [WIRE, SAME_TOPIC, OTHER, NEAR_COPY, WIRE + "\nانتهى", OTHER, SAME_TOPIC.replace("تعز", "عدن")]
    out = marked([rec(f"d{i}", t) for i, t in enumerate(texts)], syndication=Syndication(index=index))
    assert [r.flags["syndicated_of"] for r in out] == [None, None, None, "d0", "d0", "d2", "d1"]


def test_band_index_finds_inserted_signatures_and_forgets_removed_ones() -> None:
    idx = BandIndex(0.4)
    a, b, c = signature(WIRE)[0], signature(NEAR_COPY)[0], signature(OTHER)[0]
    assert a is not None and b is not None and c is not None
    idx.insert(1, a)
    idx.insert(2, c)
    idx.insert(3, a)
    assert idx.query(b) == [1, 3] and idx.query(a) == [1, 3] and idx.query(c) == [2]
    idx.remove(1)
    idx.remove(2)
    assert idx.query(a) == [3] and idx.query(c) == [] and len(idx) == 1
    idx.remove(99)  # unknown: nothing happens


# --- hashing ------------------------------------------------------------------------------------


def test_word_hashes_follow_words() -> None:
    h = word_hashes(normalize("قال الرئيس، قال: الرئيس 2015"))
    assert len(h) == 5 and h[0] == h[2] and h[1] == h[3] and len(set(h.tolist())) == 3
    assert len(word_hashes("")) == 0 and len(word_hashes(" ... ")) == 0
    assert len(shingle_hashes("كلمة واحدة")) == 0


def test_signatures_are_the_same_in_every_process() -> None:
    here = signature(WIRE)[0]
    code = ("import sys, json; from marsad.dedup import signature; "
            "print(json.dumps(signature(sys.stdin.read())[0].hashvalues.tolist()))")
    other = subprocess.run([sys.executable, "-c", code], input=WIRE, capture_output=True, text=True, check=True)
    assert here is not None and json.loads(other.stdout) == here.hashvalues.tolist()


def test_minhash_estimates_jaccard() -> None:
    import numpy as np

    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**63, 2000, dtype=np.uint64)
    other = np.concatenate((base[:1000], rng.integers(0, 2**63, 1000, dtype=np.uint64)))  # true Jaccard 1/3
    est = float(np.mean(minhash(base) == minhash(other)))
    assert abs(est - 1 / 3) < 0.15


# --- events -------------------------------------------------------------------------------------


def test_events_of_a_copy_point_to_the_original_event_which_gains_the_copy_as_a_source() -> None:
    claim = Claim("مصادر طبية", "Medical sources", "unnamed")
    orig = rec("wire", WIRE, source="paper-a", events=[event("ev-a", claims=[claim])])
    copy1 = rec("copy1", NEAR_COPY, source="paper-b", url="http://b.example/1",
                events=[event("ev-b"), event("ev-b2", sub="Shelling/artillery/missile attack")])
    copy2 = rec("copy2", WIRE, source="paper-c", events=[event("ev-c")])
    copy3 = rec("copy3", WIRE, source="paper-b", events=[event("ev-d")])  # paper-b again: credited once
    out = [r.to_dict() for r in marked([orig, copy1, copy2, copy3])]
    ev_a = out[0]["events"][0]
    assert "duplicate_of" not in ev_a
    assert [(c["source_name"], c["source_kind"]) for c in ev_a["claims"]] == [
        ("Medical sources", "unnamed"), ("paper-b", "media"), ("paper-c", "media")]
    assert ev_a["claims"][1]["channel"] == "http://b.example/1"
    assert out[1]["events"][0]["duplicate_of"] == "ev-a"
    assert "duplicate_of" not in out[1]["events"][1]  # another kind of event: not the same incident
    assert out[2]["events"][0]["duplicate_of"] == "ev-a"
    assert out[3]["events"][0]["duplicate_of"] == "ev-a"
    # one incident, three papers: one event without duplicate_of, credited to all of them
    incidents = [e for r in out for e in r["events"] if "duplicate_of" not in e and e["sub_event_type"] == "Air/drone strike"]
    assert len(incidents) == 1


def test_a_syndicated_record_without_duplicates_writes_like_a_record() -> None:
    r = rec("wire", WIRE, events=[event("ev-a")])
    fields = ("doc_id", "language", "published", "title", "url", "text", "events", "event_types", "entities", "flags",
              "error", "source")
    same = SyndicatedRecord(**{f: getattr(r, f) for f in fields})
    assert dumps(same) == dumps(r)
    assert "duplicate_of" in dumps(SyndicatedRecord(**{f: getattr(r, f) for f in fields}, duplicate_of={"ev-a": "ev-0"}))


def test_events_on_another_day_or_place_stay_separate() -> None:
    orig = rec("wire", WIRE, events=[event("ev-a")])
    copy = rec("copy", NEAR_COPY, events=[event("ev-b", day="2015-08-03"), event("ev-c", place=71137)])
    out = [r.to_dict() for r in marked([orig, copy])]
    assert all("duplicate_of" not in e for e in out[1]["events"])
    assert len(out[0]["events"][0]["claims"]) == 0


def test_a_copy_seen_after_the_original_was_written_still_points_to_its_event() -> None:
    syn = Syndication()
    orig = rec("wire", WIRE, events=[event("ev-a")])
    copy = rec("copy", WIRE, source="paper-z", events=[event("ev-b")])
    out = [r.to_dict() for r in marked([orig, copy], hold=0, syndication=syn)]
    assert out[1]["events"][0]["duplicate_of"] == "ev-a"
    assert out[0]["events"][0]["claims"] == []
    assert syn.stats.claims_late == 1 and syn.stats.claims_added == 0


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture()
def copies_jsonl(tmp_path: Path) -> Path:
    p = tmp_path / "copies.jsonl"
    rows = [{"doc_id": "wire", "text": WIRE, "published": "2015-08-04", "source": "paper-a"},
            {"doc_id": "same-topic", "text": SAME_TOPIC, "published": "2015-08-04", "source": "paper-b"},
            {"doc_id": "copy", "text": NEAR_COPY, "published": "2015-08-05", "source": "paper-c"}]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return p


def test_extract_marks_copies_by_default(copies_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_marsad("extract", copies_jsonl, "-o", out, "--no-progress")
    recs = jsonl_records(out.read_text(encoding="utf-8"))
    assert [r["flags"]["syndicated_of"] for r in recs] == [None, None, "wire"]
    assert recs[2]["text"] == NEAR_COPY  # the copy's own text and offsets are untouched
    for r in recs[2]["events"]:
        dup = r.get("duplicate_of")
        assert dup is None or dup in {e["id"] for e in recs[0]["events"]}


def test_extract_no_dedup(copies_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_marsad("extract", copies_jsonl, "-o", out, "--no-dedup", "--no-progress")
    recs = jsonl_records(out.read_text(encoding="utf-8"))
    assert [r["flags"]["syndicated_of"] for r in recs] == [None, None, None]
    assert all("duplicate_of" not in e for r in recs for e in r["events"])


@pytest.mark.parametrize("text", ["", " ... ", "قال الرئيس، قال: الرئيس 2015", WIRE, "كلمة" + "\U00030000" + "أخرى ١٢ abc_d",
                                  " ".join(f"w{i}" for i in range(3000))])
def test_compiled_signature_loops_equal_the_numpy_code(text: str) -> None:
    import numpy as np

    from marsad import dedup

    word_loop, minhash_loop = dedup._loops()
    assert word_loop is not None and minhash_loop is not None  # numba is installed
    codes = dedup.code_points(text)
    hashes = word_loop(codes, dedup._is_word_u8(), dedup._P)
    assert np.array_equal(hashes, dedup._word_hashes_numpy(codes))
    sh = dedup.shingle_hashes(text)
    if sh.size:
        perm = np.multiply.outer(sh, dedup._PERM_A)
        perm += dedup._PERM_B
        perm >>= np.uint64(32)
        assert np.array_equal(minhash_loop(sh, dedup._PERM_A, dedup._PERM_B), perm.min(axis=0).astype(np.uint32))


@pytest.mark.parametrize("text", ["", " ... ", "قال الرئيس، قال: الرئيس 2015", WIRE, NEAR_COPY, OTHER,
                                  "كلمة" + "\U00030000" + "أخرى ١٢ abc_d\u064e\u0640" * 5, "a b c d e f g h i j",
                                  "a b c d e f g h i j k", " ".join(f"w{i}" for i in range(3000))])
def test_one_loop_signature_equals_the_steps(text: str) -> None:
    import numpy as np

    from marsad import dedup

    kernel = dedup._signature_kernel()
    assert kernel is not None  # numba is installed
    sig, exact = dedup.signature(text)  # the one loop
    sh = dedup.shingle_hashes(text)  # the steps one by one
    if sh.size < dedup.MIN_SHINGLES:
        assert sig is None and exact == dedup._exact_key(text)
    else:
        assert exact is None and sig is not None and sig.size == sh.size
        assert sig.hashvalues.dtype == np.uint32 and np.array_equal(sig.hashvalues, dedup.minhash(sh))
    # the loop itself, not compiled, gives the same
    raw = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    args = (dedup._fold_table(), dedup._is_word_u8(), dedup._P, dedup._MIX_ARRAY, dedup._FMIX_ARRAY,
            dedup._PERM_A, dedup._PERM_B, dedup.MIN_SHINGLES)
    if len(text) < 2000:  # (slow in plain Python)
        with np.errstate(over="ignore"):
            hv, size = dedup._signature_loop(raw, *args)
        assert size == sh.size or (size < dedup.MIN_SHINGLES and sh.size < dedup.MIN_SHINGLES)
        if sig is not None:
            assert np.array_equal(hv.astype(np.uint32), sig.hashvalues)


def test_band_keys_of_the_compiled_loop_equal_numpy() -> None:
    import numpy as np

    from marsad import dedup

    index = dedup.BandIndex(dedup.LSH_THRESHOLD)
    for text in (WIRE, NEAR_COPY, OTHER):
        sig = signature(text)[0]
        assert sig is not None
        bands = sig.hashvalues[: index.b * index.r].astype(np.uint64).reshape(index.b, index.r)
        expected = ((bands * index._mult).sum(axis=1, dtype=np.uint64) ^ index._salt).tolist()
        assert index._band_keys(sig) == expected
        with np.errstate(over="ignore"):
            assert dedup._band_loop(sig.hashvalues, index._mult, index._salt).tolist() == expected


def test_known_band_params_are_datasketchs() -> None:
    from datasketch import MinHashLSH

    from marsad import dedup

    assert (dedup.LSH_THRESHOLD, dedup.NUM_PERM) in dedup.KNOWN_BAND_PARAMS
    for (threshold, num_perm), (b, r) in dedup.KNOWN_BAND_PARAMS.items():
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        assert (lsh.b, lsh.r) == (b, r) == dedup.band_params(threshold, num_perm)
    lsh = MinHashLSH(threshold=0.7, num_perm=128)  # not in the table: asked of datasketch
    assert dedup.band_params(0.7, 128) == (lsh.b, lsh.r)
    index = dedup.BandIndex(dedup.LSH_THRESHOLD)
    assert (index.b, index.r) == dedup.KNOWN_BAND_PARAMS[(dedup.LSH_THRESHOLD, dedup.NUM_PERM)]


def test_word_table_is_isalnum_below_u30000() -> None:
    import numpy as np

    from marsad import dedup

    table = dedup._is_word_table()
    slow = np.array([chr(c).isalnum() for c in range(0x30000)], dtype=bool)
    assert table.dtype == bool and table.size == 0x110000
    assert (table[:0x30000] == slow).all() and not table[0x30000:].any()
