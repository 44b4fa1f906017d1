"""Fixtures for scenario tests: a small stand-in actor knowledge base and a file writer."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "scenarios" / "seed-russia-response.yaml"
OUTCOMES = REPO / "examples" / "scenarios" / "seed-outcomes.yaml"


class StubKB:
    """The interface of rung.actors.KnowledgeBase that scenarios use: resolve() and country_of()."""

    ACTORS: ClassVar[dict[str, tuple[str, str, str | None]]] = {
        "ukraine": ("Q212", "state", None), "russia": ("Q159", "state", None), "france": ("Q142", "state", None),
        "united kingdom": ("Q145", "state", None), "united states": ("Q30", "state", None),
        "nato": ("Q7184", "alliance", None), "hungary": ("Q28", "state", None), "slovakia": ("Q214", "state", None),
        "vladimir putin": ("Q7747", "person", "Q159"), "q7747": ("Q7747", "person", "Q159"),
    }

    def resolve(self, name_or_id: str):
        key = name_or_id.strip().lower()
        for name, (qid, kind, country) in self.ACTORS.items():
            if key in (name, qid.lower()):
                return SimpleNamespace(id=qid, name=name, type=kind, country=country)
        return None

    def country_of(self, actor_id: str | None) -> str | None:
        for qid, kind, country in self.ACTORS.values():
            if qid == actor_id:
                return qid if kind == "state" else country
        return None


@pytest.fixture(scope="session")
def kb() -> StubKB:
    return StubKB()


@pytest.fixture
def write(tmp_path: Path):
    """write(text, name='s.yaml') -> path of a dedented scenario file."""

    def _write(text: str, name: str = "s.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write
