"""The seed's key events land at the right rung with the right modality and weight (golden file).

The events are hand-made from the golden file's inputs, which quote the seed's sentences; a pipeline
test can compare real extraction against the same file's `expected` block.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rung.ladder import load_scale, place_events
from tests.ladder.seed import golden, seed_events

SEED = Path(__file__).resolve().parents[2] / "src" / "rung" / "examples" / "escalation-2024-11-25.ja.txt"
CASES = golden()["events"]


@pytest.fixture(scope="module")
def placed(kb):
    events, claims = seed_events(kb)
    return {e.id.removeprefix("seed-2024-11-25-"): e
            for e in place_events(events, claims, kb)}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_seed_event(case, placed) -> None:
    event = placed[case["id"]]
    expected = case["expected"]
    assert event.rung == expected["rung"], case["note"]
    assert event.modality.value in expected.get("accept_modality", [expected["modality"]])
    assert event.weight == pytest.approx(expected["weight"])


def test_golden_quotes_the_seed() -> None:
    text = SEED.read_text(encoding="utf-8")
    for case in CASES:
        assert case["sentence"] in text, case["id"]
        start, end = case["span"]
        assert text[start:end] == case["sentence"], case["id"]


def test_seed_climbs_the_ladder(placed) -> None:
    """The recommended Russian measures climb from air defence and expulsions to hypersonic strikes."""
    r = {k: e.rung for k, e in placed.items()}
    assert r["trade-fr"] < r["diplomats-fr"] <= r["air-defence"] < r["sabotage"] < r["strikes-ukraine"]
    assert r["strikes-ukraine"] < r["hypersonic-fr"] < r["nuclear-use"]
    scale = load_scale()
    assert scale.threshold("direct NATO–Russia fire").level <= r["hypersonic-uk"] < scale.threshold("nuclear").level
    assert placed["nuclear-use"].modality.value == "conditional"
    assert {placed[k].modality.value for k in ("permit-us", "permit-uk", "permit-fr")} == {"reported"}


def test_seed_with_the_bundled_knowledge_base() -> None:
    """Same golden expectations with the shipped actor KB (weapons matched by its names and QIDs)."""
    from rung.actors.kb import load_knowledge_base
    from rung.errors import RungError

    try:
        kb = load_knowledge_base()
    except (OSError, RungError) as error:
        pytest.skip(f"bundled knowledge base not loadable yet: {error}")
    names = {c["instrument"] for c in CASES if c["instrument"]}
    unresolved = sorted(n for n in names if kb.resolve(n) is None)
    if unresolved:
        pytest.skip(f"bundled knowledge base has no actor for {unresolved}")
    events, claims = seed_events(kb)
    placed = {e.id.removeprefix("seed-2024-11-25-"): e for e in place_events(events, claims, kb)}
    wrong = {c["id"]: (placed[c["id"]].rung, c["expected"]["rung"]) for c in CASES
             if placed[c["id"]].rung != c["expected"]["rung"]}
    assert not wrong, f"(got, expected) rungs: {wrong}"
