"""The pipeline: stage order, per-stage timings, errors caught per document, ``until``."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.model import Document, DocumentError, RawDocument
from marsad.pipeline import Pipeline, PipelineConfig, default_stages
from marsad_testdata import AR_PROTEST, AR_SHELLING, PNG_BYTES

FOUNDATION = ["decode", "html", "check", "boilerplate", "language", "text"]


@pytest.fixture(scope="module")
def upto_text() -> Pipeline:
    return Pipeline.default(PipelineConfig(until="text"))


@dataclass
class Recorder:
    name: str
    log: list[str] = field(default_factory=list)
    fail: BaseException | None = None

    def __call__(self, doc: Document) -> None:
        self.log.append(self.name)
        if self.fail is not None:
            raise self.fail


def test_default_stage_order() -> None:
    names = Pipeline.default().stage_names
    assert names[: len(FOUNDATION)] == FOUNDATION
    assert names[-1] == "ids"
    assert len(names) == len(set(names))


def test_until_stops_after_that_stage() -> None:
    assert Pipeline.default(PipelineConfig(until="text")).stage_names == FOUNDATION
    assert Pipeline.default(PipelineConfig(until="check")).stage_names == FOUNDATION[:3]
    with pytest.raises(ValueError, match="unknown stage"):
        default_stages(PipelineConfig(until="no-such-stage"))


def test_stages_run_in_order_with_timings() -> None:
    log: list[str] = []
    stages = [Recorder("one", log), Recorder("two", log), Recorder("three", log)]
    doc = Pipeline(stages).process(RawDocument("d", text="نص"))
    assert log == ["one", "two", "three"]
    assert list(doc.timings) == ["one", "two", "three"]
    assert all(t >= 0.0 for t in doc.timings.values())


def test_document_error_stops_that_document_only() -> None:
    log: list[str] = []
    stages = [Recorder("one", log), Recorder("two", log, DocumentError("empty", "nothing here")), Recorder("three", log)]
    pipe = Pipeline(stages)
    doc = pipe.process(RawDocument("d", text="نص"))
    assert log == ["one", "two"]
    assert (doc.error.kind, doc.error.message) == ("empty", "nothing here")
    assert list(doc.timings) == ["one", "two"]


@pytest.mark.parametrize("exc", [RuntimeError("boom"), KeyError("k"), ZeroDivisionError(), RecursionError()])
def test_any_exception_becomes_an_internal_error(exc: Exception) -> None:
    stages = [Recorder("ok"), Recorder("bad", fail=exc), Recorder("never")]
    doc = Pipeline(stages).process(RawDocument("d", text="نص"))
    assert doc.error is not None
    assert doc.error.kind == "internal"
    assert doc.error.message.startswith("stage bad: " + type(exc).__name__)


def test_failed_document_drops_half_made_analysis() -> None:
    def fills(doc: Document) -> None:
        doc.event_types.append("Battles")

    class Fills:
        name = "fills"

        def __call__(self, doc: Document) -> None:
            fills(doc)

    doc = Pipeline([Fills(), Recorder("bad", fail=RuntimeError("x"))]).process(RawDocument("d", data=b"abc"))
    assert doc.event_types == [] and doc.data is None and doc.html is None


def test_ingest_error_skips_every_stage() -> None:
    from marsad.model import DocError

    log: list[str] = []
    doc = Pipeline([Recorder("one", log)]).process(RawDocument("d", error=DocError("bad_json", "line 3")))
    assert log == [] and doc.error.kind == "bad_json"


def test_run_keeps_order_and_reports_each(upto_text: Pipeline) -> None:
    raws = [RawDocument("a", text=AR_SHELLING), RawDocument("b", data=PNG_BYTES), RawDocument("c", text=AR_PROTEST)]
    seen: list[str] = []
    out = list(upto_text.run(raws, on_done=lambda d: seen.append(d.doc_id)))
    assert [d.doc_id for d in out] == seen == ["a", "b", "c"]
    assert [d.error.kind if d.error else None for d in out] == [None, "binary", None]


def test_text_pass_fills_the_foundation_fields(upto_text: Pipeline) -> None:
    doc = upto_text.process(RawDocument("d", text=AR_SHELLING, published="2015-08-10T09:00:00Z", title="ت"))
    assert doc.error is None
    assert doc.published is not None and doc.published.isoformat() == "2015-08-10"
    assert doc.language == "ar"
    assert doc.body == [(0, len(AR_SHELLING))]
    assert doc.norm is not None and doc.norm.original == AR_SHELLING
    assert len(doc.sentences) == 3
    assert doc.words and all(AR_SHELLING[t.start:t.end] == t.text for t in doc.token_list())
    assert list(doc.timings) == FOUNDATION
    assert "content_hash" not in doc.flags  # the ids stage did not run


def test_unreadable_published_is_flagged(upto_text: Pipeline) -> None:
    doc = upto_text.process(RawDocument("d", text=AR_SHELLING, published="أمس"))
    assert doc.published is None
    assert doc.flags["published_unreadable"] == "أمس"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), data=st.binary(max_size=300), html=st.booleans())
def test_pipeline_never_raises(upto_text: Pipeline, text: str, data: bytes, html: bool) -> None:
    for raw in (
        RawDocument("t", text=text),
        RawDocument("h", html=text),
        RawDocument("b", data=data, is_html=html),
    ):
        doc = upto_text.process(raw)
        assert doc.error is None or (doc.error.kind and doc.error.message)


def test_pipeline_never_raises_on_random_bytes(upto_text: Pipeline) -> None:
    rng = random.Random(2015)
    for n in (1, 2, 3, 17, 500, 5000):
        for is_html in (False, True):
            data = bytes(rng.randrange(256) for _ in range(n))
            doc = upto_text.process(RawDocument("r", data=data, is_html=is_html))
            assert doc.error is None or doc.error.kind


def test_full_default_pipeline_on_arabic_text() -> None:
    doc = Pipeline.default().process(RawDocument("d", text=AR_SHELLING, published="2015-08-10"))
    assert doc.error is None
    assert list(doc.timings) == Pipeline.default().stage_names
    assert doc.text == AR_SHELLING


# -- batches -----------------------------------------------------------------------------------

@dataclass
class BatchRecorder:
    """A stage with ``pipe``: records the batches it saw; fails on documents whose text says so."""

    name: str = "batchy"
    batches: list[list[str]] = field(default_factory=list)
    singles: list[str] = field(default_factory=list)

    def __call__(self, doc: Document) -> None:
        self.singles.append(doc.doc_id)
        if "bad" in doc.text:
            raise DocumentError("bad", "a bad document")
        doc.flags["seen"] = True

    def pipe(self, docs: list[Document]) -> None:
        self.batches.append([d.doc_id for d in docs])
        if any("bad" in d.text for d in docs):
            raise RuntimeError("the batch fails as a whole")
        for d in docs:
            d.flags["seen"] = True


def test_batch_stage_sees_the_good_documents_together() -> None:
    stage = BatchRecorder()
    after = Recorder("after")
    from marsad.model import DocError

    # b failed at ingest: it never reaches a stage
    raws = [RawDocument("a", text="x"), RawDocument("b", error=DocError("bad_json", "line 2")), RawDocument("c", text="y")]
    pipe = Pipeline([stage, after])
    docs = pipe.process_batch(raws)
    assert [d.doc_id for d in docs] == ["a", "b", "c"]
    assert stage.batches == [["a", "c"]] and stage.singles == []
    assert docs[1].error is not None and "seen" not in docs[1].flags
    assert docs[0].flags["seen"] and docs[2].flags["seen"]
    assert docs[0].timings["batchy"] > 0 and after.log == ["after", "after"]


def test_a_failing_batch_is_rerun_one_document_at_a_time() -> None:
    stage = BatchRecorder()
    after = Recorder("after")
    raws = [RawDocument("a", text="good"), RawDocument("b", text="bad"), RawDocument("c", text="good too")]
    pipe = Pipeline([stage, after])
    docs = pipe.process_batch(raws)
    assert stage.batches == [["a", "b", "c"]] and stage.singles == ["a", "b", "c"]
    assert [d.error.kind if d.error else None for d in docs] == [None, "bad", None]
    assert after.log == ["after", "after"]  # the bad document stops there, the others go on


def test_batched_run_gives_the_records_of_one_by_one() -> None:
    pipe = Pipeline.default()
    raws = [RawDocument(f"d{i}", text=t, published="2015-05-01") for i, t in
            enumerate([AR_SHELLING, AR_PROTEST, "", AR_PROTEST + "\n" + AR_SHELLING])]
    one_by_one = [pipe.process(r).to_record() for r in raws]
    batched = [d.to_record() for d in pipe.run(raws, batch_size=3)]
    assert batched == one_by_one
    assert any(r.entities for r in batched)


@dataclass
class _Counting:
    """A stage that notes how many batches run through it at once."""

    name: str = "counting"
    running: list[int] = field(default_factory=lambda: [0, 0])  # now, most

    def __call__(self, doc: Document) -> None:
        import time

        self.running[0] += 1
        self.running[1] = max(self.running[1], self.running[0])
        time.sleep(0.02)
        self.running[0] -= 1


def test_threads_sharing_a_pipeline_take_turns() -> None:
    import pickle
    import threading

    stage = _Counting()
    pipe = Pipeline([stage])
    raws = [RawDocument(doc_id=f"d{i}", text="نص") for i in range(3)]
    threads = [threading.Thread(target=pipe.process_batch, args=(raws,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert stage.running[1] == 1
    copy = pickle.loads(pickle.dumps(pipe))  # the lock is not pickled; the copy has its own
    assert [d.doc_id for d in copy.process_batch(raws)] == ["d0", "d1", "d2"]
