"""What every evaluation shares: result records, the F1 arithmetic (see :data:`F1_DEFINITION`),
distances, and running the pipeline over a batch of articles while keeping what scoring needs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Sequence, Union

from ..geo import km
from ..pipeline import Extraction as Result  # what one article gave; the evaluations read it
from ..records import Article, Mention, Place

if TYPE_CHECKING:
    from ..pipeline import Pipeline

F1_DEFINITION = """\
F1 is written out by hand (no scikit-learn) so its definition is on the page: for each
gold label ``c`` present among the items scored, ``precision_c = TP_c / predicted_c``,
``recall_c = TP_c / support_c`` and ``F1_c = 2·P·R / (P + R)`` (0 when ``TP_c`` is 0).
*Weighted F1* is the mean of ``F1_c`` weighted by ``support_c`` (the gold count); *macro F1*
is the plain mean of ``F1_c`` over the gold labels present.  Labels that are only ever
predicted (``NONE``, or a gold-absent label) get no slot in either mean, but every wrong
prediction still lowers the precision of the label it names.
"""

Split = Literal["dev", "test"]
SPLITS: tuple[Split, ...] = ("dev", "test")


def half_of(day: dt.date) -> Split:
    """The half of a 2016 data set an event belongs to: January–June is dev, July–December test."""
    return "dev" if day.month <= 6 else "test"


@dataclass(frozen=True)
class Ratio:
    """``hit`` of ``total``; shown as ``0.734 (578/787)``."""

    hit: int
    total: int

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 0.0


Value = Union[Ratio, float, int, None]


@dataclass(frozen=True)
class Row:
    """One metric, with its value on each half of the data (None: not computed)."""

    metric: str
    dev: Value = None
    test: Value = None


@dataclass(frozen=True)
class Section:
    """One evaluation's results: rows for the table, plus dev-only detail for the Markdown."""

    name: str
    rows: tuple[Row, ...]
    seconds: float = 0.0
    items: str = ""  # what was scored, e.g. "1019 snippets"
    notes: tuple[str, ...] = ()
    dev_detail: str = ""  # Markdown; dev split only, never test-split material


def row(metric: str, values: dict[Split, Value]) -> Row:
    return Row(metric, values.get("dev"), values.get("test"))


# --- classification -------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassScore:
    label: str
    support: int  # gold items of this label
    predicted: int  # items predicted as this label
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def class_scores(gold: Sequence[str], predicted: Sequence[str]) -> list[ClassScore]:
    """One score per label present in ``gold``, sorted by label."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    support = Counter(gold)
    made = Counter(predicted)
    correct = Counter(g for g, p in zip(gold, predicted) if g == p)
    return [ClassScore(label, support[label], made[label], correct[label]) for label in sorted(support)]


def weighted_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    scores = class_scores(gold, predicted)
    total = sum(s.support for s in scores)
    return sum(s.f1 * s.support for s in scores) / total if total else 0.0


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    scores = class_scores(gold, predicted)
    return sum(s.f1 for s in scores) / len(scores) if scores else 0.0


# --- geography ------------------------------------------------------------------------------


def near(place: Place | None, lat: float, lon: float, limit_km: float = 25.0) -> bool:
    return place is not None and km(place.latitude, place.longitude, lat, lon) <= limit_km


# --- running the pipeline -------------------------------------------------------------------


def analyse(pipeline: "Pipeline", articles: Sequence[Article]) -> list[Result]:
    """Each article's mentions, places and counts, run in batches."""
    return pipeline.extract_many(articles)


def events_of(mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions that tell an event (not negated, hypothetical, historical or not political)."""
    from ..fuse import is_event

    return [m for m in mentions if is_event(m)]


def top_mention(mentions: Sequence[Mention]) -> Mention | None:
    """The most confident mention that tells an event; ties go to the earliest trigger."""
    told = events_of(mentions)
    return min(told, key=lambda m: (-m.confidence, m.trigger.start, m.id)) if told else None


def best_place(result: Result) -> Place | None:
    """The top mention's place; else the most precise, then earliest, place named anywhere."""
    top = top_mention(result.mentions)
    if top is not None and top.place is not None:
        return top.place.place
    if not result.places:
        return None
    return min(result.places, key=lambda p: (p.geo_precision, p.evidence.start)).place
