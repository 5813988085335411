"""The record types that flow between pipeline stages.

Every record is a frozen dataclass: stages never mutate what they are given, they
return new records.  Every extracted value carries an :class:`Evidence` telling
which extractor produced it and the character span of the article it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ClaimStatus = Literal["reported", "claimed", "denied", "disputed", "contradicted"]
CLAIM_STATUSES: tuple[ClaimStatus, ...] = (
    "reported",
    "claimed",
    "denied",
    "disputed",
    "contradicted",
)
CountKind = Literal["killed", "injured", "abducted", "arrested", "displaced", "other"]
Side = Literal["civilians", "state", "militants", "attackers", "unknown"]


@dataclass(frozen=True)
class Evidence:
    """Where a value came from: the extractor and a span of the article text."""

    extractor: str
    start: int
    end: int
    text: str
    sentence: int = -1


@dataclass(frozen=True)
class Article:
    """One news report, as ingested."""

    id: str
    text: str
    published: dt.date
    source: str = ""
    url: str = ""
    title: str = ""
    origin: str = ""  # file (and line) the article was read from
    published_estimated: bool = False  # True when taken from a file's mtime


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    """A canonical actor from the curated actor list."""

    name: str
    inter: int  # ACLED interaction code 1-8
    actor_type: str  # e.g. "State forces", "Rebel group", "Civilians"
    country: str = ""  # ISO3 of the state an actor belongs to, if any
    kind: str = ""  # finer role used by the extractors: state, militant, civilian...


@dataclass(frozen=True)
class ActorMention:
    actor: Actor
    evidence: Evidence
    unit: str = ""  # the named unit kept as associated actor ("9th Division")


@dataclass(frozen=True)
class Place:
    """A resolved location."""

    name: str
    latitude: float
    longitude: float
    country: str = ""
    iso3: str = ""
    admin1: str = ""
    admin2: str = ""
    feature: str = "populated place"  # populated place, district, province, country
    geo_precision: int = 1  # ACLED: 1 town, 2 part of region/near town, 3 region
    gazetteer_id: str = ""


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    raw: str  # the phrase as written ("a village outside Mosul")
    evidence: Evidence
    geo_precision: int = 1
    # "origin" ("families fleeing Hawija") or "destination" ("columns heading toward Mosul"):
    # where people came from or went, not where the event took place; "" otherwise
    role: str = ""


@dataclass(frozen=True)
class TimeRef:
    """A resolved date or date range."""

    start: dt.date
    end: dt.date | None
    precision: int  # ACLED time_precision: 1 day, 2 week/range, 3 month
    evidence: Evidence
    historical: bool = False  # refers to background history, not this report


@dataclass(frozen=True)
class Count:
    """A number of people (or things) affected."""

    kind: CountKind
    value: int  # the figure to code (ACLED: the lowest credible number)
    low: int
    high: int
    qualifier: str  # "exact", "at least", "more than", "about", "up to", "range", "vague", "implied"
    side: Side
    evidence: Evidence
    unit: str = "people"  # for kind == "other": strikes, vehicles, tunnels...
    # the report gives the figure for this many events together ("killed across all three
    # attacks"); value, low and high are then this event's even share, as ACLED divides it
    shared_by: int = 1


@dataclass(frozen=True)
class Claim:
    """Who says so, and how."""

    speaker: str
    cue: str
    status: ClaimStatus
    evidence: Evidence
    article_id: str = ""
    party: bool = False  # the speaker is a party to the fighting
    subject: str = ""  # what is claimed: "event", "count", "capture", "involvement"
    conflicts_with: tuple[str, ...] = ()  # ids of claims this one disagrees with
    id: str = ""


@dataclass(frozen=True)
class Mention:
    """One event as told in one article (usually one sentence)."""

    id: str
    article_id: str
    event_type: str
    sub_event_type: str
    trigger: Evidence
    sentence: Sentence
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc_actor_1: tuple[ActorMention, ...] = ()
    assoc_actor_2: tuple[ActorMention, ...] = ()
    place: PlaceMention | None = None
    time: TimeRef | None = None
    counts: tuple[Count, ...] = ()
    claim: Claim | None = None
    flags: tuple[str, ...] = ()  # "negated", "hypothetical", "historical", "not_political"
    confidence: float = 0.5
    more_claims: tuple[Claim, ...] = ()  # later sentences' claims about it: a denial, a responsibility claim


@dataclass(frozen=True)
class SourceRef:
    article_id: str
    source: str
    published: dt.date
    url: str = ""
    title: str = ""


@dataclass(frozen=True)
class Event:
    """One real-world event, fused from one or more mentions."""

    id: str
    event_date: dt.date
    date_end: dt.date | None
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    assoc_actor_1: tuple[str, ...]
    assoc_actor_2: tuple[str, ...]
    inter1: int
    inter2: int
    place: Place | None
    location: str
    geo_precision: int
    fatalities: int
    fatalities_low: int
    fatalities_best: int
    fatalities_high: int
    counts: tuple[Count, ...]
    sources: tuple[SourceRef, ...]
    mention_ids: tuple[str, ...]
    claim_status: ClaimStatus
    claimants: tuple[str, ...]
    claims: tuple[Claim, ...]
    evidence: tuple[tuple[str, Evidence], ...]  # (article_id, evidence)
    notes: str
    tags: tuple[str, ...] = field(default=())
    deaths_by_side: tuple[tuple[str, int], ...] = ()  # (side, deaths) from the coded source, UCDP style


@dataclass(frozen=True)
class Problem:
    """Input that could not be used, reported as one line and never fatal to a batch."""

    origin: str  # file, or file:line
    reason: str
    fatal_for_article: bool = True

    def line(self) -> str:
        return f"{self.origin}: {self.reason}"
