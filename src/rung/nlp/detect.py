"""Language detection by script.

rung reads Japanese and English; telling them apart needs no statistical model: any run of kana marks
Japanese (Chinese has none), and text that is mostly Latin letters is taken as English. Anything else
is reported as unsupported rather than guessed.
"""

from __future__ import annotations

import re

_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30ff]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str | None:
    """'ja', 'en', or None when the text is in neither."""
    sample = text[:20000]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    kana = len(_KANA.findall(sample))
    if kana >= 5 or (kana and kana / letters > 0.05):
        return "ja"
    if _CJK.search(sample) and len(_CJK.findall(sample)) / letters > 0.3:
        return None  # Chinese: kanji without kana
    latin = len(_LATIN.findall(sample))
    if latin / letters > 0.8 and len(_CYRILLIC.findall(sample)) / letters < 0.1:
        return "en"
    return None
