"""Quality gate: the Japanese gold figures never drop below their recorded floors silently."""

from __future__ import annotations

import json

import pytest

from rung.evaluation import evaluate, load_gold, score_document

from .conftest import REPO

GOLD = REPO / "tests" / "gold"
BASELINE = json.loads((GOLD / "eval_baseline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results(analyzer):
    return evaluate([GOLD / "ja_seed.jsonl", GOLD / "ja_other.jsonl"], analyzer)


@pytest.mark.parametrize("gold_set", ["ja_seed", "ja_other"])
def test_figures_hold_their_floors(results, gold_set):
    scores, floors = results[gold_set], BASELINE[gold_set]
    assert scores.events.f1 >= floors["events_f1"]
    assert scores.claims.f1 >= floors["claims_f1"]
    assert scores.modality.value >= floors["modality_accuracy"]
    if "actors_f1" in floors:
        assert scores.actors.f1 >= floors["actors_f1"]


def test_results_are_per_file_per_language_and_overall(results):
    assert {"ja_seed", "ja_other", "lang:ja", "overall"} <= set(results)
    assert results["overall"].documents == results["lang:ja"].documents == 15


def test_scorer_counts_a_wrong_source_as_a_miss_and_an_extra(seed_record, analyzer):
    gold = load_gold(GOLD / "ja_seed.jsonl")[0]
    perfect = score_document(gold, seed_record, analyzer.kb.country_of)
    moved = dict(gold, events=[dict(e, source="Q17") for e in gold["events"]])  # Japan did none of them
    wrong = score_document(moved, seed_record, analyzer.kb.country_of)
    assert wrong.events.tp == 0 < perfect.events.tp
    assert wrong.events.fn == len(gold["events"])
