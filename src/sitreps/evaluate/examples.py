"""Score a run on the bundled example reports against their answer key (gold.json).

A gold event is found when a system event shares one of its reports, has the
same event type, a date within a day and a place within 25 km.  Fusion is scored
pairwise: two different reports put in one system event form a pair; the gold
pairs are reports that tell the same gold event.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..geo import km
from ..records import Article, Event

if TYPE_CHECKING:
    from ..pipeline import Pipeline


@dataclass(frozen=True)
class ExampleScores:
    gold_events: int
    system_events: int
    found: int
    sub_type_correct: int
    actor1_correct: int
    place_within_25km: int
    date_within_1day: int
    tolls_checked: int
    tolls_correct: int
    pair_precision: float
    pair_recall: float

    @property
    def recall(self) -> float:
        return self.found / self.gold_events if self.gold_events else 0.0

    @property
    def precision(self) -> float:
        return self.found / self.system_events if self.system_events else 0.0


def load_gold() -> dict[str, Any]:
    text = resources.files("sitreps").joinpath("examples/gold.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def report_key(article: Article) -> str:
    """The answer key's name for an article: JSONL id, file name, or feed#link."""
    origin = article.origin
    if origin.endswith(".jsonl") or ".jsonl:" in origin:
        return article.id
    name = Path(origin.split("#")[0]).name
    return f"{name}#{article.url}" if "#" in origin else name


def _fits(g: Mapping[str, Any], e: Event, reports: set[str]) -> bool:
    if e.event_type != g["event_type"] or not reports & set(g["reports"]):
        return False
    import datetime as dt

    day = dt.date.fromisoformat(g["date"])
    if abs((e.event_date - day).days) > 1:
        return False
    return e.place is None or km(g["latitude"], g["longitude"], e.place.latitude, e.place.longitude) <= 25


def score(events: Sequence[Event], articles: Sequence[Article], tolls: Mapping[tuple[str, str], int],
          gold: Mapping[str, Any] | None = None) -> ExampleScores:
    """``tolls`` maps (event id, article id) to the deaths that article gives for that event."""
    gold = gold or load_gold()
    key_of = {a.id: report_key(a) for a in articles}
    reports_of = {e.id: {key_of.get(s.article_id, s.article_id) for s in e.sources} for e in events}
    used: set[str] = set()
    found = sub = actor = place = date = checked = right = 0
    for g in gold["events"]:
        fits = [e for e in events if e.id not in used and _fits(g, e, reports_of[e.id])]
        # two events of one day and city (Mosul's Intisar and Zahra fights) are told apart by sub-type and actor 1
        match = min(fits, key=lambda e: (e.sub_event_type != g["sub_event_type"], e.actor1 != g["actor1"]), default=None)
        if match is None:
            continue
        used.add(match.id)
        found += 1
        sub += match.sub_event_type == g["sub_event_type"]
        actor += match.actor1 == g["actor1"]
        place += match.place is not None and km(g["latitude"], g["longitude"], match.place.latitude,
                                                 match.place.longitude) <= 25
        date += match.event_date.isoformat() == g["date"]
        by_key = {key_of.get(a, a): a for (eid, a) in tolls if eid == match.id}
        for report, toll in g["reports"].items():
            if toll is not None:
                checked += 1
                right += tolls.get((match.id, by_key.get(report, "")), -1) == toll
    precision, recall = _pairs(gold, reports_of)
    return ExampleScores(len(gold["events"]), len(events), found, sub, actor, place, date, checked, right,
                         precision, recall)


def _pairs(gold: Mapping[str, Any], reports_of: Mapping[str, set[str]]) -> tuple[float, float]:
    def pairs(groups: Sequence[set[str]]) -> set[tuple[str, str]]:
        return {tuple(sorted(p)) for g in groups for p in itertools.combinations(sorted(g), 2)}  # type: ignore[misc]

    gold_pairs = pairs([set(g["reports"]) for g in gold["events"]])
    system_pairs = pairs(list(reports_of.values()))
    hit = len(gold_pairs & system_pairs)
    precision = hit / len(system_pairs) if system_pairs else 1.0
    recall = hit / len(gold_pairs) if gold_pairs else 1.0
    return precision, recall


def evaluate_examples(pipeline: "Pipeline") -> ExampleScores:
    """Run the pipeline on the bundled examples (no database) and score it."""
    from ..fuse import fuse
    from ..fuse.build import source_tolls
    from ..ingest import read_paths
    from ..records import SourceRef

    folder = resources.files("sitreps").joinpath("examples")
    with resources.as_file(folder) as path:
        articles = [a for a in read_paths([path]) if isinstance(a, Article)]
    results = pipeline.mentions(articles)
    mentions = {m.id: m for _, ms in results for m in ms}
    sources = {a.id: SourceRef(a.id, a.source, a.published, a.url, a.title) for a in articles}
    events = fuse(mentions.values(), sources, pipeline.settings)
    tolls = {(e.id, art): low for e in events
             for art, (low, _) in source_tolls([mentions[i] for i in e.mention_ids]).items()}
    return score(events, articles, tolls)
