"""The English lexicons are data: every row well-formed, every id known to the knowledge base."""

from __future__ import annotations

import re

from rung.lang.en.lexicon import LIGHT, NONE, load_lexicon
from rung.model import Plover


def _strings_only(value, path="") -> list[str]:
    """YAML 1.1 reads on/no/yes as booleans: a cue list must hold strings only."""
    if isinstance(value, bool):
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _strings_only(v, f"{path}/{k}") + _strings_only(k, path)]
    if isinstance(value, list):
        return [p for v in value for p in _strings_only(v, path)]
    return []


def test_predicates_and_refinements_are_well_formed():
    lexicon = load_lexicon()
    assert len(lexicon.predicates) >= 300
    for table in (lexicon.predicates.values(), lexicon.refinements.values()):
        for entry in table:
            assert entry.plover in {LIGHT, NONE} or entry.plover in Plover.__members__, entry.row
            if entry.plover not in (LIGHT, NONE):
                assert entry.cameo and re.fullmatch(r"0[1-9]|1[0-9]|20", entry.cameo), entry.row
    for (predicate, _obj), entry in lexicon.refinements.items():
        assert predicate == predicate.lower(), entry.row


def test_cue_files_hold_no_yaml_booleans():
    lexicon = load_lexicon()
    flags = {"according_to_unnamed_by_default"}  # the one intended boolean
    assert _strings_only({k: v for k, v in lexicon.cues.items() if k not in flags}) == []
    assert _strings_only(lexicon.roles) == []
    assert "on" in lexicon.cues["target_prepositions"]["*"]


def test_roles_point_at_known_actors(analyzer):
    roles = load_lexicon().roles
    for name, actor_id in {**roles["demonyms"], **roles["metonymy"]}.items():
        assert analyzer.kb.get(actor_id) is not None, (name, actor_id)
