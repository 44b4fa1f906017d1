"""Settings: defaults shipped in `rung/data/defaults.yaml`, overlaid by a user file and environment.

One Settings object is built by the CLI (or the caller) and passed explicitly; nothing reads
configuration from module globals.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from rung.errors import InputError


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    models: dict[str, str] = Field(default_factory=dict, description="language code -> spaCy model name")
    ner: dict[str, str] = Field(default_factory=dict, description="language code -> where unknown proper nouns come from")
    knowledge_base_files: tuple[Path, ...] = Field(default=(), description="extra actor YAML files")
    db: str | None = None
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0,
                                  description="events and claims below this confidence are left out of records")
    max_article_bytes: int = Field(default=5_000_000, gt=0,
                                   description="largest article read (a file, or one JSON Lines record), in bytes")

    def model_for(self, lang: str | None) -> str | None:
        return self.models.get(lang or "")

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        data = yaml.safe_load((resources.files("rung") / "data" / "defaults.yaml").read_text(encoding="utf-8")) or {}
        user = path or (Path(p) if (p := os.environ.get("RUNG_CONFIG")) else None)
        if user is not None:
            try:
                overlay = yaml.safe_load(Path(user).read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as error:
                raise InputError(f"{user}: cannot read settings ({error.__class__.__name__})") from error
            for key, value in overlay.items():
                if isinstance(value, dict) and isinstance(data.get(key), dict):
                    data[key] = {**data[key], **value}
                else:
                    data[key] = value
        for lang in list(data.get("models", {})):
            if env := os.environ.get(f"RUNG_MODEL_{lang.upper()}"):
                data["models"][lang] = env
        if env_db := os.environ.get("RUNG_DB"):
            data["db"] = env_db
        try:
            return cls(**data)
        except Exception as error:
            raise InputError(f"{user or 'defaults.yaml'}: invalid settings: {str(error).splitlines()[0]}") from error
