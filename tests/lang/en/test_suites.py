"""The PETRARCH suites (`rung eval --suite`): they load from ../shared, never from the project, and produce
agreement figures in [0, 1] with every sentence either coded or skipped."""

from __future__ import annotations

import pytest

from rung.eval_suites import (
    SUITES,
    external_dir,
    iso3_table,
    load_suite,
    parse_petrarch_actors,
    parse_records,
    run_suite,
)

HAVE_DATA = (external_dir() / "UniversalPetrarch").is_dir() and (external_dir() / "petrarch2").is_dir()
needs_data = pytest.mark.skipif(not HAVE_DATA, reason=f"PETRARCH data not found under {external_dir()} "
                                                     "(set RUNG_EXTERNAL_DATA to the shared external folder)")

RECORDS = """<Sentences>
<Sentence date="20080806" id="A_1" category="AFP"/>
<EventCoding eventcode="031" sourcecode="BRA" targetcode='USA' />
<Text>
Brazil and the United States
are seeking ties.
</Text>
<Sentence date="19950101" id="B_2" category="DEMO" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
</Sentences>"""

ACTORS = """<!-- header -->
ARNOR_  [ARN]
GONDOR [GON]
+MINAS_TIRITH
GOLLUM  # pas 27 Apr 03
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
BOROMIR  [---]
"""


def test_records_parse_both_layouts():
    records = parse_records(RECORDS)
    assert [r.id for r in records] == ["A_1", "B_2"]
    assert records[0].text == "Brazil and the United States are seeking ties."
    assert [(c.source, c.target, c.event, c.root) for c in records[0].codings] == [("BRA", "USA", "031", "03")]
    assert records[1].codings == () and str(records[0].date) == "2008-08-06"


def test_petrarch_actor_dictionary():
    actors = parse_petrarch_actors(ACTORS)
    assert actors == {"ARN": ["ARNOR"], "GON": ["GONDOR", "MINAS TIRITH"], "HOB": ["GOLLUM", "SMEAGOL"]}


def test_iso3_table_covers_every_state(analyzer):
    states = {a.id for a in analyzer.kb if a.type.value == "state"}
    table = iso3_table()
    assert states <= set(table)
    assert all(len(code) == 3 and code.isupper() for code in table.values())
    assert table["Q1065"] == "IGO" and "Q38799" not in table  # the UN is an IGO; Hamas is not


@needs_data
def test_suites_load_from_shared():
    gsr = load_suite("petrarch-gsr")
    unit = load_suite("petrarch-unit")
    assert len(gsr) >= 75 and len(unit) == 284
    assert sum(len(r.codings) for r in gsr) >= 75


@needs_data
@pytest.mark.parametrize("suite", SUITES)
def test_suite_figures(suite, analyzer):
    from rung.pipeline import Analyzer
    from rung.settings import Settings

    def make(extra):
        if not extra:
            return analyzer
        settings = Settings.load()
        return Analyzer(settings.model_copy(update={"knowledge_base_files": (*settings.knowledge_base_files, *extra)}))

    scores = run_suite(suite, make)
    figures = scores.as_dict()
    assert figures["coded"] + figures["skipped"] == figures["sentences"] == len(load_suite(suite))
    for key in ("root_agreement", "source_agreement", "target_agreement", "full_agreement",
                "root_agreement_coded", "event_precision_root"):
        assert 0.0 <= figures[key] <= 1.0, key
    assert figures["coded"] > 0
    if suite == "petrarch-unit":  # the fictional actors were linked from the generated knowledge-base file
        assert any("ARN" in "".join(row["rung"]) or "GON" in "".join(row["rung"]) for row in scores.rows)


def test_cli_rejects_an_unknown_suite():
    from typer.testing import CliRunner

    from rung.cli.main import app
    from rung.errors import InputError

    result = CliRunner().invoke(app, ["eval", "--suite", "tabari"])
    assert isinstance(result.exception, InputError)  # rung's main turns it into one line and exit status 2
    assert "unknown suite 'tabari'" in str(result.exception)


@needs_data
def test_cli_prints_suite_figures_as_json():
    import json

    from typer.testing import CliRunner

    from rung.cli.main import app

    result = CliRunner().invoke(app, ["eval", "--suite", "petrarch-gsr", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["suite"] == "petrarch-gsr" and figures["code_scheme"] == "cameo"
    assert figures["coded"] + figures["skipped"] == figures["sentences"]


def test_weis_category_follows_the_cameo_code_where_one_type_spans_two():
    """Condemning (PROTEST, CAMEO 11) is WEIS 12 (122 denounce), a street demonstration (PROTEST, CAMEO 14) WEIS 18,
    a demand (REQUEST, CAMEO 10) WEIS 15, a plain request WEIS 09."""
    from types import SimpleNamespace

    from rung.eval_suites import event_root
    from rung.model import Plover

    def root(plover, cameo):
        return event_root(SimpleNamespace(plover=Plover(plover), cameo=cameo), "weis")

    assert [root("PROTEST", "11"), root("PROTEST", "14"), root("REQUEST", "10"), root("REQUEST", "02")] == \
        ["12", "18", "15", "09"]
    assert event_root(SimpleNamespace(plover=Plover("PROTEST"), cameo="11"), "cameo") == "11"
