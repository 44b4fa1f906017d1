"""Sentence records from character ranges, with exact offsets into the article text."""

from __future__ import annotations

from rung.model import Sentence
from rung.nlp.chunks import split_long

# The longest sentence analysed as one: parsing (GiNZA's bunsetu recogniser among others) and the
# per-sentence rules grow faster than linearly with length, so a longer run of text without a
# sentence end (a few thousand characters without 。) is analysed in pieces cut at clause
# boundaries (、 , ;), or at spaces, never in the middle of a word when it can be helped.
MAX_SENTENCE_CHARS = 500


def append_sentence(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """Add text[start:end], stripped of surrounding whitespace, as the next sentence (blank ranges skipped);
    a range longer than MAX_SENTENCE_CHARS becomes several sentences."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + (len(chunk) - len(chunk.lstrip()))
    if len(stripped) <= MAX_SENTENCE_CHARS:
        sentences.append(Sentence(index=len(sentences), start=offset, end=offset + len(stripped), text=stripped))
        return
    for piece in split_long(stripped, max_bytes=4 * MAX_SENTENCE_CHARS, max_chars=MAX_SENTENCE_CHARS):
        append_sentence(sentences, text, offset, offset + len(piece))
        offset += len(piece)
