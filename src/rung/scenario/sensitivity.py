"""One-at-a-time sensitivity: which input probability moves a chosen outcome most (a tornado chart).

Each input (`ID.p`, `ID.given[i].p`, `ID.else`) is swung low and high with every other input held at
its value, and the outcome is recomputed (exactly when the network allows) each time. Inputs are ranked
by the width of the swing |outcome(high) - outcome(low)|. Two ways to swing:

* `odds` (default): divide and multiply the input's odds p/(1-p) by `factor` (2: "half / twice as
  likely"). Scenario inputs range from 0.0005 to 0.9, and an absolute swing would let a ±0.1 change to a
  0.0005 residual dwarf everything; on the odds scale each input moves by the same evidential weight.
  Inputs at exactly 0 or 1 have no odds and are swung by ±delta instead.
* `absolute`: p - delta and p + delta, clipped to [0, 1].

An outcome is an event id (P(event)), a threshold name (P(max rung >= its level)), or `rung>=N`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pydantic import Field

from rung.errors import ScenarioError
from rung.scenario.model import Record, Scenario, SimulationResult
from rung.scenario.network import apply_overrides
from rung.scenario.simulate import simulate

_RUNG = re.compile(r"^rung\s*>=\s*(\d+)$")


class Swing(Record):
    parameter: str
    base: float = Field(description="the input's value in the scenario")
    low: float
    high: float
    outcome_low: float
    outcome_high: float

    @property
    def width(self) -> float:
        return abs(self.outcome_high - self.outcome_low)


class SensitivityReport(Record):
    scenario: str
    outcome: str
    baseline: float
    swing: str = Field(description="'odds' or 'absolute'")
    factor: float
    delta: float
    swings: tuple[Swing, ...] = Field(description="largest swing first")


def parameters(scenario: Scenario) -> list[tuple[str, float]]:
    """Every input probability with its `--set` name."""
    out = []
    for eid, event in scenario.events.items():
        if not event.given:
            out.append((f"{eid}.p", float(event.p)))  # type: ignore[arg-type]
        for i, branch in enumerate(event.given):
            name = f"{eid}.else" if branch.condition is None else f"{eid}.given[{i}].p"
            out.append((name, float(branch.p)))  # type: ignore[arg-type]
    return out


def default_outcome(scenario: Scenario) -> str:
    """The highest threshold any event can cross, else the event with the highest rung, else the last event."""
    top = max((e.rung for e in scenario.events.values() if e.rung is not None), default=None)
    if top is not None:
        crossable = [t for t in scenario.thresholds if t.level <= top]
        if crossable:
            return max(crossable, key=lambda t: t.level).name
        return max((e for e in scenario.events.values() if e.rung is not None), key=lambda e: e.rung).id  # type: ignore[arg-type, return-value]
    return list(scenario.events)[-1]


def outcome_value(result: SimulationResult, outcome: str) -> float:
    if outcome in result.events:
        return result.events[outcome].p
    if outcome in result.thresholds:
        return result.thresholds[outcome].p
    match = _RUNG.match(outcome.strip())
    if match:
        level = int(match.group(1))
        return sum(est.p for key, est in result.max_rung.items() if key != "none" and int(key) >= level)
    raise ScenarioError(f"--outcome {outcome!r}: not an event id, a threshold name or rung>=N")


def swing_range(p: float, swing: str, factor: float, delta: float) -> tuple[float, float]:
    """Low and high values of an input."""
    if swing == "odds" and 0.0 < p < 1.0:
        odds = p / (1.0 - p)
        low, high = odds / factor, odds * factor
        return low / (1.0 + low), high / (1.0 + high)
    return max(0.0, p - delta), min(1.0, p + delta)


def sensitivity(scenario: Scenario, outcome: str | None = None, *, swing: str = "odds", factor: float = 2.0,
                delta: float = 0.1,
                evidence: Mapping[str, bool] | None = None, overrides: Sequence[str] = (),
                method: str = "auto", samples: int = 200_000, seed: int | None = 0) -> SensitivityReport:
    """Rank inputs by how far swinging each by +-delta moves the outcome (Monte Carlo uses common seeds)."""
    if not 0 < delta <= 1:
        raise ScenarioError(f"--delta {delta}: expected a number in (0, 1]")
    if swing not in ("odds", "absolute"):
        raise ScenarioError(f"--swing {swing!r}: expected odds or absolute")
    if factor <= 1:
        raise ScenarioError(f"--factor {factor}: expected a number above 1")
    if overrides:
        scenario = apply_overrides(scenario, overrides)
    outcome = outcome or default_outcome(scenario)

    def run(extra: Sequence[str]) -> float:
        result = simulate(scenario, method=method, samples=samples, seed=seed, evidence=evidence, overrides=extra)
        return outcome_value(result, outcome)

    baseline = run(())
    swings = []
    for name, value in parameters(scenario):
        low, high = swing_range(value, swing, factor, delta)
        swings.append(Swing(parameter=name, base=value, low=low, high=high,
                            outcome_low=run([f"{name}={low!r}"]), outcome_high=run([f"{name}={high!r}"])))
    swings.sort(key=lambda s: (-s.width, s.parameter))
    return SensitivityReport(scenario=scenario.name, outcome=outcome, baseline=baseline, swing=swing, factor=factor,
                             delta=delta, swings=tuple(swings))


def plot_tornado(report: SensitivityReport, path: str, top: int = 15) -> None:
    """Write a tornado chart PNG: one bar per input, from outcome(low) to outcome(high)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = list(report.swings[:top])[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(rows) + 1.5))
    for y, s in enumerate(rows):
        ax.barh(y, s.outcome_low - report.baseline, left=report.baseline, color="#4c72b0")
        ax.barh(y, s.outcome_high - report.baseline, left=report.baseline, color="#dd8452")
    ax.axvline(report.baseline, color="black", linewidth=0.8)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"{s.parameter} ({s.low:.3g}-{s.high:.3g})" for s in rows], fontsize=8)
    ax.set_xlabel(f"P({report.outcome})")
    how = f"odds ÷/× {report.factor:g}" if report.swing == "odds" else f"±{report.delta:g}"
    ax.set_title(f"{report.scenario}: inputs swung by {how} (blue low, orange high)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
