"""Who says so: the speaker of a sentence's attribution, on wordings that misled it."""

import datetime as dt

from sitreps.ingest import make_article
from sitreps.pipeline import Pipeline


def _claims(pipeline: Pipeline, text: str) -> list[tuple[str, str]]:
    result = pipeline.extract(make_article(text, dt.date(2016, 11, 5), source="Test Wire"))
    return [(c.speaker, c.status) for c in result.claims]


def test_a_passive_report_has_no_speaker_of_its_own(pipeline: Pipeline) -> None:
    # the passive subject is what was reported, not who reported it
    assert _claims(pipeline, "Heavy fighting with Islamic State was reported in Bashiqa on Friday.") == []


def test_a_passive_claim_is_the_agent_s(pipeline: Pipeline) -> None:
    speakers = _claims(pipeline, "The bombing in Tikrit on Friday was claimed by Islamic State.")
    assert speakers == [("Islamic State", "claimed")]


def test_no_group_claiming_is_no_claim(pipeline: Pipeline) -> None:
    text = "A bomb killed four people in Tikrit on Friday. No group claimed responsibility for the attack."
    result = pipeline.extract(make_article(text, dt.date(2016, 11, 5), source="Test Wire"))
    assert [e.claim_status for e in result.events] == ["reported"]
    assert all(c.speaker != "No group" for c in result.claims)
