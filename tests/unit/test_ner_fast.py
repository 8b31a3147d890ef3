"""The fast tagger gives exactly crfsuite's Viterbi tags, for any batch of sentences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.entities.fast import CrfWeights
from marsad.entities.ner import MAX_SENT_TOKENS, NerModel, bio_spans, document_chunks, document_sentence_tokens, sentence_tokens
from marsad.model import Document
from marsad.text.stage import TextStage

# words that the model labels in different ways (names, titles, places, organisations, punctuation)
VOCAB = ("قال", "الرئيس", "عبد", "ربه", "منصور", "هادي", "في", "مدينة", "عدن", "اليمنية", "وزارة",
         "الدفاع", "الروسية", "إن", "قوات", "التحالف", "العربي", "،", ".", "باراك", "أوباما",
         "الأمم", "المتحدة", "منظمة", "الصحة", "العالمية", "بغداد", "والموصل", "يوم", "الجمعة",
         "Reuters", "2015", "داعش", "حزب", "الله", "لبنان", "الشيخ", "محمد", "بن", "سلمان")


SEED_TEXT = Path(__file__).resolve().parents[3] / "shared" / "data" / "seed" / "kherson.txt"


@pytest.fixture(scope="module")
def model() -> NerModel:
    return NerModel.load()


def _reference(model: NerModel, sentences: list[list[str]]) -> list[list[str]]:
    return [model.tag_tokens(s) for s in sentences]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(VOCAB), min_size=0, max_size=40), min_size=1, max_size=8))
def test_fast_tags_equal_crfsuite(sentences: list[list[str]]) -> None:
    model = NerModel.load()  # module fixtures do not mix with hypothesis; the load is cheap
    assert model.fast.tag(sentences) == _reference(model, sentences)


def test_fast_tags_equal_crfsuite_on_real_text(model: NerModel) -> None:
    text = ("أعلن الرئيس اليمني عبد ربه منصور هادي من الرياض أن قوات التحالف العربي بقيادة السعودية "
            "استعادت مدينة عدن. وقال المتحدث باسم وزارة الخارجية الأمريكية جون كيربي إن واشنطن "
            "تدعم جهود الأمم المتحدة. ونقلت وكالة الأنباء السعودية (واس) عن مصدر مسؤول قوله ذلك.\n"
            "بغداد")
    sents = [[t.text for t in toks] for toks in sentence_tokens(text)]
    assert len(sents) == 4
    got = model.fast.tag(sents)
    assert got == _reference(model, sents)
    assert any(lab == "PER" for s in got for _, _, lab in bio_spans(s))


def test_a_long_and_a_one_word_sentence_together(model: NerModel) -> None:
    long = list(VOCAB) * 7  # 280 tokens: longer than any other in the batch
    sents = [["بغداد"], long, [], ["قال", "هادي"]]
    assert model.fast.tag(sents) == _reference(model, sents)


def test_stage_reuses_the_text_stage_tokens(model: NerModel) -> None:
    text = "قال الرئيس باراك أوباما في واشنطن. وأكدت منظمة الصحة العالمية ذلك."
    doc = Document(doc_id="d", text=text, body=[(0, len(text))])
    TextStage()(doc)
    from_doc = document_sentence_tokens(doc)
    assert [[t.text for t in s] for s in from_doc] == [[t.text for t in s] for s in sentence_tokens(text)]
    assert model.sentence_entities(text, from_doc) == model.entities(text)
    # the CRF's pieces: the text stage's words, each piece from where its first token may start
    chunks = document_chunks(doc)
    assert [ws for _, ws in chunks] == [[t.text for t in s] for s in from_doc]
    assert all(at <= s[0].start for (at, _), s in zip(chunks, from_doc, strict=True))


def test_weights_are_cached(model: NerModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path))
    assert model.path is not None
    first = CrfWeights.load(model.path)
    files = list(tmp_path.glob("ner-weights-*.pkl"))
    assert len(files) == 1
    again = CrfWeights.load(model.path)
    assert again.labels == first.labels and again.attributes == first.attributes
    assert np.array_equal(again.state, first.state) and np.array_equal(again.trans, first.trans)
    files[0].write_bytes(b"not a pickle")  # a damaged cache is rebuilt, not fatal
    assert CrfWeights.load(model.path).labels == first.labels


def test_gazetteer_names_per_base_equal_those_per_word(model: NerModel) -> None:
    from marsad.entities.fast import _GazWord

    ft = model.fast
    feat = model.featurizer
    words = [*VOCAB, "وعبد", "لعبد", "بالموصل", "والقاهرة", "ومنظمة", "للأمم", "وبغداد", "الشيخ", "آل"]
    compiled = 0
    for w in words:
        record = feat._word(w, cache=False)
        expected = _GazWord.of(feat._gaz_entries(record))
        assert ft._gaz_word(record[2]) == expected, w
        compiled += expected is not None and bool(expected.multi)
    assert compiled >= 3  # the words do start multi-word names of the gazetteer


def test_a_small_word_cache_keeps_the_tags_exact(model: NerModel) -> None:
    from marsad.entities.fast import FastTagger

    assert model.path is not None
    small = FastTagger(CrfWeights.load(model.path), model.featurizer, cache_size=24)
    batches = [[list(VOCAB[i:i + 9]), list(VOCAB[i + 3:i + 15])] for i in range(0, 30, 5)]
    for sents in batches * 2:  # the cache fills, is cut to its first half, and fills again
        assert small.tag(sents) == _reference(model, sents)
        assert len(small._row) <= 24 + 15


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(VOCAB), min_size=0, max_size=30), min_size=1, max_size=6))
def test_compiled_loops_equal_the_numpy_code(sentences: list[list[str]]) -> None:
    from marsad.entities.fast import FastTagger

    model = NerModel.load()
    assert model.path is not None
    weights = CrfWeights.load(model.path)
    jit, plain = FastTagger(weights, model.featurizer), FastTagger(weights, model.featurizer, jit=False)
    assert jit._jit is not None and plain._jit is None
    sents = [s for s in sentences if s]
    if not sents:
        return
    em_jit, em_plain = jit.emissions(sents), plain.emissions(sents)
    assert np.array_equal(em_jit, em_plain)  # bit for bit: same additions in the same order
    lengths = [len(s) for s in sents]
    assert np.array_equal(jit.viterbi(em_jit, lengths), plain.viterbi(em_plain, lengths))


def test_compiled_emissions_equal_the_numpy_code_on_real_text(model: NerModel) -> None:
    """The compiled pass (scores, sentence ends, word pairs, gazetteer marks of one and several
    words) adds what the numpy code adds, bit for bit; with an empty sentence in the batch the
    tagger takes its other path, and the scores are still the same."""
    from marsad.entities.fast import FastTagger

    assert model.path is not None
    text = (SEED_TEXT.read_text(encoding="utf-8") if SEED_TEXT.exists() else "") + (
        " أعلنت وزارة الدفاع الروسية ومنظمة الصحة العالمية والأمم المتحدة في مدينة عدن اليمنية أن قوات "
        "التحالف العربي دخلت مدينة نيويورك. وقال الأمين العام للأمم المتحدة بان كي مون إن الوضع خطير.")
    sents = [[t.text for t in toks] for toks in sentence_tokens(text)]
    weights = CrfWeights.load(model.path)
    jit, plain = FastTagger(weights, model.featurizer), FastTagger(weights, model.featurizer, jit=False)
    em_jit = jit.emissions(sents)
    assert np.array_equal(em_jit, plain.emissions(sents))
    assert jit._pairs and len(jit._names) > 0  # names of several words were looked at
    for with_empty in ([*sents[:1], [], *sents[1:]], [[], *sents], [*sents, []]):  # an empty sentence anywhere
        assert np.array_equal(jit.emissions(with_empty), em_jit)
        assert np.array_equal(plain.emissions(with_empty), em_jit)


def test_compiled_viterbi_breaks_ties_as_the_numpy_one(model: NerModel) -> None:
    from marsad.entities.fast import FastTagger

    assert model.path is not None
    weights = CrfWeights.load(model.path)
    jit, plain = FastTagger(weights, model.featurizer), FastTagger(weights, model.featurizer, jit=False)
    rng = np.random.default_rng(7)
    L = len(weights.labels)
    lengths = [1, 5, 17, 2, 40]
    for _ in range(20):
        em = rng.integers(0, 3, size=(sum(lengths), L)).astype(float)  # many equal scores
        tied = CrfWeights(weights.labels, weights.attributes, weights.state,
                          rng.integers(0, 2, size=(L, L)).astype(float))
        jit.w, plain.w = tied, tied
        assert np.array_equal(jit.viterbi(em, lengths), plain.viterbi(em, lengths))


DOCS = (
    "قال الرئيس عبد ربه منصور هادي في عدن إن قوات التحالف العربي تقدمت. وأكد هادي أن عدن آمنة. "
    "وزار هادي الرياض.",
    "أعلنت منظمة الصحة العالمية في جنيف ذلك. وقالت المنظمة إن الصحة العالمية تتابع.\nبغداد",
    "لا أسماء هنا على الإطلاق.",
    "",
    "التقى باراك أوباما ولي العهد محمد بن سلمان في واشنطن. وقال أوباما إن واشنطن والرياض حليفتان. أوباما",
)


def _document(text: str) -> Document:
    doc = Document(doc_id="d", text=text, body=[(0, len(text))] if text else [])
    TextStage()(doc)
    return doc


def test_a_batch_of_documents_gets_what_each_gets_alone(model: NerModel) -> None:
    docs = [_document(t) for t in DOCS]
    sents = [document_sentence_tokens(d) for d in docs]
    alone = [model.sentence_entities(d.text, s) for d, s in zip(docs, sents, strict=True)]
    assert sum(len(e) for e in alone) >= 8
    assert model.documents_entities([d.text for d in docs], [document_chunks(d) for d in docs]) == alone
    # the consistency pass added a mention the CRF left in the first document (so the batch
    # path's own pass is compared, not only the CRF's spans)
    crf = [s for toks in sents[0] for s in bio_spans(model.tag_tokens([t.text for t in toks]))]
    assert len(alone[0]) > len([s for s in crf if s[2] in ("PER", "LOC", "ORG")])


def test_compiled_consistency_pass_equals_the_python_ones(model: NerModel, monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch's compiled consistency pass adds what the per-document Python pass and the
    reference pass (consistency.harmonise, through sentence_entities) add."""
    texts = list(DOCS)
    if SEED_TEXT.exists():
        texts.append(SEED_TEXT.read_text(encoding="utf-8"))
    # names met again, with clitics, in other sentences, some next to other names
    texts.append("قال وزير الخارجية عادل الجبير إن الرياض تدعم اليمن. وأكد الجبير أن الرياض والقاهرة متفقتان. "
                 "وزار الجبير القاهرة ثم عاد إلى الرياض، وقال الجبير: لليمن حق. والجبير عادل الجبير في عدن.")
    docs = [_document(t) for t in texts]
    chunks = [document_chunks(d) for d in docs]
    compiled = model.documents_entities([d.text for d in docs], chunks)
    alone = [model.sentence_entities(d.text, document_sentence_tokens(d)) for d in docs]
    assert compiled == alone
    monkeypatch.setattr(NerModel, "_propagate_batch", lambda self, *a: None)
    assert model.documents_entities([d.text for d in docs], chunks) == compiled
    assert sum(len(e) for e in compiled) > 20


def test_documents_entities_with_a_tiny_word_cache(model: NerModel) -> None:
    from marsad.entities.fast import FastTagger

    assert model.path is not None
    docs = [_document(t) for t in DOCS]
    sents = [document_chunks(d) for d in docs]
    expected = model.documents_entities([d.text for d in docs], sents)
    model._fast["tagger"] = FastTagger(CrfWeights.load(model.path), model.featurizer, cache_size=30)
    try:
        for _ in range(3):  # the cache is cut (and the name keys renumbered) between batches
            assert model.documents_entities([d.text for d in docs], sents) == expected
    finally:
        del model._fast["tagger"]


def test_a_sentence_longer_than_a_piece_keeps_its_entity_offsets(model: NerModel) -> None:
    filler = " ".join(["و", "قال", "مصدر", "إن", "الوضع", "هادئ"] * 50)  # 300 tokens
    text = f"{filler} في بغداد وقال الرئيس باراك أوباما في واشنطن"
    doc = _document(text)
    assert len(doc.words) == 1 and len(doc.words[0]) > MAX_SENT_TOKENS
    chunks = document_chunks(doc)
    assert len(chunks) == 2 and text[chunks[1][0]:].startswith(chunks[1][1][0])
    got = model.documents_entities([text], [chunks])[0]
    assert got == model.sentence_entities(text, document_sentence_tokens(doc))
    assert any(e.text == "باراك أوباما" and text[e.start:e.end] == e.text for e in got)


def test_the_word_pair_hash_table_finds_every_pair_and_no_other(model: NerModel) -> None:
    from marsad.entities.fast import pair_slot

    bg = model.fast._bigrams
    mask = (1 << bg.bits) - 1

    def position(key: int) -> int:
        h = pair_slot(key, bg.bits)
        while bg.slot_keys[h] != -1:
            if bg.slot_keys[h] == key:
                return int(bg.slot_pos[h])
            h = (h + 1) & mask
        return -1

    keys = bg.keys.tolist()
    assert len(keys) > 1000 and all(position(k) == x for x, k in enumerate(keys))
    others = set(range(0, bg.size * bg.size, 997)) - set(keys)
    assert others and all(position(k) == -1 for k in others)
