"""RSS and Atom feeds: fetch one over HTTP, list its entries, fetch an entry's page as an Article.

feedparser reads the feed (RSS 0.9x-2.0, Atom, RDF; relative links resolved against the feed's URL);
the page is read like an HTML file (`rung.ingest.readers.parse_html`, trafilatura), with the entry's
title, date and link filling what the page does not say.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin

from rung.errors import InputError
from rung.ingest import decode
from rung.ingest.readers import parse_html, parse_plain_text
from rung.model import Article

USER_AGENT = "rung-watch/0.1"
TIMEOUT = 30.0


@dataclass(slots=True, frozen=True)
class FeedItem:
    feed: str
    key: str                 # the entry's id, else its link, else a hash of its title and summary
    link: str | None
    title: str | None
    date: dt.date | None


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def fetch(url: str, max_bytes: int, timeout: float = TIMEOUT) -> tuple[bytes, str | None]:
    """The body of a GET (at most `max_bytes`) and its Content-Type; InputError naming the URL otherwise.
    Only http(s): a feed's entry must not make rung read a local file (file://) into the store."""
    if not is_url(url):
        raise InputError(f"{url}: not an http:// or https:// URL; not fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type")
    except urllib.error.HTTPError as error:
        raise InputError(f"{url}: HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        raise InputError(f"{url}: cannot fetch ({error.reason})") from error
    except (OSError, ValueError) as error:  # timeouts, resets, a malformed URL
        raise InputError(f"{url}: cannot fetch ({error})") from error
    if len(data) > max_bytes:
        raise InputError(f"{url}: larger than the {max_bytes:,}-byte article limit (setting max_article_bytes)")
    return data, content_type


def _date(entry) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def parse_feed(data: bytes, url: str) -> list[FeedItem]:
    """The entries of a feed document; InputError when it is not a feed."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(f"{url}: not an RSS or Atom feed" + (f" ({reason})" if reason else ""))
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        link = urljoin(url, link) if link else None
        title = entry.get("title") or None
        key = entry.get("id") or link or hashlib.sha256(
            f"{title}\n{entry.get('summary', '')}".encode()).hexdigest()[:16]
        items.append(FeedItem(feed=url, key=key, link=link, title=title, date=_date(entry)))
    return items


def page_article(item: FeedItem, data: bytes, content_type: str | None) -> Article:
    """The article on an entry's page (HTML, or plain text), with the entry's title and date where the page
    has none, and the link as its URL."""
    if item.link is None:
        raise InputError(f"{item.feed}: entry {item.key!r} has no link to read")
    text, encoding = decode(data, item.link)
    html = "html" in (content_type or "").lower() or text.lstrip()[:200].lower().startswith(("<!doctype", "<html"))
    article = parse_html(text, item.link, encoding) if html else parse_plain_text(text, item.link, encoding)
    update = {"url": article.url or item.link, "title": article.title or item.title,
              "date": article.date or item.date}
    return article.model_copy(update=update)
