"""Fixtures for the ladder tests: a small hand-made knowledge base and the seed's key events."""

from __future__ import annotations

import pytest

from rung.actors.kb import KnowledgeBase
from rung.model import Actor

ACTORS = [
    ("Q159", "Russia", "state", None, ["ロシア"]),
    ("Q212", "Ukraine", "state", None, ["ウクライナ"]),
    ("Q30", "United States", "state", None, ["アメリカ", "米国"]),
    ("Q145", "United Kingdom", "state", None, ["イギリス", "英国"]),
    ("Q142", "France", "state", None, ["フランス"]),
    ("Q36", "Poland", "state", None, ["ポーランド"]),
    ("Q7184", "NATO", "alliance", None, ["北大西洋条約機構"]),
    ("Q7747", "Vladimir Putin", "person", "Q159", ["プーチン"]),
    ("Q23530", "Dmitry Medvedev", "person", "Q159", ["メドベージェフ"]),
    ("Q6279", "Joe Biden", "person", "Q30", ["バイデン"]),
    # weapon QIDs are placeholders on purpose: the ladder must match weapons by name through the KB
    ("Q900001", "ATACMS", "weapon", None, ["ATACMS"]),
    ("Q900002", "Storm Shadow", "weapon", None, ["ストームシャドウ", "SCALP EG"]),
    ("Q900003", "hypersonic weapon", "weapon", None, ["極超音速兵器"]),
    ("Q900004", "Oreshnik", "weapon", None, ["オレシュニク"]),
    ("Q12802", "nuclear weapon", "weapon", None, ["核兵器"]),
    ("Q900005", "Iskander", "weapon", None, ["イスカンデル"]),
]


def make_kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    for qid, name, kind, country, ja in ACTORS:
        kb.add(Actor(id=qid, name=name, type=kind, country=country, aliases={"en": [name], "ja": ja}))
    return kb


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return make_kb()
