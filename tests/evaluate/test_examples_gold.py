"""The bundled example reports against their answer key: the numbers the README
and docs quote must hold, and fusion must keep its pairwise precision (several
outlets' reports of one event become one event; different events stay apart)."""

from sitreps.evaluate.examples import evaluate_examples
from sitreps.pipeline import Pipeline


def test_examples_against_their_answer_key(pipeline: Pipeline) -> None:
    scores = evaluate_examples(pipeline)
    assert scores.gold_events >= 30
    assert scores.recall >= 0.85, scores
    assert scores.precision >= 0.65, scores
    assert scores.sub_type_correct / scores.found >= 0.9, scores
    assert scores.place_within_25km / scores.found >= 0.95, scores
    assert scores.tolls_correct / scores.tolls_checked >= 0.75, scores


def test_fusion_merges_reports_of_one_event_and_nothing_else(pipeline: Pipeline) -> None:
    scores = evaluate_examples(pipeline)
    assert scores.pair_precision >= 0.9, scores
    assert scores.pair_recall >= 0.6, scores
