"""Issue 13, scenarios: hostile YAML refused, bounded Monte Carlo, outcomes matched on every named field."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rung.errors import ScenarioError
from rung.model import Article, Claim, DocumentRecord, Event, Evidence, Modality, Plover, Sentence, Span
from rung.scenario import parse_scenario
from rung.scenario.score import match_outcomes

RUNG = shutil.which("rung", path=str(Path(sys.executable).parent)) or "rung"

HEAD = "name: x\nstart: 2024-11-01\nhorizon: 2024-12-01\n"

HOSTILE_YAML = [
    ("recursive", HEAD + "events: &a\n  e1:\n    p: 0.5\n    given: *a\n", "recursive YAML"),
    ("deep", HEAD + "events:\n  e1:\n    note: " + "[" * 3000 + "]" * 3000 + "\n", "nested too deeply"),
    ("deep-mapping", HEAD + "events:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(60)) + "  " * 61 + "x\n",
     "nested too deeply"),
    ("billion-laughs", HEAD + "a: &a [x, x, x, x, x, x, x, x, x]\n"
     + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
     + "events: {e1: {p: 0.5, note: *i}}\n", "more than 200,000 nodes"),
]


@pytest.mark.parametrize(("name", "text", "message"), HOSTILE_YAML, ids=[h[0] for h in HOSTILE_YAML])
def test_hostile_yaml_is_refused_with_a_message(name: str, text: str, message: str):
    with pytest.raises(ScenarioError, match=message):
        parse_scenario(text, origin=f"{name}.yaml")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(list("[]{}:,-&*ab \n'\"!|>#%@`") + ["e1", "p:", "&a ", "*a", "  "]), max_size=60)
       .map("".join))
def test_any_yaml_text_parses_or_raises_scenario_error(text: str):
    try:
        parse_scenario(HEAD + text, origin="s.yaml")
    except ScenarioError as error:
        assert str(error).startswith("s.yaml")


def test_samples_are_capped(tmp_path: Path):
    from rung.scenario.montecarlo import MAX_SAMPLES

    scenario = Path(__file__).resolve().parents[2] / "examples" / "scenarios" / "seed-russia-response.yaml"
    result = subprocess.run([RUNG, "simulate", str(scenario), "--method", "monte-carlo", "--samples",
                             str(10**12)], check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and f"more than the {MAX_SAMPLES:,} allowed" in result.stderr
    result = subprocess.run([RUNG, "simulate", str(scenario), "--samples", "1e12"], check=False, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2 and "Invalid value for '--samples'" in result.stderr


# -- scoring against the store: every named field, only what happened -----------------------------------
SCENARIO = """\
name: strikes
start: 2024-11-20
horizon: 2025-03-01
events:
  ru_nuclear:
    actor: Russia
    target: Ukraine
    plover: ASSAULT
    instrument: nuclear weapon
    p: 0.02
  ru_strike:
    actor: Russia
    target: Ukraine
    plover: ASSAULT
    p: 0.9
  ru_expel:
    actor: Russia
    target: United Kingdom
    plover: SANCTION
    p: 0.3
"""


def _event(eid: str, article: str, plover: str, target: str, modality: str, instrument: str | None = None) -> Event:
    return Event(id=eid, article_id=article, source="Q159", target=target, source_country="Q159",
                 target_country=target, plover=plover, cameo="19" if plover == "ASSAULT" else "16",
                 modality=modality, negated=False, date=dt.date(2024, 11, 25), instrument=instrument,
                 sentence_index=0, sentence="s", span=Span(start=0, end=1), evidence=Evidence())


def _records() -> list[DocumentRecord]:
    # a conventional strike that occurred; a SANCTION only reported, unconfirmed; the same reported
    # sanction confirmed in another article
    a1 = [_event("a1-e0", "a1", "ASSAULT", "Q212", "occurred", instrument="Q900004")]
    a2 = [_event("a2-e0", "a2", "SANCTION", "Q145", "reported")]
    a3 = [_event("a3-e0", "a3", "SANCTION", "Q145", "reported")]

    def record(article: str, events: list[Event], status: str | None) -> DocumentRecord:
        claims = [Claim(id=f"{article}-c0", article_id=article, text="s", sentence_index=0, span=Span(start=0, end=1),
                        status=status, event_ids=[events[0].id])] if status else []
        return DocumentRecord(article=Article(id=article, date=dt.date(2024, 11, 25), body=f"body {article}",
                                              lang="en"),
                              sentences=[Sentence(index=0, start=0, end=1, text="s")], actors=[], mentions=[],
                              events=events, claims=claims)

    return [record("a1", a1, None), record("a2", a2, "unconfirmed"), record("a3", a3, "confirmed")]


def test_matching_needs_every_named_field_and_an_occurrence():
    from tests.scenario.conftest import StubKB

    kb = StubKB()
    kb.ACTORS = {**StubKB.ACTORS, "nuclear weapon": ("Q12802", "weapon", None)}
    scenario = parse_scenario(SCENARIO, origin="s.yaml", kb=kb, use_ladder=False)
    events = [e for r in _records() for e in r.events]
    outcomes, matched = match_outcomes(scenario, events, kb.country_of)
    assert outcomes["ru_nuclear"] is False  # a conventional strike is not a nuclear one
    assert matched["ru_strike"] == ["a1-e0"]
    assert outcomes["ru_expel"] is False  # only reported, and nobody confirmed it here
    outcomes, matched = match_outcomes(scenario, events, kb.country_of, confirmed={"a3-e0"})
    assert matched["ru_expel"] == ["a3-e0"]  # the confirmed report counts, the unconfirmed one does not


def test_scenario_score_against_the_store(store_url: str, tmp_path: Path):
    from rung.store import open_store

    store = open_store(store_url)
    for record in _records():
        store.add_record(record)
    store.engine.dispose()
    scenario = tmp_path / "s.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    result = subprocess.run([RUNG, "scenario", "score", str(scenario), "--db", store_url, "--json"], check=False,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    import json

    scores = {s["id"]: s for s in json.loads(result.stdout)["events"]}
    assert scores["ru_nuclear"]["happened"] is False and scores["ru_nuclear"]["matched"] == []
    assert scores["ru_strike"]["happened"] is True and scores["ru_strike"]["matched"] == ["a1-e0"]
    assert scores["ru_expel"]["matched"] == ["a3-e0"]
    table = subprocess.run([RUNG, "scenario", "score", str(scenario), "--db", store_url], check=False,
                           capture_output=True, text=True, timeout=300, env={**__import__("os").environ,
                                                                             "COLUMNS": "300"})
    assert table.returncode == 0 and "matched stored events" in table.stdout and "a1-e0" in table.stdout


def test_modality_enum_is_what_matching_reads():
    assert {Modality.occurred.value, Modality.reported.value} <= {m.value for m in Modality}
    assert Plover.ASSAULT.value == "ASSAULT"


def test_hostile_outcomes_yaml_is_refused(tmp_path: Path):
    from rung.scenario.score import load_outcomes
    from tests.scenario.conftest import StubKB

    scenario = parse_scenario(SCENARIO, origin="s.yaml", kb=StubKB(), use_ladder=False)
    path = tmp_path / "o.yaml"
    path.write_text("outcomes: &a\n  ru_strike: *a\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="recursive YAML"):
        load_outcomes(path, scenario)
