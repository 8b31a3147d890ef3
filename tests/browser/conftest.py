"""Headless Chromium (Debian's ``chromium``, driven by Playwright without any browser download)
against ``marsad serve`` started as a real process on a free loopback port.

Skips with a message when Playwright or a Chromium executable is missing
(``apt-get install chromium``; ``pip install playwright``; or set ``MARSAD_CHROMIUM``).
Screenshots go to ``$MARSAD_ARTIFACTS`` (default ``/tmp/marsad-artifacts``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(os.environ.get("MARSAD_ARTIFACTS", "/tmp/marsad-artifacts"))


def chromium_path() -> str | None:
    for cand in (os.environ.get("MARSAD_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if cand and (p := shutil.which(cand) or (cand if Path(cand).is_file() else None)):
            return p
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright: pip install playwright")
    exe = chromium_path()
    if exe is None:
        pytest.skip("browser tests need Chromium: apt-get install chromium (or set MARSAD_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    pg.errors = []  # page errors and console errors, for the tests to check
    pg.dialogs = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)

    def on_dialog(d: Any) -> None:
        pg.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    ctx.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: str, *extra: str) -> Iterator[str]:
    """``marsad serve --db DB`` on a free loopback port; yields its base URL."""
    import httpx

    port = free_port()
    env = dict(os.environ)
    env.pop("MARSAD_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"marsad serve exited: {proc.stderr.read().decode(errors='replace')}")
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("marsad serve did not start in 60 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
