"""Put extracted events on the ladder: rung (the act's own), weight (how far to believe it), Goldstein."""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from importlib import resources
from typing import TYPE_CHECKING

from rung.errors import InputError
from rung.ladder.scale import Scale, load_scale, rung_for
from rung.model import Claim, Event, Modality

if TYPE_CHECKING:
    from rung.actors.kb import KnowledgeBase

FACTUAL = frozenset({Modality.occurred, Modality.reported})
# A rule id such as "cameo:163" (or "cameo=1631") names the CAMEO leaf code the lexicon entry meant.
_LEAF_RULE = re.compile(r"cameo[:=](\d{2,4})\b")


@functools.lru_cache(maxsize=1)
def goldstein_table() -> dict[str, float]:
    """CAMEO code (root, base or leaf) -> Goldstein score, from data/cameo_goldstein.tsv."""
    text = (resources.files("rung.ladder") / "data" / "cameo_goldstein.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    table: dict[str, float] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        try:
            table[row["code"]] = float(row["goldstein"])
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(f"rung/ladder/data/cameo_goldstein.tsv: bad row {row}") from error
    return table


def goldstein_for(cameo: str, rules: Iterable[str] = ()) -> float | None:
    """The Goldstein score of the event's CAMEO code: a leaf code named by a rule, else the root's."""
    table = goldstein_table()
    for rule in rules:
        if (match := _LEAF_RULE.search(rule)) and match.group(1) in table:
            return table[match.group(1)]
    return table.get(cameo)


def detect_mode(event: Event, scale: Scale | None = None) -> str | None:
    """The first scale mode whose keyword appears in the event's predicate or rule ids."""
    scale = scale or load_scale()
    text = " ".join([event.evidence.predicate or "", *event.evidence.rules]).casefold()
    if not text.strip():
        return None
    for mode in scale.rules.modes:
        if event.plover in mode.plover and any(k.casefold() in text for k in mode.keywords):
            return mode.name
    return None


def weight_for(event: Event, claims: Iterable[Claim] = (), scale: Scale | None = None) -> float:
    """Modality factor x claim factor (the best-supported claim reporting it); 0 when negated."""
    rules = (scale or load_scale()).rules
    if event.negated:
        return rules.negated_weight
    factors = [rules.claim_weight[c.status] for c in claims]
    claim_factor = max(factors) if factors else rules.no_claim_weight
    return round(rules.modality_weight[event.modality] * claim_factor, 6)


def place_events(events: list[Event], claims: list[Claim], kb: KnowledgeBase | None = None) -> list[Event]:
    """Events with `rung`, `weight` and `goldstein` filled in (and their states, when missing and known)."""
    scale = load_scale()
    by_event: dict[str, list[Claim]] = {}
    for claim in claims:
        for event_id in claim.event_ids:
            by_event.setdefault(event_id, []).append(claim)
    placed = []
    for event in events:
        update: dict[str, object] = {}
        if kb is not None:
            if event.source_country is None and (country := kb.country_of(event.source)):
                update["source_country"] = country
            if event.target_country is None and (country := kb.country_of(event.target)):
                update["target_country"] = country
        update["rung"] = rung_for(event.plover, source=event.source, target=event.target,
                                  instrument=event.instrument, kb=kb, mode=detect_mode(event, scale),
                                  cameo=event.cameo, scale=scale)
        update["weight"] = weight_for(event, by_event.get(event.id, ()), scale)
        update["goldstein"] = goldstein_for(event.cameo, event.evidence.rules)
        placed.append(event.model_copy(update=update))
    return placed


__all__ = ["FACTUAL", "detect_mode", "goldstein_for", "goldstein_table", "place_events", "weight_for"]
