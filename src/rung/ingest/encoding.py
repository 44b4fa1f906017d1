"""Bytes to text: BOMs first, then strict UTF-8, then the Japanese legacy encodings news archives still use."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from rung.errors import InputError

# Tried in this order after UTF-8 fails; charset-normalizer picks among them by coherence.
LEGACY_ENCODINGS = ("cp932", "euc_jp", "iso2022_jp", "utf_16")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


def decode(data: bytes, origin: str) -> tuple[str, str]:
    """(text, encoding name). Raises InputError naming `origin` for empty, binary or undecodable input."""
    if not data.strip():
        raise InputError(f"{origin}: empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                raise InputError(f"{origin}: starts with a {name} byte-order mark but is not {name}") from error
    # UTF-16 without BOM: every other byte is NUL for Latin text; check before the binary test.
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4 and data[0::2].count(0) == 0:
        try:
            return data.decode("utf-16-le"), "utf-16-le"
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputError(f"{origin}: binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise InputError(f"{origin}: unknown text encoding (not UTF-8, UTF-16, Shift_JIS/CP932 or EUC-JP)")
    return str(best), best.encoding
