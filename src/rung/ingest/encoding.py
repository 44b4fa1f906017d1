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


# ISO-2022-JP is 7-bit: it passes as ASCII (and UTF-8) unless its escape sequences are looked for.
_ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b$(D", b"\x1b(I")

# A guess charset-normalizer makes with more than this share of "mess" is reported, not used.
UNSURE_CHAOS = 0.10


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


def _plausible(ch: str) -> bool:
    """A character news text is made of: Latin, Cyrillic, Japanese, CJK, their punctuation, whitespace."""
    o = ord(ch)
    return (0x20 <= o < 0x7F or ch in "\n\r\t" or 0xA0 <= o < 0x250 or 0x370 <= o < 0x530
            or 0x2000 <= o < 0x2070 or 0x3000 <= o < 0x3100 or 0x3400 <= o < 0xA000 or 0xFF00 <= o < 0xFFF0)


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec ("utf-16-le"/"utf-16-be") whose decoding reads as text, or None."""
    if len(data) < 4 or len(data) % 2:
        return None
    best, best_score = None, 0.0
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data[:16384].decode(codec)
        except UnicodeDecodeError:
            continue
        if not text:
            continue
        score = sum(map(_plausible, text)) / len(text)
        # kana, CJK punctuation or ASCII must be common: random bytes decode to CJK ideographs alone
        marked = sum(1 for ch in text if ch < "\x7f" or "\u3000" <= ch < "\u3100") / len(text)
        if marked < 0.15:
            continue
        if score > best_score:
            best, best_score = codec, score
    return best if best_score >= 0.97 else None


def _japanese_score(text: str) -> float:
    """Share of characters Japanese news is made of (ASCII, kana, kanji, full-width forms). Half-width
    katakana counts against: it is what EUC-JP bytes read as CP932 turn into."""
    if not text:
        return 0.0
    common = sum(1 for ch in text if ch < "\u0100" or "\u3000" <= ch < "\u3100" or "\u4e00" <= ch <= "\u9fff"
                 or "\uff01" <= ch <= "\uff5e" or "\u2010" <= ch <= "\u203b" or "\u2460" <= ch <= "\u24ff"
                 or "\u25a0" <= ch <= "\u25ff")
    return common / len(text)


def _japanese_legacy(data: bytes, origin: str) -> tuple[str, str] | None:
    """CP932 or EUC-JP when the bytes decode strictly as one and read as Japanese; InputError when they
    read equally well as both (a short text can); None to leave it to charset-normalizer."""
    readings = []
    for codec in ("cp932", "euc_jp"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        readings.append((_japanese_score(text), codec, text))
    readings.sort(reverse=True)
    if not readings or readings[0][0] < 0.97:
        return None
    score, codec, text = readings[0]
    if len(readings) > 1 and readings[1][2] != text and score - readings[1][0] < 0.1:
        raise InputError(f"{origin}: text encoding unclear (reads as {codec} or {readings[1][1]}); "
                         "convert the file to UTF-8")
    return text, codec


def decode(data: bytes, origin: str) -> tuple[str, str]:
    """(text, encoding name). Raises InputError naming `origin` for empty, binary or undecodable input,
    and when the encoding cannot be told with confidence (rather than guessing)."""
    if not data.strip():
        raise InputError(f"{origin}: empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                raise InputError(f"{origin}: starts with a {name} byte-order mark but is not {name}") from error
    if any(escape in data for escape in _ISO2022_ESCAPES) and max(data) < 0x80:
        try:
            return data.decode("iso2022_jp_ext"), "iso2022_jp"
        except UnicodeDecodeError as error:
            raise InputError(f"{origin}: has ISO-2022-JP escape sequences but is not valid ISO-2022-JP") from error
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    # UTF-16 without a BOM: NUL bytes for Latin text (which UTF-8 would accept), none for Japanese (which
    # UTF-8 refuses); told apart from binary and legacy encodings by what it decodes to
    if (utf8 is None or b"\x00" in data[:8192]) and (codec := _utf16_without_bom(data)):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputError(f"{origin}: binary file, not text")
    if utf8 is not None:
        return utf8, "utf-8"
    if (legacy := _japanese_legacy(data, origin)) is not None:
        return legacy
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise InputError(f"{origin}: unknown text encoding (not UTF-8, UTF-16, Shift_JIS/CP932, EUC-JP or ISO-2022-JP)")
    if best.chaos > UNSURE_CHAOS:
        raise InputError(f"{origin}: text encoding unclear (best guess {best.encoding}, {best.chaos:.0%} of it "
                         "unreadable); convert the file to UTF-8")
    return str(best), best.encoding
