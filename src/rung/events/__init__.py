"""Events: who did what to whom, coded in PLOVER with a CAMEO root, with modality, negation and date.

Language-independent pieces live here (the PLOVER -> CAMEO table, dates, ids); the extractors that
read a parse are per language (`rung.lang.<code>.events`).
"""

from rung.events.common import cameo_for, event_id

__all__ = ["cameo_for", "event_id"]
