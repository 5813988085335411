"""Dates: time expressions resolved against the publication date.

Rules follow how wire copy is written: a bare weekday is the most recent one on
or before publication; "two days earlier" is counted back from the date the text
was just talking about (the running context), "two days ago" from publication;
a month and day without a year is the latest such date not after publication.
Nothing is ever dated after its article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from ..records import Evidence, Sentence, TimeRef
from .analysis import Analysis
from ..knowledge import Knowledge
from ..settings import Settings

EXTRACTOR = "dates.rules"
MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
# "October 17, 2016" but not the 2000 of "October 17, 2000 people fled"
_YEAR_NOT_COUNT = (r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b(?!\s+(?:people|civilians|soldiers|fighters|families|residents|"
                   r"troops|militants|refugees|others|more|of)\b))?")
_NUMWORD = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|several|a few)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("md_range", re.compile(_MONTH + r"\s+" + _DAY + r"\s*(?:-|–|—|to|and|through|until)\s*" + _DAY2 + r"\b" + _YEAR)),
    ("dm_range", re.compile(r"\b" + _DAY + r"\s*(?:-|–|—|to|and|through|until)\s*" + _DAY2 + r"\s+" + _MONTH + _YEAR)),
    ("md", re.compile(_MONTH + r"\s+" + _DAY + r"\b(?!\s*[-–])" + _YEAR_NOT_COUNT)),
    ("dm", re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"\b" + _YEAR)),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    # the preposition may open the sentence ("In April, ..."); the month keeps its capital ("may")
    ("month", re.compile(r"\b(?i:in|during|since|early|late|mid-?|throughout)\s+(?:early |late |mid-?)?" + _MONTH + _YEAR + r"\b")),
    ("year", re.compile(r"\b(?:in|since|during|of)\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    # "in the 1990s", "in the early 1920s", "in the 19th century": history, never today's news
    ("decade", re.compile(r"\b(?:in|during|throughout|since|by|of|after|before|until)\s+the\s+(?P<part>early\s+|late\s+|mid-?)?"
                          r"(?P<decade>1[6-9]\d0|20[0-2]0)s\b", re.I)),
    ("century", re.compile(r"\b(?:in|during|throughout|since|by|of|after|before|until)\s+the\s+(?:early\s+|late\s+|mid-?)?"
                           r"(?P<century>1[6-9]|20)(?:st|nd|rd|th)[\s-]+century\b", re.I)),
    # a weekday that names a day ("Bloody Friday", "Good Friday") or heads a full date ("Friday, 21 July
    # 1972", read by "dm") is no day of its own
    ("weekday", re.compile(r"\b(?<!Bloody )(?<!Good )(?<!Black )(?<!Holy )(?<!Palm )(?<!Easter )(?<!Ash )(?<!Maundy )"
                           r"(?P<since>since\s+)?(?:on\s+|last\s+|early\s+|late\s+)?(?P<wd>Monday|Tuesday|Wednesday|"
                           r"Thursday|Friday|Saturday|Sunday)(?:'s)?\b(?!,?\s+(?:the\s+)?(?:[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?"
                           + _MONTH + r"|" + _MONTH.replace("?P<month>", "?:") + r"\s+[0-3]?\d))")),
    ("yesterday", re.compile(r"\b(?:yesterday|last night|overnight)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight|earlier today)\b", re.I)),
    ("ago", re.compile(r"\b" + _NUMWORD + r"\s+(?P<unit>days?|weeks?)\s+(?P<dir>ago|earlier|later)\b", re.I)),
    ("lastweek", re.compile(r"\b(?:last|past|previous)\s+(?P<unit>week|month)\b", re.I)),
    ("span", re.compile(r"\b(?:for|over|lasted|lasting)\s+(?:the\s+(?:past|last)\s+)?" + _NUMWORD + r"\s+(?P<unit>days?|weeks?)\b", re.I)),
]


@dataclass
class Context:
    """The running date of the narrative, carried from sentence to sentence."""

    published: dt.date
    current: dt.date | None = None


def _month_day(published: dt.date, month: int, day: int, year: str | None) -> dt.date | None:
    try:
        if year:
            return dt.date(int(year), month, day)
        candidate = dt.date(published.year, month, day)
        if candidate > published:
            candidate = dt.date(published.year - 1, month, day)
        return candidate
    except ValueError:
        return None


def _numeric(a: int, b: int, year: int, pub: dt.date) -> tuple[dt.date, dt.date | None, int] | None:
    """10/31/2016 or 31/10/2016: of the readings that are real days not after
    publication, the one nearest to it (wire copy is about the last few days)."""
    readings = []
    for month, day in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    past = [d for d in readings if d <= pub]
    return (max(past), None, 1) if past else None


def _number(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in ("a", "one"):
        return 1
    if word in ("several", "a few"):
        return 3
    try:
        return int(text2num(word, "en"))
    except ValueError:
        return 1


def _month_name(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _resolve(kind: str, m: re.Match[str], ctx: Context) -> tuple[dt.date, dt.date | None, int] | None:
    pub = ctx.published
    g = m.groupdict()
    if kind in ("md_range", "dm_range"):
        month = _month_name(g["month"])
        end = _month_day(pub, month, int(g["day2"]), g.get("year"))
        start = _month_day(pub, month, int(g["day"]), g.get("year"))
        if start is None or end is None or start > end:
            return None
        return start, end, 2
    if kind in ("md", "dm"):
        day = _month_day(pub, _month_name(g["month"]), int(g["day"]), g.get("year"))
        return (day, None, 1) if day else None
    if kind == "numeric":
        return _numeric(int(g["a"]), int(g["b"]), int(g["year"]), pub)
    if kind == "iso":
        try:
            return dt.date(int(g["year"]), int(g["month"]), int(g["day"])), None, 1
        except ValueError:
            return None
    if kind == "month":
        month = _month_name(g["month"])
        year = int(g["year"]) if g.get("year") else (pub.year if month <= pub.month else pub.year - 1)
        start = dt.date(year, month, 1)
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return start, min(nxt - dt.timedelta(days=1), pub), 3
    if kind == "year":
        year = int(g["year"])
        return dt.date(year, 1, 1), min(dt.date(year, 12, 31), pub), 3
    if kind in ("decade", "century"):
        first = int(g["decade"]) if kind == "decade" else (int(g["century"]) - 1) * 100
        length = 10 if kind == "decade" else 100
        part = (g.get("part") or "").strip().rstrip("-").lower()
        offset = {"early": 0, "mid": length * 3 // 10, "late": length * 6 // 10}.get(part, 0)
        last = first + (length * 4 // 10 if part else length) - 1
        start = dt.date(first + offset, 1, 1)
        return (start, min(dt.date(last + offset, 12, 31), pub), 3) if start <= pub else None
    return _resolve_relative(kind, m, ctx)


def _resolve_relative(kind: str, m: re.Match[str], ctx: Context) -> tuple[dt.date, dt.date | None, int] | None:
    pub = ctx.published
    g = m.groupdict()
    if kind == "weekday":
        back = (pub.weekday() - WEEKDAYS.index(g["wd"].lower())) % 7
        day = pub - dt.timedelta(days=back)
        return (day, pub, 2) if g.get("since") else (day, None, 1)
    if kind == "yesterday":
        return pub - dt.timedelta(days=1), None, 1
    if kind == "today":
        return pub, None, 1
    if kind == "ago":
        days = _number(g["n"]) * (7 if g["unit"].lower().startswith("week") else 1)
        direction = g["dir"].lower()
        anchor = pub if direction == "ago" else (ctx.current or pub)
        day = anchor + dt.timedelta(days=days) if direction in ("later", "after") else anchor - dt.timedelta(days=days)
        return min(day, pub), None, 1 if days < 7 else 2
    if kind == "lastweek":
        days = 7 if g["unit"].lower() == "week" else 30
        return pub - dt.timedelta(days=days), pub, 2 if days == 7 else 3
    if kind == "span":
        days = _number(g["n"]) * (7 if g["unit"].lower().startswith("week") else 1)
        end = ctx.current or pub
        return end - dt.timedelta(days=max(days - 1, 0)), end, 2
    return None


def find_times(sentence: str, offset: int, index: int, ctx: Context) -> list[TimeRef]:
    """Time expressions in one sentence, resolved, in text order; updates the context."""
    taken: list[tuple[int, int]] = []
    refs: list[TimeRef] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            resolved = _resolve(kind, m, ctx)
            if resolved is None:
                continue
            start, end, precision = resolved
            taken.append((m.start(), m.end()))
            historical = (ctx.published - start).days > 120
            ev = Evidence(EXTRACTOR, offset + m.start(), offset + m.end(), m.group(0), index)
            refs.append(TimeRef(start, end if end != start else None, precision, ev, historical))
    refs.sort(key=lambda r: r.evidence.start)
    for ref in refs:
        # A month-level mention is too coarse to anchor "two days earlier" on.
        if not ref.historical and ref.start <= ctx.published and ref.precision < 3:
            ctx.current = ref.start
    return [r for r in refs if r.start <= ctx.published]


NAME = "times"
NEEDS = ("sentences",)
ADDS = ("times",)


def apply(analysis: Analysis, kb: Knowledge, settings: Settings) -> Analysis:
    ctx = Context(analysis.article.published)
    refs: list[TimeRef] = []
    for sent in analysis.sentences:
        found = find_times(sent.text, sent.start, sent.index, ctx)
        refs.extend(found + _model_dates(analysis, sent, found))
    return analysis.add(NAME, times=tuple(sorted(refs, key=lambda r: r.evidence.start)))


_HAS_DAY = re.compile(r"\d|" + _MONTH, re.I)
# "within 10 days of the attacks", "the past 48 hours": a length of time, no day to parse
_DURATION = re.compile(r"\b(?:days?|weeks?|months?|years?|hours?|minutes?|decades?)\b", re.I)


def _model_dates(analysis: Analysis, sent: Sentence, found: list[TimeRef]) -> list[TimeRef]:
    """Dates the model tags that our patterns did not read ("31/01/2016", "the 3rd of
    May"), parsed by dateparser against the publication date, days only."""
    extra: list[TimeRef] = []
    span = analysis.doc.char_span(sent.start, sent.end, alignment_mode="expand")
    for ent in span.ents if span is not None else ():
        if ent.label_ != "DATE" or not _HAS_DAY.search(ent.text) or _DURATION.search(ent.text):
            continue
        if any(r.evidence.start < ent.end_char and ent.start_char < r.evidence.end for r in found):
            continue
        day = _dateparser(ent.text, analysis.article.published)
        if day is not None and day <= analysis.article.published:
            ev = Evidence("dates.dateparser", ent.start_char, ent.end_char, ent.text, sent.index)
            extra.append(TimeRef(day, None, 1, ev, (analysis.article.published - day).days > 120))
    return extra


@lru_cache(maxsize=4096)
def _dateparser(text: str, published: dt.date) -> dt.date | None:
    import dateparser  # slow to import; only needed for the rare date our patterns miss

    base = dt.datetime.combine(published, dt.time(23, 59))
    parsed = dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]})
    return parsed.date() if parsed else None
