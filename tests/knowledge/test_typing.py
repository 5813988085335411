"""The sub-event type model: features, probabilities, and the shipped weights."""

import math

import numpy as np
import pytest

from sitreps.knowledge.typing import NO_EVENT, NUMBER, Token, TypingModel, VectorHead, features
from sitreps.pipeline import Pipeline


def test_features_are_content_lemmas_and_neighbour_pairs() -> None:
    tokens = [Token("police", False), Token("fire", False), Token("tear", False), Token("gas", False),
              Token("at", True), Token("3", like_num=True), Token("marcher", False), Token(".", is_punct=True)]
    feats = features(tokens)
    assert feats[:5] == ["police", "fire", "tear", "gas", NUMBER]
    assert "tear_gas" in feats and "at_#num" in feats
    assert "at" not in feats  # stop words only inside pairs
    assert not any("." in f for f in feats)


def test_probabilities_sum_to_one_and_follow_the_weights() -> None:
    model = TypingModel(("A", "B"), (0.0, 0.0), {"bomb": (2.0, -2.0)})
    probs = model.probabilities(["bomb", "unknown"])
    assert math.isclose(sum(probs.values()), 1.0)
    assert probs["A"] > 0.95
    assert model.probabilities([]) == {"A": 0.5, "B": 0.5}


def test_with_a_vector_both_heads_vote_as_a_product_of_experts() -> None:
    # words say A at 0.8; the vector head says B at 0.8: equal votes cancel out
    head = VectorHead("test", np.array([[0.0, math.log(4.0)]]), np.zeros(2))
    model = TypingModel(("A", "B"), (math.log(4.0), 0.0), {}, head)
    assert model.probabilities([], np.array([1.0])) == pytest.approx({"A": 0.5, "B": 0.5})
    # the vector alone moves the answer; without a vector the words decide alone
    sure = model.probabilities([], np.array([3.0]))
    expected_b = math.sqrt(0.2 * 64 / 65) / (math.sqrt(0.8 * 1 / 65) + math.sqrt(0.2 * 64 / 65))
    assert sure["B"] == pytest.approx(expected_b)
    assert model.probabilities([]) == pytest.approx({"A": 0.8, "B": 0.2})


def test_a_model_file_without_a_vector_head_ignores_vectors() -> None:
    model = TypingModel.from_json({"labels": ["A", "B"], "bias": [0.0, 0.0], "weights": {"bomb": [2.0, 0.0]}})
    assert model.head is None
    assert model.probabilities(["bomb"], np.ones(3)) == model.probabilities(["bomb"])


def test_a_feature_counts_once() -> None:
    model = TypingModel(("A", "B"), (0.0, 0.0), {"bomb": (1.0, 0.0)})
    assert model.probabilities(["bomb", "bomb"]) == model.probabilities(["bomb"])


def test_the_shipped_model_knows_every_acled_sub_type_and_no_event(pipeline: Pipeline) -> None:
    model = TypingModel.load()
    assert len(model.labels) == 26 and NO_EVENT in model.labels
    doc = pipeline.nlp("Police fired tear gas to disperse hundreds of students marching to parliament.")
    probs = model.probabilities(features([Token(t.lemma_, t.is_stop, t.is_punct, t.like_num) for t in doc]))
    assert max(probs, key=lambda k: probs[k]) == "Protest with intervention"


def test_the_shipped_model_reads_no_event_in_a_non_event_sentence(pipeline: Pipeline) -> None:
    model = TypingModel.load()
    doc = pipeline.nlp("The finance minister presented the budget to parliament on Tuesday.")
    probs = model.probabilities(features([Token(t.lemma_, t.is_stop, t.is_punct, t.like_num) for t in doc]))
    assert max(probs, key=lambda k: probs[k]) == NO_EVENT
