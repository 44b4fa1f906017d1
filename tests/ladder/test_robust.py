"""Issue 13, ladder: undated articles, future-dated events (left out of trends, flagged)."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from rung.ladder.index import daily_index, dyad_summaries
from rung.store import open_store
from tests.ladder.test_index import _event, _record

D = dt.date


def test_ladder_on_undated_articles(tmp_path, kb):
    store = open_store(str(tmp_path / "u.sqlite"))
    record = _record(kb, "u1", None, [_event(0, "u1", None, "ASSAULT", "Q159", "Q212")])
    store.add_record(record, list(kb))
    [summary] = dyad_summaries(store, kb=kb)
    assert summary.trend == "undated" and summary.reached == 8 and summary.last is None
    from rung.cli.main import app

    result = CliRunner().invoke(app, ["ladder", "--db", str(tmp_path / "u.sqlite")])
    assert result.exit_code == 0, result.output
    assert "undated" in result.output
    store.engine.dispose()


def test_a_future_dated_event_does_not_drag_the_trend(tmp_path, kb):
    store = open_store(str(tmp_path / "f.sqlite"))
    for k in range(5):
        day = D(2024, 11, 20) + dt.timedelta(days=k)
        store.add_record(_record(kb, f"a{k}", day, [_event(0, f"a{k}", day, "ASSAULT", "Q159", "Q212")]), list(kb))
    # an article of 25 Nov whose event date was read as 2030: a parsing error, not news from the future
    store.add_record(_record(kb, "bad", D(2024, 11, 25),
                             [_event(0, "bad", D(2030, 1, 1), "ASSAULT", "Q159", "Q212")]), list(kb))
    [summary] = dyad_summaries(store, kb=kb)
    assert summary.future_dated == 1
    assert summary.trend == "up" and summary.recent > 0  # the window ends on 25 Nov 2024, not in 2030
    assert all(p.day.year == 2024 for p in daily_index(store))
    from rung.cli.main import app

    db = str(tmp_path / "f.sqlite")
    result = CliRunner().invoke(app, ["ladder", "--db", db, "--json"])
    assert json.loads(result.output)[0]["future_dated"] == 1
    store.engine.dispose()


def test_a_dyad_of_one_actor_with_itself_is_never_shown(tmp_path, kb):
    from rung.ladder.index import alerts

    store = open_store(str(tmp_path / "s.sqlite"))
    day = D(2024, 11, 25)
    store.add_record(_record(kb, "a", day, [_event(0, "a", day, "ASSAULT", "Q159", "Q159"),  # によりますと misread
                                            _event(1, "a", day, "ASSAULT", "Q7747", "Q159"),  # Putin > Russia
                                            _event(2, "a", day, "ASSAULT", "Q159", "Q212")]), list(kb))
    assert [(s.source, s.target) for s in dyad_summaries(store, kb=kb)] == [("Q159", "Q212")]
    assert {(p.source, p.target) for p in daily_index(store)} == {("Q159", "Q212")}
    assert [(a.source, a.target) for a in alerts(store, 1, kb=kb)] == [("Q159", "Q212")]
    store.engine.dispose()


def test_the_html_network_works_offline(tmp_path, kb):
    """No script from a CDN: Vega, Vega-Lite and vega-embed are inlined in the page."""
    import re

    from rung.ladder.plot import actors_html

    store = open_store(str(tmp_path / "s.sqlite"))
    day = D(2024, 11, 25)
    store.add_record(_record(kb, "a", day, [_event(0, "a", day, "ASSAULT", "Q159", "Q212")]), list(kb))
    page = actors_html(store, tmp_path / "a.html", kb=kb).read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page), "a script is loaded from elsewhere"
    assert "vegaEmbed" in page and len(page) > 500_000  # the libraries themselves are in the page
    store.engine.dispose()


def test_the_ladder_plot_shows_the_top_dyads_and_few_labels_per_cell(tmp_path, kb):
    from rung.ladder.plot import LABELS_PER_CELL, TOP_DYADS, _cell, ladder_png

    store = open_store(str(tmp_path / "s.sqlite"))
    actors = ["Q159", "Q212", "Q30", "Q145", "Q142", "Q36"]
    dyads = [(s, t) for s in actors for t in actors if s != t][:12]
    for k, (s, t) in enumerate(dyads):
        events = [_event(i, f"x{k}", D(2024, 11, 20), "SANCTION", s, t, predicate=f"verb{i % 4}") for i in range(7)]
        store.add_record(_record(kb, f"x{k}", D(2024, 11, 20), events), list(kb))
    cell = _cell([_event(i, "c", None, "SANCTION", "Q159", "Q145", predicate=f"verb{i % 4}") for i in range(7)])
    assert len(cell) == LABELS_PER_CELL
    assert [label for _, label in cell] == ["verb0 ×2", "verb1 ×2", "+3 more"]
    out = ladder_png(store, tmp_path / "l.png", kb=kb)
    assert out.read_bytes().startswith(b"\x89PNG")
    from rung.cli.main import app

    for top in ("3", "0"):
        result = CliRunner().invoke(app, ["plot", "ladder", "--db", str(tmp_path / "s.sqlite"), "--top", top,
                                          "--out", str(tmp_path / f"t{top}.png")])
        assert result.exit_code == 0, result.output
    # fewer dyads drawn, a narrower picture
    import struct

    def width(path):
        return struct.unpack(">I", path.read_bytes()[16:20])[0]

    assert width(tmp_path / "t3.png") < width(out) < width(tmp_path / "t0.png")
    assert len(dyads) > TOP_DYADS
    store.engine.dispose()
