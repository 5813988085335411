"""Fusion measured on UCDP GED: when UCDP cites several articles for one event,
those articles are reports of the same event.

Each distinct source article (outlet, date, headline) becomes one article whose
text is its headline, published on its source date.  Every pipeline event then
groups articles; two different articles in one event form a system pair, two
articles UCDP cites for one event a gold pair.  Pairwise precision and recall
compare them, and the event count is set against UCDP's for the same set.

Halves, as for the place and date evaluation: dev = the events of January–June 2016
(``ged_iraq_2016.csv``), test = October–November 2016 (``ged_iraq_2016-10_2016-11.csv``,
inside the held-out July–December half).  The test file is not read for ``--split dev``.
Source lists are split as :func:`sitreps.evaluate.ucdp.split_sources` splits them.
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
from .metrics import Section, Split, half_of, row
from .ucdp import SOURCE_SEPARATOR

if TYPE_CHECKING:
    from ..pipeline import Pipeline

GED_FILE = Path("ucdp-ged-iraq") / "ged_iraq_2016-10_2016-11.csv"  # the test half
DEV_FILE = Path("ucdp-ged-iraq") / "ged_iraq_2016.csv"  # its January–June events: the dev half
FILE = str(DEV_FILE)  # what `sitreps eval` checks for before it runs this evaluation
TITLE = "Fusion on UCDP GED Iraq headlines (dev Jan–Jun, test Oct–Nov 2016)"


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
    heads = [h.strip() for h in SOURCE_SEPARATOR.split(row["source_headline"])]
    dates = [d.strip() for d in row["source_date"].split(";")]
    offices = [o.strip() for o in row["source_office"].split(";")]
    out = []
    for i, head in enumerate(heads):
        if head:
            out.append((offices[i] if i < len(offices) else "", dates[i] if i < len(dates) else dates[0], head))
    return out


def _file(split: Split) -> Path:
    return DEV_FILE if split == "dev" else GED_FILE


def load(data: Path, split: Split = "test") -> tuple[list[Article], list[set[str]]]:
    """The articles, and for each UCDP event the ids of the articles it cites."""
    articles: dict[tuple[str, str, str], Article] = {}
    groups: list[set[str]] = []
    with (data / _file(split)).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if split == "dev" and half_of(dt.date.fromisoformat(row["date_start"][:10])) != "dev":
                continue
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


def evaluate_fusion(pipeline: "Pipeline", data: Path, split: Split = "test") -> FusionScores:
    start = time.perf_counter()
    articles, groups = load(data, split)
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
    """The fusion figures as a table section, one column per half asked for."""
    missing = [s for s in splits if not (data / _file(s)).is_file()]
    scores = {split: evaluate_fusion(pipeline, data, split) for split in splits if split not in missing}
    names = ["UCDP events", "articles UCDP cites", "sitreps events from those articles",
             "same-event article pairs, UCDP", "same-event article pairs, sitreps", "pairwise precision",
             "pairwise recall"]

    def values(s: FusionScores) -> list[int | float]:
        return [s.ucdp_events, s.articles, s.system_events, s.gold_pairs, s.system_pairs,
                round(s.pair_precision, 3), round(s.pair_recall, 3)]

    table = {split: values(s) for split, s in scores.items()}
    rows = tuple(row(name, {split: table[split][i] for split in table}) for i, name in enumerate(names))
    notes: tuple[str, ...] = ("each cited article is its headline alone, published on its source date",
             "UCDP splits one report's deaths over several events, so its pairs include articles "
             "that tell several events in one headline")
    notes += tuple(f"{split} half not run: {_file(split)} not found in {data}" for split in missing)
    items = ", ".join(f"{split}: {s.articles} articles" for split, s in scores.items())
    return Section(TITLE, rows, seconds=round(sum(s.seconds for s in scores.values()), 1), items=items, notes=notes)
