"""Scenarios: conditional event trees with probabilities, windows and rungs; computed exactly or by
Monte Carlo, explored with what-ifs and sensitivity, and scored against what happened.

Format and semantics: docs/scenario.md.
"""

from rung.scenario.model import Branch, Estimate, Scenario, ScenarioEvent, SimulationResult, Threshold
from rung.scenario.network import apply_overrides, compile_network, parse_evidence
from rung.scenario.parse import load_scenario, parse_scenario
from rung.scenario.simulate import simulate

__all__ = [
    "Branch",
    "Estimate",
    "Scenario",
    "ScenarioEvent",
    "SimulationResult",
    "Threshold",
    "apply_overrides",
    "compile_network",
    "load_scenario",
    "parse_evidence",
    "parse_scenario",
    "simulate",
]
