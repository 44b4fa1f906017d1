"""Scenarios for the server: the YAML files in one folder (`rung serve --scenarios DIR`), computed with
`rung.scenario.simulate` on request (exact when the network allows, else Monte Carlo with a fixed seed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from rung.errors import RungError
from rung.scenario import Scenario, SimulationResult


class ScenarioBrief(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    title: str | None = None
    file: str
    events: int = 0
    start: dt.date | None = None
    horizon: dt.date | None = None
    error: str | None = None
    link: str


class ScenarioEventOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    actor: str | None = None
    target: str | None = None
    rung: int | None = None
    conditional: bool
    window: tuple[dt.date, dt.date] | None = None


class ScenarioOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    title: str
    start: dt.date
    horizon: dt.date
    events: list[ScenarioEventOut]
    result: SimulationResult


def _files(folder: Path | None) -> dict[str, Path]:
    if folder is None or not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.y*ml")) if p.suffix in (".yaml", ".yml")}


def scenario_list(folder: Path | None, kb=None) -> list[ScenarioBrief]:
    from rung.scenario import load_scenario

    out = []
    for name, path in _files(folder).items():
        try:
            s = load_scenario(path, kb=kb)
        except (RungError, OSError, ValueError) as error:
            out.append(ScenarioBrief(name=name, file=path.name, error=str(error).splitlines()[0],
                                     link=f"/scenarios/{name}"))
            continue
        out.append(ScenarioBrief(name=name, title=s.name, file=path.name, events=len(s.events), start=s.start,
                                 horizon=s.horizon, link=f"/scenarios/{name}"))
    return out


def load(folder: Path | None, name: str, kb=None) -> Scenario | None:
    from rung.scenario import load_scenario

    path = _files(folder).get(name)
    return None if path is None else load_scenario(path, kb=kb)


def compute(scenario: Scenario, name: str, evidence: dict[str, bool], method: str = "auto",
            samples: int = 100_000) -> ScenarioOut:
    from rung.scenario import simulate

    result = simulate(scenario, method=method, samples=samples, seed=0, evidence=evidence)
    events = [ScenarioEventOut(id=e.id, label=e.label, actor=e.actor, target=e.target, rung=e.rung,
                               conditional=e.conditional, window=e.window) for e in scenario.events.values()]
    return ScenarioOut(name=name, title=scenario.name, start=scenario.start, horizon=scenario.horizon,
                       events=events, result=result)
