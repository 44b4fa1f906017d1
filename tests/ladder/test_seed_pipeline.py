"""The real pipeline on the seed, against the ladder's hand-checked golden file (tests/ladder/golden/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GOLDEN = json.loads((Path(__file__).parent / "golden" / "seed_ladder.json").read_text(encoding="utf-8"))
# Golden events the pipeline must find today; the others are listed in the golden file for the ladder
# rules and are not yet extracted (see the closing note of the events issue).
REQUIRED = {"permit-us", "strikes-ukraine", "diplomats-fr", "diplomats-uk", "trade-fr", "trade-uk",
            "hypersonic-fr", "hypersonic-uk"}


def _found(seed_record, golden_event, country_of):
    return [e for e in seed_record.events
            if e.sentence == golden_event["sentence"] and e.plover.value == golden_event["plover"]
            and country_of(e.source) == golden_event["source"]
            and (golden_event["target"] is None or country_of(e.target) == golden_event["target"])
            and _same_act(golden_event["predicate"], e)]


def _same_act(golden_phrase: str, event) -> bool:
    """The golden file names the act by a phrase (攻撃を強化, 外交官の段階的な引き揚げ): the event's predicate
    stem or the object it absorbed must occur in it."""
    stem = event.evidence.predicate.rstrip("するしたさせれ")[:2]
    objects = [r.removeprefix("object:") for r in event.evidence.rules if r.startswith("object:")]
    return stem in golden_phrase or any(o[-2:] in golden_phrase for o in objects)


@pytest.mark.parametrize("golden_event", GOLDEN["events"], ids=[e["id"] for e in GOLDEN["events"]])
def test_found_events_sit_on_the_golden_rung(seed_record, analyzer, golden_event):
    found = _found(seed_record, golden_event, analyzer.kb.country_of)
    if golden_event["id"] in REQUIRED:
        assert found, f"pipeline no longer finds {golden_event['id']}"
    expected = golden_event["expected"]
    accepted = expected.get("accept_modality", [expected["modality"]])
    for event in found:
        assert event.rung == expected["rung"]
        assert event.modality.value in accepted


def test_nuclear_use_is_conditional_and_at_the_top(seed_record):
    last = seed_record.sentences[-1]
    assert last.text.startswith("このシナリオには核兵器の使用は含まれていません")
    nuclear = [e for e in seed_record.events if e.instrument == "Q12802" and not e.negated
               and e.sentence_index == last.index]
    assert nuclear and all(e.source_country == "Q159" for e in nuclear)
    assert {e.modality.value for e in nuclear} == {"conditional"}
    assert min(e.rung for e in nuclear) >= 13


def test_recommended_measures_climb(seed_record):
    russian = [e for e in seed_record.events if e.source_country == "Q159" and e.modality.value != "occurred"]
    rungs = {e.rung for e in russian}
    assert {4, 5, 8, 11, 13} <= rungs
