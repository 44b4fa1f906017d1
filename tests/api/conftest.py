"""Fixtures for the API tests: a store on each back-end filled from the bundled example, a client on it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from .server import fill


@pytest.fixture
def filled_store(fresh_store, analyzer, seed_record):
    fill(fresh_store, analyzer, seed_record)
    return fresh_store


@pytest.fixture
def app(filled_store, analyzer):
    from rung.api import ServerSettings, create_app

    from .server import REPO

    app = create_app(filled_store, ServerSettings(scenarios=REPO / "examples" / "scenarios"), kb=analyzer.kb,
                     make_analyzer=lambda: analyzer)
    yield app
    app.state.jobs.stop()


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture
def token(filled_store) -> str:
    from rung.api.tokens import create_token

    return create_token(filled_store, "alice")


@pytest.fixture
def auth(token) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
