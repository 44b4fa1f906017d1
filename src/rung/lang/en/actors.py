"""English actor context on top of the knowledge-base linker: demonyms ('Iranian territory', 'Pakistani
jets'), capitals the knowledge base lacks ('Pyongyang', 'Tehran'), and capitals standing for governments when
they act or speak ('Kyiv said' -> Ukraine's government). Rules and names live in roles.yaml.

The linker's mentions are kept as they are; these are added for the English extractors only, with rule ids
`demonym:<word>` and `metonymy:<name>`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from rung.actors.kb import KnowledgeBase
from rung.lang.en.lexicon import load_lexicon
from rung.model import ActorType, Mention, Sentence
from rung.nlp.batching import mentions_by_token


@lru_cache(maxsize=1)
def _names_pattern() -> re.Pattern[str]:
    roles = load_lexicon().roles
    names = sorted({*roles["demonyms"], *roles["metonymy"]}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def mentions_context_words(text: str) -> bool:
    """True when `text` holds a demonym or a capital from roles.yaml (the sentence may hold an event)."""
    return _names_pattern().search(text) is not None


class EnglishActors:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        roles = load_lexicon().roles
        self.demonyms: dict[str, str] = dict(roles["demonyms"])
        self.metonymy: dict[str, str] = dict(roles["metonymy"])
        self.military_heads = set(roles["military_heads"])
        self.non_state_heads = set(roles["non_state_heads"])
        self.ship_prefixes: dict[str, str] = dict(roles["ship_prefixes"])
        self._military_of: dict[str, str] = {}
        for actor in kb:  # the first military actor of a state in the file is its regular armed forces
            if actor.type is ActorType.military and actor.country:
                self._military_of.setdefault(actor.country, actor.id)

    def mentions(self, sentence: Sentence, doc: Any, linked: Sequence[Mention]) -> list[Mention]:
        """The linker's mentions in this sentence plus English demonym and capital mentions."""
        own = [self._ship_owner(m) for m in linked if m.sentence == sentence.index and m.actor_id]
        taken = [(m.start, m.end) for m in own]
        extra: list[Mention] = []
        for match in _names_pattern().finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(start < e and s < end for s, e in taken):
                continue
            name = match.group(0)
            actor_id, rule = self._resolve(name, doc, match.start(), match.end())
            if actor_id is None or self.kb.get(actor_id) is None:
                continue
            actor = self.kb.get(actor_id)
            assert actor is not None
            extra.append(Mention(sentence=sentence.index, start=start, end=end, text=name, actor_id=actor_id,
                                 label=actor.type.value, rule=rule))
            taken.append((start, end))
        return sorted([*own, *extra], key=lambda m: m.start)

    def _ship_owner(self, mention: Mention) -> Mention:
        """'HMS Diamond', 'USS Carney': a named ship is no actor (guide), the state whose prefix it bears acts."""
        prefix = mention.text.split(maxsplit=1)[0] if mention.text else ""
        state = self.ship_prefixes.get(prefix)
        if state is None or self.kb.get(state) is None or len(mention.text.split()) < 2:
            return mention
        return mention.model_copy(update={"actor_id": state, "rule": f"ship:{prefix}"})

    def _resolve(self, name: str, doc: Any, start: int, end: int) -> tuple[str | None, str]:
        if name in self.metonymy:
            return self.metonymy[name], f"metonymy:{name}"
        state = self.demonyms[name]
        token = next((t for t in doc if t.idx <= start < t.idx + len(t.text)), None)
        if token is not None and token.pos_ in {"ADJ", "PROPN", "NOUN"}:
            head = token.head
            while head.dep_ == "compound" and head.head.i != head.i:
                head = head.head
            if head.text.lower() in self.non_state_heads:
                return None, f"demonym:{name}+{head.text.lower()}:non-state"
            if head.text.lower() in self.military_heads and state in self._military_of:
                return self._military_of[state], f"demonym:{name}+{head.text.lower()}"
        return state, f"demonym:{name}"

    def as_source(self, actor_id: str) -> str | None:
        """The actor when it can act or speak; a capital stands for its government; other places cannot."""
        actor = self.kb.get(actor_id)
        if actor is None:
            return None
        if actor.type is ActorType.place:
            for alias in actor.aliases.get("en", []):
                if alias in self.metonymy:
                    return self.metonymy[alias]
            return None
        if actor.type is ActorType.weapon:
            return None
        return actor_id


def token_actors(doc: Any, sentence: Sentence, mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Token index -> the mention covering it (only linked mentions of this sentence)."""
    return mentions_by_token(doc, sentence.start, (m for m in mentions if m.sentence == sentence.index))
