"""Property-based requests from the served OpenAPI schema against `rung serve` in its own process (a real
uvicorn server) on a filled store, on SQLite and PostgreSQL: no input the schema allows gives a 500."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from .server import fill, running_server

EXAMPLES = 50


@pytest.fixture
def served(store_url, analyzer, seed_record):
    from rung.api.tokens import create_token
    from rung.store import open_store

    store = open_store(store_url)
    fill(store, analyzer, seed_record)
    token = create_token(store, "fuzzer")
    store.engine.dispose()
    with running_server(store_url, "--max-body", "65536") as base:
        yield base, token


def test_no_server_error_on_any_generated_request(served):
    base, token = served
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    failures: list[str] = []
    statuses: list[int] = []
    tested = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path == "/api/stream":  # never ends by design; test_read.py reads it with a real client
            continue

        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case) -> None:
            response = case.call(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}: "
                                f"{response.text[:200]}")
            case.validate_response(response, checks=[not_a_server_error])

        try:
            check()
        except Exception as error:  # noqa: BLE001 - report every operation that failed, not just the first
            failures.append(f"{operation.method.upper()} {operation.path}: {str(error).splitlines()[0]}")
        tested += 1
    assert tested >= 15
    # it really sent requests, good and bad ones
    assert len(statuses) >= tested * 5 and 200 in statuses and 422 in statuses, sorted(set(statuses))
    assert not failures, "\n".join(failures)
