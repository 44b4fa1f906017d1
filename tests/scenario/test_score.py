"""Brier and log scores against hand-computed values; outcomes from files and from stored events."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from rung.errors import ScenarioError
from rung.model import Event, Evidence, Modality, Plover, Span
from rung.scenario import load_scenario, parse_scenario
from rung.scenario.score import load_outcomes, match_outcomes, score, score_event

TWO = """\
name: two
start: 2024-11-20
horizon: 2025-03-01
events:
  a:
    p: 0.8
  b:
    p: 0.3
  c:
    p: 0.5
"""

# p, happened, brier (0-1), brier (0-2), ln score, 100*log2(q/0.5)
SCORES = [
    (0.8, True, 0.04, 0.08, math.log(0.8), 67.807),  # (0.8-1)^2; 100*log2(1.6) = 67.807
    (0.3, False, 0.09, 0.18, math.log(0.7), 48.543),  # q = 0.7; 100*log2(1.4) = 48.543
    (0.5, True, 0.25, 0.5, math.log(0.5), 0.0),  # a coin: 0 on the Metaculus-style scale
    (0.9, False, 0.81, 1.62, math.log(0.1), -232.193),  # 100*log2(0.2) = -232.193
    (0.0, True, 1.0, 2.0, math.log(0.001), -896.578),  # q clipped to 0.001: 100*log2(0.002)
    (1.0, True, 0.0, 0.0, math.log(0.999), 99.856),  # q clipped to 0.999
]


@pytest.mark.parametrize(("p", "happened", "brier", "brier2", "ln", "log2"), SCORES)
def test_score_event_by_hand(p, happened, brier, brier2, ln, log2):
    s = score_event("x", p, happened)
    assert s.brier == pytest.approx(brier)
    assert s.brier_original == pytest.approx(brier2)
    assert s.log == pytest.approx(ln)
    assert s.log2_baseline == pytest.approx(log2, abs=1e-3)


def test_overall_scores_are_means():
    s = parse_scenario(TWO, origin="two.yaml", use_ladder=False)
    report = score(s, {"a": True, "b": False})
    assert [e.id for e in report.events] == ["a", "b"]
    assert report.unresolved == ("c",)
    assert report.brier == pytest.approx((0.04 + 0.09) / 2)
    assert report.brier_original == pytest.approx((0.08 + 0.18) / 2)
    assert report.log == pytest.approx((math.log(0.8) + math.log(0.7)) / 2)
    assert report.log2_baseline == pytest.approx((67.807 + 48.543) / 2, abs=1e-3)


def test_scores_use_the_scenario_marginals():
    s = parse_scenario(TWO + "  d:\n    given:\n      - if: a\n        p: 0.5\n      - else: 0.0\n",
                       origin="two.yaml", use_ladder=False)
    report = score(s, {"d": True})
    assert report.events[0].p == pytest.approx(0.4)  # 0.8 * 0.5
    assert report.brier == pytest.approx(0.36)


def test_outcomes_file(write):
    s = parse_scenario(TWO, origin="two.yaml", use_ladder=False)
    path = write("outcomes:\n  a: true\n  b:\n    happened: false\n    source: Reuters, 1 Dec 2024\n", name="o.yaml")
    assert load_outcomes(path, s) == {"a": True, "b": False}
    flat = write("a: false\n", name="flat.yaml")
    assert load_outcomes(flat, s) == {"a": False}


@pytest.mark.parametrize(("text", "line", "message"), [
    ("a: true\nzz: false\n", 2, "zz: unknown event id"),
    ("a: maybe\n", 1, "a: 'maybe' is not true or false"),
    ("outcomes:\n  a:\n    source: x\n", 3, "a: expected {happened"),
    ("- a\n", 1, "expected a mapping"),
])
def test_outcomes_file_errors(text, line, message, write):
    s = parse_scenario(TWO, origin="two.yaml", use_ladder=False)
    path = write(text, name="o.yaml")
    with pytest.raises(ScenarioError) as info:
        load_outcomes(path, s)
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)


def test_example_outcomes_score(kb):
    from tests.scenario.conftest import EXAMPLE, OUTCOMES

    s = load_scenario(EXAMPLE, kb=kb, use_ladder=False)
    outcomes = load_outcomes(OUTCOMES, s)
    assert outcomes["ua_storm_shadow"] is True and outcomes["ru_nuclear"] is False
    assert outcomes["ru_hypersonic_uk_fr"] is False  # Oreshnik hit Dnipro, not France or the UK
    report = score(s, outcomes)
    assert len(report.events) == len(outcomes)
    assert 0 <= report.brier <= 1 and report.brier_original == pytest.approx(2 * report.brier)


def event(eid: str, source: str | None, target: str | None, plover: Plover, *, date: dt.date | None = None,
          modality: Modality = Modality.occurred, source_country: str | None = None, negated: bool = False) -> Event:
    return Event(id=eid, article_id="art", source=source, target=target, source_country=source_country,
                 plover=plover, cameo="19" if plover is Plover.ASSAULT else "16", modality=modality, negated=negated,
                 date=date, sentence_index=0, sentence="...", span=Span(start=0, end=3), evidence=Evidence())


MATCH = """\
name: m
start: 2024-11-20
horizon: 2025-03-01
events:
  ua_strike:
    actor: Ukraine
    target: Russia
    plover: ASSAULT
    p: 0.8
  ru_expel:
    actor: Russia
    target: United Kingdom
    plover: SANCTION
    p: 0.2
  ru_hyper:
    actor: Russia
    target: United Kingdom
    plover: ASSAULT
    window: [2024-11-20, 2025-01-19]
    p: 0.05
  vague:
    p: 0.5
"""


def test_match_outcomes_from_stored_events(kb):
    s = parse_scenario(MATCH, origin="m.yaml", kb=kb, use_ladder=False)
    stored = [
        event("e1", "Q212", "Q159", Plover.ASSAULT, date=dt.date(2024, 11, 20)),  # matches ua_strike
        event("e2", "Q7747", "Q145", Plover.SANCTION, date=dt.date(2024, 12, 1)),  # Putin -> rolls up to Russia
        event("e3", "Q159", "Q145", Plover.ASSAULT, date=dt.date(2025, 2, 1)),  # outside ru_hyper's window
        event("e4", "Q159", "Q145", Plover.ASSAULT, modality=Modality.possible),  # not an occurrence
        event("e5", "Q159", "Q145", Plover.ASSAULT, negated=True),  # "did not strike"
    ]
    outcomes, matched = match_outcomes(s, stored, kb.country_of)
    assert outcomes == {"ua_strike": True, "ru_expel": True, "ru_hyper": False}  # 'vague' has no plover: unresolved
    assert matched == {"ua_strike": ["e1"], "ru_expel": ["e2"], "ru_hyper": []}
    report = score(s, outcomes, matched=matched)
    assert report.unresolved == ("vague",)
    assert report.events[1].matched == ("e2",)


def test_match_uses_stored_country_when_no_lookup(kb):
    s = parse_scenario(MATCH, origin="m.yaml", kb=kb, use_ladder=False)
    stored = [event("e2", "Q7747", "Q145", Plover.SANCTION, source_country="Q159")]
    outcomes, _ = match_outcomes(s, stored)
    assert outcomes["ru_expel"] is True
