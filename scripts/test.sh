#!/usr/bin/env bash
# Run rung's tests. Where Debian's PostgreSQL server is installed and RUNG_TEST_PG_URL is not set,
# start a private server for the run (a temporary data directory, a unix socket and port 55432) so
# the store tests run against PostgreSQL as well as SQLite; it is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "${RUNG_TEST_PG_URL:-}" ] && [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
    pg_data=$(mktemp -d /tmp/rung-pg.XXXXXX)
    as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
    [ "$(id -u)" = 0 ] && chown postgres "$pg_data"
    as_pg "'$pg_bin/initdb' -D '$pg_data' -A trust -U postgres >/dev/null"
    as_pg "'$pg_bin/pg_ctl' -D '$pg_data' -o '-p 55432 -k $pg_data -c listen_addresses=localhost' -l '$pg_data/log' -w start >/dev/null"
    trap "as_pg \"'$pg_bin/pg_ctl' -D '$pg_data' -m fast stop >/dev/null\"; rm -rf '$pg_data'" EXIT
    export RUNG_TEST_PG_URL="postgresql://postgres@localhost:55432/postgres"
    echo "PostgreSQL test server on port 55432 ($pg_data)"
fi
"$PY" -m pytest "$@"
