"""Long input split for the tokenisers (issue 13): pieces within the limits, cut at boundaries, lossless."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rung.nlp.chunks import MAX_CHUNK_BYTES, split_long


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(min_size=0, max_size=400), st.integers(min_value=4, max_value=64))
def test_pieces_join_back_and_respect_the_limit(text: str, max_bytes: int):
    pieces = split_long(text, max_bytes=max_bytes)
    assert "".join(pieces) == text
    assert all(piece and len(piece.encode("utf-8")) <= max_bytes for piece in pieces)


def test_cuts_fall_at_the_strongest_boundary():
    paragraph = "ロシアは警告した。" * 30
    text = paragraph + "\n\n" + paragraph
    first, second = split_long(text, max_bytes=len(paragraph.encode()) + 40)
    assert first == paragraph + "\n\n" and second == paragraph
    sentences = split_long("ロシアは警告した。" * 100, max_bytes=100)
    assert all(p.endswith("。") for p in sentences)
    clauses = split_long("ロシアは英国に対して警告し、" * 100, max_bytes=100)
    assert all(p.endswith("、") for p in clauses)


def test_a_long_run_is_split_whole_and_within_the_limit():
    # its time grows linearly with the text: `python -m benchmarks.long_sentences` measures it
    text = "ロシアは英国に対して警告し" * 20_000
    pieces = split_long(text)
    assert "".join(pieces) == text and len(pieces) > 1
    assert all(len(p.encode("utf-8")) <= MAX_CHUNK_BYTES for p in pieces)


def test_the_default_limit_is_under_sudachis():
    assert MAX_CHUNK_BYTES < 49_149
