"""Near-duplicates in a store: written with the article, the index rebuilt after a restart, old articles
checked later, `rung dedup`, and merged events that count a copied report once."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import typer
from sqlalchemy import select
from typer.testing import CliRunner

from rung.cli import events as events_cli
from rung.dedup.stored import open_index, recheck
from rung.events.merge import load, rebuild
from rung.ingest import make_article
from rung.model import DocumentRecord
from rung.store import open_store, schema

from ..events.records import ACTORS, RU, UA, Ev, TopicEncoder, record, topics_of

DAY = dt.date(2024, 11, 19)
STRIKE = "Ukraine fired ATACMS missiles at a military facility in the Bryansk region on Tuesday, officials said."
DENIAL = "The Kremlin said the reports of the strike were untrue and that all missiles had been intercepted."
MORE = "Air defence systems were active over the region for several hours, the regional governor wrote."
OTHER = "Russian drones struck energy infrastructure in Kharkiv overnight, cutting power to thousands of homes."


def _report(outlet: str, sentences: list[str], lang: str = "en") -> DocumentRecord:
    return record(lang, DAY, outlet, [Ev(s, "strike", UA, RU, date=DAY, qualifier="on",
                                         claims=[("rung:kremlin", None, "denied")] if s == DENIAL else [])
                                      for s in sentences])


def _copy(original: DocumentRecord, outlet: str, head: str, foot: str) -> DocumentRecord:
    """A portal's copy: the same sentences (events, claims) in the portal's frame, under another id."""
    body = f"{head}\n{original.article.body}\n{foot}"
    article = make_article(body, title=f"{outlet}: {original.article.title}", date=original.article.date,
                           lang=original.article.lang, outlet=outlet, source="test")
    old = original.article.id

    def moved(x):
        return x.model_copy(update={"id": x.id.replace(old, article.id), "article_id": article.id})

    claims = [c.model_copy(update={"id": c.id.replace(old, article.id), "article_id": article.id,
                                   "event_ids": [e.replace(old, article.id) for e in c.event_ids]})
              for c in original.claims]
    return DocumentRecord(article=article, sentences=original.sentences, actors=[], mentions=[],
                          events=[moved(e) for e in original.events], claims=claims)


@pytest.fixture
def path(store_url):
    """A fresh store's URL: a SQLite file, and a new PostgreSQL database when RUNG_TEST_PG_URL is set."""
    return store_url


def _ingest(store, records):
    """What `rung ingest` does with each analysed article."""
    index, _ = open_index(store)
    links = []
    for r in records:
        link = index.check(r.article)
        assert store.add_record(r, ACTORS, report=link)
        index.add(link)
        links.append(link)
    return links


def test_copies_are_stored_as_versions_and_found_again_after_a_restart(path):
    reuters = _report("Reuters", [STRIKE, DENIAL, MORE])
    yahoo = _copy(reuters, "Yahoo News", "Yahoo News", "Read more")
    store = open_store(str(path))
    links = _ingest(store, [reuters, yahoo])
    assert [x.report_id for x in links] == [reuters.article.id] * 2
    store.engine.dispose()
    again = open_store(str(path), create=False)  # a new process: the index comes from the stored signatures
    msn = _copy(reuters, "MSN", "MSN\nStory by Reuters", "Send us your feedback")
    other = _report("AP", [OTHER, MORE])
    [msn_link, other_link] = _ingest(again, [msn, other])
    assert msn_link.report_id == reuters.article.id and msn_link.duplicate_of in {reuters.article.id, yahoo.article.id}
    assert other_link.report_id == other.article.id
    with again.engine.connect() as conn:
        rows = {r.article_id: r for r in conn.execute(select(schema.article_reports))}
    assert len(rows) == 4 and rows[msn.article.id].similarity >= 0.6 and rows[msn.article.id].signature
    again.engine.dispose()


def test_an_open_index_sees_what_another_process_stored(path):
    reuters = _report("Reuters", [STRIKE, DENIAL, MORE])
    yahoo = _copy(reuters, "Yahoo News", "Yahoo News", "Read more")
    store = open_store(str(path))
    mine, _ = open_index(store)  # opened before the other writer stores anything
    other_store = open_store(str(path), create=False)
    _ingest(other_store, [reuters])
    link = mine.check(yahoo.article)
    assert link.report_id == reuters.article.id
    store.engine.dispose()
    other_store.engine.dispose()


def test_merged_events_count_a_copied_report_once(path):
    reuters = _report("Reuters", [STRIKE, DENIAL])
    copies = [_copy(reuters, outlet, outlet, "Read more") for outlet in ("Yahoo News", "MSN", "SmartNews")]
    nhk = _report("NHK", ["ウクライナ軍は19日、ATACMSでブリャンスク州の軍事施設を攻撃したと当局者が明らかにした。"], lang="ja")
    store = open_store(str(path))
    _ingest(store, [reuters, *copies, nhk])
    encoder = TopicEncoder(topics_of(reuters, nhk))
    rebuild(store, encoder)
    [strike] = [m for m in load(store) if m.articles > 1]
    assert strike.articles == 5 and strike.distinct_reports == 2
    assert len(strike.outlets) == 5
    assert [d.by for d in strike.denials] == ["rung:kremlin"]  # four copies of one denial: one denial
    assert {r.report_id for r in strike.reports} == {reuters.article.id, nhk.article.id}
    store.engine.dispose()


def test_articles_stored_without_a_check_are_checked_later(path):
    reuters = _report("Reuters", [STRIKE, DENIAL, MORE])
    yahoo = _copy(reuters, "Yahoo News", "Yahoo News", "Read more")
    store = open_store(str(path))
    assert store.add_record(reuters, ACTORS) and store.add_record(yahoo, ACTORS)  # e.g. before migration 0005
    index, checked = open_index(store)
    assert [x.article_id for x in checked] == [reuters.article.id, yahoo.article.id]
    assert checked[1].report_id == reuters.article.id and len(index.index) == 2
    assert open_index(store)[1] == []  # checked once
    assert [x.report_id for x in recheck(store)] == [reuters.article.id] * 2
    store.engine.dispose()


@pytest.fixture
def app():
    app = typer.Typer()
    events_cli.register(app)
    return app


def test_rung_dedup_lists_reports_with_several_versions(app, path):
    reuters = _report("Reuters", [STRIKE, DENIAL, MORE])
    store = open_store(str(path))
    for r in (reuters, _copy(reuters, "MSN", "MSN", "Related"), _report("AP", [OTHER, MORE])):
        store.add_record(r, ACTORS)
    store.engine.dispose()
    runner = CliRunner()
    result = runner.invoke(app, ["dedup", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.stdout)
    assert report["report_id"] == reuters.article.id
    assert [v["outlet"] for v in report["versions"]] == ["Reuters", "MSN"]
    full = runner.invoke(app, ["dedup", "--db", str(path), "--full"])
    assert full.exit_code == 0 and "3 article(s) checked; 2 report(s), 1 with several versions" in full.stderr


def test_rung_dedup_never_creates_a_store(app, tmp_path):
    missing = tmp_path / "none.sqlite"  # (a reading command on PostgreSQL is tested in tests/cli)
    result = CliRunner().invoke(app, ["dedup", "--db", str(missing)])
    assert result.exit_code != 0 and not missing.exists()
