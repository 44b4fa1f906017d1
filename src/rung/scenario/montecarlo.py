"""Monte Carlo: sample every event in topological order as NumPy boolean arrays (forward sampling).

Each event's probability per sample is found vectorised: start from the `else` probability and walk
the branches from last to first with `np.where(condition, p, current)`, so the first match wins. One
uniform draw per event and sample decides whether it happens. Evidence is handled by likelihood
weighting: an evidence event is set to its observed value and each sample's weight is multiplied by
the probability of that value, so no sample is thrown away.

Intervals are Wilson score intervals using the effective sample size (sum w)^2 / sum w^2 (the sample
count when there is no evidence). They are *simultaneous* 95% intervals: each quantity's interval is
at level 1 - 0.05/k (Bonferroni over the k quantities one run reports: events, max-rung slots and
thresholds), so with probability at least 95% every exact value lies inside its interval at once,
which is what "Monte Carlo agrees with exact inference" needs. `z_for` gives the z value.
With a seed, results are reproducible.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from statistics import NormalDist

import numpy as np

from rung.errors import ScenarioError
from rung.scenario.conditions import evaluate
from rung.scenario.network import Network

Z95 = 1.959963984540054
CHUNK = 1 << 20


def z_for(level: float = 0.95, quantities: int = 1) -> float:
    """Two-sided z for a simultaneous `level` over `quantities` intervals (Bonferroni)."""
    alpha = (1.0 - level) / max(1, quantities)
    return NormalDist().inv_cdf(1.0 - alpha / 2.0)


def wilson(p: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion p observed over n (effective) trials."""
    if n <= 0:
        return 0.0, 1.0
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(max(p * (1 - p) / n + z * z / (4 * n * n), 0.0)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def sample_chunk(net: Network, size: int, rng: np.random.Generator,
                 clamp: Mapping[int, bool]) -> tuple[list[np.ndarray], np.ndarray, np.ndarray | None]:
    """Draw `size` samples. Returns (per-event bool arrays, max-rung slot per sample, weights or None)."""
    values: dict[str, np.ndarray] = {}
    columns: list[np.ndarray] = []
    max_slot = np.zeros(size, dtype=np.uint8)
    weights: np.ndarray | None = None
    for v, eid in enumerate(net.ids):
        rows = net.branches[v]
        if len(rows) == 1 and rows[0][0] is None:
            p: np.ndarray | float = rows[0][1]
        else:
            p = rows[-1][1] if rows[-1][0] is None else 0.0
            for cond, bp in reversed(rows):
                if cond is not None:
                    p = np.where(evaluate(cond, values), bp, p)
        if v in clamp:
            x = np.full(size, clamp[v], dtype=bool)
            factor = p if clamp[v] else 1.0 - p  # type: ignore[operator]
            if weights is None:
                weights = np.broadcast_to(np.asarray(factor, dtype=np.float64), (size,)).copy()
            else:
                weights *= factor
        else:
            x = rng.random(size, dtype=np.float32) < p
        values[eid] = x
        columns.append(x)
        slot = net.rung_slot(v)
        if slot:
            np.maximum(max_slot, x.astype(np.uint8) * np.uint8(slot), out=max_slot)
    return columns, max_slot, weights


# Monte Carlo work is bounded: 10 million samples take about a minute on a small scenario.
MAX_SAMPLES = 10_000_000


def monte_carlo(net: Network, samples: int, seed: int | None = None, evidence: Mapping[str, bool] | None = None,
                z: float = Z95):
    """Means and 95% intervals of every event and of the max-rung distribution.

    Returns (marginals, marginal intervals, max-rung means, max-rung intervals, effective samples, P(e) estimate).
    """
    if samples < 1:
        raise ScenarioError(f"--samples {samples}: need at least one sample")
    if samples > MAX_SAMPLES:
        raise ScenarioError(f"--samples {samples:,}: more than the {MAX_SAMPLES:,} allowed (a run that size takes "
                            "minutes; the intervals it prints say whether more samples would help)")
    clamp = {net.index(eid): bool(value) for eid, value in (evidence or {}).items()}
    rng = np.random.default_rng(seed)
    n_events, slots = len(net.ids), len(net.levels) + 1
    hits = np.zeros(n_events)
    rung_hits = np.zeros(slots)
    w_sum = w_sq = 0.0
    done = 0
    while done < samples:
        size = min(CHUNK, samples - done)
        columns, max_slot, weights = sample_chunk(net, size, rng, clamp)
        if weights is None:
            hits += [np.count_nonzero(c) for c in columns]
            rung_hits += np.bincount(max_slot, minlength=slots)
            w_sum += size
            w_sq += size
        else:
            hits += [weights[c].sum() for c in columns]
            rung_hits += np.bincount(max_slot, weights=weights, minlength=slots)
            w_sum += float(weights.sum())
            w_sq += float(np.square(weights).sum())
        done += size
    if w_sum <= 0.0:
        raise ScenarioError("the evidence is impossible under the scenario (no sample is consistent with it)")
    n_eff = w_sum * w_sum / w_sq
    means = hits / w_sum
    rung_means = rung_hits / w_sum
    intervals = [wilson(float(m), n_eff, z) for m in means]
    for v, value in clamp.items():
        intervals[v] = (1.0, 1.0) if value else (0.0, 0.0)
    rung_intervals = [wilson(float(m), n_eff, z) for m in rung_means]
    return means, intervals, rung_means, rung_intervals, n_eff, w_sum / samples


def threshold_interval(rung_means: np.ndarray, from_slot: int, n_eff: float, z: float = Z95) -> tuple[float, float, float]:
    """P(max rung slot >= from_slot) and its Wilson interval."""
    p = float(rung_means[from_slot:].sum())
    lo, hi = wilson(p, n_eff, z)
    return p, lo, hi
