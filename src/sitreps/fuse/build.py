"""One event from a group of mentions: the coded fields, the toll range and the
claim status, each kept traceable to the mentions it came from.

Tolls: each source (article) gives one figure, the largest total its mentions
state; low and high span the sources.  ACLED's rule codes the lowest credible
figure; UCDP's codes a best estimate (here the median source) with low and high.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import statistics
from collections import Counter
from typing import Iterable, Mapping, Sequence

from ..records import ActorMention, Claim, ClaimStatus, Event, Evidence, Mention, SourceRef
from ..settings import Settings

_STATUS_ORDER: tuple[ClaimStatus, ...] = ("contradicted", "denied", "disputed")


def _mode(values: Sequence[str]) -> str:
    counts = Counter(v for v in values if v)
    if not counts:
        return ""
    top = max(counts.values())
    return min(v for v, n in counts.items() if n == top)  # ties broken by name, not order


def mention_toll(m: Mention) -> tuple[int, int]:
    """(low, high) deaths one mention states, summed over sides."""
    killed = [c for c in m.counts if c.kind == "killed"]
    return sum(c.value for c in killed), sum(max(c.high, c.value) for c in killed)


def source_tolls(group: Sequence[Mention]) -> dict[str, tuple[int, int]]:
    """Per article, the largest toll any of its mentions of this event gives."""
    tolls: dict[str, tuple[int, int]] = {}
    for m in group:
        low, high = mention_toll(m)
        if low or high:
            old = tolls.get(m.article_id, (0, 0))
            tolls[m.article_id] = (max(old[0], low), max(old[1], high))
    return tolls


def fatalities(group: Sequence[Mention], policy: str) -> tuple[int, int, int, int]:
    """(coded figure, low, best, high) deaths for the event."""
    tolls = list(source_tolls(group).values())
    if not tolls:
        return 0, 0, 0, 0
    low = min(t[0] for t in tolls)
    high = max(t[1] for t in tolls)
    best = int(statistics.median_low(sorted(t[0] for t in tolls)))
    coded = low if policy == "acled" else best
    return coded, low, best, high


def deaths_by_side(group: Sequence[Mention], coded: int) -> tuple[tuple[str, int], ...]:
    """Deaths per side as the source whose toll was coded tells them."""
    tolls = source_tolls(group)
    chosen = next((a for a, (low, _) in sorted(tolls.items()) if low == coded), None)
    if chosen is None:
        return ()
    sides: dict[str, int] = {}
    best: dict[str, int] = {}
    for m in group:
        if m.article_id == chosen and mention_toll(m)[0] == coded:
            best = {}
            for c in m.counts:
                if c.kind == "killed":
                    best[c.side] = best.get(c.side, 0) + c.value
            sides = best if sum(best.values()) >= sum(sides.values()) else sides
    return tuple(sorted(sides.items()))


def claim_status(claims: Sequence[Claim]) -> ClaimStatus:
    statuses = {c.status for c in claims}
    for status in _STATUS_ORDER:
        if status in statuses:
            return status
    if statuses and statuses <= {"claimed"}:
        return "claimed"
    return "reported"


def _ledger(group: Sequence[Mention]) -> tuple[Claim, ...]:
    """The event's claims, each marked with the claims it disagrees with: a different death
    toll, or a denial against the reports and claims that the event happened."""
    claims = {m.claim.id or m.id: m.claim for m in group if m.claim}
    claims.update({c.id: c for m in group for c in m.more_claims})
    toll_of: dict[str, int] = {}
    for m in group:
        low = mention_toll(m)[0]
        if m.claim and low:
            key = m.claim.id or m.id
            toll_of[key] = max(toll_of.get(key, 0), low)
    denials = {k for k, c in claims.items() if c.status == "denied"}
    marked = []
    for key, claim in sorted(claims.items()):
        others = tuple(sorted(k for k, v in toll_of.items() if key in toll_of and v != toll_of[key]))
        # a denial disagrees with every claim or report that the event happened as told
        others += tuple(sorted(denials - {key})) if claim.status != "denied" else tuple(
            sorted(k for k, c in claims.items() if c.status != "denied"))
        marked.append(dataclasses.replace(claim, conflicts_with=tuple(sorted(set(claim.conflicts_with) | set(others)))))
    return tuple(marked)


def _event_id(group: Sequence[Mention], iso3: str) -> str:
    return event_id(min(m.id for m in group), iso3)


def event_id(first_mention: str, iso3: str, salt: int = 0) -> str:
    """ACLED-style id from the event's first mention; ``salt`` > 0 gives the alternatives
    used when two events' ids collide (8 digits do, among a few thousand events)."""
    key = first_mention if not salt else f"{first_mention}#{salt}"
    return f"{iso3 or 'XXX'}{int(hashlib.sha256(key.encode()).hexdigest()[:10], 16) % 10**8:08d}"


def _pick(group: Sequence[Mention]) -> Mention:
    """The mention whose coding leads: most precise place and date, then most confident."""
    def key(m: Mention) -> tuple[object, ...]:
        place = m.place.geo_precision if m.place else 9
        date = m.time.precision if m.time else 9
        return (place, date, -m.confidence, m.id)
    return min(group, key=key)


# When reports of one event disagree on its sub-type, the more specific reading wins:
# a capture implies the fighting, a suicide bombing is a bombing.
_SPECIFIC = ("Government regains territory", "Non-state actor overtakes territory", "Suicide bomb", "Chemical weapon")


def _sub_event(group: Sequence[Mention]) -> str:
    told = [m for m in group if "contradicted" not in m.flags] or list(group)
    subs = [m.sub_event_type for m in told]
    specific = [s for s in subs if s in _SPECIFIC]
    return _mode(specific) if specific else _mode(subs)


def notes(e_type: str, sub: str, actor1: str, actor2: str, location: str, low: int, high: int, n: int) -> str:
    who = actor1 or "An unidentified actor"
    target = f" against {actor2}" if actor2 else ""
    where = f" in {location}" if location else ""
    toll = "no reported fatalities" if not high else (f"{low} fatalities" if low == high else f"{low} to {high} fatalities")
    return f"{sub} ({e_type}) by {who}{target}{where}; {toll}; {n} source{'s' if n != 1 else ''}."


_TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}
_REVERSAL = re.compile(r"\b(withdrew|pulled back|pulled out|retreated|(were|was) (repelled|pushed back|driven back)|"
                       r"still (hold|held|control|controlled)|remain(ed|s)? (in|under) (the )?control|"
                       r"recaptured|retook|regained|repulsed)\b", re.I)


def contradictions(group: Sequence[Mention], sources: Mapping[str, SourceRef]) -> list[Mention]:
    """A party's claim to have taken a place, and a later report from another source
    that it was lost again or never taken: the claim is contradicted."""
    out = []
    for m in group:
        if m.claim and m.claim.status == "claimed" and m.sub_event_type in _TERRITORY and m.article_id in sources:
            day = sources[m.article_id].published
            later = [o for o in group if o.article_id != m.article_id and o.article_id in sources
                     and sources[o.article_id].published >= day
                     and ((o.sub_event_type in _TERRITORY and o.sub_event_type != m.sub_event_type)
                          or _REVERSAL.search(o.sentence.text))]
            if later:
                ids = tuple(sorted({o.claim.id if o.claim and o.claim.id else o.id for o in later}))
                claim = dataclasses.replace(m.claim, status="contradicted",
                                            conflicts_with=tuple(sorted(set(m.claim.conflicts_with) | set(ids))))
                m = dataclasses.replace(m, claim=claim, flags=tuple(sorted(set(m.flags) | {"contradicted"})))
        out.append(m)
    return out


def build_event(group: Sequence[Mention], sources: Mapping[str, SourceRef], settings: Settings) -> Event:
    group = contradictions(group, sources)
    lead = _pick(group)
    sub = _sub_event(group)
    event_type = next(m.event_type for m in group if m.sub_event_type == sub)
    # the actors of the reports that tell the coded sub-type ("troops recaptured") lead
    telling = [m for m in group if m.sub_event_type == sub]
    actor1 = _actor_name([m.actor1 for m in telling], "") or _actor_name([m.actor1 for m in group], "")
    actor2 = _actor_name([m.actor2 for m in telling], actor1) or _actor_name([m.actor2 for m in group], actor1)
    inter = {x.actor.name: x.actor.inter for m in group for x in (m.actor1, m.actor2) if x}
    place = lead.place
    assert lead.time is not None
    coded, low, best, high = fatalities(group, settings.fatality_policy)
    claims = _ledger(group)
    articles = sorted({m.article_id for m in group})
    refs = tuple(sources[a] for a in articles if a in sources)
    location = _written_name(group, place.place.gazetteer_id) if place else ""
    tags = tuple(sorted({"date:publication" for m in group if m.time and m.time.evidence.extractor == "dates.publication"}
                        | ({"contradicted"} if any("contradicted" in m.flags for m in group) else set())))
    return Event(
        id=_event_id(group, place.place.iso3 if place else ""), event_date=lead.time.start,
        date_end=lead.time.end, time_precision=lead.time.precision, event_type=event_type,
        sub_event_type=sub, actor1=actor1, actor2=actor2,
        assoc_actor_1=_units(x.unit for m in group for x in m.assoc_actor_1),
        assoc_actor_2=_units(x.unit for m in group for x in m.assoc_actor_2),
        inter1=inter.get(actor1, 0), inter2=inter.get(actor2, 0), place=place.place if place else None,
        location=location, geo_precision=place.geo_precision if place else 3,
        fatalities=coded, fatalities_low=low, fatalities_best=best, fatalities_high=high,
        counts=tuple(c for m in sorted(group, key=lambda m: m.id) for c in m.counts), sources=refs,
        mention_ids=tuple(sorted(m.id for m in group)), claim_status=claim_status(claims),
        claimants=tuple(sorted({c.speaker for c in claims if c.status in ("claimed", "denied", "contradicted")})),
        claims=claims, evidence=_evidence(group),
        notes=notes(event_type, sub, actor1, actor2, location, low, high, len(refs)), tags=tags,
        deaths_by_side=deaths_by_side(group, coded),
    )


def _units(written: Iterable[str]) -> tuple[str, ...]:
    """The units the reports name, each once: "special forces", "Special forces" and "Iraqi
    special forces" are one unit, kept in its fullest form."""
    names = sorted({w for w in written if w}, key=lambda w: (-len(w), w))
    kept: list[str] = []
    for name in names:
        low = name.lower()
        if not any(k.lower() == low or k.lower().endswith(" " + low) for k in kept):
            kept.append(name)
    return tuple(sorted(kept))


def _actor_name(actors: Sequence[ActorMention | None], other: str) -> str:
    """The actor most reports name, a named one ahead of "unidentified armed group"."""
    named = [a.actor.name for a in actors if a and a.actor.name != other and a.actor.kind != "unidentified"]
    return _mode(named) or _mode([a.actor.name for a in actors if a and a.actor.name != other])


def _written_name(group: Sequence[Mention], gazetteer_id: str) -> str:
    """The place as the reports spell it ("Bartella"), not the gazetteer's transliteration."""
    forms = [m.place.evidence.text for m in group if m.place and m.place.place.gazetteer_id == gazetteer_id]
    forms = [f.title() if f.isupper() else f for f in forms]
    return _mode(forms) or next((m.place.place.name for m in group if m.place), "")


def _evidence(group: Sequence[Mention]) -> tuple[tuple[str, Evidence], ...]:
    seen: dict[tuple[str, int], Evidence] = {}
    for m in sorted(group, key=lambda m: (m.article_id, m.sentence.start)):
        s = m.sentence
        seen.setdefault((m.article_id, s.start), Evidence(m.trigger.extractor, s.start, s.end, s.text, s.index))
    return tuple((article, ev) for (article, _), ev in seen.items())


__all__ = ["build_event", "event_id", "fatalities", "claim_status"]
