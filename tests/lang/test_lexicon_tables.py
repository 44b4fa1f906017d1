"""The predicate lexicons are data read by one reader: every key once (the first row would silently win)."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest


def _rows(lang: str, name: str, width: int) -> list[tuple[str, ...]]:
    text = (resources.files(f"rung.lang.{lang}") / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")][1:]  # header
    return [tuple(line.split("\t")[:width]) for line in lines]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("name", "width"), [("predicates.tsv", 1), ("refinements.tsv", 2)])
def test_every_lexicon_key_is_listed_once(lang, name, width):
    repeated = [key for key, n in Counter(_rows(lang, name, width)).items() if n > 1]
    assert repeated == []
