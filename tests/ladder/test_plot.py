"""The pictures are written, non-empty, and Japanese labels get a CJK font (not tofu boxes)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rung.ladder.plot import actor_graph, cjk_font, draw_ladder
from rung.store import open_store
from tests.ladder.seed import seed_events, seed_record

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, kb) -> str:
    path = tmp_path_factory.mktemp("plot") / "seed.sqlite"
    store = open_store(f"sqlite:///{path}")
    store.add_record(seed_record(kb), list(kb))
    store.engine.dispose()
    return str(path)


def test_cjk_font_covers_the_seed_labels(kb) -> None:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    family = cjk_font()
    if family is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    font = FT2Font(path)
    events, _ = seed_events(kb)
    labels = "".join(e.evidence.predicate or "" for e in events)
    missing = {c for c in labels if font.get_char_index(ord(c)) == 0}
    assert not missing, f"{family} ({path}) has no glyph for {sorted(missing)}"


def test_cjk_label_renders_without_missing_glyph_warning(tmp_path, kb, caplog) -> None:
    if cjk_font() is None:
        pytest.skip("no CJK font installed")
    import warnings

    events, claims = seed_events(kb)
    from rung.ladder import place_events

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)" for tofu
        out = draw_ladder(place_events(events, claims, kb), tmp_path / "ladder.png",
                          names={a.id: a.name for a in kb}, title="梯子 (ladder)")
    assert out.read_bytes().startswith(PNG_MAGIC)


@pytest.mark.parametrize(("command", "suffix"), [
    (["plot", "ladder"], "png"),
    (["plot", "timeline"], "png"),
    (["plot", "actors"], "png"),
    (["plot", "actors", "--format", "html"], "html"),
])
def test_plot_commands_write_files(command, suffix, seed_db, tmp_path) -> None:
    from rung.cli.main import app

    out = tmp_path / f"picture.{suffix}"
    result = CliRunner().invoke(app, [*command, "--db", seed_db, "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert len(data) > 5_000
    if suffix == "png":
        assert data.startswith(PNG_MAGIC)
    else:
        assert b"vega" in data and b"Russia" in data


def test_plot_group_is_shared() -> None:
    from rung.cli.main import app

    result = CliRunner().invoke(app, ["plot", "--help"])
    assert result.exit_code == 0
    for name in ("ladder", "timeline", "actors"):
        assert name in result.output


def test_actor_graph_keeps_highest_rung(kb) -> None:
    from rung.ladder import place_events

    events, claims = seed_events(kb)
    graph = actor_graph(place_events(events, claims, kb))
    assert graph["Q159"]["Q142"]["rung"] == 11
    assert graph["Q159"]["Q7184"]["rung"] == 14
    assert graph["Q159"]["Q142"]["events"] == 4


def test_empty_store_is_a_clear_error(tmp_path) -> None:
    from rung.cli.main import app

    db = str(tmp_path / "empty.sqlite")
    open_store(f"sqlite:///{db}").engine.dispose()
    result = CliRunner().invoke(app, ["plot", "ladder", "--db", db, "--out", str(tmp_path / "x.png")])
    assert result.exit_code != 0
