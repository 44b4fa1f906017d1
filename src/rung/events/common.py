"""Language-independent parts of event coding: CAMEO roots and event ids (dates: rung.clauses.dates)."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import resources

import yaml

from rung.model import Plover


@lru_cache(maxsize=1)
def plover_cameo() -> dict[Plover, str]:
    data = yaml.safe_load((resources.files("rung.events") / "data" / "plover_cameo.yaml").read_text(encoding="utf-8"))
    return {Plover(k): str(v).zfill(2) for k, v in data.items()}


def cameo_for(plover: Plover, lexicon_code: str | None = None) -> str:
    """The lexicon entry's CAMEO root when it gives one, else PLOVER's default root."""
    if lexicon_code and re.fullmatch(r"0[1-9]|1[0-9]|20", lexicon_code):
        return lexicon_code
    return plover_cameo()[plover]


def event_id(article_id: str, sentence: int, predicate_start: int, source: str | None, target: str | None,
             plover: Plover) -> str:
    """Stable across runs: the same article, predicate and arguments give the same id."""
    key = f"{article_id}|{sentence}|{predicate_start}|{source}|{target}|{plover.value}"
    return f"{article_id}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"
