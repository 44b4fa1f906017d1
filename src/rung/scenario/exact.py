"""Exact inference: one forward pass of variable elimination along a topological order.

The pass walks the events in the network's order and keeps one joint table over the *frontier*: the
events already placed that some later event still depends on, plus one extra axis for the highest rung
reached so far. For each event X with parents Pa(X) (all on the frontier by construction):

1. split the table by X: `X=1` mass is `table * P(X=1 | Pa)`, `X=0` mass is the rest;
2. in the `X=1` half, move mass from rung slots below X's rung up to X's rung (max-rung update);
3. keep X as a new axis only if a later event depends on it, otherwise add the halves together;
4. sum out every parent whose last child was X.

The table never holds more than 2^width x (rungs + 1) numbers, where width is the largest frontier
(`Network.width`; the order is chosen greedily to keep it small). Without evidence one pass gives every
event's marginal (the `X=1` mass at step 1) and the whole max-rung distribution. With evidence the pass
clamps the evidence events (drops the other half) and its final mass is P(evidence); each posterior
marginal P(X | e) is P(X=1, e) / P(e), where P(X=1, e) comes from the same pass with X also clamped
true. All n of those passes run at once as a leading batch axis of the table (copy v + 1 clamps
event v), so conditioning costs one vectorised pass, not n.

Dense networks whose frontier would exceed `MAX_EXACT_WIDTH` (e.g. 25 events that each depend on all
earlier ones) are computed by enumerating all 2^n joint assignments in vectorised chunks instead
(`enumerate_joint`, up to `MAX_ENUMERATE` events), so exact inference covers every 25-event scenario.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from rung.errors import ScenarioError
from rung.scenario.conditions import evaluate
from rung.scenario.network import MAX_TABLE_WIDTH, Network

MAX_EXACT_WIDTH = MAX_TABLE_WIDTH  # 2^22 x (rungs + 1) float64s; wider networks are enumerated (up to MAX_ENUMERATE events)
MAX_ENUMERATE = 26  # 2^26 joint assignments, enumerated in chunks: seconds, not minutes
ENUM_CHUNK = 1 << 18


def forward(net: Network, clamp: Mapping[int, bool] | None = None, *, batch: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """One pass. Returns (P(X=1, clamps on earlier events) per event, max-rung mass per slot).

    The max-rung vector sums to P(all clamps); slot 0 is 'no rung reached', slot i is `net.levels[i-1]`.
    With `batch`, the table carries a leading axis of n + 1 copies: copy 0 is the plain pass, copy v + 1
    also clamps event v to true, so one pass yields P(v=1, clamps) for every v (the max-rung result
    then has shape (n + 1, slots)). NumPy's per-call overhead dominates at these sizes, so the batch
    costs about one pass instead of n.
    """
    if net.width > MAX_EXACT_WIDTH:
        raise ScenarioError(f"exact inference would hold 2^{net.width} states; use --method monte-carlo")
    clamp = clamp or {}
    n = len(net.ids)
    copies = n + 1 if batch else 1
    slots = len(net.levels) + 1
    children_left = [0] * n
    for ps in net.parents:
        for p in ps:
            children_left[p] += 1
    table = np.zeros((copies, slots))
    table[:, 0] = 1.0
    live: list[int] = []  # table axis i + 1 is event live[i]; the last axis is the max-rung slot
    joint = np.empty(n)
    for v in range(n):
        parents = net.parents[v]
        if parents:
            positions = [live.index(p) for p in parents]
            order = np.argsort(positions)
            cpt = np.transpose(net.cpt[v], order)
            shape = [1] * (len(live) + 2)
            for pos in positions:
                shape[pos + 1] = 2
            p1 = table * cpt.reshape(shape)
        else:
            p1 = table * float(net.cpt[v])
        p0 = table - p1
        joint[v] = p1[0].sum()
        if v in clamp:
            if clamp[v]:
                p0 = np.zeros_like(p0)
            else:
                p1 = np.zeros_like(p1)
        if batch:
            p0[v + 1] = 0.0
        slot = net.rung_slot(v)
        if slot > 0:
            p1[..., slot] += p1[..., :slot].sum(axis=-1)
            p1[..., :slot] = 0.0
        if children_left[v] > 0:
            table = np.stack([p0, p1], axis=len(live) + 1)
            live.append(v)
        else:
            table = p0 + p1
        finished = []
        for p in parents:
            children_left[p] -= 1
            if children_left[p] == 0:
                finished.append(live.index(p))
        if finished:
            table = table.sum(axis=tuple(i + 1 for i in finished))
            live = [x for i, x in enumerate(live) if i not in finished]
    table = table.reshape(copies, -1, slots).sum(axis=1)  # nothing should be live here; stay safe
    return joint, (table if batch else table[0])


def enumerate_joint(net: Network, clamp: Mapping[int, bool]) -> tuple[np.ndarray, np.ndarray]:
    """Brute force for dense networks: every joint assignment, vectorised in chunks.

    Assignment k sets event v to bit v of k. Returns (P(X=1, clamps) per event, max-rung mass per slot).
    """
    n = len(net.ids)
    if n > MAX_ENUMERATE:
        raise ScenarioError(f"exact inference would hold 2^{net.width} states and enumerating 2^{n} assignments "
                            "is too slow; use --method monte-carlo")
    free = [v for v in range(n) if v not in clamp]
    slots = len(net.levels) + 1
    joint = np.zeros(n)
    rung_mass = np.zeros(slots)
    total = 1 << len(free)
    for begin in range(0, total, ENUM_CHUNK):
        index = np.arange(begin, min(total, begin + ENUM_CHUNK), dtype=np.int64)
        values: dict[str, np.ndarray] = {}
        weight = np.ones(index.size)
        max_slot = np.zeros(index.size, dtype=np.int64)
        for bit, v in enumerate(free):
            values[net.ids[v]] = (index >> bit) & 1 == 1
        for v, value in clamp.items():
            values[net.ids[v]] = np.full(index.size, value)
        for v, eid in enumerate(net.ids):
            rows = net.branches[v]
            p: np.ndarray | float = rows[-1][1] if rows[-1][0] is None else 0.0
            for cond, bp in reversed(rows):
                if cond is not None:
                    p = np.where(evaluate(cond, values), bp, p)
            weight *= np.where(values[eid], p, 1.0 - np.asarray(p))
            slot = net.rung_slot(v)
            if slot:
                np.maximum(max_slot, np.where(values[eid], slot, 0), out=max_slot)
        for v, eid in enumerate(net.ids):
            joint[v] += weight[values[eid]].sum()
        rung_mass += np.bincount(max_slot, weights=weight, minlength=slots)
    return joint, rung_mass


def exact(net: Network, evidence: Mapping[str, bool] | None = None) -> tuple[np.ndarray, np.ndarray, float]:
    """Marginals P(X | e) per event (in `net.ids` order), the max-rung distribution given e, and P(e).

    Variable elimination when the frontier fits (`MAX_EXACT_WIDTH`), chunked enumeration otherwise.
    """
    clamp = {net.index(eid): bool(value) for eid, value in (evidence or {}).items()}
    if net.width > MAX_EXACT_WIDTH:
        joint, rung_mass = enumerate_joint(net, clamp)
        p_evidence = float(rung_mass.sum())
        if p_evidence <= 0.0:
            raise ScenarioError("the evidence is impossible under the scenario (probability 0)")
        return joint / p_evidence, rung_mass / p_evidence, p_evidence
    if not clamp:
        joint, rung_mass = forward(net)
        return joint, rung_mass, 1.0
    _, masses = forward(net, clamp, batch=True)
    p_evidence = float(masses[0].sum())
    if p_evidence <= 0.0:
        raise ScenarioError("the evidence is impossible under the scenario (probability 0)")
    marginals = masses[1:].sum(axis=1) / p_evidence
    for v, value in clamp.items():
        marginals[v] = 1.0 if value else 0.0
    return marginals, masses[0] / p_evidence, p_evidence
