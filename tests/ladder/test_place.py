"""place_events: rung is the event's own; weight discounts it by modality and claim status."""

from __future__ import annotations

import datetime as dt

import pytest

from rung.ladder import place_events
from rung.ladder.place import detect_mode, goldstein_for, goldstein_table
from rung.model import Claim, Event, Evidence, Span

# (modality, claim statuses, negated, expected weight)
WEIGHTS = [
    ("occurred", [], False, 1.0),
    ("reported", [], False, 1.0),
    ("planned", [], False, 0.7),
    ("possible", [], False, 0.5),
    ("recommended", [], False, 0.4),
    ("conditional", [], False, 0.3),
    ("hypothetical", [], False, 0.2),
    ("reported", ["unconfirmed"], False, 0.6),
    ("reported", ["denied"], False, 0.3),
    ("reported", ["declined_to_comment"], False, 0.8),
    ("reported", ["unconfirmed", "confirmed"], False, 1.0),  # the best-supported report counts
    ("possible", ["unconfirmed"], False, 0.3),
    ("occurred", [], True, 0.0),
]


def make_event(modality: str = "occurred", plover: str = "ASSAULT", cameo: str = "18", predicate: str | None = None,
               rules: list[str] | None = None, negated: bool = False, **fields) -> Event:
    return Event(id=fields.pop("id", "e1"), article_id="a1", plover=plover, cameo=cameo, modality=modality,
                 negated=negated, sentence_index=0, sentence="s", span=Span(start=0, end=1),
                 evidence=Evidence(predicate=predicate, rules=rules or []), date=dt.date(2024, 11, 25),
                 **{"source": "Q159", "target": "Q212", **fields})


@pytest.mark.parametrize(("modality", "statuses", "negated", "expected"), WEIGHTS)
def test_weight(modality, statuses, negated, expected, kb) -> None:
    event = make_event(modality=modality, negated=negated)
    claims = [Claim(id=f"c{i}", article_id="a1", text="s", sentence_index=0, span=Span(start=0, end=1), status=s,
                    event_ids=["e1"]) for i, s in enumerate(statuses)]
    [placed] = place_events([event], claims, kb)
    assert placed.weight == pytest.approx(expected)
    assert placed.rung == 8  # the stored rung is the event's own, whatever its modality


def test_place_fills_countries_goldstein_and_keeps_the_rest(kb) -> None:
    event = make_event(source="Q7747", target="Q145", plover="THREATEN", cameo="13", instrument="Q12802",
                       modality="conditional")
    [placed] = place_events([event], [], kb)
    assert (placed.rung, placed.source_country, placed.target_country) == (12, "Q159", "Q145")
    assert placed.goldstein == -6.0
    assert placed.model_dump(exclude={"rung", "weight", "goldstein", "source_country", "target_country"}) == \
        event.model_dump(exclude={"rung", "weight", "goldstein", "source_country", "target_country"})


@pytest.mark.parametrize(("plover", "predicate", "mode", "rung"), [
    ("SANCTION", "外交官の段階的な引き揚げ", "expel", 5),
    ("SANCTION", "expel the ambassador's diplomats", "expel", 5),
    ("SANCTION", "貿易取引を停止", "trade", 4),
    ("RETREAT", "退去を公式に要請", "evacuate", 5),
    ("ASSAULT", "破壊工作活動", "sabotage", 7),
    ("ASSAULT", "攻撃", None, 8),
    ("MOBILIZE", "貿易", None, 6),  # trade is not a MOBILIZE mode
])
def test_modes(plover, predicate, mode, rung, kb) -> None:
    event = make_event(plover=plover, cameo="16", predicate=predicate)
    assert detect_mode(event) == mode
    assert place_events([event], [], kb)[0].rung == rung


def test_goldstein_root_and_leaf() -> None:
    table = goldstein_table()
    assert len(table) == 312
    assert table["18"] == -9.0 and table["13"] == -6.0 and table["07"] == 7.0
    assert goldstein_for("16") == -4.0
    assert goldstein_for("16", ["lexicon:ja:禁輸", "cameo:163"]) == -8.0  # a leaf code named by a rule wins
    assert goldstein_for("20", ["cameo:2042"]) == -10.0
