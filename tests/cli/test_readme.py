"""Every command the CLI registers is documented in README (house style)."""

from __future__ import annotations

import typer.main

from rung.cli.main import app

from ..conftest import REPO


def _command_paths() -> list[str]:
    group = typer.main.get_group(app)
    paths = []
    for name, command in group.commands.items():
        sub = getattr(command, "commands", None)
        if sub:
            paths.extend(f"rung {name} {child}" for child in sub)
        else:
            paths.append(f"rung {name}")
    return paths


def test_every_command_is_in_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [path for path in _command_paths() if path not in readme]
    assert not missing, f"commands missing from README: {missing}"


def test_every_command_has_an_example_in_its_help():
    group = typer.main.get_group(app)
    for name, command in group.commands.items():
        commands = getattr(command, "commands", None) or {name: command}
        for child_name, child in commands.items():
            assert "rung" in (child.help or ""), f"{name} {child_name} has no example in its help"


def _blocks(language: str) -> list[str]:
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", readme, flags=re.DOTALL)


def test_the_record_in_readme_is_valid_json_with_every_field():
    import json

    from rung.model import DocumentRecord

    [block] = _blocks("json")
    record = json.loads(block)
    assert set(record) == set(DocumentRecord.model_fields)
    DocumentRecord.model_validate(record)  # field names and types as `rung analyze --json` prints them


def test_the_python_example_in_readme_runs(tmp_path, monkeypatch):
    import json

    [block] = _blocks("python")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": "Russia warned Britain on Tuesday."}) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - the README's own example
    assert namespace["record"].events and len(namespace["records"]) == 1
