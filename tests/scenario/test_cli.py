"""The scenario commands through the CLI: simulate, scenario draft|score, plot sensitivity."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rung.cli.main import app
from tests.scenario.conftest import EXAMPLE, OUTCOMES
from tests.scenario.test_inference import CHAIN

runner = CliRunner()
RUNG = Path(sys.executable).with_name("rung")


@pytest.fixture
def chain(write) -> Path:
    return write(CHAIN, name="chain.yaml")


@pytest.fixture
def stub_kb(monkeypatch, kb):
    """Scenario files with actors resolve through the stub knowledge base."""
    monkeypatch.setattr("rung.scenario.parse._default_kb", lambda: kb)
    return kb


def test_simulate_json_exact(chain):
    result = runner.invoke(app, ["simulate", str(chain), "--json", "--method", "exact"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"events", "max_rung", "thresholds"}
    assert data["events"]["b"]["p"] == pytest.approx(0.22)
    assert data["events"]["b"]["ci"] == [pytest.approx(0.22)] * 2
    assert data["max_rung"]["5"]["p"] == pytest.approx(0.22)
    assert data["method"] == "exact"


def test_simulate_monte_carlo_with_seed_set_and_evidence(chain):
    args = ["simulate", str(chain), "--json", "--method", "monte-carlo", "--samples", "50000", "--seed", "3",
            "--set", "b.p=0.5", "--evidence", "a=true"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, args)
    assert first.stdout == again.stdout  # the seed makes it reproducible
    data = json.loads(first.stdout)
    assert data["events"]["a"]["p"] == 1.0
    lo, hi = data["events"]["b"]["ci"]
    assert lo <= 0.5 <= hi and hi - lo < 0.05  # b was set to 0.5 unconditionally
    assert data["evidence"] == {"a": True} and data["overrides"] == ["b.p=0.5"]


def test_simulate_table(chain):
    result = runner.invoke(app, ["simulate", str(chain)])
    assert result.exit_code == 0, result.output
    assert "Highest rung reached" in result.stdout and "0.2200" in result.stdout


def test_simulate_sensitivity(chain):
    result = runner.invoke(app, ["simulate", str(chain), "--sensitivity", "--outcome", "c", "--swing", "absolute", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["outcome"] == "c" and data["baseline"] == pytest.approx(0.296)
    # c = 0.8 * P(a or b) and P(a or b) = a + (1 - a) * b_else (b's if-a branch only matters when a holds):
    # a.p: 0.2 -> 0.4 moves c by 0.8 * 0.9 * 0.2 = 0.144; b.else: 0 -> 0.2 by 0.8 * 0.7 * 0.2 = 0.112;
    # c.given[0].p: 0.7 -> 0.9 by 0.2 * 0.37 = 0.074; b.given[0].p cannot move c at all.
    swings = {s["parameter"]: s["outcome_high"] - s["outcome_low"] for s in data["swings"]}
    assert [s["parameter"] for s in data["swings"][:3]] == ["a.p", "b.else", "c.given[0].p"]
    assert swings["a.p"] == pytest.approx(0.144)
    assert swings["b.else"] == pytest.approx(0.112)
    assert swings["c.given[0].p"] == pytest.approx(0.074)
    assert swings["b.given[0].p"] == pytest.approx(0.0, abs=1e-12)


def test_plot_sensitivity_writes_png(chain, tmp_path):
    out = tmp_path / "tornado.png"
    result = runner.invoke(app, ["plot", "sensitivity", str(chain), "--outcome", "c", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_score_with_outcomes_file(chain, write):
    outcomes = write("a: true\nb: false\n", name="o.yaml")
    result = runner.invoke(app, ["scenario", "score", str(chain), "--outcomes", str(outcomes), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # a: p 0.3 happened -> (0.7)^2 = 0.49; b: p 0.22 did not -> 0.22^2 = 0.0484
    assert data["brier"] == pytest.approx((0.49 + 0.0484) / 2)
    assert data["unresolved"] == ["c", "d"]


def test_score_example(stub_kb):
    table = runner.invoke(app, ["scenario", "score", str(EXAMPLE), "--outcomes", str(OUTCOMES)])
    assert table.exit_code == 0, table.output
    assert "scores (9 events)" in table.stdout and "no outcome for: ru_air_defence" in table.stdout
    result = runner.invoke(app, ["scenario", "score", str(EXAMPLE), "--outcomes", str(OUTCOMES), "--json"])
    data = json.loads(result.stdout)
    assert len(data["events"]) == 9 and 0 < data["brier"] < 0.25


def test_score_from_db(stub_kb, monkeypatch, write):
    from rung.model import Plover
    from tests.scenario.test_score import MATCH, event

    class FakeStore:
        def events(self, since=None, until=None):
            assert (str(since), str(until)) == ("2024-11-20", "2025-03-01")
            return [event("e1", "Q212", "Q159", Plover.ASSAULT)]

        def claims(self):
            return []

    monkeypatch.setattr("rung.store.open_store", lambda db, create=True: FakeStore())
    monkeypatch.setattr("rung.actors.load_knowledge_base", lambda: stub_kb)
    path = write(MATCH, name="m.yaml")
    result = runner.invoke(app, ["scenario", "score", str(path), "--db", "x.sqlite", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {e["id"]: e["happened"] for e in data["events"]} == {"ua_strike": True, "ru_expel": False, "ru_hyper": False}
    assert data["unresolved"] == ["vague"]


def test_draft_command(monkeypatch, tmp_path, stub_kb):
    from rung.scenario import parse_scenario
    from tests.scenario.test_draft import record

    monkeypatch.setattr("rung.pipeline.analyze_path", lambda path: [record()])
    out = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["scenario", "draft", "article.txt", "-o", str(out)])
    assert result.exit_code == 0, result.output
    s = parse_scenario(out.read_text(encoding="utf-8"), origin=str(out), allow_missing=True, use_ladder=False)
    assert "russia_assault_ukraine" in s.events


def test_every_command_has_an_example_in_its_help():
    for args in (["simulate"], ["scenario", "draft"], ["scenario", "score"], ["plot", "sensitivity"]):
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0
        assert "Example: rung" in result.stdout


@pytest.mark.skipif(not RUNG.exists(), reason="the rung console script is not installed")
@pytest.mark.parametrize(("text", "expected"), [
    ("name: t\nstart: 2024-11-20\nhorizon: 2025-03-01\nevents:\n  a:\n    p: 1.3\n", ":6: events.a.p: 1.3 is outside [0, 1]"),
    ("name: t\nstart: 2024-11-20\nhorizon: 2025-03-01\nevents:\n  a:\n    given:\n      - if: b\n        p: 0.1\n      - else: 0\n",
     ":7: events.a.given[0].if: unknown event id 'b'"),
])
def test_errors_are_one_line_on_stderr_naming_the_file(tmp_path, text, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run([str(RUNG), "simulate", str(path)], check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(path) + expected in lines[0]
    assert done.stdout == ""


def test_score_from_a_real_store(tmp_path, write):
    """End to end through rung.store: events stored from an article are matched to scenario events."""
    try:
        from rung.actors import load_knowledge_base

        kb = load_knowledge_base()
        from rung.store import open_store
    except Exception as error:  # noqa: BLE001 - other stages, maybe not built yet
        pytest.skip(f"store or knowledge base not available: {error}")
    from rung.model import Modality
    from tests.scenario.test_draft import record
    from tests.scenario.test_score import MATCH

    rec = record()
    occurred = [e.model_copy(update={"modality": Modality.occurred, "article_id": rec.article.id}) for e in rec.events]
    rec = rec.model_copy(update={"events": occurred})  # ev1: Ukraine ASSAULT Russia, dated by the article (2024-11-25)
    db = tmp_path / "rung.sqlite"
    ids = {a.id for a in rec.actors} | {x for e in rec.events for x in (e.source, e.target) if x}
    open_store(str(db)).add_record(rec, [kb.get(i) for i in sorted(ids)])
    result = runner.invoke(app, ["scenario", "score", str(write(MATCH, name="m.yaml")), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    happened = {e["id"]: e["happened"] for e in json.loads(result.stdout)["events"]}
    assert happened["ua_strike"] is True and happened["ru_expel"] is False
