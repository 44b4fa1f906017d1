"""Corrected articles as gold cases, in the format of the annotation guide
(`../shared/docs/annotation-guide.md`), so analysts' corrections become evaluation data the scorer reads.

Only articles with at least one active correction are written (all articles with `every=True`).
Events and claims marked wrong are left out; every other event and claim is written with its
corrected values, actors by their English names, and a `note` saying which fields an analyst fixed.
The narrator's own statements (claims by `rung:author` citing no one) are not claims under the guide.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from rung.api.corrections import ACTIVE, corrections_for
from rung.store import Store, schema


def _names(store: Store, kb=None) -> dict[str, str]:
    with store.engine.connect() as conn:
        names = {r.id: r.name for r in conn.execute(select(schema.actors.c.id, schema.actors.c.name))}
    if kb is not None:
        for actor in kb:
            names.setdefault(actor.id, actor.name)
    return names


def gold_cases(store: Store, every: bool = False, kb=None) -> list[dict]:
    views = [v for v in corrections_for(store) if v.state == ACTIVE]
    by_target: dict[str, list] = defaultdict(list)
    for v in views:
        by_target[v.target_id].append(v)
    corrected_articles = {v.article_id for v in views}
    names = _names(store, kb)

    def name(actor_id: str | None) -> str | None:
        return names.get(actor_id, actor_id) if actor_id else None

    def note(target_id: str) -> dict:
        fixes = [v for v in by_target.get(target_id, []) if v.field != "wrong"]
        if not fixes:
            return {}
        said = "; ".join(f"{v.field} corrected by {v.author}" + (f" ({v.note})" if v.note else "") for v in fixes)
        return {"note": said}

    def wrong(target_id: str) -> bool:
        flags = [v.value for v in by_target.get(target_id, []) if v.field == "wrong"]
        return bool(flags and flags[-1])

    cases = []
    for record in store.records():
        a = record.article
        if not every and a.id not in corrected_articles:
            continue
        linked = sorted({m.actor_id for m in record.mentions if m.actor_id and not m.actor_id.startswith("rung:")})
        events = [{"source": name(e.source), "action": f"{e.plover.value} (CAMEO {e.cameo})", "target": name(e.target),
                   "plover": e.plover.value, "modality": e.modality.value, "negated": e.negated,
                   "date": e.date.isoformat() if e.date else None, "sentence": e.sentence, **note(e.id)}
                  for e in record.events if not wrong(e.id)]
        claims = [{"claim": c.text, "attributed_to": name(c.attributed_to) or "unnamed", "status": c.status.value,
                   **note(c.id)}
                  for c in record.claims
                  if not wrong(c.id) and not (c.attributed_to == "rung:author" and not c.cites)]
        authors = sorted({v.author for v in views if v.article_id == a.id})
        cases.append({
            "id": a.id, "lang": a.lang, "url": a.url, "outlet": a.outlet, "license": None, "title": a.title,
            "date": a.date.isoformat() if a.date else None,
            "excerpt_note": "rung's output with analysts' corrections" + (f" by {', '.join(authors)}" if authors
                                                                          else " (none)"),
            "phenomena": [], "text": a.body,
            "gold": {"actors": [name(x) for x in linked], "events": events, "claims": claims},
        })
    return cases


def export_gold(store: Store, out: Path, every: bool = False, kb=None) -> Path:
    path = out / "gold.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for case in gold_cases(store, every=every, kb=kb):
            handle.write(json.dumps(case, ensure_ascii=False) + "\n")
    return path
