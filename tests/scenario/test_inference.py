"""Exact inference against hand-computed values and brute force; Monte Carlo against exact."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from rung.errors import ScenarioError
from rung.scenario import load_scenario, parse_scenario, simulate
from rung.scenario.conditions import evaluate, parse_condition
from rung.scenario.generate import random_scenario
from rung.scenario.model import Scenario, Threshold
from rung.scenario.network import compile_network, parse_evidence
from tests.scenario.conftest import EXAMPLE

CHAIN = """\
name: chain
start: 2024-11-20
horizon: 2025-03-01
events:
  a:
    rung: 2
    p: 0.3
  b:
    rung: 5
    given:
      - if: a
        p: 0.5
      - else: 0.1
  c:
    given:
      - if: "a or b"
        p: 0.8
      - else: 0.0
  d:
    given:
      - if: a
        p: 0.9
      - if: "a and b"
        p: 0.1
      - else: 0.2
"""

DIAMOND = """\
name: diamond
start: 2024-11-20
horizon: 2025-03-01
events:
  r:
    p: 0.5
  x:
    rung: 3
    given:
      - if: r
        p: 0.8
      - else: 0.2
  y:
    given:
      - if: r
        p: 0.6
      - else: 0.3
  z:
    rung: 9
    given:
      - if: "x and y"
        p: 0.9
      - else: 0.1
"""

TIMED = """\
name: timed
start: 2024-11-20
horizon: 2025-03-01
events:
  late:
    window: [2025-01-20, 2025-03-01]
    p: 0.7
  early:
    window: [2024-11-20, 2025-01-19]
    given:
      - if: late
        p: 0.9
      - else: 0.1
  early_not:
    window: [2024-11-20, 2025-01-19]
    given:
      - if: "not late"
        p: 0.6
      - else: 0.05
  after:
    given:
      - if: late
        p: 0.9
      - else: 0.1
"""

THRESHOLDS = (Threshold(level=1, name="any"), Threshold(level=3, name="three"), Threshold(level=6, name="six"))


def load(text: str, name: str = "s.yaml") -> Scenario:
    s = parse_scenario(text, origin=name, use_ladder=False)
    return s.model_copy(update={"thresholds": THRESHOLDS})


def probs(result) -> dict[str, float]:
    return {k: v.p for k, v in result.events.items()}


def test_chain_by_hand():
    r = simulate(load(CHAIN), method="exact")
    p = probs(r)
    assert p["a"] == pytest.approx(0.3)
    assert p["b"] == pytest.approx(0.22)  # 0.3*0.5 + 0.7*0.1
    assert p["c"] == pytest.approx(0.296)  # P(a or b) = 1 - 0.7*0.9 = 0.37; * 0.8
    assert p["d"] == pytest.approx(0.41)  # first match: a -> 0.9 (the 'a and b' branch is never reached); 0.27 + 0.7*0.2
    # highest rung: none = P(not a, not b) = 0.63; 2 = P(a, not b) = 0.15; 5 = P(b) = 0.22
    assert {k: v.p for k, v in r.max_rung.items()} == pytest.approx({"none": 0.63, "2": 0.15, "5": 0.22})
    assert r.thresholds["any"].p == pytest.approx(0.37)
    assert r.thresholds["three"].p == pytest.approx(0.22)
    assert r.thresholds["six"].p == 0.0
    assert r.events["a"].ci == (r.events["a"].p, r.events["a"].p)


def test_chain_evidence_by_hand():
    r = simulate(load(CHAIN), method="exact", evidence={"c": True})
    p = probs(r)
    assert r.evidence_probability == pytest.approx(0.296)
    assert p["c"] == 1.0
    assert p["a"] == pytest.approx(0.24 / 0.296)  # P(a, c) = 0.3*0.8
    assert p["b"] == pytest.approx(0.176 / 0.296)  # P(b, c) = 0.22*0.8
    assert p["d"] == pytest.approx((0.24 * 0.9 + (0.296 - 0.24) * 0.2) / 0.296)  # d depends on a only
    assert {k: v.p for k, v in r.max_rung.items()} == pytest.approx({"none": 0.0, "2": 0.12 / 0.296, "5": 0.176 / 0.296})


def test_diamond_shared_parent_is_not_treated_as_independent():
    p = probs(simulate(load(DIAMOND), method="exact"))
    assert p["x"] == pytest.approx(0.5) and p["y"] == pytest.approx(0.45)
    # P(x, y) = 0.5*0.8*0.6 + 0.5*0.2*0.3 = 0.27 (not P(x)P(y) = 0.225); P(z) = 0.27*0.9 + 0.73*0.1
    assert p["z"] == pytest.approx(0.316)


def test_time_order_later_window_counts_as_not_happened():
    p = probs(simulate(load(TIMED), method="exact"))
    assert p["early"] == pytest.approx(0.1)  # late cannot precede early: the else branch always applies
    assert p["early_not"] == pytest.approx(0.6)  # 'not late' is always true before late's window opens
    assert p["after"] == pytest.approx(0.7 * 0.9 + 0.3 * 0.1)  # no window: late counts
    assert compile_network(load(TIMED)).parents[1] == ()


@pytest.mark.parametrize(("assignment", "event", "expected"), [
    ("b.p=0.5", "c", (1 - 0.7 * 0.5) * 0.8),  # b made unconditional
    ("b.given[0].p=1", "b", 0.3 + 0.07),
    ("b.else=0", "b", 0.15),
    ("a.p=0", "d", 0.2),
])
def test_set_what_ifs(assignment, event, expected):
    assert probs(simulate(load(CHAIN), method="exact", overrides=[assignment]))[event] == pytest.approx(expected)


@pytest.mark.parametrize(("assignment", "message"), [
    ("zz.p=0.5", "unknown event id 'zz'"),
    ("a.p=1.5", "outside [0, 1]"),
    ("a.given[0].p=0.5", "has no given[0]"),
    ("a.else=0.1", "has no given"),
    ("a=0.5", "expected ID.p=P"),
])
def test_set_errors(assignment, message):
    with pytest.raises(ScenarioError, match=message.replace("[", r"\[").replace("]", r"\]")):
        simulate(load(CHAIN), overrides=[assignment])


def test_evidence_parsing_and_impossible_evidence():
    s = load(CHAIN)
    assert parse_evidence(["a=true", "b=no"], s) == {"a": True, "b": False}
    with pytest.raises(ScenarioError, match="unknown event id"):
        parse_evidence(["q=true"], s)
    with pytest.raises(ScenarioError, match="expected ID=true"):
        parse_evidence(["a=maybe"], s)
    with pytest.raises(ScenarioError, match="impossible"):  # c has p 0 without a or b
        simulate(s, method="exact", evidence={"a": False, "b": False, "c": True})
    with pytest.raises(ScenarioError, match="impossible"):
        simulate(s, method="monte-carlo", samples=1000, seed=1, evidence={"a": False, "b": False, "c": True})


def brute_force(s: Scenario, evidence: dict[str, bool]) -> tuple[dict[str, float], dict[str, float]]:
    """Sum the joint over every assignment, straight from the branches (no elimination, no network)."""
    ids = list(s.events)
    conds = {eid: [(parse_condition(b.condition) if b.condition else None, b.p) for b in e.given] or [(None, e.p)]
             for eid, e in s.events.items()}
    marg = dict.fromkeys(ids, 0.0)
    rung: dict[str, float] = {}
    total = 0.0
    for bits in itertools.product((False, True), repeat=len(ids)):
        values = dict(zip(ids, bits, strict=True))
        if any(values[k] != v for k, v in evidence.items()):
            continue
        weight = 1.0
        for eid in ids:
            p = next(p for c, p in conds[eid] if c is None or evaluate(c, values))
            weight *= p if values[eid] else 1 - p
        total += weight
        for eid in ids:
            marg[eid] += weight * values[eid]
        top = max((s.events[e].rung for e in ids if values[e] and s.events[e].rung is not None), default=None)
        key = "none" if top is None else str(top)
        rung[key] = rung.get(key, 0.0) + weight
    return {k: v / total for k, v in marg.items()}, {k: v / total for k, v in rung.items()}


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("evidence", [{}, {"e03": True}, {"e09": False, "e01": True}])
def test_exact_matches_brute_force_on_random_networks(seed, evidence):
    s = random_scenario(12, seed=seed)
    r = simulate(s, method="exact", evidence=evidence)
    marg, rung = brute_force(s, evidence)
    assert probs(r) == pytest.approx(marg, abs=1e-12)
    got = {k: v.p for k, v in r.max_rung.items() if v.p > 0 or k in rung}
    assert got == pytest.approx(rung, abs=1e-12)


def scenarios_in_tests(kb) -> list[tuple[Scenario, dict[str, bool]]]:
    example = load_scenario(EXAMPLE, kb=kb, use_ladder=False).model_copy(update={"thresholds": (
        Threshold(level=7, name="use of force"), Threshold(level=13, name="nuclear"))})
    return [
        (load(CHAIN), {}), (load(CHAIN), {"c": True}), (load(DIAMOND), {}), (load(DIAMOND), {"z": True}),
        (load(TIMED), {}), (example, {}), (example, {"ua_storm_shadow": True}), (example, {"ru_expel": True}),
        (random_scenario(25, seed=7), {}), (random_scenario(25, seed=8), {"e10": True}),
    ]


def quantities(r) -> dict[str, tuple[float, tuple[float, float]]]:
    out = {f"event {k}": (v.p, v.ci) for k, v in r.events.items()}
    out |= {f"rung {k}": (v.p, v.ci) for k, v in r.max_rung.items()}
    out |= {f"threshold {k}": (v.p, v.ci) for k, v in r.thresholds.items()}
    return out


def test_exact_and_monte_carlo_agree_within_the_interval(kb):
    # The intervals are simultaneous 95% (every quantity of a run inside its interval with probability
    # >= 95%); test_monte_carlo_interval_coverage checks that rate across many seeds.
    for s, evidence in scenarios_in_tests(kb):
        exact = quantities(simulate(s, method="exact", evidence=evidence))
        mc = quantities(simulate(s, method="monte-carlo", samples=400_000, seed=2024, evidence=evidence))
        assert exact.keys() == mc.keys()
        outside = {k: (exact[k][0], mc[k][1]) for k in exact if not mc[k][1][0] - 1e-12 <= exact[k][0] <= mc[k][1][1] + 1e-12}
        assert not outside, f"{s.name} {evidence}: {outside}"


def test_monte_carlo_interval_coverage():
    s = load(DIAMOND)
    exact = quantities(simulate(s, method="exact"))
    runs_with_a_miss = 0
    for seed in range(100):
        mc = quantities(simulate(s, method="monte-carlo", samples=5_000, seed=seed))
        runs_with_a_miss += any(not mc[k][1][0] <= p <= mc[k][1][1] for k, (p, _) in exact.items())
    assert runs_with_a_miss <= 10  # nominal at most 5 in 100 (Bonferroni is conservative); loose to avoid flakes


def test_monte_carlo_interval_is_wilson_at_the_bonferroni_level():
    from statistics import NormalDist

    from rung.scenario.montecarlo import wilson

    s = load(DIAMOND)
    r = simulate(s, method="monte-carlo", samples=10_000, seed=1)
    k = len(r.events) + len(r.max_rung) + len(r.thresholds)  # 4 events, 3 rung slots, 3 thresholds
    assert k == 10 and "over 10 quantities" in r.interval
    z = NormalDist().inv_cdf(1 - 0.05 / k / 2)  # about 2.81
    p = r.events["x"].p
    # Wilson by hand: centre (p + z^2/2n) / (1 + z^2/n), half-width z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n)
    n = 10_000
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5 / (1 + z * z / n)
    assert r.events["x"].ci == pytest.approx((centre - half, centre + half))
    assert wilson(0.5, 100, 1.96) == pytest.approx((0.4038, 0.5962), abs=1e-4)  # textbook value


def test_monte_carlo_is_reproducible_with_a_seed():
    s = load(DIAMOND)
    a = simulate(s, method="monte-carlo", samples=10_000, seed=5)
    b = simulate(s, method="monte-carlo", samples=10_000, seed=5)
    c = simulate(s, method="monte-carlo", samples=10_000, seed=6)
    assert a == b
    assert probs(a) != probs(c)
    assert a.samples == 10_000 and a.method == "monte-carlo"


def test_generated_25_event_scenario_runs_exactly_and_matches_pgmpy():
    s = random_scenario(25, seed=3)
    net = compile_network(s)
    r = simulate(s, method="exact")
    assert r.method == "exact" and len(r.events) == 25
    assert sum(v.p for v in r.max_rung.values()) == pytest.approx(1.0)
    pgmpy_models = pytest.importorskip("pgmpy.models")
    from pgmpy.factors.discrete import TabularCPD
    from pgmpy.inference import VariableElimination

    model = pgmpy_models.DiscreteBayesianNetwork()
    model.add_nodes_from(net.ids)
    for v, eid in enumerate(net.ids):
        parents = [net.ids[p] for p in net.parents[v]]
        model.add_edges_from((p, eid) for p in parents)
        flat = np.asarray(net.cpt[v], dtype=float).reshape(-1)
        model.add_cpds(TabularCPD(eid, 2, [list(1 - flat), list(flat)], evidence=parents or None,
                                  evidence_card=[2] * len(parents) or None))
    infer = VariableElimination(model)
    for eid in net.ids:
        assert r.events[eid].p == pytest.approx(float(infer.query([eid], show_progress=False).values[1]), abs=1e-9)


def test_auto_picks_exact_for_small_networks():
    assert simulate(load(CHAIN)).method == "exact"


def test_missing_probabilities_are_refused():
    s = parse_scenario("name: t\nstart: 2024-11-20\nhorizon: 2025-03-01\nevents:\n  a:\n    p: null\n",
                       origin="d.yaml", allow_missing=True, use_ladder=False)
    with pytest.raises(ScenarioError, match="probabilities still missing"):
        simulate(s)


def test_example_reads_as_the_article_says(kb):
    """Directions the article argues for, whatever the illustrative numbers: they must hold in the example."""
    s = load_scenario(EXAMPLE, kb=kb, use_ladder=False)
    base = probs(simulate(s, method="exact"))
    struck = probs(simulate(s, method="exact", evidence={"ua_storm_shadow": True}))
    assert struck["ru_expel"] > base["ru_expel"]
    continued = probs(simulate(s, method="exact", evidence={"nato_continue_war": True}))
    assert continued["ru_nuclear"] > 10 * base["ru_nuclear"]
    blocked = probs(simulate(s, method="exact", evidence={"us_blocks": True}))
    assert blocked["nato_collective"] < base["nato_collective"]


def test_sensitivity_on_the_odds_scale():
    from rung.scenario.sensitivity import sensitivity, swing_range

    low, high = swing_range(0.2, "odds", 2.0, 0.1)  # odds 0.25 -> 0.125 and 0.5: p 1/9 and 1/3
    assert (low, high) == pytest.approx((1 / 9, 1 / 3))
    assert swing_range(0.0, "odds", 2.0, 0.1) == (0.0, 0.1)  # no odds at 0: absolute swing
    report = sensitivity(load(CHAIN), "c")
    by = {s.parameter: s for s in report.swings}
    # a.p = 0.3 has odds 3/7 -> 3/14 and 6/7, i.e. p 3/17 and 6/13; c = 0.8 * (0.1 + 0.9 a)
    assert (by["a.p"].low, by["a.p"].high) == pytest.approx((3 / 17, 6 / 13))
    assert by["a.p"].width == pytest.approx(0.8 * 0.9 * (6 / 13 - 3 / 17))
    assert report.swings[0].parameter == "a.p" and report.swing == "odds"
    assert report.baseline == pytest.approx(0.296)


@pytest.mark.parametrize("evidence", [{}, {"d05": True, "d09": False}])
def test_enumeration_matches_elimination_and_brute_force_on_a_dense_network(evidence):
    from rung.scenario.exact import enumerate_joint, forward
    from rung.scenario.generate import dense_scenario

    s = dense_scenario(12, seed=2)
    net = compile_network(s)
    assert net.width == 11  # every event depends on all earlier ones
    clamp = {net.index(k): v for k, v in evidence.items()}
    joint_e, rung_e = enumerate_joint(net, clamp)
    joint_f, rung_f = forward(net, clamp, batch=True)
    assert rung_e == pytest.approx(rung_f[0], abs=1e-12)
    assert joint_e == pytest.approx(rung_f[1:].sum(axis=1), abs=1e-12)  # P(X=1, e) both ways
    marg, _ = brute_force(s, evidence)
    assert joint_e / rung_e.sum() == pytest.approx([marg[i] for i in net.ids], abs=1e-12)
    assert joint_f is not None


def test_dense_25_event_scenario_runs_exactly():
    from rung.scenario.generate import dense_scenario

    s = dense_scenario(25, seed=1)
    assert compile_network(s).width == 24  # beyond elimination: enumerated
    assert simulate(s).method == "monte-carlo"  # auto prefers sampling for a dense network this size
    exact = quantities(simulate(s, method="exact"))
    assert sum(p for k, (p, _) in exact.items() if k.startswith("rung ")) == pytest.approx(1.0)
    mc = quantities(simulate(s, method="monte-carlo", samples=200_000, seed=11))
    outside = {k for k in exact if not mc[k][1][0] <= exact[k][0] <= mc[k][1][1]}
    assert not outside
