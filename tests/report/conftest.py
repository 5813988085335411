"""A small, hand-made event set for the report tests: northern Iraq, six event types,
one event with no coordinates and one carrying hostile markup in its source."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Let the tests run from a plain checkout too, before `pip install -e .`.
if importlib.util.find_spec("sitreps") is None:  # pragma: no cover
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from sitreps.records import Claim, ClaimStatus, Count, Event, Evidence, Place, SourceRef  # noqa: E402

HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=2">'


@dataclass(frozen=True)
class Spec:
    """What varies between the sample events; the factory fills in the rest."""

    id: str
    day: int
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    place: Place | None
    location: str
    killed: tuple[int, int, int]  # low, best, high
    outlet: str
    title: str
    url: str
    text: str
    span: str
    status: ClaimStatus = "reported"


def _place(name: str, lat: float, lon: float, admin1: str) -> Place:
    return Place(name=name, latitude=lat, longitude=lon, country="Iraq", iso3="IRQ", admin1=admin1)


SPECS: tuple[Spec, ...] = (
    Spec("ev-1", 3, "Battles", "Armed clash", "Military Forces of Iraq", "Islamic State (Iraq)",
         _place("Mosul", 36.335, 43.119, "Nineveh"), "Mosul", (4, 5, 7), "Rudaw",
         "Clashes west of Mosul", "https://example.org/a1",
         "Fighting broke out overnight. Iraqi troops clashed with IS fighters west of Mosul, "
         "killing at least five militants. Officials said the area was calm by morning.",
         "clashed with IS fighters west of Mosul"),
    Spec("ev-2", 3, "Battles", "Armed clash", "Peshmerga", "Islamic State (Iraq)",
         _place("Tal Afar", 36.377, 42.449, "Nineveh"), "Tal Afar", (2, 2, 2), "Kurdistan24",
         "Peshmerga repel attack", "https://example.org/a2",
         "Peshmerga forces repelled an attack near Tal Afar, killing two attackers.",
         "repelled an attack near Tal Afar", "claimed"),
    Spec("ev-3", 4, "Explosions/Remote violence", "Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)",
         "Civilians (Iraq)", _place("Kirkuk", 35.468, 44.392, "Kirkuk"), "Kirkuk", (3, 3, 4),
         "Shafaq News", "IED blast in Kirkuk", "http://example.net/kirkuk",
         "A roadside bomb exploded in Kirkuk on Tuesday, killing three people.", "roadside bomb exploded"),
    Spec("ev-4", 5, "Violence against civilians", "Attack", "Islamic State (Iraq)", "Civilians (Iraq)",
         _place("Sinjar", 36.321, 41.876, "Nineveh"), "Sinjar", (1, 2, 3), "Example Wire",
         "Village attack " + HOSTILE_SCRIPT, "javascript:window.__pwned=3",
         "Gunmen attacked a village near Sinjar " + HOSTILE_IMG + " and killed two farmers " + HOSTILE_SCRIPT + ".",
         "attacked a village near Sinjar " + HOSTILE_IMG + " and killed two farmers " + HOSTILE_SCRIPT, "disputed"),
    Spec("ev-5", 5, "Protests", "Peaceful protest", "Protesters (Iraq)", "",
         _place("Erbil", 36.191, 44.009, "Erbil"), "Erbil", (0, 0, 0), "Rudaw",
         "Teachers protest unpaid salaries", "https://example.org/a5",
         "Hundreds of teachers protested in Erbil over unpaid salaries.", "teachers protested in Erbil"),
    Spec("ev-6", 6, "Riots", "Violent demonstration", "Rioters (Iraq)", "Police Forces of Iraq",
         None, "northern Iraq", (1, 1, 1), "Example Wire", "Riot in the north", "",
         "Rioters clashed with police somewhere in northern Iraq, leaving one dead.", "Rioters clashed with police"),
    Spec("ev-7", 7, "Strategic developments", "Arrests", "Military Forces of Iraq", "Islamic State (Iraq)",
         _place("Duhok", 36.867, 42.988, "Duhok"), "Duhok", (0, 0, 0), "Kurdistan24",
         "Suspects arrested in Duhok", "https://example.org/a7",
         "Security forces arrested four suspects in Duhok.", "arrested four suspects"),
)


def _article_id(spec: Spec) -> str:
    return "art-" + spec.id


def make_event(spec: Spec) -> Event:
    """One Event from a Spec, with evidence offsets that really point into spec.text."""
    art = _article_id(spec)
    start = spec.text.index(spec.span)
    span = Evidence("test", start, start + len(spec.span), spec.span, sentence=0)
    low, best, high = spec.killed
    count = Count("killed", low, low, high, "at least" if low < high else "exact", "unknown", span)
    claim = Claim(spec.outlet, "said", spec.status, span, article_id=art, id="c-" + spec.id,
                  subject="event", conflicts_with=("c-other",) if spec.status == "disputed" else ())
    return Event(
        id=spec.id, event_date=dt.date(2024, 3, spec.day), date_end=None, time_precision=1,
        event_type=spec.event_type, sub_event_type=spec.sub_event_type,
        actor1=spec.actor1, actor2=spec.actor2, assoc_actor_1=(), assoc_actor_2=(), inter1=1, inter2=2,
        place=spec.place, location=spec.location, geo_precision=1 if spec.place else 3,
        fatalities=low, fatalities_low=low, fatalities_best=best, fatalities_high=high,
        counts=(count,), sources=(SourceRef(art, spec.outlet, dt.date(2024, 3, spec.day), spec.url, spec.title),),
        mention_ids=("m-" + spec.id,), claim_status=spec.status,
        claimants=(spec.outlet,) if spec.status != "reported" else (), claims=(claim,),
        evidence=((art, span),), notes=f"{spec.outlet} reports: {spec.span}.",
    )


def sample_events() -> list[Event]:
    return [make_event(s) for s in SPECS]


def sample_texts() -> dict[str, str]:
    return {_article_id(s): s.text for s in SPECS}


@pytest.fixture
def events() -> list[Event]:
    return sample_events()


@pytest.fixture
def texts() -> dict[str, str]:
    return sample_texts()
