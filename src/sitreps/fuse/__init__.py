"""Fusion: event mentions from many reports become one event each.

Two mentions are the same event when their types are compatible, their dates
meet (within ``fuse_days``), their places meet (same place, or within a distance
that widens with vaguer geo-precision; a place that is only a country meets every place
in it; a mention with no place meets another only in its own article or on the same
death toll) and their actors do not clash.  Mentions
are blocked by event type and day so we never compare every pair, and they are
taken in a canonical order so the result does not depend on input order and
fusing again changes nothing.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from typing import Iterable, Mapping

from ..geo import km
from ..records import Event, Mention, SourceRef
from ..settings import Settings
from .build import build_event, event_id, mention_toll

NON_EVENT_FLAGS = {"hypothetical", "negated", "historical", "not_political"}
_EXPLOSIVE = {"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"}
# A leading "the" is not part of the name: "the Karama district" and "Karama district" are one place.
_SUBAREA = re.compile(
    r"(?:\bthe\s+)?([\w'-]+(?:\s+[\w'-]+)?)\s+(?:district|neighbourhood|neighborhood|area|quarter)\s+(?:of|in)\s", re.I)
_GENERIC_KINDS = {"unidentified", "civilian", "protester", "rioter"}


def is_event(mention: Mention) -> bool:
    return not (set(mention.flags) & NON_EVENT_FLAGS)


def _km(a: Mention, b: Mention) -> float:
    assert a.place is not None and b.place is not None
    p, q = a.place.place, b.place.place
    return km(p.latitude, p.longitude, q.latitude, q.longitude)


def _types_meet(a: Mention, b: Mention) -> bool:
    if a.sub_event_type == b.sub_event_type:
        return True
    if a.event_type != b.event_type:
        return False
    if a.event_type in ("Battles", "Protests", "Riots"):
        return True  # outlets disagree on clash vs. capture; protest sub-types likewise
    return a.sub_event_type in _EXPLOSIVE and b.sub_event_type in _EXPLOSIVE


def _dates_meet(a: Mention, b: Mention, days: int) -> bool:
    assert a.time is not None and b.time is not None
    a0, a1 = a.time.start, a.time.end or a.time.start
    b0, b1 = b.time.start, b.time.end or b.time.start
    return (b0 - a1).days <= days and (a0 - b1).days <= days


def _places_meet(a: Mention, b: Mention, limit_km: float) -> bool:
    if a.place is None or b.place is None:
        # a report that names no place is the same event only where its toll says so
        return a.article_id == b.article_id or _same_toll(a, b)
    pa, pb = a.place, b.place
    sub_a, sub_b = _subarea(pa.raw), _subarea(pb.raw)
    if sub_a and sub_b and sub_a != sub_b:
        return False  # "the Karama district of Mosul" and "the Zahra district of Mosul"
    if pa.place.gazetteer_id and pa.place.gazetteer_id == pb.place.gazetteer_id:
        return True
    if "country" in (pa.place.feature, pb.place.feature):
        # "in Iraq" says only the country: its centroid is no place to measure from
        return pa.place.iso3 == pb.place.iso3
    if a.article_id == b.article_id and pa.geo_precision == pb.geo_precision == 1:
        return False  # one report naming two places for two mentions tells two events
    if pa.place.feature == "neighbourhood" and pb.place.feature == "neighbourhood":
        return False  # two named neighbourhoods of one city are two places
    same_region = bool(pa.place.admin1) and pa.place.admin1 == pb.place.admin1
    if max(pa.geo_precision, pb.geo_precision) == 3:
        return same_region or _km(a, b) <= 100.0
    if a.article_id == b.article_id and pa.geo_precision == pb.geo_precision == 2 and same_region:
        return True  # one report placing its story "near Kirkuk", then in the district of Dibis
    return _km(a, b) <= limit_km


def _same_toll(a: Mention, b: Mention) -> bool:
    low_a, low_b = mention_toll(a)[0], mention_toll(b)[0]
    return low_a > 0 and low_a == low_b


def _subarea(raw: str) -> str:
    match = _SUBAREA.search(raw)
    return match.group(1).lower() if match else ""


def _actors_meet(a: Mention, b: Mention) -> bool:
    def names(m: Mention) -> set[str]:
        return {x.actor.name for x in (m.actor1, m.actor2) if x and x.actor.kind not in _GENERIC_KINDS}

    na, nb = names(a), names(b)
    # "IS attacked" and "the army repelled an assault" may name the two sides of one fight
    return not na or not nb or bool(na & nb) or len(na | nb) <= 2


def same_event(a: Mention, b: Mention, settings: Settings) -> bool:
    return (_types_meet(a, b) and _dates_meet(a, b, settings.fuse_days)
            and _places_meet(a, b, settings.fuse_km) and _actors_meet(a, b))



def _order(m: Mention) -> tuple[object, ...]:
    assert m.time is not None
    precise = m.place is not None and m.place.geo_precision == 1
    return (m.time.start, not precise, -m.confidence, m.id)


def cluster(mentions: Iterable[Mention], settings: Settings) -> list[list[Mention]]:
    """Groups of mentions of one event: greedy, in canonical order, blocked by type and day."""
    unique = {m.id: m for m in mentions if is_event(m) and m.time is not None}
    clusters: list[list[Mention]] = []
    index: dict[tuple[str, int], list[int]] = defaultdict(list)  # (event_type, day) -> cluster ids
    for m in sorted(unique.values(), key=_order):
        assert m.time is not None
        day = m.time.start.toordinal()
        near = {cid for d in range(day - settings.fuse_days - 1, day + settings.fuse_days + 2)
                for cid in index[(m.event_type, d)]}
        home = next((cid for cid in sorted(near) if all(same_event(m, o, settings) for o in clusters[cid])), None)
        if home is None:
            home = len(clusters)
            clusters.append([])
        clusters[home].append(m)
        index[(m.event_type, day)].append(home)
    return clusters


def fuse(mentions: Iterable[Mention], sources: Mapping[str, SourceRef], settings: Settings) -> list[Event]:
    """Events from mentions; ``sources`` maps article ids to their outlet records."""
    events = [build_event(group, sources, settings) for group in cluster(mentions, settings)]
    return sorted(_distinct_ids(events), key=lambda e: (e.event_date, e.id))


def _distinct_ids(events: list[Event]) -> list[Event]:
    """The database keys events by id, and 8 hashed digits collide among thousands of events:
    a colliding event is renumbered, in an order that depends on its mentions only."""
    taken: set[str] = set()
    result = []
    for e in sorted(events, key=lambda e: (e.id, e.mention_ids[0])):
        new_id, salt = e.id, 0
        while new_id in taken:
            salt += 1
            new_id = event_id(e.mention_ids[0], e.id[:-8], salt)
        taken.add(new_id)
        result.append(e if new_id == e.id else dataclasses.replace(e, id=new_id))
    return result


__all__ = ["fuse", "cluster", "same_event", "is_event"]
