"""The linker on a small hand-made knowledge base (independent of the bundled data)."""

from __future__ import annotations

import pytest

from rung.actors.kb import KnowledgeBase
from rung.actors.linker import Linker, Role, unlinked_mentions
from rung.model import Actor, Sentence


@pytest.fixture(scope="module")
def linker() -> Linker:
    kb = KnowledgeBase()
    for actor, short in [
        (Actor(id="Q30", name="United States", type="state", aliases={"ja": ["アメリカ", "米国"], "en": ["United States"]}), ["米"]),
        (Actor(id="Q145", name="United Kingdom", type="state", aliases={"ja": ["イギリス", "英国"]}), ["英"]),
        (Actor(id="Q865", name="Taiwan", type="state", aliases={"ja": ["台湾"]}), []),
        (Actor(id="Q159", name="Russia", type="state", aliases={"ja": ["ロシア"], "en": ["Russia"]}), []),
        (Actor(id="Q6279", name="Joe Biden", type="person", country="Q30",
               aliases={"ja": ["バイデン", "バイデン大統領"]}), []),
        (Actor(id="Q48525", name="Federal Government of the United States", type="organization", country="Q30",
               aliases={"en": ["US government"]}), []),
        (Actor(id="Q11209", name="United States Department of Defense", type="organization", country="Q30",
               aliases={"en": ["Pentagon"]}), []),
        (Actor(id="Q7184", name="NATO", type="alliance", aliases={"en": ["NATO"]}), []),
        (Actor(id="Q12345", name="Test Missile", type="weapon", aliases={"en": ["ATACMS"]}), []),
    ]:
        kb.add(actor, short)
    roles = {"政権": Role(name="government", by_country={"Q30": "Q48525"}, suffix=True),
             "国防総省": Role(name="defence ministry", by_country={"Q30": "Q11209"}, suffix=False)}
    return Linker(kb, roles)


def _link(linker: Linker, text: str, lang: str = "ja"):
    return linker.link(text, [Sentence(index=0, start=0, end=len(text), text=text)], lang)


CASES = [
    # text, expected (surface, actor id) in order, note
    ("バイデン大統領はロシアに警告した。", [("バイデン大統領", "Q6279"), ("ロシア", "Q159")], "longest alias with title"),
    ("NATO加盟国とATACMSミサイル", [("NATO", "Q7184"), ("ATACMS", "Q12345")], "Latin inside Japanese"),
    ("ロシアンルーレット", [], "katakana name inside a longer katakana word is not a mention"),
    ("米英両国は", [("米", "Q30"), ("英", "Q145")], "one-kanji short forms next to each other"),
    ("米は", [], "a lone short form is not a mention"),
    ("米ロシア協議", [("米", "Q30"), ("ロシア", "Q159")], "a short form run straight into a state's full name"),
    ("米政府は", [("米政府", "Q30")], "short form before a head noun, widened over the institution"),
    ("台湾国防部は", [("台湾国防部", "rung:org:Q865:defence-ministry")], "state + institution: the state's ministry"),
    ("台湾当局は", [("台湾当局", "Q865")], "state + authorities: the state itself"),
    ("バイデン政権は", [("バイデン政権", "Q48525")], "person + 政権 -> that person's government"),
    ("NATOs and RussiaN", [], "Latin aliases need word boundaries"),
]


@pytest.mark.parametrize(("text", "expected", "note"), CASES, ids=[c[2] for c in CASES])
def test_alias_cases(linker: Linker, text: str, expected: list[tuple[str, str]], note: str):
    assert [(m.text, m.actor_id) for m in _link(linker, text)] == expected


def test_role_resolves_by_context(linker: Linker):
    text = "バイデン大統領はコメントを控えた。国防総省も詳細を示していない。"
    sentences = [Sentence(index=0, start=0, end=17, text=text[:17]), Sentence(index=1, start=17, end=len(text), text=text[17:])]
    mentions = linker.link(text, sentences, "ja")
    pentagon = next(m for m in mentions if m.text == "国防総省")
    assert pentagon.actor_id == "Q11209" and pentagon.rule == "role:国防総省@Q30"


def test_role_without_context_stays_unlinked(linker: Linker):
    [mention] = _link(linker, "国防総省は発表した。")
    assert mention.actor_id is None and mention.label == "role:defence ministry"


def test_unlinked_proper_nouns_are_kept_not_overlapping(linker: Linker):
    text = "ロシアとザンガル国が会談した。"
    sentences = [Sentence(index=0, start=0, end=len(text), text=text)]
    linked = linker.link(text, sentences, "ja")
    proposals = [(0, 3, "place"), (4, 9, "place")]
    unlinked = unlinked_mentions(proposals, linked, text, sentences)
    assert [(m.text, m.actor_id, m.label) for m in unlinked] == [("ザンガル国", None, "place")]
