"""Turning page and feed markup into article text, minus the furniture.

Boilerplate matters more here than in a search index: a figure caption about
last year's bombing or a "Related: Two killed in ..." link would become a
second, false event.  trafilatura removes most of it; the line filter below
catches what pages put *inside* the article body.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Lines that are site furniture, not reporting.  Each needs a colon, arrow or
# the end of the line after the cue so real sentences ("Related attacks in
# ...") are kept.
_FURNITURE = re.compile(
    r"""^\s*(?:
        short\s?-?link\s*:.*
      | (?:read\s+more|related(?:\s+(?:articles?|stories|coverage|news|content))?
        |see\s+also|also\s+read|more\s+on\s+this(?:\s+story)?|you\s+(?:may|might)\s+also\s+like
        |recommended(?:\s+for\s+you)?|share\s+this(?:\s+article)?|follow\s+us\s+on\b.*
        |advertisement|sign\s+up\s+for\b.*|subscribe\s+to\b.*)
        \s*(?:[:»›>|\u2192\u2026]|\.{3}|$).*
      | (?:©|\(c\)|copyright)\s*(?:©\s*)?(?:19|20)\d\d\b.*
      | .*\ball\s+rights\s+reserved\b.*
      | the\s+post\b.*\bappeared\s+first\s+on\b.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_CUES = re.compile(
    r"\b(?:we\s+use|uses|accept|consent|policy|settings|continuing\s+to\s+(?:browse|use)|agree)\b",
    re.IGNORECASE,
)
# Furniture lines are short; a long line that happens to match is prose.
_MAX_FURNITURE_LEN = 300


def is_furniture(line: str) -> bool:
    if len(line) > _MAX_FURNITURE_LEN:
        return False
    if _FURNITURE.match(line):
        return True
    return bool(_COOKIE.search(line) and _COOKIE_CUES.search(line))


def drop_furniture(text: str) -> str:
    """The text without boilerplate lines; everything else kept as is."""
    kept = [line for line in text.splitlines() if not is_furniture(line)]
    return "\n".join(kept).strip()


def has_prose(text: str, min_words: int = 6) -> bool:
    """True if some line reads like a sentence, not a menu ('Home\\nNews')."""
    return any(len(line.split()) >= min_words for line in text.splitlines())


_BLOCK_TAGS = frozenset(
    ("p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "tr", "table", "section", "article", "header", "footer", "pre", "dd", "dt", "hr")
)  # fmt: skip
# Content of these is never article text; captions describe other pictures,
# often of other events.
_SKIP_TAGS = frozenset(
    ("script", "style", "figure", "figcaption", "noscript", "iframe", "svg", "nav", "aside")
)


class _TextCollector(HTMLParser):
    """Collects text with a newline at each block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/> and <img/> have no end tag; never count them as skip regions.
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\u00a0\r\f\v]+")
_MARKUP = re.compile(r"<[A-Za-z!/][^>]*>")


def looks_like_html(value: str) -> bool:
    return bool(_MARKUP.search(value))


def html_to_text(fragment: str) -> str:
    """Plain text of a short HTML fragment (a feed summary), one block a line.

    A small stdlib parser is enough here: feed snippets have no page layout
    for trafilatura's content scoring to work on, and it can drop them whole.
    """
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
