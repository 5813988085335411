"""The event lexicon: its patterns load, and a pattern that can never match is refused."""

import pytest

from sitreps.errors import KnowledgeError
from sitreps.knowledge.lexicon import Lexicon, _compile


def test_a_pattern_ending_in_a_space_is_refused() -> None:
    # the whole-word guard after every pattern makes a trailing space unmatchable
    with pytest.raises(KnowledgeError, match="lexicon:Test: pattern ends in a space and can never match: 'formed a '"):
        _compile(["formed a "], "lexicon:Test")


@pytest.mark.parametrize("pattern", ['"quoted" attack', "(?:'s)? killed", " shelling"])
def test_a_pattern_starting_on_punctuation_or_space_is_refused(pattern: str) -> None:
    # the guard's leading word boundary could never hold before such a start
    with pytest.raises(KnowledgeError, match=r"lexicon:Test: pattern must start with a letter, a digit, a group or a class: "):
        _compile([pattern], "lexicon:Test")


@pytest.mark.parametrize("pattern", ["(?i:captur(?:ed|es) )[A-Z]\\w+", "(toxic|poison) gas", "\\d+ rockets", "[Ss]helled"])
def test_patterns_starting_on_a_word_or_a_group_load(pattern: str) -> None:
    assert _compile([pattern], "lexicon:Test").pattern.startswith("\\b")


def test_a_trigger_is_a_whole_word_even_after_a_hyphen() -> None:
    regex = _compile(["shelling"], "lexicon:Test")
    assert [m.group(0) for m in regex.finditer("shelling, re-shelling and shellings; Shelling")] == ["shelling", "Shelling"]


def test_a_wire_tag_run_into_a_headline_does_not_hide_its_trigger() -> None:
    regex = _compile(["bombs?"], "lexicon:Test")
    found = [m.group(0) for m in regex.finditer("UPDATE 2-Bomb in Baghdad; RPT-Bombs hit Kirkuk; an anti-bomb unit")]
    assert found == ["Bomb", "Bombs"]


def test_a_capitalised_name_after_a_verb_is_matched_whole() -> None:
    lexicon = Lexicon.load()
    found = [(t.rule.sub, t.text) for t in lexicon.triggers("Islamic State fighters seized Palmyra on Wednesday.")]
    assert ("TERRITORY", "seized Palmyra") in found


def test_the_shipped_lexicon_covers_the_acled_sub_types_rules_can_name() -> None:
    lexicon = Lexicon.load()
    subs = {rule.sub for rule in lexicon.rules} - {"TERRITORY", "ASSAULT", "CASUALTIES"}
    # 25 less the two territory types (TERRITORY, decided by actor) and "Other" (the model's only)
    assert len(subs) == 22 and "Other" not in subs
