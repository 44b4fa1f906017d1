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
