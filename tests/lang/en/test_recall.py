"""English event recall: lexicon entries and clause patterns added on the training passages (docs/events.md,
"Choices made on the training passages"). Each sentence is invented here; each case failed before its change."""

from __future__ import annotations

import pytest

# (sentence, an event that must be among its events: (source, PLOVER, target or None for any))
RECALL_CASES = [
    # the UK foreign ministry's pre-2020 name is an actor of the UK
    ("The Foreign & Commonwealth Office called on Russia to withdraw its troops.", ("rung:fco", "REQUEST", "Q159")),
]


def _case_id(case) -> str:
    return case[0][:50]


@pytest.mark.parametrize(("text", "expected"), RECALL_CASES, ids=[_case_id(c) for c in RECALL_CASES])
def test_recall_case(english, text, expected):
    source, plover, target = expected
    found = {(e.source, e.plover.value, e.target) for e in english(text).events}
    assert any(s == source and p == plover and (target is None or t == target) for s, p, t in found), sorted(found, key=str)
