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
from typing import TYPE_CHECKING, Iterable

from ..fuse import fuse
from ..ingest import make_article
from ..records import Article, SourceRef

if TYPE_CHECKING:
    from ..pipeline import Pipeline

GED_FILE = Path("ucdp-ged-iraq") / "ged_iraq_2016-10_2016-11.csv"


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
