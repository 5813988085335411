"""A UCDP GED-style view of the fatal events: sides, deaths by side, low/best/high,
precision codes and sources, for users who work with UCDP's conventions.

UCDP records organised violence with at least one death, so only events of the
three violent ACLED types with a best estimate of one or more are written.
Deaths of state forces go to whichever side is the state; of militants or
attackers to the non-state side; the rest to civilians or unknown.
"""

from __future__ import annotations

from typing import Any

from ..records import Event

UCDP_COLUMNS = (
    "id", "type_of_violence", "side_a", "side_b", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "low", "best", "high", "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude",
    "country", "date_prec", "date_start", "date_end", "number_of_sources", "source_article",
)
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_STATE_INTER = {1, 8}


def is_ucdp_event(e: Event) -> bool:
    return e.event_type in _VIOLENT and e.fatalities_best >= 1


def _violence(e: Event) -> int:
    """UCDP type: 1 state-based, 2 non-state, 3 one-sided (against civilians)."""
    if e.inter2 == 7 or e.event_type == "Violence against civilians":
        return 3
    return 1 if e.inter1 in _STATE_INTER or e.inter2 in _STATE_INTER else 2


def _sides(e: Event) -> tuple[str, str, bool]:
    """(side_a, side_b, swapped): UCDP puts the government first."""
    if e.inter2 in _STATE_INTER and e.inter1 not in _STATE_INTER:
        return e.actor2, e.actor1, True
    return e.actor1, e.actor2, False


def _where_prec(geo_precision: int, feature: str) -> int:
    if feature == "province":
        return 4
    if feature == "country":
        return 6
    return {1: 1, 2: 2, 3: 3}.get(geo_precision, 3)


def ucdp_row(e: Event) -> dict[str, Any]:
    side_a, side_b, swapped = _sides(e)
    deaths = dict(e.deaths_by_side)
    state = deaths.get("state", 0)
    armed = deaths.get("militants", 0) + deaths.get("attackers", 0)
    a_is_state = (e.inter2 if swapped else e.inter1) in _STATE_INTER
    deaths_a, deaths_b = (state, armed) if a_is_state else (armed, state)
    p = e.place
    return {
        "id": e.id, "type_of_violence": _violence(e), "side_a": side_a, "side_b": side_b,
        "deaths_a": deaths_a, "deaths_b": deaths_b, "deaths_civilians": deaths.get("civilians", 0),
        "deaths_unknown": deaths.get("unknown", 0) if deaths else e.fatalities_best,
        "low": e.fatalities_low, "best": e.fatalities_best, "high": e.fatalities_high,
        "where_prec": _where_prec(e.geo_precision, p.feature if p else ""), "where_coordinates": e.location,
        "adm_1": p.admin1 if p else "", "adm_2": p.admin2 if p else "",
        "latitude": p.latitude if p else "", "longitude": p.longitude if p else "", "country": p.country if p else "",
        "date_prec": e.time_precision, "date_start": e.event_date.isoformat(),
        "date_end": (e.date_end or e.event_date).isoformat(), "number_of_sources": len(e.sources),
        "source_article": "; ".join(f"{s.source}, {s.published.isoformat()}, {s.title}" for s in e.sources),
    }
