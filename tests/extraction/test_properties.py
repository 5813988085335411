"""Invariants of extraction on generated reports: no event is dated after its article,
and every extracted value points at a span of the article that says what it holds."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitreps.ingest import make_article
from sitreps.pipeline import Pipeline

WHO = ["Islamic State militants", "Iraqi troops", "Gunmen", "Coalition jets", "Daesh fighters", "Police"]
DID = ["attacked a checkpoint in", "shelled positions near", "struck targets outside", "recaptured",
       "abducted 12 villagers in", "arrested seven suspects in", "vowed to attack", "clashed with guards in"]
WHERE = ["Mosul", "Bartella", "Kirkuk", "Tikrit", "the town of Rutba", "Qayyarah", "Baghdad's Karrada district"]
WHEN = ["on Monday", "on Sunday", "yesterday", "on October 17", "two days ago", "last week", "in 2014",
        "on December 30", "between October 20 and 23", "", "on 31/10/2016", "this morning"]
TOLL = ["", ", killing at least 46 people", ", killing four soldiers and two civilians", ". Dozens were wounded",
        ". The death toll rose to 20", ", a spokesman told Tigris Wire"]

sentence = st.builds(lambda w, d, p, t, k: f"{w} {d} {p} {t}{k}.".replace("  ", " ").replace(" .", "."),
                     st.sampled_from(WHO), st.sampled_from(DID), st.sampled_from(WHERE), st.sampled_from(WHEN),
                     st.sampled_from(TOLL))
report = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
published = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2020, 12, 31))
CHECK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@CHECK
@given(text=report, day=published)
def test_no_event_is_dated_after_its_article(pipeline: Pipeline, text: str, day: dt.date) -> None:
    result = pipeline.extract(make_article(text, day, source="Test Wire"))
    for event in result.events:
        assert event.event_date <= day
        assert event.date_end is None or event.date_end <= day
    assert all(t.start <= day for t in result.times)


@CHECK
@given(text=report, day=published)
def test_every_value_points_into_its_article(pipeline: Pipeline, text: str, day: dt.date) -> None:
    result = pipeline.extract(make_article(text, day, source="Test Wire"))
    body = result.article.text
    spans = [m.trigger for m in result.mentions]
    spans += [p.evidence for p in result.places] + [t.evidence for t in result.times]
    spans += [c.evidence for c in result.counts] + [c.evidence for c in result.claims]
    spans += [x.evidence for m in result.mentions for x in (m.actor1, m.actor2) if x and x.evidence.extractor != "actors.default"]
    for ev in spans:
        assert 0 <= ev.start <= ev.end <= len(body)
        assert body[ev.start : ev.end] == ev.text, ev
