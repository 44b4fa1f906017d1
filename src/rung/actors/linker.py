"""The linker: knowledge-base aliases first (one Aho-Corasick pass over the text), then roles resolved
by context (国防総省 in an American context -> US Department of Defense), then proper nouns the
knowledge base lacks, kept as unlinked mentions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import ahocorasick
import yaml

from rung.actors.kb import KnowledgeBase
from rung.model import ActorType, Mention, Sentence

# Which alias sets a document of each language is matched against. Japanese news writes Latin names
# (NATO, ATACMS, F-16) inline, so Japanese text also gets the English aliases.
ALIAS_LANGUAGES = {"ja": ("ja", "en"), "en": ("en",)}

_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]")
_WORDCHAR = re.compile(r"\w")
# One-kanji country abbreviations (米, 英, 仏, 露) count only inside compounds: next to another one
# (米英, 英仏) or before one of these heads.
SHORT_FORM_HEADS = ("政府", "当局", "側", "大統領", "首相", "外相", "国防", "軍", "紙", "製", "国務", "高官", "メディア")


@dataclass(frozen=True, slots=True)
class Role:
    """A title or institution whose actor depends on the country in context (国防総省, 外務省, 政権)."""

    name: str
    by_country: dict[str, str]
    suffix: bool  # True: attaches to the preceding person (バイデン政権); False: stands alone (国防総省)


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str  # 'alias', 'short' or 'role'
    target: str  # actor id, or role key
    latin: bool


def _roles_data() -> list[dict]:
    return yaml.safe_load((resources.files("rung.actors") / "data" / "roles.yaml").read_text(encoding="utf-8")) or []


def load_state_suffixes() -> tuple[str, ...]:
    """Suffixes that turn a state's name into one of its institutions (台湾 + 国防部), longest first."""
    suffixes = {s for entry in _roles_data() for s in entry.get("state_suffixes") or []}
    return tuple(sorted(suffixes, key=len, reverse=True))


def load_roles() -> dict[str, Role]:
    roles: dict[str, Role] = {}
    for entry in _roles_data():
        role = Role(name=entry["role"], by_country=dict(entry.get("by_country") or {}),
                    suffix=bool(entry.get("suffix", False)))
        for alias in entry["aliases"]:
            roles[alias] = role
    return roles


class Linker:
    def __init__(self, kb: KnowledgeBase, roles: dict[str, Role] | None = None,
                 state_suffixes: tuple[str, ...] | None = None) -> None:
        self.kb = kb
        self.roles = load_roles() if roles is None else roles
        self.state_suffixes = load_state_suffixes() if state_suffixes is None else state_suffixes
        self._automata: dict[str, ahocorasick.Automaton] = {}

    def _automaton(self, lang: str) -> ahocorasick.Automaton:
        if lang not in self._automata:
            automaton = ahocorasick.Automaton()
            for alias_lang in ALIAS_LANGUAGES.get(lang, ("en",)):
                for alias, actor_id in self.kb.aliases.get(alias_lang, {}).items():
                    if alias not in automaton:
                        automaton.add_word(alias, (alias, _Entry("alias", actor_id, alias.isascii())))
            if lang == "ja":
                for alias, actor_id in self.kb.aliases.get("ja_short", {}).items():
                    if alias not in automaton:
                        automaton.add_word(alias, (alias, _Entry("short", actor_id, False)))
                for alias in self.roles:
                    automaton.add_word(alias, (alias, _Entry("role", alias, alias.isascii())))
            automaton.make_automaton()
            self._automata[lang] = automaton
        return self._automata[lang]

    def link(self, text: str, sentences: Sequence[Sentence], lang: str) -> list[Mention]:
        """Mentions of knowledge-base actors and roles, longest match first, never overlapping."""
        starts = [s.start for s in sentences]
        candidates: list[tuple[int, int, str, _Entry]] = []
        for end_index, (alias, entry) in self._automaton(lang).iter(text):
            start, end = end_index - len(alias) + 1, end_index + 1
            if self._acceptable(text, start, end, entry):
                candidates.append((start, end, alias, entry))
        # longest match wins; among equals, the earlier one
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        covered = bytearray(len(text))  # characters already inside a chosen mention
        chosen: list[tuple[int, int, str, _Entry]] = []
        for cand in candidates:
            if not any(covered[cand[0]:cand[1]]):
                covered[cand[0]:cand[1]] = b"\x01" * (cand[1] - cand[0])
                chosen.append(cand)
        chosen.sort(key=lambda c: c[0])
        mentions: list[Mention] = []
        for start, end, alias, entry in chosen:
            sentence = max(0, bisect.bisect_right(starts, start) - 1)
            if entry.kind == "role":
                mentions.append(self._resolve_role(text, start, end, alias, sentence, mentions))
                continue
            actor = self.kb.get(entry.target)
            assert actor is not None
            rule = "alias" if entry.kind == "alias" else "short-form"
            mentions.append(Mention(sentence=sentence, start=start, end=end, text=text[start:end],
                                    actor_id=actor.id, label=actor.type.value, rule=rule))
        return self._widen_state_institutions(text, self._attach_suffix_roles(mentions))

    def _widen_state_institutions(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """台湾国防部 with no entry of its own: one mention of Taiwan acting through an institution."""
        out: list[Mention] = []
        # a role right after a state (アルジェリア + 国防省) with no country of its own to resolve is that
        # state's institution
        mentions = [m for i, m in enumerate(mentions)
                    if not (m.actor_id is None and m.label.startswith("role:") and i > 0
                            and mentions[i - 1].end == m.start and (prev := self.kb.get(mentions[i - 1].actor_id))
                            and prev.type is ActorType.state and m.text in self.state_suffixes)]
        for i, m in enumerate(mentions):
            actor = self.kb.get(m.actor_id)
            nxt = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
            if actor is not None and actor.type is ActorType.state:
                suffix = next((s for s in self.state_suffixes if text.startswith(s, m.end) and m.end + len(s) <= nxt), None)
                if suffix:
                    m = m.model_copy(update={"end": m.end + len(suffix), "text": m.text + suffix,
                                             "rule": f"{m.rule}+institution:{suffix}"})
            out.append(m)
        return out

    def _acceptable(self, text: str, start: int, end: int, entry: _Entry) -> bool:
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if entry.latin:
            return not (_WORDCHAR.match(before) and before.isascii()) and not (_WORDCHAR.match(after) and after.isascii())
        if entry.kind == "short":
            return text.startswith(SHORT_FORM_HEADS, end) or self._is_short_form(after) or self._is_short_form(before)
        # a katakana name does not end inside a longer katakana word (ロシア in ロシアン...)
        first, last = text[start], text[end - 1]
        if _KATAKANA.match(last) and after and _KATAKANA.match(after):
            return False
        return not (_KATAKANA.match(first) and before and _KATAKANA.match(before))

    def _is_short_form(self, char: str) -> bool:
        return bool(char) and char in self.kb.aliases.get("ja_short", {})

    def _context_country(self, mentions: list[Mention], sentence: int) -> str | None:
        """The country of the nearest earlier linked mention in this or the previous sentence."""
        for mention in reversed(mentions):
            if mention.sentence < sentence - 1:
                break
            if country := self.kb.country_of(mention.actor_id):
                return country
        return None

    def _resolve_role(self, text: str, start: int, end: int, alias: str, sentence: int,
                      mentions: list[Mention]) -> Mention:
        role = self.roles[alias]
        country = self._context_country(mentions, sentence)
        actor_id = role.by_country.get(country) if country else None
        actor = self.kb.get(actor_id)
        if actor is None:
            return Mention(sentence=sentence, start=start, end=end, text=text[start:end], actor_id=None,
                           label=f"role:{role.name}", rule=f"role:{alias}:no-context")
        return Mention(sentence=sentence, start=start, end=end, text=text[start:end], actor_id=actor.id,
                       label=actor.type.value, rule=f"role:{alias}@{country}")

    def _attach_suffix_roles(self, mentions: list[Mention]) -> list[Mention]:
        """バイデン政権: a person's mention followed directly by a suffix role becomes one mention of the
        role's actor for the person's country (the US government)."""
        merged: list[Mention] = []
        for mention in mentions:
            previous = merged[-1] if merged else None
            role = self.roles.get(mention.text)
            if (role and role.suffix and previous and previous.end == mention.start and previous.actor_id
                    and (person := self.kb.get(previous.actor_id)) and person.type is ActorType.person):
                country = self.kb.country_of(person.id)
                actor = self.kb.get(role.by_country.get(country or ""))
                if actor is not None:
                    merged[-1] = Mention(sentence=previous.sentence, start=previous.start, end=mention.end,
                                         text=previous.text + mention.text, actor_id=actor.id,
                                         label=actor.type.value, rule=f"role:{mention.text}+{person.id}")
                    continue
            if role and role.suffix and mention.actor_id is None:
                continue  # a bare 政権 with no person before it names nobody
            merged.append(mention)
        return merged


def unlinked_mentions(proposals: Sequence[tuple[int, int, str]], linked: Sequence[Mention], text: str,
                      sentences: Sequence[Sentence]) -> list[Mention]:
    """Proper-noun spans that overlap no linked mention, kept with their text and label."""
    starts = [s.start for s in sentences]
    covered = bytearray(len(text))
    for m in linked:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    out: list[Mention] = []
    for start, end, label in proposals:
        if any(covered[start:end]):
            continue
        surface = text[start:end]
        if len(surface.strip()) < 2 or surface.isdigit():
            continue
        sentence = max(0, bisect.bisect_right(starts, start) - 1)
        out.append(Mention(sentence=sentence, start=start, end=end, text=surface, actor_id=None, label=label,
                           rule=f"proper-noun:{label}"))
        covered[start:end] = b"\x01" * (end - start)
    return out
