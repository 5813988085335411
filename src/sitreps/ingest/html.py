"""Saved web pages (.html, .htm): main text and metadata via trafilatura."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from ..errors import InputError
from ..records import Article, Problem
from .cleanup import drop_furniture, has_prose
from .common import Context, load_text, make_article
from .dates import DateError, parse_iso

NO_TEXT = "no article text found in HTML"

_LOWER = "translate({attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_BANNER_WORDS = ("cookie", "consent", "gdpr")
# Removed before extraction.  Captions and banners are the boilerplate most
# likely to survive content scoring because they sit inside the article; a
# caption about an older attack would be read as a second event.  Banners
# are matched on id/class words but never when they wrap the article itself
# (some sites put "cookie-accepted" on a page-wide wrapper).
_PRUNE_XPATH = [
    "//figure",
    "//figcaption",
    "//nav",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]",
    "//*[self::div or self::section or self::aside or self::p or self::dialog or self::form]"
    "[" + " or ".join(
        f"contains({_LOWER.format(attr=attr)}, '{word}')"
        for attr in ("@id", "@class")
        for word in _BANNER_WORDS
    ) + "][not(.//article) and not(.//main)]",
]
# Dates from metadata and markup only: htmldate's "extensive" search reads
# dates out of the body text, which are event dates, not the publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class Page:
    text: str
    title: str
    date: str  # as trafilatura gives it (YYYY-MM-DD), or ""
    site: str
    url: str


def extract_page(markup: str) -> Page | None:
    """Main text and metadata of a page, or None if it has no article text."""
    doc = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        prune_xpath=_PRUNE_XPATH,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or isinstance(doc, dict):  # dict only with as_dict=True
        return None
    title = " ".join((doc.title or "").split())
    text = _drop_title_line(drop_furniture(doc.text or ""), title)
    if not has_prose(text):
        return None
    return Page(
        text=text,
        title=title,
        date=doc.date or "",
        site=doc.sitename or doc.hostname or "",
        url=doc.url or "",
    )


def _drop_title_line(text: str, title: str) -> str:
    # trafilatura keeps the <h1> as the first line; the title has its own field
    # and would otherwise be read twice by the extractors.
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()).casefold() == title.casefold():
        return rest.strip()
    return text


def page_date(page: Page, origin: str, ctx: Context) -> dt.date:
    """The page's own date, else the caller's --published, else an error."""
    if page.date:
        try:
            found = parse_iso(page.date, ctx.today)
        except DateError as exc:
            raise InputError(origin, str(exc)) from None
        if found:
            return found
    if ctx.published:
        return ctx.published
    raise InputError(origin, "no publication date found")


def read(path: Path, ctx: Context) -> Iterator[Article | Problem]:
    origin = str(path)
    page = extract_page(load_text(path, ctx.settings))
    if page is None:
        raise InputError(origin, NO_TEXT)
    yield make_article(
        page.text,
        page_date(page, origin, ctx),
        source=page.site,
        url=page.url,
        title=page.title,
        origin=origin,
    )
