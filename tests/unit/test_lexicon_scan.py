"""The compiled scan of a lexicon (marsad.text.lexicon_scan) gives the hits of the pure-Python
path (pyahocorasick and the checks in Python), in the same order, on random keys and texts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from marsad.events import lexicons
from marsad.places.geocode import idiom_lexicon
from marsad.text import lexicon_scan
from marsad.text.lexicon import Lexicon, LexMatch, _scan_prefixes
from marsad.text.normalize import normalize

# letters that make proclitics, articles, word ends and multi-word keys likely; a non-letter that
# keys may hold; a digit; a letter outside the BMP (in texts only: keys with one keep pyahocorasick)
_KEY_CHARS = "والبفكقتعدنه -'1"
_TEXT_CHARS = _KEY_CHARS + ".،\n𝐀😀"

pytestmark = pytest.mark.skipif(not lexicon_scan.compiled(), reason="numba is not installed")


def _lexicon(keys: list[str]) -> Lexicon[int]:
    lx: Lexicon[int] = Lexicon(min_key_chars=2)
    lx.add_all((k, i) for i, k in enumerate(keys))
    return lx.compile()


def _rows(matches: list[LexMatch[int]]) -> list[tuple[int, int, int, str, int]]:
    return [(m.start, m.end, m.word_start, m.key, m.payload) for m in matches]


_surface = st.tuples(st.sampled_from(["", "!", "ال", "!ال"]), st.text(_KEY_CHARS, min_size=1, max_size=6),
                     st.sampled_from(["", "*"])).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_surface, min_size=1, max_size=12), st.text(_TEXT_CHARS, max_size=80),
       st.integers(0, 90), st.integers(0, 90))
def test_compiled_scan_equals_the_python_path(surfaces: list[str], text: str, a: int, b: int) -> None:
    lx = _lexicon(surfaces)
    lo, hi = min(a, b), max(a, b)
    assert _rows(lx.matches(text)) == _rows(list(lx._iter_matches_py(text)))
    assert _rows(lx.matches(text, lo, hi)) == _rows(list(lx._iter_matches_py(text, lo, hi)))
    found = lexicon_find_py(lx, text, lo, hi)
    assert lx.find(text, lo, hi) == found
    grouped = lx.find_grouped(text, lo, hi)
    assert [m for m, _ in grouped] == [m for i, m in enumerate(found) if i == 0 or found[i - 1][:2] != m[:2]]
    assert [p for _, ps in grouped for p in ps] == [m.payload for m in found]


def lexicon_find_py(lx: Lexicon[int], text: str, lo: int, hi: int) -> list[LexMatch[int]]:
    from marsad.text.lexicon import _select

    return _select(list(lx._iter_matches_py(text, lo, hi)))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(_KEY_CHARS, min_size=2, max_size=7), min_size=1, max_size=30),
       st.text(_TEXT_CHARS, max_size=60), st.sampled_from([0, 40, 200]))
@example(keys=["11"], text="ا11", dense_entries=0)  # a run of proclitic letters that is no valid run
def test_sparse_nodes_and_the_python_loop(keys: list[str], text: str, dense_entries: int) -> None:
    """Few dense rows (deep nodes by their children and failure links), and the kernel's loop
    run by Python: the same rows as the compiled scan with the default tables."""
    lx = _lexicon(keys)
    if lx._tables is None:
        return
    keep = [sum(1 << i for i, kept in enumerate(combos) if kept) for combos in lx._kept]
    tables = lexicon_scan.build_tables(lx._keys, keep, dense_entries=dense_entries)
    assert tables is not None
    pre = _scan_prefixes()
    want = lexicon_scan.run_scan(lx._tables, pre, text, 0, len(text))
    assert lexicon_scan.run_scan(tables, pre, text, 0, len(text)) == want
    assert lexicon_scan.run_scan(tables, pre, text, 0, len(text), compiled_scan=False) == want
    chosen = lexicon_scan.run_scan(lx._tables, pre, text, 0, len(text), select=True)
    assert lexicon_scan.run_scan(tables, pre, text, 0, len(text), select=True, compiled_scan=False) == chosen
    if len(want) > 1:  # the selection's loop run by Python
        rows = np.array(want, dtype=np.int64)
        count = lexicon_scan.select_rows(rows, len(want), 0, len(text), len(text))
        assert rows[:count].tolist() == chosen


def test_many_hits_grow_the_output() -> None:
    lx = _lexicon(["قد", "قدقد", "دق"])
    text = "قد" * 700
    assert _rows(lx.matches(text)) == _rows(list(lx._iter_matches_py(text)))
    assert len(lx.matches(" ".join(["قد"] * 400))) == 400


def test_real_lexicons_on_news_sentences() -> None:
    texts = [normalize(t) for t in (
        "وقالت مصادر أمنية إن مسلحين قتلوا ثلاثة أشخاص وأصابوا آخرين في هجوم على حاجز للجيش قرب مدينة الرمادي.",
        "واندلعت اشتباكات عنيفة بين قوات الأمن ومحتجين في ريف دمشق الغربي، وللمرة الثانية خلال أسبوع.",
        "أعلنت وزارة الداخلية السعودية القبض على خلية إرهابية في منطقة القصيم بالمملكة.",
    )]
    text = " ".join(texts)
    for lx in (lexicons.triggers(), lexicons.modifiers(), idiom_lexicon()):
        assert lx.matches(text) == list(lx._iter_matches_py(text))
        for a in range(0, len(text), 37):
            assert lx.matches(text, a, a + 90) == list(lx._iter_matches_py(text, a, min(len(text), a + 90)))


def test_offsets_outside_the_text_are_clamped() -> None:
    lx = _lexicon(["عدن"])
    assert lx.matches("في عدن", -3, 99) == lx.matches("في عدن")
    assert lx.matches("في عدن", 5, 2) == []


def test_the_character_table_is_str_isalnum() -> None:
    table = _scan_prefixes().table[:lexicon_scan.N_CODEPOINTS] & lexicon_scan.ALNUM
    want = np.fromiter((chr(cp).isalnum() for cp in range(lexicon_scan.N_CODEPOINTS)), dtype=np.uint8,
                       count=lexicon_scan.N_CODEPOINTS)
    assert np.array_equal(table, want)


def test_keys_outside_the_bmp_keep_the_python_path() -> None:
    lx = _lexicon(["😀ق", "عدن"])
    assert lx._tables is None
    assert [m.payload for m in lx.find("😀ق في عدن")] == [0, 1]


@settings(max_examples=200, deadline=None)
@given(st.lists(_surface, min_size=1, max_size=12), st.text(_TEXT_CHARS, max_size=80),
       st.lists(st.integers(0, 90), min_size=1, max_size=8))
def test_find_spans_equals_the_python_path(surfaces: list[str], text: str, cuts: list[int]) -> None:
    lx = _lexicon(surfaces)
    points = sorted(set(cuts))
    spans = list(zip(points, [*points[1:], points[-1] + 7], strict=True))  # some past the text's end
    want = lx._find_spans_py(text, spans)
    assert [_rows(h) for h in lx.find_spans(text, spans)] == [_rows(h) for h in want]
    if lx._tables is not None:
        pre = _scan_prefixes()
        starts, ends = [a for a, _ in spans], [b for _, b in spans]
        assert lexicon_scan.run_scan_spans(lx._tables, pre, text, starts, ends, compiled_scan=False) == \
            lexicon_scan.run_scan_spans(lx._tables, pre, text, starts, ends)


def test_a_pickled_lexicon_matches_the_same() -> None:
    import pickle

    lx = _lexicon(["عدن", "الرقة", "اشتباك*", "!قتل", "مجلس الأمن"])
    text = normalize("قتل في عدن والرقة واشتباكات في مجلس الأمن")
    again = pickle.loads(pickle.dumps(lx))
    assert again._automaton is None  # built only for the Python path, when first needed
    assert again.find(text) == lx.find(text) and list(again._iter_matches_py(text)) == lx.matches(text)
