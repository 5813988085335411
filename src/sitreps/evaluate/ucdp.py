"""UCDP GED Iraq 2016: the headlines UCDP coded each event from.

Data: ``ucdp-ged-iraq/ged_iraq_2016.csv``.  Halves: dev = events whose ``date_start``
is in January–June 2016, test = July–December.

``source_headline`` and ``source_date`` list an event's sources separated by ``;``.
A headline may itself hold "; " (a semicolon and a space), so the lists are split on a
semicolon *not* followed by whitespace; the i-th headline is published on the i-th date
(for this file that pairing is exact for all 725 events).  Each distinct (headline, date)
is run once as an article; the unit scored is the *event headline* (an event with three
sources counts three times, and a headline shared by two events is scored against each).

- places: the headline's place is the top mention's place, else the most precise place
  the headline names (lowest geo-precision, then earliest); "within 25 km" of UCDP's
  latitude/longitude, over headlines where the pipeline resolved any place and over all.
  The target row is over the headlines that *name the event's place*: UCDP located the
  event at a point (``where_prec`` 1 or 2) and the headline holds that place's name, as
  UCDP writes it in ``where_coordinates`` without the feature word ("Hīt town" -> Hit),
  compared with the gazetteer's exact or transliteration-tolerant key ("Al-Qayyarah" =
  "Qayara").  This leaves out headlines that name some other place (UCDP codes "south
  of Baghdad" as Hillah) and needs no output of the pipeline to decide.
- dates: the top mention's ``time.start`` (else the publication date) lies in
  [date_start − 1 day, date_end + 1 day].
- sides: UCDP ``side_a``/``side_b`` mapped to our actor names (the table below), looked for
  among actor1/actor2 of every event-telling mention of the headline, order-free.  Many
  headlines name neither side (e.g. "<date>: <place>, <province>, Iraq"), and UCDP codes
  coalition air strikes as Government of Iraq against IS, which the table does not map
  from the coalition: expect low numbers here.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..ingest import make_article
from ..knowledge.gazetteer import loose_key, normalize
from .metrics import Ratio, Result, Section, Split, Value, analyse, best_place, events_of, half_of, near, row, top_mention

if TYPE_CHECKING:
    from ..pipeline import Pipeline

TITLE = "UCDP GED Iraq 2016 headlines"
FILE = "ucdp-ged-iraq/ged_iraq_2016.csv"
SOURCE_SEPARATOR = re.compile(r";(?!\s)")
DAY = dt.timedelta(days=1)

# UCDP side name -> prefixes of the sitreps actor names that stand for it.
# "Government of Iraq" covers the army, the police and the Kurdistan Regional Government's
# forces ("Military Forces of Iraq (Kurdistan Regional Government)"), but not the Popular
# Mobilization Forces, which sitreps codes as a militia of their own.  A foreign government
# is its military; the United States also as the coalition it leads.  UCDP names missing
# here (e.g. KDPI, for which sitreps has no actor) can never match.
SIDES: dict[str, tuple[str, ...]] = {
    "Government of Iraq": ("Military Forces of Iraq", "Police Forces of Iraq"),
    "IS": ("Islamic State",),
    "Civilians": ("Civilians",),
    "Government of United States of America": ("Military Forces of the United States",
                                               "Coalition Forces (Operation Inherent Resolve)"),
    "Government of Turkey": ("Military Forces of Turkey",),
    "Government of Iran": ("Military Forces of Iran",),
    "PKK": ("Kurdistan Workers' Party",),
}


@dataclass(frozen=True)
class Headline:
    text: str
    published: dt.date


@dataclass(frozen=True)
class UcdpEvent:
    id: str
    date_start: dt.date
    date_end: dt.date
    side_a: str
    side_b: str
    latitude: float
    longitude: float
    headlines: tuple[Headline, ...]
    where: str = ""  # UCDP's place name, e.g. "Hīt town"
    where_prec: int = 0  # 1 exact point, 2 within 25 km of it, 3 district, 4 province, ...

    @property
    def split(self) -> Split:
        return half_of(self.date_start)


def split_sources(headlines: str, dates: str) -> tuple[Headline, ...]:
    texts = [t.strip() for t in SOURCE_SEPARATOR.split(headlines)]
    days = [d.strip() for d in dates.split(";")]
    if len(days) != len(texts):  # not in this file; pair what can be paired, last date for the rest
        days = (days + [days[-1]] * len(texts))[: len(texts)]
    return tuple(Headline(t, dt.date.fromisoformat(d[:10])) for t, d in zip(texts, days) if t)


def load(path: Path) -> list[UcdpEvent]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [UcdpEvent(r["id"], dt.date.fromisoformat(r["date_start"][:10]), dt.date.fromisoformat(r["date_end"][:10]),
                      r["side_a"].strip(), r["side_b"].strip(), float(r["latitude"]), float(r["longitude"]),
                      split_sources(r["source_headline"], r["source_date"]), r.get("where_coordinates", "").strip(),
                      int(r.get("where_prec") or 0)) for r in rows]


_FEATURE_WORD = re.compile(r"\s+(?:town|city|village|province|district|districts|area)$", re.I)


def names_place(event: UcdpEvent, headline: str) -> bool:
    """Whether the headline names the place UCDP located the event at (see the module doc)."""
    if event.where_prec not in (1, 2) or not event.where:
        return False
    key = normalize(_FEATURE_WORD.sub("", event.where))
    if not key:
        return False
    loose, width = loose_key(key), len(key.split())
    words = normalize(headline).split()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + width + 1) + 1):  # one more word: an article ("al Hit")
            gram = normalize(" ".join(words[i:j]))
            if gram == key or (len(key) >= 4 and loose_key(gram) == loose):
                return True
    return False


def sides_markdown() -> str:
    lines = ["| UCDP side | sitreps actor names starting with |", "|---|---|"]
    lines += [f"| {side} | {'; '.join(names)} |" for side, names in SIDES.items()]
    return "\n".join(lines)


def side_found(side: str, names: set[str]) -> bool:
    prefixes = SIDES.get(side, ())
    return any(name.startswith(p) for name in names for p in prefixes)


def actor_names(result: Result) -> set[str]:
    return {x.actor.name for m in events_of(result.mentions) for x in (m.actor1, m.actor2) if x is not None}


def pipeline_date(result: Result) -> dt.date:
    top = top_mention(result.mentions)
    return top.time.start if top is not None and top.time is not None else result.article.published


@dataclass(frozen=True)
class Scored:
    """One event headline, scored."""

    no_mention: bool
    names_town: bool  # the headline names a town or village (not only "Iraq", "Anbar", "near Mosul")
    names_place: bool  # the headline names the place UCDP located the event at
    has_place: bool
    place_near: bool
    date_ok: bool
    sides_both: bool
    sides_one: bool


def _names_town(result: Result) -> bool:
    top = top_mention(result.mentions)
    mentions = [top.place] if top is not None and top.place is not None else list(result.places)
    return any(m.geo_precision == 1 and m.place.feature not in ("country", "province", "district") for m in mentions)


def score(event: UcdpEvent, result: Result, headline: str = "") -> Scored:
    names = actor_names(result)
    a, b = side_found(event.side_a, names), side_found(event.side_b, names)
    day = pipeline_date(result)
    place = best_place(result)
    return Scored(no_mention=not events_of(result.mentions), names_town=_names_town(result),
                  names_place=names_place(event, headline or result.article.text),
                  has_place=place is not None,
                  place_near=near(place, event.latitude, event.longitude),
                  date_ok=event.date_start - DAY <= day <= event.date_end + DAY,
                  sides_both=a and b, sides_one=a or b)


def _summary(events: Sequence[UcdpEvent], scored: Sequence[Scored]) -> dict[str, Value]:
    n = len(scored)
    placed = [s for s in scored if s.has_place]
    towns = [s for s in scored if s.names_town]
    named = [s for s in scored if s.names_place]
    return {
        "events": len(events),
        "event headlines": n,
        "headlines with no event mention": Ratio(sum(s.no_mention for s in scored), n),
        "headlines with a resolved place": Ratio(len(placed), n),
        "place ≤ 25 km, of headlines with a place": Ratio(sum(s.place_near for s in placed), len(placed)),
        "headlines naming a town": Ratio(len(towns), n),
        "place ≤ 25 km, of headlines naming a town": Ratio(sum(s.place_near for s in towns), len(towns)),
        "place ≤ 25 km, of all headlines": Ratio(sum(s.place_near for s in scored), n),
        "headlines naming UCDP's place": Ratio(len(named), n),
        "place ≤ 25 km, of headlines naming UCDP's place": Ratio(sum(s.place_near for s in named), len(named)),
        "date in [start − 1 d, end + 1 d]": Ratio(sum(s.date_ok for s in scored), n),
        "both sides matched": Ratio(sum(s.sides_both for s in scored), n),
        "at least one side matched": Ratio(sum(s.sides_one for s in scored), n),
    }


def evaluate(pipeline: "Pipeline", data: Path, splits: Sequence[Split], limit: int | None = None) -> Section:
    events = load(data / FILE)
    chosen = {s: [e for e in events if e.split == s][:limit] for s in splits}
    keys = sorted({(h.text, h.published) for s in splits for e in chosen[s] for h in e.headlines})
    articles = [make_article(t, day, source="UCDP GED source", id=f"ucdp-{i}") for i, (t, day) in enumerate(keys)]
    results = dict(zip(keys, analyse(pipeline, articles)))
    values: dict[Split, dict[str, Value]] = {}
    for s in splits:
        scored = [score(e, results[(h.text, h.published)], h.text) for e in chosen[s] for h in e.headlines]
        values[s] = _summary(chosen[s], scored)
    names = list(next(iter(values.values()))) if values else []
    unmapped = sorted({x for e in events for x in (e.side_a, e.side_b)} - set(SIDES))
    notes = ["unit: event headline (an event with k sources counts k times)"]
    if unmapped:
        notes.append("UCDP sides with no sitreps actor (never matched): " + ", ".join(unmapped))
    return Section(TITLE, tuple(row(n, {s: values[s][n] for s in values}) for n in names),
                   items=f"{len(articles)} distinct headlines", notes=tuple(notes))


__all__ = ["SIDES", "Headline", "UcdpEvent", "load", "split_sources", "side_found", "score", "evaluate"]
