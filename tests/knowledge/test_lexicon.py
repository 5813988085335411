"""The event lexicon: its patterns load, and a pattern that can never match is refused."""

import pytest

from sitreps.errors import KnowledgeError
from sitreps.knowledge.lexicon import Lexicon, _compile


def test_a_pattern_ending_in_a_space_is_refused() -> None:
    # the whole-word guard after every pattern makes a trailing space unmatchable
    with pytest.raises(KnowledgeError, match="lexicon:Test: pattern ends in a space and can never match: 'formed a '"):
        _compile(["formed a "], "lexicon:Test")


def test_a_capitalised_name_after_a_verb_is_matched_whole() -> None:
    lexicon = Lexicon.load()
    found = [(t.rule.sub, t.text) for t in lexicon.triggers("Islamic State fighters seized Palmyra on Wednesday.")]
    assert ("TERRITORY", "seized Palmyra") in found


def test_the_shipped_lexicon_covers_the_acled_sub_types_rules_can_name() -> None:
    lexicon = Lexicon.load()
    subs = {rule.sub for rule in lexicon.rules} - {"TERRITORY", "ASSAULT", "CASUALTIES"}
    # 25 less the two territory types (TERRITORY, decided by actor) and "Other" (the model's only)
    assert len(subs) == 22 and "Other" not in subs
