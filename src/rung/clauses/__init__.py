"""The clause layer: language-neutral clause records filled by each language's parse adapter."""

from rung.clauses.discourse import Anaphor, Discourse
from rung.clauses.model import Argument, Attribution, ClaimCues, Clause, Evidential, Link, Role

__all__ = ["Anaphor", "Argument", "Attribution", "ClaimCues", "Clause", "Discourse", "Evidential", "Link", "Role"]
