"""Cached derived data: built once, read back, rebuilt when damaged, stale versions removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import resources


def test_cached_pickle_builds_once_and_drops_stale_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path))
    calls: list[str] = []

    def build(tag: str) -> dict[str, str]:
        calls.append(tag)
        return {"built": tag}

    assert resources.cached_pickle("thing-aaa.pkl", lambda: build("a")) == {"built": "a"}
    assert resources.cached_pickle("thing-aaa.pkl", lambda: build("a")) == {"built": "a"}
    assert calls == ["a"]  # the second call reads the file
    (tmp_path / "other-aaa.pkl").write_bytes(b"another cache")
    (tmp_path / "thing-extra-aaa.pkl").write_bytes(b"a cache of another name")
    assert resources.cached_pickle("thing-bbb.pkl", lambda: build("b")) == {"built": "b"}
    # the new version replaces the old one; caches of other names stay
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-aaa.pkl", "thing-bbb.pkl", "thing-extra-aaa.pkl"]


def test_damaged_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path))
    (tmp_path / "thing-aaa.pkl").write_bytes(b"not a pickle")
    assert resources.cached_pickle("thing-aaa.pkl", lambda: [1, 2]) == [1, 2]
    assert resources.cached_pickle("thing-aaa.pkl", lambda: [3]) == [1, 2]
