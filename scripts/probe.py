"""Bad-input, fault and misuse probes (issue 13), run the way a user runs rung.

Each probe runs one `rung` command in a scratch directory and checks its exit status, its stderr (one
clean line, no traceback, the file and problem named) and, where it matters, what it left behind.
Prints one line per failure and `probes: N passed, M failed`; exit status 1 if any failed.

    python scripts/probe.py            (or: bash scripts/probe.sh)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNG = shutil.which("rung", path=str(Path(sys.executable).parent)) or "rung"
SCENARIO = REPO / "examples" / "scenarios" / "seed-russia-response.yaml"
EN = "Russia warned Britain on Tuesday that it would respond to the expulsion of its diplomats.\n"


@dataclass
class Probe:
    name: str
    args: list[str]
    status: int | set[int] = 0
    stderr: str | None = None  # a regular expression stderr must match
    setup: Callable[[Path], None] | None = None
    check: Callable[[Path, subprocess.CompletedProcess], str | None] | None = None  # a failure message or None
    one_line: bool = True  # a failing command writes one line to stderr
    env: dict[str, str] = field(default_factory=dict)


def write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        path = d / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return setup


def both(*setups: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        for s in setups:
            s(d)
    return setup


def store(d: Path) -> None:
    write("a.txt", EN)(d)
    subprocess.run([RUNG, "ingest", str(d / "a.txt"), "--db", str(d / "s.sqlite")], check=True, capture_output=True)


def absent(name: str) -> Callable[[Path, subprocess.CompletedProcess], str | None]:
    return lambda d, _r: f"{name} was created" if (d / name).exists() else None


def fifo(d: Path) -> None:
    os.mkfifo(d / "pipe.txt")


def newer_schema(d: Path) -> None:
    import sqlite3

    store(d)
    with sqlite3.connect(d / "s.sqlite") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")


def kill_first_run(d: Path) -> None:
    """A first ingest killed (SIGKILL) at a random point; the store must be usable after."""
    write("a.txt", EN)(d)
    proc = subprocess.Popen([RUNG, "ingest", str(d / "a.txt"), "--db", str(d / "k.sqlite")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


PROBES = [
    # -- the store ---------------------------------------------------------------------------------------
    *(Probe(f"{' '.join(cmd[:2])} on a missing store", [*cmd, "--db", "TYPO.sqlite"], 1, r"TYPO\.sqlite: no such database",
            check=absent("TYPO.sqlite"))
      for cmd in (["ladder", "--alert", "8"], ["ladder"], ["events"], ["show", "m-1"], ["actors"],
                  ["export", "--out", "x"], ["merge"], ["plot", "timeline", "--out", "t.png"],
                  ["scenario", "score", str(SCENARIO)])),
    Probe("ladder on an empty file", ["ladder", "--db", "e.sqlite"], 1, "not a rung store", write("e.sqlite", b"")),
    Probe("ladder on a corrupt file", ["ladder", "--db", "c.sqlite"], 1, "c.sqlite: file is not a database",
          write("c.sqlite", b"garbage" * 500)),
    Probe("store written by a newer rung", ["actors", "--db", "s.sqlite"], 1,
          r"newer rung \(schema 0099\); upgrade rung", newer_schema),
    Probe("store is a directory", ["ingest", "a.txt", "--db", "."], 1, "is a directory", write("a.txt", EN)),
    Probe("ingest into a missing directory", ["ingest", "a.txt", "--db", "no/where.sqlite"], 1,
          "does not exist", write("a.txt", EN)),
    Probe("store after a killed first run", ["ingest", "a.txt", "--db", "k.sqlite"], 0, setup=kill_first_run,
          one_line=False),
    Probe("export into a file", ["export", "--db", "s.sqlite", "--out", "a.txt"], 1, "not a directory", store),
    Probe("export unknown format", ["export", "--db", "s.sqlite", "--format", "xml", "--out", "o"], 1,
          "unknown export format", store),
    # -- input -------------------------------------------------------------------------------------------
    Probe("empty file", ["analyze", "e.txt"], 2, "e.txt: empty file", write("e.txt", b"")),
    Probe("binary file", ["analyze", "b.txt"], 2, "b.txt: binary file", write("b.txt", bytes(range(256)) * 4)),
    Probe("FIFO", ["analyze", "pipe.txt"], 2, "pipe.txt: a FIFO, not a regular file", fifo),
    Probe("/dev/zero", ["analyze", "/dev/zero"], 2, "/dev/zero: a device"),
    Probe("article over the size cap", ["analyze", "big.txt"], 2, "larger than the 1,000-byte article limit",
          write("big.txt", EN * 20), env={"RUNG_CONFIG": "cap.yaml"}),
    Probe("ISO-2022-JP", ["analyze", "--json", "j.txt"], 0, None,
          write("j.txt", "ロシアは英国の外交官を追放した。".encode("iso2022_jp")),
          check=lambda d, r: None if "ロシア" in r.stdout else "ISO-2022-JP not decoded", one_line=False),
    Probe("UTF-16 without BOM", ["analyze", "--json", "u.txt"], 0, None, write("u.txt", EN.encode("utf-16-le")),
          check=lambda d, r: None if '"lang": "en"' in r.stdout else "UTF-16 not decoded", one_line=False),
    Probe("unsure encoding", ["analyze", "g.txt"], 2, "text encoding unclear", write("g.txt", bytes.fromhex(
        "838d8356834182cc8392815b8360839391e5939d97cc82cd8251825093fa818590568c5e82cc92868b9797a392"
        "6593b9837e83548343838b82f094ad8ecb82b582bd82c68f71c4d782bd8142"))),
    Probe("ingest with a bad file and a bad line", ["ingest", "corpus", "--db", "s.sqlite", "--errors", "err.txt"], 1,
          r"skipped: corpus/a\.jsonl:2: not valid JSON",
          both(write("corpus/a.jsonl", json.dumps({"text": EN}) + "\n{oops\n" + json.dumps({"text": EN + "!"}) + "\n"),
               write("corpus/b.txt", b"")),
          check=lambda d, r: None if "2 article(s) stored" in r.stderr and "b.txt: empty file" in
          (d / "err.txt").read_text() else "good articles not kept or not reported", one_line=False),
    Probe("U+2028 inside a JSON Lines record", ["analyze", "--json", "c.jsonl"], 0, None,
          write("c.jsonl", json.dumps({"text": "Russia warned\u2028Britain."}, ensure_ascii=False) + "\n"),
          check=lambda d, r: None if len(json.loads(r.stdout)) == 1 else "record split", one_line=False),
    # -- the CLI -----------------------------------------------------------------------------------------
    Probe("unknown option", ["analyze", "--bogus"], 2, "No such option", one_line=False),
    Probe("missing argument", ["ingest"], 2, "Missing argument", one_line=False),
    Probe("unknown command", ["frobnicate"], 2, "No such command", one_line=False),
    Probe("--version", ["--version"], 0, None),
    Probe("eval on a non-gold file", ["eval", str(REPO / "tests" / "gold" / "merge_pairs.jsonl")], 2,
          "not a gold file"),
    Probe("markup in article text", ["analyze", "m.txt"], 0, None,
          write("m.txt", "Russia warned Britain [/] on [bold]Tuesday \x1b[31mred\x1b[0m that it would respond.\n"),
          check=lambda d, r: None if "[/]" in r.stdout and "\x1b" not in r.stdout else "markup or ANSI leaked",
          one_line=False),
    Probe("bad --since", ["ladder", "--db", "s.sqlite", "--since", "2024-13-45"], 2, "expected a date", store),
    Probe("bad --dyad", ["ladder", "--db", "s.sqlite", "--dyad", "Russia>Atlantis"], 2, "no actor named", store),
    # -- scenarios ---------------------------------------------------------------------------------------
    Probe("recursive YAML", ["simulate", "r.yaml"], 2, "recursive YAML",
          write("r.yaml", "name: x\nstart: 2024-11-01\nhorizon: 2024-12-01\nevents: &a\n  e1:\n    given: *a\n")),
    Probe("deep YAML", ["simulate", "d.yaml"], 2, "nested too deeply", write("d.yaml", "name: " + "[" * 5000)),
    Probe("--samples 10^12", ["simulate", str(SCENARIO), "--method", "monte-carlo", "--samples", str(10**12)], 2,
          "more than the 10,000,000 allowed"),
    Probe("--samples 1e12", ["simulate", str(SCENARIO), "--samples", "1e12"], 2, "Invalid value", one_line=False),
]


def run(number: int, probe: Probe, scratch: Path) -> str | None:
    d = scratch / f"{number:03d}-{re.sub(r'[^A-Za-z0-9]+', '-', probe.name)[:40]}"
    d.mkdir()
    (d / "cap.yaml").write_text("max_article_bytes: 1000\n")
    if probe.setup:
        probe.setup(d)
    env = {**os.environ, "COLUMNS": "200", **probe.env}
    result = subprocess.run([RUNG, *probe.args], cwd=d, capture_output=True, text=True, timeout=600, env=env,
                            check=False)
    expected = probe.status if isinstance(probe.status, set) else {probe.status}
    if result.returncode not in expected:
        return f"exit status {result.returncode}, expected {sorted(expected)}: {result.stderr.strip()[:200]}"
    if "Traceback" in result.stderr or "error: unexpected" in result.stderr:
        return f"unexpected error: {result.stderr.strip()[-200:]}"
    if probe.stderr and not re.search(probe.stderr, result.stderr):
        return f"stderr {result.stderr.strip()[:200]!r} does not match {probe.stderr!r}"
    if probe.one_line and result.returncode and result.stderr.strip().count("\n"):
        return f"more than one line on stderr: {result.stderr.strip()[:200]!r}"
    if probe.check:
        return probe.check(d, result)
    return None


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="rung-probes."))
    failed = 0
    try:
        for number, probe in enumerate(PROBES):
            problem = run(number, probe, scratch)
            if problem:
                failed += 1
                print(f"FAIL {probe.name}: {problem}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"probes: {len(PROBES) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
