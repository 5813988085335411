"""Strict publication-date parsing.

Deliberately narrow (ISO 8601 and a few written English forms) rather than a
fuzzy parser: a publication date that is guessed wrong silently shifts every
event in the article, so anything unclear is reported instead of guessed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time

EARLIEST_YEAR = 1900


class DateError(ValueError):
    """A date is present but unusable; ``str()`` is the one-line reason."""


_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# A time (and zone) after the date is allowed and ignored: only the day matters.
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?"
_WRITTEN = (
    # 5 November 2016
    re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}", re.I),
    # November 5, 2016
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.I),
)
# "Published: ...", "Date - ...", "First published on ..."
_LABEL = re.compile(
    r"(?:(?:first\s+)?published|posted|updated|date)(?:\s+on)?\s*[:\-\u2013]?\s*", re.I
)


def build(year: int, month: int, day: int, raw: str, today: dt.date) -> dt.date:
    """A calendar date, checked to be real and plausible for a news report."""
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise DateError(f"impossible date '{raw}'") from None
    return check_range(value, raw, today)


def check_range(value: dt.date, raw: str, today: dt.date) -> dt.date:
    if value.year < EARLIEST_YEAR:
        raise DateError(f"date '{raw}' is before {EARLIEST_YEAR}")
    # One day of slack: a report dated "tomorrow" is usually a time-zone effect.
    if value > today + dt.timedelta(days=1):
        raise DateError(f"date '{raw}' is in the future")
    return value


def parse_iso(raw: str, today: dt.date) -> dt.date | None:
    """The date of an ISO 8601 date or datetime, or None if not ISO-shaped.

    The date is taken as written, *not* converted to UTC: the local calendar
    day of the publisher is the day the report speaks of ("on Saturday").
    """
    match = _ISO.fullmatch(raw.strip())
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return build(year, month, day, raw.strip(), today)


def parse_written(raw: str, today: dt.date) -> dt.date | None:
    """'5 November 2016', 'Saturday, November 5, 2016 14:00', or None."""
    text = raw.strip()
    for pattern in _WRITTEN:
        match = pattern.fullmatch(text)
        if match and match["month"].lower() in _MONTHS:
            month = _MONTHS[match["month"].lower()]
            return build(int(match["year"]), month, int(match["day"]), text, today)
    return None


def parse_date_line(line: str, today: dt.date) -> dt.date | None:
    """A line that is only a date (optionally labelled), or None.

    Raises DateError when the line is clearly meant as a date but is not a
    real one ('2016-13-05'), so the file is reported rather than misdated.
    """
    text = line.strip()
    label = _LABEL.match(text)
    if label and label.end() < len(text):
        text = text[label.end() :]
    return parse_iso(text, today) or parse_written(text, today)


def parse_feed_date(raw: str, parsed: time.struct_time | None, today: dt.date) -> dt.date | None:
    """A feed entry's date: RFC 822 (RSS) or ISO (Atom) in the publisher's own
    zone, falling back to feedparser's UTC struct only when the raw text is
    something else.  feedparser's struct is normalized to UTC, which can move a
    late-evening report to the next day or an early one to the previous day."""
    raw = raw.strip()
    if raw:
        iso = _ISO.match(raw)
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            return build(year, month, day, raw, today)
        rfc = email.utils.parsedate_tz(raw)
        if rfc:
            return build(rfc[0], rfc[1], rfc[2], raw, today)
    if parsed is not None:
        shown = raw or time.strftime("%Y-%m-%d", parsed)
        return build(parsed.tm_year, parsed.tm_mon, parsed.tm_mday, shown, today)
    return None
