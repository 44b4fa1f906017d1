"""Charts for the dashboard, drawn here as SVG from the same data the API serves (no script, no CDN)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

MODALITY_SHAPE = {"occurred": "circle", "reported": "circle"}


def rung_colour(level: int | None, top: int) -> str:
    """Green (0) through amber to red (top); grey when there is no rung."""
    if level is None:
        return "#9aa0a6"
    hue = 120 - 120 * max(0, min(level, top)) / max(top, 1)
    return f"hsl({hue:.0f}, 70%, 42%)"


def rung_bar(level: int | None, top: int, width: int = 120, height: int = 12) -> str:
    """A small horizontal bar: how far up the ladder a dyad stands."""
    filled = 0 if level is None else width * (level + 1) / (top + 1)
    return (f'<svg class="rungbar" width="{width}" height="{height}" role="img" '
            f'aria-label="rung {level if level is not None else "none"} of {top}">'
            f'<rect width="{width}" height="{height}" rx="2" fill="#e8eaed"/>'
            f'<rect width="{filled:.1f}" height="{height}" rx="2" fill="{rung_colour(level, top)}"/></svg>')


def ladder_chart(events: Sequence[dict], rungs: Sequence[dict], thresholds: Sequence[dict],
                 width: int = 900, height: int = 420) -> str:
    """Events of one dyad on the ladder over time: x the day, y the rung; filled dots are occurred or
    reported, hollow ones planned, possible, conditional, recommended or hypothetical."""
    top = max((r["level"] for r in rungs), default=14)
    left, right, upper, lower = 250, 20, 16, 36
    pad = 24  # dots and day labels stay clear of the axis labels and the edge
    plot_w, plot_h = width - left - right - 3 * pad, height - upper - lower
    days = [e["day"] for e in events if e["day"] is not None]
    first, last = (min(days), max(days)) if days else (dt.date.today(), dt.date.today())
    if first == last:
        first, last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
    span = (last - first).days or 1

    def x(day: dt.date) -> float:
        return left + pad + plot_w * (day - first).days / span

    def y(level: float) -> float:
        return upper + plot_h * (1 - level / top)

    out = [(f'<svg class="ladder" viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-label="events on the escalation ladder over time">')]
    for r in rungs:
        yy = y(r["level"])
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}" class="grid"/>')
        out.append(f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end" class="tick">'
                   f'{r["level"]} {escape(_short(r["name"]))}</text>')
    for t in thresholds:
        yy = y(t["level"] - 0.5)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}" class="threshold"/>')
        out.append(f'<text x="{width - right - 4}" y="{yy - 3:.1f}" text-anchor="end" class="threshold-label">'
                   f'{escape(t["name"])}</text>')
    ticks = sorted({first, last, *days})
    step = max(1, len(ticks) // 8)
    for day in ticks[::step]:
        out.append(f'<text x="{x(day):.1f}" y="{height - 12}" text-anchor="middle" class="tick">{day:%Y-%m-%d}</text>')
    stacked: dict[tuple, int] = {}
    for e in events:
        if e["day"] is None or e["rung"] is None:
            continue
        key = (e["day"], e["rung"])
        n = stacked[key] = stacked.get(key, 0) + 1
        cx, cy = x(e["day"]) + (n - 1) * 9, y(e["rung"])
        colour = rung_colour(e["rung"], top)
        filled = e["modality"] in ("occurred", "reported")
        title = escape(f'{e["label"]} · {e["modality"]} · rung {e["rung"]}')
        out.append(f'<a href="/events/{escape(e["id"])}"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="6" '
                   f'fill="{colour if filled else "white"}" stroke="{colour}" stroke-width="2.5">'
                   f'<title>{title}</title></circle></a>')
    out.append("</svg>")
    return "".join(out)


def _short(name: str, limit: int = 34) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"
