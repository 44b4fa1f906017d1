"""Claims: who asserted what, citing whom, and whether anyone confirmed it.

Language modules find attributions (`rung.lang.<code>.claims`); what is decided across the whole
article lives here: official responses (declined to comment, denied, confirmed) update the reported
claims about the parties that responded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rung.model import Claim, ClaimStatus, Event

AUTHOR = "rung:author"
UNNAMED = "unnamed"

# A stronger response wins over a weaker one: a confirmation settles a report; a denial is kept
# even if someone else declined to comment.
_STRENGTH = {ClaimStatus.confirmed: 3, ClaimStatus.denied: 2, ClaimStatus.declined_to_comment: 1}


@dataclass(frozen=True, slots=True)
class OfficialResponse:
    status: ClaimStatus
    countries: frozenset[str]
    sentence_index: int
    cue: str


def apply_responses(claims: Sequence[Claim], events: Sequence[Event], responses: Sequence[OfficialResponse],
                    state_of: Callable[[str | None], str | None] = lambda _actor: None) -> list[Claim]:
    """Reports (status `unconfirmed`, or a third party's `asserted` account such as a named outlet's) about an
    event whose source state responded take that response; a party's own word is not changed by itself."""
    by_id = {e.id: e for e in events}
    out: list[Claim] = []
    for claim in claims:
        reported = claim.status is ClaimStatus.unconfirmed or claim.status is ClaimStatus.asserted
        if not reported or claim.attributed_to == AUTHOR:
            out.append(claim)
            continue
        speaker = {claim.attributed_to, state_of(claim.attributed_to)} - {None}
        parties = {by_id[e].source_country for e in claim.event_ids if e in by_id and by_id[e].source_country}
        best: OfficialResponse | None = None
        for response in responses:
            if claim.status is ClaimStatus.asserted and (speaker & response.countries or
                                                         response.status is ClaimStatus.declined_to_comment):
                continue  # one's own later word, or a refusal to comment, leaves an assertion as it is
            if parties & response.countries and (best is None or _STRENGTH[response.status] > _STRENGTH[best.status]):
                best = response
        if best is None:
            out.append(claim)
            continue
        evidence = claim.evidence.model_copy(update={
            "cues": [*claim.evidence.cues, best.cue],
            "rules": [*claim.evidence.rules, f"status:{best.status.value}@sentence{best.sentence_index}"],
        })
        out.append(claim.model_copy(update={"status": best.status, "evidence": evidence}))
    return out
