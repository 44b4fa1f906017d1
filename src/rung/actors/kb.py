"""The actor knowledge base: Wikidata-linked actors with multilingual aliases, shipped as YAML data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from rung.errors import InputError
from rung.model import Actor, ActorType

BUNDLED_FILES = ("actors.yaml",)


@dataclass(slots=True)
class KnowledgeBase:
    actors: dict[str, Actor] = field(default_factory=dict)
    # language -> alias -> actor id; 'ja_short' holds one-kanji abbreviations usable only in compounds
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    _by_lower: dict[str, str] = field(default_factory=dict)

    def add(self, actor: Actor, short_aliases: Iterable[str] = ()) -> None:
        self.actors[actor.id] = actor
        for lang, names in actor.aliases.items():
            table = self.aliases.setdefault(lang, {})
            for name in names:
                table.setdefault(name, actor.id)
        for name in short_aliases:
            self.aliases.setdefault("ja_short", {}).setdefault(name, actor.id)
        for name in (actor.name, actor.id, *(n for names in actor.aliases.values() for n in names)):
            self._by_lower.setdefault(name.casefold(), actor.id)

    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None

    def resolve(self, name_or_id: str) -> Actor | None:
        """An actor by id, English name or any alias, case-insensitively."""
        actor_id = self._by_lower.get(name_or_id.strip().casefold())
        return self.actors.get(actor_id) if actor_id else None

    def country_of(self, actor_id: str | None) -> str | None:
        """The state an actor belongs to: itself for a state, its `country` otherwise."""
        actor = self.get(actor_id)
        if actor is None:
            return None
        if actor.type is ActorType.state:
            return actor.id
        return actor.country

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())


def _read_entries(text: str, origin: str) -> list[dict]:
    try:
        entries = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InputError(f"{origin}: not valid YAML ({error.__class__.__name__})") from error
    if not isinstance(entries, list):
        raise InputError(f"{origin}: expected a list of actors")
    return entries


def _actor_from_entry(entry: dict, origin: str) -> tuple[Actor, list[str]]:
    try:
        data = {k: v for k, v in entry.items() if k not in {"verified", "note"}}
        aliases = dict(data.pop("aliases", None) or {})
        short = aliases.pop("ja_short", None) or []
        actor = Actor(aliases={lang: [str(a) for a in names] for lang, names in aliases.items()}, **data)
    except Exception as error:  # pydantic's message names the field; keep it on one line
        ident = entry.get("id", "?") if isinstance(entry, dict) else "?"
        raise InputError(f"{origin}: actor {ident}: {str(error).splitlines()[0]}") from error
    return actor, [str(s) for s in short]


def load_knowledge_base(extra_files: Iterable[Path] = ()) -> KnowledgeBase:
    """The bundled knowledge base, overlaid by user files in the same YAML format."""
    kb = KnowledgeBase()
    data_dir = resources.files("rung.actors") / "data"
    sources: list[tuple[str, str]] = [
        (f"rung/actors/data/{name}", (data_dir / name).read_text(encoding="utf-8")) for name in BUNDLED_FILES
    ]
    for path in extra_files:
        try:
            sources.append((str(path), Path(path).read_text(encoding="utf-8")))
        except OSError as error:
            raise InputError(f"{path}: cannot read knowledge-base file ({error.strerror})") from error
    for origin, text in sources:
        for entry in _read_entries(text, origin):
            actor, short = _actor_from_entry(entry, origin)
            kb.add(actor, short)
    return kb
