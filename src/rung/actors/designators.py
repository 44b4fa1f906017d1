"""Named weapon systems that the knowledge base lacks, found by their designators (weapon_designators.yaml).

'F-35C fighters', 'the Malligyong-1 reconnaissance satellite', 'Y-9情報収集機': the guide makes a named weapon
system an actor. The mention gets a minted weapon actor (`rung:weapon:<slug>`), which the event builder keeps
out of the source and target roles as it does every weapon (an instrument, never a party).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources

import yaml

from rung.actors.kb import KnowledgeBase
from rung.actors.people import _sentence_of, slug
from rung.model import Actor, ActorType, Mention, Sentence

# letters (Latin, half- or full-width), a hyphen of any width, a number, an optional letter suffix; an English
# plural 's' after it counts the system's units
# (bounded by Latin letters and digits only: Japanese writes the kind straight after it, 'Y-9情報収集機')
_LATIN = r"A-Za-z0-9Ａ-Ｚａ-ｚ０-９\-－‐"
_DESIGNATOR = re.compile(rf"(?<![{_LATIN}])([A-ZＡ-Ｚ][A-Za-zＡ-Ｚａ-ｚ]{{0,11}}[\-－‐][0-9０-９]{{1,3}}[A-ZＡ-Ｚ]{{0,2}})"
                         rf"(s?)(?![{_LATIN}])")
_WORD = re.compile(r"[A-Za-z]+")


@cache
def _data() -> dict:
    path = resources.files("rung.actors") / "data" / "weapon_designators.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _names_a_weapon(text: str, start: int, end: int, plural: bool, lang: str) -> bool:
    data = _data()
    if lang == "ja":
        after = text[end:end + data["chars_after"]]
        return any(kind in after for kind in data["kinds"]["ja"])
    if plural:
        return True
    kinds = set(data["kinds"]["en"])
    after = _WORD.findall(text[end:end + 60])[:data["words_after"]]
    before = _WORD.findall(text[max(0, start - 60):start])[-data["words_before"]:]
    return any(w.lower() in kinds or (w.lower().endswith("s") and w.lower()[:-1] in kinds) for w in [*after, *before])


def designated_weapons(kb: KnowledgeBase, text: str, sentences: Sequence[Sentence], lang: str,
                       mentions: Sequence[Mention], minted: dict[str, Actor]) -> list[Mention]:
    """Mentions of weapon systems named by a designator that no mention covers already."""
    covered = bytearray(len(text))
    for m in mentions:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    found: list[Mention] = []
    for match in _DESIGNATOR.finditer(text):
        start, end = match.span(1)
        if any(covered[start:end]) or not _names_a_weapon(text, start, end, bool(match.group(2)), lang):
            continue
        name = unicodedata.normalize("NFKC", match.group(1)).replace("‐", "-")
        actor = kb.mint(Actor(id=f"rung:weapon:{slug(name)}", name=name, type=ActorType.weapon,
                              aliases={lang: [match.group(1)]}))
        minted[actor.id] = actor
        found.append(Mention(sentence=_sentence_of(sentences, start), start=start, end=end, text=match.group(1),
                             actor_id=actor.id, label=ActorType.weapon.value, rule="weapon:designator"))
    return found
