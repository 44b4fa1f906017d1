"""schema.org ClaimReview JSON-LD for claims, so fact-checking tools can read rung's output.

rung reviews nothing itself: the rating is the claim's confirmation status as the article reports it,
named in `reviewRating.alternateName`, with the sentence and rule in `ratingExplanation`. Only a claim a party
confirmed gets a place on the numeric scale (5 of 5); an unconfirmed, asserted, denied or refused claim is not a
judgement of truth, so, as fact-checkers publish unproven claims, it carries its textual rating and no
`ratingValue` (a 2 of 5 would read as "mostly false").
"""

from __future__ import annotations

from rung.actors.kb import KnowledgeBase
from rung.model import ActorType, Article, Claim

_RATING = {"confirmed": 5}  # the only status that places a claim on the true-false scale


def _party(actor_id: str | None, kb: KnowledgeBase) -> dict:
    actor = kb.get(actor_id)
    if actor is None:
        return {"@type": "Organization", "name": actor_id or "unknown"}
    kind = "Person" if actor.type is ActorType.person else "Organization"
    party: dict = {"@type": kind, "name": actor.name}
    if actor.id.startswith("Q"):
        party["sameAs"] = f"https://www.wikidata.org/wiki/{actor.id}"
    return party


def claim_review(claim: Claim, article: Article, kb: KnowledgeBase) -> dict:
    appearance: dict = {"@type": "CreativeWork", "headline": article.title or article.id}
    if article.url:
        appearance["url"] = article.url
    if article.date:
        appearance["datePublished"] = article.date.isoformat()
    item = {"@type": "Claim", "author": _party(claim.attributed_to, kb), "appearance": appearance,
            "firstAppearance": appearance}
    if article.date:
        item["datePublished"] = article.date.isoformat()
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": "rung (automated analysis)"},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": claim.status.value,
            "ratingExplanation": f"sentence {claim.sentence_index}; rules: {', '.join(claim.evidence.rules)}",
        },
    }
    if claim.status.value in _RATING:
        review["reviewRating"].update(ratingValue=_RATING[claim.status.value], bestRating=5, worstRating=1)
    if claim.cites:
        review["itemReviewed"]["citation"] = claim.cites
    if article.date:
        review["datePublished"] = article.date.isoformat()
    return review
