"""Long input, parsed in pieces: Sudachi refuses input over 49,149 bytes and spaCy over `nlp.max_length`
characters (E088). A text over the limit is split at the strongest boundary found in its window
(paragraph, line, sentence end, clause, space; a hard cut only when there is none), each piece is
tokenised, and the pieces are joined back into one Doc whose text is exactly the input's."""

from __future__ import annotations

import re
from typing import Any

# Sudachi's limit is 49,149 bytes of UTF-8; leave room.
MAX_CHUNK_BYTES = 40_000

# Boundaries, strongest first: a piece ends right after one of these.
_BOUNDARIES = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"[。！？!?]+[」』）)\"']*|\.(?=\s)"),
    re.compile(r"[、，,;；：:]"),
    re.compile(r"\s+"),
)


def split_long(text: str, max_bytes: int = MAX_CHUNK_BYTES, max_chars: int | None = None) -> list[str]:
    """`text` in pieces of at most `max_bytes` UTF-8 bytes (and `max_chars` characters), cut at the
    strongest boundary available; "".join(pieces) == text. Linear in the length of the text."""
    if max_bytes < 4:
        raise ValueError("max_bytes must allow one character (4 bytes)")
    limit_chars = max_chars if max_chars is not None else len(text)
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = start + _prefix_chars(text, start, min(limit_chars, max_bytes), max_bytes)
        if end < len(text):
            window = text[start:end]
            for boundary in _BOUNDARIES:
                cuts = [m.end() for m in boundary.finditer(window) if 0 < m.end() < len(window)]
                if cuts and cuts[-1] >= len(window) // 4:  # a boundary late enough to make progress
                    end = start + cuts[-1]
                    break
        pieces.append(text[start:end])
        start = end
    return pieces


def _prefix_chars(text: str, start: int, max_chars: int, max_bytes: int) -> int:
    """How many characters from `start` fit in `max_bytes` UTF-8 bytes (at least one, at most max_chars)."""
    encoded = text[start:start + max_chars].encode("utf-8", "surrogatepass")
    if len(encoded) <= max_bytes:
        return min(max_chars, len(text) - start)
    cut = encoded[:max_bytes]
    for drop in range(4):  # a character cut in the middle is left for the next piece
        try:
            return max(1, len(cut[:len(cut) - drop].decode("utf-8", "surrogatepass")))
        except UnicodeDecodeError:
            continue
    return 1


def make_doc(nlp: Any, text: str, max_bytes: int = MAX_CHUNK_BYTES) -> Any:
    """`nlp.make_doc(text)` for text of any length: pieces tokenised one by one, joined into one Doc."""
    max_chars = max(1, getattr(nlp, "max_length", 1_000_000) - 1)
    if len(text) <= max_chars and len(text.encode("utf-8")) <= max_bytes:
        return nlp.make_doc(text)
    import warnings

    from spacy.tokens import Doc

    docs = [nlp.make_doc(piece) for piece in split_long(text, max_bytes, max_chars)]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*W102")  # per-token lists are joined below
        merged = Doc.from_docs(docs, ensure_whitespace=False)
    # per-token lists a tokenizer keeps in user_data (GiNZA's sub_tokens, ...) joined piece by piece
    for key in docs[0].user_data:
        values = [d.user_data.get(key) for d in docs]
        if all(isinstance(v, list) and len(v) == len(d) for v, d in zip(values, docs, strict=True)):
            merged.user_data[key] = [item for v in values for item in v]
    return merged
