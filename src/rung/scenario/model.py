"""Scenario records: what a scenario file says, after validation. Frozen pydantic models.

Probabilities may be `None` only in drafts (`rung scenario draft` leaves them for the analyst); the
inference code refuses a scenario with a missing probability.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from rung.model import Plover


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Branch(Record):
    """One entry of `given`: `if: CONDITION` with `p`, or the final `else: P` (condition None)."""

    condition: str | None = Field(default=None, description="boolean expression over event ids; None for else")
    p: float | None = Field(default=None, ge=0.0, le=1.0)
    line: int = Field(default=0, ge=0, description="1-based line in the scenario file (0 when unknown)")


class ScenarioEvent(Record):
    id: str
    label: str
    actor: str | None = Field(default=None, description="actor as written in the file")
    actor_id: str | None = Field(default=None, description="QID the actor resolved to")
    target: str | None = None
    target_id: str | None = None
    instrument: str | None = None
    instrument_id: str | None = None
    mode: str | None = Field(default=None, description="ladder mode: 'expel', 'evacuate', 'trade', 'sabotage'")
    plover: Plover | None = None
    rung: int | None = Field(default=None, description="ladder level, explicit or derived; None = no rung")
    rung_from: str | None = Field(default=None, description="'explicit' or 'ladder'")
    p: float | None = Field(default=None, ge=0.0, le=1.0, description="unconditional probability")
    given: tuple[Branch, ...] = ()
    window: tuple[dt.date, dt.date] | None = None
    note: str | None = None
    line: int = Field(default=0, ge=0)

    @property
    def conditional(self) -> bool:
        return bool(self.given)


class Threshold(Record):
    level: int
    name: str


class Scenario(Record):
    name: str
    start: dt.date
    horizon: dt.date
    events: dict[str, ScenarioEvent]
    thresholds: tuple[Threshold, ...] = ()
    rung_names: dict[int, str] = Field(default_factory=dict)
    path: str | None = None
    notes: tuple[str, ...] = Field(default=(), description="warnings found while loading (not errors)")

    def window_of(self, event_id: str) -> tuple[dt.date, dt.date]:
        """The dates an event can happen in: its window, or [start, horizon]."""
        event = self.events[event_id]
        return event.window if event.window is not None else (self.start, self.horizon)

    def missing_probabilities(self) -> list[str]:
        """Fields still `null` (a draft): 'EVENT.p', 'EVENT.given[i].p', 'EVENT.else'."""
        out = []
        for event in self.events.values():
            if not event.given and event.p is None:
                out.append(f"{event.id}.p")
            for i, branch in enumerate(event.given):
                if branch.p is None:
                    out.append(f"{event.id}.else" if branch.condition is None else f"{event.id}.given[{i}].p")
        return out


class Estimate(Record):
    """A probability with its 95% interval (exact inference gives a zero-width interval)."""

    p: float
    ci: tuple[float, float]


class ThresholdEstimate(Estimate):
    level: int


class SimulationResult(Record):
    """What `rung simulate --json` prints."""

    scenario: str
    method: str = Field(description="'exact' or 'monte-carlo'")
    events: dict[str, Estimate]
    max_rung: dict[str, Estimate] = Field(description="'none' or a rung level (as text) -> P(highest rung reached)")
    thresholds: dict[str, ThresholdEstimate] = Field(description="threshold name -> P(max rung >= level)")
    evidence: dict[str, bool] = Field(default_factory=dict)
    overrides: tuple[str, ...] = ()
    interval: str = Field(default="exact (zero width)", description="what `ci` means")
    samples: int | None = None
    effective_samples: float | None = None
    seed: int | None = None
    evidence_probability: float | None = Field(default=None, description="P(evidence) under the scenario")
