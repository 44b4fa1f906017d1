"""Issue 13, the CLI a new user meets: usage errors, --version, article text on a terminal, eval defaults."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..conftest import REPO

RUNG = shutil.which("rung", path=str(Path(sys.executable).parent)) or "rung"


def _run(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "400"}  # wide enough that no table cell wraps
    return subprocess.run([RUNG, *args], check=False, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env=env)


USAGE_ERRORS = [
    (["analyze", "--bogus", "x.txt"], "No such option: --bogus"),
    (["ingest"], "Missing argument"),
    (["ladder", "--alert"], "requires an argument"),
    (["nosuchcommand"], "No such command"),
    (["events", "--min-reports", "many"], "Invalid value for '--min-reports'"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_exit_2_with_the_usage_message(tmp_path: Path, args: list[str], message: str):
    result = _run(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "error: unexpected" not in result.stderr and "Traceback" not in result.stderr


def test_version():
    from importlib.metadata import version

    result = _run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"rung {version('rung')}"


# -- article text printed to a terminal ----------------------------------------------------------------
HOSTILE = {"title": "Report [/] [bold]loud[link=http://example.com] \x1b[31mred\x1b[0m\x07",
           "text": "Russia warned Britain [/] on [bold]Tuesday \x1b[31mred\x1b[0m\x07."}


def test_markup_and_ansi_in_article_text_are_printed_as_text(tmp_path: Path):
    import json

    article = tmp_path / "hostile.jsonl"
    article.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    result = _run("analyze", str(article), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Report [/] [bold]loud[link=http://example.com]" in result.stdout  # brackets kept, not markup
    assert "Russia warned Britain [/] on [bold]Tuesday" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout  # no control code reaches the terminal
    assert "\\x1b[31mred" in result.stdout  # shown as visible text instead


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=60))
def test_safe_text_never_breaks_a_rich_console(text: str):
    """Any text: no markup error, no control character out, and every bracket printed as written."""
    import io

    from rich.console import Console
    from rich.table import Table

    from rung.cli.text import plain, safe

    def console(buffer: io.StringIO) -> Console:
        return Console(file=buffer, force_terminal=True, width=200, color_system=None, highlight=False)

    marked, literal = io.StringIO(), io.StringIO()
    table = Table()
    table.add_column("text")
    table.add_row(safe(text))
    console(marked).print(table)
    console(marked).print(safe(text), soft_wrap=True)
    assert not any(ch in marked.getvalue() for ch in "\x00\x07\x08\x1b\x9b")
    table = Table()
    table.add_column("text")
    table.add_row(plain(text))
    console(literal).print(table, markup=False)
    console(literal).print(plain(text), soft_wrap=True, markup=False)
    assert marked.getvalue() == literal.getvalue()


# -- any arguments: an answer or a clean error, never a traceback ------------------------------------
ARG = st.one_of(
    st.sampled_from(["analyze", "ingest", "ladder", "events", "show", "actors", "export", "eval", "schema", "merge",
                     "scenario", "score", "draft", "plot", "simulate", "--db", "--json", "--csv", "--alert", "--since",
                     "--until", "--dyad", "--format", "--out", "--samples", "--help", "-v", "--debug", "missing.sqlite",
                     "x.txt", "-1", "1e12", "2024-13-45", "Russia>Nowhere", "[/]", ""]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"), max_size=8),
)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ARG, min_size=1, max_size=4))
def test_any_arguments_give_an_answer_or_a_clean_error(tmp_path: Path, args: list[str]):
    if "--debug" in args or any(a in {"analyze", "eval", "merge", "draft"} for a in args):
        args = [a for a in args if a not in {"--debug", "analyze", "eval", "merge", "draft"}] or ["--help"]
    result = _run(*args, cwd=tmp_path, timeout=120)
    assert "Traceback" not in result.stderr, (args, result.stderr)
    assert "error: unexpected" not in result.stderr, (args, result.stderr)
    assert not (tmp_path / "missing.sqlite").exists() or "ingest" in args


def test_eval_without_arguments_uses_only_gold_files():
    from rung.cli.core import _is_gold

    gold = REPO / "tests" / "gold"
    chosen = {p.name for p in gold.glob("*.jsonl") if _is_gold(p)}
    assert "merge_pairs.jsonl" not in chosen and {"ja_seed.jsonl", "en.jsonl"} <= chosen
    result = _run("eval", str(gold / "merge_pairs.jsonl"))
    assert result.returncode == 2 and "merge_pairs.jsonl: not a gold file" in result.stderr


def test_the_main_job_needs_no_extras():
    """HTML input needs lxml_html_clean (trafilatura does not declare it): a main dependency, pinned."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    main = {d.split("==")[0].lower().replace("-", "_"): d for d in project["dependencies"]}
    assert "lxml_html_clean" in main
    everything = [*project["dependencies"], *(d for ds in project["optional-dependencies"].values() for d in ds)]
    assert all("==" in d for d in everything), [d for d in everything if "==" not in d]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip" install -q .\n' in ci and "analyze examples/escalation-2024-11-25.ja.txt" in ci


def test_the_progress_bar_counts_articles(tmp_path: Path):
    import json

    from rung.cli.core import _article_total

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"text": f"article {i}"}) + "\n" for i in range(5)) + "\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("one article", encoding="utf-8")
    assert _article_total([corpus, text]) == 6
