"""Measure rung on ../shared/data/dev with ../shared/tools/score.py and write tests/accuracy/dev_figures.json.

Run after a change that raises the figures (`python scripts/record_dev_figures.py`); tests/accuracy then fails on a
later drop of more than 0.02. It records what it measures, lower figures included, so read the diff before
committing it.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
RECORD = REPO / "tests" / "accuracy" / "dev_figures.json"
KEYS = ["actor_recall", "event_p", "event_r", "event_f1", "modality_acc", "target_acc", "negation_acc", "claim_p",
        "claim_r", "claim_f1", "claim_mention_f1"]


def measure(lang: str) -> dict[str, float]:
    rung = Path(sys.executable).parent / "rung"
    gold = SHARED / "data" / "dev" / f"{lang}.jsonl"
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(rung), str(gold), "--json"],
                         capture_output=True, text=True, check=True).stdout
    figures = json.loads([line for line in out.splitlines() if line.startswith("{")][-1])[lang]
    return {k: round(figures[k], 3) for k in KEYS}


def main() -> None:
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    for lang in ("ja", "en"):
        record[lang] = measure(lang)
        print(lang, record[lang])
    record["measured"] = dt.date.today().isoformat()
    RECORD.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
