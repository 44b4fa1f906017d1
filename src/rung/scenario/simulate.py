"""`rung simulate`: every event's probability, the highest rung reached, and each threshold crossed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from rung.errors import ScenarioError
from rung.scenario.exact import MAX_ENUMERATE, MAX_EXACT_WIDTH, exact
from rung.scenario.model import Estimate, Scenario, SimulationResult, ThresholdEstimate
from rung.scenario.montecarlo import monte_carlo, threshold_interval, z_for
from rung.scenario.network import Network, apply_overrides, compile_network

METHODS = ("auto", "exact", "monte-carlo")
AUTO_EXACT_WIDTH = 18  # `auto` uses elimination while the frontier stays at or below this ...
AUTO_ENUMERATE = 22  # ... or enumeration for dense networks of at most this many events
DEFAULT_SAMPLES = 200_000
CI_LEVEL = 0.95  # simultaneous over every quantity a run reports (see montecarlo.py)


def choose_method(net: Network, method: str) -> str:
    if method not in METHODS:
        raise ScenarioError(f"--method {method!r}: expected one of {', '.join(METHODS)}")
    if method == "auto":
        return "exact" if net.width <= AUTO_EXACT_WIDTH or len(net.ids) <= AUTO_ENUMERATE else "monte-carlo"
    if method == "exact" and net.width > MAX_EXACT_WIDTH and len(net.ids) > MAX_ENUMERATE:
        raise ScenarioError(f"exact inference would hold 2^{net.width} states and enumerate 2^{len(net.ids)} "
                            "assignments; use --method monte-carlo")
    return method


def rung_key(net: Network, slot: int) -> str:
    return "none" if slot == 0 else str(net.levels[slot - 1])


def simulate(scenario: Scenario, *, method: str = "auto", samples: int = DEFAULT_SAMPLES, seed: int | None = None,
             evidence: Mapping[str, bool] | None = None, overrides: Sequence[str] = ()) -> SimulationResult:
    """Compute a scenario. `overrides` are `--set` what-ifs, `evidence` conditions on observed events."""
    evidence = dict(evidence or {})
    for eid in evidence:
        if eid not in scenario.events:
            raise ScenarioError(f"evidence: unknown event id {eid!r}")
    if overrides:
        scenario = apply_overrides(scenario, overrides)
    net = compile_network(scenario)
    chosen = choose_method(net, method)
    slots = len(net.levels) + 1
    if chosen == "exact":
        marginals, rung_dist, p_e = exact(net, evidence)
        events = {eid: Estimate(p=_clean(marginals[i]), ci=(_clean(marginals[i]),) * 2)
                  for i, eid in enumerate(net.ids)}
        max_rung = {rung_key(net, s): Estimate(p=_clean(rung_dist[s]), ci=(_clean(rung_dist[s]),) * 2)
                    for s in range(slots)}
        thresholds = {}
        for t in scenario.thresholds:
            p = _clean(rung_dist[_first_slot(net, t.level):].sum())
            thresholds[t.name] = ThresholdEstimate(level=t.level, p=p, ci=(p, p))
        extra: dict[str, Any] = {"evidence_probability": p_e if evidence else None}
    else:
        z = z_for(CI_LEVEL, len(net.ids) + slots + len(scenario.thresholds))  # one interval per reported quantity
        means, intervals, rung_means, rung_intervals, n_eff, p_e = monte_carlo(net, samples, seed, evidence, z)
        events = {eid: Estimate(p=float(means[i]), ci=intervals[i]) for i, eid in enumerate(net.ids)}
        max_rung = {rung_key(net, s): Estimate(p=float(rung_means[s]), ci=rung_intervals[s]) for s in range(slots)}
        thresholds = {}
        for t in scenario.thresholds:
            p, lo, hi = threshold_interval(rung_means, _first_slot(net, t.level), n_eff, z)
            thresholds[t.name] = ThresholdEstimate(level=t.level, p=p, ci=(lo, hi))
        k = len(net.ids) + slots + len(scenario.thresholds)
        extra = {"interval": f"Wilson, simultaneous {CI_LEVEL:.0%} over {k} quantities (Bonferroni)", "samples": samples, "effective_samples": n_eff, "seed": seed,
                 "evidence_probability": p_e if evidence else None}
    ordered = {eid: events[eid] for eid in scenario.events}  # report in file order
    return SimulationResult(scenario=scenario.name, method=chosen, events=ordered, max_rung=max_rung,
                            thresholds=thresholds, evidence=evidence, overrides=tuple(overrides), **extra)


def _first_slot(net: Network, level: int) -> int:
    """The first max-rung slot at or above `level` (past the end when no event reaches it)."""
    for i, lv in enumerate(net.levels):
        if lv >= level:
            return i + 1
    return len(net.levels) + 1


def _clean(x: float | np.floating) -> float:
    """Clip rounding noise so probabilities stay inside [0, 1]."""
    return float(min(1.0, max(0.0, float(x))))
