"""GTD Iraq 2016 (a cleaned third-party subset): tolls and places from incident summaries.

Data: ``gtd-iraq-subset/gtd_iraq_2016_cleaned_subset.csv``.  Internal evaluation only:
GTD's terms forbid redistribution, so nothing from a row is ever printed or written,
only aggregate numbers.  Halves: dev = months 1–6, test = months 7–12.

Each ``summary`` becomes an article published on the row's ``date``; its mentions are
fused (one source) and GTD's single incident is compared with the event of highest
``fatalities_high`` (ties: the first in fusion order):

- killed: that event's ``fatalities_low`` (with one source, the article's own toll as
  `sitreps.fuse.build.source_tolls` gives it) against ``killed``;
- wounded: the largest "injured" total any one mention of that event states (the sum of
  its Count values of kind "injured", over sides), mirroring the deaths rule, against
  ``wounded``; no such count means 0;
- place: that event's place within 25 km of GTD's latitude/longitude.

A summary with no event counts as a miss on every measure (the pipeline gave no figure).
Rows whose gold value is missing (NaN) are left out of that measure.  GTD's ``killed``
includes perpetrators (e.g. suicide bombers), which news-style tolls often leave out.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..fuse import fuse
from ..ingest import make_article
from ..records import Event, Mention, SourceRef
from .metrics import Ratio, Section, Split, Value, half_of, near, row

if TYPE_CHECKING:
    from ..pipeline import Pipeline

TITLE = "GTD Iraq 2016 summaries"
FILE = "gtd-iraq-subset/gtd_iraq_2016_cleaned_subset.csv"


@dataclass(frozen=True)
class Incident:
    date: dt.date
    killed: int | None
    wounded: int | None
    latitude: float | None
    longitude: float | None
    summary: str

    @property
    def split(self) -> Split:
        return half_of(self.date)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return None if math.isnan(value) else value


def _count(text: str) -> int | None:
    value = _number(text)
    return None if value is None else int(value)


def load(path: Path) -> list[Incident]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [Incident(dt.date.fromisoformat(r["date"][:10]), _count(r["killed"]), _count(r["wounded"]),
                     _number(r["latitude"]), _number(r["longitude"]), r["summary"]) for r in rows]


@dataclass(frozen=True)
class Prediction:
    """What the pipeline says about one summary's incident (None: no event)."""

    killed: int | None
    wounded: int | None
    event: Event | None


def wounded(mentions: Sequence[Mention]) -> int:
    return max((sum(c.value for c in m.counts if c.kind == "injured") for m in mentions), default=0)


def predict(article_id: str, source: SourceRef, mentions: Sequence[Mention], pipeline: "Pipeline") -> Prediction:
    events = fuse(mentions, {article_id: source}, pipeline.settings)
    if not events:
        return Prediction(None, None, None)
    event = max(events, key=lambda e: e.fatalities_high)  # max keeps the first of equals
    by_id = {m.id: m for m in mentions}
    return Prediction(event.fatalities_low, wounded([by_id[i] for i in event.mention_ids]), event)


def _share(pairs: Sequence[tuple[int | None, int | None]], slack: int) -> Ratio:
    """Of the (gold, predicted) pairs with a gold value, those within ``slack``."""
    known = [(g, p) for g, p in pairs if g is not None]
    return Ratio(sum(p is not None and abs(p - g) <= slack for g, p in known), len(known))


def _summary(incidents: Sequence[Incident], predictions: Sequence[Prediction]) -> dict[str, Value]:
    killed = [(i.killed, p.killed) for i, p in zip(incidents, predictions)]
    hurt = [(i.wounded, p.wounded) for i, p in zip(incidents, predictions)]
    located = [(i, p) for i, p in zip(incidents, predictions) if i.latitude is not None and i.longitude is not None]
    return {
        "summaries": len(incidents),
        "summaries with no event": Ratio(sum(p.event is None for p in predictions), len(predictions)),
        "killed = GTD": _share(killed, 0),
        "killed within ±1": _share(killed, 1),
        "(reference: GTD killed is 0)": _share([(g, 0) for g, _ in killed], 0),
        "wounded = GTD": _share(hurt, 0),
        "wounded within ±1": _share(hurt, 1),
        "(reference: GTD wounded is 0)": _share([(g, 0) for g, _ in hurt], 0),
        "place ≤ 25 km": Ratio(sum(p.event is not None and near(p.event.place, i.latitude or 0.0, i.longitude or 0.0)
                                   for i, p in located), len(located)),
    }


def evaluate(pipeline: "Pipeline", data: Path, splits: Sequence[Split], limit: int | None = None) -> Section:
    incidents = load(data / FILE)
    chosen = {s: [x for x in incidents if x.split == s][:limit] for s in splits}
    batch = [x for s in splits for x in chosen[s]]
    articles = [make_article(x.summary, x.date, source="GTD", id=f"gtd-{n}") for n, x in enumerate(batch)]
    predictions = [predict(a.id, SourceRef(a.id, a.source, a.published), ms, pipeline)
                   for a, ms in pipeline.mentions(articles)]
    values: dict[Split, dict[str, Value]] = {}
    start = 0
    for s in splits:  # the batch is the halves one after the other
        values[s] = _summary(chosen[s], predictions[start:start + len(chosen[s])])
        start += len(chosen[s])
    names = list(next(iter(values.values()))) if values else []
    return Section(TITLE, tuple(row(n, {s: values[s][n] for s in values}) for n in names),
                   items=f"{len(batch)} summaries",
                   notes=("tolls and places of the event with the highest fatalities_high; no event = miss",))


__all__ = ["Incident", "Prediction", "load", "predict", "wounded", "evaluate"]
