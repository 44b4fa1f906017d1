"""The escalation scale: rungs, named thresholds and the rules that put an event on a rung.

Everything here is data (`data/scale.yaml`, `data/states.yaml`), read once and validated into frozen
pydantic models. `rung_for` is the one function that turns an event's PLOVER type, mode, instrument
and target into a rung; `docs/ladder.md` explains each rule.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from rung.errors import InputError
from rung.model import ClaimStatus, Modality, Plover

if TYPE_CHECKING:
    from rung.actors.kb import KnowledgeBase


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Rung(_Frozen):
    level: int = Field(ge=0)
    name: str
    short: str = Field(description="a few words for tables and axis labels")
    kahn: str = Field(description="the rungs of Kahn's ladder this one corresponds to")
    description: str


class Threshold(_Frozen):
    level: int = Field(ge=0, description="crossed when an event's rung >= level")
    name: str
    kahn: str
    description: str


class Mode(_Frozen):
    name: str
    rung: int = Field(ge=0)
    plover: tuple[Plover, ...]
    keywords: tuple[str, ...]


class MilitaryAidRule(_Frozen):
    plover: tuple[Plover, ...]
    rung: int = Field(ge=0)


class StrikeRules(_Frozen):
    plover: tuple[Plover, ...]
    from_rung: int
    long_range: int
    protected_target: int
    instrument_raise: int
    cap_unprotected: int
    cap_protected: int


class NuclearRules(_Frozen):
    use: int
    use_protected: int
    threat_plover: tuple[Plover, ...]
    threat_leader: int
    threat_other: int


class Rules(_Frozen):
    plover: dict[Plover, int]
    cameo: dict[str, int] = Field(default_factory=dict)
    modes: tuple[Mode, ...] = ()
    military_aid: MilitaryAidRule
    strikes: StrikeRules
    nuclear: NuclearRules
    modality_weight: dict[Modality, float]
    claim_weight: dict[ClaimStatus, float]
    no_claim_weight: float = Field(ge=0, le=1)
    negated_weight: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _complete(self) -> Rules:
        missing = [p.value for p in Plover if p not in self.plover]
        if missing:
            raise ValueError(f"rules.plover has no rung for {', '.join(missing)}")
        missing = [m.value for m in Modality if m not in self.modality_weight]
        if missing:
            raise ValueError(f"rules.modality_weight has no factor for {', '.join(missing)}")
        missing = [s.value for s in ClaimStatus if s not in self.claim_weight]
        if missing:
            raise ValueError(f"rules.claim_weight has no factor for {', '.join(missing)}")
        bad = {k: v for k, v in {**self.modality_weight, **self.claim_weight}.items() if not 0 <= v <= 1}
        if bad:
            raise ValueError(f"weights must lie in [0, 1]: {bad}")
        return self


class WeaponRef(_Frozen):
    qid: str | None = None
    name: str


class Leader(_Frozen):
    qid: str | None = None
    name: str
    state: str


class Nato(_Frozen):
    alliance: str
    as_of: str
    members: dict[str, str]


class States(_Frozen):
    nato: Nato
    nuclear_powers: dict[str, str]
    launch_authority: tuple[Leader, ...]
    weapons: dict[str, tuple[WeaponRef, ...]]

    def protected(self, ids: set[str]) -> bool:
        """True if any id is a NATO member, NATO itself, or a nuclear-weapon state."""
        return any(i in self.nato.members or i == self.nato.alliance or i in self.nuclear_powers for i in ids)


class Scale(_Frozen):
    version: int
    rungs: tuple[Rung, ...]
    thresholds: tuple[Threshold, ...]
    rules: Rules
    states: States

    @model_validator(mode="after")
    def _consistent(self) -> Scale:
        levels = [r.level for r in self.rungs]
        if levels != list(range(len(levels))):
            raise ValueError(f"rungs must be numbered 0, 1, 2, ... in order; got {levels}")
        top = levels[-1]
        for t in self.thresholds:
            if t.level > top:
                raise ValueError(f"threshold {t.name!r} at {t.level} is above the top rung {top}")
        values = [*self.rules.plover.values(), *self.rules.cameo.values(), *(m.rung for m in self.rules.modes),
                  self.rules.military_aid.rung, *self.rules.strikes.model_dump(exclude={"plover"}).values(),
                  *self.rules.nuclear.model_dump(exclude={"threat_plover"}).values()]
        if any(not 0 <= v <= top for v in values):
            raise ValueError(f"a rule names a rung outside 0..{top}")
        return self

    @property
    def top(self) -> int:
        return self.rungs[-1].level

    def rung(self, level: int) -> Rung:
        if not 0 <= level <= self.top:
            raise InputError(f"rung {level} is not on the scale (0..{self.top})")
        return self.rungs[level]

    def threshold(self, name_or_level: str | int) -> Threshold | None:
        """A threshold by name (case-insensitive) or exact level; None if there is none."""
        for t in self.thresholds:
            if str(name_or_level).strip().casefold() in {t.name.casefold(), str(t.level)}:
                return t
        return None

    def crossed(self, level: int | None) -> tuple[Threshold, ...]:
        """Thresholds an event at `level` has crossed, lowest first."""
        if level is None:
            return ()
        return tuple(t for t in self.thresholds if level >= t.level)


def _read_yaml(name: str) -> dict:
    origin = f"rung/ladder/data/{name}"
    try:
        data = yaml.safe_load((resources.files("rung.ladder") / "data" / name).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError(f"{origin}: cannot read ({error.__class__.__name__}: {error})") from error
    if not isinstance(data, dict):
        raise InputError(f"{origin}: expected a mapping at the top level")
    return data


@functools.lru_cache(maxsize=1)
def load_scale() -> Scale:
    """The bundled scale (rungs, thresholds, rules) with the state and weapon facts it needs."""
    data = _read_yaml("scale.yaml")
    try:
        return Scale(**data, states=States(**_read_yaml("states.yaml")))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"rung/ladder/data/scale.yaml: {where}: {first['msg']}") from error


@functools.lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase | None:
    """The bundled actor knowledge base, or None when it cannot be loaded (the ladder then works by QID)."""
    try:
        from rung.actors.kb import load_knowledge_base

        return load_knowledge_base()
    except (ImportError, OSError, InputError):
        return None


def _names_of(actor_id: str, kb: KnowledgeBase | None) -> set[str]:
    names = {actor_id.casefold()}
    actor = kb.get(actor_id) if kb is not None else None
    if actor is None and kb is not None:
        actor = kb.resolve(actor_id)
    if actor is not None:
        names |= {actor.id.casefold(), actor.name.casefold()}
        names |= {a.casefold() for aliases in actor.aliases.values() for a in aliases}
    return names


def instrument_classes(instrument: str | None, kb: KnowledgeBase | None = None,
                       scale: Scale | None = None) -> frozenset[str]:
    """The weapon classes ('nuclear', 'hypersonic', 'nuclear_capable', 'long_range') an instrument is in.

    The instrument may be a QID, a knowledge-base id or a name; it matches a listed weapon by QID or
    by any name or alias the knowledge base knows for it.
    """
    if not instrument:
        return frozenset()
    scale = scale or load_scale()
    names = _names_of(instrument, kb)
    ids = {instrument}
    if kb is not None and (actor := kb.get(instrument) or kb.resolve(instrument)) is not None:
        ids.add(actor.id)
    found = set()
    for cls, refs in scale.states.weapons.items():
        for ref in refs:
            if (ref.qid and ref.qid in ids) or ref.name.casefold() in names:
                found.add(cls)
                break
    return frozenset(found)


def _territory(target: str | None, kb: KnowledgeBase | None) -> set[str]:
    if not target:
        return set()
    ids = {target}
    if kb is not None:
        actor = kb.get(target) or kb.resolve(target)
        if actor is not None:
            ids.add(actor.id)
            if (country := kb.country_of(actor.id)) is not None:
                ids.add(country)
    return ids


def _owns_launch_authority(source: str | None, kb: KnowledgeBase | None, scale: Scale) -> bool:
    """Carnegie's first question: is the source a leader with launch authority, or a nuclear state as such?"""
    if not source:
        return False
    if source in scale.states.nuclear_powers:
        return True
    names = _names_of(source, kb)
    ids = {source}
    if kb is not None and (actor := kb.get(source) or kb.resolve(source)) is not None:
        ids.add(actor.id)
        if actor.id in scale.states.nuclear_powers:
            return True
    return any((leader.qid and leader.qid in ids) or leader.name.casefold() in names
               for leader in scale.states.launch_authority)


def rung_for(plover: Plover | str, *, source: str | None, target: str | None, instrument: str | None,
             kb: KnowledgeBase | None = None, mode: str | None = None, cameo: str | None = None,
             scale: Scale | None = None) -> int:
    """The rung of an act: PLOVER type (and mode or root CAMEO code), raised by instrument and target.

    `source`, `target` and `instrument` are actor ids (QIDs) or names; `kb` resolves people and units
    to their state and weapons to their classes (the bundled knowledge base when not given).
    `mode` is one of the scale's modes ('expel', 'evacuate', 'trade', 'sabotage').
    """
    scale = scale or load_scale()
    rules = scale.rules
    try:
        plover = Plover(plover)
    except ValueError as error:
        raise InputError(f"unknown PLOVER type {plover!r}") from error
    if kb is None:
        kb = _default_kb()

    level = rules.plover[plover]
    if cameo is not None and cameo[:2] in rules.cameo:
        level = rules.cameo[cameo[:2]]
    chosen = next((m for m in rules.modes if m.name == mode and plover in m.plover), None)
    if mode is not None and chosen is None and all(m.name != mode for m in rules.modes):
        raise InputError(f"unknown ladder mode {mode!r} (known: {', '.join(m.name for m in rules.modes)})")
    if chosen is not None:
        level = chosen.rung

    classes = instrument_classes(instrument, kb, scale)
    protected = scale.states.protected(_territory(target, kb))

    if "nuclear" in classes:
        if plover is Plover.ASSAULT:
            return rules.nuclear.use_protected if protected else rules.nuclear.use
        if plover in rules.nuclear.threat_plover:
            nuclear = (rules.nuclear.threat_leader if _owns_launch_authority(source, kb, scale)
                       else rules.nuclear.threat_other)
            return max(level, nuclear)
    if instrument and plover in rules.military_aid.plover:
        return max(level, rules.military_aid.rung)

    strikes = rules.strikes
    if plover in strikes.plover and level >= strikes.from_rung:
        if "long_range" in classes or "hypersonic" in classes:
            level = max(level, strikes.long_range)
        if protected:
            level = max(level, strikes.protected_target)
        if classes & {"hypersonic", "nuclear_capable"}:
            cap = strikes.cap_protected if protected else strikes.cap_unprotected
            level = min(level + strikes.instrument_raise, max(cap, level))
    return level


__all__ = [
    "Leader", "Mode", "Rules", "Rung", "Scale", "States", "Threshold", "WeaponRef",
    "instrument_classes", "load_scale", "rung_for",
]
