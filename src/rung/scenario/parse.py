"""Read and validate a scenario YAML file. Every mistake is one ScenarioError naming file, line and field.

PyYAML's `compose` keeps a mark (line, column) on every node, so each check can point at the exact
line: `scenario.yaml:23: events.ru_expel.given[0].p: 1.3 is outside [0, 1]`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Protocol

import yaml

from rung.errors import RungError, ScenarioError
from rung.model import Plover
from rung.scenario.conditions import KEYWORDS, ConditionSyntaxError, parse_condition, variables
from rung.scenario.model import Branch, Scenario, ScenarioEvent, Threshold

TOP_KEYS = {"name", "start", "horizon", "events", "description"}
EVENT_KEYS = {"label", "actor", "target", "instrument", "mode", "plover", "rung", "p", "given", "window", "note"}
ID_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ActorResolver(Protocol):
    def resolve(self, name_or_id: str) -> Any: ...


class _Ctx:
    """The file being read: turns a node and a field path into a located error."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.loader = yaml.SafeLoader("")

    def fail(self, node: yaml.Node | None, field: str, message: str) -> ScenarioError:
        line = node.start_mark.line + 1 if node is not None else 1
        where = f"{field}: " if field else ""
        return ScenarioError(f"{self.origin}:{line}: {where}{message}")

    def value(self, node: yaml.Node) -> Any:
        return self.loader.construct_object(node, deep=True)

    def mapping(self, node: yaml.Node, field: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, field, f"expected a mapping, found {_kind(node)}")
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = str(self.value(key_node))
            if key in out:
                raise self.fail(key_node, f"{field}.{key}" if field else key, "duplicate key")
            out[key] = (key_node, value_node)
        return out

    def date(self, node: yaml.Node, field: str) -> dt.date:
        value = self.value(node)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(node, field, f"{value!r} is not a date (YYYY-MM-DD)")

    def probability(self, node: yaml.Node, field: str, allow_missing: bool) -> float | None:
        value = self.value(node)
        if value is None:
            if allow_missing:
                return None
            raise self.fail(node, field, "probability is missing (null): fill in a number in [0, 1]")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(node, field, f"{value!r} is not a probability (a number in [0, 1])")
        if not 0.0 <= float(value) <= 1.0 or value != value:  # noqa: PLR0124 - NaN check
            raise self.fail(node, field, f"{value} is outside [0, 1]")
        return float(value)

    def text(self, node: yaml.Node, field: str) -> str:
        value = self.value(node)
        if not isinstance(value, str | int | float) or isinstance(value, bool) or str(value).strip() == "":
            raise self.fail(node, field, f"expected text, found {_kind(node)}")
        return str(value).strip()


# A scenario is a few levels deep and a few hundred nodes; anything far beyond is refused before it is read.
MAX_DEPTH = 40
MAX_NODES = 200_000


def _check_shape(root: yaml.Node, origin: str) -> None:
    """Refuse YAML whose node graph is recursive (an alias inside its own anchor), nested deeper than
    MAX_DEPTH, or expands (through aliases) to more than MAX_NODES nodes. Iterative: no recursion limit."""
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    seen = 0
    while stack:
        node, depth, leaving = stack.pop()
        if leaving:
            on_path.discard(id(node))
            continue
        seen += 1
        line = node.start_mark.line + 1 if node.start_mark else 1
        if id(node) in on_path:
            raise ScenarioError(f"{origin}:{line}: recursive YAML (an alias refers to a node that contains it)")
        if depth > MAX_DEPTH:
            raise ScenarioError(f"{origin}:{line}: YAML nested too deeply (more than {MAX_DEPTH} levels)")
        if seen > MAX_NODES:
            raise ScenarioError(f"{origin}:{line}: YAML expands to more than {MAX_NODES:,} nodes (aliases?)")
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            continue
        on_path.add(id(node))
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in reversed(children))


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"{node.value!r}" if node.value != "" else "nothing"


def load_scenario(path: str | Path, *, kb: ActorResolver | None = None, allow_missing: bool = False,
                  use_ladder: bool = True) -> Scenario:
    """Read a scenario file. `kb` resolves actor names (the bundled knowledge base when None)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ScenarioError(f"{path}: cannot read scenario file ({error.strerror or error})") from error
    return parse_scenario(text, origin=str(path), kb=kb, allow_missing=allow_missing, use_ladder=use_ladder)


def parse_scenario(text: str, *, origin: str = "<scenario>", kb: ActorResolver | None = None,
                   allow_missing: bool = False, use_ladder: bool = True) -> Scenario:
    """Validate scenario YAML text; `origin` names the file in error messages."""
    ctx = _Ctx(origin)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or type(error).__name__
        raise ScenarioError(f"{origin}:{line}: not valid YAML ({problem})") from error
    except RecursionError as error:
        raise ScenarioError(f"{origin}: YAML nested too deeply (more than {MAX_DEPTH} levels)") from error
    if root is None:
        raise ScenarioError(f"{origin}:1: the scenario file is empty")
    _check_shape(root, origin)
    top = ctx.mapping(root, "")
    for key, (key_node, _) in top.items():
        if key not in TOP_KEYS:
            raise ctx.fail(key_node, key, f"unknown field (expected one of {', '.join(sorted(TOP_KEYS))})")
    for key in ("name", "start", "horizon", "events"):
        if key not in top:
            raise ctx.fail(root, key, "required field is missing")
    name = ctx.text(top["name"][1], "name")
    start = ctx.date(top["start"][1], "start")
    horizon = ctx.date(top["horizon"][1], "horizon")
    if horizon <= start:
        raise ctx.fail(top["horizon"][1], "horizon", f"{horizon} is not after start {start}")

    events_node = top["events"][1]
    raw_events = ctx.mapping(events_node, "events")
    if not raw_events:
        raise ctx.fail(events_node, "events", "no events")
    for event_id, (key_node, _) in raw_events.items():
        if not ID_PATTERN.match(event_id) or event_id in KEYWORDS:
            raise ctx.fail(key_node, f"events.{event_id}",
                           "an event id must be a letter or _ then letters, digits or _, and not and/or/not/true/false")

    resolver = kb
    notes: list[str] = []
    events: dict[str, ScenarioEvent] = {}
    parents: dict[str, list[tuple[str, yaml.Node]]] = {}
    for event_id, (key_node, node) in raw_events.items():
        event, refs = _parse_event(ctx, event_id, key_node, node, raw_events, start, horizon, allow_missing)
        events[event_id] = event
        parents[event_id] = refs

    _check_cycles(ctx, raw_events, parents)

    if any(e.actor or e.target or e.instrument for e in events.values()):
        if resolver is None:
            resolver = _default_kb()
        events = {eid: _resolve_actors(ctx, e, raw_events[eid][1], resolver) for eid, e in events.items()}

    thresholds: tuple[Threshold, ...] = ()
    rung_names: dict[int, str] = {}
    if use_ladder:
        events, thresholds, rung_names, ladder_notes = _apply_ladder(events, origin)
        notes.extend(ladder_notes)
    notes.extend(_time_order_notes(events, start, horizon))
    return Scenario(name=name, start=start, horizon=horizon, events=events, thresholds=thresholds,
                    rung_names=rung_names, path=origin, notes=tuple(notes))


def _parse_event(ctx: _Ctx, event_id: str, key_node: yaml.Node, node: yaml.Node, all_events: dict,
                 start: dt.date, horizon: dt.date, allow_missing: bool) -> tuple[ScenarioEvent, list]:
    field = f"events.{event_id}"
    fields = ctx.mapping(node, field)
    for key, (knode, _) in fields.items():
        if key not in EVENT_KEYS:
            raise ctx.fail(knode, f"{field}.{key}", f"unknown field (expected one of {', '.join(sorted(EVENT_KEYS))})")
    data: dict[str, Any] = {"id": event_id, "line": key_node.start_mark.line + 1}
    data["label"] = ctx.text(fields["label"][1], f"{field}.label") if "label" in fields else event_id
    for key in ("actor", "target", "instrument", "mode", "note"):
        if key in fields:
            data[key] = ctx.text(fields[key][1], f"{field}.{key}")
    if "plover" in fields:
        raw = ctx.value(fields["plover"][1])
        try:
            data["plover"] = Plover(str(raw).strip().upper())
        except ValueError:
            raise ctx.fail(fields["plover"][1], f"{field}.plover",
                           f"{raw!r} is not a PLOVER type ({', '.join(p.value for p in Plover)})") from None
    if "rung" in fields:
        raw = ctx.value(fields["rung"][1])
        if raw is not None:
            if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
                raise ctx.fail(fields["rung"][1], f"{field}.rung", f"{raw!r} is not a rung (a whole number >= 0)")
            data["rung"], data["rung_from"] = raw, "explicit"
    if "window" in fields:
        data["window"] = _parse_window(ctx, fields["window"][1], f"{field}.window", start, horizon)

    refs: list[tuple[str, yaml.Node]] = []
    if "p" in fields and "given" in fields:
        raise ctx.fail(fields["given"][0], f"{field}", "give either p (unconditional) or given (conditional), not both")
    if "p" in fields:
        data["p"] = ctx.probability(fields["p"][1], f"{field}.p", allow_missing)
    elif "given" in fields:
        branches, refs = _parse_given(ctx, fields["given"][1], f"{field}.given", event_id, all_events, allow_missing)
        data["given"] = branches
    elif not allow_missing:
        raise ctx.fail(key_node, field, "needs p (unconditional probability) or given (conditional branches)")
    return ScenarioEvent(**data), refs


def _parse_window(ctx: _Ctx, node: yaml.Node, field: str, start: dt.date, horizon: dt.date) -> tuple[dt.date, dt.date]:
    if not isinstance(node, yaml.SequenceNode) or len(node.value) != 2:
        raise ctx.fail(node, field, "expected [FIRST_DATE, LAST_DATE]")
    first = ctx.date(node.value[0], f"{field}[0]")
    last = ctx.date(node.value[1], f"{field}[1]")
    if last < first:
        raise ctx.fail(node, field, f"ends ({last}) before it begins ({first})")
    if first < start or last > horizon:
        raise ctx.fail(node, field, f"[{first}, {last}] is outside the scenario's [{start}, {horizon}]")
    return first, last


def _parse_given(ctx: _Ctx, node: yaml.Node, field: str, event_id: str, all_events: dict,
                 allow_missing: bool) -> tuple[tuple[Branch, ...], list[tuple[str, yaml.Node]]]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise ctx.fail(node, field, "expected a non-empty list of '- if: CONDITION' + 'p: P' items ending with '- else: P'")
    branches: list[Branch] = []
    refs: list[tuple[str, yaml.Node]] = []
    for i, item in enumerate(node.value):
        item_field = f"{field}[{i}]"
        entry = ctx.mapping(item, item_field)
        line = item.start_mark.line + 1
        if "else" in entry:
            if set(entry) != {"else"}:
                raise ctx.fail(item, item_field, "an else item has only 'else: P'")
            if i != len(node.value) - 1:
                raise ctx.fail(item, item_field, "else must be the last item of given")
            p = ctx.probability(entry["else"][1], f"{item_field}.else", allow_missing)
            branches.append(Branch(condition=None, p=p, line=line))
            continue
        unknown = set(entry) - {"if", "p"}
        if unknown:
            key = min(unknown)
            raise ctx.fail(entry[key][0], f"{item_field}.{key}", "unknown field (expected if and p, or else)")
        if "if" not in entry:
            raise ctx.fail(item, item_field, "missing 'if: CONDITION'")
        if "p" not in entry:
            raise ctx.fail(item, item_field, "missing 'p: PROBABILITY'")
        cond_node = entry["if"][1]
        condition = ctx.value(cond_node)
        if isinstance(condition, bool):  # YAML reads a bare `true`/`yes` as a boolean
            condition = "true" if condition else "false"
        if not isinstance(condition, str):
            raise ctx.fail(cond_node, f"{item_field}.if", f"expected a condition, found {_kind(cond_node)}")
        try:
            parsed = parse_condition(condition)
        except ConditionSyntaxError as error:
            raise ctx.fail(cond_node, f"{item_field}.if", f"{condition!r}: {error}") from None
        for name in sorted(variables(parsed)):
            if name == event_id:
                raise ctx.fail(cond_node, f"{item_field}.if", f"{event_id} cannot depend on itself")
            if name not in all_events:
                raise ctx.fail(cond_node, f"{item_field}.if", f"unknown event id {name!r}")
            refs.append((name, cond_node))
        p = ctx.probability(entry["p"][1], f"{item_field}.p", allow_missing)
        branches.append(Branch(condition=condition.strip(), p=p, line=line))
    if branches[-1].condition is not None:
        raise ctx.fail(node.value[-1], field, "the last item must be '- else: P' (the probability when no condition matches)")
    return tuple(branches), refs


def _check_cycles(ctx: _Ctx, raw_events: dict, parents: dict[str, list[tuple[str, yaml.Node]]]) -> None:
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(eid: str) -> None:
        state[eid] = 1
        stack.append(eid)
        for parent, cond_node in parents[eid]:
            if state.get(parent) == 1:
                cycle = stack[stack.index(parent):] + [parent]
                raise ctx.fail(cond_node, f"events.{eid}.given",
                               f"cycle: {' -> '.join(cycle)} (each event's given refers to the next)")
            if parent not in state:
                visit(parent)
        stack.pop()
        state[eid] = 2

    for eid in raw_events:
        if eid not in state:
            visit(eid)


def _default_kb() -> ActorResolver:
    from rung.actors import load_knowledge_base  # lazy: the knowledge base is only needed for actor names

    return load_knowledge_base()


def _resolve_actors(ctx: _Ctx, event: ScenarioEvent, node: yaml.Node, kb: ActorResolver) -> ScenarioEvent:
    fields = ctx.mapping(node, f"events.{event.id}")
    update: dict[str, str] = {}
    for key in ("actor", "target", "instrument"):
        name = getattr(event, key)
        if name is None:
            continue
        actor = kb.resolve(name)
        if actor is None and key == "instrument":  # a weapon class ('hypersonic missile') the ladder knows
            continue
        if actor is None:
            raise ctx.fail(fields[key][1], f"events.{event.id}.{key}",
                           f"unknown actor {name!r} (not a name, alias or id in the actor knowledge base)")
        update[f"{key}_id"] = actor.id
    return event.model_copy(update=update) if update else event


def _apply_ladder(events: dict[str, ScenarioEvent], origin: str):
    """Derive rungs for events with a PLOVER type and no explicit rung; read the scale's thresholds."""
    try:
        from rung.ladder import load_scale, rung_for  # lazy: the ladder is a separate stage
    except ImportError:
        needing = [e.id for e in events.values() if e.rung is None and e.plover is not None]
        notes = [f"rung.ladder is not available: no rung derived for {', '.join(needing)}"] if needing else []
        return events, (), {}, notes
    scale = load_scale()
    thresholds = tuple(Threshold(level=int(t.level), name=str(t.name)) for t in scale.thresholds)
    names = {int(r.level): str(r.name) for r in scale.rungs}
    out: dict[str, ScenarioEvent] = {}
    for eid, event in events.items():
        if event.rung is None and event.plover is not None:
            try:
                level = rung_for(event.plover, source=event.actor_id, target=event.target_id,
                                 instrument=event.instrument_id or event.instrument, mode=event.mode)
            except RungError as error:  # e.g. an unknown ladder mode
                raise ScenarioError(f"{origin}:{event.line}: events.{eid}: {error}") from None
            event = event.model_copy(update={"rung": int(level), "rung_from": "ladder"}) if level is not None else event
        out[eid] = event
    return out, thresholds, names, []


def _time_order_notes(events: dict[str, ScenarioEvent], start: dt.date, horizon: dt.date) -> list[str]:
    notes = []
    for event in events.values():
        _, last = event.window or (start, horizon)
        for branch in event.given:
            if branch.condition is None:
                continue
            for name in sorted(variables(parse_condition(branch.condition))):
                first = (events[name].window or (start, horizon))[0]
                if first > last:
                    notes.append(f"{event.id}: {name} can only happen after {event.id}'s window closes "
                                 f"({first} > {last}), so it counts as not happened in {event.id}'s conditions")
    return notes
