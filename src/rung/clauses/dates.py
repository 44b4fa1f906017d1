"""Dates of clauses, resolved against the article date: absolute forms, month-day and day-only forms,
named events (data/known_dates.yaml) and relative words. Language adapters add their own forms on top."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True, slots=True)
class KnownDate:
    date: dt.date
    name: str
    phrases: tuple[str, ...]


@lru_cache(maxsize=1)
def known_dates() -> tuple[KnownDate, ...]:
    data = yaml.safe_load((resources.files("rung.clauses") / "data" / "known_dates.yaml").read_text(encoding="utf-8"))
    return tuple(KnownDate(date=row["date"], name=row["name"], phrases=tuple(row["phrases"])) for row in data)


_YMD = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_MD = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_D = re.compile(r"(?<![\d月])(\d{1,2})日(?![間])")
_DMY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_BEFORE = ("前に", "前", "まで", "以前", "before", "ahead of", "prior to")
_AFTER = ("後", "以降", "after", "following")


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def resolve_date(text: str, article_date: dt.date | None, relative: dict[str, int] | None = None
                 ) -> tuple[dt.date | None, str | None, str | None]:
    """(date, qualifier, rule) for the first date expression in `text`.

    Absolute dates first (2024年11月17日, 25.11.2024, 2024-11-17), then month-day and day-only forms
    completed from the article date, then named events (known_dates.yaml) with before/after, then
    relative words (昨日, 先週, 数日以内) counted from the article date.
    """
    for pattern, order in ((_YMD, "ymd"), (_DMY, "dmy"), (_ISO, "ymd")):
        if m := pattern.search(text):
            a, b, c = (int(x) for x in m.groups())
            date = _safe(a, b, c) if order == "ymd" else _safe(c, b, a)
            if date:
                return date, "on", f"date:absolute:{m.group(0)}"
    if article_date:
        if m := _MD.search(text):
            date = _safe(article_date.year, int(m[1]), int(m[2]))
            if date and date > article_date + dt.timedelta(days=31):
                date = _safe(article_date.year - 1, int(m[1]), int(m[2]))
            if date:
                return date, "on", f"date:month-day:{m.group(0)}"
        if m := _D.search(text):
            day = int(m[1])
            date = _safe(article_date.year, article_date.month, day)
            if date and date > article_date:  # a day after today's number is last month's
                prev = article_date.replace(day=1) - dt.timedelta(days=1)
                date = _safe(prev.year, prev.month, day)
            if date:
                return date, "on", f"date:day:{m.group(0)}"
    for known in known_dates():
        for phrase in known.phrases:
            if (at := text.find(phrase)) >= 0:
                tail = text[at + len(phrase): at + len(phrase) + 6]
                head = text[max(0, at - 12): at]
                if tail.startswith(_BEFORE) or any(head.endswith(w + " ") or head.endswith(w) for w in _BEFORE[4:]):
                    return known.date, "before", f"date:known:{known.name}"
                if tail.startswith(_AFTER) or any(head.rstrip().endswith(w) for w in _AFTER[2:]):
                    return known.date, "after", f"date:known:{known.name}"
    if article_date and relative:
        for word, days in relative.items():
            if word in text:
                date = article_date + dt.timedelta(days=days)
                qualifier = "before" if "以内" in word or "within" in word else "on"
                return date, qualifier, f"date:relative:{word}"
    return None, None, None
