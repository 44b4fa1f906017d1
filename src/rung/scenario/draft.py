"""`rung scenario draft`: a scenario skeleton from an article's conditional, possible and recommended events.

Every event whose modality is conditional, possible, recommended or hypothetical becomes a scenario
event, with an id, a label, its actor, target, PLOVER type and instrument, and `p: null` for the analyst
to fill in. Conditions come from conditional cues inside one sentence:

* Japanese (`場合`, `なら`, `たら`, `れば`, ...): the clause before the cue is the condition, so events
  ending before the cue are antecedents and events after it are consequents.
* English (`if`, `unless`, ...): `If A, B` — events between the cue and the next comma are antecedents;
  `B if A` — events after the cue are antecedents and events before it consequents.

A consequent gets `given: [{if: "A1 or A2", p: null}, {else: null}]` (`not (...)` for `unless`);
antecedents that are not themselves hypothetical (e.g. already reported) are included too, so every
condition names an event in the file. The draft parses with `load_scenario(..., allow_missing=True)`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rung.model import Article, DocumentRecord, Event, Modality, Plover

SCENARIO_MODALITIES = frozenset({Modality.conditional, Modality.possible, Modality.recommended, Modality.hypothetical})
JA_CONDITIONAL_CUES = ("場合", "ならば", "なら", "たら", "れば", "限り")
EN_CONDITIONAL_CUES = ("if", "unless", "should", "provided", "in case")
NEGATIVE_CUES = frozenset({"unless"})
VERBS = {
    Plover.AGREE: "agrees with", Plover.CONSULT: "consults", Plover.SUPPORT: "supports",
    Plover.CONCEDE: "concedes to", Plover.COOPERATE: "cooperates with", Plover.AID: "aids",
    Plover.RETREAT: "retreats from", Plover.REQUEST: "asks", Plover.ACCUSE: "accuses",
    Plover.REJECT: "rejects", Plover.THREATEN: "threatens", Plover.PROTEST: "protests against",
    Plover.SANCTION: "sanctions", Plover.MOBILIZE: "mobilises against", Plover.COERCE: "coerces",
    Plover.ASSAULT: "attacks",
}
DEFAULT_HORIZON_DAYS = 98


@dataclass(slots=True)
class DraftEvent:
    id: str
    label: str
    event: Event
    actor: str | None
    target: str | None
    instrument: str | None
    antecedents: list[str] = field(default_factory=list)
    negated_condition: bool = False
    note: str = ""


def draft_events(records: Iterable[DocumentRecord]) -> list[DraftEvent]:
    """Scenario events (and the antecedents their conditions need) in article order."""
    drafts: list[DraftEvent] = []
    used_ids: set[str] = set()
    for record in records:
        names = {a.id: a.name for a in record.actors}
        sentence_start = {s.index: s.start for s in record.sentences}
        by_event: dict[str, DraftEvent] = {}

        def draft_for(e: Event, names: dict[str, str] = names, by_event: dict[str, DraftEvent] = by_event) -> DraftEvent:
            if e.id not in by_event:
                actor = names.get(e.source, e.source) if e.source else None
                target = names.get(e.target, e.target) if e.target else None
                instrument = names.get(e.instrument, e.instrument) if e.instrument else None
                by_event[e.id] = DraftEvent(id=_unique_id(_slug(actor, e.plover, target), used_ids),
                                            label=_label(actor, e, target), event=e, actor=actor, target=target,
                                            instrument=instrument, note=f"sentence {e.sentence_index} ({e.modality.value})")
            return by_event[e.id]

        events = sorted(record.events, key=lambda e: (e.sentence_index, e.span.start))
        for e in events:
            if e.modality in SCENARIO_MODALITIES and not e.negated:
                draft_for(e)
        for index in sorted({e.sentence_index for e in events}):
            in_sentence = [e for e in events if e.sentence_index == index and not e.negated]
            antecedents, consequents, negative = _split_on_cue(in_sentence, sentence_start.get(index, 0))
            if not antecedents or not consequents:
                continue
            ante_ids = [draft_for(a).id for a in antecedents]
            for c in consequents:
                if c.modality in SCENARIO_MODALITIES:
                    d = draft_for(c)
                    d.antecedents = [a for a in ante_ids if a != d.id]
                    d.negated_condition = negative
        drafts.extend(sorted(by_event.values(), key=lambda d: (d.event.sentence_index, d.event.span.start)))
    return drafts


def render_draft(records: list[DocumentRecord], *, name: str | None = None, start: dt.date | None = None,
                 horizon: dt.date | None = None) -> str:
    """The draft scenario as YAML text, with the source sentence of each event as a comment."""
    drafts = draft_events(records)
    article = records[0].article if records else None
    start = start or (article.date if article and article.date else dt.date.today())
    horizon = horizon or start + dt.timedelta(days=DEFAULT_HORIZON_DAYS)
    name = name or f"draft-{_slugify(article.title or article.id[:12]) if article else 'scenario'}"
    lines = [
        f"# Draft scenario from {_describe(article)}" if article else "# Draft scenario",
        "# Every `null` is a probability for the analyst to fill in: an assumption, not a fact.",
        "# Check actors, PLOVER types and conditions against the text before computing.",
        f"name: {json.dumps(name, ensure_ascii=False)}",
        f"start: {start.isoformat()}",
        f"horizon: {horizon.isoformat()}",
        "events:",
    ]
    if not drafts:
        lines.append("  {}  # no conditional, possible or recommended events were found")
    for d in drafts:
        sentence = " ".join(d.event.sentence.split())
        lines.append(f"  {d.id}:")
        lines.append(f"    # {d.note}: {sentence[:160]}{'...' if len(sentence) > 160 else ''}")
        lines.append(f"    label: {json.dumps(d.label, ensure_ascii=False)}")
        for key in ("actor", "target", "instrument"):
            value = getattr(d, key)
            if value:
                lines.append(f"    {key}: {json.dumps(value, ensure_ascii=False)}")
        lines.append(f"    plover: {d.event.plover.value}")
        if d.antecedents:
            cond = " or ".join(d.antecedents)
            if d.negated_condition:
                cond = f"not ({cond})" if len(d.antecedents) > 1 else f"not {cond}"
            lines.append("    given:")
            lines.append(f"      - if: {json.dumps(cond)}")
            lines.append("        p: null")
            lines.append("      - else: null")
        else:
            lines.append("    p: null")
    return "\n".join(lines) + "\n"


def _split_on_cue(events: list[Event], sentence_start: int) -> tuple[list[Event], list[Event], bool]:
    """Antecedent and consequent events of the first conditional cue any event in the sentence carries."""
    if len(events) < 2:
        return [], [], False
    text = events[0].sentence
    best: tuple[int, str] | None = None
    for e in events:
        for cue in e.evidence.cues:
            cue_norm = cue.strip()
            if not _is_conditional(cue_norm):
                continue
            pos = _find_cue(text, cue_norm)
            if pos >= 0 and (best is None or pos < best[0]):
                best = (pos, cue_norm)
    if best is None:
        return [], [], False
    pos, cue = best

    def rel(e: Event) -> tuple[int, int]:
        return e.span.start - sentence_start, e.span.end - sentence_start

    negative = cue.lower() in NEGATIVE_CUES
    if cue.isascii():
        before = [e for e in events if rel(e)[1] <= pos]
        after = [e for e in events if rel(e)[0] >= pos]
        if not before:  # "If A, B": A runs to the first comma after the cue
            comma = text.find(",", pos)
            if comma < 0:
                return [], [], negative
            return [e for e in after if rel(e)[1] <= comma], [e for e in after if rel(e)[0] > comma], negative
        return after, before, negative  # "B if A"
    return [e for e in events if rel(e)[1] <= pos + len(cue)], [e for e in events if rel(e)[0] >= pos + len(cue)], negative


def _is_conditional(cue: str) -> bool:
    return cue in JA_CONDITIONAL_CUES or any(cue.endswith(c) for c in JA_CONDITIONAL_CUES) or cue.lower() in EN_CONDITIONAL_CUES


def _find_cue(text: str, cue: str) -> int:
    if cue.isascii():
        match = re.search(rf"\b{re.escape(cue)}\b", text, flags=re.IGNORECASE)
        return match.start() if match else -1
    return text.find(cue)


def _label(actor: str | None, e: Event, target: str | None) -> str:
    parts = [actor or "someone", VERBS[e.plover]]
    if target:
        parts.append(target)
    label = " ".join(parts)
    if e.evidence.predicate:
        label += f" ({e.evidence.predicate})"
    return label


def _slug(actor: str | None, plover: Plover, target: str | None) -> str:
    parts = [_slugify(actor) if actor else "", plover.value.lower(), _slugify(target) if target else ""]
    return "_".join(p for p in parts if p) or "event"


def _slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    slug = slug[:24].strip("_") or "x"
    return slug if slug[0].isalpha() or slug[0] == "_" else f"e_{slug}"


def _unique_id(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used or candidate in {"and", "or", "not", "true", "false"}:
        candidate = f"{base}_{n}"
        n += 1
    used.add(candidate)
    return candidate


def _describe(article: Article) -> str:
    bits = [article.title or article.id[:12]]
    if article.outlet:
        bits.append(article.outlet)
    if article.date:
        bits.append(article.date.isoformat())
    return ", ".join(bits)
