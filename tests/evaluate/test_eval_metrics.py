"""The hand-written F1, distances and the choice of the mention that speaks for an article."""

from __future__ import annotations

import dataclasses

import pytest
from factories import mention

from sitreps.evaluate.case import predict
from sitreps.evaluate.gtd import wounded
from sitreps.evaluate.metrics import Ratio, class_scores, km, macro_f1, top_mention, weighted_f1
from sitreps.evaluate.report import fmt

GOLD = ["A", "A", "A", "B", "B", "C"]
PRED = ["A", "A", "B", "B", "NONE", "A"]


def test_f1_on_a_hand_example() -> None:
    # A: support 3, predicted 3 (items 0, 1, 5), correct 2 -> P = R = 2/3, F1 = 2/3
    # B: support 2, predicted 2 (items 2, 3), correct 1   -> P = R = 1/2, F1 = 1/2
    # C: support 1, never predicted                      -> F1 = 0;  NONE is not a gold label: no slot
    scores = {s.label: s for s in class_scores(GOLD, PRED)}
    assert set(scores) == {"A", "B", "C"}
    assert (scores["A"].support, scores["A"].predicted, scores["A"].correct) == (3, 3, 2)
    assert scores["A"].f1 == pytest.approx(2 / 3)
    assert scores["B"].f1 == pytest.approx(0.5)
    assert scores["C"].f1 == 0.0
    assert weighted_f1(GOLD, PRED) == pytest.approx((3 * 2 / 3 + 2 * 0.5 + 1 * 0) / 6)  # 0.5
    assert macro_f1(GOLD, PRED) == pytest.approx((2 / 3 + 0.5 + 0) / 3)  # 7/18


def test_f1_edge_cases() -> None:
    assert weighted_f1(["A", "B"], ["A", "B"]) == 1.0
    assert macro_f1([], []) == 0.0
    with pytest.raises(ValueError):
        class_scores(["A"], [])


def test_km_and_ratio_format() -> None:
    assert km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.19, abs=0.01)
    assert km(36.335, 43.11889, 36.335, 43.11889) == 0.0
    assert fmt(Ratio(3, 4)) == "0.750 (3/4)"
    assert fmt(Ratio(0, 0)) == "– (0/0)"
    assert fmt(0.5) == "0.500" and fmt(7) == "7" and fmt(None) == "–"


def test_the_top_mention_is_the_most_confident_event_then_the_earliest() -> None:
    early = mention("m1", sub="Armed clash", confidence=0.7)
    late = dataclasses.replace(mention("m2", sub="Air/drone strike", confidence=0.7),
                               trigger=dataclasses.replace(early.trigger, start=early.trigger.start + 50))
    negated = mention("m3", sub="Attack", confidence=0.99, flags=("negated",))
    assert top_mention([late, negated, early]) is early
    assert predict([late, negated, early]) == "ARMED_CLASH"
    assert predict([mention("m4", sub="Air/drone strike", confidence=0.9), early]) == "AIR_STRIKE"
    # a snippet whose only event is negated or threatened is still about that kind of event
    assert predict([negated]) == "ATTACK" and predict([]) == "NONE"


def test_wounded_is_the_largest_total_one_mention_states() -> None:
    assert wounded([mention("m1", injured=4), mention("m2", injured=6), mention("m3")]) == 6
    assert wounded([]) == 0
