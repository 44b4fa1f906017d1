"""Readers: plain text (with the seed's layout), HTML pages and JSON Lines corpora -> Article records."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from rung.errors import InputError
from rung.ingest.encoding import decode
from rung.model import Article

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

_TITLE = re.compile(r"^\s*「(?P<title>.+)」\s*$")
_DMY_DATE = re.compile(r"^\s*(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\s*$")
_TRANSLATOR = re.compile(r"^\s*翻訳\s*[:：]\s*(?P<name>\S.*?)\s*$")
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The text the article id is computed from: NFKC, whitespace runs collapsed, ends stripped."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def article_id(body: str) -> str:
    return hashlib.sha256(normalise(body).encode("utf-8")).hexdigest()[:16]


def make_article(body: str, **fields: object) -> Article:
    body = body.strip("\n\r\ufeff ")
    if not body.strip():
        raise InputError(f"{fields.get('source') or '<text>'}: no article text")
    return Article(id=article_id(body), body=body, **fields)  # type: ignore[arg-type]


def parse_plain_text(text: str, source: str, encoding: str | None = None) -> Article:
    """Plain text; recognises the seed's layout: 「title」, DD.MM.YYYY, body, 翻訳:NAME."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = date = translator = None
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if nonblank and (m := _TITLE.match(lines[nonblank[0]])):
        title = m["title"]
        lines[nonblank[0]] = ""
        nonblank = nonblank[1:]
    if nonblank and (m := _DMY_DATE.match(lines[nonblank[0]])):
        try:
            date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError as error:
            raise InputError(f"{source}: line {nonblank[0] + 1}: {lines[nonblank[0]].strip()!r} is not a valid date") from error
        lines[nonblank[0]] = ""
        nonblank = nonblank[1:]
    if nonblank and (m := _TRANSLATOR.match(lines[nonblank[-1]])):
        translator = m["name"]
        lines[nonblank[-1]] = ""
    return make_article("\n".join(lines), title=title, date=date, translator=translator, source=source,
                        encoding=encoding)


def parse_html(text: str, source: str, encoding: str | None = None) -> Article:
    import trafilatura  # imported here: loading it costs ~0.5 s and most runs read plain text

    document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    body = getattr(document, "text", None) if document is not None else None
    if not body:
        raise InputError(f"{source}: no article text found in the HTML page")
    date = None
    if raw_date := getattr(document, "date", None):
        try:
            date = dt.date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            date = None
    return make_article(body, title=getattr(document, "title", None), date=date,
                        url=getattr(document, "url", None), outlet=getattr(document, "sitename", None),
                        source=source, encoding=encoding)


_JSONL_FIELDS = {"text", "title", "date", "url", "outlet", "lang"}


def parse_jsonl(text: str, source: str, encoding: str | None = None) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{where}: not valid JSON ({error.msg})") from error
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
            raise InputError(f"{where}: each line needs a non-empty string field 'text'")
        date = None
        if row.get("date"):
            try:
                date = dt.date.fromisoformat(str(row["date"])[:10])
            except ValueError as error:
                raise InputError(f"{where}: date {row['date']!r} is not an ISO date (YYYY-MM-DD)") from error
        yield make_article(row["text"], title=row.get("title"), date=date, url=row.get("url"),
                           outlet=row.get("outlet"), lang=row.get("lang"), source=where, encoding=encoding)


def read_file(path: Path) -> list[Article]:
    """Articles in one file; raises InputError naming the file for anything unreadable."""
    origin = str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError as error:
        raise InputError(f"{origin}: is a directory") from error
    except FileNotFoundError as error:
        raise InputError(f"{origin}: no such file") from error
    except OSError as error:
        raise InputError(f"{origin}: cannot read ({error.strerror})") from error
    text, encoding = decode(data, origin)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return list(parse_jsonl(text, origin, encoding))
    if suffix in HTML_SUFFIXES or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        return [parse_html(text, origin, encoding)]
    return [parse_plain_text(text, origin, encoding)]


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus supported files found under named directories (sorted, recursive)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                                and not p.name.startswith(".")))
        elif path.exists():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return found
