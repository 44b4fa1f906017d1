"""Derive rung's CAMEO -> Goldstein table from the ICEWS R package's cameo-codes.csv.

Keeps only facts: the code, its short name and its Goldstein score. Descriptions, usage notes and
examples from the CAMEO codebook are left out.

    python scripts/make_cameo_table.py [/work/shared/data/external/icews/cameo-codes.csv]

writes src/rung/ladder/data/cameo_goldstein.tsv.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "external" / "icews" / "cameo-codes.csv"
TARGET = REPO / "src" / "rung" / "ladder" / "data" / "cameo_goldstein.tsv"

HEADER = """\
# CAMEO event codes and their Goldstein scores (-10 most conflictual .. +10 most cooperative).
# Derived by scripts/make_cameo_table.py from data-raw/cameo-codes.csv in the R package "icews"
# by Andreas Beger (https://github.com/andybega/icews, commit 3746c72), MIT licence,
# Copyright (c) 2022 Andreas Beger. Only code, short name and score are kept.
"""


def rows(source: Path) -> list[tuple[str, str, str]]:
    with source.open(encoding="utf-8", errors="replace", newline="") as handle:
        out = []
        for row in csv.DictReader(handle):
            code, name, score = row["code"].strip(), " ".join(row["name"].split()), row["goldstein"].strip()
            if not code or score in {"", "NA"}:
                continue
            out.append((code, name.replace("\t", " "), str(float(score))))
    return sorted(out, key=lambda r: (r[0][:2], r[0]))


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    table = rows(source)
    lines = [HEADER.rstrip("\n"), "code\tname\tgoldstein", *("\t".join(r) for r in table)]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(table)} codes to {TARGET.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
