"""Scenario files: every mistake is one ScenarioError naming file, line and field."""

from __future__ import annotations

import datetime as dt

import pytest

from rung.errors import ScenarioError
from rung.model import Plover
from rung.scenario import load_scenario, parse_scenario
from rung.scenario.conditions import ConditionSyntaxError, evaluate, parse_condition, to_text, variables

HEAD = """\
name: t
start: 2024-11-20
horizon: 2025-03-01
events:
"""

# (case id, events part of the file (line 5 onwards), expected line, expected text in the message)
BAD_FILES = [
    ("unknown id in condition", """\
  a:
    p: 0.5
  b:
    given:
      - if: "a and c"
        p: 0.3
      - else: 0.1
""", 9, "events.b.given[0].if: unknown event id 'c'"),
    ("cycle", """\
  a:
    given:
      - if: b
        p: 0.3
      - else: 0.1
  b:
    given:
      - if: a
        p: 0.3
      - else: 0.1
""", 12, "events.b.given: cycle: a -> b -> a"),
    ("three-event cycle", """\
  a:
    given:
      - if: b
        p: 0.3
      - else: 0.1
  b:
    given:
      - if: "not c"
        p: 0.3
      - else: 0.1
  c:
    given:
      - if: a or b
        p: 0.3
      - else: 0.1
""", 17, "events.c.given: cycle: a -> b -> c -> a"),
    ("self reference", """\
  a:
    given:
      - if: "not a"
        p: 0.3
      - else: 0.1
""", 7, "a cannot depend on itself"),
    ("p above 1", """\
  a:
    p: 1.3
""", 6, "events.a.p: 1.3 is outside [0, 1]"),
    ("branch p negative", """\
  a:
    p: 0.5
  b:
    given:
      - if: a
        p: -0.1
      - else: 0.1
""", 10, "events.b.given[0].p: -0.1 is outside [0, 1]"),
    ("else above 1", """\
  a:
    p: 0.5
  b:
    given:
      - if: a
        p: 0.1
      - else: 2
""", 11, "events.b.given[1].else: 2 is outside [0, 1]"),
    ("p not a number", """\
  a:
    p: likely
""", 6, "events.a.p: 'likely' is not a probability"),
    ("window outside horizon", """\
  a:
    window: [2024-12-01, 2025-04-01]
    p: 0.5
""", 6, "events.a.window: [2024-12-01, 2025-04-01] is outside the scenario's [2024-11-20, 2025-03-01]"),
    ("window reversed", """\
  a:
    window: [2025-01-01, 2024-12-01]
    p: 0.5
""", 6, "ends (2024-12-01) before it begins"),
    ("unknown field", """\
  a:
    prob: 0.5
""", 6, "events.a.prob: unknown field"),
    ("both p and given", """\
  a:
    p: 0.5
    given:
      - else: 0.1
""", 7, "either p (unconditional) or given"),
    ("neither p nor given", """\
  a:
    label: nothing
""", 5, "needs p (unconditional probability) or given"),
    ("else not last", """\
  a:
    p: 0.5
  b:
    given:
      - else: 0.1
      - if: a
        p: 0.3
""", 9, "else must be the last item"),
    ("no else", """\
  a:
    p: 0.5
  b:
    given:
      - if: a
        p: 0.3
""", 9, "the last item must be '- else: P'"),
    ("bad condition syntax", """\
  a:
    p: 0.5
  b:
    given:
      - if: "a and (not"
        p: 0.3
      - else: 0.1
""", 9, "events.b.given[0].if: 'a and (not': expected an event id"),
    ("bad plover", """\
  a:
    plover: BOMB
    p: 0.5
""", 6, "'BOMB' is not a PLOVER type"),
    ("negative rung", """\
  a:
    rung: -2
    p: 0.5
""", 6, "events.a.rung: -2 is not a rung"),
    ("unknown actor", """\
  a:
    actor: Atlantis
    p: 0.5
""", 6, "events.a.actor: unknown actor 'Atlantis'"),
    ("unknown target", """\
  a:
    actor: Russia
    target: Mordor
    p: 0.5
""", 7, "events.a.target: unknown actor 'Mordor'"),
    ("bad id", """\
  not:
    p: 0.5
""", 5, "events.not: an event id must be"),
    ("missing p in draft-only form", """\
  a:
    p: null
""", 6, "events.a.p: probability is missing (null)"),
]


@pytest.mark.parametrize(("case", "events", "line", "message"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_files_name_file_line_and_field(case, events, line, message, write, kb):
    path = write(HEAD + events, name="bad.yaml")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path, kb=kb, use_ladder=False)
    text = str(info.value)
    assert text.startswith(f"{path}:{line}: "), text
    assert message in text
    assert "\n" not in text


@pytest.mark.parametrize(("text", "line", "message"), [
    ("name: t\nstart: 2024-11-20\nhorizon: 2024-11-01\nevents:\n  a:\n    p: 0.5\n", 3, "horizon: 2024-11-01 is not after start"),
    ("name: t\nstart: 2024-11-20\nevents:\n  a:\n    p: 0.5\n", 1, "horizon: required field is missing"),
    ("name: t\nstart: 20 Nov\nhorizon: 2025-03-01\nevents:\n  a:\n    p: 0.5\n", 2, "start: '20 Nov' is not a date"),
    ("name: t\nstart: 2024-11-20\nhorizon: 2025-03-01\nevents: {}\n", 4, "events: no events"),
    ("name: t\nstart: 2024-11-20\nhorizon: 2025-03-01\nevents:\n  a: [1, 2\n", 6, "not valid YAML"),
    ("name: t\nstart: 2024-11-20\nhorizon: 2025-03-01\nextra: 1\nevents:\n  a:\n    p: 0.5\n", 4, "extra: unknown field"),
    ("", 1, "the scenario file is empty"),
])
def test_bad_top_level(text, line, message):
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, origin="top.yaml", use_ladder=False)
    assert str(info.value).startswith(f"top.yaml:{line}: ")
    assert message in str(info.value)


def test_issue_example_parses_with_actors_resolved(write, kb):
    path = write(HEAD + """\
  ua_storm_shadow:
    label: Ukraine strikes Russia with Storm Shadow
    actor: Ukraine
    target: Russia
    plover: ASSAULT
    p: 0.85
  us_blocks:
    label: The new US administration blocks a collective response
    window: [2025-01-20, 2025-03-01]
    p: 0.7
  ru_expel:
    actor: Russia
    target: United Kingdom
    plover: sanction
    rung: 7
    given:
      - if: ua_storm_shadow
        p: 0.35
      - else: 0.02
""")
    s = load_scenario(path, kb=kb, use_ladder=False)
    assert s.start == dt.date(2024, 11, 20) and s.horizon == dt.date(2025, 3, 1)
    assert list(s.events) == ["ua_storm_shadow", "us_blocks", "ru_expel"]
    ua = s.events["ua_storm_shadow"]
    assert (ua.actor_id, ua.target_id, ua.plover, ua.p, ua.line) == ("Q212", "Q159", Plover.ASSAULT, 0.85, 5)
    expel = s.events["ru_expel"]
    assert expel.plover is Plover.SANCTION and expel.rung == 7 and expel.rung_from == "explicit"
    assert [(b.condition, b.p) for b in expel.given] == [("ua_storm_shadow", 0.35), (None, 0.02)]
    assert expel.label == "ru_expel"  # no label: the id stands in
    assert s.window_of("us_blocks") == (dt.date(2025, 1, 20), dt.date(2025, 3, 1))
    assert s.window_of("ru_expel") == (s.start, s.horizon)


def test_time_order_note_when_condition_refers_to_a_later_window(write, kb):
    path = write(HEAD + """\
  late:
    window: [2025-01-20, 2025-03-01]
    p: 0.7
  early:
    window: [2024-11-20, 2025-01-19]
    given:
      - if: late
        p: 0.9
      - else: 0.1
""")
    s = load_scenario(path, kb=kb, use_ladder=False)
    assert any("late can only happen after early's window closes" in n for n in s.notes)


def test_draft_form_allows_nulls(write, kb):
    path = write(HEAD + "  a:\n    p: null\n  b:\n    given:\n      - if: a\n        p: null\n      - else: null\n")
    s = load_scenario(path, kb=kb, allow_missing=True, use_ladder=False)
    assert s.missing_probabilities() == ["a.p", "b.given[0].p", "b.else"]


def test_example_file_parses(kb):
    from tests.scenario.conftest import EXAMPLE

    s = load_scenario(EXAMPLE, kb=kb, use_ladder=False)
    assert len(s.events) >= 12
    assert s.events["ru_hypersonic_uk_fr"].window == (dt.date(2024, 11, 20), dt.date(2025, 1, 19))
    assert s.events["us_blocks"].window[0] == dt.date(2025, 1, 20)
    assert not s.missing_probabilities()


CONDITIONS = [
    # text, values, expected
    ("a", {"a": True}, True),
    ("not a", {"a": True}, False),
    ("a and b or c", {"a": False, "b": True, "c": True}, True),  # (a and b) or c
    ("a and (b or c)", {"a": False, "b": True, "c": True}, False),
    ("not a and b", {"a": False, "b": True}, True),  # (not a) and b
    ("not (a and b)", {"a": True, "b": True}, False),
    ("a or b and not c", {"a": False, "b": True, "c": True}, False),  # a or (b and (not c))
    ("true and not false", {}, True),
]


@pytest.mark.parametrize(("text", "values", "expected"), CONDITIONS)
def test_condition_precedence(text, values, expected):
    node = parse_condition(text)
    assert bool(evaluate(node, values)) is expected
    assert bool(evaluate(parse_condition(to_text(node)), values)) is expected  # the canonical text round-trips


@pytest.mark.parametrize("text", ["", "a and", "(a", "a b", "and a", "a & b", "__import__('os')", "a )"])
def test_condition_syntax_errors(text):
    with pytest.raises(ConditionSyntaxError):
        parse_condition(text)


def test_condition_variables():
    assert variables(parse_condition("x and not (y or z) or x")) == {"x", "y", "z"}


def test_example_rungs_equal_what_the_ladder_derives(kb):
    """The example writes its rungs out; they must be the ladder's own placement of the same acts."""
    ladder = pytest.importorskip("rung.ladder")
    from tests.scenario.conftest import EXAMPLE

    s = load_scenario(EXAMPLE, kb=kb, use_ladder=False)
    for event in s.events.values():
        extra = {"mode": event.mode} if event.mode else {}
        derived = ladder.rung_for(event.plover, source=event.actor_id, target=event.target_id,
                                  instrument=event.instrument_id or event.instrument, **extra)
        assert derived == event.rung, event.id


def test_rungs_are_derived_from_the_ladder_when_not_written(write, kb):
    ladder = pytest.importorskip("rung.ladder")
    path = write(HEAD + """\
  expel:
    actor: Russia
    target: United Kingdom
    plover: SANCTION
    mode: expel
    p: 0.2
  plain:
    p: 0.5
""")
    s = load_scenario(path, kb=kb)
    expected = ladder.rung_for("SANCTION", source="Q159", target="Q145", instrument=None, mode="expel")
    assert (s.events["expel"].rung, s.events["expel"].rung_from) == (expected, "ladder")
    assert s.events["plain"].rung is None  # neither rung nor plover: no rung
    assert [t.level for t in s.thresholds] == [t.level for t in ladder.load_scale().thresholds]


def test_example_with_the_bundled_knowledge_base_and_ladder():
    """The real actor knowledge base and ladder, when installed: names resolve, rungs agree."""
    try:
        from rung.actors import load_knowledge_base

        real_kb = load_knowledge_base()
    except Exception as error:  # noqa: BLE001 - the knowledge base is another stage, maybe not built yet
        pytest.skip(f"actor knowledge base not available: {error}")
    ladder = pytest.importorskip("rung.ladder")
    from tests.scenario.conftest import EXAMPLE

    s = load_scenario(EXAMPLE, kb=real_kb)
    assert s.events["ru_expel"].actor_id == "Q159" and s.events["ru_expel"].target_id == "Q145"
    assert s.thresholds, "the ladder's thresholds are read"
    for event in s.events.values():
        extra = {"mode": event.mode} if event.mode else {}
        derived = ladder.rung_for(event.plover, source=event.actor_id, target=event.target_id,
                                  instrument=event.instrument_id or event.instrument, kb=real_kb, **extra)
        assert derived == event.rung, event.id
