"""Fusion measured on UCDP GED: when UCDP cites several articles for one event,
those articles are reports of the same event.

Each distinct source article (outlet, date, headline) becomes one article whose
text is its headline, published on its source date.  Every pipeline event then
groups articles; two different articles in one event form a system pair, two
articles UCDP cites for one event a gold pair.  Pairwise precision and recall
compare them, and the event count is set against UCDP's for the same set.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from ..fuse import fuse
from ..ingest import make_article
from ..records import Article, SourceRef
from .metrics import Row, Section, Split

if TYPE_CHECKING:
    from ..pipeline import Pipeline

GED_FILE = Path("ucdp-ged-iraq") / "ged_iraq_2016-10_2016-11.csv"
FILE = str(GED_FILE)
TITLE = "Fusion on UCDP GED Iraq, Oct–Nov 2016 headlines"


@dataclass(frozen=True)
class FusionScores:
    ucdp_events: int
    articles: int
    system_events: int
    gold_pairs: int
    system_pairs: int
    pair_precision: float
    pair_recall: float
    seconds: float


def _sources(row: dict[str, str]) -> list[tuple[str, str, str]]:
    """(outlet, date, headline) for each article UCDP cites for the event."""
    heads = [h.strip() for h in row["source_headline"].split(";")]
    dates = [d.strip() for d in row["source_date"].split(";")]
    offices = [o.strip() for o in row["source_office"].split(";")]
    out = []
    for i, head in enumerate(heads):
        if head:
            out.append((offices[i] if i < len(offices) else "", dates[i] if i < len(dates) else dates[0], head))
    return out


def load(data: Path) -> tuple[list[Article], list[set[str]]]:
    """The articles, and for each UCDP event the ids of the articles it cites."""
    articles: dict[tuple[str, str, str], Article] = {}
    groups: list[set[str]] = []
    with (data / GED_FILE).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cited = set()
            for office, day, head in _sources(row):
                key = (office, day[:10], head)
                if key not in articles:
                    published = dt.date.fromisoformat(day[:10]) if day[:10] else dt.date.fromisoformat(row["date_start"])
                    articles[key] = make_article(head, published, source=office, id=f"ged-{len(articles)}",
                                                 origin="ucdp-ged")
                cited.add(articles[key].id)
            groups.append(cited)
    return list(articles.values()), groups


def _pairs(groups: Iterable[set[str]]) -> set[tuple[str, str]]:
    return {(a, b) for g in groups for a, b in itertools.combinations(sorted(g), 2)}


def evaluate_fusion(pipeline: "Pipeline", data: Path) -> FusionScores:
    start = time.perf_counter()
    articles, groups = load(data)
    results = pipeline.mentions(articles)
    mentions = [m for _, ms in results for m in ms]
    sources = {a.id: SourceRef(a.id, a.source, a.published, a.url, a.title) for a in articles}
    events = fuse(mentions, sources, pipeline.settings)
    gold = _pairs(groups)
    system = _pairs({s.article_id for s in e.sources} for e in events)
    hit = len(gold & system)
    return FusionScores(
        ucdp_events=len(groups), articles=len(articles), system_events=len(events),
        gold_pairs=len(gold), system_pairs=len(system),
        pair_precision=hit / len(system) if system else 0.0, pair_recall=hit / len(gold) if gold else 0.0,
        seconds=round(time.perf_counter() - start, 1),
    )


def evaluate(pipeline: "Pipeline", data: Path, splits: Sequence[Split], limit: int | None = None) -> Section:
    """The fusion figures as a table section.  Oct–Nov 2016 lies in the held-out half
    of the UCDP place/date evaluation, so the figures go in the test column."""
    scores = evaluate_fusion(pipeline, data)
    values: list[tuple[str, int | float]] = [
              ("UCDP events", scores.ucdp_events), ("articles UCDP cites", scores.articles),
              ("sitreps events from those articles", scores.system_events),
              ("same-event article pairs, UCDP", scores.gold_pairs),
              ("same-event article pairs, sitreps", scores.system_pairs),
              ("pairwise precision", round(scores.pair_precision, 3)),
              ("pairwise recall", round(scores.pair_recall, 3))]
    notes = ("each cited article is its headline alone, published on its source date",
             "UCDP splits one report's deaths over several events, so its pairs include articles "
             "that tell several events in one headline")
    return Section(TITLE, tuple(Row(name, test=value) for name, value in values), seconds=scores.seconds,
                   items=f"{scores.articles} articles", notes=notes)
