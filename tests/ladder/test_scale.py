"""The scale's data and rung_for: the ordering that matters, raises by instrument and target."""

from __future__ import annotations

import itertools

import pytest

from rung.errors import InputError
from rung.ladder import load_scale, rung_for
from rung.model import Plover

# (label, plover, keyword arguments) in strictly increasing order of escalation.
ORDERING = [
    ("a statement (verbal protest)", Plover.PROTEST, {"source": "Q159", "target": "Q145"}),
    ("a trade halt", Plover.SANCTION, {"source": "Q159", "target": "Q142", "mode": "trade"}),
    ("expelling diplomats", Plover.SANCTION, {"source": "Q159", "target": "Q145", "mode": "expel"}),
    ("a conventional strike", Plover.ASSAULT, {"source": "Q159", "target": "Q212"}),
    ("a hypersonic strike on a NATO state", Plover.ASSAULT,
     {"source": "Q159", "target": "Q36", "instrument": "Q900004"}),
    ("nuclear use", Plover.ASSAULT, {"source": "Q159", "target": "Q212", "instrument": "Q12802"}),
]

# (plover, keyword arguments, expected rung)
CASES = [
    (Plover.CONSULT, {"source": "Q159", "target": "Q30"}, 0),
    (Plover.ACCUSE, {"source": "Q7747", "target": "Q7184"}, 2),
    (Plover.REQUEST, {"source": "Q159", "target": "Q30", "cameo": "10"}, 2),
    (Plover.THREATEN, {"source": "Q159", "target": "Q142"}, 3),
    (Plover.RETREAT, {"source": "Q159", "target": "Q142", "mode": "evacuate"}, 5),
    (Plover.MOBILIZE, {"source": "Q159", "target": "Q212"}, 6),
    (Plover.AID, {"source": "Q30", "target": "Q212", "instrument": "Q900001"}, 6),
    (Plover.AID, {"source": "Q30", "target": "Q212"}, 0),
    (Plover.ASSAULT, {"source": "Q159", "target": "Q212", "mode": "sabotage"}, 7),
    (Plover.COERCE, {"source": "Q159", "target": "Q212"}, 7),
    (Plover.ASSAULT, {"source": "Q212", "target": "Q159", "instrument": "Q900001"}, 10),  # ATACMS into Russia
    (Plover.ASSAULT, {"source": "Q159", "target": "Q212", "instrument": "Q900004"}, 9),   # Oreshnik on Ukraine
    (Plover.ASSAULT, {"source": "Q159", "target": "Q212", "instrument": "Q900002"}, 9),   # long range, no raise
    (Plover.ASSAULT, {"source": "Q159", "target": "Q36"}, 10),                            # Poland: NATO
    (Plover.ASSAULT, {"source": "Q159", "target": "Q142", "instrument": "Q900003"}, 11),  # hypersonic on France
    (Plover.ASSAULT, {"source": "Q159", "target": "Q36", "instrument": "Q900005"}, 11),   # Iskander on Poland
    (Plover.THREATEN, {"source": "Q7747", "target": "Q142", "instrument": "Q12802"}, 12),  # Putin: launch authority
    (Plover.THREATEN, {"source": "Q159", "target": "Q145", "instrument": "Q12802"}, 12),   # the state as such
    (Plover.THREATEN, {"source": "Q23530", "target": "Q145", "instrument": "Q12802"}, 3),  # Medvedev: no authority
    (Plover.ASSAULT, {"source": "Q159", "target": "Q212", "instrument": "Q12802"}, 13),
    (Plover.ASSAULT, {"source": "Q159", "target": "Q7184", "instrument": "Q12802"}, 14),
    (Plover.ASSAULT, {"source": "Q159", "target": "Q145", "instrument": "nuclear weapon"}, 14),
]


def _call(plover: Plover, kwargs: dict, kb) -> int:
    args = {"source": None, "target": None, "instrument": None, **kwargs}
    return rung_for(plover, kb=kb, **args)


def test_ordering_is_strict(kb) -> None:
    levels = [(label, _call(plover, kwargs, kb)) for label, plover, kwargs in ORDERING]
    for (low_label, low), (high_label, high) in itertools.pairwise(levels):
        assert low < high, f"{low_label} ({low}) should sit below {high_label} ({high})"


@pytest.mark.parametrize(("plover", "kwargs", "expected"), CASES)
def test_rung_for(plover, kwargs, expected, kb) -> None:
    assert _call(plover, kwargs, kb) == expected


def test_weapon_matched_by_qid_without_kb() -> None:
    # nuclear weapon's QID is listed in states.yaml, so no knowledge base is needed
    assert rung_for("ASSAULT", source="Q159", target="Q145", instrument="Q12802", kb=None) == 14


def test_scale_shape() -> None:
    scale = load_scale()
    assert [r.level for r in scale.rungs] == list(range(len(scale.rungs)))
    assert scale.rungs[0].name == "No conflictual action"
    names = {t.name for t in scale.thresholds}
    assert {"direct NATO–Russia fire", "nuclear"} <= names
    assert [t.level for t in scale.thresholds] == sorted(t.level for t in scale.thresholds)
    assert len(scale.states.nato.members) == 32
    assert {"Q159", "Q30", "Q145", "Q142"} <= set(scale.states.nuclear_powers)
    assert scale.threshold("nuclear").level == 13
    assert [t.name for t in scale.crossed(10)][-1] == "direct NATO–Russia fire"


def test_unknown_inputs_are_named() -> None:
    with pytest.raises(InputError, match="PLOVER"):
        rung_for("BOMB", source=None, target=None, instrument=None)
    with pytest.raises(InputError, match="mode"):
        rung_for("SANCTION", source=None, target=None, instrument=None, mode="tariff")


def test_scale_is_cached_and_frozen() -> None:
    scale = load_scale()
    assert load_scale() is scale
    with pytest.raises(Exception):  # noqa: B017 - pydantic ValidationError on a frozen model
        scale.rungs[0].level = 5  # type: ignore[misc]
