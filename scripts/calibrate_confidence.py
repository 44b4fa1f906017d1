"""Calibrate events' confidence on the training passages (never the dev set, which is the measure).

    python scripts/calibrate_confidence.py [../shared/data/train]

Runs `rung analyze` on every training passage, matches its events to the hand-annotated gold with the shared
scorer's own matching (../shared/tools/score.py), and writes, for each kind of evidence (the `evidence:` rule
on every event: how the source was found, a named target, a light verb or noun, fact or irrealis), the share
of rung's events the annotators also coded, smoothed toward the prior: src/rung/events/data/confidence.json.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUT = REPO / "src" / "rung" / "events" / "data" / "confidence.json"
PRIOR_WEIGHT = 4  # pseudo-events at the overall rate: a kind seen a few times stays near it


def main(argv: list[str]) -> None:
    train = Path(argv[1]) if len(argv) > 1 else SHARED / "data" / "train"
    sys.path.insert(0, str(SHARED / "tools"))
    import score  # the shared scorer: its matching decides what counts as a coded event

    score.setup_equiv()
    rung = str(Path(sys.executable).parent / "rung")
    seen: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for gold in sorted(train.glob("*.jsonl")):
        cases = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        with tempfile.TemporaryDirectory() as tmp:
            records = score.run_rung(rung, cases, tmp)
        for case in cases:
            record = records.get(case["id"])
            if not isinstance(record, dict):
                continue
            _, detail = score.score_case(case, record, {})
            matched = {p for _, p in detail["event_pairs"]} | set(detail["event_dups"])
            for index, event in enumerate(record.get("events", [])):
                key = next((r.removeprefix("evidence:") for r in event["evidence"]["rules"]
                            if r.startswith("evidence:")), None)
                if key is None:
                    continue
                seen[key] += 1
                hit[key] += index in matched
    overall = sum(hit.values()) / max(1, sum(seen.values()))
    keys = {k: {"events": seen[k], "coded": hit[k],
                "confidence": round((hit[k] + PRIOR_WEIGHT * overall) / (seen[k] + PRIOR_WEIGHT), 3)}
            for k in sorted(seen)}
    OUT.write_text(json.dumps({"note": "written by scripts/calibrate_confidence.py from " + train.name
                               + "; confidence = (coded + 4 * overall) / (events + 4)",
                               "overall": round(overall, 3), "keys": keys}, indent=1) + "\n", encoding="utf-8")
    print(f"{sum(seen.values())} events, {sum(hit.values())} coded ({overall:.3f}); {len(keys)} kinds -> {OUT}")


if __name__ == "__main__":
    main(sys.argv)
