"""Daily indices, dyad summaries, trend and alerts from a small hand-made store."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from rung.ladder import place_events
from rung.ladder.index import (
    alerts,
    daily_index,
    dyad_summaries,
    overall_index,
    parse_dyad,
    parse_level,
    risk_index,
)
from rung.model import Article, Claim, DocumentRecord, Event, Evidence, Sentence, Span
from rung.store import open_store
from tests.ladder.seed import seed_record

D = dt.date


def _event(i: int, article: str, day: dt.date | None, plover: str, source: str, target: str, modality: str = "occurred",
           instrument: str | None = None, predicate: str | None = None, negated: bool = False) -> Event:
    cameo = {"ASSAULT": "18", "SANCTION": "16", "THREATEN": "13", "PROTEST": "14", "AID": "07"}[plover]
    return Event(id=f"{article}-e{i}", article_id=article, source=source, target=target, plover=plover, cameo=cameo,
                 modality=modality, negated=negated, date=day, instrument=instrument, sentence_index=0, sentence="s",
                 span=Span(start=0, end=1), evidence=Evidence(predicate=predicate))


def _record(kb, article_id: str, day: dt.date, events: list[Event], statuses: dict[int, str] | None = None):
    claims = [Claim(id=f"{article_id}-c{i}", article_id=article_id, text="s", sentence_index=0,
                    span=Span(start=0, end=1), status=status, event_ids=[events[i].id])
              for i, status in (statuses or {}).items()]
    placed = place_events(events, claims, kb)
    return DocumentRecord(article=Article(id=article_id, date=day, body=f"body {article_id}", lang="en"),
                          sentences=[Sentence(index=0, start=0, end=1, text="s")], actors=[], mentions=[],
                          events=placed, claims=claims)


@pytest.fixture
def store(tmp_path, kb):
    store = open_store("sqlite:///" + str(tmp_path / "ladder.sqlite"))
    records = [
        # a quiet month: protests Russia > UK
        *(_record(kb, f"old{k}", D(2024, 10, 20) + dt.timedelta(days=k),
                  [_event(0, f"old{k}", None, "PROTEST", "Q159", "Q145")]) for k in range(0, 28, 4)),
        # the last week: expulsions, then a hypersonic strike on the UK (reported, unconfirmed), a threat
        _record(kb, "a1", D(2024, 11, 20), [_event(0, "a1", D(2024, 11, 20), "SANCTION", "Q159", "Q145",
                                                   predicate="expel diplomats")]),
        _record(kb, "a2", D(2024, 11, 24), [
            _event(0, "a2", D(2024, 11, 23), "ASSAULT", "Q159", "Q145", modality="reported", instrument="Q900004"),
            _event(1, "a2", D(2024, 11, 23), "THREATEN", "Q7747", "Q145", modality="occurred", instrument="Q12802"),
            _event(2, "a2", D(2024, 11, 24), "ASSAULT", "Q159", "Q212"),
            _event(3, "a2", D(2024, 11, 24), "ASSAULT", "Q159", "Q145", instrument="Q12802", negated=True),
        ], statuses={0: "unconfirmed"}),
        _record(kb, "a3", D(2024, 11, 25), [_event(0, "a3", None, "AID", "Q30", "Q212", modality="reported",
                                                   instrument="Q900001")]),
        # an article with no escalation at all (counts in the share-of-articles denominator)
        DocumentRecord(article=Article(id="a4", date=D(2024, 11, 25), body="calm", lang="en"),
                       sentences=[], actors=[], mentions=[]),
    ]
    for record in records:
        store.add_record(record, list(kb))
    yield store
    store.engine.dispose()


def test_daily_index(store) -> None:
    points = daily_index(store, dyad=("Q159", "Q145"))
    by_day = {p.day: p for p in points}
    assert by_day[D(2024, 10, 20)].max_rung == 1  # article date used when the event has none
    assert by_day[D(2024, 11, 20)].max_rung == 5
    day = by_day[D(2024, 11, 23)]
    # hypersonic strike on the UK (11, weight 0.6) + Putin's nuclear threat (12, weight 1)
    assert (day.max_rung, day.events) == (12, 2)
    assert day.weighted == pytest.approx(11 * 0.6 + 12)
    assert D(2024, 11, 24) not in by_day  # the negated nuclear strike is left out
    overall = {p.day: p for p in overall_index(daily_index(store))}
    assert overall[D(2024, 11, 24)].max_rung == 8
    assert overall[D(2024, 11, 25)].weighted == pytest.approx(6)  # reported AID, no claim: weight 1


def test_window(store) -> None:
    points = daily_index(store, since=D(2024, 11, 21), until=D(2024, 11, 24))
    assert {p.day for p in points} == {D(2024, 11, 23), D(2024, 11, 24)}


def test_dyad_summaries(store) -> None:
    rows = {(s.source, s.target): s for s in dyad_summaries(store)}
    uk = rows[("Q159", "Q145")]
    assert uk.reached == 12           # Putin's threat occurred; the strike report is unconfirmed
    assert uk.claimed == 11
    assert uk.threatened == 12
    assert uk.trend == "up" and uk.recent > uk.baseline > 0
    assert rows[("Q159", "Q212")].reached == 8
    assert rows[("Q30", "Q212")].reached == 6
    assert next(iter(rows)) == ("Q159", "Q145")  # highest first
    assert dyad_summaries(store, since=D(2024, 10, 1), until=D(2024, 10, 31))[0].reached == 1


def test_parse_dyad_and_level(store, kb) -> None:
    assert parse_dyad("Russia>United Kingdom", store, kb) == ("Q159", "Q145")
    assert parse_dyad("Vladimir Putin > Q145", store, kb) == ("Q159", "Q145")
    assert parse_level("nuclear") == 13
    assert parse_level("direct NATO-Russia fire") == 10
    assert parse_level("7") == 7


def test_alerts(store) -> None:
    found = alerts(store, 10, since=D(2024, 11, 18))
    assert [(a.source, a.target, a.first) for a in found] == [("Q159", "Q145", D(2024, 11, 23))]
    assert alerts(store, 10, since=D(2024, 11, 24)) == []       # crossed before the window
    assert alerts(store, 13) == []                               # the nuclear strike was negated
    assert {a.target for a in alerts(store, 1, until=D(2024, 10, 31))} == {"Q145"}


def test_risk_index(store) -> None:
    points = {p.day: p for p in risk_index(store)}
    assert points[D(2024, 11, 25)].articles == 2
    assert points[D(2024, 11, 25)].share == pytest.approx(0.5)       # the AID (rung 6) article, not the calm one
    assert points[D(2024, 11, 24)].threat_articles == 1             # Putin's nuclear threat
    assert points[D(2024, 10, 20)].share == 0                        # a protest is below every threshold
    assert sum(p.index for p in points.values()) / len(points) == pytest.approx(100)


def test_risk_index_counts_copies_of_a_report_once(store, kb) -> None:
    from rung.model import ReportLink

    day = D(2024, 11, 25)
    before = {p.day: p for p in risk_index(store)}[day]
    for n in range(3):  # three portal copies of a3 (the AID report), and one copy of the calm a4
        copy = _record(kb, f"a3-copy{n}", day, [_event(0, f"a3-copy{n}", None, "AID", "Q30", "Q212",
                                                       modality="reported", instrument="Q900001")])
        store.add_record(copy, list(kb), report=ReportLink(article_id=f"a3-copy{n}", report_id="a3", shingles=20))
    calm = DocumentRecord(article=Article(id="a4-copy", date=day, body="calm copy", lang="en"), sentences=[],
                          actors=[], mentions=[])
    store.add_record(calm, list(kb), report=ReportLink(article_id="a4-copy", report_id="a4", shingles=20))
    after = {p.day: p for p in risk_index(store)}[day]
    assert (after.articles, after.act_articles, after.share) == (before.articles, before.act_articles, before.share)
    other = _record(kb, "a5", day, [_event(0, "a5", None, "AID", "Q30", "Q212", modality="reported",
                                           instrument="Q900001")])
    store.add_record(other, list(kb), report=ReportLink(article_id="a5", report_id="a5", shingles=20))
    assert {p.day: p for p in risk_index(store)}[day].articles == before.articles + 1  # another report counts


def test_cli_ladder(store) -> None:
    from rung.cli.main import app

    runner = CliRunner()
    db = store.engine.url.database
    result = runner.invoke(app, ["ladder", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["reached"] == 12 and rows[0]["source_name"] == "Russia"
    result = runner.invoke(app, ["ladder", "--db", db, "--dyad", "Russia>Ukraine", "--csv"])
    assert result.exit_code == 0 and result.output.splitlines()[1].startswith("Q159,Q212,Russia,Ukraine,8")
    result = runner.invoke(app, ["ladder", "--db", db, "--daily", "--csv"])
    assert result.exit_code == 0 and "2024-11-23,all,12" in result.output


def test_cli_alert_exit_status(store) -> None:
    from rung.cli.main import app

    runner = CliRunner()
    db = store.engine.url.database
    crossed = runner.invoke(app, ["ladder", "--db", db, "--alert", "direct NATO–Russia fire", "--since", "2024-11-18"])
    assert crossed.exit_code == 3, crossed.output
    as_json = runner.invoke(app, ["ladder", "--db", db, "--alert", "10", "--since", "2024-11-18", "--json"])
    assert as_json.exit_code == 3
    assert [a["dyad"] for a in json.loads(as_json.output)] == ["Russia > United Kingdom"]
    quiet = runner.invoke(app, ["ladder", "--db", db, "--alert", "nuclear", "--since", "2024-11-18"])
    assert quiet.exit_code == 0, quiet.output
    bad = runner.invoke(app, ["ladder", "--db", db, "--alert", "apocalypse"])
    assert bad.exit_code != 0


def test_seed_store(tmp_path, kb) -> None:
    store = open_store("sqlite:///" + str(tmp_path / "seed.sqlite"))
    store.add_record(seed_record(kb), list(kb))
    rows = {(s.source_name, s.target_name): s for s in dyad_summaries(store)}
    assert rows[("Russia", "France")].threatened == 11
    assert rows[("Russia", "United Kingdom")].threatened == 11
    assert rows[("Russia", "NATO")].threatened == 14
    assert {rows[(c, "Ukraine")].claimed for c in ("United States", "United Kingdom", "France")} == {6}
