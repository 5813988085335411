"""The sub-type model's second opinion in the events stage."""

import dataclasses
import datetime as dt

from sitreps.ingest import make_article
from sitreps.knowledge.typing import TypingModel
from sitreps.pipeline import Pipeline
from sitreps.settings import DEFAULT

ROADBLOCK = "Angry residents burnt tyres and blocked the highway in Lahore on Monday to protest power cuts."


def test_the_model_overrules_where_it_is_sure_and_says_so(pipeline: Pipeline) -> None:
    # ACLED codes burning tyres and blocking roads as a violent demonstration; the lexicon's
    # "to protest" alone reads a peaceful protest
    [mention] = pipeline.extract(make_article(ROADBLOCK, dt.date(2021, 3, 2))).mentions
    assert mention.sub_event_type == "Violent demonstration"
    assert mention.event_type == "Riots"
    assert mention.trigger.extractor == "events.lexicon+typing_model"


def test_a_setting_of_one_turns_the_model_off() -> None:
    off = Pipeline(DEFAULT.replace(type_model_sure=1.0))
    [mention] = off.extract(make_article(ROADBLOCK, dt.date(2021, 3, 2))).mentions
    assert mention.sub_event_type == "Peaceful protest"
    assert mention.trigger.extractor == "events.lexicon"


def test_the_model_does_not_decide_who_took_a_town() -> None:
    # a model sure of the wrong side must still not overrule: the actors decide this pair
    sure = TypingModel(("Government regains territory", "Non-state actor overtakes territory"), (-5.0, 5.0), {})
    biased = Pipeline()
    biased.kb = dataclasses.replace(biased.kb, typing=sure)
    text = "Kurdish Peshmerga fighters captured nine villages south-east of Mosul on Monday."
    [mention] = biased.extract(make_article(text, dt.date(2016, 10, 18))).mentions
    assert mention.sub_event_type == "Government regains territory"
    assert mention.trigger.extractor == "events.lexicon"
