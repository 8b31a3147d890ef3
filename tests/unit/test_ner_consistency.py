"""The document consistency pass and the compressed model file of the named-entity recogniser."""

from __future__ import annotations

import json
import lzma
import shutil
from pathlib import Path

import numpy as np
import pytest

from marsad.entities import train as T
from marsad.entities.consistency import document_names, harmonise, name_key
from marsad.entities.ner import NerModel, compress_model, crfsuite_file, meta_path, packaged_model_path, sentence_tokens


def test_name_key_strips_clitics_and_normalises() -> None:
    assert name_key("ولبنان") == name_key("لبنان") == name_key("وللبنان")
    assert name_key("للأمم") == name_key("الأمم")
    assert name_key("في") == "في"


def test_a_repeated_name_gets_the_label_it_had_elsewhere() -> None:
    sents = [["قال", "مدير", "منظمة", "الويبو", "إن", "بيروت", "آمنة"],
             ["وأكدت", "الويبو", "أن", "المكتب", "في", "وبيروت", "مغلق"]]
    tags = [["O", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O"],
            ["O", "O", "O", "O", "O", "O", "O"]]
    got = harmonise(sents, tags)
    # the CRF's own tags are kept; the missed mentions (one with a clitic) are tagged
    assert got[0] == tags[0]
    assert got[1] == ["O", "O", "O", "O", "O", "B-LOC", "O"]
    # "الويبو" alone was never a name of its own here (only inside "منظمة الويبو")
    tags[0][2:4] = ["O", "B-ORG"]
    assert harmonise(sents, tags)[1] == ["O", "B-ORG", "O", "O", "O", "B-LOC", "O"]


def test_longest_name_first_and_majority_label() -> None:
    sents = [["زار", "جون", "كيري", "باريس"], ["جون", "كيري", "في", "باريس"], ["ثم", "باريس", "و", "جون", "كيري"]]
    tags = [["O", "B-PER", "I-PER", "B-LOC"], ["O", "O", "O", "B-ORG"], ["O", "O", "O", "O", "O"]]
    got = harmonise(sents, tags)
    assert got[1][:2] == ["B-PER", "I-PER"]  # one two-word name, not two names
    assert got[1][3] == "B-ORG"  # a tag of the CRF is never changed
    # باريس: LOC once, ORG once: the first seen wins the tie
    assert got[2] == ["O", "B-LOC", "O", "B-PER", "I-PER"]


def test_short_words_misc_and_untagged_documents_are_left_alone() -> None:
    sents = [["في", "كأس", "العالم"], ["في", "كأس", "العالم"]]
    tags = [["B-LOC", "B-MISC", "I-MISC"], ["O", "O", "O"]]
    assert document_names([[name_key(w) for w in s] for s in sents], tags, ("PER", "LOC", "ORG")) == {}
    assert harmonise(sents, tags) == tags
    assert harmonise([["بيروت"]], [["O"]]) == [["O"]]


def test_names_are_collected_from_the_context() -> None:
    ctx = ([["وصل", "فيصل", "الحربي"]], [["O", "B-PER", "I-PER"]])
    assert harmonise([["قال", "الحربي"]], [["O", "O"]]) == [["O", "O"]]
    assert harmonise([["قال", "فيصل", "الحربي"]], [["O", "O", "O"]], context=ctx) == [["O", "B-PER", "I-PER"]]


class _StubTagger:
    """Stands for the fast tagger: tags every word of ``names`` in the first sentence only; its
    state scores favour ``O`` by ``doubt`` on the words of ``doubtful``."""

    labels = ("O", "B-LOC", "I-LOC")

    def __init__(self, names: dict[str, str], doubtful: frozenset[str] = frozenset(), doubt: float = 3.0) -> None:
        self.names = names
        self.doubtful = doubtful
        self.doubt = doubt
        self.scored: list[list[str]] = []

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        return [[("B-" + self.names[w]) if k == 0 and w in self.names else "O" for w in s] for k, s in enumerate(sentences)]

    def emissions(self, sentences: list[list[str]]) -> np.ndarray:
        self.scored.extend(sentences)
        return np.array([[self.doubt if w in self.doubtful else 0.0, 0.0, 0.0] for s in sentences for w in s])


def test_the_packaged_model_is_compressed_and_has_the_pass() -> None:
    model = NerModel.load()
    assert model.source is not None and model.source.name == "model.crfsuite.xz"
    assert model.consistency is not None and model.consistency["min_margin"] == -1.0


def test_the_model_runs_the_pass_over_a_document() -> None:
    model = NerModel.load()
    model.meta["consistency"] = {"labels": ["PER", "LOC", "ORG"]}
    text = "أعلن رئيس غوندوريا التعاون. وقال إن غوندوريا تدعم ذلك."
    model._fast["tagger"] = _StubTagger({"غوندوريا": "LOC"})  # type: ignore[assignment]
    got = [(e.text, e.label) for e in model.entities(text)]
    assert got == [("غوندوريا", "LOC"), ("غوندوريا", "LOC")]
    model.meta = {k: v for k, v in model.meta.items() if k != "consistency"}
    assert [(e.text, e.label) for e in model.entities(text)] == [("غوندوريا", "LOC")]


def test_the_crf_scores_can_veto_a_mention() -> None:
    model = NerModel.load()
    text = "أعلن رئيس غوندوريا التعاون. وقال إن غوندوريا تدعم ذلك. وزار الوفد غوندوريا."
    stub = _StubTagger({"غوندوريا": "LOC"}, doubtful=frozenset({"إن"}))
    model._fast["tagger"] = stub  # type: ignore[assignment]
    model.meta["consistency"] = {"labels": ["PER", "LOC", "ORG"], "min_margin": -1.0}
    assert len(model.entities(text)) == 3  # the doubt is on another word
    stub.doubtful = frozenset({"غوندوريا"})
    stub.scored.clear()
    # the CRF scores O 3 above B-LOC on the later mentions: margin -1 refuses them, -5 does not
    assert [e.start for e in model.entities(text)] == [text.index("غوندوريا")]
    assert len(stub.scored) == 2  # only the sentences with a candidate mention were scored
    model.meta["consistency"]["min_margin"] = -5.0
    assert len(model.entities(text)) == 3


def test_evaluation_takes_the_document_from_neighbouring_sentences() -> None:
    docs = [T.GoldDoc("زار غوندوريا أمس", ((4, 12, "LOC"),)), T.GoldDoc("في غوندوريا", ((3, 11, "LOC"),)),
            T.GoldDoc("جملة", ()), T.GoldDoc("من غوندوريا", ((3, 11, "LOC"),))]
    model = NerModel.load()
    model.meta["consistency"] = {"labels": ["PER", "LOC", "ORG"]}
    model._fast["tagger"] = _StubTagger({"غوندوريا": "LOC"})  # type: ignore[assignment]
    # the CRF (the stub) tags the name in the first sentence of the batch only: docs[0]
    assert model.fast.tag([["زار", "غوندوريا"], ["في", "غوندوريا"]]) == [["O", "B-LOC"], ["O", "O"]]
    assert T.count(model, docs, doc_window=1)["LOC"] == [2, 0, 1]  # docs[3] is too far from docs[0]
    assert T.count(model, docs, doc_window=3)["LOC"] == [3, 0, 0]


# ------------------------------------------------------------------------- the compressed model file
@pytest.fixture()
def plain_and_packed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path / "cache"))
    src = crfsuite_file(packaged_model_path())
    plain = tmp_path / "plain" / "model.crfsuite"
    plain.parent.mkdir()
    shutil.copyfile(src, plain)
    shutil.copyfile(meta_path(packaged_model_path()), meta_path(plain))
    packed_dir = tmp_path / "packed"
    shutil.copytree(plain.parent, packed_dir)
    packed = compress_model(packed_dir / "model.crfsuite")
    return plain, packed


def test_compressed_model_tags_as_the_plain_one(plain_and_packed: tuple[Path, Path], tmp_path: Path) -> None:
    plain, packed = plain_and_packed
    assert packed.name == "model.crfsuite.xz" and not (packed.parent / "model.crfsuite").exists()
    assert packed.stat().st_size < plain.stat().st_size / 2
    assert meta_path(packed) == packed.parent / "model.json"
    a, b = NerModel.load(plain), NerModel.load(packed)
    assert b.source == packed and b.path is not None and b.path.parent == tmp_path / "cache"
    assert b.path.read_bytes() == plain.read_bytes()
    assert a.meta == b.meta
    text = ("أعلن الرئيس اليمني عبد ربه منصور هادي من الرياض أن قوات التحالف العربي استعادت مدينة عدن. "
            "وقال المتحدث باسم وزارة الخارجية الأمريكية جون كيربي إن واشنطن تدعم جهود الأمم المتحدة.")
    assert a.entities(text) == b.entities(text) and a.entities(text)
    sents = [[t.text for t in s] for s in sentence_tokens(text)]
    assert [b.tag_tokens(s) for s in sents] == [a.tag_tokens(s) for s in sents] == b.fast.tag(sents)


def test_compressed_model_is_decompressed_once(plain_and_packed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    _, packed = plain_and_packed
    first = crfsuite_file(packed)

    def fail(_: bytes) -> bytes:
        raise AssertionError("decompressed again")

    monkeypatch.setattr(lzma, "decompress", fail)
    assert crfsuite_file(packed) == first
    assert NerModel.load(packed).path == first


def test_compressed_model_without_a_writable_cache(plain_and_packed: tuple[Path, Path], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    plain, packed = plain_and_packed
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("x")
    monkeypatch.setenv("MARSAD_CACHE", str(blocked / "cache"))
    p = crfsuite_file(packed)
    assert p.read_bytes() == plain.read_bytes()
    p.unlink()


def test_train_writes_a_compressed_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path / "cache"))
    docs = [T.GoldDoc("وصل الوزير خالد العمري إلى بيروت", ((11, 22, "PER"), (27, 32, "LOC")))] * 3
    out = T.train(docs, tmp_path / "m.crfsuite.xz", T.TrainParams(iterations=20, clusters=None))
    assert out.is_file() and not (tmp_path / "m.crfsuite").exists()
    meta = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert meta["consistency"] == {"labels": ["PER", "LOC", "ORG"], "min_chars": 3, "max_len": 6, "min_margin": -1.0}
    model = NerModel.load(out)
    assert [(e.text, e.label) for e in model.entities(docs[0].text)] == [("خالد العمري", "PER"), ("بيروت", "LOC")]
