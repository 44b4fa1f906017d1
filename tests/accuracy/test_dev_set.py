"""rung's accuracy on real reporting nobody here wrote: ../shared/data/dev, scored by ../shared/tools/score.py.

The texts and the scorer stay in ../shared and are read at test time (never copied into the project). The
figures recorded in dev_figures.json are the project's accuracy; a change that lowers any of them by more
than 0.02 fails here. Raise the recorded figures as they improve (README, "Accuracy", says how).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import REPO

SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "score.py"
RECORDED = json.loads((Path(__file__).parent / "dev_figures.json").read_text(encoding="utf-8"))
RUNG = Path(sys.executable).parent / "rung"
TOLERANCE = 0.02
FIGURES = ["actor_recall", "event_p", "event_r", "event_f1", "modality_acc", "claim_p", "claim_r", "claim_f1"]

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason=f"{SHARED} (the dev set and its scorer) is not beside the repo")


@pytest.fixture(scope="module", params=["ja", "en"])
def measured(request):
    gold = SHARED / "data" / "dev" / f"{request.param}.jsonl"
    result = subprocess.run([sys.executable, str(SCORER), str(RUNG), str(gold), "--json"], capture_output=True,
                            text=True, timeout=3000, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stdout[-2000:]
    assert "cases failed" not in result.stdout, "a dev case crashed: " + result.stdout[-2000:]
    return request.param, json.loads(lines[-1])[request.param]


def test_no_figure_falls_below_the_recorded_one(measured):
    lang, figures = measured
    recorded = RECORDED[lang]
    fallen = {k: (figures[k], recorded[k]) for k in FIGURES if figures[k] < recorded[k] - TOLERANCE}
    assert not fallen, f"{lang}: measured vs recorded {fallen}"


def test_every_case_gives_a_record(measured):
    lang, figures = measured
    events_matched, events_predicted, events_gold = figures["counts"]["events"]
    assert events_predicted > 0 and events_gold > 0
