"""Named weapon systems found by their designators: actors of type weapon (guide: a named weapon system is an
actor), only beside a word for a kind of weapon, and never the source or target of an event."""

from __future__ import annotations

import pytest

from rung.actors import load_knowledge_base
from rung.actors.linker import Linker
from rung.model import Article, Sentence


def _weapons(text: str, lang: str) -> set[str]:
    linker = Linker(load_knowledge_base())
    result = linker.link_article(text, [Sentence(index=0, start=0, end=len(text), text=text)], lang)
    return {a.name for m in result.mentions if (a := linker.kb.get(m.actor_id)) is not None
            and m.rule == "weapon:designator"}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("The navy sent a carrier group equipped with Su-34 bombers and F-16C fighters.", "en", {"Su-34", "F-16C"}),
    ("The country launched the Kwangmyong-5 weather satellite on a new rocket, Unha-9.", "en",
     {"Kwangmyong-5", "Unha-9"}),
    ("The raid was carried out by the same RQ-4s that flew on Monday.", "en", {"RQ-4"}),
    ("外国軍のＴｕ－９５爆撃機２機が日本海上空を飛行した。", "ja", {"Tu-95"}),
    ("Leaders of the G-7 met as COVID-19 cases rose under Article-5 talks.", "en", set()),
])
def test_designators_beside_a_weapon_kind_are_weapon_actors(text: str, lang: str, expected: set[str]):
    assert _weapons(text, lang) == expected


def test_a_designated_weapon_is_never_a_party(analyzer):
    body = "The United States struck the Russian convoy with MQ-9s near the border."
    record = analyzer.analyze(Article(id="w", lang="en", body=body))
    weapons = {a.id for a in record.actors if a.type.value == "weapon"}
    assert weapons and record.events
    assert all(e.source not in weapons and e.target not in weapons for e in record.events)
