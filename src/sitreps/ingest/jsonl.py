"""JSON Lines (.jsonl, .ndjson): one article object per line.

    {"id": "...", "text": "..." | "html": "...", "published": "2016-11-05",
     "source": "...", "url": "...", "title": "..."}

A bad line is reported as ``path:LINE`` and the rest of the file goes on,
including a line that is not valid UTF-8: decoding is done per line so one
stray byte in a scraped dump does not cost the whole file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article, Problem
from . import html
from .cleanup import strip_inline_furniture
from .common import Context, decode_utf8, load_bytes, make_article
from .dates import DateError, parse_iso

_ISO_HINT = "expected ISO 8601, e.g. 2016-11-05"


def read(path: Path, ctx: Context) -> Iterator[Article | Problem]:
    data = load_bytes(path, ctx.settings)
    offset = 0
    found_any = False
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        line_start, offset = offset, offset + len(raw) + 1
        origin = f"{path}:{lineno}"
        try:
            line = decode_utf8(raw, origin, base_offset=line_start)
        except InputError as exc:
            found_any = True
            yield Problem(exc.origin, exc.reason)
            continue
        if not line.strip():
            continue
        found_any = True
        yield _record(line, origin, ctx)
    if not found_any:
        yield Problem(str(path), "empty file")


def _record(line: str, origin: str, ctx: Context) -> Article | Problem:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(origin, f"invalid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        return Problem(origin, f"not a JSON object but {_json_kind(obj)}")
    try:
        return _article(obj, origin, ctx)
    except InputError as exc:
        return Problem(exc.origin, exc.reason)


def _article(obj: dict[str, Any], origin: str, ctx: Context) -> Article:
    page: html.Page | None = None
    text = strip_inline_furniture(_string(obj, "text", origin))
    if not text.strip():
        markup = _string(obj, "html", origin)
        if not markup.strip():
            raise InputError(origin, "no 'text' or 'html' field")
        page = html.extract_page(markup)
        if page is None:
            raise InputError(origin, html.NO_TEXT)
        text = page.text
    raw_id = obj.get("id")
    return make_article(
        text,
        _published(obj, page, origin, ctx),
        # The record's own fields win over what the page says about itself.
        source=_string(obj, "source", origin) or (page.site if page else ""),
        url=_string(obj, "url", origin) or (page.url if page else ""),
        title=_string(obj, "title", origin) or (page.title if page else ""),
        origin=origin,
        id=None if raw_id is None or raw_id == "" else str(raw_id),
    )


def _published(obj: dict[str, Any], page: html.Page | None, origin: str, ctx: Context) -> dt.date:
    """The record's 'published', else the embedded page's date, else the
    caller's --published; a date that is present but wrong is an error."""
    raw = obj.get("published")
    if raw is None or raw == "":
        if page is not None and page.date:
            return html.page_date(page, origin, ctx)
        if ctx.published:
            return ctx.published
        raise InputError(origin, "missing 'published' date")
    if not isinstance(raw, str):
        raise InputError(origin, f"unreadable date {json.dumps(raw)} ({_ISO_HINT})")
    try:
        found = parse_iso(raw, ctx.today)
    except DateError as exc:
        raise InputError(origin, str(exc)) from None
    if found is None:
        raise InputError(origin, f"unreadable date '{raw}' ({_ISO_HINT})")
    return found


def _string(obj: dict[str, Any], key: str, origin: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(origin, f"'{key}' is {_json_kind(value)}, not a string")
    return value


def _json_kind(value: Any) -> str:
    # bool before int: True is an int to isinstance().
    kinds = ((bool, "a boolean"), ((int, float), "a number"), (list, "an array"), (dict, "an object"))
    for kind, name in kinds:
        if isinstance(value, kind):
            return name
    return "a string" if isinstance(value, str) else "null"
