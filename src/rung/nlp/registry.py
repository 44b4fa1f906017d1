"""The language registry: a language is a folder under `rung/lang/`, listed once here.

Each language module provides a class implementing `LanguageSupport`. Supports are created lazily and
kept per process, so a heavy model (GiNZA: ~1 s and ~500 MB) loads once however many articles run.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any, Protocol

from rung.errors import InputError
from rung.model import Sentence

# language code -> "module:Class". The one place a new language is registered.
LANGUAGES: dict[str, str] = {
    "ja": "rung.lang.ja.pipeline:JapaneseSupport",
    "en": "rung.lang.en.pipeline:EnglishSupport",
}


class LanguageSupport(Protocol):
    code: str

    def split_sentences(self, text: str) -> list[Sentence]: ...

    def tokenize(self, texts: Iterable[str]) -> Iterator[Any]:
        """Tokens for every sentence, with what `proper_nouns` reads (Sudachi's tags in Japanese; the English
        model's NER, which does not need the parse, run here in batches)."""
        ...

    def parse(self, docs: Iterable[Any]) -> Iterator[Any]:
        """Dependency-parse already tokenised docs (only the sentences that can hold an event)."""
        ...

    def clause_adapter(self, kb: Any) -> Any:
        """The parse adapter: `candidate_sentences`, `turn` and `clauses(sentence, doc, mentions, discourse, first)`
        turn this language's parses into rung.clauses records."""
        ...

    def predicate_tables(self) -> tuple[dict, dict]:
        """(predicates by lemma, refinements by (predicate, object)): the language's predicate lexicon."""
        ...

    def resolve_date(self, text: str, article_date: Any) -> tuple[Any, Any, Any]:
        """(date, qualifier, rule) for the first date expression in `text`."""
        ...

    def claim_cues(self) -> Any:
        """rung.claims.build.ClaimCues: the language's hedge, refusal and stance words."""
        ...

    def proper_nouns(self, doc: Any) -> list[tuple[int, int, str]]:
        """(start, end, label) character spans of proper-noun runs in a tokenised doc."""
        ...


def supported_languages() -> list[str]:
    return sorted(LANGUAGES)


@cache
def _load(code: str, model: str | None, ner: str | None) -> LanguageSupport:
    module_name, _, class_name = LANGUAGES[code].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    options = {key: value for key, value in (("model", model), ("ner", ner)) if value}
    return cls(**options)


def get_language(code: str | None, origin: str = "<text>", model: str | None = None,
                 ner: str | None = None) -> LanguageSupport:
    if code not in LANGUAGES:
        shown = code or "unknown"
        raise InputError(f"{origin}: unsupported language ({shown}); rung reads {', '.join(supported_languages())}")
    return _load(code, model, ner)
