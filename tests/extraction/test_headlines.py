"""Headlines: the present tense, no articles, no "was", and the source credited at the end.

News feeds are mostly titles ("Car bomb kills 7 in Baghdad: police"); a careful coder
reads one as the event it reports, with the same actors and tolls as the full sentence.
"""

import datetime as dt

import pytest

from sitreps.ingest import make_article
from sitreps.pipeline import Pipeline


def events(pipeline: Pipeline, text: str) -> list[tuple[str, str, str, int]]:
    result = pipeline.extract(make_article(text, dt.date(2016, 5, 3), source="Test Wire"))
    return [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in result.events]


@pytest.mark.parametrize("headline, expected", [
    ("Islamic State kills U.S. Navy SEAL in northern Iraq",
     ("Armed clash", "Islamic State", "Military Forces of the United States", 1)),
    ("US strikes kill Fallujah's IS commander, dozens more fighters: coalition",
     ("Air/drone strike", "Military Forces of the United States", "Islamic State", 0)),
    ("Turkish air strikes in northern Iraq kill 11 PKK militants",
     ("Air/drone strike", "Military Forces of Turkey", "Kurdistan Workers' Party", 11)),
    ("Suicide bomber kills dozens at football stadium in Iraq",
     ("Suicide bomb", "Unidentified Armed Group (Iraq)", "Civilians (Iraq)", 12)),
    ("Gunmen kill five in Baghdad", ("Attack", "Unidentified Armed Group (Iraq)", "Civilians (Iraq)", 5)),
    # whose man died: the possessive, and the actor after the verb of the killing
    ("Islamic State's top security chief killed in northern Iraq - website",
     ("Armed clash", "Unidentified Armed Group (Iraq)", "Islamic State", 1)),
    ("Coalition says it killed IS militant near Mosul",
     ("Armed clash", "Coalition Forces (Operation Inherent Resolve)", "Islamic State", 1)),
    ("Two 'senior' IS military leaders killed in Iraq strike: Pentagon",
     ("Armed clash", "Unidentified Armed Group (Iraq)", "Islamic State", 2)),
    ("Baghdad blasts' death toll rises to 24: sources",
     ("Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)", "", 24)),
    ("Iraqi forces face heavy resistance in IS-held town", ("Armed clash", "Military Forces of Iraq", "Islamic State", 0)),
    # a wire's tag runs into the headline, and the bomb is the weapon of "kills at least 11"
    ("UPDATE 2-Bomb in eastern Baghdad kills at least 11",
     ("Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)", "", 11)),
    # an offensive told in the present tense: pushing into a town, closing in, a quoted "storm"
    ("Iraqi troops start pushing into IS-held Hit", ("Armed clash", "Military Forces of Iraq", "Islamic State", 0)),
    ("Iraqi army closes in on Islamic State near Ramadi", ("Armed clash", "Military Forces of Iraq", "Islamic State", 0)),
    ('Iraqi troops "storm" centre of Ramadi', ("Armed clash", "Military Forces of Iraq", "", 0)),
    # supporters storming a parliament are rioters
    ("Cleric's supporters storm Iraq's parliament", ("Violent demonstration", "Rioters (Iraq)", "", 0)),
    # a killing confirmed: the leader is the side that lost a man, not the killer; and the
    # side named before its man ("Islamic State deputy leader killed")
    ("Police confirm killing of IS commander in Hit - website",
     ("Armed clash", "Unidentified Armed Group (Iraq)", "Islamic State", 1)),
    ("Islamic State second-in-command likely killed in Iraq: Pentagon",
     ("Armed clash", "Unidentified Armed Group (Iraq)", "Islamic State", 1)),
    # present-tense executions, and the group as some papers spell it ("Isis", "Isil")
    ("Isis executes 12 shepherds near Kirkuk", ("Attack", "Islamic State", "Civilians (Iraq)", 12)),
    ("Isil beheads two farmers in Hawija", ("Attack", "Islamic State", "Civilians (Iraq)", 2)),
])
def test_a_headline_is_the_event_it_reports(pipeline: Pipeline, headline: str, expected: tuple) -> None:
    assert events(pipeline, headline) == [expected]


def test_a_soldier_from_his_home_town_is_one_dead(pipeline: Pipeline) -> None:
    # "from Texas" sits between the noun and "killed"; (whose forces a Marine is, the list cannot tell)
    [(sub, _, _, dead)] = events(pipeline, "Marine from Southern Texas killed in northern Iraq")
    assert (sub, dead) == ("Armed clash", 1)


def test_a_headline_with_only_the_wounded_is_an_event(pipeline: Pipeline) -> None:
    [(sub, actor1, actor2, dead)] = events(pipeline, "More than 1,000 Iraqi forces wounded in Fallujah op")
    assert (actor2, dead) == ("Military Forces of Iraq", 0)


def test_a_bomb_at_a_checkpoint_names_no_civilian_victims(pipeline: Pipeline) -> None:
    # the civilians are implied by the market or the mosque, not by the bomb
    assert events(pipeline, "Car bomb kills 7 at a checkpoint in Baghdad") == [
        ("Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)", "", 7)]
