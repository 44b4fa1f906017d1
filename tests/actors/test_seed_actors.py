"""The seed's actors, against the hand-checked golden file."""

from __future__ import annotations

import json

from ..conftest import REPO

GOLDEN = json.loads((REPO / "tests" / "gold" / "seed_actors.json").read_text(encoding="utf-8"))

# The list of actors the seed must link to Wikidata, by QID (checked by look-up, see the KB doc).
MUST_LINK = {
    "Q6279": "Joe Biden", "Q212": "Ukraine", "Q159": "Russia", "Q9684": "The New York Times", "Q3178": "Kursk Oblast",
    "Q130879": "Reuters", "Q35525": "White House", "Q11209": "United States Department of Defense",
    "Q142": "France", "Q145": "United Kingdom", "Q317521": "Elon Musk", "Q717": "Venezuela",
    "Q58132": "Nicolás Maduro", "Q12908": "George Soros", "Q3611005": "Alexander Soros", "Q8678": "Rio de Janeiro",
    "Q19771": "G20", "Q7747": "Vladimir Putin", "Q7184": "NATO", "Q22686": "Donald Trump", "Q28": "Hungary",
    "Q214": "Slovakia", "Q30": "United States", "Q48525": "Federal Government of the United States",
    "Q12802": "nuclear weapon",
}


def test_seed_links_exactly_the_golden_actors(seed_record):
    found = {a.id: sorted({m.text for m in seed_record.mentions if m.actor_id == a.id})
             for a in seed_record.actors if a.mentions}
    expected = {row["id"]: row["surfaces"] for row in GOLDEN["actors"]}
    assert found == expected


def test_seed_record_is_closed(seed_record):
    """Every id that a mention, event or claim names is in the actor table, and so is each one's country."""
    listed = {a.id for a in seed_record.actors}
    named = {m.actor_id for m in seed_record.mentions if m.actor_id}
    named |= {i for e in seed_record.events for i in (e.source, e.target, e.instrument) if i}
    named |= {i for c in seed_record.claims for i in (c.attributed_to, c.cites) if i and i != "unnamed"}
    assert named <= listed
    assert {a.country for a in seed_record.actors if a.country} <= listed


def test_seed_links_at_least_25_actors_to_wikidata(seed_record):
    linked = {a.id: a.name for a in seed_record.actors if a.id.startswith("Q")}
    assert MUST_LINK.items() <= linked.items()
    assert len(linked) >= 25


def test_roles_resolve_in_the_seed(seed_record):
    by_text = {m.text: m for m in seed_record.mentions}
    assert by_text["バイデン政権"].actor_id == "Q48525" and by_text["バイデン政権"].rule.startswith("role:")
    assert by_text["国防総省"].actor_id == "Q11209" and by_text["国防総省"].rule == "role:国防総省@Q30"


def test_every_mention_points_at_its_text(seed_record):
    body = seed_record.article.body
    for m in seed_record.mentions:
        assert body[m.start:m.end] == m.text
        sentence = seed_record.sentences[m.sentence]
        assert sentence.start <= m.start and m.end <= sentence.end
