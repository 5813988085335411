"""Plain-text articles (.txt).

Layout understood at the top of the file, all optional::

    5 November 2016            <- a date alone on the first non-blank line
    Gunmen kill 11 in Borno    <- a short title line, then a blank line

    Suspected Boko Haram fighters killed ...

"Title / date / blank line" is accepted too, since saved articles often put
the headline first.  The date comes from the caller's ``published`` if given,
else from that date line, else from the file's modification time (flagged as
estimated and reported as a warning, because it is usually the download day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..records import Article, Problem
from .cleanup import strip_inline_furniture
from .common import Context, load_text, make_article
from .dates import DateError, parse_date_line

MAX_TITLE_CHARS = 150


@dataclass(frozen=True)
class Head:
    """What the top of a text file says about the article."""

    date: dt.date | None
    date_error: str | None  # a date line that is not a real date
    title: str
    body: str


def read(path: Path, ctx: Context) -> Iterator[Article | Problem]:
    origin = str(path)
    head = split_head(load_text(path, ctx.settings), ctx.today)
    estimated = False
    if ctx.published:
        published = ctx.published  # the caller knows better than the file
    elif head.date_error:
        raise InputError(origin, head.date_error)
    elif head.date:
        published = head.date
    else:
        published = dt.date.fromtimestamp(path.stat().st_mtime)
        estimated = True
        yield Problem(
            origin,
            f"no publication date; using the file's modification time {published.isoformat()}",
            fatal_for_article=False,
        )
    yield make_article(
        strip_inline_furniture(head.body), published, title=head.title, origin=origin, published_estimated=estimated
    )


def split_head(text: str, today: dt.date) -> Head:
    """Split off a leading date line and title line from the body."""
    lines = text.splitlines()
    first = _next_filled(lines, 0)
    date, error = _date_of(lines[first], today)
    title = ""
    start = first + 1 if (date or error) else first
    if not (date or error) and first + 1 < len(lines) and is_title(lines[first]):
        # Headline first, date line second.
        date, error = _date_of(lines[first + 1], today)
        if date or error:
            title, start = lines[first].strip(), first + 2
    if not title:
        title, start = _title_at(lines, start)
    body = "\n".join(lines[start:]).strip()
    if not body:
        # A file that is only one short line: that line is the article.
        body, title = title, ""
    return Head(date=date, date_error=error, title=title, body=body)


def _date_of(line: str, today: dt.date) -> tuple[dt.date | None, str | None]:
    try:
        return parse_date_line(line, today), None
    except DateError as exc:
        return None, str(exc)


def _title_at(lines: list[str], start: int) -> tuple[str, int]:
    """('title', index after it) if lines[start:] begins with a title line
    followed by a blank line and more text, else ('', start)."""
    at = _next_filled(lines, start)
    if at + 1 >= len(lines) or lines[at + 1].strip() or not is_title(lines[at]):
        return "", start
    if _next_filled(lines, at + 1) >= len(lines):
        return "", start  # nothing after it: it is the text, not a title
    return lines[at].strip(), at + 1


def is_title(line: str) -> bool:
    # A final period marks a sentence: the lead paragraph, not a headline.
    text = line.strip()
    return 0 < len(text) < MAX_TITLE_CHARS and not text.endswith(".")


def _next_filled(lines: list[str], start: int) -> int:
    """Index of the first non-blank line at or after start (len if none)."""
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return len(lines)
