"""English date expressions resolved against the article date: 'on Tuesday', 'Nov. 17', '17 November 2024',
'last week'. Absolute numeric dates and named events go through `rung.events.common.resolve_date`."""

from __future__ import annotations

import datetime as dt
import re

from rung.clauses.dates import resolve_date

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH = r"(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|" \
         r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_MONTH_DAY = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+(\d{4}))?")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"\b(?:on\s+|late\s+|early\s+|last\s+)?(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _complete(month: int, day: int, year: str | None, article_date: dt.date | None) -> dt.date | None:
    if year:
        return _safe(int(year), month, day)
    if article_date is None:
        return None
    date = _safe(article_date.year, month, day)
    if date and date > article_date + dt.timedelta(days=31):  # 'Dec. 28' in a January story is last year's
        date = _safe(article_date.year - 1, month, day)
    return date


# A wire dateline ("WASHINGTON, Nov 22 (Reuters) -") dates the report, not the event it reports.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z.' -]+(?:,\s*[A-Za-z.' ]+)?,\s*" + _MONTH + r"\s+\d{1,2}(?:,?\s+\d{4})?"
                       r"\s*(?:\([^)]*\))?\s*[-\u2013\u2014]+\s*")


def resolve_english_date(text: str, article_date: dt.date | None, relative: dict[str, int] | None = None
                         ) -> tuple[dt.date | None, str | None, str | None]:
    """(date, qualifier, rule) for the first date expression in `text` (see the module doc)."""
    text = _DATELINE.sub("", text, count=1)
    date, qualifier, rule = resolve_date(text, article_date, None)
    if date is not None:
        return date, qualifier, rule
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        if m := pattern.search(text):
            date = _complete(_month(m.group(month_group)), int(m.group(day_group)), m.group(3), article_date)
            if date:
                return date, "on", f"date:month-day:{m.group(0)}"
    if article_date is None:
        return None, None, None
    if m := _WEEKDAY.search(text):
        wanted = _WEEKDAYS.index(m.group(1).lower())
        back = (article_date.weekday() - wanted) % 7
        if m.group(0).lower().startswith("last") and back == 0:
            back = 7
        return article_date - dt.timedelta(days=back), "on", f"date:weekday:{m.group(0)}"
    lowered = text.lower()
    for phrase, days in sorted((relative or {}).items(), key=lambda kv: -len(kv[0])):
        if re.search(r"\b" + re.escape(phrase) + r"\b", lowered):
            qualifier = "before" if phrase.startswith("within") else "on"
            return article_date + dt.timedelta(days=days), qualifier, f"date:relative:{phrase}"
    return None, None, None
