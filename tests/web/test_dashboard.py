"""The dashboard in a real browser: Debian's chromium (headless, driven by Playwright, no browser
download) against `rung serve` in its own process on a store filled from the bundled example.

Screenshots go to $RUNG_SCREENSHOTS when set (to look at them), else to the test's tmp directory.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from ..api.server import fill, running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed "
                                "(.ci/run installs it)")]
# Without the background-networking flags chromium keeps trying to reach Google's hosts, which this
# network refuses; --no-sandbox because the tests run as root in CI.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


@pytest.fixture
def served(store_url, analyzer, seed_record, tmp_path):
    from rung.api.tokens import create_token
    from rung.store import open_store

    store = open_store(store_url)
    fill(store, analyzer, seed_record)
    token = create_token(store, "alice")
    store.engine.dispose()
    from ..api.server import REPO

    with running_server(store_url, "--scenarios", str(REPO / "examples" / "scenarios")) as base:
        yield base, token, seed_record


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def _shot(page, tmp_path: Path, name: str, backend: str) -> Path:
    folder = Path(os.environ.get("RUNG_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{backend}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def test_pages_show_the_seed_and_take_a_correction(served, browser, tmp_path, request):
    base, token, seed = served
    backend = request.node.callspec.params["store_url"]
    page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="ja-JP")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # overview: the seed's dyads by current rung, the alert from the English report, latest events
    page.goto(base + "/")
    dyads = page.locator("table.dyads").inner_text()
    for pair in ("Russia → France", "Russia → United Kingdom", "Ukraine → Russia"):
        assert pair in dyads
    assert "Ukraine → Russia" in page.locator("ul.alerts").inner_text()
    _shot(page, tmp_path, "overview", backend)

    # live: an article submitted to the API shows up on the open overview without a reload
    import httpx

    text = "North Korea fired missiles at Japan on Friday, the Japanese defence ministry said."
    assert httpx.post(f"{base}/api/articles", headers={"Authorization": f"Bearer {token}"},
                      json={"text": text, "date": "2024-11-29", "lang": "en"}).status_code == 202
    page.wait_for_selector("tr.new >> text=North Korea fired missiles", timeout=90_000)
    page.wait_for_selector("ul.alerts li.new >> text=North Korea", timeout=30_000)
    assert "new event" in page.locator("#live").inner_text()
    _shot(page, tmp_path, "overview-live", backend)

    # a dyad's ladder: the chart and its events, each dot a link to its event
    page.click("text=Russia → France")
    page.wait_for_url(re.compile(r"/dyads/Q159/Q142$"))
    assert page.locator("svg.ladder circle").count() >= 2
    assert "SANCTION" in page.locator("table.events").inner_text()
    _shot(page, tmp_path, "dyad", backend)

    # an event's page: its Japanese sentence, who claims it, and the correction form
    event = next(e for e in seed.events if e.source_country == "Q159" and e.target_country == "Q142"
                 and e.plover.value == "SANCTION")
    page.goto(f"{base}/events/{event.id}")
    sentence = page.locator("#event-sentence")
    assert sentence.inner_text().strip() == event.sentence.strip()
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", sentence.inner_text())
    assert sentence.bounding_box()["height"] > 10  # laid out, not hidden
    page.fill("#token", token)
    page.click("#token-form button")
    page.select_option("#correct-field", "modality")
    page.fill("#correct-value", "occurred")
    page.fill("#correct-note", "本文は実施済みと述べている")
    page.click("#correct-submit")
    page.wait_for_selector(".flag.corrected")
    corrections = page.locator("ul.corrections").inner_text()
    assert "modality → occurred by alice" in corrections and "本文は実施済みと述べている" in corrections
    assert f"machine: {event.modality.value}" in page.locator("table.fields").inner_text()
    _shot(page, tmp_path, "event-corrected", backend)

    # a claim behind an event: its status corrected from the event's page
    claimed = next(c for c in seed.claims if c.event_ids and c.status.value != "confirmed")
    page.goto(f"{base}/events/{claimed.event_ids[0]}")
    claim_form = page.locator("form.correct-claim").first
    assert claim_form.count() == 1
    claim_form.locator("select[name=field]").select_option("status")
    claim_form.locator("input[name=value]").fill("confirmed")
    claim_form.locator("button").click()
    page.wait_for_selector("table.claims .flag.corrected")
    assert "confirmed" in page.locator("table.claims").inner_text()

    # the API says the same
    api = httpx.get(f"{base}/api/events/{event.id}").json()
    assert api["modality"] == "occurred" and api["corrected"] and api["machine"]["modality"] == event.modality.value

    # a bad value is refused with the field named, and nothing changes
    page.select_option("#correct-field", "plover")
    page.fill("#correct-value", "HUG")
    page.click("#correct-submit")
    page.wait_for_selector("#correct-result.error")
    assert "422" in page.locator("#correct-result").inner_text()

    # the map: states coloured by the highest rung of the events that land there
    page.goto(base + "/map")
    places = page.locator("table.places").inner_text()
    assert "France" in places and "Ukraine" in places
    fill = page.evaluate("getComputedStyle(document.querySelector('g.fr path')).fill")
    grey = page.evaluate("getComputedStyle(document.querySelector('g.br path')).fill")
    assert fill != grey, (fill, grey)  # France is on the ladder, Brazil is not
    _shot(page, tmp_path, "map", backend)

    # a scenario: its events' probabilities, then conditioned on what was observed
    page.goto(base + "/scenarios")
    page.click("text=seed-russia-response-2024-11")
    page.wait_for_selector("table.scenario-events")
    page.select_option("select[name=ev_ua_storm_shadow]", "true")
    page.click("#evidence-submit")
    page.wait_for_url(re.compile(r"ev_ua_storm_shadow=true"))
    assert "given ua_storm_shadow=true" in page.locator("main").inner_text()
    row = page.locator("table.scenario-events tr", has_text="ua_storm_shadow").inner_text()
    assert "1.000" in row
    _shot(page, tmp_path, "scenario", backend)

    # an actor's page and an article's page
    page.goto(base + "/actors/Q159")
    assert "Russia" in page.locator("h1").inner_text() and "Russia → France" in page.content()
    page.goto(f"{base}/articles/{seed.article.id}")
    assert seed.sentences[1].text.strip()[:20] in page.locator("ol.sentences").inner_text()
    _shot(page, tmp_path, "article", backend)
    assert not [e for e in errors if "status of 422" not in e], errors  # the 422 is the refused HUG
