"""`rung export --format gold`: corrected articles as annotation-guide gold cases the shared scorer reads."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from rung.api.corrections import correct

from ..conftest import REPO, SHARED
from .server import fill

SCORER = next((p for p in (SHARED / "tools" / "score.py", Path("/work/shared/tools/score.py")) if p.exists()), None)


def _unique_events(record) -> list:
    """Events no other event of the record shares sentence, source and type with (the scorer can tell
    them apart), in the record's order."""
    keys = Counter((e.sentence, e.source, e.plover) for e in record.events)
    return [e for e in record.events if keys[(e.sentence, e.source, e.plover)] == 1]


def _export(store_url: str, out: Path) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    subprocess.run([sys.executable, "-c", "from rung.cli.main import main; main()", "export", "--db", store_url,
                    "--format", "gold", "--out", str(out)], check=True, env=env, capture_output=True, text=True)
    return [json.loads(line) for line in (out / "gold.jsonl").read_text(encoding="utf-8").splitlines()]


def test_gold_export_writes_corrected_articles(fresh_store, store_url, analyzer, seed_record, tmp_path):
    fill(fresh_store, analyzer, seed_record)
    assert _export(store_url, tmp_path / "none") == []  # nothing corrected, nothing written
    unique = _unique_events(seed_record)
    fixed = next(e for e in unique if e.modality.value != "occurred")
    dropped = next(e for e in unique if e.id != fixed.id and (e.sentence, e.plover) != (fixed.sentence, fixed.plover))
    correct(fresh_store, "event", fixed.id, "modality", "occurred", "alice", note="実施済み", kb=analyzer.kb)
    correct(fresh_store, "event", dropped.id, "wrong", True, "bob", kb=analyzer.kb)
    [case] = _export(store_url, tmp_path / "gold")
    assert case["id"] == seed_record.article.id and case["lang"] == "ja" and case["text"] == seed_record.article.body
    assert "alice" in case["excerpt_note"] and "bob" in case["excerpt_note"]
    events = case["gold"]["events"]
    assert len(events) == len(seed_record.events) - 1
    [mine] = [e for e in events if e["sentence"] == fixed.sentence and e["plover"] == fixed.plover.value
              and e["note"].startswith("modality corrected by alice")]
    assert mine["modality"] == "occurred"
    names = {a.id: a.name for a in analyzer.kb}
    dropped_source = names.get(dropped.source, dropped.source) if dropped.source else None
    assert not any(e["sentence"] == dropped.sentence and e["plover"] == dropped.plover.value
                   and e["source"] == dropped_source for e in events)
    assert "Russia" in case["gold"]["actors"]
    assert all(c["attributed_to"] for c in case["gold"]["claims"])
    if SCORER is None:
        pytest.skip("the shared scorer (../shared/tools/score.py) is not beside the repository")
    # the shared scorer reads it, and rung's uncorrected output now misses the analysts' fix
    wrapper = tmp_path / "rung"
    wrapper.write_text(f"#!/bin/sh\nPYTHONPATH={REPO / 'src'} exec {sys.executable} -c "
                       f"'from rung.cli.main import main; main()' \"$@\"\n")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    result = subprocess.run([sys.executable, str(SCORER), str(wrapper), str(tmp_path / "gold" / "gold.jsonl"),
                             "--json"], check=False, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("{")))["ja"]
    assert figures["counts"]["events"][2] == len(events)
    assert figures["modality_acc"] < 1.0 and figures["event_p"] < 1.0
