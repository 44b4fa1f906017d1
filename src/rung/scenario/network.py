"""Compile a Scenario into a Bayesian network over binary events, ready for exact or sampled inference.

* Each event is a binary variable: it happens within its window (and so by the horizon) or it does not.
* Its parents are the events its `given` conditions mention, after time order is applied: a parent
  whose window opens only after the child's window closes cannot have happened before the child, so it
  is replaced by `false` in the child's conditions and is not a parent.
* Its table is P(event | parents) = the `p` of the first branch whose condition is true (`else` last).

`--set` what-ifs are applied to the Scenario before compiling (`apply_overrides`); evidence is given to
the inference functions, which condition on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from rung.errors import ScenarioError
from rung.scenario.conditions import Condition, evaluate, parse_condition, substitute, variables
from rung.scenario.model import Branch, Scenario

MAX_TABLE_WIDTH = 22  # equal to exact.MAX_EXACT_WIDTH (kept here to avoid an import cycle)
_SET = re.compile(r"^(?P<id>[A-Za-z_][A-Za-z0-9_]*)\.(?:(?P<p>p)|(?P<else>else)|given\[(?P<i>\d+)\]\.p)\s*=\s*(?P<v>.+)$")


@dataclass(slots=True)
class Network:
    ids: tuple[str, ...]  # topological order chosen to keep the elimination frontier small
    parents: tuple[tuple[int, ...], ...]  # indices into ids, for each event
    branches: tuple[tuple[tuple[Condition | None, float], ...], ...]  # per event, time order applied
    cpt: tuple[np.ndarray, ...]  # per event, P(true | parents), shape (2,) * len(parents)
    rung: tuple[int | None, ...]
    levels: tuple[int, ...]  # distinct rung levels in ascending order; max-rung slot i+1 is levels[i]
    width: int  # the largest number of events the exact pass keeps jointly

    def index(self, event_id: str) -> int:
        return self.ids.index(event_id)

    def rung_slot(self, i: int) -> int:
        """Slot of event i's rung in the max-rung distribution (0 = no rung reached)."""
        r = self.rung[i]
        return 0 if r is None else self.levels.index(r) + 1

    @property
    def parameter_count(self) -> int:
        return sum(len(b) for b in self.branches)


def apply_overrides(scenario: Scenario, assignments: Iterable[str]) -> Scenario:
    """What-ifs: 'ID.p=0.5' makes ID unconditional; 'ID.given[0].p=0.2' and 'ID.else=0.1' change one branch."""
    events = dict(scenario.events)
    for text in assignments:
        match = _SET.match(text.strip())
        if not match:
            raise ScenarioError(f"--set {text!r}: expected ID.p=P, ID.given[N].p=P or ID.else=P")
        eid = match.group("id")
        if eid not in events:
            raise ScenarioError(f"--set {text!r}: unknown event id {eid!r}")
        try:
            value = float(match.group("v"))
        except ValueError:
            raise ScenarioError(f"--set {text!r}: {match.group('v')!r} is not a number") from None
        if not 0.0 <= value <= 1.0:
            raise ScenarioError(f"--set {text!r}: {value} is outside [0, 1]")
        event = events[eid]
        if match.group("p"):
            events[eid] = event.model_copy(update={"p": value, "given": ()})
            continue
        given = list(event.given)
        if match.group("else"):
            if not given:
                raise ScenarioError(f"--set {text!r}: {eid} has no given (set {eid}.p instead)")
            index = len(given) - 1
        else:
            index = int(match.group("i"))
            if index >= len(given) or given[index].condition is None:
                raise ScenarioError(f"--set {text!r}: {eid} has no given[{index}] with a condition")
        given[index] = Branch(condition=given[index].condition, p=value, line=given[index].line)
        events[eid] = event.model_copy(update={"given": tuple(given)})
    return scenario.model_copy(update={"events": events})


def parse_evidence(items: Iterable[str], scenario: Scenario) -> dict[str, bool]:
    """'ID=true|false' (also yes/no/1/0) into a mapping, checked against the scenario's ids."""
    out: dict[str, bool] = {}
    for text in items:
        eid, sep, value = text.partition("=")
        eid, value = eid.strip(), value.strip().lower()
        if not sep or value not in {"true", "false", "yes", "no", "1", "0"}:
            raise ScenarioError(f"--evidence {text!r}: expected ID=true or ID=false")
        if eid not in scenario.events:
            raise ScenarioError(f"--evidence {text!r}: unknown event id {eid!r}")
        out[eid] = value in {"true", "yes", "1"}
    return out


def compile_network(scenario: Scenario) -> Network:
    missing = scenario.missing_probabilities()
    if missing:
        raise ScenarioError(f"{scenario.path or scenario.name}: probabilities still missing (null): "
                            f"{', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}")
    ids = list(scenario.events)
    branch_table: dict[str, list[tuple[Condition | None, float]]] = {}
    parent_ids: dict[str, list[str]] = {}
    for eid, event in scenario.events.items():
        _, last = scenario.window_of(eid)
        if not event.given:
            branch_table[eid] = [(None, float(event.p))]  # type: ignore[arg-type]
            parent_ids[eid] = []
            continue
        rows: list[tuple[Condition | None, float]] = []
        used: set[str] = set()
        for branch in event.given:
            if branch.condition is None:
                rows.append((None, float(branch.p)))  # type: ignore[arg-type]
                continue
            cond = parse_condition(branch.condition)
            later = {name: False for name in variables(cond) if scenario.window_of(name)[0] > last}
            cond = substitute(cond, later) if later else cond
            used |= variables(cond)
            rows.append((cond, float(branch.p)))  # type: ignore[arg-type]
        branch_table[eid] = rows
        parent_ids[eid] = [p for p in ids if p in used]  # file order, for stable tables

    order, width = _order(ids, parent_ids)
    position = {eid: i for i, eid in enumerate(order)}
    parents = tuple(tuple(position[p] for p in parent_ids[eid]) for eid in order)
    # Tables are only needed by elimination, which only runs when the frontier (>= any parent count)
    # fits; dense networks are enumerated from the branches directly.
    if width <= MAX_TABLE_WIDTH:
        cpts = tuple(_table(branch_table[eid], parent_ids[eid]) for eid in order)
    else:
        cpts = tuple(np.empty(0) for _ in order)
    rungs = tuple(scenario.events[eid].rung for eid in order)
    levels = tuple(sorted({r for r in rungs if r is not None}))
    return Network(ids=tuple(order), parents=parents, branches=tuple(tuple(branch_table[e]) for e in order),
                   cpt=cpts, rung=rungs, levels=levels, width=width)


def _table(rows: list[tuple[Condition | None, float]], parent_ids: list[str]) -> np.ndarray:
    """P(true | parents) for every parent configuration, first matching branch; axes in parent order.

    Vectorised: configuration k gives parent j the bit (len - 1 - j) of k, so a C-order reshape puts
    parent j on axis j with False at index 0.
    """
    k = len(parent_ids)
    index = np.arange(1 << k, dtype=np.int64)
    values = {pid: (index >> (k - 1 - j)) & 1 == 1 for j, pid in enumerate(parent_ids)}
    p: np.ndarray | float = 0.0
    for cond, bp in reversed(rows):
        p = bp if cond is None else np.where(evaluate(cond, values), bp, p)
    return np.broadcast_to(np.asarray(p, dtype=np.float64), (1 << k,)).reshape((2,) * k).copy()


def _order(ids: list[str], parent_ids: dict[str, list[str]]) -> tuple[list[str], int]:
    """A topological order, greedily keeping the set of 'open' events (placed, children not all placed) small.

    Returns the order and the largest number of event axes the exact pass will hold (the open events,
    plus the one being added when a later event needs it). Ties go to file order.
    """
    children: dict[str, set[str]] = {eid: set() for eid in ids}
    for eid, ps in parent_ids.items():
        for p in ps:
            children[p].add(eid)
    placed: list[str] = []
    done: set[str] = set()
    open_: set[str] = set()
    width = 0
    remaining = list(ids)
    while remaining:
        best: tuple[int, int, str] | None = None
        for rank, eid in enumerate(remaining):
            if not all(p in done for p in parent_ids[eid]):
                continue
            after = {o for o in open_ if not children[o] <= done | {eid}}
            if children[eid]:
                after.add(eid)
            key = (len(after), rank, eid)
            if best is None or key < best:
                best = key
        assert best is not None, "cycles are rejected when the file is read"
        eid = best[2]
        width = max(width, len(open_) + (1 if children[eid] else 0))
        done.add(eid)
        placed.append(eid)
        remaining.remove(eid)
        open_ = {o for o in open_ | {eid} if not children[o] <= done}
    return placed, width
