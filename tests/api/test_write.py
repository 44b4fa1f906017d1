"""Tokens, article submission and corrections: who may write, what is kept, what every read then shows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from rung.api.corrections import carry_over, correct
from rung.api.tokens import check_token, create_token, revoke_token
from rung.errors import InputError
from rung.store import schema

RU, FR, UK = "Q159", "Q142", "Q145"


def _event(client, **params) -> dict:
    return client.get("/api/events", params={**params, "limit": 1}).json()["items"][0]


def test_tokens_are_stored_hashed(filled_store, token):
    with filled_store.engine.connect() as conn:
        stored = conn.execute(select(schema.api_tokens)).one()
    assert stored.name == "alice" and token not in str(tuple(stored)) and len(stored.token_hash) == 64
    assert check_token(filled_store, token).name == "alice"
    assert check_token(filled_store, token + "x").name is None
    with pytest.raises(InputError, match="already has an active token"):
        create_token(filled_store, "alice")
    with pytest.raises(InputError, match="use letters"):
        create_token(filled_store, "a b")


def test_writes_need_a_valid_token(client, filled_store, token):
    body = {"field": "wrong", "value": True}
    e = _event(client)
    url = f"/api/events/{e['id']}/corrections"
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    revoke_token(filled_store, "alice")
    assert client.post(url, json=body, headers={"Authorization": f"Bearer {token}"}).status_code == 403
    fresh = create_token(filled_store, "alice")  # a revoked name can be given a new token
    assert client.post(url, json=body, headers={"Authorization": f"Bearer {fresh}"}).status_code == 201


def test_reads_need_a_token_when_not_on_loopback(filled_store, analyzer, token):
    from fastapi.testclient import TestClient

    from rung.api import ServerSettings, create_app

    app = create_app(filled_store, ServerSettings(host="0.0.0.0"), kb=analyzer.kb)
    with TestClient(app) as c:
        assert c.get("/api/events").status_code == 401
        page = c.get("/")
        assert page.status_code == 401 and "paste yours in the Token box" in page.text  # a page, not JSON
        assert c.get("/api/events", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        c.cookies.set("rung_token", token)
        assert c.get("/").status_code == 200
        # the cookie lets a browser read; writing needs the header (no cross-site writes)
        event_id = c.get("/api/events").json()["items"][0]["id"]
        assert c.post(f"/api/events/{event_id}/corrections", json={"field": "wrong", "value": True}).status_code == 401


def test_request_over_the_size_limit_is_413(filled_store, analyzer, auth):
    from fastapi.testclient import TestClient

    from rung.api import ServerSettings, create_app

    app = create_app(filled_store, ServerSettings(max_body_bytes=1000), kb=analyzer.kb)
    with TestClient(app) as c:
        response = c.post("/api/articles", json={"text": "あ" * 2000}, headers=auth)
        assert response.status_code == 413
        assert c.post("/api/articles/upload", files={"file": ("big.txt", b"x" * 5000)},
                      headers=auth).status_code == 413


@pytest.mark.parametrize(("body", "field"), [
    ({"title": "no text"}, "text"),
    ({"text": ""}, "text"),
    ({"text": "ok", "date": "25.11.2024"}, "date"),
    ({"text": "ok", "lang": "fr"}, "lang"),
    ({"text": "ok", "colour": "red"}, "colour"),
])
def test_bad_article_is_422_naming_the_field(client, auth, body, field):
    response = client.post("/api/articles", json=body, headers=auth)
    assert response.status_code == 422
    assert field in response.json()["detail"][0]["loc"]


def test_submitted_article_is_analysed_in_the_background(client, app, auth):
    text = "Russia expelled two French diplomats on Monday, the French foreign ministry said."
    response = client.post("/api/articles", json={"text": text, "title": "Expulsions <script>x()</script>",
                                                  "date": "2024-11-27",
                                                  "lang": "en", "outlet": "Desk"}, headers=auth)
    assert response.status_code == 202
    job = response.json()
    assert job["status"] in ("queued", "running", "done") and job["submitted_by"] == "alice"
    app.state.jobs.wait(timeout=120)
    done = client.get(job["link"]).json()
    assert done["status"] == "done" and done["stored"] is True, done
    article = client.get(f"/api/articles/{done['article_id']}").json()
    assert article["title"] == "Expulsions <script>x()</script>" and article["events"] >= 1
    page = client.get(f"/articles/{done['article_id']}").text
    assert "&lt;script&gt;x()&lt;/script&gt;" in page and "<script>x()" not in page  # escaped on the page
    events = client.get("/api/events", params={"article_id": done["article_id"]}).json()["items"]
    assert any(e["source_country"] == RU and e["target_country"] == FR for e in events)
    # the same text again is not stored twice
    again = client.post("/api/articles", json={"text": text}, headers=auth).json()
    app.state.jobs.wait(timeout=60)
    assert client.get(again["link"]).json()["stored"] is False


def test_a_submitted_portal_copy_is_stored_as_a_version_of_the_stored_report(client, app, auth, filled_store,
                                                                            seed_record):
    text = f"Yahoo!ニュース\n{seed_record.article.body}\n記事を読む\nこの記事をシェアする"
    job = client.post("/api/articles", json={"text": text, "title": "【速報】エスカレーション", "lang": "ja"},
                      headers=auth).json()
    app.state.jobs.wait(timeout=180)
    done = client.get(job["link"]).json()
    assert done["status"] == "done" and done["stored"] is True, done
    with filled_store.engine.connect() as conn:
        rows = {r.article_id: r for r in conn.execute(select(schema.article_reports))}
    # the seed (stored before any check) was checked first, then the copy joined its report
    assert rows[seed_record.article.id].report_id == seed_record.article.id
    assert rows[done["article_id"]].report_id == seed_record.article.id
    assert rows[done["article_id"]].duplicate_of == seed_record.article.id


def test_uploaded_file_is_analysed(client, app, auth):
    jsonl = ('{"text": "Britain imposed new sanctions on Russia.", "date": "2024-11-28", "lang": "en"}\n'
             '{"text": "France condemned the Russian strike.", "date": "2024-11-28", "lang": "en"}\n')
    response = client.post("/api/articles/upload", files={"file": ("two.jsonl", jsonl.encode())}, headers=auth)
    assert response.status_code == 202 and len(response.json()) == 2
    app.state.jobs.wait(timeout=120)
    assert all(client.get(j["link"]).json()["status"] == "done" for j in response.json())
    bad = client.post("/api/articles/upload", files={"file": ("bad.jsonl", b"{not json")}, headers=auth)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "file"]
    assert "bad.jsonl:1" in bad.json()["detail"][0]["msg"]


def test_fixing_a_field_keeps_the_machine_value_and_every_read_uses_the_fix(client, auth, filled_store):
    from rung.ladder.index import dyad_summaries

    e = _event(client, dyad="Russia>France", plover="SANCTION")
    before = {(d.source, d.target) for d in dyad_summaries(filled_store)}
    response = client.post(f"/api/events/{e['id']}/corrections", headers=auth,
                           json={"field": "target", "value": UK, "note": "the sentence names Britain"})
    assert response.status_code == 201
    saved = response.json()
    assert saved["author"] == "alice" and saved["created_at"] and saved["machine"]["target"] == FR
    after = client.get(f"/api/events/{e['id']}").json()
    assert after["target"] == UK and after["target_country"] == UK and after["corrected"] is True
    assert after["machine"]["target"] == FR and after["machine"]["target_country"] == FR
    assert after["corrections"][0]["note"] == "the sentence names Britain"
    # the store's own readers (CLI, exports, ladder) see the fix
    [stored] = [x for x in filled_store.events() if x.id == e["id"]]
    assert stored.target == UK
    assert e["id"] in {x["id"] for x in client.get("/api/events", params={"dyad": "Russia>United Kingdom",
                                                                        "limit": 500}).json()["items"]}
    assert {(d.source, d.target) for d in dyad_summaries(filled_store)} <= before | {(RU, UK)}
    # a second fix of another field keeps the first, and the machine's values of both
    client.post(f"/api/events/{e['id']}/corrections", headers=auth, json={"field": "plover", "value": "THREATEN"})
    both = client.get(f"/api/events/{e['id']}").json()
    assert (both["target"], both["plover"], both["cameo"]) == (UK, "THREATEN", "13")
    assert both["machine"]["plover"] == "SANCTION" and both["machine"]["target"] == FR
    assert both["rung"] != e["rung"] and both["machine"]["rung"] == e["rung"]
    assert client.get("/api/events", params={"corrected": True}).json()["total"] == 1


def test_marking_an_event_wrong_takes_it_off_the_ladder(client, auth, filled_store):
    from rung.ladder.index import alerts

    e = _event(client, dyad="Ukraine>Russia", modality="reported")
    assert any((a.source, a.target) == ("Q212", RU) for a in alerts(filled_store, 4))
    assert client.post(f"/api/events/{e['id']}/corrections", headers=auth,
                       json={"field": "wrong", "value": True}).status_code == 201
    assert e["id"] not in {x["id"] for x in client.get("/api/events", params={"limit": 500}).json()["items"]}
    shown = client.get("/api/events", params={"include_wrong": True, "limit": 500}).json()["items"]
    flagged = next(x for x in shown if x["id"] == e["id"])
    assert flagged["wrong"] is True and flagged["rung"] is None and flagged["machine"]["rung"] == e["rung"]
    assert not any((a.source, a.target) == ("Q212", RU) and a.first.isoformat() == "2024-11-26"
                   for a in alerts(filled_store, 4))


def test_claim_corrections(client, auth):
    c = client.get("/api/claims", params={"limit": 1}).json()["items"][0]
    new = "confirmed" if c["status"] != "confirmed" else "denied"
    r = client.post(f"/api/claims/{c['id']}/corrections", headers=auth, json={"field": "status", "value": new})
    assert r.status_code == 201
    after = client.get(f"/api/claims/{c['id']}").json()
    assert after["status"] == new and after["corrected"] and after["machine"]["status"] == c["status"]
    r = client.post(f"/api/claims/{c['id']}/corrections", headers=auth, json={"field": "speaker", "value": RU})
    assert r.status_code == 201 and client.get(f"/api/claims/{c['id']}").json()["speaker"] == RU
    assert client.post(f"/api/claims/{c['id']}/corrections", headers=auth,
                       json={"field": "wrong", "value": True}).status_code == 201
    assert c["id"] not in {x["id"] for x in client.get("/api/claims", params={"limit": 500}).json()["items"]}


@pytest.mark.parametrize(("body", "field", "status"), [
    ({"field": "colour", "value": "red"}, "field", 422),
    ({"field": "plover", "value": "HUG"}, "value", 422),
    ({"field": "modality", "value": 3}, "value", 422),
    ({"field": "negated", "value": "yes"}, "value", 422),
    ({"field": "date", "value": "last week"}, "value", 422),
    ({"field": "source", "value": "Q0"}, "value", 422),
    ({"field": "source"}, "value", 422),
    ({"value": True}, "field", 422),
])
def test_bad_correction_is_422_naming_the_field(client, auth, body, field, status):
    e = _event(client)
    response = client.post(f"/api/events/{e['id']}/corrections", headers=auth, json=body)
    assert response.status_code == status
    assert field in response.json()["detail"][0]["loc"]


def test_unknown_pages_are_404_pages(client):
    page = client.get("/events/nope")
    assert page.status_code == 404 and "no event with id" in page.text and "<html" in page.text
    assert client.get("/api/events/nope").json() == {"detail": "no event with id 'nope'"}
    assert client.get("/no/such/page").status_code == 404


def test_correcting_an_unknown_event_is_404(client, auth):
    r = client.post("/api/events/nope/corrections", headers=auth, json={"field": "wrong", "value": True})
    assert r.status_code == 404


def test_reanalysis_carries_corrections_over_and_lists_the_lost(filled_store, analyzer, client, auth):
    from rung.api.corrections import reanalyse

    e = _event(client, dyad="Russia>France", plover="SANCTION")
    correct(filled_store, "event", e["id"], "modality", "occurred", "alice", kb=analyzer.kb)
    # a correction whose event a new version of rung no longer finds
    gone = _event(client, dyad="Russia>United Kingdom")
    correct(filled_store, "event", gone["id"], "wrong", True, "alice", kb=analyzer.kb)
    result = reanalyse(filled_store, analyzer, e["article_id"])
    assert len(result.carried) == 2 and result.orphaned == []
    assert client.get(f"/api/events/{e['id']}").json()["modality"] == "occurred"
    assert client.get(f"/api/events/{e['id']}").json()["machine"]["modality"] == e["modality"]
    with filled_store.engine.begin() as conn:
        conn.execute(schema.events.delete().where(schema.events.c.id == gone["id"]))
    result = carry_over(filled_store, e["article_id"], analyzer.kb)
    assert len(result.orphaned) == 1
    orphaned = client.get("/api/corrections", params={"state": "orphaned"}).json()
    assert [o["target_id"] for o in orphaned] == [gone["id"]]


def test_reanalyse_endpoint_keeps_corrections(client, app, auth):
    e = _event(client, dyad="Russia>France", plover="SANCTION")
    made = client.post(f"/api/events/{e['id']}/corrections", headers=auth,
                       json={"field": "negated", "value": True}).json()
    assert client.post(f"/api/articles/{e['article_id']}/reanalyse").status_code == 401
    job = client.post(f"/api/articles/{e['article_id']}/reanalyse", headers=auth)
    assert job.status_code == 202 and job.json()["kind"] == "reanalyse"
    app.state.jobs.wait(timeout=120)
    done = client.get(job.json()["link"]).json()
    assert done["status"] == "done", done
    assert done["result"] == {"carried": [made["id"]], "orphaned": []}
    after = client.get(f"/api/events/{e['id']}").json()
    assert after["negated"] is True and after["machine"]["negated"] is False
    assert client.post("/api/articles/nope/reanalyse", headers=auth).status_code == 404


def test_jobs_a_stopped_server_left_behind_are_failed_on_start(filled_store, analyzer):
    import datetime as dt
    import socket

    from rung.api.jobs import JobRunner

    with filled_store.engine.begin() as conn:
        conn.execute(schema.jobs.insert(), [
            {"id": "dead", "kind": "analyse", "status": "queued", "worker": f"{socket.gethostname()}:999999999",
             "submitted_by": "alice", "submitted_at": dt.datetime.now(dt.UTC)},
            {"id": "elsewhere", "kind": "analyse", "status": "running", "worker": "another-host:1",
             "submitted_by": "bob", "submitted_at": dt.datetime.now(dt.UTC)},
        ])
    runner = JobRunner(filled_store, lambda: analyzer)
    assert runner.abandoned == 1
    with filled_store.engine.connect() as conn:
        status = dict(conn.execute(select(schema.jobs.c.id, schema.jobs.c.status)).all())
    assert status == {"dead": "failed", "elsewhere": "running"}
