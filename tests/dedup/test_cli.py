"""`rung ingest` checks each new article for copies, end to end (English: the small spaCy model)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RUNG = shutil.which("rung", path=str(Path(sys.executable).parent)) or "rung"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([RUNG, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return result


def test_ingest_stores_a_portal_copy_as_a_version_and_events_count_it_once(tmp_path):
    from benchmarks.dedup_pairs import passages

    try:
        rows = {r["id"]: r for r in passages("dev", ("en",))}
    except FileNotFoundError as error:
        pytest.skip(str(error))
    story, other = rows["en-d11"]["text"], rows["en-d12"]["text"]
    (tmp_path / "a-original.txt").write_text(story, encoding="utf-8")
    (tmp_path / "b-portal.txt").write_text(f"Yahoo News\n{story}\nRead more\nSend us your feedback", encoding="utf-8")
    (tmp_path / "c-other.txt").write_text(other, encoding="utf-8")
    db = str(tmp_path / "x.sqlite")
    ingested = _run("ingest", "a-original.txt", "b-portal.txt", "c-other.txt", "--db", db, cwd=tmp_path)
    assert "3 article(s) stored" in ingested.stderr and "1 of them a version of a report" in ingested.stderr
    [report] = json.loads(_run("dedup", "--db", db, "--json", cwd=tmp_path).stdout)
    assert len(report["versions"]) == 2 and report["versions"][1]["duplicate_of"] == report["report_id"]
    events = json.loads(_run("events", "--db", db, "--json", cwd=tmp_path).stdout)
    copied = [e for e in events if e["articles"] == 2]
    assert copied and all(e["distinct_reports"] == 1 for e in copied)
