"""Predicate lexicons as data: every language ships `predicates.tsv` (lemma -> PLOVER, CAMEO root) and
`refinements.tsv` (predicate + object noun -> PLOVER, CAMEO root) in its package, read the same way."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from rung.errors import InputError

LIGHT = "LIGHT"  # the predicate takes its type from its object (実行, carry out)
NONE = "NONE"  # a refinement row that says: no event (提供 + 機会, sign + decree)


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    plover: str  # a PLOVER type, LIGHT or NONE
    cameo: str | None
    row: str  # provenance: "ja/predicates.tsv:攻撃"


def _read_tsv(package: str, lang: str, name: str) -> list[dict[str, str]]:
    text = (resources.files(package) / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    for number, row in enumerate(rows, start=2):
        if None in row.values() and row.get("note") is None and row.get("cameo") is None:
            raise InputError(f"rung/lang/{lang}/{name}: row {number} has too few columns")
    return rows


def _cameo(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if value not in ("", "--") else None


def read_predicate_tables(package: str, lang: str
                          ) -> tuple[dict[str, LexiconEntry], dict[tuple[str, str], LexiconEntry]]:
    """(predicates by lemma, refinements by (predicate, object)); the first row for a key wins."""
    predicates: dict[str, LexiconEntry] = {}
    for row in _read_tsv(package, lang, "predicates.tsv"):
        lemma = row["lemma"].strip()
        predicates.setdefault(lemma, LexiconEntry(plover=row["plover"].strip(), cameo=_cameo(row.get("cameo")),
                                                  row=f"{lang}/predicates.tsv:{lemma}"))
    refinements: dict[tuple[str, str], LexiconEntry] = {}
    for row in _read_tsv(package, lang, "refinements.tsv"):
        key = (row["predicate"].strip(), row["object"].strip())
        refinements.setdefault(key, LexiconEntry(plover=row["plover"].strip(), cameo=_cameo(row.get("cameo")),
                                                 row=f"{lang}/refinements.tsv:{key[0]}+{key[1]}"))
    return predicates, refinements
