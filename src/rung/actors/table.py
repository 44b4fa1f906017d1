"""The record's actor table: every actor a record refers to, and each one's country, so records are closed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from rung.actors.kb import KnowledgeBase
from rung.model import ActorSummary, Claim, Event, Mention


def referenced_ids(events: Iterable[Event] = (), claims: Iterable[Claim] = ()) -> list[str]:
    """Actor ids that events (source, target, instrument, location) and claims (attributed_to, cites) name."""
    out: list[str] = []
    for event in events:
        out += [event.source, event.target, event.instrument, getattr(event, "location", None)]
    for claim in claims:
        out += [claim.attributed_to, claim.cites]
    return [i for i in out if isinstance(i, str) and i]


def actor_table(mentions: Sequence[Mention], referenced: Iterable[str | None], kb: KnowledgeBase) -> list[ActorSummary]:
    """Every actor id the mentions and `referenced` name, most mentioned first, then each listed actor's
    country (transitively), so that the scorer and readers can back a ministry or an office-holder off to
    its state. Ids the knowledge base does not know ('unnamed') are left out."""
    counts = Counter(m.actor_id for m in mentions if m.actor_id)
    order = [i for i, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    order += [i for i in referenced if i and i not in counts]
    listed: dict[str, ActorSummary] = {}
    queue = list(order)
    while queue:
        actor_id = queue.pop(0)
        if actor_id in listed:
            continue
        actor = kb.get(actor_id)
        if actor is None:
            continue
        listed[actor_id] = ActorSummary(id=actor.id, name=actor.name, type=actor.type, country=actor.country,
                                        mentions=counts.get(actor_id, 0), office=actor.office,
                                        lat=actor.lat, lon=actor.lon)
        if actor.country and actor.country not in listed:
            queue.append(actor.country)
    return list(listed.values())
