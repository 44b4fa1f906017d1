"""The CLI end to end on the bundled example, as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from ..conftest import SEED

RUNG = shutil.which("rung", path=str(Path(sys.executable).parent)) or "rung"


def _rung(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([RUNG, *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


def test_analyze_json_has_the_documented_shape(tmp_path: Path):
    [record] = json.loads(_rung("analyze", str(SEED), "--json", cwd=tmp_path).stdout)
    assert {"article", "sentences", "actors", "mentions", "events", "claims"} == set(record)
    assert record["article"]["title"] == "バイデンからのエスカレーション"
    assert {"id", "name", "type"} <= set(record["actors"][0])
    assert record["events"] and record["claims"]


def test_schema_describes_the_record(tmp_path: Path):
    schema = json.loads(_rung("schema", cwd=tmp_path).stdout)
    record = schema["$defs"]["DocumentRecord"]
    assert {"article", "actors", "mentions", "events", "claims"} <= set(record["properties"])


def test_ingest_twice_then_query_and_export(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "seed.txt")
    (corpus / "copy.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("cp932"))  # same text, other encoding
    db = str(tmp_path / "rung.sqlite")
    first = _rung("ingest", str(corpus), "--db", db, cwd=tmp_path)
    assert "1 article(s) stored, 1 already" in first.stderr
    second = _rung("ingest", str(corpus), "--db", db, cwd=tmp_path)
    assert "0 article(s) stored, 2 already" in second.stderr
    actors = json.loads(_rung("actors", "--db", db, "--json", cwd=tmp_path).stdout)
    by_id = {a["id"]: a for a in actors if a["id"]}
    assert by_id["Q159"]["articles"] == 1 and by_id["Q159"]["mentions"] >= 10
    _rung("export", "--db", db, "--format", "parquet", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert (tmp_path / "out" / "events.parquet").stat().st_size > 0
    _rung("export", "--db", db, "--format", "claimreview", "--out", str(tmp_path / "cr"), cwd=tmp_path)
    reviews = json.loads((tmp_path / "cr" / "claimreview.jsonld").read_text(encoding="utf-8"))
    assert reviews and all(r["@type"] == "ClaimReview" for r in reviews)
