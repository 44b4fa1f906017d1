#!/usr/bin/env bash
# Run the bad-input, fault and misuse probes of issue 13; prints "probes: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-.venv/bin/python}" scripts/probe.py "$@"
