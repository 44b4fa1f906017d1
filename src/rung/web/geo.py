"""The map: the world's outline from an installed package (pygal_maps_world's SVG, countries keyed by
ISO 3166 alpha-2), each state coloured by the highest rung of the events located there.

rung's events carry no coordinates; an event is located in the state where the act lands: its
target's state, else its source's (an actor with no state, such as NATO, is left off the map).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from importlib import resources

from rung.web.svg import rung_colour


@functools.lru_cache(maxsize=1)
def world_svg() -> str:
    text = (resources.files("pygal_maps_world") / "worldmap.svg").read_text(encoding="utf-8")
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    text = re.sub(r"<\?xml[^>]*>", "", text)
    return text


@functools.lru_cache(maxsize=1)
def qid_to_alpha2() -> dict[str, str]:
    """Wikidata QID -> ISO alpha-2 (lower case), from rung's own iso3.tsv and pycountry."""
    import pycountry

    text = (resources.files("rung.actors") / "data" / "iso3.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if line and not line.startswith("#")),
                          delimiter="\t")
    out = {}
    for row in rows:
        country = pycountry.countries.get(alpha_3=row["alpha3"])
        if country is not None:
            out[row["qid"]] = country.alpha_2.lower()
    return out


@dataclass(slots=True)
class Place:
    qid: str
    name: str
    alpha2: str
    events: int = 0
    top: int | None = None
    event_ids: list[str] = field(default_factory=list)


def places(events: Iterable, names: dict[str, str]) -> list[Place]:
    codes = qid_to_alpha2()
    found: dict[str, Place] = {}
    for e in events:
        state = e.target_country or e.source_country
        code = codes.get(state or "")
        if code is None:
            continue
        place = found.setdefault(state, Place(qid=state, name=names.get(state, state), alpha2=code))
        place.events += 1
        if e.rung is not None and (place.top is None or e.rung > place.top):
            place.top = e.rung
        place.event_ids.append(e.id)
    return sorted(found.values(), key=lambda p: (-(p.top if p.top is not None else -1), -p.events, p.name))


def world_map(located: list[Place], top: int) -> str:
    """The world SVG with each located state filled by its highest rung and titled with its figures."""
    svg = world_svg()
    style = ["#countries path { stroke: #fff; stroke-width: .6; }"]
    by_code = {p.alpha2: p for p in located}
    for p in located:
        style.append(f".{p.alpha2} path, .{p.alpha2} circle {{ fill: {rung_colour(p.top, top)}; }}")

    def titled(match: re.Match) -> str:
        code = match.group(1)
        p = by_code.get(code)
        if p is None:
            return match.group(0)
        title = f"{p.name}: {p.events} event(s), highest rung {p.top if p.top is not None else '–'}"
        return f'{match.group(0)}<title>{escape(title)}</title>'

    svg = re.sub(r'<g class="([a-z]{2}) country map-element">', titled, svg)
    svg = svg.replace('width="2754" height="1398"', 'width="100%" class="worldmap" role="img" '
                      'aria-label="events by state, coloured by rung"', 1)
    return svg.replace("<title>World Map</title>", "<title>World Map</title><style>" + "\n".join(style) + "</style>", 1)
