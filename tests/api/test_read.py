"""Read endpoints on a store filled from the bundled example (Japanese) and a short English report."""

from __future__ import annotations

import pytest

RU, FR, UK, UA = "Q159", "Q142", "Q145", "Q212"


def _all(client, path: str, **params) -> list[dict]:
    items, offset = [], 0
    while True:
        page = client.get(path, params={**params, "limit": 500, "offset": offset}).json()
        items += page["items"]
        offset += len(page["items"])
        if offset >= page["total"] or not page["items"]:
            return items


def test_articles_filter_and_page(client):
    page = client.get("/api/articles").json()
    assert page["total"] == 2
    assert {a["lang"] for a in page["items"]} == {"ja", "en"}
    assert all(a["events"] > 0 for a in page["items"])
    assert [a["lang"] for a in client.get("/api/articles", params={"lang": "ja"}).json()["items"]] == ["ja"]
    assert client.get("/api/articles", params={"q": "atacms"}).json()["total"] == 2  # case-insensitive
    assert client.get("/api/articles", params={"q": "100%"}).json()["total"] == 0  # % is not a wildcard
    assert client.get("/api/articles", params={"outlet": "Wire"}).json()["total"] == 1
    one = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert one["total"] == 2 and len(one["items"]) == 1 and one["offset"] == 1
    assert client.get("/api/articles", params={"since": "2100-01-01"}).json()["total"] == 0


def test_every_event_links_to_its_sentence_and_article(client):
    events = _all(client, "/api/events")
    assert len(events) > 20
    for e in events[:15]:
        sentence = client.get(e["links"]["sentence"]).json()
        assert sentence["text"] == e["sentence"]
        assert e["id"] in sentence["events"]
        article = client.get(e["links"]["article"]).json()
        assert article["id"] == e["article_id"]
        assert article["body"][e["span"]["start"]:e["span"]["end"]] in e["sentence"]


def test_event_detail_has_claims_and_context(client):
    claimed = next(c for c in _all(client, "/api/claims") if c["event_ids"] and c["article"]["lang"] == "ja")
    detail = client.get(f"/api/events/{claimed['event_ids'][0]}").json()
    assert claimed["id"] in [c["id"] for c in detail["claims"]]
    assert detail["article"]["lang"] == "ja"
    assert detail["sentence"]
    assert client.get("/api/events/no-such-event").status_code == 404


@pytest.mark.parametrize(("params", "check"), [
    ({"dyad": "Russia>France"}, lambda e: (e["source_country"], e["target_country"]) == (RU, FR)),
    ({"dyad": f"{RU}>{UK}"}, lambda e: (e["source_country"], e["target_country"]) == (RU, UK)),
    ({"actor": FR}, lambda e: FR in (e["source"], e["target"], e["source_country"], e["target_country"])),
    ({"plover": "SANCTION"}, lambda e: e["plover"] == "SANCTION"),
    ({"modality": "recommended"}, lambda e: e["modality"] == "recommended"),
    ({"min_rung": 10}, lambda e: e["rung"] >= 10),
    ({"rung": 5}, lambda e: e["rung"] == 5),
    ({"min_confidence": 0.5}, lambda e: (e["confidence"] if e["confidence"] is not None else e["weight"]) >= 0.5),
    ({"since": "2024-11-25", "until": "2024-11-25"}, lambda e: (e["date"] or e["article"]["date"]) == "2024-11-25"),
    ({"merged": False}, lambda e: True),
])
def test_event_filters(client, params, check):
    everything = _all(client, "/api/events")
    found = _all(client, "/api/events", **params)
    assert found, params
    assert all(check(e) for e in found), params
    assert len(found) == sum(1 for e in everything if check(e)) or "since" in params


def test_merged_filter_is_empty_before_any_merge(client):
    assert client.get("/api/events", params={"merged": True}).json()["total"] == 0


@pytest.mark.parametrize(("params", "field"), [
    ({"dyad": "Russia"}, "dyad"),
    ({"dyad": "Russia>Atlantis"}, "dyad"),
    ({"plover": "HUG"}, "plover"),
    ({"min_confidence": "2"}, "min_confidence"),
    ({"limit": "0"}, "limit"),
    ({"since": "2024-12-01", "until": "2024-11-01"}, "until"),
    ({"since": "yesterday"}, "since"),
])
def test_bad_filters_are_422_naming_the_field(client, params, field):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert field in response.json()["detail"][0]["loc"]


def test_claims_by_status_and_speaker(client):
    claims = _all(client, "/api/claims")
    assert claims
    status = claims[0]["status"]
    by_status = _all(client, "/api/claims", status=status)
    assert by_status and all(c["status"] == status for c in by_status)
    speaker = next(c["speaker"] for c in claims if c["speaker"])
    assert all(c["speaker"] == speaker for c in _all(client, "/api/claims", speaker=speaker))
    one = client.get(f"/api/claims/{claims[0]['id']}").json()
    assert one["text"] == claims[0]["text"]
    assert client.get(one["links"]["sentence"]).json()["index"] == one["sentence_index"]


def test_actors_with_mention_counts(client):
    actors = _all(client, "/api/actors", linked_only=True)
    russia = next(a for a in actors if a["id"] == RU)
    assert russia["name"] == "Russia" and russia["mentions"] >= 3 and russia["articles"] == 2
    detail = client.get(f"/api/actors/{RU}").json()
    assert detail["events"] and any(d["source"] == RU for d in detail["dyads"])
    assert client.get("/api/actors", params={"q": "russ", "linked_only": True}).json()["items"][0]["id"] == RU
    assert client.get("/api/actors/Q1").status_code == 404


def test_dyads_ladder_and_alerts(client):
    dyads = client.get("/api/dyads").json()
    pairs = {(d["source"], d["target"]) for d in dyads}
    assert {(RU, FR), (RU, UK), (UA, RU)} <= pairs
    ladder = client.get("/api/ladder", params={"dyad": "Russia>France"}).json()
    assert ladder["dyad"]["source_name"] == "Russia" and ladder["dyad"]["target_name"] == "France"
    assert ladder["events"] and all(e["source_country"] == RU and e["target_country"] == FR
                                    for e in ladder["events"])
    # events dated after their article (a deadline: 'before the inauguration') are listed but left out of the
    # daily index (rung.ladder.index)
    published = {e["article_id"]: e for e in ladder["events"]}
    assert 0 < sum(d["events"] for d in ladder["days"]) <= len(ladder["events"]) and published
    alerts = client.get("/api/alerts", params={"level": "4", "since": "2024-01-01"}).json()
    assert (UA, RU) in {(a["source"], a["target"]) for a in alerts}
    assert client.get("/api/alerts", params={"level": "99"}).status_code == 422
    assert client.get("/api/alerts", params={"level": "nuclear", "since": "2024-01-01"}).status_code == 200
    assert client.get("/api/ladder", params={"dyad": "France>Russia"}).status_code in (200, 404)


def test_scenarios_and_their_probabilities(client):
    listed = {s["name"]: s for s in client.get("/api/scenarios").json()}
    assert listed["seed-russia-response"]["events"] > 5
    assert listed["seed-outcomes"]["error"]  # an outcomes file is listed with why it is not a scenario
    base = client.get("/api/scenarios/seed-russia-response").json()
    first = base["events"][0]["id"]
    assert 0 < base["result"]["events"][first]["p"] < 1
    given = client.get("/api/scenarios/seed-russia-response", params={"evidence": f"{first}=true"}).json()
    assert given["result"]["events"][first]["p"] == 1.0 and given["result"]["evidence"] == {first: True}
    bad = client.get("/api/scenarios/seed-russia-response", params={"evidence": "nope=true"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "evidence"]
    assert client.get("/api/scenarios/nope").status_code == 404
    assert client.get("/api/scenarios/seed-outcomes").status_code == 422


def test_openapi_is_served(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/claims", "/api/ladder", "/api/events/{event_id}/corrections"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_nul_characters_are_422(client):
    assert client.get("/api/events", params={"actor": "Q1\x00"}).status_code == 422
    assert client.get("/api/events/a%00b").status_code == 422


def test_live_stream_sends_new_events_and_alerts(store_url, analyzer, seed_record):
    """`rung serve` in its own process: an article submitted to it arrives on the stream as events."""
    import threading

    import httpx

    from rung.api.tokens import create_token
    from rung.store import open_store

    from .server import fill, running_server

    store = open_store(store_url)
    fill(store, analyzer, seed_record)
    token = create_token(store, "alice")
    store.engine.dispose()
    with running_server(store_url) as base:
        received: list[str] = []

        def listen() -> None:
            with httpx.stream("GET", f"{base}/api/stream", params={"max_seconds": 90}, timeout=120) as r:
                for line in r.iter_lines():
                    received.append(line)
                    if line.startswith("event: alert"):
                        return

        listener = threading.Thread(target=listen)
        listener.start()
        while not received:  # connected: its cursor is set before the article arrives
            threading.Event().wait(0.1)
        text = "North Korea fired missiles at Japan on Friday, the Japanese defence ministry said."
        r = httpx.post(f"{base}/api/articles", headers={"Authorization": f"Bearer {token}"},
                       json={"text": text, "date": "2024-11-29", "lang": "en"})
        assert r.status_code == 202
        listener.join(timeout=120)
        events = [received[i + 1] for i, line in enumerate(received) if line == "event: events"]
        assert events and "North Korea fired missiles" in events[0]
        assert any(line.startswith("event: alert") for line in received)


def test_an_event_shows_every_report_of_it_in_both_languages(fresh_store, analyzer):
    """Three reports (ja, en, en) merged by rung.events.merge: the API and the event's page list them all."""
    import datetime as dt

    from fastapi.testclient import TestClient

    from rung.api import create_app
    from rung.events.merge import rebuild

    from ..events.records import ACTORS, UA, US, Ev, TopicEncoder, record, topics_of

    ja_text = "2024年11月17日、バイデン政権がウクライナへのATACMS使用を許可したと報じられた。"
    en_text = "Biden has authorised Ukraine to use ATACMS missiles inside Russia, officials said."
    nov = {d: dt.date(2024, 11, d) for d in (17, 18)}
    records = [
        record("ja", nov[18], "NHK", [Ev(ja_text, "auth", US, UA, "AID", nov[17], "on", "rung:atacms",
                                         claims=[("rung:western-media", "unnamed", "unconfirmed")])]),
        record("en", nov[17], "The New York Times", [Ev(en_text, "auth", US, UA, "AID", nov[17], "on",
                                                        claims=[("rung:author", "unnamed", "unconfirmed")])]),
    ]
    for r in records:
        fresh_store.add_record(r, ACTORS)
    [merged] = rebuild(fresh_store, TopicEncoder(topics_of(*records)))
    with TestClient(create_app(fresh_store, kb=analyzer.kb)) as client:
        assert client.get("/api/events", params={"merged": True}).json()["total"] == 2
        event_id = records[0].events[0].id
        detail = client.get(f"/api/events/{event_id}").json()
        assert detail["merged"]["id"] == merged.id and detail["merged"]["languages"] == ["en", "ja"]
        assert {m["sentence"] for m in detail["merged"]["members"]} == {ja_text, en_text}
        assert {m["article"]["lang"] for m in detail["merged"]["members"]} == {"ja", "en"}
        page = client.get(f"/events/{event_id}").text
        assert "Every report of this event (2 in 2 articles, en, ja)" in page
        assert ja_text in page and en_text in page and "The New York Times" in page
