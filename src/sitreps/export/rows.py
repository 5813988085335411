"""Flat views of an event: our JSONL schema (docs/schema.md) and ACLED's columns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..codec import encode
from ..knowledge.countries import country
from ..records import Event

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Riots": "Demonstrations",
    "Protests": "Demonstrations", "Strategic developments": "Strategic developments",
}
# sub-event types ACLED files under another disorder type than their event type's
_DISORDER_SUB = {"Mob violence": "Political violence",
                 "Excessive force against protesters": "Political violence; Demonstrations"}


def event_row(e: Event) -> dict[str, Any]:
    """One line of events.jsonl."""
    p = e.place
    return {
        "event_id": e.id, "event_date": e.event_date.isoformat(),
        "date_end": e.date_end.isoformat() if e.date_end else None, "time_precision": e.time_precision,
        "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "actor1": e.actor1, "actor2": e.actor2,
        "assoc_actor_1": "; ".join(e.assoc_actor_1), "assoc_actor_2": "; ".join(e.assoc_actor_2),
        "inter1": e.inter1, "inter2": e.inter2,
        "country": p.country if p else "", "iso3": p.iso3 if p else "",
        "admin1": p.admin1 if p else "", "admin2": p.admin2 if p else "",
        "location": e.location, "latitude": p.latitude if p else None, "longitude": p.longitude if p else None,
        "geo_precision": e.geo_precision,
        "fatalities": e.fatalities, "fatalities_low": e.fatalities_low,
        "fatalities_best": e.fatalities_best, "fatalities_high": e.fatalities_high,
        "counts": [{k: v for k, v in encode(c).items() if k != "evidence"} | {"text": c.evidence.text}
                   for c in e.counts],
        "sources": [{"article_id": s.article_id, "source": s.source, "published": s.published.isoformat(),
                     "url": s.url, "title": s.title} for s in e.sources],
        "claim_status": e.claim_status, "claimants": list(e.claimants),
        "claims": [{"id": c.id, "speaker": c.speaker, "cue": c.cue, "status": c.status, "article_id": c.article_id,
                    "conflicts_with": list(c.conflicts_with)} for c in e.claims],
        "evidence": [{"article_id": a, "start": ev.start, "end": ev.end, "text": ev.text} for a, ev in e.evidence],
        "mention_ids": list(e.mention_ids), "tags": list(e.tags), "notes": e.notes,
    }


def _interaction(inter1: int, inter2: int) -> int:
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def acled_row(e: Event) -> dict[str, Any]:
    """One row of events.csv, in ACLED's column names and conventions."""
    p = e.place
    info = country(p.iso3) if p and p.iso3 else None
    civilian = e.inter2 == 7 and e.event_type in ("Violence against civilians", "Explosions/Remote violence")
    return {
        "event_id_cnty": e.id, "event_date": e.event_date.isoformat(), "year": e.event_date.year,
        "time_precision": e.time_precision, "disorder_type": _DISORDER_SUB.get(e.sub_event_type, _DISORDER.get(e.event_type, "")),
        "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "actor1": e.actor1, "assoc_actor_1": "; ".join(e.assoc_actor_1), "inter1": e.inter1,
        "actor2": e.actor2, "assoc_actor_2": "; ".join(e.assoc_actor_2), "inter2": e.inter2,
        "interaction": _interaction(e.inter1, e.inter2),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": info.numeric if info else "", "region": info.region if info else "",
        "country": p.country if p else "", "admin1": p.admin1 if p else "", "admin2": p.admin2 if p else "",
        "admin3": "", "location": e.location,
        "latitude": round(p.latitude, 4) if p else "", "longitude": round(p.longitude, 4) if p else "",
        "geo_precision": e.geo_precision,
        "source": "; ".join(sorted({s.source for s in e.sources if s.source})),
        "source_scale": "Other", "notes": e.notes, "fatalities": e.fatalities, "tags": "; ".join(e.tags),
        "timestamp": int(dt.datetime.combine(max((s.published for s in e.sources), default=e.event_date),
                                             dt.time(), dt.timezone.utc).timestamp()),
    }
