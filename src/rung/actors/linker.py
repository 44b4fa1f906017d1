"""The linker: knowledge-base aliases first (one Aho-Corasick pass over the text), then institutions by
composition (a state + 国防省, "the Chinese Coast Guard"), roles resolved by context (国防総省 in an American
context -> US Department of Defense), titled people no list knows (minted per article), then proper nouns
the knowledge base lacks, kept as unlinked mentions.

Every mention's `rule` names what linked it: `alias`, `short-form`, `demonym:<word>`, `metonymy:<name>`,
`institution:<kind>`, `state+<head>`, `role:...`, `person:title:<title>`, `person:ner`, `person:surname`,
`anaphor:<word>`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

import ahocorasick
import yaml

from rung.actors import people
from rung.actors.designators import designated_weapons
from rung.actors.kb import KnowledgeBase
from rung.model import Actor, ActorType, Mention, Sentence

# Which alias sets a document of each language is matched against. Japanese news writes Latin names
# (NATO, ATACMS, F-16) inline, so Japanese text also gets the English aliases.
ALIAS_LANGUAGES = {"ja": ("ja", "en"), "en": ("en",)}
# alias kinds beyond plain aliases, by document language: kind -> (alias table, rule prefix)
EXTRA_KINDS = {"ja": (("ja_capital", "metonymy"),), "en": (("en_demonym", "demonym"), ("en_capital", "metonymy"))}

# ids of the places that places.json adds (cities, seas, straits); their mentions carry the rule 'place'
GAZETTEER_PREFIX = "rung:place:"
MISSION_TITLES = {"embassy": "Embassy", "consulate-general": "Consulate-General"}
JAPAN = "Q17"  # a mission written 在X大使館 with no state is Japan's own (Japanese usage)
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]")
_KANJI = re.compile(r"[\u4e00-\u9fff\u3005]")
_WORDCHAR = re.compile(r"\w")
_SHIP_PREFIX = re.compile(r"\b(?:USS|HMS|USNS|HMCS|HMAS|INS|JS|ROKS|FS)\s$")
# One-kanji country abbreviations (米, 英, 仏, 露) count only inside compounds: next to another one
# (米英, 英仏) or before one of these heads, or after one of the prefixes (対露, 訪米, 駐日).
SHORT_FORM_HEADS = ("政府", "当局", "側", "大統領", "首相", "外相", "国防", "軍", "紙", "製", "国務", "高官", "メディア",
                    "首脳", "両国", "関係", "会談", "同盟", "外務", "防衛", "海軍", "空軍", "陸軍", "艦", "大使", "国籍",
                    "連合", "合同", "共同", "協議", "主導", "代表", "議会", "財務", "系", "企業", "当局者", "領", "外交",
                    "海警", "沿岸", "国営", "通信", "報道", "政権", "首席", "情報", "安保", "安全保障", "国連",
                    "両")  # 米英両軍, 日米両政府, 日韓両首脳: 'both' before the head
SHORT_FORM_PREFIXES = ("対", "訪", "駐", "在", "親", "反", "来", "離", "脱", "知", "嫌", "滞", "非")


@dataclass(frozen=True, slots=True)
class Role:
    """A title or institution whose actor depends on the country in context (国防総省, 外務省, 政権)."""

    name: str
    by_country: dict[str, str]
    suffix: bool  # True: attaches to the preceding person (バイデン政権); False: stands alone (国防総省)
    default: str | None = None  # the actor when the context gives no listed country (bare 外務省: Japan's)


@dataclass(frozen=True, slots=True)
class Institution:
    """A kind of state institution (institutions.yaml): named by composing a state with a head."""

    key: str
    type: ActorType
    name: str
    ja: tuple[str, ...]
    en: tuple[str, ...]
    known: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    as_state: bool = False


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str  # 'alias', 'short', 'role', 'demonym', 'metonymy', 'institution'
    target: str  # actor id, or role key
    latin: bool


@dataclass(slots=True)
class LinkResult:
    """What linking one article gives: its mentions and the knowledge base they resolve in (the bundled
    actors plus the ones minted for this article)."""

    mentions: list[Mention]
    kb: KnowledgeBase
    minted: dict[str, Actor] = field(default_factory=dict)


def _data(name: str):
    return yaml.safe_load((resources.files("rung.actors") / "data" / name).read_text(encoding="utf-8")) or []


def _roles_data() -> list[dict]:
    return _data("roles.yaml")


def load_state_suffixes() -> tuple[str, ...]:
    """Suffixes that turn a state's name into one of its institutions (台湾 + 国防部), longest first."""
    suffixes = {s for entry in _roles_data() for s in entry.get("state_suffixes") or []}
    return tuple(sorted(suffixes, key=len, reverse=True))


def load_roles() -> dict[str, Role]:
    roles: dict[str, Role] = {}
    for entry in _roles_data():
        role = Role(name=entry["role"], by_country=dict(entry.get("by_country") or {}),
                    suffix=bool(entry.get("suffix", False)), default=entry.get("default"))
        for alias in entry["aliases"]:
            roles[alias] = role
    return roles


def load_institutions() -> list[Institution]:
    out = []
    for entry in _data("institutions.yaml"):
        out.append(Institution(key=entry["key"], type=ActorType(entry.get("type", "state" if entry.get("as_state") else "organization")),
                               name=entry.get("name", "{state}"), ja=tuple(entry.get("ja") or ()), en=tuple(entry.get("en") or ()),
                               known=dict(entry.get("known") or {}), names=dict(entry.get("names") or {}),
                               as_state=bool(entry.get("as_state", False))))
    return out


def _variants(alias: str) -> tuple[str, ...]:
    """An English alias as news writes it: curly apostrophes (People’s), U.S./U.K. with stops."""
    forms = [alias]
    if "'" in alias:
        forms.append(alias.replace("'", "’"))
    for plain, dotted in (("US ", "U.S. "), ("UK ", "U.K. ")):
        for form in list(forms):
            if form.startswith(plain):
                forms.append(dotted + form[len(plain):])
    return tuple(forms)


_VU = (("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴ", "ブ"))


def _ja_variants(alias: str) -> tuple[str, ...]:
    """A Japanese alias with ヴ written as バ-row and back (メドヴェージェフ / メドベージェフ)."""
    forms = [alias]
    if "ヴ" in alias:
        plain = alias
        for vu, ba in _VU:
            plain = plain.replace(vu, ba)
        forms.append(plain)
    elif _KATAKANA.match(alias[:1] or " "):
        for vu, ba in _VU[:4]:  # ベ -> ヴェ ..., one row at a time
            if ba in alias:
                forms.append(alias.replace(ba, vu))
    return tuple(forms)


class Linker:
    def __init__(self, kb: KnowledgeBase, roles: dict[str, Role] | None = None,
                 state_suffixes: tuple[str, ...] | None = None,
                 institutions: list[Institution] | None = None) -> None:
        self.kb = kb
        self.roles = load_roles() if roles is None else roles
        self.state_suffixes = load_state_suffixes() if state_suffixes is None else state_suffixes
        self.institutions = load_institutions() if institutions is None else institutions
        self._automata: dict[str, ahocorasick.Automaton] = {}
        # heads, longest first, per language
        self._ja_heads = sorted(((h, inst) for inst in self.institutions for h in inst.ja), key=lambda x: -len(x[0]))
        en_heads = sorted(((h, inst) for inst in self.institutions for h in inst.en), key=lambda x: -len(x[0]))
        self._en_heads = [(re.compile(rf"(?:'s\s+|’s\s+|\s+)({re.escape(h)})\b", re.IGNORECASE), inst) for h, inst in en_heads]
        self._en_head_of = re.compile(r"\b(" + "|".join(re.escape(h) for h, _ in en_heads) + r")\s+of\s+(?:the\s+)?",
                                      re.IGNORECASE) if en_heads else None
        self._en_head_inst = {h.lower(): inst for h, inst in en_heads}
        self._capitals = {**kb.aliases.get("ja_capital", {}), **kb.aliases.get("en_capital", {})}

    def _automaton(self, lang: str) -> ahocorasick.Automaton:
        if lang not in self._automata:
            automaton = ahocorasick.Automaton()
            for alias_lang in ALIAS_LANGUAGES.get(lang, ("en",)):
                for alias, actor_id in self.kb.aliases.get(alias_lang, {}).items():
                    for form in _variants(alias) if alias_lang == "en" else _ja_variants(alias):
                        if form not in automaton:
                            automaton.add_word(form, (form, _Entry("alias", actor_id, form.isascii() or form != alias)))
            for kind, rule in EXTRA_KINDS.get(lang, ()):
                for alias, actor_id in self.kb.aliases.get(kind, {}).items():
                    if alias not in automaton:
                        automaton.add_word(alias, (alias, _Entry(rule, actor_id, alias.isascii())))
            if lang == "ja":
                automaton.add_word("同国", ("同国", _Entry("same-state", "", False)))
                for alias, actor_id in self.kb.aliases.get("ja_short", {}).items():
                    if alias not in automaton:
                        automaton.add_word(alias, (alias, _Entry("short", actor_id, False)))
                for alias in self.roles:
                    if alias not in automaton:
                        automaton.add_word(alias, (alias, _Entry("role", alias, alias.isascii())))
            automaton.make_automaton()
            self._automata[lang] = automaton
        return self._automata[lang]

    def link(self, text: str, sentences: Sequence[Sentence], lang: str) -> list[Mention]:
        """Mentions of knowledge-base actors, composed institutions, roles and titled people, longest match
        first, never overlapping. Minted actors are registered in `self.kb` (see `link_article`)."""
        return self.link_article(text, sentences, lang).mentions

    def link_article(self, text: str, sentences: Sequence[Sentence], lang: str,
                     proposals: Sequence[tuple[int, int, str]] = (), date: dt.date | None = None) -> LinkResult:
        """`link`, plus the proper-noun proposals of the language's NER (English people become person
        actors) and the article's date (a bare title resolves to its holder on that date: offices.yaml),
        returning the mentions with the actors minted for them."""
        starts = [s.start for s in sentences]
        minted: dict[str, Actor] = {}
        candidates: list[tuple[int, int, str, _Entry]] = []
        for end_index, (alias, entry) in self._automaton(lang).iter(text):
            start, end = end_index - len(alias) + 1, end_index + 1
            if self._acceptable(text, start, end, entry):
                candidates.append((start, end, alias, entry))
        candidates = self._short_runs(text, candidates)
        candidates = self._same_state(candidates)
        candidates += self._compositions(text, candidates, lang)
        # longest match wins; among equals, a listed alias before a composition, then the earlier one
        priority = {"alias": 0, "institution": 1}
        candidates.sort(key=lambda c: (-(c[1] - c[0]), priority.get(c[3].kind, 2), c[0]))
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
            if entry.kind == "institution":
                mention = self._institution_mention(text, start, end, entry, sentence, minted)
                if mention is not None:
                    mentions.append(mention)
                continue
            actor = self.kb.get(entry.target)
            assert actor is not None
            rule = {"alias": "alias", "short": "short-form"}.get(entry.kind, f"{entry.kind}:{alias}")
            if actor.id.startswith(GAZETTEER_PREFIX):
                rule = "place"  # a gazetteer place (places.json): a location, withheld from event roles
            mentions.append(Mention(sentence=sentence, start=start, end=end, text=text[start:end],
                                    actor_id=actor.id, label=actor.type.value, rule=rule))
        mentions = self._embassies(text, self._attach_suffix_roles(mentions), minted)
        mentions = people.link_people(self.kb, text, sentences, lang, mentions, proposals, minted, date)
        weapons = designated_weapons(self.kb, text, sentences, lang, mentions, minted)
        if weapons:
            mentions = sorted([*mentions, *weapons], key=lambda m: m.start)
        return LinkResult(mentions=mentions, kb=self.kb, minted=minted)

    def outlet_actors(self, outlet: str | None) -> list[str]:
        """The actor an article's publisher names ('Ministry of Foreign Affairs of Japan', '外務省 (...)',
        'U.S. Department of Defense'), when the knowledge base or composition knows it: the longest linked
        name in the outlet string, places and weapons aside. Empty when nothing is known."""
        if not outlet:
            return []
        best: Mention | None = None
        for lang in ("en", "ja"):
            sentence = [Sentence(index=0, start=0, end=len(outlet), text=outlet)]
            for mention in self.link_article(outlet, sentence, lang).mentions:
                actor = self.kb.get(mention.actor_id)
                if actor is None or actor.type in (ActorType.place, ActorType.weapon, ActorType.person):
                    continue
                if best is None or (mention.end - mention.start, -mention.start) > (best.end - best.start, -best.start):
                    best = mention
        return [best.actor_id] if best is not None and best.actor_id else []

    # ------------------------------------------------------------------ acceptance
    def _acceptable(self, text: str, start: int, end: int, entry: _Entry) -> bool:
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if entry.latin:
            if entry.kind == "metonymy" and after == "-":
                return False  # 'Washington-based' names a place, not a government
            if _SHIP_PREFIX.search(text, max(0, start - 6), start):
                return False  # 'USS Georgia', 'HMS Diamond': a named ship is not an actor (the guide)
            return not (_WORDCHAR.match(before) and before.isascii()) and not (_WORDCHAR.match(after) and after.isascii())
        if entry.kind == "short":
            return True  # judged by runs in _short_runs
        first, last = text[start], text[end - 1]
        # a katakana name does not end or start inside a longer katakana word (ロシア in ロシアン...)
        if _KATAKANA.match(last) and after and _KATAKANA.match(after):
            return False
        if _KATAKANA.match(first) and before and _KATAKANA.match(before):
            return False
        if entry.kind == "metonymy" and _KANJI.match(last) and after and _KANJI.match(after):
            # 北京 + 政府 stands for China; 東京都, 北京大学 do not
            return text.startswith(SHORT_FORM_HEADS, end)
        if entry.kind == "alias" and len(text[start:end]) <= 3 and _KANJI.match(first) and before and _KANJI.match(before):
            # a short kanji state name inside a longer word (日本 in 東日本, 中国 in 四中国) is not a mention,
            # unless a prefix (対中国, 駐日本) or another state's short form (日中国交) precedes it
            actor = self.kb.get(entry.target)
            if actor is not None and actor.type is ActorType.state:
                return before in SHORT_FORM_PREFIXES or self._is_short_form(before)
        return True

    def _same_state(self, candidates: list[tuple[int, int, str, _Entry]]) -> list[tuple[int, int, str, _Entry]]:
        """同国: the state named last before it (同国外務省 -> that state's foreign ministry); dropped when
        no state precedes it."""
        out = []
        last_state: str | None = None
        for cand in sorted(candidates, key=lambda c: (c[0], -c[1])):
            if cand[3].kind == "same-state":
                if last_state is not None:
                    out.append((cand[0], cand[1], cand[2], _Entry("anaphor", last_state, False)))
                continue
            if (state := self._state_of(cand[3])) is not None:
                last_state = state.id
            out.append(cand)
        return out

    def _is_short_form(self, char: str) -> bool:
        return bool(char) and char in self.kb.aliases.get("ja_short", {})

    def _short_runs(self, text: str, candidates: list[tuple[int, int, str, _Entry]]) -> list[tuple[int, int, str, _Entry]]:
        """One-character short forms count in runs (米英, 日米韓, 中露): a run counts when nothing of its
        script sticks to its front (中 in 期間中, ロ in プロ), unless a prefix does (対露, 訪米), and when a
        head follows it (米政府, 露軍) or, for a run of two or more, anything but another kanji (日米が)."""
        shorts = sorted((c for c in candidates if c[3].kind == "short"), key=lambda c: c[0])
        keep: set[int] = set()
        i = 0
        while i < len(shorts):
            j = i
            while j + 1 < len(shorts) and shorts[j + 1][0] == shorts[j][1]:
                j += 1
            run = shorts[i:j + 1]
            start, end = run[0][0], run[-1][1]
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            prefixed = before in SHORT_FORM_PREFIXES and before != ""
            glued = bool(before) and (_KANJI.match(before) or _KATAKANA.match(before)) and not prefixed
            # 米イラン協議: a short form run straight into a state's full name is one of the pair the phrase names
            headed = text.startswith(SHORT_FORM_HEADS, end) or any(
                c[0] == end and c[3].kind == "alias" and (x := self.kb.get(c[3].target)) is not None
                and x.type is ActorType.state for c in candidates)
            tail_ok = headed or prefixed or (len(run) >= 2 and not (_KANJI.match(after) or _KATAKANA.match(after)))
            if len(run) == 1 and _KATAKANA.match(run[0][2]) and after and _KATAKANA.match(after):
                tail_ok = False
            if not glued and tail_ok:
                keep.update(id(c) for c in run)
            i = j + 1
        return [c for c in candidates if c[3].kind != "short" or id(c) in keep]

    # ------------------------------------------------------------------ institutions by composition
    def _state_of(self, entry: _Entry, alias: str = "") -> Actor | None:
        if entry.kind in ("alias", "short", "demonym", "metonymy", "anaphor"):
            actor = self.kb.get(entry.target)
            if actor is not None and actor.type is ActorType.state:
                return actor
            if actor is not None and actor.type is ActorType.place and alias in self._capitals:
                return self.kb.get(self._capitals[alias])  # 北京 (the city) + 政府: China's government
        return None

    def _compositions(self, text: str, candidates: list[tuple[int, int, str, _Entry]],
                      lang: str) -> list[tuple[int, int, str, _Entry]]:
        out: list[tuple[int, int, str, _Entry]] = []
        states = [(c, actor) for c in candidates if (actor := self._state_of(c[3], c[2]))]
        aliases_of = {}
        for c, actor in states:
            aliases_of.setdefault(actor.id, set()).add(c[2])
        for (start, end, _alias, _entry), state in states:
            if lang == "ja":
                # 大韓民国（韓国）国防省: a bracketed restatement of the same state between name and head
                bracket = re.match(r"[（(]([^()（）]{1,8})[)）]", text[end:end + 12])
                if bracket and bracket.group(1) in aliases_of.get(state.id, ()):
                    end += bracket.end()
                for head, inst in self._ja_heads:
                    if text.startswith(head, end):
                        stop = end + len(head)
                        if stop < len(text) and _KATAKANA.match(head[-1]) and _KATAKANA.match(text[stop]):
                            continue
                        out.append((start, stop, text[start:stop], _Entry("institution", f"{state.id}|{inst.key}", False)))
                        break
            else:
                for pattern, inst in self._en_heads:
                    match = pattern.match(text, end)
                    if match:
                        stop = match.end()
                        out.append((start, stop, text[start:stop], _Entry("institution", f"{state.id}|{inst.key}", True)))
                        break
        if lang == "en" and self._en_head_of is not None:
            by_start = {c[0]: (c, actor) for c, actor in states}
            for match in self._en_head_of.finditer(text):
                hit = by_start.get(match.end())
                if hit is None:
                    continue
                (_s, end, _a, _e), state = hit
                inst = self._en_head_inst[match.group(1).lower()]
                out.append((match.start(), end, text[match.start():end], _Entry("institution", f"{state.id}|{inst.key}", True)))
        return out

    def institution_actor(self, state: Actor, inst: Institution) -> Actor:
        """The actor for a state's institution: the knowledge base's own when it lists one, else minted."""
        known = self.kb.get(inst.known.get(state.id))
        if known is not None:
            return known
        code = self.kb.iso2.get(state.id, "")
        name = inst.names.get(code) or inst.name.format(state=state.name)
        return Actor(id=f"rung:org:{state.id}:{inst.key}", name=name, type=inst.type, country=state.id)

    def _institution_mention(self, text: str, start: int, end: int, entry: _Entry, sentence: int,
                             minted: dict[str, Actor]) -> Mention | None:
        state_id, key = entry.target.split("|")
        state = self.kb.get(state_id)
        inst = next(i for i in self.institutions if i.key == key)
        assert state is not None
        head = text[start:end]
        if inst.as_state:
            return Mention(sentence=sentence, start=start, end=end, text=head, actor_id=state.id,
                           label=state.type.value, rule=f"state+{key}")
        actor = self.institution_actor(state, inst)
        if actor.id.startswith("rung:org:"):
            actor = self.kb.mint(actor)
            minted[actor.id] = actor
        return Mention(sentence=sentence, start=start, end=end, text=head, actor_id=actor.id,
                       label=actor.type.value, rule=f"institution:{key}")

    def _embassies(self, text: str, mentions: list[Mention], minted: dict[str, Actor]) -> list[Mention]:
        """在ウクライナ日本大使館, 駐日ロシア大使館, 在ウラジオストク日本国総領事館: the mission of the second state in
        the first state or city."""
        out: list[Mention] = []
        for mention in mentions:
            previous = out[-1] if out else None
            host = self.kb.get(previous.actor_id) if previous else None
            kind = mention.rule.removeprefix("institution:")
            if (kind in ("embassy", "consulate-general") and previous is not None and host is not None
                    and host.type in (ActorType.state, ActorType.place) and previous.end == mention.start
                    and previous.start > 0 and text[previous.start - 1] in "在駐"):
                owner = self.kb.get(self.kb.country_of(mention.actor_id))
                if owner is not None and owner.id != host.id:
                    actor = self._mission(owner, kind, host, minted)
                    out[-1] = Mention(sentence=previous.sentence, start=previous.start - 1, end=mention.end,
                                      text=text[previous.start - 1:mention.end], actor_id=actor.id,
                                      label=actor.type.value, rule=f"institution:{kind}-in")
                    continue
            out.append(mention)
        return [self._own_mission(text, m, minted) or m for m in out]

    _BARE_MISSIONS = (("総領事館", "consulate-general"), ("領事館", "consulate-general"), ("大使館", "embassy"))

    def _mission(self, owner: Actor, kind: str, host: Actor, minted: dict[str, Actor]) -> Actor:
        """The owner state's embassy or consulate in the host state or city, minted once."""
        actor = self.kb.mint(Actor(id=f"rung:org:{owner.id}:{kind}-in-{host.id}", type=ActorType.organization,
                                   name=f"{MISSION_TITLES[kind]} of {owner.name} in {host.name}",
                                   country=owner.id))
        minted[actor.id] = actor
        return actor

    def _own_mission(self, text: str, mention: Mention, minted: dict[str, Actor]) -> Mention | None:
        """在ウラジオストク総領事館 with no state before 総領事館: in Japanese it is Japan's own mission there."""
        host = self.kb.get(mention.actor_id)
        japan = self.kb.get(JAPAN)
        if (host is None or japan is None or host.id == japan.id or mention.start == 0 or text[mention.start - 1] != "在"
                or host.type not in (ActorType.state, ActorType.place)):
            return None
        for head, kind in self._BARE_MISSIONS:
            if text.startswith(head, mention.end):
                actor = self._mission(japan, kind, host, minted)
                end = mention.end + len(head)
                return Mention(sentence=mention.sentence, start=mention.start - 1, end=end,
                               text=text[mention.start - 1:end], actor_id=actor.id, label=actor.type.value,
                               rule=f"institution:{kind}-in:own")
        return None

    # ------------------------------------------------------------------ roles
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
        # the default is for a bare 外務省, not for 同国外務省 / 同外務省 whose state went unresolved
        if actor is None and role.default and self.kb.get(role.default) is not None and text[max(0, start - 1):start] not in ("同", "国"):
            actor = self.kb.get(role.default)
            return Mention(sentence=sentence, start=start, end=end, text=text[start:end], actor_id=actor.id,
                           label=actor.type.value, rule=f"role:{alias}:default")
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


def most_recent(mentions: Sequence[Mention], position: int, kb: KnowledgeBase,
                types: tuple[ActorType, ...] = (ActorType.person,)) -> Mention | None:
    """The last linked mention before `position` whose actor has one of `types` (for anaphora: 同氏, 'he')."""
    best = None
    for mention in mentions:
        if mention.start >= position:
            break
        actor = kb.get(mention.actor_id)
        if actor is not None and actor.type in types:
            best = mention
    return best


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
