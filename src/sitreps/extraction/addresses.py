"""Addresses: a place told with the place that holds it ("Rashidiyah, Diyala, Iraq",
"Al Amiriyah subdistrict, Baghdad city", "the Al-Salam checkpoint near Baghdad").

The holder rules out namesakes elsewhere: a reading of the name must lie in the named
province (or near its boundary: reporters' labels are loose there) or within reach of
the named town.  When no reading does, the name is a place the gazetteer does not
know, and the holder codes the event instead.  Read by ``places.find_places``.
"""

from __future__ import annotations

import re
from typing import Protocol, Sequence

from ..geo import km
from ..knowledge.gazetteer import Gazetteer
from ..records import Place


class Located(Protocol):
    """A place name found in the text (``places._Candidate``)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def sentence(self) -> int: ...


_KIND = (r"(?:sub-?district|district|neighbou?rhood|area|village|town|city|camp|checkpoint|bridge|market|oil\s?field|"
         r"refinery|base|station|crossing|road|street|square)")
_NEAR_LINK = (r"(?:near|outside|close to|around|on the outskirts of|(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
              r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of)")
# what may stand between a place and the place that holds it: "X, Y", "X district, Y", "X checkpoint near Y"
# ... or "X district of Y", "X neighbourhood in Y"
_LINK = re.compile(rf"^(?:(?P<kind>\s+{_KIND})?\s*(?:,\s*(?P<near>{_NEAR_LINK}\s+)?|\s+(?P<near2>{_NEAR_LINK})\s+)|"
                   rf"(?P<part>\s+{_KIND})\s+(?:of|in)\s+)(?:the\s+)?$", re.I)
PART_OF = re.compile(rf"^\s+{_KIND}\s+(?:of|in)\s", re.I)  # right after a name: it names a part of the next place
_AS_PROVINCE = re.compile(r"^\s+(?:governorate|province)\b", re.I)
_LIST_END = re.compile(r"^\s*(?:and|or|&)\s", re.I)
# how far from what holds it a place may lie
_NEAR_KM = 100.0  # "near Y" in reports stretches far
_DISTRICT_KM = 100.0
_TOWN_KM = 50.0  # "Khazar, Mosul": the city's district, not only its streets
_BOUNDARY_KM = 40.0  # Hawijah (Kirkuk) "in Saladin", 34 km from a Saladin place; namesakes lie 100+ km off


def as_written(after: str, options: list[Place]) -> list[Place]:
    """"Baghdad governorate" is the province, whatever a bare "Baghdad" means."""
    if _AS_PROVINCE.match(after):
        provinces = [p for p in options if p.feature == "province"]
        return provinces + [p for p in options if p.feature != "province"]
    return options


def holders(cands: Sequence[Located], readings: Sequence[Sequence[Place]], text: str) -> dict[int, tuple[Place, float | None]]:
    """For a place told as part of an address ("Rashidiyah, Diyala", "Al Amiriyah
    subdistrict, Baghdad city, Baghdad governorate", "the Al-Salam checkpoint near
    Baghdad"): the place that holds it and how far from it a reading may lie (None: in
    the province).  A bare comma between two towns is a list ("Mosul, Kirkuk and
    Tikrit") unless the address goes on to a province or country."""
    out: dict[int, tuple[Place, float | None]] = {}
    for i in range(len(cands) - 1):
        here, there = cands[i], cands[i + 1]
        link = _LINK.match(text[here.end : there.start])
        if link is None or not readings[i + 1] or here.sentence != there.sentence:
            continue
        holder = _as_region(i + 1, cands, readings, text)
        after = text[there.end : there.end + 40]
        if holder.feature == "country" or (_AS_PROVINCE.match(after) and holder.feature != "province"):
            continue  # the country focus already does this; a province we do not know holds nothing
        near = bool(link.group("near") or link.group("near2"))
        if not (near or link.group("kind") or link.group("part") or holder.feature == "province"
                or _address_goes_on(i + 1, cands, readings, text)):
            continue
        if _LIST_END.match(after):
            continue
        if holder.feature == "province" and not near:
            out[i] = (holder, None)
        else:
            out[i] = (holder, _NEAR_KM if near else _DISTRICT_KM if holder.feature == "district" else _TOWN_KM)
    return out


def _as_region(j: int, cands: Sequence[Located], readings: Sequence[Sequence[Place]], text: str) -> Place:
    """The reading of an address part: the last one before the country is the province
    when it can be one ("Hawijah, Kirkuk, Iraq" is Kirkuk governorate, not the city)."""
    options = readings[j]
    province = next((p for p in options if p.feature == "province"), None)
    if province is None or options[0].feature == "province":
        return options[0]
    if re.match(r"^\s+city\b", text[cands[j].end : cands[j].end + 10], re.I):
        return options[0]
    if j + 1 < len(cands) and readings[j + 1] and readings[j + 1][0].feature == "country" \
            and re.fullmatch(r"\s*,\s*", text[cands[j].end : cands[j + 1].start]):
        return province
    return options[0]


_AFTER_A_NAME = re.compile(rf"[A-Z][\w'’-]*(?:\s+{_KIND})?\s*,\s*$")


def province_parts(cands: Sequence[Located], readings: Sequence[Sequence[Place]], text: str) -> set[int]:
    """Address parts that may stand for a province as much as for its capital: "Bashir
    village, Kirkuk, Iraq" (a name before it, the country after it).  The village is
    somewhere in Kirkuk's area, not at the city's point."""
    out = set()
    for j, options in enumerate(readings):
        if not options or not any(p.feature == "province" for p in options) or options[0].feature == "province":
            continue
        if _AFTER_A_NAME.search(text[max(0, cands[j].start - 60) : cands[j].start]) and _as_region(j, cands, readings, text) is not options[0]:
            out.add(j)
    return out


def _address_goes_on(j: int, cands: Sequence[Located], readings: Sequence[Sequence[Place]], text: str) -> bool:
    after = text[cands[j].end : cands[j].end + 20]
    if re.match(r"^\s+(?:city|governorate|province)\b", after, re.I):
        return True
    if j + 1 >= len(cands) or not readings[j + 1]:
        return False
    gap = text[cands[j].end : cands[j + 1].start]
    return bool(re.fullmatch(r"\s*,\s*", gap)) and readings[j + 1][0].feature in ("province", "country")


def held_by(options: Sequence[Place], holder: Place, reach: float | None, gaz: Gazetteer) -> Place | None:
    """The first reading that lies where its address says; None when none does (a
    namesake elsewhere: the holder codes the event instead)."""
    for place in options:
        if place.feature in ("province", "country") and place.admin1 == holder.admin1:
            return place
        if reach is None:
            if gaz.near_province(place, holder, _BOUNDARY_KM):
                return place
        elif km(place.latitude, place.longitude, holder.latitude, holder.longitude) <= reach:
            return place
    return None
