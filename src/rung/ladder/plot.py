"""Pictures of the ladder: events on the rungs, rungs over time, the actor network (PNG; HTML via Altair).

Matplotlib is used through `Figure` objects (no pyplot state). Japanese labels need a CJK font: the
first Noto Sans CJK (Debian package fonts-noto-cjk) or other CJK font matplotlib can find is used, and
a warning is logged when there is none (Japanese text would then show as empty boxes).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from rung.errors import InputError, ModelMissingError
from rung.ladder.index import NO_ACTOR, actor_names
from rung.ladder.scale import Scale, load_scale
from rung.model import Event, Modality
from rung.store import schema

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from rung.actors.kb import KnowledgeBase
    from rung.store import Store

log = logging.getLogger(__name__)

FACTUAL = {Modality.occurred, Modality.reported}
# modality -> (colour, short label); occurred/reported are drawn filled, the rest hollow
MODALITY_STYLE = {
    Modality.occurred: ("#b2182b", "occurred"),
    Modality.reported: ("#d6604d", "reported"),
    Modality.planned: ("#8c510a", "planned"),
    Modality.possible: ("#e08214", "possible"),
    Modality.recommended: ("#1b7837", "recommended"),
    Modality.conditional: ("#2166ac", "conditional"),
    Modality.hypothetical: ("#762a83", "hypothetical"),
}
CJK_FILE_HINTS = ("NotoSansCJK", "NotoSansJP", "NotoSerifCJK", "IPAexGothic", "ipag", "TakaoGothic", "VL-Gothic",
                  "SourceHanSans", "DroidSansFallback")


@functools.lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of an installed CJK font (registered with matplotlib), or None."""
    from matplotlib import font_manager

    for hint in CJK_FILE_HINTS:
        for path in sorted(font_manager.findSystemFonts()):
            if hint.casefold() in Path(path).name.casefold() and "bold" not in Path(path).name.casefold():
                font_manager.fontManager.addfont(path)
                return font_manager.FontProperties(fname=path).get_name()
    log.warning("no CJK font found: Japanese labels will not render (install the Debian package fonts-noto-cjk)")
    return None


def _style() -> dict:
    family = [f for f in (cjk_font(), "DejaVu Sans") if f]
    return {"font.family": family, "font.size": 9, "axes.titlesize": 11, "axes.unicode_minus": False}


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=110, layout="constrained")


def _save(fig: Figure, out: Path | str) -> Path:
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out)
    except OSError as error:
        raise InputError(f"{out}: cannot write the picture ({error.strerror})") from error
    return out


def _dyad(event: Event) -> tuple[str, str]:
    return (event.source_country or event.source or NO_ACTOR, event.target_country or event.target or NO_ACTOR)


def _events(store: Store, since: dt.date | None, until: dt.date | None,
            dyad: tuple[str, str] | None) -> list[Event]:
    events = [e for e in store.events(since=since, until=until) if e.rung is not None and not e.negated]
    # never a dyad of one actor with itself, nor a "(none)" actor
    events = [e for e in events if _dyad(e)[0] != _dyad(e)[1] and NO_ACTOR not in _dyad(e)]
    return [e for e in events if dyad is None or _dyad(e) == dyad]


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def _label(event: Event, limit: int = 18) -> str:
    """The event's predicate (or PLOVER type), cut to about `limit` Latin characters' width."""
    text = (event.evidence.predicate or event.plover.value.lower()).strip()
    if sum(_width(c) for c in text) <= limit:
        return text
    out, used = "", 0
    for char in text:
        if used + _width(char) > limit - 1:
            break
        out, used = out + char, used + _width(char)
    return out + "…"


def _draw_thresholds(ax: Axes, scale: Scale, x_text: float, vertical: bool = True) -> None:
    for t in scale.thresholds:
        y = t.level - 0.5
        ax.axhline(y, color="#555555", linestyle="--", linewidth=0.8, zorder=1)
        ax.text(x_text, y + 0.06, t.name, ha="right", va="bottom", fontsize=7.5, color="#333333", style="italic",
                zorder=2, transform=ax.get_yaxis_transform() if not vertical else ax.transData)


def _legend_handles():
    from matplotlib.lines import Line2D

    return [Line2D([], [], marker="o", linestyle="", markersize=7, label=label,
                   markerfacecolor=colour if modality in FACTUAL else "white", markeredgecolor=colour,
                   markeredgewidth=1.6)
            for modality, (colour, label) in MODALITY_STYLE.items()]


# -- the ladder -----------------------------------------------------------------------------------------
# Dyads drawn by default (the highest first), and labelled markers per dyad and rung: more would overlap.
TOP_DYADS = 8
LABELS_PER_CELL = 3


def _cell(group: list[Event]) -> list[tuple[Event, str]]:
    """One cell (a dyad at a rung): one marker per distinct label (a count when repeated), factual first,
    at most LABELS_PER_CELL of them; the last says how many more there are."""
    by_label: dict[tuple[bool, str], list[Event]] = defaultdict(list)
    for event in group:
        by_label[(event.modality not in FACTUAL, _label(event))].append(event)
    entries = sorted(by_label.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1]))
    shown = [(evs[0], label + (f" ×{len(evs)}" if len(evs) > 1 else "")) for (_, label), evs in entries]
    if len(shown) > LABELS_PER_CELL:
        rest = sum(len(evs) for _, evs in entries[LABELS_PER_CELL - 1:])
        shown = [*shown[:LABELS_PER_CELL - 1], (shown[LABELS_PER_CELL - 1][0], f"+{rest} more")]
    return shown


def draw_ladder(events: Iterable[Event], out: Path | str, names: dict[str, str] | None = None,
                scale: Scale | None = None, title: str = "Escalation ladder", top: int | None = TOP_DYADS) -> Path:
    """Rungs from bottom (0) to top, thresholds as dashed lines, one column of events per dyad: the `top`
    dyads that climbed highest (all with None or 0)."""
    from matplotlib import rc_context

    scale = scale or load_scale()
    names = names or {}
    columns: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        columns[_dyad(event)].append(event)
    order = sorted(columns, key=lambda d: (-max(e.rung or 0 for e in columns[d]), -len(columns[d]),
                                           names.get(d[0], d[0]), names.get(d[1], d[1])))
    if top and len(order) > top:
        title = f"{title} (the {top} highest of {len(order)} dyads; --top to change)"
        order = order[:top]
    width = 4.2 + 1.7 * max(len(order), 1)
    with rc_context(_style()):
        fig = _figure(width, 0.5 * (scale.top + 1) + 1.6)
        ax = fig.add_subplot()
        ax.set_ylim(-0.6, scale.top + 0.6)
        ax.set_xlim(-0.5, max(len(order), 1) - 0.5 + 0.9)
        ax.set_yticks([r.level for r in scale.rungs], [f"{r.name}  {r.level}" for r in scale.rungs], fontsize=8)
        for level in range(0, scale.top + 1, 2):
            ax.axhspan(level - 0.5, level + 0.5, color="#f4f4f4", zorder=0)
        _draw_thresholds(ax, scale, x_text=max(len(order), 1) - 0.5 + 0.88)
        for x, dyad in enumerate(order):
            at_rung: dict[int, list[Event]] = defaultdict(list)
            for event in columns[dyad]:
                at_rung[event.rung or 0].append(event)
            for level, group in at_rung.items():
                cell = _cell(group)
                n = len(cell)
                for k, (event, label) in enumerate(cell):
                    y = level - (k - (n - 1) / 2) * min(0.3, 0.8 / n)  # first entry on top
                    colour, _ = MODALITY_STYLE[event.modality]
                    ax.plot([x - 0.3], [y], marker="o", markersize=8, linestyle="", zorder=4,
                            markerfacecolor=colour if event.modality in FACTUAL else "white",
                            markeredgecolor=colour, markeredgewidth=1.8)
                    ax.annotate(label, (x - 0.3, y), xytext=(7, 0), textcoords="offset points",
                                va="center", ha="left", fontsize=7.5, zorder=5)
        ax.set_xticks(range(len(order)),
                      [f"{names.get(s, s)}\n→ {names.get(t, t)}" for s, t in order], fontsize=8)
        ax.xaxis.tick_top()
        ax.tick_params(axis="x", length=0)
        ax.tick_params(axis="y", length=0)
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        ax.set_title(title, loc="left", pad=10)
        fig.legend(handles=_legend_handles(), loc="outside lower center", ncols=7, frameon=False, fontsize=8,
                   title="filled: occurred or reported · hollow: not (yet) happened", title_fontsize=8)
        return _save(fig, out)


def ladder_png(store: Store, out: Path | str, since: dt.date | None = None, until: dt.date | None = None,
               dyad: tuple[str, str] | None = None, kb: KnowledgeBase | None = None,
               top: int | None = TOP_DYADS) -> Path:
    events = _events(store, since, until, dyad)
    if not events:
        raise InputError(f"{store.label}: no events with a rung in the window: nothing to draw")
    return draw_ladder(events, out, names=actor_names(store, kb), top=top)


# -- the timeline ---------------------------------------------------------------------------------------
def _article_dates(store: Store, since: dt.date | None, until: dt.date | None) -> list[dt.date]:
    a = schema.articles
    query = select(a.c.date).where(a.c.date.is_not(None))
    if since:
        query = query.where(a.c.date >= since)
    if until:
        query = query.where(a.c.date <= until)
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(query)]


def draw_timeline(events: Iterable[Event], out: Path | str, article_dates: Iterable[dt.date] = (),
                  names: dict[str, str] | None = None, scale: Scale | None = None,
                  title: str = "Rung over time by dyad") -> Path:
    """Each dyad's events by date and rung (filled = happened), its daily highest rung joined by a line."""
    from matplotlib import colormaps, rc_context
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    scale = scale or load_scale()
    names = names or {}
    by_dyad: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        if event.date is not None:
            by_dyad[_dyad(event)].append(event)
    order = sorted(by_dyad, key=lambda d: -max(e.rung or 0 for e in by_dyad[d]))
    colours = colormaps["tab10"]
    dates = sorted({e.date for es in by_dyad.values() for e in es} | set(article_dates))
    span_days = max((dates[-1] - dates[0]).days, 1) if dates else 1
    step = dt.timedelta(days=span_days * 0.018)
    with rc_context(_style()):
        fig = _figure(10.5, 6.2)
        ax = fig.add_subplot()
        for i, dyad in enumerate(order):
            colour = colours(i % 10)
            daily: dict[dt.date, int] = {}
            for e in by_dyad[dyad]:
                daily[e.date] = max(daily.get(e.date, 0), e.rung or 0)  # type: ignore[index]
            days = sorted(daily)
            offset = step * (i - (len(order) - 1) / 2)  # keep same-day dyads apart

            def at(day: dt.date, offset: dt.timedelta = offset) -> dt.datetime:
                return dt.datetime.combine(day, dt.time(12)) + offset

            ax.plot([at(d) for d in days], [daily[d] for d in days], color=colour, linewidth=1.2, alpha=0.7,
                    label=f"{names.get(dyad[0], dyad[0])} → {names.get(dyad[1], dyad[1])}")
            for e in by_dyad[dyad]:
                ax.plot([at(e.date)], [e.rung], marker="o", markersize=6, linestyle="", color=colour,
                        markerfacecolor=colour if e.modality in FACTUAL else "white", markeredgewidth=1.5)
        for d in article_dates:
            ax.plot([dt.datetime.combine(d, dt.time(12))], [-0.45], marker="|", markersize=10, color="#444444", linestyle="")
        if dates:
            ax.text(0.003, -0.3, "article dates", fontsize=7, color="#444444", va="bottom",
                    transform=ax.get_yaxis_transform())
            pad = dt.timedelta(days=max(1, (dates[-1] - dates[0]).days // 20))
            ax.set_xlim(dates[0] - pad, dates[-1] + 3 * pad)
        for t in scale.thresholds:
            ax.axhline(t.level - 0.5, color="#777777", linestyle="--", linewidth=0.7)
            ax.text(1.0, t.level - 0.45, t.name, transform=ax.get_yaxis_transform(), ha="right", va="bottom",
                    fontsize=7, color="#333333", style="italic")
        ax.set_ylim(-0.7, scale.top + 0.6)
        ax.set_yticks([r.level for r in scale.rungs], [f"{r.short}  {r.level}" for r in scale.rungs], fontsize=7.5)
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.grid(axis="x", color="#eeeeee")
        ax.set_title(title + "  (filled: occurred/reported, hollow: not happened)", loc="left")
        fig.legend(loc="outside right upper", fontsize=8, frameon=False, title="dyad", title_fontsize=8)
        return _save(fig, out)


def timeline_png(store: Store, out: Path | str, since: dt.date | None = None, until: dt.date | None = None,
                 dyad: tuple[str, str] | None = None, kb: KnowledgeBase | None = None) -> Path:
    events = _events(store, since, until, dyad)
    if not events:
        raise InputError(f"{store.label}: no events with a rung in the window: nothing to draw")
    # events without their own date take their article's (as the store's reader does for ordering)
    a = schema.articles
    with store.engine.connect() as conn:
        article_day = {r[0]: r[1] for r in conn.execute(select(a.c.id, a.c.date))}
    events = [e if e.date else e.model_copy(update={"date": article_day.get(e.article_id)}) for e in events]
    return draw_timeline(events, out, _article_dates(store, since, until), names=actor_names(store, kb))


# -- the actor network ----------------------------------------------------------------------------------
def actor_graph(events: Iterable[Event], names: dict[str, str] | None = None):
    """Actors as nodes; an edge source -> target with the highest rung and the number of events."""
    import networkx as nx

    names = names or {}
    graph = nx.DiGraph()
    for e in events:
        if not e.source or not e.target or e.source == e.target:
            continue
        for node in (e.source, e.target):
            graph.add_node(node, name=names.get(node, node))
        data = graph.get_edge_data(e.source, e.target) or {"rung": -1, "events": 0}
        graph.add_edge(e.source, e.target, rung=max(data["rung"], e.rung or 0), events=data["events"] + 1)
    return graph


def _layout(graph) -> dict[str, tuple[float, float]]:
    import networkx as nx

    pos = nx.spring_layout(graph.to_undirected(), seed=7, k=1.6 / max(len(graph), 1) ** 0.5, iterations=200)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def draw_actors(events: Iterable[Event], out: Path | str, names: dict[str, str] | None = None,
                scale: Scale | None = None, title: str = "Actors, edges coloured by the highest rung") -> Path:
    import networkx as nx
    from matplotlib import colormaps, rc_context
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    scale = scale or load_scale()
    graph = actor_graph(events, names)
    if not len(graph):
        raise InputError("no events with both a source and a target: no network to draw")
    pos = _layout(graph)
    cmap, norm = colormaps["YlOrRd"], Normalize(vmin=0, vmax=scale.top)
    with rc_context(_style()):
        fig = _figure(9.5, 7.5)
        ax = fig.add_subplot()
        edges = sorted(graph.edges(data=True), key=lambda e: e[2]["rung"])
        nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=[(u, v) for u, v, _ in edges],
                               edge_color=[cmap(norm(max(d["rung"], 1))) for _, _, d in edges],
                               width=[1.5 + 0.6 * min(d["events"], 5) for _, _, d in edges], arrows=True,
                               arrowsize=14, connectionstyle="arc3,rad=0.12", node_size=900)
        nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=900, node_color="#e8eef5", edgecolors="#4a6785")
        for node, (x, y) in pos.items():
            ax.text(x, y, graph.nodes[node]["name"], ha="center", va="center", fontsize=8,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        ax.set_xlim(min(xs) - 0.3, max(xs) + 0.3)
        ax.set_ylim(min(ys) - 0.2, max(ys) + 0.2)
        ax.set_axis_off()
        bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.8, ticks=range(scale.top + 1))
        bar.ax.set_yticklabels([f"{r.level} {r.short}" for r in scale.rungs], fontsize=7.5)
        bar.set_label("highest rung between the two actors")
        ax.set_title(title, loc="left")
        return _save(fig, out)


def actors_png(store: Store, out: Path | str, since: dt.date | None = None, until: dt.date | None = None,
               kb: KnowledgeBase | None = None) -> Path:
    return draw_actors(_events(store, since, until, None), out, names=actor_names(store, kb))


def actors_chart(events: Iterable[Event], names: dict[str, str] | None = None, scale: Scale | None = None):
    """The actor network as an Altair (Vega-Lite) chart: hover an edge or node for details."""
    try:
        import altair as alt
    except ImportError as error:
        raise ModelMissingError("the HTML network needs Altair: pip install altair==6.3.0") from error
    scale = scale or load_scale()
    graph = actor_graph(events, names)
    if not len(graph):
        raise InputError("no events with both a source and a target: no network to draw")
    pos = _layout(graph)
    rung_names = {r.level: r.name for r in scale.rungs}
    nodes = [{"id": n, "name": graph.nodes[n]["name"], "x": pos[n][0], "y": pos[n][1]} for n in graph.nodes]
    edges = [{"source": graph.nodes[u]["name"], "target": graph.nodes[v]["name"], "x": pos[u][0], "y": pos[u][1],
              "x2": pos[v][0], "y2": pos[v][1], "rung": d["rung"], "rung_name": rung_names.get(d["rung"], ""),
              "events": d["events"]} for u, v, d in graph.edges(data=True)]
    x = alt.X("x:Q", axis=None)
    y = alt.Y("y:Q", axis=None)
    edge_layer = alt.Chart(alt.Data(values=edges)).mark_rule(strokeWidth=3, opacity=0.85).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        color=alt.Color("rung:Q", scale=alt.Scale(scheme="yelloworangered", domain=[0, scale.top]),
                        title="highest rung"),
        tooltip=["source:N", "target:N", "rung:Q", "rung_name:N", "events:Q"])
    node_layer = alt.Chart(alt.Data(values=nodes)).mark_circle(size=500, color="#e8eef5", stroke="#4a6785").encode(
        x=x, y=y, tooltip=["name:N", "id:N"])
    text_layer = alt.Chart(alt.Data(values=nodes)).mark_text(fontSize=11).encode(x=x, y=y, text="name:N")
    return (edge_layer + node_layer + text_layer).properties(
        width=720, height=560, title="Actors, edges coloured by the highest rung").interactive()


def actors_html(store: Store, out: Path | str, since: dt.date | None = None, until: dt.date | None = None,
                kb: KnowledgeBase | None = None) -> Path:
    chart = actors_chart(_events(store, since, until, None), names=actor_names(store, kb))
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # Vega, Vega-Lite and vega-embed inlined from vl-convert-python: the page works offline
        chart.save(str(out), format="html", inline=True)
    except OSError as error:
        raise InputError(f"{out}: cannot write the chart ({error.strerror})") from error
    return out


__all__ = [
    "actor_graph", "actors_chart", "actors_html", "actors_png", "cjk_font", "draw_actors", "draw_ladder",
    "draw_timeline", "ladder_png", "timeline_png",
]
