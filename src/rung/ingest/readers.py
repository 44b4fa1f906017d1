"""Readers: plain text (with the seed's layout), HTML pages and JSON Lines corpora -> Article records."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import re
import stat
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

# The most bytes one article (a text or HTML file, or one JSON Lines record) may have; Settings overrides it.
MAX_ARTICLE_BYTES = 5_000_000


def _jsonl_article(line: str, where: str, encoding: str | None) -> Article:
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
    fields = {k: row.get(k) if isinstance(row.get(k), str) or row.get(k) is None else str(row[k])
              for k in ("title", "url", "outlet", "lang")}
    return make_article(row["text"], date=date, source=where, encoding=encoding, **fields)


def _jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line), split on "\n" only: U+2028, U+2029, U+0085 and lone CR stay inside a record."""
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line.removesuffix("\r")


def parse_jsonl(text: str, source: str, encoding: str | None = None,
                problems: list[str] | None = None) -> Iterator[Article]:
    """Articles of a JSON Lines corpus. With a `problems` list, a bad line is named there and skipped;
    without one, the first bad line raises InputError."""
    for number, line in _jsonl_lines(text):
        if not line.strip():
            continue
        try:
            yield _jsonl_article(line, f"{source}:{number}", encoding)
        except InputError as error:
            if problems is None:
                raise
            problems.append(str(error))


def _stream_jsonl(path: Path, origin: str, max_bytes: int, problems: list[str] | None) -> Iterator[Article]:
    """A JSON Lines file read one record at a time (bounded memory), each record capped at `max_bytes`.

    JSON Lines is UTF-8 (a UTF-8 BOM is allowed); lines are split on b"\n" only.
    """
    def bad(message: str) -> None:
        if problems is None:
            raise InputError(message)
        problems.append(message)

    with path.open("rb") as handle:
        head = handle.read(4)
        handle.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise InputError(f"{origin}: JSON Lines must be UTF-8, not UTF-16")
        number = 0
        while True:
            raw = handle.readline(max_bytes + 1)
            if not raw:
                return
            number += 1
            where = f"{origin}:{number}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the oversized record without holding it
                bad(f"{where}: record larger than the {max_bytes:,}-byte article limit (max_article_bytes)")
                continue
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                line = raw.decode("utf-8").removesuffix("\n").removesuffix("\r")
            except UnicodeDecodeError:
                bad(f"{where}: not UTF-8 (JSON Lines must be UTF-8)")
                continue
            if not line.strip():
                continue
            try:
                yield _jsonl_article(line, where, "utf-8")
            except InputError as error:
                bad(str(error))


def _regular_file(path: Path, origin: str) -> os.stat_result:
    """The file's status; InputError unless it is a regular file (a FIFO or /dev/zero would never end)."""
    try:
        info = path.stat()
    except FileNotFoundError as error:
        raise InputError(f"{origin}: no such file") from error
    except OSError as error:
        raise InputError(f"{origin}: cannot read ({error.strerror})") from error
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{origin}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device" if stat.S_ISCHR(info.st_mode)
                or stat.S_ISBLK(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a file")
        raise InputError(f"{origin}: {kind}, not a regular file; only regular files are read")
    return info


def _read_bounded(path: Path, origin: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; InputError for anything else."""
    info = _regular_file(path, origin)
    if info.st_size > max_bytes:
        raise InputError(f"{origin}: {info.st_size:,} bytes, larger than the {max_bytes:,}-byte article limit "
                         "(setting max_article_bytes)")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may grow, or report a wrong size
    except OSError as error:
        raise InputError(f"{origin}: cannot read ({error.strerror})") from error
    if len(data) > max_bytes:
        raise InputError(f"{origin}: larger than the {max_bytes:,}-byte article limit (setting max_article_bytes)")
    return data


def iter_articles(path: Path, max_bytes: int = MAX_ARTICLE_BYTES,
                  problems: list[str] | None = None) -> Iterator[Article]:
    """Articles in one file, one at a time. InputError naming the file for a file that cannot be used;
    a bad JSON Lines record is named in `problems` and skipped when a list is given."""
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        _regular_file(path, origin)
        yield from _stream_jsonl(path, origin, max_bytes, problems)
        return
    data = _read_bounded(path, origin, max_bytes)
    text, encoding = decode(data, origin)
    if suffix in HTML_SUFFIXES or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        yield parse_html(text, origin, encoding)
    else:
        yield parse_plain_text(text, origin, encoding)


def read_file(path: Path, max_bytes: int = MAX_ARTICLE_BYTES, problems: list[str] | None = None) -> list[Article]:
    """Articles in one file; raises InputError naming the file for anything unreadable."""
    return list(iter_articles(path, max_bytes, problems))


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
