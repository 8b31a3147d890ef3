"""The named-entity recogniser: training end to end, the packaged model, offsets, the stage.

The CoNLL fixture below was written for these tests (no corpus text is copied).
"""

from __future__ import annotations

import itertools
import json
import pickle
from pathlib import Path

import pytest

from marsad.entities import train as T
from marsad.entities.ner import EntityStage, NerModel, bio_spans, sentence_tokens
from marsad.model import Document, Entity
from marsad.text.normalize import normalize

FIXTURE = """\
وقال B-PER
سمير I-PER
حداد I-PER
إن O
الجيش O
دخل O
مدينة O
حلب B-LOC
. O

وصل O
الوزير O
خالد B-PER
العمري I-PER
إلى O
بيروت B-LOC
أمس O

أعلنت O
الأمم B-ORG
المتحدة I-ORG
أن O
الوضع O
في O
ولبنان B-LOC
مستقر O

التقى O
الرئيس O
سمير B-PER
حداد I-PER
وفد O
منظمة B-ORG
الصحة I-ORG
العالمية I-ORG
في O
دمشق B-LOC
( O
رويترز B-ORG
) O

فاز O
منتخب O
المغرب B-LOC
في O
كأس B-MISC
العالم I-MISC
"""
# the first sentence is deliberately odd (a PER span that starts on "وقال") to test projection


@pytest.fixture()
def fixture_conll(tmp_path: Path) -> Path:
    p = tmp_path / "tiny.conll"
    p.write_text(FIXTURE, encoding="utf-8")
    return p


def test_read_conll_matches_scorer_convention(fixture_conll: Path) -> None:
    docs = T.read_conll(fixture_conll)
    assert len(docs) == 5
    d = docs[1]
    assert d.text == "وصل الوزير خالد العمري إلى بيروت أمس"
    got = {(d.text[a:b], lab) for a, b, lab in d.spans}
    assert got == {("خالد العمري", "PER"), ("بيروت", "LOC")}
    # clitics stay inside the span, as in ANERcorp
    assert ("ولبنان", "LOC") in {(docs[2].text[a:b], lab) for a, b, lab in docs[2].spans}


def test_misc_is_kept_apart(fixture_conll: Path) -> None:
    d = T.read_conll(fixture_conll)[-1]
    assert [(d.text[a:b], lab) for a, b, lab in d.spans] == [("المغرب", "LOC")]
    assert [(d.text[a:b], lab) for a, b, lab in d.misc] == [("كأس العالم", "MISC")]
    assert T.sequences([d])[0][1] == ["O", "O", "B-LOC", "O", "O", "O"]
    assert T.sequences([d], misc=True)[0][1] == ["O", "O", "B-LOC", "O", "B-MISC", "I-MISC"]


def test_sequences_project_spans_onto_marsad_tokens(fixture_conll: Path) -> None:
    seqs = T.sequences(T.read_conll(fixture_conll))
    words, tags = seqs[-2]
    assert words[-3:] == ["(", "رويترز", ")"]
    assert tags[-3:] == ["O", "B-ORG", "O"]
    assert tags[words.index("منظمة"): words.index("منظمة") + 3] == ["B-ORG", "I-ORG", "I-ORG"]


def test_bio_spans() -> None:
    assert bio_spans(["O", "B-PER", "I-PER", "I-LOC", "O", "I-ORG"]) == [(1, 3, "PER"), (3, 4, "LOC"), (5, 6, "ORG")]
    assert bio_spans(["B-LOC", "B-LOC"]) == [(0, 1, "LOC"), (1, 2, "LOC")]


def test_train_tiny_fixture_end_to_end(fixture_conll: Path, tmp_path: Path) -> None:
    docs = T.read_conll(fixture_conll)
    model_path = T.train(docs, tmp_path / "tiny.crfsuite", T.TrainParams(c1=0.0, c2=0.01, iterations=50, clusters=None))
    assert model_path.is_file()
    meta = json.loads(model_path.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["clusters"] is None
    model = NerModel.load(model_path)
    # the training data is memorised
    rep = T.evaluate(model, docs)
    assert rep["ALL"]["f1"] > 0.8
    tags = model.tag_tokens(["وصل", "الوزير", "خالد", "العمري", "إلى", "بيروت"])
    assert tags[2:4] == ["B-PER", "I-PER"] and tags[5] == "B-LOC"
    # MISC is learnt but never output
    assert "B-MISC" in model.tagger.labels()
    assert model.tag_tokens(docs[-1].text.split())[4] == "B-MISC"
    assert all(e.label != "MISC" for e in model.entities(docs[-1].text))
    assert model.tag_tokens([]) == []


def test_cross_validation_runs(fixture_conll: Path) -> None:
    docs = T.read_conll(fixture_conll)
    cv = T.cross_validate(docs, folds=2, params=T.TrainParams(iterations=20, clusters=None), workers=1)
    assert set(cv["report"]) == {"PER", "LOC", "ORG", "ALL"}
    assert len(cv["per_fold_f1"]) == 2


def test_train_ner_command(fixture_conll: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from marsad.commands import train_ner

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    train_ner.register(sub)
    out = tmp_path / "m.crfsuite"
    args = parser.parse_args(["train-ner", str(fixture_conll), "-o", str(out), "--iterations", "20",
                              "--clusters", "none", "--eval", str(fixture_conll)])
    assert args.func(args) == 0
    assert out.is_file() and out.with_suffix(".json").is_file()
    assert "ALL" in capsys.readouterr().out


# ------------------------------------------------------------------------- the packaged model
TEXT = (
    "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس إن بلاده ستواصل دعم لبنان.\n"
    "واستقبل وزير الخارجية السعودي الأمير فيصل بن فرحان في الرياض وفدا من الأمم المتحدة."
)


@pytest.fixture(scope="module")
def packaged() -> NerModel:
    return NerModel.load()


def _check_offsets(text: str, ents: list[Entity]) -> None:
    for e in ents:
        assert text[e.start:e.end] == e.text
        assert e.text == e.text.strip() and e.text
        assert e.label in ("PER", "LOC", "ORG")
    assert all(a.end <= b.start for a, b in itertools.pairwise(ents))


def test_packaged_model_finds_people_and_places(packaged: NerModel) -> None:
    ents = packaged.entities(TEXT)
    _check_offsets(TEXT, ents)
    got = {(e.text, e.label) for e in ents}
    assert ("إيمانويل ماكرون", "PER") in got
    assert ("باريس", "LOC") in got
    assert ("الرياض", "LOC") in got
    assert any(e.label == "PER" and "فيصل" in e.text for e in ents)


def test_offsets_with_spans_and_odd_characters(packaged: NerModel) -> None:
    # diacritics, tatweel and a preamble outside the body spans
    text = "عنوان\n\nوقال الرئيسُ الأمريكي جو بايدن في واشنطـن أمس إن المحادثات مستمرة."
    body = [(7, len(text))]
    ents = packaged.entities(text, body)
    _check_offsets(text, ents)
    assert all(e.start >= 7 for e in ents)
    assert any(e.label == "LOC" and e.text == "واشنطـن" for e in ents)
    assert packaged.entities("") == []


def test_sentence_tokens_cover_spans() -> None:
    text = "أ ب. ج د"
    sents = list(sentence_tokens(text))
    assert [[t.text for t in s] for s in sents] == [["أ", "ب", "."], ["ج", "د"]]
    assert list(sentence_tokens(text, [(5, 8)])) == [sents[1]]


def test_entity_stage_fills_document() -> None:
    stage = EntityStage()
    assert stage.name == "entities"
    doc = Document(doc_id="d1", text=TEXT, body=[(0, len(TEXT))])
    stage(doc)
    assert doc.entities
    _check_offsets(doc.text, doc.entities)
    # the model is loaded once per stage instance
    m = stage.model
    stage(Document(doc_id="d2", text="لا شيء هنا", body=[(0, 10)]))
    assert stage.model is m
    # stages travel to worker processes without their loaded model
    clone = pickle.loads(pickle.dumps(stage))
    assert clone == stage and clone.name == "entities"


def test_train_ner_refuses_to_overwrite_model_description(fixture_conll: Path, tmp_path: Path) -> None:
    import argparse

    from marsad.commands import train_ner

    parser = argparse.ArgumentParser()
    train_ner.register(parser.add_subparsers())
    out = tmp_path / "m.crfsuite"
    args = parser.parse_args(["train-ner", str(fixture_conll), "-o", str(out), "--json", str(tmp_path / "m.json")])
    assert args.func(args) == 2
    assert not out.exists()


# ------------------------------------------------------------------------- mined resources
# normalised tokens, as marsad.entities.clusters.iter_sentences gives them
_CORPUS = [[normalize(w) for w in s.split()] for s in [
    "قال الرئيس باراك اوباما ان وزارة الخارجية الامريكية اصدرت بيانا",
    "واستقبل الرئيس باراك اوباما وزير الدفاع في البيت الابيض",
    "واكد الرئيس باراك اوباما ان وزارة الخارجية ستعمل مع منظمة الصحة العالمية",
    "وقالت وزارة الخارجية ان منظمة الصحة العالمية ارسلت فريقا الى القصف",
] * 3]


def test_profiles_are_deterministic_and_read_back(tmp_path: Path) -> None:
    from marsad.entities import profiles as P

    prof = P.build(_CORPUS, min_count=3)
    assert prof["اوباما"].split()[1] == "t5"  # always after a title
    assert prof["الخارجيه"].startswith("aX")
    out = tmp_path / "p.tsv.gz"
    P.write(prof, out)
    assert P.load(out) == prof
    P.write(P.build(list(reversed(_CORPUS)), min_count=3), tmp_path / "q.tsv.gz")
    assert P.load(tmp_path / "q.tsv.gz") == prof
    assert P.load(tmp_path / "missing.tsv.gz") == {}


def test_profiles_become_features() -> None:
    from marsad.entities.features import Featurizer

    f = Featurizer(profiles={"اوباما": "a0 t5 o0 l0 b0 f9"})
    feats = f.sentence(["قال", "اوباما", "وأوباما"])
    assert "pt=5" in feats[1] and "pat=a0t5" in feats[1]
    assert "pt=5" in feats[2] and "pfb" in feats[2]  # through the clitic-less base
    assert "+1pt=5" in feats[0]
    assert "p=none" in feats[0]
    assert not any(x.startswith("p") and "=" in x and x[1] in "atolbf" for x in Featurizer(profiles={}).sentence(["قال"])[0])


def test_mined_names() -> None:
    from marsad.entities import profiles as P
    from marsad.entities.features import load_cues
    from marsad.entities.mine import mine

    got = mine(_CORPUS, load_cues(), P.build(_CORPUS, min_count=3), min_org=3, min_per=3)
    assert "باراك اوباما" in got["PERM"]
    assert "وزاره الخارجيه" in got["ORGM"]
    assert "منظمه الصحه العالميه" in got["ORGM"]
    assert "منظمه الصحه" not in got["ORGM"]  # not closed: always goes on with العالمية


def test_actor_names_for_gazetteer() -> None:
    from marsad.entities.gazetteer import actor_names

    names = actor_names()
    assert names and all(n == n.strip() and not n.endswith("*") for n in names)


def test_written_form_and_person_name_parts() -> None:
    from marsad.entities.features import Featurizer

    f = Featurizer(profiles={}, gazetteers={"PERM": ["باراك أوباما"], "CITY": ["باريس"]})
    feats = f.sentence(["التقى", "باراك", "أوباما", "على", "هامش"])
    assert "nf" in feats[1] and "nl" not in feats[1]
    assert "nl" in feats[2] and "+1nl" in feats[1]
    assert "r=على" in feats[3] and "w=علي" in feats[3]  # normalising folds ى into ي
    assert "r=أوباما" in feats[2]
    assert not any(x.startswith("r=") for x in feats[4])
    # without PERM names, no name-part features
    assert not any(x in ("nf", "nl") for x in Featurizer(profiles={}, gazetteers={"CITY": ["باريس"]}).sentence(["باراك"])[0])
