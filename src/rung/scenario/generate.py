"""Random scenarios of a given size, for tests and benchmarks (reproducible from a seed)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from rung.scenario.model import Branch, Scenario, ScenarioEvent, Threshold


def random_scenario(n_events: int, seed: int = 0, *, max_parents: int = 3, locality: int = 6,
                    start: dt.date = dt.date(2024, 11, 20), horizon: dt.date = dt.date(2025, 3, 1),
                    thresholds: tuple[Threshold, ...] = (Threshold(level=10, name="intense crisis"),
                                                          Threshold(level=21, name="nuclear use"))) -> Scenario:
    """A random DAG: event i has up to `max_parents` parents among the `locality` events before it.

    Conditions mix `and`, `or` and `not`; about two thirds of the events carry a rung in 1-30. Keeping
    parents local (as in real escalation chains, where a move answers recent moves) keeps the network's
    treewidth bounded, like the scenarios analysts write.
    """
    rng = np.random.default_rng(seed)
    ids = [f"e{i:02d}" for i in range(n_events)]
    events: dict[str, ScenarioEvent] = {}
    for i, eid in enumerate(ids):
        rung = int(rng.integers(1, 31)) if rng.random() < 0.67 else None
        k = int(rng.integers(0, min(max_parents, i) + 1)) if i else 0
        candidates = ids[max(0, i - locality):i]
        parents = list(rng.choice(candidates, size=min(k, len(candidates)), replace=False)) if k else []
        if not parents:
            events[eid] = ScenarioEvent(id=eid, label=f"event {i}", rung=rung, rung_from="explicit" if rung else None,
                                        p=round(float(rng.uniform(0.05, 0.95)), 3))
            continue
        branches = []
        first = " and ".join(parents) if len(parents) > 1 else parents[0]
        branches.append(Branch(condition=first, p=round(float(rng.uniform(0.3, 0.95)), 3)))
        if len(parents) > 1:
            branches.append(Branch(condition=f"{parents[0]} or not {parents[-1]}", p=round(float(rng.uniform(0.1, 0.6)), 3)))
        branches.append(Branch(condition=None, p=round(float(rng.uniform(0.0, 0.2)), 3)))
        events[eid] = ScenarioEvent(id=eid, label=f"event {i}", rung=rung, rung_from="explicit" if rung else None,
                                    given=tuple(branches))
    return Scenario(name=f"random-{n_events}-{seed}", start=start, horizon=horizon, events=events,
                    thresholds=thresholds)


def dense_scenario(n_events: int, seed: int = 0) -> Scenario:
    """Every event depends on every earlier one (the worst case for elimination: width n - 1)."""
    rng = np.random.default_rng(seed)
    ids = [f"d{i:02d}" for i in range(n_events)]
    events: dict[str, ScenarioEvent] = {}
    for i, eid in enumerate(ids):
        rung = int(rng.integers(1, 15))
        if i == 0:
            events[eid] = ScenarioEvent(id=eid, label=eid, rung=rung, rung_from="explicit", p=0.5)
            continue
        earlier = ids[:i]
        branches = [Branch(condition=" and ".join(earlier[-3:]), p=round(float(rng.uniform(0.5, 0.95)), 3)),
                    Branch(condition=" or ".join(earlier), p=round(float(rng.uniform(0.2, 0.5)), 3)),
                    Branch(condition=None, p=round(float(rng.uniform(0.0, 0.2)), 3))]
        events[eid] = ScenarioEvent(id=eid, label=eid, rung=rung, rung_from="explicit", given=tuple(branches))
    return Scenario(name=f"dense-{n_events}-{seed}", start=dt.date(2024, 11, 20), horizon=dt.date(2025, 3, 1),
                    events=events)
