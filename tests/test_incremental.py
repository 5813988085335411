"""New reports merge into the events already stored, without the old reports being
read again: a second outlet's report of an event adds a source and widens the toll."""

from __future__ import annotations

import json
from pathlib import Path

import sitreps
from sitreps.pipeline import Pipeline
from sitreps.store import Store

FIRST = {"id": "first", "source": "Tigris Wire", "published": "2016-10-21",
         "text": "Islamic State militants attacked an army checkpoint in Bartella on Thursday, "
                 "killing at least 12 soldiers, an officer said."}
SECOND = {"id": "second", "source": "Northern Desk", "published": "2016-10-22",
          "text": "Fifteen soldiers were killed when Islamic State fighters attacked an army "
                  "checkpoint in Bartella on Thursday, the army said."}


def _write(path: Path, *articles: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def test_a_later_report_joins_the_stored_event(pipeline: Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    first = sitreps.run([_write(tmp_path / "a.jsonl", FIRST)], None, db=db, pipeline=pipeline)
    second = sitreps.run([_write(tmp_path / "b.jsonl", SECOND)], None, db=db, pipeline=pipeline)
    assert (first.articles_new, second.articles_new) == (1, 1)
    assert first.events == second.events == 1
    with Store(db) as store:
        (event,) = store.events()
    assert sorted(s.article_id for s in event.sources) == ["first", "second"]
    assert (event.fatalities_low, event.fatalities_high, event.fatalities) == (12, 15, 12)


def test_the_order_reports_arrive_in_does_not_matter(pipeline: Pipeline, tmp_path: Path) -> None:
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    a, b = _write(tmp_path / "a.jsonl", FIRST), _write(tmp_path / "b.jsonl", SECOND)
    sitreps.run([a], None, db=one, pipeline=pipeline)
    sitreps.run([b], None, db=one, pipeline=pipeline)
    sitreps.run([b], None, db=two, pipeline=pipeline)
    sitreps.run([a], None, db=two, pipeline=pipeline)
    with Store(one) as x, Store(two) as y:
        assert x.events() == y.events()
