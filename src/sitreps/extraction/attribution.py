"""Attribution helpers for the events stage: whose word an event rests on.

A statement by one of the event's own sides is that side's claim; a later denial or
responsibility claim joins the event it speaks of.  Split from events.py to keep
the stage readable; these functions read the stage's records and return new ones.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Sequence

from ..knowledge import Knowledge
from ..knowledge.actors import ActorHit
from ..knowledge.countries import DEMONYMS, country
from ..records import Actor, ActorMention, Claim, Evidence, Sentence
from .analysis import Analysis

STATE_SIDE = {"state", "militia", "external"}
ARMED = STATE_SIDE | {"militant"}
# "officials blamed Islamic State for the bombing", "sources attributed the attack to ISIL",
# "the attack was blamed on the PKK": the side a report lays an unclaimed event at
_BLAME = re.compile(r"\b(?:blam(?:ed|es|ing)(?:\s+on)?|attribut(?:ed|es|ing)\s+(?:the|this|that|it|them)\b[\w\s-]{0,30}?\s+to|"
                    r"attributed\s+to)\s", re.I)


_PARTY_WORDS = re.compile(r"\b(military|army|commander|spokesman|officers?|general|joint operations|ministry)\b", re.I)


def speaks_for_state(speaker: str, sides: Sequence[Actor]) -> bool:
    """"Turkey's prime minister" speaks for Turkey, whose forces are a side of the event."""
    words = set(re.findall(r"[A-Za-z]+", speaker.lower()))
    for side in sides:
        info = country(side.country) if side.country and side.kind in ("state", "external") else None
        names = {info.name.lower()} | {d for d, iso3 in DEMONYMS.items() if iso3 == side.country} if info else set()
        if names & words or any(" " in n and n in speaker.lower() for n in names):
            return True
    return False


def blamed(sent: Sentence, hits: Sequence[ActorHit]) -> ActorHit | None:
    """The armed side a sentence blames the event on, named after the cue; None if it blames none."""
    found = _BLAME.search(sent.text)
    if found is None:
        return None
    after = [h for h in hits if h.start_char >= sent.start + found.end() and h.entry.kind in ARMED]
    return min(after, key=lambda h: h.start_char) if after else None


def as_party_claim(claim: Claim, hits: Sequence[ActorHit], actor1: ActorMention | None,
                    actor2: ActorMention | None) -> Claim:
    """A statement by one of the event's own sides is that side's claim, not a report."""
    if claim.status != "reported" or claim.cue == "reported":
        return claim
    sides = [x.actor for x in (actor1, actor2) if x is not None]
    speaking = [h for h in hits if claim.evidence.start <= h.start_char and h.end_char <= claim.evidence.end]
    kinds = {h.entry.kind for h in speaking}
    own_side = any(h.entry.kind == s.kind and h.entry.kind in STATE_SIDE | {"militant"} for h in speaking for s in sides)
    military = not kinds and bool(_PARTY_WORDS.search(claim.speaker)) and any(s.kind == "state" for s in sides)
    if own_side or military or speaks_for_state(claim.speaker, sides):
        return dataclasses.replace(claim, status="claimed", party=True)
    return claim


def claim_subject(claim: Claim, sub: str, kb: Knowledge) -> str:
    """What a claim is about, for the ledger: a capture, a strike, an involvement denied, a toll."""
    if claim.subject == "count":
        return "count"
    if claim.status == "denied":
        return "involvement"
    if sub in ("Government regains territory", "Non-state actor overtakes territory"):
        return "capture"
    if kb.lexicon.event_type(sub) == "Explosions/Remote violence":
        return "strike"
    return "event"


def outlet_claim(a: Analysis, sent: Sentence) -> Claim:
    ev = Evidence("claims.default", sent.start, sent.end, sent.text, sent.index)
    speaker = a.article.source or "the outlet"
    return Claim(speaker, "reported", "reported", ev, article_id=a.article.id, subject="event",
                 id=f"{a.article.id}:c{sent.index}")
