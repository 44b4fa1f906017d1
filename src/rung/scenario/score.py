"""Score a scenario against what happened by its horizon: Brier and log scores, per event and overall.

For an event forecast with probability p and outcome o (1 happened, 0 did not):

* Brier, 0-1 form: (p - o)^2. 0 is perfect, 0.25 is always saying 50%, 1 is certain and wrong.
* Brier, original 0-2 form (Brier 1950, used by Good Judgment): sum over both outcomes,
  (p - o)^2 + ((1 - p) - (1 - o))^2 = 2 (p - o)^2.
* Log score, natural log: ln(p) if it happened, ln(1 - p) if not. 0 is perfect; higher is better.
* Metaculus-style log score: 100 * log2(q / 0.5) with q the probability given to what happened:
  +100 for certainty and right, 0 for 50%, negative when worse than a coin.

For the log scores p is clipped to [0.001, 0.999] (as Metaculus clips forecasts), so a scenario that
said 0 for something that happened gets a large finite penalty instead of minus infinity.
The forecast for each event is its marginal probability under the scenario (exact inference).
Overall scores are means over the scored events.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field

from rung.errors import ScenarioError
from rung.model import Event, Modality
from rung.scenario.model import Record, Scenario

LOG_CLIP = 1e-3


class EventScore(Record):
    id: str
    p: float
    happened: bool
    brier: float = Field(description="(p - o)^2, 0-1")
    brier_original: float = Field(description="2 (p - o)^2, the 0-2 form")
    log: float = Field(description="ln of the probability given to what happened (p clipped)")
    log2_baseline: float = Field(description="100 log2(q / 0.5), Metaculus-style")
    matched: tuple[str, ...] = Field(default=(), description="ids of stored events that matched (--db)")


class ScoreReport(Record):
    scenario: str
    events: tuple[EventScore, ...]
    unresolved: tuple[str, ...] = Field(default=(), description="scenario events with no outcome")
    brier: float | None = None
    brier_original: float | None = None
    log: float | None = None
    log2_baseline: float | None = None


def score_event(event_id: str, p: float, happened: bool, matched: Iterable[str] = ()) -> EventScore:
    o = 1.0 if happened else 0.0
    q = min(1 - LOG_CLIP, max(LOG_CLIP, p if happened else 1.0 - p))
    return EventScore(id=event_id, p=p, happened=happened, brier=(p - o) ** 2, brier_original=2 * (p - o) ** 2,
                      log=math.log(q), log2_baseline=100.0 * math.log2(q / 0.5), matched=tuple(matched))


def score(scenario: Scenario, outcomes: Mapping[str, bool], probabilities: Mapping[str, float] | None = None,
          matched: Mapping[str, Iterable[str]] | None = None) -> ScoreReport:
    """Score every event that has an outcome; `probabilities` default to the scenario's exact marginals."""
    if probabilities is None:
        from rung.scenario.simulate import simulate  # local: keeps scoring importable on its own

        result = simulate(scenario, method="auto", seed=0)
        probabilities = {eid: est.p for eid, est in result.events.items()}
    for eid in outcomes:
        if eid not in scenario.events:
            raise ScenarioError(f"outcomes: unknown event id {eid!r} (not in scenario {scenario.name})")
    matched = matched or {}
    scores = tuple(score_event(eid, float(probabilities[eid]), bool(outcomes[eid]), matched.get(eid, ()))
                   for eid in scenario.events if eid in outcomes)
    unresolved = tuple(eid for eid in scenario.events if eid not in outcomes)
    if not scores:
        return ScoreReport(scenario=scenario.name, events=(), unresolved=unresolved)
    n = len(scores)
    return ScoreReport(scenario=scenario.name, events=scores, unresolved=unresolved,
                       brier=sum(s.brier for s in scores) / n,
                       brier_original=sum(s.brier_original for s in scores) / n,
                       log=sum(s.log for s in scores) / n,
                       log2_baseline=sum(s.log2_baseline for s in scores) / n)


def load_outcomes(path: str | Path, scenario: Scenario) -> dict[str, bool]:
    """Outcomes YAML: `ID: true|false`, or `ID: {happened: true|false, source: ..., note: ...}`,
    optionally under a top-level `outcomes:` key. Errors name the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ScenarioError(f"{path}: cannot read outcomes file ({error.strerror or error})") from error
    loader = yaml.SafeLoader("")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ScenarioError(f"{path}:{mark.line + 1 if mark else 1}: not valid YAML") from error
    except RecursionError as error:
        raise ScenarioError(f"{path}: YAML nested too deeply") from error
    if root is not None:
        from rung.scenario.parse import _check_shape

        _check_shape(root, str(path))

    def fail(node: yaml.Node, field: str, message: str) -> ScenarioError:
        return ScenarioError(f"{path}:{node.start_mark.line + 1}: {field}: {message}")

    if not isinstance(root, yaml.MappingNode):
        raise ScenarioError(f"{path}:1: expected a mapping of event id -> true/false")
    pairs = [(loader.construct_object(k), k, v) for k, v in root.value]
    if len(pairs) == 1 and pairs[0][0] == "outcomes":
        node = pairs[0][2]
        if not isinstance(node, yaml.MappingNode):
            raise fail(node, "outcomes", "expected a mapping of event id -> true/false")
        pairs = [(loader.construct_object(k), k, v) for k, v in node.value]
    out: dict[str, bool] = {}
    for key, key_node, value_node in pairs:
        key = str(key)
        if key not in scenario.events:
            raise fail(key_node, key, f"unknown event id (not in scenario {scenario.name})")
        value: Any = loader.construct_object(value_node, deep=True)
        if isinstance(value, dict):
            extra = set(value) - {"happened", "source", "date", "note", "sources"}
            if "happened" not in value or extra:
                raise fail(value_node, key, "expected {happened: true|false, source: ..., date: ..., note: ...}")
            value = value["happened"]
        if not isinstance(value, bool):
            raise fail(value_node, key, f"{value!r} is not true or false")
        out[key] = value
    return out


def match_outcomes(scenario: Scenario, events: Iterable[Event], country_of: Any = None,
                   confirmed: Iterable[str] = ()) -> tuple[dict[str, bool], dict[str, list[str]]]:
    """Outcomes from stored events: a scenario event happened if a stored event matches it.

    A stored event matches when it happened, and on every field the scenario event names:

    * happened: modality `occurred`, or `reported` with a confirmed claim behind it (its id in
      `confirmed`); not negated. A report nobody confirmed, or a plan or threat, is not an outcome.
    * its date (when known) falls in the scenario event's window;
    * its PLOVER type is the scenario event's;
    * source and target: the same QID, or, when the scenario names a state, any actor that rolls up to
      that state (the stored event's `source_country`/`target_country`, or `country_of(actor_id)`);
    * instrument, when the scenario names one: the same (a conventional strike is not a nuclear one);
    * mode, when the scenario names one (expel, evacuate, ...): the ladder detects the same mode in it;
    * rung, when the scenario gives one explicitly: the stored event stands at least that high.

    Scenario events with no PLOVER type cannot be matched and stay unresolved; the same for events that
    name no actor and no target (too broad to decide).
    """
    events = list(events)
    confirmed = set(confirmed)
    outcomes: dict[str, bool] = {}
    matches: dict[str, list[str]] = {}
    for eid, sev in scenario.events.items():
        if sev.plover is None or (sev.actor_id is None and sev.target_id is None):
            continue
        first, last = scenario.window_of(eid)
        found = [e.id for e in events
                 if _happened(e, confirmed) and _matches(sev, first, last, e, country_of)]
        outcomes[eid] = bool(found)
        matches[eid] = found
    return outcomes, matches


def _happened(e: Event, confirmed: set[str]) -> bool:
    if e.negated:
        return False
    return e.modality is Modality.occurred or (e.modality is Modality.reported and e.id in confirmed)


def _matches(sev: Any, first: dt.date, last: dt.date, e: Event, country_of: Any) -> bool:
    if e.plover != sev.plover:
        return False
    if e.date is not None and not first <= e.date <= last:
        return False
    if not (_same(sev.actor_id, e.source, e.source_country, country_of)
            and _same(sev.target_id, e.target, e.target_country, country_of)):
        return False
    if (sev.instrument_id or sev.instrument) is not None:
        wanted = {x.casefold() for x in (sev.instrument_id, sev.instrument) if x}
        if not e.instrument or e.instrument.casefold() not in wanted:
            return False
    if sev.mode is not None:
        from rung.ladder.place import detect_mode

        if detect_mode(e) != sev.mode:
            return False
    return not (sev.rung_from == "explicit" and sev.rung is not None and (e.rung is None or e.rung < sev.rung))


def _same(wanted: str | None, actor_id: str | None, country: str | None, country_of: Any) -> bool:
    if wanted is None:
        return True
    if actor_id == wanted or country == wanted:
        return True
    return bool(country_of and actor_id and country_of(actor_id) == wanted)
