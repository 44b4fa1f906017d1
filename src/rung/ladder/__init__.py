"""The escalation ladder: a documented rung scale, events placed on it, dyads followed over time.

`load_scale()` and `rung_for()` are the scale; `place_events()` is the pipeline stage; `rung.ladder.index`
holds the daily indices, trends and alerts, and `rung.ladder.plot` the pictures.
"""

from rung.ladder.place import place_events
from rung.ladder.scale import Rung, Scale, Threshold, load_scale, rung_for

__all__ = ["Rung", "Scale", "Threshold", "load_scale", "place_events", "rung_for"]
