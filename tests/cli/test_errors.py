"""Bad input: one line on stderr naming the file and the problem, a non-zero exit, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RUNG = shutil.which("rung", path=str(Path(sys.executable).parent)) or "rung"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([RUNG, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", bytes(range(256)) * 8, "binary file"),
    ("garbled.txt", bytes([0x81, 0xff, 0xfe, 0x80, 0xa0, 0xfd]) * 50, "unknown text encoding"),
    ("chinese.txt", "中华人民共和国外交部发言人表示反对。".encode(), "unsupported language"),
]


@pytest.mark.parametrize(("name", "data", "problem"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_bad_file(tmp_path: Path, name: str, data: bytes, problem: str, command: str):
    path = _write(tmp_path, name, data)
    args = [command, str(path)] + (["--db", str(tmp_path / "x.sqlite")] if command == "ingest" else [])
    result = _run(*args, cwd=tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    if command == "ingest":  # ingest skips the file, names it, says what it kept, and exits 1 at the end
        assert result.returncode == 1
        assert len(lines) == 2 and lines[0].startswith("skipped: ") and "1 skipped" in lines[1], result.stderr
    else:
        assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and problem in lines[0]
    assert "Traceback" not in result.stderr


def test_unreadable_path(tmp_path: Path):
    result = _run("analyze", str(tmp_path / "missing.txt"), cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and "missing.txt: no such file" in result.stderr


def test_corrupt_database(tmp_path: Path):
    db = _write(tmp_path, "corrupt.sqlite", b"not a database at all " * 200)
    result = _run("actors", "--db", str(db), cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and "corrupt.sqlite" in result.stderr and "not a database" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path):
    path = _write(tmp_path, "empty.txt", b"")
    result = _run("--debug", "analyze", str(path), cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" in result.stderr
