"""Bytes to text: BOMs, declared HTML charsets, UTF-8, then charset-normalizer; binary junk rejected.

Arabic pages still come in windows-1256 and ISO-8859-6; UTF-16 files come from Windows tools.
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from typing import Any

import charset_normalizer
import numpy as np

from marsad.model import DocumentError
from marsad.text import kernels

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
# Encodings tried by the detector: the ones news in Arabic (and Latin scripts) really comes in.
_CANDIDATES = ["utf_8", "cp1256", "iso8859_6", "utf_16", "cp1252", "iso8859_1", "cp720", "mac_arabic"]
# C0 controls other than tab, newline, carriage return, form feed: their share marks binary data.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
# Real articles carry a few stray controls (SaudiNewsNet has paragraphs marked with \x1a: 1.2% of one text);
# bytes that are not text give far more (random bytes: about 12%).
MAX_CONTROL_SHARE = 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark, recognised by its high bytes.

    In UTF-16 text of Latin or Arabic script the high byte of nearly every code unit is 0x00
    (ASCII, Latin-1) or 0x06 (the Arabic block); such bytes hardly ever occur in a text encoded
    any other way.
    """
    sample = data[:2000]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    half = len(sample) / 2
    for high, low, enc in ((sample[1::2], sample[0::2], "utf-16-le"), (sample[0::2], sample[1::2], "utf-16-be")):
        high_share = (high.count(0) + high.count(6)) / half
        low_nul = low.count(0) / half
        if high_share > 0.6 and low_nul < 0.3:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes, *, is_html: bool = False) -> tuple[str, str]:
    """``(text, encoding)``; raises DocumentError('decode' | 'binary') when there is no text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return check_text(data.decode(enc)), enc
            except UnicodeDecodeError as exc:
                raise DocumentError("decode", f"bytes do not decode as {enc} despite its byte-order mark: {exc}") from exc
    if is_html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "ignore")
            try:
                return check_text(data.decode(declared)), codecs.lookup(declared).name
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: detect instead
    # UTF-16 before UTF-8: UTF-16 of ASCII or Arabic text is also valid (NUL-ridden) UTF-8
    text16 = _utf16_without_bom(data)
    if text16 is not None:
        return check_text(text16), "utf-16"
    try:
        return check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise DocumentError("binary", "binary data (NUL bytes), not text")
    best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None or best.encoding is None:
        raise DocumentError("decode", "undecodable bytes: no text encoding fits (tried " + ", ".join(_CANDIDATES) + ")")
    return check_text(str(best)), best.encoding


SAMPLE_CHARS = 20000  # the share of control characters is judged on the first this many


def check_text(text: str, codes: np.ndarray | None = None) -> str:
    """Reject decoded 'text' that is really binary junk. ``codes``: ``kernels.code_points(text)``,
    when the caller has them.

    Speed: with the code points, the control characters are counted by a compiled loop over a
    table of them (:func:`control_count`), not by a regex scan (~1 us instead of ~8 for an article)."""
    if text:
        sample = text[:SAMPLE_CHARS]
        count = control_count(codes[:SAMPLE_CHARS]) if codes is not None else len(_CONTROL.findall(sample))
        share = count / len(sample)
        if share > MAX_CONTROL_SHARE:
            raise DocumentError("binary", f"binary junk: {share:.0%} control or replacement characters")
    return text


@cache
def _control_table() -> np.ndarray:
    """``table[code point]``: 1 for the characters of :data:`_CONTROL`, else 0."""
    table = np.zeros(kernels.UNICODE_SIZE, dtype=np.uint8)
    everything = kernels.from_code_points(np.arange(kernels.UNICODE_SIZE, dtype=np.uint32))
    table[[m.start() for m in _CONTROL.finditer(everything)]] = 1
    table.setflags(write=False)
    return table


def _count_loop(codes, table):  # type: ignore[no-untyped-def]
    """How many of ``codes`` are marked in ``table``."""
    n = 0
    for i in range(codes.size):
        n += table[codes[i]]
    return n


@cache
def _count_kernel() -> Any:
    """:func:`_count_loop` compiled, or None without numba."""
    from marsad.jit import njit

    return njit(_count_loop)


def control_count(codes: np.ndarray) -> int:
    """The characters of :data:`_CONTROL` among the code points ``codes``."""
    kernel = _count_kernel()
    if kernel is not None:
        return int(kernel(codes, _control_table()))
    return int(np.count_nonzero(_control_table()[codes]))
