"""People no list knows: titled names become person actors minted per article.

Japanese: a name written before a title (titles.yaml: 「林芳正官房長官」, 「ルッテ事務総長」, 「ペスコフ大統領報道官」)
is a person with that office; its country is a state named just before it (中国の王毅外相), else the one a
Japanese-government title implies (官房長官: Japan). Later 「林官房長官」 (surname + title) and 「同氏」,
「同長官」 are the same person. English: the language's NER proposes PERSON spans; a full name (two words or
more) becomes a person, with the office and country of a title written before it ("Chinese foreign ministry
spokesperson Mao Ning"); later mentions by surname resolve to it.

Ids are deterministic: `rung:person:<romanised name, lower case, hyphens>`, so the same name is the same
actor in every article and in the store.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources

import yaml

from rung.actors.kb import KnowledgeBase
from rung.model import Actor, ActorType, Mention, Sentence


@cache
def _titles() -> dict:
    return yaml.safe_load((resources.files("rung.actors") / "data" / "titles.yaml").read_text(encoding="utf-8"))


@cache
def _ja_pattern() -> re.Pattern[str]:
    titles = sorted(_titles()["ja"], key=len, reverse=True)
    alternation = "|".join(re.escape(t) for t in titles)
    # a katakana name (with ・ or ＝ between its parts) or a run of kanji, then up to 8 kanji of office
    # (外務省, 内閣), then a title; nothing of the name's script sticks to its front
    return re.compile(
        r"(?<![\u30a1-\u30fa\u30fc・＝])(?P<kana>[\u30a1-\u30fa\u30fc]{2,}(?:[・＝][\u30a1-\u30fa\u30fc]+)*)"
        rf"(?P<kana_office>[\u4e00-\u9fff\u30a1-\u30fa\u30fc]{{0,10}}?)(?P<kana_title>{alternation})"
        # a kanji name, its reading in brackets (崔善姫(チェ・ソンヒ)), then an office that may hold katakana
        # (金杉憲治アジア大洋州局長) or a state (程永華中国大使)
        r"|(?<![\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc])(?P<kanji>[\u4e00-\u9fff\u3005]{2,14}?)"
        r"(?P<reading>[(（][\u30a1-\u30fa\u30fc・]+[)）])?"
        r"(?P<kanji_office>[\u4e00-\u9fff\u30a1-\u30fa\u30fc・]{0,12}?)"
        r"(?P<kanji_title>" + alternation + ")")


_ANAPHOR_JA = re.compile(r"同(?:氏|長官|大臣|外相|首相|大統領|報道官|大使|議長|事務総長|局長|次官|司令官|国防相)")
# 同 + the end of an earlier organisation's name; one-kanji heads only where they name a body (同省, 同紙, 同社)
_SAME_AS_BEFORE_JA = re.compile(r"同([\u4e00-\u9fff\u30a1-\u30fa\u30fc]{1,5}?)(?=[はがのをにともで、。]|$)")
_ONE_KANJI_HEADS = frozenset("省紙社局庁党院")
_NOT_NAME_JA = re.compile(r"^(?:同|両|前|元|新|現|副|各|歴代|当時|初代|故)")


@cache
def _sudachi():
    from sudachipy import dictionary  # a dependency of GiNZA; loaded only when a Japanese title is seen

    return dictionary.Dictionary().create()


_KANA = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho", "チャ": "cha", "チュ": "chu",
    "チョ": "cho", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo", "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ミャ": "mya",
    "ミュ": "myu", "ミョ": "myo", "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
    "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ビャ": "bya", "ビュ": "byu", "ビョ": "byo", "ピャ": "pya", "ピュ": "pyu",
    "ピョ": "pyo", "ティ": "ti", "ディ": "di", "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo", "ウィ": "wi",
    "ウェ": "we", "ウォ": "wo", "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve", "ヴォ": "vo", "シェ": "she", "ジェ": "je",
    "チェ": "che", "トゥ": "tu", "ドゥ": "du", "デュ": "dyu",
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o", "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so", "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te",
    "ト": "to", "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no", "ハ": "ha", "ヒ": "hi", "フ": "fu",
    "ヘ": "he", "ホ": "ho", "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo", "ヤ": "ya", "ユ": "yu",
    "ヨ": "yo", "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro", "ワ": "wa", "ヲ": "o", "ン": "n",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go", "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze",
    "ゾ": "zo", "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do", "バ": "ba", "ビ": "bi", "ブ": "bu",
    "ベ": "be", "ボ": "bo", "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po", "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ャ": "ya", "ュ": "yu", "ョ": "yo",
}


def romanize(kana: str, japanese_name: bool = False) -> str:
    """Katakana to Latin letters (Hepburn, no macrons: オオノ -> Ono for Japanese names)."""
    out: list[str] = []
    i = 0
    double = False
    while i < len(kana):
        pair, one = kana[i:i + 2], kana[i]
        if one == "ッ":
            double = True
            i += 1
            continue
        if one == "ー":
            i += 1
            continue
        syllable = _KANA.get(pair) if len(pair) == 2 and pair in _KANA else _KANA.get(one, "")
        i += 2 if len(pair) == 2 and pair in _KANA else 1
        if double and syllable:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
        double = False
        out.append(syllable)
    text = "".join(out)
    if japanese_name:  # long vowels are not written in the usual romanisation of names: Kōno -> Kono
        text = re.sub(r"ou(?!$)|oo", "o", text)
        text = re.sub(r"uu", "u", text)
        text = re.sub(r"ou$", "o", text)
    return text


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def _kanji_name(run: str) -> tuple[str, str, str] | None:
    """(name in kanji, English name, surname in kanji) for the name at the start of `run`, by Sudachi."""
    tokens = list(_sudachi().tokenize(run))
    parts: list[tuple[str, str, str]] = []
    for token in tokens:
        pos = token.part_of_speech()
        if pos[1] == "固有名詞" and pos[2] in ("人名", "地名") and len(parts) < 2:
            parts.append((token.surface(), token.reading_form(), pos[3]))
        else:
            break
    if not parts:
        return None
    if len(parts) == 1 and parts[0][2] == "一般" and len(parts[0][0]) >= 3:
        # one token for a whole name (林芳正): split it where Sudachi reads a surname and a given name
        whole, reading = parts[0][0], parts[0][1]
        for k in (2, 1, 3):
            head = "".join(t.reading_form() for t in _sudachi().tokenize(whole[:k]))
            tail = "".join(t.reading_form() for t in _sudachi().tokenize(whole[k:]))
            if whole[k:] and head + tail == reading:
                parts = [(whole[:k], head, "姓"), (whole[k:], tail, "名")]
                break
    surface = "".join(p[0] for p in parts)
    if len(surface) < 1 or len(surface) > 5:
        return None
    english = " ".join(romanize(p[1], japanese_name=True).capitalize() for p in parts)
    return surface, english, parts[0][0]


# two-character Chinese surnames (the rest are one character)
_CHINESE_COMPOUND_SURNAMES = ("欧陽", "司馬", "諸葛", "上官", "夏侯", "皇甫", "司徒", "東方", "令狐", "尉遅")


def _foreign_kanji_name(kb: KnowledgeBase, country: str | None, run: str, reading: str | None
                        ) -> tuple[str, str, str] | None:
    """A Chinese or Korean name written in kanji is not read the Japanese way: 程永華 is Cheng Yonghua (pinyin),
    崔善姫(チェ・ソンヒ) is read from the katakana given with it. None for everyone else."""
    state = kb.get(country)
    code = kb.iso2.get(state.id, "") if state is not None else ""
    if code == "CN":
        native = _chinese_name(run)
        if native is None:
            return None
        from pypinyin import lazy_pinyin  # a pure-Python table; loaded only when a Chinese name is seen

        surname = next((s for s in _CHINESE_COMPOUND_SURNAMES if native.startswith(s)), native[0])
        family = "".join(lazy_pinyin(surname)).capitalize()
        given = "".join(lazy_pinyin(native[len(surname):])).capitalize()
        return native, f"{family} {given}".strip(), surname
    if code in ("KR", "KP") and reading:
        native = run[:run.index(reading[0])]
        parts = [p for p in re.split(r"[・＝]", reading[1:-1]) if p]
        if not native or not parts:
            return None
        return native, " ".join(romanize(p).capitalize() for p in parts), native[0]
    return None


def _chinese_name(run: str) -> str | None:
    """The kanji of a Chinese name at the start of `run`: two to four characters, up to the first word of the office
    after it (程永華|中国大使, 華春瑩|報道局長, 毛寧|副報道官), as Sudachi splits it."""
    position = 0
    for token in _sudachi().tokenize(run):
        surface = token.surface()
        if position >= 2 and (len(surface) >= 2 or token.part_of_speech()[0] == "接頭辞"
                              or not re.fullmatch(r"[\u4e00-\u9fff\u3005]+", surface)):
            break
        position += len(surface)
    name = run[:position]
    return name if 2 <= len(name) <= 4 and re.fullmatch(r"[\u4e00-\u9fff\u3005]+", name) else None


def _country_within(kb: KnowledgeBase, text: str) -> str | None:
    """The state named inside a title (程永華中国大使, ガルージン駐日ロシア連邦大使), by the knowledge base's Japanese
    names, longest first; the host after 駐/在 (駐日: in Japan) is not the office-holder's state."""
    names = kb.aliases.get("ja", {})
    i = 0
    while i < len(text):
        for j in range(len(text), i, -1):
            actor = kb.get(names.get(text[i:j]))
            if actor is not None and actor.type is ActorType.state:
                if i == 0 or text[i - 1] not in "駐在":
                    return actor.id
                i = j - 1
                break
        i += 1
    return None


class _People:
    """Persons minted in one article: by full name, with their surnames for later mentions."""

    def __init__(self, kb: KnowledgeBase, minted: dict[str, Actor]) -> None:
        self.kb = kb
        self.minted = minted
        self.by_surname: dict[str, str] = {}

    def mint(self, name: str, office: str | None, country: str | None, surname: str, native: str = "") -> Actor:
        if surname in self.by_surname and (len(name.split()) < 2 or self.kb.get(self.by_surname[surname]).name == name):
            return self.kb.get(self.by_surname[surname])
        aliases = {"en": [name]}
        if native:
            aliases["ja"] = [native]
        actor = Actor(id=f"rung:person:{slug(name)}", name=name, type=ActorType.person, country=country,
                      aliases=aliases, office=office)
        actor = self.kb.mint(actor)
        self.minted[actor.id] = actor
        self.by_surname.setdefault(surname, actor.id)
        return actor


def _country_before(kb: KnowledgeBase, mentions: Sequence[Mention], position: int, reach: int,
                    text: str = "") -> str | None:
    """The country of a linked mention that ends within `reach` characters before `position`. A person's country
    counts only through a possessive ('Guaido's Chief of Staff Roberto Marrero', 〜の): 佐々江事務次官が程永華中国大使に
    says nothing of the ambassador's state."""
    for mention in reversed(mentions):
        if mention.end <= position and position - mention.end <= reach:
            actor = kb.get(mention.actor_id)
            owned = text[mention.end:position].startswith(("'s", "’s", "の"))
            country = kb.country_of(mention.actor_id) \
                if actor is None or actor.type is not ActorType.person or owned else None
            if country:
                return country
        if mention.end < position - reach:
            break
    return None


def link_people(kb: KnowledgeBase, text: str, sentences: Sequence[Sentence], lang: str, mentions: list[Mention],
                proposals: Sequence[tuple[int, int, str]], minted: dict[str, Actor],
                date: dt.date | None = None) -> list[Mention]:
    # a bare title resolves by the article's date, or without one to a holder the article names before it
    holders = _office_holders(kb, text, sentences, lang, mentions, date)
    mentions = sorted([*[m for m in mentions if not any(h.start <= m.start and m.end <= h.end for h in holders)],
                       *holders], key=lambda m: m.start)
    people = _People(kb, minted)
    for mention in mentions:  # people the knowledge base knows, by surname, for later 'Pompeo', 'Mr Aliyev'
        actor = kb.get(mention.actor_id)
        if actor is not None and actor.type is ActorType.person and lang == "en":
            people.by_surname.setdefault(actor.name.split()[-1], actor.id)
    if lang == "ja":
        added = _japanese(kb, text, sentences, mentions, people)
        # a state inside a person's title (程永華中国大使, ガルージン駐日ロシア連邦大使) is part of who the person is,
        # not a party of its own: the 日 of 駐日 is no target
        titles = [(m.start, m.end) for m in added if m.rule.startswith("person:title:")]
        anaphors = [(m.start, m.end) for m in added if m.rule.startswith("anaphor:")]
        mentions = [m for m in mentions if not any(s < m.start and m.end <= e for s, e in titles)
                    and not (m.actor_id is None and any(s <= m.start and m.end <= e for s, e in anaphors))]
    elif lang == "en":
        added = _english(kb, text, sentences, mentions, proposals, people)
    else:
        added = []
    return sorted([*mentions, *added], key=lambda m: m.start)


def parts_in_kb(kb: KnowledgeBase, native: str) -> bool:
    """A katakana run that the knowledge base knows as something other than a person (a place, a state)."""
    actor = kb.get(kb.aliases.get("ja", {}).get(native))
    return actor is not None and actor.type is not ActorType.person


def holders_ever(kb: KnowledgeBase, office: str, country: str) -> list[Actor]:
    """Everyone the table lists as having held `office` for `country`, latest first."""
    rows = sorted((r for r in _offices()["holders"] if r["office"] == office and r["country"] == country),
                  key=lambda r: r["from"], reverse=True)
    return [a for r in rows if (a := kb.resolve(r["holder"])) is not None]


@cache
def _offices() -> dict:
    return yaml.safe_load((resources.files("rung.actors") / "data" / "offices.yaml").read_text(encoding="utf-8"))


def _held_on(row: dict, date: dt.date) -> bool:
    """An offices.yaml holder row covers `date` (its `to` is the first day out of office)."""
    return row["from"] <= date and (row["to"] is None or date < row["to"])


def holder(kb: KnowledgeBase, office: str, country: str, date: dt.date) -> Actor | None:
    """Who held `office` for `country` (a state, or an organisation for its secretary-general) on `date`."""
    for row in _offices()["holders"]:
        if row["office"] == office and row["country"] == country and _held_on(row, date):
            return kb.resolve(row["holder"])
    return None


@cache
def _office_pattern(lang: str) -> re.Pattern[str]:
    titles = sorted(_offices()["titles"][lang], key=len, reverse=True)
    alternation = "|".join(re.escape(t) for t in titles)
    if lang == "ja":
        return re.compile(rf"(?<![同副前元両各新次])({alternation})")
    return re.compile(rf"\b({alternation})\b(?!\s+(?-i:[A-Z]))", re.IGNORECASE)


_OF_STATE = re.compile(r"\s+of\s+(?:the\s+)?")


def _office_holders(kb: KnowledgeBase, text: str, sentences: Sequence[Sentence], lang: str,
                    mentions: Sequence[Mention], date: dt.date | None) -> list[Mention]:
    """Bare titles resolved to their holder on the article's date: 「官房長官は」 (Japan's, in Japanese
    reporting), 「ロシアの外相」, "the Japanese prime minister", "Russia's foreign minister"."""
    if lang not in ("ja", "en"):
        return []
    covered = bytearray(len(text))
    for m in mentions:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    titles = _offices()["titles"][lang]
    out: list[Mention] = []
    for match in _office_pattern(lang).finditer(text):
        start, end = match.span()
        if any(covered[start:end]):
            continue
        key = titles.get(match.group(1)) or titles.get(match.group(1).lower())
        owner = _owner_before(kb, mentions, start, 4 if lang == "ja" else 3)
        if owner is None and lang == "en" and (after := _OF_STATE.match(text, end)) is not None:
            # 'the President of Russia': the state after 'of' owns the office, and the mention takes it in
            state = next((m for m in mentions if m.start == after.end() and m.actor_id
                          and (a := kb.get(m.actor_id)) is not None and a.type is ActorType.state), None)
            if state is not None:
                owner, end = state.actor_id, state.end
        if owner is None and lang == "ja":
            before = text[start - 1] if start else ""
            if before and re.match(r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc]", before):
                continue  # a name or a word before the title (岸田首相 is the titled person's mention)
            owner = _offices().get("ja_default_country")
        if owner is None and lang == "en":
            # 'As the President has made clear' after 'President Biden': the last person named before it who
            # holds (on the article's date, else ever) that office for some state
            actor = _named_holder(kb, key, [m for m in mentions if m.end <= start], date)
            if actor is not None:
                out.append(Mention(sentence=_sentence_of(sentences, start), start=start, end=end,
                                   text=text[start:end], actor_id=actor.id, label="person", rule=f"office:{key}@named"))
                covered[start:end] = b"\x01" * (end - start)
            continue
        if owner is None:
            continue
        if date is not None:
            actor, when = holder(kb, key, owner, date), date.isoformat()
        else:
            # no date: a holder of the office (at any time) whom the article names before the title
            named = {m.actor_id for m in mentions if m.end <= start}
            actor, when = next((a for a in holders_ever(kb, key, owner) if a.id in named), None), "named"
        if actor is None:
            continue
        out.append(Mention(sentence=_sentence_of(sentences, start), start=start, end=end, text=text[start:end],
                           actor_id=actor.id, label="person", rule=f"office:{key}@{when}"))
        covered[start:end] = b"\x01" * (end - start)
    return out


def _named_holder(kb: KnowledgeBase, office: str, before: Sequence[Mention], date: dt.date | None) -> Actor | None:
    """The last person mentioned in `before` who held `office` (for any state) on `date`, or ever with no date."""
    rows = [r for r in _offices()["holders"] if r["office"] == office and (date is None or _held_on(r, date))]
    ids = {a.id for r in rows if (a := kb.resolve(r["holder"])) is not None}
    return next((kb.get(m.actor_id) for m in reversed(before) if m.actor_id in ids), None)


def _owner_before(kb: KnowledgeBase, mentions: Sequence[Mention], position: int, reach: int) -> str | None:
    """The state or organisation named just before a title: 'Japanese prime minister', 「ロシアの外相」,
    「国連事務総長」 ('the', 'の' and "'s" between)."""
    for mention in reversed(mentions):
        if mention.end <= position and position - mention.end <= reach:
            actor = kb.get(mention.actor_id)
            if actor is not None and actor.type in (ActorType.state, ActorType.alliance, ActorType.organization):
                return actor.id if actor.type is not ActorType.organization else None
        if mention.end < position - reach:
            break
    return None


def _sentence_of(sentences: Sequence[Sentence], position: int) -> int:
    starts = [s.start for s in sentences]
    return max(0, bisect.bisect_right(starts, position) - 1)


def _japanese(kb: KnowledgeBase, text: str, sentences: Sequence[Sentence], mentions: list[Mention],
              people: _People) -> list[Mention]:
    covered = bytearray(len(text))
    for m in mentions:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    titles = _titles()["ja"]
    found: list[tuple[int, int, Mention]] = []
    pattern = _ja_pattern()
    position = 0
    while (match := pattern.search(text, position)) is not None:
        # a run that is not a name is skipped one character on, so a name inside it is still found
        # (ロシア外務省ザハロワ情報局長: not 外務省, but ザハロワ)
        position = match.start() + 1
        if match.group("kana"):
            start, stop = match.span("kana")
            native = match.group("kana")
            title = match.group("kana_title")
            if native in _titles().get("not_names_ja", ()) or parts_in_kb(kb, native):
                continue
            parts = re.split(r"[・＝]", native)
            english = " ".join(romanize(p).capitalize() for p in parts)
            surname = parts[-1]
        else:
            run = text[match.start("kanji"):match.end()]
            if _NOT_NAME_JA.match(run):
                continue
            start = match.start("kanji")
            title = match.group("kanji_title")
            # a Chinese or Korean name is read its own way; the state may stand inside the title (程永華中国大使)
            named = _foreign_kanji_name(kb, _country_before(kb, mentions, start, 3, text) or
                                        _country_within(kb, text[start + 2:match.end()]), run, match.group("reading"))
            parsed = named or _kanji_name(run)
            if parsed is None:
                continue
            native, english, surname = parsed
            stop = start + len(native)
        if any(covered[start:stop]) or len(native) < 2 and not match.group("kanji"):
            continue
        info = titles.get(title) or {}
        country = (_country_before(kb, mentions, start, 3, text) or _country_within(kb, text[stop:match.end()])
                   or (info.get("country") if match.group("kanji") or title in ("外務報道官", "官房長官") else None))
        office = info.get("office")
        actor = people.mint(english, office, country, surname, native)
        end = match.end()
        position = end
        rule = f"person:title:{title}" if actor.name == english else "person:surname"
        found.append((start, end, Mention(sentence=_sentence_of(sentences, start), start=start, end=end,
                                          text=text[start:end], actor_id=actor.id, label="person", rule=rule)))
        covered[start:end] = b"\x01" * (end - start)
    added = [m for _s, _e, m in found]
    # 同氏, 同長官: the most recent person before it
    everything = sorted([*mentions, *added], key=lambda m: m.start)
    for match in _ANAPHOR_JA.finditer(text):
        start, end = match.span()
        if any(covered[start:end]):
            continue
        person = _last_before(kb, everything, start, lambda m, a: a.type is ActorType.person)
        if person is not None:
            added.append(Mention(sentence=_sentence_of(sentences, start), start=start, end=end, text=match.group(0),
                                 actor_id=person.id, label="person", rule=f"anaphor:{match.group(0)}"))
    # 同国防省, 同省, 同新聞, 同社: the most recent organisation whose name ends the same way (大韓民国国防省, 朝日新聞);
    # it wins over an unresolved role (国防省 with no state named)
    everything = sorted([*mentions, *added], key=lambda m: m.start)
    linked = bytearray(len(text))
    for m in everything:
        if m.actor_id:
            linked[m.start:m.end] = b"\x01" * (m.end - m.start)
    for match in _SAME_AS_BEFORE_JA.finditer(text):
        start, end = match.span()
        head = match.group(1)
        if any(linked[start:end]) or (len(head) < 2 and head not in _ONE_KANJI_HEADS):
            continue
        body = _last_before(kb, everything, start, lambda m, a, head=head: m.text.endswith(head) and a.type not in (
            ActorType.person, ActorType.state, ActorType.place))
        if body is not None:
            added.append(Mention(sentence=_sentence_of(sentences, start), start=start, end=end, text=match.group(0),
                                 actor_id=body.id, label=body.type.value, rule=f"anaphor:{match.group(0)}"))
    return added


def _last_before(kb: KnowledgeBase, mentions: Sequence[Mention], position: int, accept) -> Actor | None:
    """The actor of the last mention (in order of `mentions`) before `position` that `accept(mention, actor)` takes."""
    found = None
    for m in mentions:
        if m.start >= position:
            break
        actor = kb.get(m.actor_id)
        if actor is not None and accept(m, actor):
            found = actor
    return found


_EN_NAME_WORD = re.compile(r"^[A-Z][\w'’.\-]*$")


@cache
def _en_title_pattern() -> re.Pattern[str]:
    words = sorted(_titles()["en"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\s*$", re.IGNORECASE)


@cache
def _en_title_person() -> re.Pattern[str]:
    """A capitalised title, its 'of X' complement, then a two- or three-word name: 'Minister of Defense Yoav
    Gallant', 'Deputy spokesperson Maria Lind' (people the small NER model misses)."""
    forms = {f for t in _titles()["en"] for f in (t, t[:1].upper() + t[1:])}
    titles = "|".join(re.escape(t) for t in sorted(forms, key=len, reverse=True))
    name = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    return re.compile(rf"\b(?:{titles})(?:\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?\s+"
                      rf"(?P<name>{name}(?:\s+[A-Z]\.)?(?:\s+{name}){{1,2}})(?![\w-])")


@cache
def _en_appositive_person() -> re.Pattern[str]:
    """A two- or three-word name followed by its title in apposition: 'Ihor Taburets, the regional governor of
    Cherkasy,' (people the small NER model misses)."""
    titles = "|".join(re.escape(t) for t in sorted(_titles()["en"], key=len, reverse=True) if t[-1].isalpha())
    name = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
    return re.compile(rf"(?<![\w.-])(?P<name>{name}(?:\s+{name}){{1,2}}),\s+(?:the|a|an|its|their)\s+"
                      rf"(?:[\w-]+\s+){{0,3}}(?:{titles})s?\b")


_OFFICE_WORDS = {"of", "the", "for", "and", "foreign", "defense", "defence", "ministry", "minister", "press", "deputy",
                 "national", "security", "affairs", "state", "department", "office", "chief", "vice", "prime", "senior",
                 "principal", "military", "army", "navy", "air", "force", "spokesperson", "spokesman", "spokeswoman",
                 "secretary", "general", "adviser", "advisor", "council", "committee", "member", "war", "cabinet"}


def _office_before(window: str) -> tuple[str | None, int]:
    """The title written right before a name ('Chinese foreign ministry spokesperson', 'Minister of Defense'):
    the trailing words that are capitalised or office words, when one of them is a title."""
    cut = [m.end() for m in re.finditer(r"(?<=[a-z]{2})[.!?]\s", window)]
    offset = cut[-1] if cut else 0
    office, start = _office_words(window[offset:])
    return office, start + offset


def _office_words(window: str) -> tuple[str | None, int]:
    words = list(re.finditer(r"[\w.’'-]+", window))
    if not words or window[words[-1].end():].strip():
        return None, len(window)
    titles = {t.lower().rstrip(".") for t in _titles()["en"]}
    kept: list[re.Match[str]] = []
    for word in reversed(words):
        text = word.group(0)
        if text[:1].isupper() or text.lower() in _OFFICE_WORDS or text.lower().rstrip(".") in titles:
            between = window[word.end():kept[-1].start()] if kept else ""
            if between.strip():
                break
            kept.append(word)
        else:
            break
    kept.reverse()
    while kept and kept[0].group(0).lower() in ("of", "the", "and", "for"):
        kept.pop(0)
    if not any(w.group(0).lower().rstrip(".") in titles for w in kept):
        return None, len(window)
    return window[kept[0].start():kept[-1].end()], kept[0].start()


# words that make an organisation name generic ('Foreign Ministry', 'National Assembly', 'Air Force'): a
# minted organisation needs one word outside this list; a person's name starts after the last of them
GENERIC_WORDS = {"ministry", "foreign", "national", "assembly", "supreme", "court", "air", "force", "forces",
                 "strike", "group", "council", "committee", "office", "department", "agency", "army", "navy",
                 "command", "affairs", "defense", "defence", "security", "state", "federal", "central", "general",
                 "staff", "government", "parliament", "senate", "house", "embassy", "mission", "coast", "guard",
                 "marine", "marines", "corps", "brigade", "division", "battalion", "regiment", "unit", "task",
                 "joint", "special", "operations", "service", "services", "police", "public", "global", "criminal",
                 "justice", "international", "summit", "conference", "press", "news", "briefing", "of", "the",
                 "and", "for", "on", "in"}
# The last words of names of events, not of bodies ('the Camp David Summit', 'the Minsk Agreements'): no actor (guide:
# actors are countries, persons, named organisations), whatever the NER labels them
_EVENT_NAME_HEADS = {"summit", "conference", "talk", "accord", "agreement", "treaty", "declaration", "meeting"}
_RANKS = {"brig", "gen", "col", "lt", "maj", "capt", "sgt", "adm", "cmdr", "cpl", "pvt", "rear", "vice"}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def _clean_en_name(surface: str) -> tuple[str, list[str]]:
    """The name without leading honorifics, ranks and unit words ('Air Force Brig. Gen. Pat Ryder'), middle
    initials and generational suffixes, in title case when written in capitals."""
    honorifics = _honorifics()
    words = surface.split()
    dropped: list[str] = []
    cut = 0
    for i, word in enumerate(words):
        bare = word.lower().rstrip(".")
        if bare in honorifics or bare in _RANKS or bare in GENERIC_WORDS:
            cut = i + 1
    dropped, words = words[:cut], words[cut:]
    words = [w for w in words if not re.fullmatch(r"[A-Z]\.?", w) and w.lower() not in _SUFFIXES]
    if words and all(w.isupper() for w in words if w.isalpha()) and any(len(w) > 1 for w in words):
        words = [w.capitalize() for w in words]
    return " ".join(words), dropped


def _english(kb: KnowledgeBase, text: str, sentences: Sequence[Sentence], mentions: list[Mention],
             proposals: Sequence[tuple[int, int, str]], people: _People) -> list[Mention]:
    covered = bytearray(len(text))
    for m in mentions:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    titled = []
    for match in _en_title_person().finditer(text):
        first = match.group("name").split()[0]
        if first[0].isupper():
            titled.append((match.start("name"), match.end("name"), "person"))
    # a name with its title in apposition is a person, whatever else the NER read it as
    appositive = [(m.start("name"), m.end("name"), "person") for m in _en_appositive_person().finditer(text)]
    # the NER's spans first; a titled name the NER missed is added where it overlaps none of them
    spans = [p for p in proposals if not any(a[0] < p[1] and p[0] < a[1] for a in appositive)] + appositive
    taken = bytearray(len(text))
    for start, end, _label in spans:
        taken[start:end] = b"\x01" * (end - start)
    spans += [t for t in titled if not any(taken[t[0]:t[1]])]
    added: list[Mention] = []
    for start, end, label in sorted(spans):
        if any(covered[start:end]):
            continue
        if label not in ("person", "organization"):
            # 'Pakistani Foreign Minister Qureshi' read as a place: a listed surname after a state's office is a person
            surface, sentence = text[start:end], _sentence_of(sentences, start)
            listed = _titled_surname(kb, text, sentences, sentence, start, mentions, surface) \
                if re.fullmatch(r"[A-Z][a-z]+", surface) else None
            if listed is not None:
                added.append(Mention(sentence=sentence, start=start, end=end, text=surface,
                                     actor_id=listed.id, label="person", rule="person:title+surname"))
                covered[start:end] = b"\x01" * (end - start)
            continue
        surface = text[start:end]
        surface = re.sub(r"(?:'s|’s|'|’)$", "", surface).strip()
        end = start + len(surface)
        if surface.lower().startswith("the "):
            start, surface = start + 4, surface[4:]
        words = surface.split()
        if not words or not all(_EN_NAME_WORD.match(w) or w.lower() in ("of", "and", "for", "the", "al", "bin", "de", "van", "von")
                                for w in words) or any(ch.isdigit() for ch in surface):
            continue
        sentence = _sentence_of(sentences, start)
        if label == "organization":
            last = words[-1].lower().rstrip("s")
            distinctive = [w for w in words if w.lower().rstrip(".") not in GENERIC_WORDS]
            if (len(words) < 2 or surface.isupper() or last in {t.lower() for t in _titles()["en"]} or not distinctive
                    or last in _EVENT_NAME_HEADS
                    or any(w.lower().rstrip(".") in _RANKS for w in words)):
                continue
            # its state: named inside it ("Korean Central News Agency"), or just before it ("Taiwan's
            # Mainland Affairs Council", "the Ukrainian General Staff")
            country = next((kb.country_of(m.actor_id) for m in mentions if m.start >= start and m.end <= end
                            and kb.country_of(m.actor_id)), None) or _country_before(kb, mentions, start, 4)
            actor = kb.mint(Actor(id=f"rung:org:{slug(surface)}", name=surface, type=ActorType.organization,
                                  country=country, aliases={"en": [surface]}))
            people.minted[actor.id] = actor
            added.append(Mention(sentence=sentence, start=start, end=end, text=surface, actor_id=actor.id,
                                 label=actor.type.value, rule="organization:ner"))
            continue
        name, dropped = _clean_en_name(surface)
        words = name.split()
        if len(words) >= 2:
            office, office_start = _office_window(text, sentences, sentence, start)
            office = " ".join(filter(None, [office, *dropped])) or None
            country = _country_before(kb, mentions, start, start - office_start, text) if office else None
            earlier = next((kb.get(i) for i in people.minted if kb.get(i).type is ActorType.person
                            and kb.get(i).name.endswith(" " + name)), None)
            if earlier is not None:  # 'Van Schaack' after 'Beth Van Schaack'
                actor, rule = earlier, "person:surname"
            else:
                actor = people.mint(name, office, country, words[-1])
                rule = "person:ner" if actor.name == name else "person:surname"
        elif words and words[0] in people.by_surname:
            actor = kb.get(people.by_surname[words[0]])
            rule = "person:surname"
        elif len(words) == 1 and (listed := _titled_surname(kb, text, sentences, sentence, start, mentions,
                                                             words[0])) is not None:
            actor, rule = listed, "person:title+surname"
        else:
            continue
        added.append(Mention(sentence=sentence, start=start, end=end, text=surface, actor_id=actor.id,
                             label="person", rule=rule))
        covered[start:end] = b"\x01" * (end - start)
    # later mentions by surname alone ('Lind added'), after the person's first full mention
    first = {}
    for m in sorted([*mentions, *added], key=lambda m: m.start):
        first.setdefault(m.actor_id, m.end)
    for surname, actor_id in people.by_surname.items():
        if len(surname) < 3 or not surname[0].isupper():
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            start, end = match.span()
            if start < first.get(actor_id, len(text)) or any(covered[start:end]):
                continue
            added.append(Mention(sentence=_sentence_of(sentences, start), start=start, end=end, text=surname,
                                 actor_id=actor_id, label="person", rule="person:surname"))
            covered[start:end] = b"\x01" * (end - start)
    return added


@cache
def _honorifics() -> frozenset[str]:
    """English honorifics and titles before a name (titles.yaml `honorifics_en`), lower-cased, without a dot."""
    return frozenset(h.lower().rstrip(".") for h in _titles().get("honorifics_en", ()))


def _office_window(text: str, sentences: Sequence[Sentence], sentence: int, start: int) -> tuple[str | None, int]:
    """The title written right before a name at `start`, within its line and sentence and 80 characters, and where
    that title starts in the text."""
    line_start = text.rfind("\n", 0, start) + 1
    window_start = max(sentences[sentence].start if sentences else 0, line_start, start - 80)
    office, office_start = _office_before(text[window_start:start])
    return office, window_start + office_start


def _listed_by_surname(kb: KnowledgeBase, surname: str, countries: set[str]) -> list[Actor]:
    """The people the knowledge base lists under `surname`, of one of `countries` when given."""
    surname = surname.casefold()
    return [a for a in kb if a.type is ActorType.person and a.name.split()[-1].casefold() == surname
            and (not countries or a.country in countries)]


def _titled_surname(kb: KnowledgeBase, text: str, sentences: Sequence[Sentence], sentence: int, start: int,
                    mentions: Sequence[Mention], surname: str) -> Actor | None:
    """'Pakistani Foreign Minister Qureshi', 'Japanese Foreign Minister Hayashi': a surname with a state's office
    before it names the one person of that state the knowledge base lists under that surname (guide: a surname
    with a title names the person)."""
    office, office_start = _office_window(text, sentences, sentence, start)
    if office is None:
        return None
    country = _country_before(kb, mentions, start, start - office_start, text)
    if country is None:
        return None
    found = _listed_by_surname(kb, surname, {country})
    if len(found) > 1:  # 'Foreign Minister Wang': Wang Yi, not the ministry's spokesman Wang Wenbin
        words = {w for w in re.findall(r"[a-z]+", office.casefold()) if w in _OFFICE_WORDS
                 and w not in ("of", "the", "for", "and")}
        found = [a for a in found if words and words <= set(re.findall(r"[a-z]+", (a.office or "").casefold()))]
    return found[0] if len(found) == 1 else None


def known_person(kb: KnowledgeBase, tag: str, countries: set[str]) -> Actor | None:
    """The one person the knowledge base lists under the surname of a titled tag ('MR MILLER', 'Ms. Singh'),
    of one of `countries` (the publisher's) when given; None when the tag is no titled surname or the
    surname is ambiguous."""
    honorifics = _honorifics() | _RANKS
    words = tag.replace(".", " ").split()
    if len(words) < 2 or any(w.lower() not in honorifics for w in words[:-1]):
        return None
    found = _listed_by_surname(kb, words[-1], countries)
    return found[0] if len(found) == 1 else None
