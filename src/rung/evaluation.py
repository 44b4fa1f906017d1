"""`rung eval`: precision, recall and F1 for actors, events and claims against hand-made gold files.

Gold files are JSON Lines, one passage per line (see tests/gold/README.md):
  {"id", "lang", "date", "text", "note", "actors": [QID...],
   "events": [{"quote", "source", "target", "plover", "modality", "negated", "note"}],
   "claims": [{"quote", "attributed_to", "cites", "status", "stance", "note"}]}
Events match on sentence (the gold quote lies in the event's sentence) + source + PLOVER type; target,
modality and negation are then scored on the matched pairs. Claims match on sentence + attributed_to +
status. A system actor matches a gold one when it is the same id or rolls up to it (a leader or an
army counts for its state), so gold can be written at the level of states.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rung.errors import InputError
from rung.ingest import make_article
from rung.model import DocumentRecord


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3)}


@dataclass(slots=True)
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, other: Accuracy) -> None:
        self.right += other.right
        self.total += other.total

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(slots=True)
class Scores:
    documents: int = 0
    actors: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    claims: Counts = field(default_factory=Counts)
    target: Accuracy = field(default_factory=Accuracy)
    modality: Accuracy = field(default_factory=Accuracy)
    negation: Accuracy = field(default_factory=Accuracy)
    misses: list[dict] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        self.documents += other.documents
        for name in ("actors", "events", "claims", "target", "modality", "negation"):
            getattr(self, name).add(getattr(other, name))
        self.misses.extend(other.misses)

    def as_dict(self) -> dict:
        return {"documents": self.documents, "actors": self.actors.as_dict(), "events": self.events.as_dict(),
                "claims": self.claims.as_dict(), "target_accuracy": round(self.target.value, 3),
                "modality_accuracy": round(self.modality.value, 3), "negation_accuracy": round(self.negation.value, 3),
                "matched_events": self.modality.total}


def load_gold(path: Path) -> list[dict]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"{path}: cannot read gold file ({error.strerror})") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: not valid JSON ({error.msg})") from error
        for key in ("id", "text", "events", "claims"):
            if key not in row:
                raise InputError(f"{path}:{number}: gold passage lacks {key!r}")
        rows.append(row)
    return rows


def _same_actor(gold: str | None, system: str | None, roll_up: Callable[[str | None], str | None]) -> bool:
    if gold is None or system is None:
        return gold is None and system is None
    return gold == system or gold == roll_up(system)


def score_document(gold: dict, record: DocumentRecord, roll_up: Callable[[str | None], str | None]) -> Scores:
    scores = Scores(documents=1)
    sentence_of = {s.index: s.text for s in record.sentences}

    def in_sentence(quote: str, index: int) -> bool:
        return quote in sentence_of.get(index, "")

    if "actors" in gold:
        expected = set(gold["actors"])
        found = {a.id for a in record.actors}
        scores.actors = Counts(tp=len(expected & found), fp=len(found - expected), fn=len(expected - found))
    unmatched = list(record.events)
    for g in gold["events"]:
        match = next((e for e in unmatched if in_sentence(g["quote"], e.sentence_index) and e.plover.value == g["plover"]
                      and _same_actor(g.get("source"), e.source, roll_up)), None)
        if match is None:
            scores.events.fn += 1
            scores.misses.append({"doc": gold["id"], "kind": "event-missed", **g})
            continue
        unmatched.remove(match)
        scores.events.tp += 1
        scores.target.total += 1
        target_ok = _same_actor(g.get("target"), match.target, roll_up)
        scores.target.right += target_ok
        if not target_ok:
            scores.misses.append({"doc": gold["id"], "kind": "target", "quote": g["quote"], "gold": g.get("target"),
                                  "system": match.target, "predicate": match.evidence.predicate})
        scores.modality.total += 1
        scores.modality.right += match.modality.value == g["modality"]
        if match.modality.value != g["modality"]:
            scores.misses.append({"doc": gold["id"], "kind": "modality", "quote": g["quote"], "gold": g["modality"],
                                  "system": match.modality.value, "cues": match.evidence.cues})
        scores.negation.total += 1
        scores.negation.right += bool(g.get("negated", False)) == match.negated
    scores.events.fp += len(unmatched)
    scores.misses.extend({"doc": gold["id"], "kind": "event-extra", "sentence": e.sentence_index, "source": e.source,
                          "plover": e.plover.value, "target": e.target, "predicate": e.evidence.predicate}
                         for e in unmatched)
    claims = list(record.claims)
    for g in gold["claims"]:
        match = next((c for c in claims if in_sentence(g["quote"], c.sentence_index) and c.status.value == g["status"]
                      and _same_actor(g.get("attributed_to"), c.attributed_to, roll_up)), None)
        if match is None:
            scores.claims.fn += 1
            scores.misses.append({"doc": gold["id"], "kind": "claim-missed", **g})
            continue
        claims.remove(match)
        scores.claims.tp += 1
    scores.claims.fp += len(claims)
    scores.misses.extend({"doc": gold["id"], "kind": "claim-extra", "sentence": c.sentence_index,
                          "attributed_to": c.attributed_to, "status": c.status.value} for c in claims)
    return scores


def evaluate(paths: Iterable[Path], analyzer, on_document: Callable[[], None] | None = None
             ) -> dict[str, Scores]:
    """Scores per gold file, per language (`lang:ja`) and 'overall'."""
    by_file: dict[str, Scores] = defaultdict(Scores)
    by_lang: dict[str, Scores] = defaultdict(Scores)
    for path in paths:
        for gold in load_gold(path):
            date = dt.date.fromisoformat(gold["date"]) if gold.get("date") else None
            article = make_article(gold["text"], title=gold["id"], date=date, lang=gold.get("lang"), source=str(path))
            record = analyzer.analyze(article)
            lang = record.article.lang or "unknown"
            scores = score_document(gold, record, analyzer.kb.country_of)
            by_file[path.stem].add(scores)
            by_lang[f"lang:{lang}"].add(scores)
            if on_document:
                on_document()
    overall = Scores()
    for scores in by_lang.values():
        overall.add(scores)
    return {**dict(sorted(by_file.items())), **dict(sorted(by_lang.items())), "overall": overall}
