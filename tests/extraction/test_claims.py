"""Who says so: the speaker of a sentence's attribution, on wordings that misled it."""

import datetime as dt

import pytest

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


@pytest.mark.parametrize("headline, speaker", [
    ("Car bomb in southeast Baghdad kills 7 -sources", "sources"),
    ("Twin suicide bombing kills 12 at mosque in Baghdad-police, medics", "police, medics"),
    ("Iraqi forces target Islamic State fighters in Kirkuk - website", "website"),
    ("Islamic State second-in-command likely killed: U.S.", "U.S."),
    ("Rights group: Shiite militias behind Iraq revenge attack", "Rights group"),
    # session 15: the source word written with its capital ("Police:") was not read as one
    ("Police: gunman shot dead after attack on Kirkuk mosque", "Police"),
])
def test_a_headline_credits_its_source_after_a_colon_or_a_dash(pipeline: Pipeline, headline: str, speaker: str) -> None:
    result = pipeline.extract(make_article(headline, dt.date(2016, 11, 5), source="Test Wire"))
    assert [(c.speaker, c.cue) for c in result.claims] == [(speaker, "headline credit")]


@pytest.mark.parametrize("headline", [
    "March 7th 2016: Hit, Anbar province, Iraq",  # a dateline
    "Iraq conflict: Shia 'reprisals' after bomb kills 20 in cafe",  # a label
    "Fighters attacked the pro-government group",  # a compound word
])
def test_a_dateline_label_or_compound_is_no_credit(pipeline: Pipeline, headline: str) -> None:
    assert _claims(pipeline, headline) == []


def test_police_crediting_a_headline_are_not_its_attackers(pipeline: Pipeline) -> None:
    result = pipeline.extract(make_article("Police: gunman shot dead after attack on Kirkuk mosque that killed 5",
                                           dt.date(2016, 5, 3), source="Test Wire"))
    assert result.events and all(e.actor1 != "Police Forces of Iraq" for e in result.events)


def test_the_credited_source_is_not_a_side(pipeline: Pipeline) -> None:
    # "...: Pentagon" says who told it; the dead service member is the side that was hit
    result = pipeline.extract(make_article("US service member killed in Iraq: Pentagon", dt.date(2016, 5, 3), source="Test Wire"))
    [event] = result.events
    assert (event.actor1, event.actor2, event.fatalities) == (
        "Unidentified Armed Group (Iraq)", "Military Forces of the United States", 1)
