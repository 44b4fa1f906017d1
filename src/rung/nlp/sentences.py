"""Sentence records from character ranges, with exact offsets into the article text."""

from __future__ import annotations

from rung.model import Sentence


def append_sentence(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """Add text[start:end], stripped of surrounding whitespace, as the next sentence (blank ranges skipped)."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + (len(chunk) - len(chunk.lstrip()))
    sentences.append(Sentence(index=len(sentences), start=offset, end=offset + len(stripped), text=stripped))
