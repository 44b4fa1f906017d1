"""The English lexicons (predicates.tsv, refinements.tsv, cues.yaml, roles.yaml), loaded once per process."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from rung.errors import InputError

LIGHT = "LIGHT"
NONE = "NONE"
PACKAGE = "rung.lang.en"


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    plover: str  # a PLOVER type, LIGHT or NONE
    cameo: str | None
    row: str


@dataclass(frozen=True, slots=True)
class EnglishLexicon:
    predicates: dict[str, LexiconEntry]
    refinements: dict[tuple[str, str], LexiconEntry]
    cues: dict[str, Any]
    roles: dict[str, Any]

    def entry(self, lemma: str) -> LexiconEntry | None:
        return self.predicates.get(lemma)


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = (resources.files(PACKAGE) / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    for number, row in enumerate(rows, start=2):
        if None in row.values() and row.get("note") is None and row.get("cameo") is None:
            raise InputError(f"rung/lang/en/{name}: row {number} has too few columns")
    return rows


def _yaml(name: str) -> dict[str, Any]:
    data = yaml.safe_load((resources.files(PACKAGE) / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise InputError(f"rung/lang/en/{name}: expected a mapping")
    return data


def _cameo(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if value not in ("", "--") else None


@lru_cache(maxsize=1)
def load_lexicon() -> EnglishLexicon:
    predicates: dict[str, LexiconEntry] = {}
    for row in _read_tsv("predicates.tsv"):
        lemma = row["lemma"].strip()
        predicates.setdefault(lemma, LexiconEntry(plover=row["plover"].strip(), cameo=_cameo(row.get("cameo")),
                                                  row=f"en/predicates.tsv:{lemma}"))
    refinements: dict[tuple[str, str], LexiconEntry] = {}
    for row in _read_tsv("refinements.tsv"):
        key = (row["predicate"].strip(), row["object"].strip())
        refinements.setdefault(key, LexiconEntry(plover=row["plover"].strip(), cameo=_cameo(row.get("cameo")),
                                                 row=f"en/refinements.tsv:{key[0]}+{key[1]}"))
    return EnglishLexicon(predicates=predicates, refinements=refinements, cues=_yaml("cues.yaml"),
                          roles=_yaml("roles.yaml"))
