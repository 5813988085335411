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
    """The text without boilerplate lines or furniture inside them; everything else kept as is."""
    kept = [line for line in text.splitlines() if not is_furniture(line)]
    return strip_inline_furniture("\n".join(kept)).strip()


# Furniture that scraping glues into the prose itself ("... assassinations image copyright AFP
# image caption Federal troops were deployed ... in the 1990s When the Bolsheviks ...").
_CREDIT = re.compile(
    # the lead words in any case, the credit itself as written ("AFP", "Getty Images"), so the
    # "image" of the "image caption" that follows is not taken for part of it
    r"(?:\b(?i:image|media|video|photo)\s+(?i:copyright|source)\s*,?\s*"
    r"(?:[A-Z][\w&.'-]*(?:\s+(?:Images?|Pictures|Photos?|Media|Agency|News|Wire)(?!\s+(?i:caption)))?(?:\s*/\s*[A-Z][\w.'-]*)*)?)"
    r"|\b(?i:Skip\s+Ad|Continue\s+reading\s+the\s+main\s+story|Media\s+playback\s+is\s+unsupported\s+on\s+"
    r"your\s+device|Copy\s+link|Advertisement\s+Advertisement)\b",
)
_CAPTION = re.compile(r"(?<!\bthe )(?<!\ban )(?<!\ba )\b(?:image|media|video|photo)\s+caption\s*[,:]?\s*", re.IGNORECASE)
# where a caption without its full stop runs into the next sentence: a lower-case word, then
# one of the words sentences most often open with
_OPENERS = (r"The|A|An|When|In|On|At|After|Before|But|He|She|They|It|We|His|Her|Their|Its|This|That|"
            r"These|Those|Some|Many|Most|For|As|While|Since|Although|There|Police|Officials|According|"
            r"Meanwhile|Earlier|Later|Last|Now|However|Witnesses|Residents")
_CAPTION_END = re.compile(r"[.!?](?:\s|$)|(?<=[a-z0-9%)])\s+(?=(?:" + _OPENERS + r")\b)|\n")
_MAX_CAPTION = 250


def strip_inline_furniture(text: str) -> str:
    """Photo credits and captions, "Skip Ad" and the like, taken out of the prose they were
    glued into.  A caption goes with them: it describes a picture, often of another event.  It
    ends at its full stop or where the next sentence plainly starts; one that does not end
    within 250 characters is left alone rather than eat the story."""
    text = _CREDIT.sub(" ", text)
    out, pos = [], 0
    for cap in _CAPTION.finditer(text):
        if cap.start() < pos:
            continue
        end = _CAPTION_END.search(text, cap.end(), cap.end() + _MAX_CAPTION)
        if end is None:
            continue
        out.append(text[pos : cap.start()].rstrip(" ") + (" " if end.group(0).strip() else ""))
        pos = end.end() if end.group(0).strip() else end.start()
    out.append(text[pos:])
    return re.sub(r"[ \t]{2,}", " ", "".join(out))


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
