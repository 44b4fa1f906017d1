"""Words that look like actor names and are not: none of them may be linked (the bundled knowledge base)."""

from __future__ import annotations

import pytest

from rung.actors import load_knowledge_base
from rung.actors.linker import Linker
from rung.model import Sentence


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(load_knowledge_base())


def _linked(linker: Linker, text: str, lang: str) -> list[tuple[str, str | None, str]]:
    result = linker.link_article(text, [Sentence(index=0, start=0, end=len(text), text=text)], lang)
    return [(m.text, m.actor_id, m.rule) for m in result.mentions if m.actor_id]


NEAR_MISSES_JA = [
    "中間報告を出した",       # 中 (China) inside 中間
    "米中間選挙の結果",       # 米中 followed by 間: the US midterm elections, not US-China
    "期間中露呈した問題",     # 中露 inside 期間中 + 露呈
    "米粒ほどの大きさ",       # 米 (US) as rice
    "新米の季節",             # 米 after a kanji
    "英語で話した",           # 英 before a non-head
    "仏教の寺院",             # 仏 (France) as Buddha
    "独自の判断",             # 独 (Germany) in 独自
    "加盟を申請した",         # 加 (Canada) in 加盟
    "豪雨が続いた",           # 豪 (Australia) in 豪雨
    "印象に残った",           # 印 (India) in 印象
    "韓流ドラマ",             # 韓 before a non-head
    "プロ軍団",               # ロ (Russia) at the end of a katakana word
    "マクロ経済の軍事費",     # マクロ ends in ロ
    "ネグロ軍",               # a katakana word ending in ロ before 軍
    "ロシアンルーレット",     # ロシア inside a longer katakana word
    "フランスパンを買った",   # フランス inside a longer katakana word
    "東日本大震災",           # 日本 inside 東日本
    "西日本新聞",             # 日本 inside 西日本
    "中東情勢",               # 中 before 東
    "アジア大洋州局長が述べた",  # a region before a title is not a person
    "同国外務省は",           # 同国 with no state before it names no state (and is no bare 外務省)
]

NEAR_MISSES_EN = [
    "She roasted a turkey and set the table with fine china.",
    "The japan lacquer finish on the box.",
    "Nigeria and Romania signed a deal.",  # no Niger, no Oman inside longer words
    "Let us know; the un-named sources said.",
    "The Male ward was closed; Victoria and Kingston are names here.",
    "The submarine USS Georgia and HMS Diamond sailed on.",  # ships are not actors
]
# what each English sentence may link, exactly (the rest must stay unlinked)
ALLOWED_EN = {"Nigeria": "Q1033", "Romania": "Q218"}


@pytest.mark.parametrize("text", NEAR_MISSES_JA)
def test_japanese_near_misses_link_nothing(linker: Linker, text: str):
    assert _linked(linker, text, "ja") == []


@pytest.mark.parametrize("text", NEAR_MISSES_EN)
def test_english_near_misses_link_nothing(linker: Linker, text: str):
    assert [(t, i) for t, i, _rule in _linked(linker, text, "en") if ALLOWED_EN.get(t) != i] == []


SHOULD_LINK_JA = [
    ("対露制裁を強化", [("露", "Q159")]),
    ("日米首脳会談", [("日", "Q17"), ("米首脳", "Q30")]),
    ("中露両国", [("中", "Q148"), ("露", "Q159")]),
    ("イランは反発した。同国外務省は", [("イラン", "Q794"), ("同国外務省", "rung:org:Q794:foreign-ministry")]),
    ("駐日ロシア大使館", [("駐日ロシア大使館", "rung:org:Q159:embassy-in-Q17")]),
    ("中国海警局の船", [("中国海警局", "rung:china-coast-guard")]),
    ("在ウラジオストク日本国総領事館", [("在ウラジオストク日本国総領事館", "rung:org:Q17:consulate-general-in-rung:place:geonames-2013348")]),
    ("韓国国防省は", [("韓国国防省", "rung:org:Q884:defence-ministry")]),
    ("平壌は反発した", [("平壌", "Q423")]),
    ("北京政府は", [("北京政府", "Q148")]),
]


@pytest.mark.parametrize(("text", "expected"), SHOULD_LINK_JA, ids=[t for t, _ in SHOULD_LINK_JA])
def test_short_forms_and_compositions_link(linker: Linker, text: str, expected):
    assert [(t, i) for t, i, _rule in _linked(linker, text, "ja")] == expected


def test_every_link_names_its_rule(linker: Linker):
    text = "山田太郎防衛大臣は、中国海警局と露軍について述べた。同氏は平壌を非難した。"
    rules = [rule for _t, _i, rule in _linked(linker, text, "ja")]
    assert rules and all(rules)
    assert rules[0] == "person:title:防衛大臣" and "anaphor:同氏" in rules


def test_titled_people_are_minted_with_office_and_country(linker: Linker):
    text = "山田太郎防衛大臣は述べた。山田防衛大臣は、同氏の発言を繰り返した。"
    result = linker.link_article(text, [Sentence(index=0, start=0, end=len(text), text=text)], "ja")
    people = [m for m in result.mentions if m.label == "person"]
    assert {m.actor_id for m in people} == {"rung:person:yamada-taro"}
    actor = result.kb.get("rung:person:yamada-taro")
    assert actor.name == "Yamada Taro" and actor.office == "Minister of Defense" and actor.country == "Q17"
    assert [m.rule for m in people] == ["person:title:防衛大臣", "person:surname", "anaphor:同氏"]


def test_english_titled_names_without_a_list(linker: Linker):
    text = "Chinese foreign ministry spokesperson Lu Qingfeng said the drills were normal. Deputy spokesperson Maria Lind disagreed. Lind added more."
    result = linker.link_article(text, [Sentence(index=0, start=0, end=len(text), text=text)], "en")
    by_text = {m.text: m for m in result.mentions}
    lu = result.kb.get(by_text["Lu Qingfeng"].actor_id)
    assert lu.type.value == "person" and lu.country == "Q148" and "spokesperson" in lu.office
    assert by_text["Maria Lind"].actor_id == by_text["Lind"].actor_id == "rung:person:maria-lind"


def test_ranks_and_units_are_not_part_of_a_name(linker: Linker):
    text = "Air Force Brig. Gen. Tom Quill briefed reporters. Quill said the Strike Group left."
    i = text.index("Air")
    result = linker.link_article(text, [Sentence(index=0, start=0, end=len(text), text=text)], "en",
                                 [(i, i + len("Air Force Brig"), "person"), (text.index("Strike"), text.index(" left"), "organization")])
    names = sorted({result.kb.get(m.actor_id).name for m in result.mentions if m.actor_id})
    assert names == ["Tom Quill"]


def test_bare_titles_resolve_to_their_holder_on_the_article_date(linker: Linker):
    import datetime as dt

    text = "官房長官は記者会見で、ロシアの外相の発言を批判した。"
    sentence = [Sentence(index=0, start=0, end=len(text), text=text)]
    by_date = {}
    for day in (dt.date(2019, 6, 1), dt.date(2023, 6, 1)):
        result = linker.link_article(text, sentence, "ja", (), day)
        by_date[day.year] = {m.text: result.kb.get(m.actor_id).name for m in result.mentions if m.rule.startswith("office:")}
    assert by_date[2019] == {"官房長官": "Yoshihide Suga", "外相": "Sergey Lavrov"}
    assert by_date[2023] == {"官房長官": "Hirokazu Matsuno", "外相": "Sergey Lavrov"}
    # no date, no guess; a title after a name is the name's mention, not a second person
    assert not [m for m in linker.link_article(text, sentence, "ja").mentions if m.rule.startswith("office:")]
    named = "岸田首相と林官房長官"
    result = linker.link_article(named, [Sentence(index=0, start=0, end=len(named), text=named)], "ja", (), dt.date(2023, 6, 1))
    assert not [m for m in result.mentions if m.rule.startswith("office:")]


def test_a_surname_after_a_states_office_names_the_listed_person(linker: Linker):
    """'Pakistani Foreign Minister Qureshi', 'Japanese Foreign Minister Hayashi' (guide: a surname with a title names
    the person): the one person of that state the knowledge base lists under that surname, even where the NER read
    the surname as a place; Guaido's chief of staff is Venezuelan through the possessive, while a person named
    before another with no possessive gives no state."""
    text = "I spoke to Pakistani Foreign Minister Qureshi and Japanese Foreign Minister Hayashi."
    q, h = text.index("Qureshi"), text.index("Hayashi")
    result = linker.link_article(text, [Sentence(index=0, start=0, end=len(text), text=text)], "en",
                                 [(q, q + 7, "place"), (h, h + 7, "person")])
    by_text = {m.text: m.actor_id for m in result.mentions}
    assert by_text.get("Qureshi") == "rung:person:shah-mahmood-qureshi"
    assert by_text.get("Hayashi") == "rung:person:yoshimasa-hayashi"
    text = "He met Juan Guaido’s Chief of Staff Roberto Marrero."
    r = text.index("Roberto")
    result = linker.link_article(text, [Sentence(index=0, start=0, end=len(text), text=text)], "en",
                                 [(r, r + len("Roberto Marrero"), "person")])
    marrero = next(result.kb.get(m.actor_id) for m in result.mentions if m.text == "Roberto Marrero")
    assert marrero.country == "Q717"
