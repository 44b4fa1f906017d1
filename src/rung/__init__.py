"""rung: a sourced, queryable record of an escalation, from crisis reporting in Japanese and English."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
