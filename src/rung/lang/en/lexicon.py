"""The English lexicons (predicates.tsv, refinements.tsv, cues.yaml, roles.yaml), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rung.clauses.lexicon import LIGHT, NONE, LexiconEntry, read_predicate_tables
from rung.errors import InputError

__all__ = ["LIGHT", "NONE", "EnglishLexicon", "LexiconEntry", "load_lexicon"]

PACKAGE = "rung.lang.en"


@dataclass(frozen=True, slots=True)
class EnglishLexicon:
    predicates: dict[str, LexiconEntry]
    refinements: dict[tuple[str, str], LexiconEntry]
    cues: dict[str, Any]
    roles: dict[str, Any]

    def entry(self, lemma: str) -> LexiconEntry | None:
        return self.predicates.get(lemma)


def _yaml(name: str) -> dict[str, Any]:
    data = yaml.safe_load((resources.files(PACKAGE) / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise InputError(f"rung/lang/en/{name}: expected a mapping")
    return data


@lru_cache(maxsize=1)
def load_lexicon() -> EnglishLexicon:
    predicates, refinements = read_predicate_tables(PACKAGE, "en")
    return EnglishLexicon(predicates=predicates, refinements=refinements, cues=_yaml("cues.yaml"),
                          roles=_yaml("roles.yaml"))
