"""`rung watch` against a real local HTTP server (feeds that change between polls, a feed that errors) and
real directories (files that appear, watched with watchfiles); restarts remember what was seen."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rung.corpus.state import MAX_ATTEMPTS, WatchState
from rung.corpus.watch import Watcher, split_sources
from rung.errors import InputError
from rung.settings import Settings
from rung.store import open_store

RUNG = shutil.which("rung", path=str(Path(sys.executable).parent)) or "rung"

PAGES = {  # page name -> (title, text); each is one English news story
    "kyiv.html": ("Missiles on Kyiv", ("Russia fired missiles at Kyiv on Tuesday, the Ukrainian air force said. "
                                       "Officials said the strike damaged the city's power grid and several "
                                       "buildings.")),
    "banks.html": ("Sanctions on banks", ("Britain sanctioned three Russian banks on Monday. The Treasury said the "
                                          "measures target the financing of the war and take effect at once.")),
    "diplomats.html": ("Diplomats expelled", ("Russia expelled two British diplomats on Tuesday. The foreign "
                                              "ministry in Moscow said the two had been working against Russian "
                                              "interests.")),
}


def _page(title: str, text: str) -> str:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{text}</p></article></body></html>")


def _rss(*names: str) -> str:
    items = "".join(f"<item><title>{PAGES[n][0]}</title><link>{n}</link><guid>{n}</guid>"
                    f"<pubDate>Tue, 26 Nov 2024 10:00:00 GMT</pubDate></item>" for n in names)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>http://example.org/</link>'
            f"<description>test feed</description>{items}</channel></rss>")


class Site:
    """A real HTTP server in a thread, serving a folder; /broken.xml answers 500, POST /alerts is recorded."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests: list[str] = []
        self.posted: list[dict] = []
        site = self

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self):
                site.requests.append(self.path)
                if self.path == "/broken.xml":
                    self.send_error(500, "Internal Server Error")
                    return
                super().do_GET()

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                site.posted.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def publish(self, *names: str) -> None:
        for name in names:
            (self.root / name).write_text(_page(*PAGES[name]), encoding="utf-8")
        (self.root / "feed.xml").write_text(_rss(*names), encoding="utf-8")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    served = Site(root)
    yield served
    served.close()


def _watcher(feeds, folders, db, state, **kwargs) -> Watcher:
    return Watcher(feeds, folders, open_store(str(db)), WatchState(state), Settings.load(), **kwargs)


def test_a_feed_is_followed_across_polls_and_restarts_and_a_broken_feed_does_not_stop_it(site, tmp_path):
    db, state = tmp_path / "rung.sqlite", tmp_path / "seen"
    site.publish("kyiv.html")
    feeds = [f"{site.url}/broken.xml", f"{site.url}/feed.xml", f"{site.url}/missing.xml"]
    watcher = _watcher(feeds, [], db, state)
    first = watcher.poll()
    assert first.added == 1
    assert len(first.problems) == 2
    assert first.problems[0].startswith(f"{site.url}/broken.xml: HTTP 500")
    assert first.problems[1].startswith(f"{site.url}/missing.xml: HTTP 404")
    [article] = watcher.store.articles()
    assert article.title == "Missiles on Kyiv" and article.url == f"{site.url}/kyiv.html"
    assert str(article.date) == "2024-11-26"  # the entry's date: the page has none

    site.publish("kyiv.html", "banks.html")  # the feed changes between polls
    second = watcher.poll()
    assert second.added == 1 and site.requests.count("/kyiv.html") == 1  # an entry seen is not fetched again
    watcher.state.close()

    restarted = _watcher(feeds[1:2], [], db, state)  # a new process: the state file remembers
    third = restarted.poll()
    assert (third.added, third.skipped, third.problems) == (0, 0, [])
    assert site.requests.count("/kyiv.html") == 1 and site.requests.count("/banks.html") == 1
    assert restarted.store.article_count() == 2


def test_a_page_that_fails_is_tried_again_then_given_up(site, tmp_path):
    site.publish("kyiv.html", "banks.html")
    (site.root / "banks.html").unlink()  # the entry's page is gone
    watcher = _watcher([f"{site.url}/feed.xml"], [], tmp_path / "rung.sqlite", tmp_path / "seen")
    reports = [watcher.poll() for _ in range(MAX_ATTEMPTS + 1)]
    assert reports[0].added == 1
    assert [len(r.problems) for r in reports] == [1] * MAX_ATTEMPTS + [0]
    assert "try 1 of 3" in reports[0].problems[0] and "given up after 3 tries" in reports[-2].problems[0]
    assert site.requests.count("/banks.html") == MAX_ATTEMPTS


def test_files_that_appear_in_a_directory_are_ingested_once(tmp_path, store_url):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text(PAGES["banks.html"][1], encoding="utf-8")
    db, state = store_url, tmp_path / "seen"
    watcher = _watcher([], [inbox], db, state)
    assert watcher.poll().added == 1
    (inbox / "sub").mkdir()
    (inbox / "sub" / "two.txt").write_text(PAGES["diplomats.html"][1], encoding="utf-8")
    (inbox / "bad.txt").write_bytes(b"\x00\x01binary\x02")
    (inbox / ".partial.txt").write_text("still being written", encoding="utf-8")  # dot-files are not read
    second = watcher.poll()
    assert second.added == 1 and len(second.problems) == 1 and second.problems[0].startswith(str(inbox / "bad.txt"))
    third = watcher.poll()
    assert (third.added, third.problems) == (0, [])  # the bad file is named once, until it changes
    watcher.state.close()
    restarted = _watcher([], [inbox], db, state)
    assert restarted.poll().empty
    assert restarted.store.article_count() == 2
    restarted.store.engine.dispose()
    watcher.store.engine.dispose()


def test_only_crossings_made_while_watching_alert(tmp_path):
    """A dyad that crossed before the watch began is known, not news; one that crosses later alerts once."""
    from rung.corpus import ingest
    from rung.ingest import make_article

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    store = open_store(str(tmp_path / "rung.sqlite"))
    dated = "26.11.2024\n\n"  # the seed's layout: a date line, then the text (an undated event cannot alert)
    ingest([make_article(PAGES["kyiv.html"][1], lang="en", date="2024-11-26", source="old")], store, Settings.load())
    watcher = Watcher([], [inbox], store, WatchState(tmp_path / "seen"), Settings.load(), alert_level=8)
    assert watcher.poll().alerts == []  # Russia > Ukraine crossed rung 8 before the watch began
    (inbox / "atacms.txt").write_text(dated + "Ukraine struck an airfield in Kursk with ATACMS missiles.",
                                      encoding="utf-8")
    found = watcher.poll().alerts
    assert [(a.source_name, a.target_name, a.level, str(a.first)) for a in found] == [
        ("Ukraine", "Russia", 8, "2024-11-26")]
    assert watcher.poll().alerts == []
    watcher.state.close()
    restarted = Watcher([], [inbox], store, WatchState(tmp_path / "seen"), Settings.load(), alert_level=8)
    assert restarted.poll().alerts == []  # reported once, remembered across restarts


def test_the_watch_loop_ingests_a_file_when_it_appears(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watcher = _watcher([], [inbox], tmp_path / "rung.sqlite", tmp_path / "seen")
    reports, stop = [], threading.Event()
    loop = threading.Thread(target=watcher.run, args=(3600, reports.append, stop), daemon=True)
    loop.start()
    try:
        deadline = time.monotonic() + 60
        while not reports and time.monotonic() < deadline:  # the first pass (empty) has run
            time.sleep(0.1)
        time.sleep(0.5)
        (inbox / "new.txt").write_text(PAGES["diplomats.html"][1], encoding="utf-8")
        while sum(r.added for r in reports) < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        loop.join(timeout=30)
    assert not loop.is_alive()
    assert sum(r.added for r in reports) == 1 and reports[0].empty


def test_sources_must_be_feeds_or_directories(tmp_path):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    feeds, folders = split_sources(["https://example.org/rss", str(tmp_path)])
    assert feeds == ["https://example.org/rss"] and folders == [tmp_path.resolve()]
    with pytest.raises(InputError, match="not a directory"):
        split_sources([str(tmp_path / "file.txt")])
    with pytest.raises(InputError, match="no such directory"):
        split_sources([str(tmp_path / "nope")])


def test_an_entry_linking_to_a_local_file_is_not_read(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Russia fired missiles at Kyiv on Tuesday.", encoding="utf-8")
    (site.root / "feed.xml").write_text(_rss("kyiv.html").replace("<link>kyiv.html</link>",
                                                                  f"<link>file://{secret}</link>"), encoding="utf-8")
    watcher = _watcher([f"{site.url}/feed.xml"], [], tmp_path / "rung.sqlite", tmp_path / "seen")
    report = watcher.poll()
    assert report.added == 0 and "not an http:// or https:// URL" in report.problems[0]
    assert watcher.store.article_count() == 0


def test_a_state_file_that_is_not_one_is_refused(tmp_path):
    bogus = tmp_path / "seen"
    bogus.write_text("not sqlite at all, just text" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="not a rung watch state file"):
        WatchState(bogus)


def test_cli_once_alerts_when_a_dyad_crosses_a_rung_and_not_again(site, tmp_path):
    site.publish("banks.html")
    db, out = tmp_path / "rung.sqlite", tmp_path / "alert.json"
    hook = f"{sys.executable} -c \"import sys; open(sys.argv[1], 'w').write(sys.stdin.read())\" {out}"
    args = [RUNG, "watch", f"{site.url}/feed.xml", "--db", str(db), "--once", "--alert", "8",
            "--alert-command", hook, "--alert-url", f"{site.url}/alerts"]
    quiet = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert quiet.returncode == 0, quiet.stderr  # a sanction is rung 4: nothing crossed 8
    assert "1 new article(s) stored" in quiet.stderr and "ALERT" not in quiet.stdout
    site.publish("banks.html", "kyiv.html")  # missiles on Kyiv: Russia > Ukraine, rung 8
    loud = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert loud.returncode == 3, loud.stderr
    assert "ALERT: Russia > Ukraine crossed rung 8" in loud.stdout
    [posted] = site.posted
    assert posted["dyad"] == "Russia > Ukraine" and posted["level"] == 8 and posted["first"] == "2024-11-26"
    assert json.loads(out.read_text(encoding="utf-8")) == posted
    again = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0 and "ALERT" not in again.stdout and len(site.posted) == 1
    assert (tmp_path / "rung.sqlite.watch").exists()  # the state beside the store


def test_cli_watches_until_interrupted(tmp_path):
    """The loop as a user runs it: a file dropped into the directory is stored; Ctrl-C stops it cleanly."""
    import os
    import signal

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "rung.sqlite"
    proc = subprocess.Popen([RUNG, "watch", str(inbox), "--db", str(db), "--interval", "3600"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (tmp_path / "rung.sqlite.watch").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)  # the first pass and the watch have started
        (inbox / "new.txt").write_text(PAGES["banks.html"][1], encoding="utf-8")
        while time.monotonic() < deadline:
            if db.exists() and open_store(str(db), create=False).article_count() == 1:
                break
            time.sleep(0.5)
    finally:
        os.kill(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "1 new article(s) stored" in err and "stopped" in err and "Traceback" not in err


def test_cli_errors_are_one_line(tmp_path):
    missing = subprocess.run([RUNG, "watch", str(tmp_path / "nope"), "--db", str(tmp_path / "r.sqlite"), "--once"],
                             capture_output=True, text=True, timeout=120, check=False)
    assert missing.returncode == 2 and "no such directory" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "r.sqlite").exists()
    pg = subprocess.run([RUNG, "watch", str(tmp_path), "--db", "postgresql://u@127.0.0.1:1/x", "--once"],
                        capture_output=True, text=True, timeout=120, check=False)
    assert pg.returncode == 2 and "--state FILE is needed" in pg.stderr
    hook = subprocess.run([RUNG, "watch", str(tmp_path), "--once", "--alert-url", "http://127.0.0.1:1/"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert hook.returncode == 2 and "need --alert" in hook.stderr
