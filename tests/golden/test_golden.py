"""Golden-file tests: short articles we wrote, each with the events a careful coder
would code from it (tests/golden/cases/*.json, with a note on why each case exists).

A case lists expected events by the fields that matter for its phenomenon; every
listed field must match one extracted event, and the number of events must be
exactly the number listed (an empty list means: no current event at all).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest

from sitreps.export.rows import event_row
from sitreps.pipeline import Pipeline
from sitreps.settings import DEFAULT

CASES = sorted((Path(__file__).parent / "cases").glob("*.json"))


def _matches(row: dict[str, Any], want: dict[str, Any]) -> bool:
    for key, value in want.items():
        if key == "counts":
            if not all(any(all(c.get(k) == v for k, v in w.items()) for c in row["counts"]) for w in value):
                return False
        elif key == "admin1_contains":
            if value not in row["admin1"]:
                return False
        elif key == "assoc_actor_1":
            if value not in row["assoc_actor_1"]:
                return False
        elif row.get(key) != value:
            return False
    return True


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(path: Path, pipeline: Pipeline) -> None:
    case = json.loads(path.read_text("utf-8"))
    assert case["why"], "every case says why it exists"
    result = pipeline.extract(_article(case))
    rows = [event_row(e) for e in result.events]
    summary = [(r["event_date"], r["sub_event_type"], r["actor1"], r["location"], r["fatalities"]) for r in rows]
    assert len(rows) == len(case["events"]), summary
    for want in case["events"]:
        assert any(_matches(row, want) for row in rows), (want, rows)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_with_the_word_model_alone(path: Path, variant: Callable[..., Pipeline]) -> None:
    # type_encoder off is a supported set-up (and what auto falls back to): the same answers
    case = json.loads(path.read_text("utf-8"))
    result = variant(settings=DEFAULT.replace(type_encoder="off")).extract(_article(case))
    rows = [event_row(e) for e in result.events]
    assert len(rows) == len(case["events"]), [(r["sub_event_type"], r["location"]) for r in rows]
    for want in case["events"]:
        assert any(_matches(row, want) for row in rows), (want, rows)


def _article(case: dict[str, Any]):  # type: ignore[no-untyped-def]
    import datetime as dt

    from sitreps.ingest import make_article

    return make_article(case["text"], dt.date.fromisoformat(case["published"]), source=case["source"],
                        origin=f"golden:{case.get('name', '')}")


def test_every_event_points_back_into_its_article(pipeline: Pipeline) -> None:
    for path in CASES:
        case = json.loads(path.read_text("utf-8"))
        result = pipeline.extract(_article(case))
        text = result.article.text
        for event in result.events:
            assert event.event_date <= result.article.published
            for _, ev in event.evidence:
                assert text[ev.start : ev.end] == ev.text
