"""RSS and Atom feeds (.rss, .atom, or .xml with an rss/feed root), from
files or, with --fetch, from http(s) URLs.

Each entry becomes one article, reported as ``origin#N`` (N counts from 1).
The text is the longest of the entry's content and summary: many feeds carry
the full story in content:encoded and a teaser in the description.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax import SAXParseException

import feedparser

from ..errors import InputError
from ..records import Article, Problem
from .cleanup import drop_furniture, html_to_text, looks_like_html
from .common import MB, Context, decode_utf8, load_bytes, make_article
from .dates import DateError, parse_feed_date
from .fetch import failure_reason, over_limit_reason, urllib_opener

FEED_ROOTS = frozenset({"rss", "feed", "rdf"})  # RSS 2.0, Atom, RSS 1.0 (rdf:RDF)
_SNIFF_BYTES = 4096
# Skip the XML declaration, comments, processing instructions and a DOCTYPE
# to reach the root element's name.
_PROLOG = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<([A-Za-z_][\w.:-]*)")


def root_element(head: bytes) -> str | None:
    """Local name of the first element ('rss', 'feed', 'RDF'), or None."""
    # latin-1 never fails and keeps the ASCII markup intact, whatever the
    # real encoding; only the tag name is needed.
    text = head.decode("latin-1").removeprefix("\xef\xbb\xbf")
    prolog = _PROLOG.match(text)
    match = _TAG.match(text, prolog.end() if prolog else 0)
    return match[1].rpartition(":")[2] if match else None


def is_feed_file(path: Path) -> bool:
    """Cheap sniff so a folder walk can leave other .xml files alone."""
    try:
        with path.open("rb") as handle:
            root = root_element(handle.read(_SNIFF_BYTES))
    except OSError:
        return False
    return root is not None and root.lower() in FEED_ROOTS


def read(path: Path, ctx: Context) -> Iterator[Article | Problem]:
    origin = str(path)
    data = load_bytes(path, ctx.settings)
    # The common UTF-8 rule; the bytes themselves go to feedparser, which
    # honours the XML declaration.
    decode_utf8(data, origin)
    if path.suffix.lower() == ".xml":
        root = root_element(data[:_SNIFF_BYTES])
        if root is None or root.lower() not in FEED_ROOTS:
            shown = f"root element <{root}>" if root else "no XML root element"
            raise InputError(origin, f"not an RSS or Atom feed ({shown})")
    yield from parse_feed(data, origin, ctx)


def read_url(url: str, ctx: Context) -> Iterator[Article | Problem]:
    """Fetch a feed with the context's opener and read its entries."""
    if not ctx.fetch:
        yield Problem(url, "is a URL; use --fetch to fetch feeds")
        return
    opener = ctx.opener or urllib_opener
    timeout = ctx.settings.fetch_timeout
    max_bytes = int(ctx.settings.fetch_max_mb * MB)
    try:
        data = opener(url, timeout, max_bytes)
    except Exception as exc:  # any opener failure: one reported line
        yield Problem(url, f"fetch failed: {failure_reason(exc, timeout)}")
        return
    if len(data) > max_bytes:  # an injected opener may not enforce the limit
        yield Problem(url, f"fetch failed: {over_limit_reason(ctx.settings.fetch_max_mb)}")
        return
    if not data.strip():
        yield Problem(url, "fetch failed: empty response")
        return
    yield from parse_feed(data, url, ctx)


def parse_feed(data: bytes, origin: str, ctx: Context) -> Iterator[Article | Problem]:
    # A stream, never the bytes themselves: feedparser treats a string
    # argument as a file name or URL to open.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if not parsed.get("version"):  # feedparser saw no RSS/Atom at all
            error = parsed.get("bozo_exception") if parsed.get("bozo") else None
            raise InputError(origin, "not a readable feed" + (f": {_first_line(error)}" if error else ""))
        # A real feed that is empty right now: worth a note, not an error.
        yield Problem(origin, "feed has no entries", fatal_for_article=False)
        return
    source = _plain(parsed.feed.get("title", ""))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry(entry, f"{origin}#{number}", source, ctx)


def _entry(entry: Any, origin: str, source: str, ctx: Context) -> Article | Problem:
    text = _entry_text(entry)
    if not text:
        return Problem(origin, "entry has no text (no content or summary)")
    try:
        published = _entry_date(entry, origin, ctx)
    except InputError as exc:
        return Problem(exc.origin, exc.reason)
    return make_article(
        text,
        published,
        source=source,
        url=str(entry.get("link", "")),
        title=_plain(entry.get("title", "")),
        origin=origin,
    )


def _entry_text(entry: Any) -> str:
    candidates = [str(part.get("value", "")) for part in entry.get("content", [])]
    candidates.append(str(entry.get("summary", "")))
    texts = [html_to_text(raw) if looks_like_html(raw) else raw for raw in candidates]
    # Longest as text, not as markup: a teaser can carry more tags than words.
    return drop_furniture(max(texts, key=len))


def _entry_date(entry: Any, origin: str, ctx: Context) -> dt.date:
    """The entry's published (else updated) date, else --published."""
    for raw_key, parsed_key in (("published", "published_parsed"), ("updated", "updated_parsed")):
        raw, parsed = str(entry.get(raw_key) or ""), entry.get(parsed_key)
        if not (raw or parsed):
            continue
        try:
            found = parse_feed_date(raw, parsed, ctx.today)
        except DateError as exc:
            raise InputError(origin, str(exc)) from None
        if found:
            return found
    if ctx.published:
        return ctx.published
    raise InputError(origin, "no publication date found")


def _plain(value: Any) -> str:
    text = str(value or "")
    return " ".join((html_to_text(text) if looks_like_html(text) else text).split())


def _first_line(exc: object) -> str:
    if isinstance(exc, SAXParseException):
        # str() reads "<unknown>:2:0: syntax error", and the position is in
        # feedparser's rewritten copy of the document, not the user's file.
        return str(exc.getMessage())
    text = str(exc or "").strip()
    return text.splitlines()[0][:160] if text else "unknown error"
