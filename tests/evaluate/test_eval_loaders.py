"""Each loader on the hand-written fixture folder (see eval_fixtures.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import mention

from sitreps.evaluate import case, gtd, ucdp, wikievents


def test_case_halves_are_even_and_odd_ids(data_dir: Path) -> None:
    snippets = case.load(data_dir / case.FILE)
    assert [(s.id, s.split) for s in snippets] == [(1, "test"), (2, "dev"), (3, "test"), (4, "dev"), (5, "test"),
                                                   (6, "dev")]
    assert snippets[1].gold == "ARMED_CLASH" and snippets[4].gold == "NATURAL_DISASTER"
    assert len(case.ACLED_TO_CASE) == 25 and not case.ACLED_LABELS & case.UNSEEN_LABELS


def test_case_confusions_are_counted_and_ordered() -> None:
    gold = ["A", "A", "B", "B", "B", "C"]
    pred = ["B", "B", "A", "NONE", "B", "A"]
    assert case.confusions(gold, pred, top=2) == [("A", "B", 2), ("B", "A", 1)]


def test_ucdp_sources_split_on_semicolons_not_followed_by_a_space(data_dir: Path) -> None:
    events = ucdp.load(data_dir / ucdp.FILE)
    first, second = events
    assert [h.text for h in first.headlines] == ["Iraqi troops clash with IS near Bartella; 5 killed",
                                                 "Fighting near Bartella kills five"]
    assert [h.published for h in first.headlines] == [dt.date(2016, 3, 8), dt.date(2016, 3, 9)]
    assert (first.split, second.split) == ("dev", "test")
    assert (first.side_a, first.side_b, first.latitude) == ("Government of Iraq", "IS", 36.35369)


def test_ucdp_side_mapping() -> None:
    names = {"Military Forces of Iraq (Kurdistan Regional Government)", "Islamic State"}
    assert ucdp.side_found("Government of Iraq", names) and ucdp.side_found("IS", names)
    assert not ucdp.side_found("Civilians", names) and not ucdp.side_found("KDPI", names)
    assert ucdp.side_found("Civilians", {"Civilians (Iraq)"})
    assert ucdp.side_found("Government of United States of America", {"Coalition Forces (Operation Inherent Resolve)"})


def test_ucdp_unequal_lists_pair_in_order() -> None:
    pairs = ucdp.split_sources("One;Two;Three", "2016-01-02;2016-01-03")
    assert [(h.text, h.published.day) for h in pairs] == [("One", 2), ("Two", 3), ("Three", 3)]


def test_gtd_halves_and_missing_values(data_dir: Path) -> None:
    rows = gtd.load(data_dir / gtd.FILE)
    assert [r.split for r in rows] == ["dev", "dev", "test"]
    assert (rows[0].killed, rows[0].wounded, rows[0].latitude) == (2, 6, 35.46806)
    assert rows[1].killed is None and rows[1].latitude is None and rows[1].wounded == 0


def test_wikievents_offsets_are_recomputed_in_our_text(data_dir: Path) -> None:
    doc = wikievents.load(data_dir / wikievents.FILES["dev"])[0]
    assert doc.text.split("\n")[1].startswith("Four soldiers")
    assert [e.event_type for e in doc.events] == ["Conflict.Attack.Unspecified", "Life.Die.Unspecified"]
    attack, death = doc.events
    assert doc.text[attack.trigger.start:attack.trigger.end] == "attacked"
    assert doc.text[death.trigger.start:death.trigger.end] == "killed"
    assert death.sentence == doc.sentences[1]
    assert [a.text for a in attack.places] == ["Bartella"] and [a.text for a in attack.attackers] == [
        "Islamic State militants"]
    assert doc.text[attack.places[0].start:attack.places[0].end] == "Bartella"
    assert wikievents.to_article(doc).text == doc.text


def test_wikievents_text_matching() -> None:
    assert wikievents.norm("The Karama district") == wikievents.norm("karama-district")
    assert wikievents.words("the attackers") == {"attackers"}


def _event(where: str, prec: int = 1) -> ucdp.UcdpEvent:
    day = dt.date(2016, 3, 1)
    return ucdp.UcdpEvent("1", day, day, "IS", "Civilians", 34.0, 42.0, (), where, prec)


@pytest.mark.parametrize("where, headline, named", [
    ("Hīt town", "Iraqi forces enter IS-held Hit", True),  # diacritics and the feature word dropped
    ("Al Qayyārah town", "Troops push north of Qayara", True),  # a transliteration variant
    ("Al Fallūjah town", "Fighting in al-Fallujah", True),  # the article written by the headline
    ("Ḩillah town", "Bomb kills 20 south of Baghdad", False),  # UCDP coded another place than the headline names
    ("Hīt town", "White House hit by criticism", True),  # a word match, whatever it means there
    ("Al Anbār province", "Fighting in Anbar province", False),  # not located at a point
    ("Mosul town", "Iraqi forces advance on Mosul", True),
])
def test_ucdp_headline_names_the_event_place(where: str, headline: str, named: bool) -> None:
    prec = 4 if "province" in where else 1
    assert ucdp.names_place(_event(where, prec), headline) is named


def test_wikievents_recall_with_history_counts_only_mentions_flagged_as_history(data_dir: Path) -> None:
    # the fixture's gold attack sits in the sentence that starts at character 0; a mention there
    # flagged only as history is found in the second recall only, a hypothetical one in neither
    doc = wikievents.load(data_dir / wikievents.FILES["dev"])[0]
    first = doc.events[0].sentence

    def tally_with(flags: tuple[str, ...]) -> wikievents.Tally:
        m = mention(sentence_start=first.start, flags=flags)
        return wikievents.tally([doc], {doc.id: [m]})

    past = tally_with(("historical",))
    assert past.gold["Conflict.Attack"].hit == 0 and past.with_history.hit >= 1
    assert tally_with(("historical", "hypothetical")).with_history.hit == 0
    now = tally_with(())
    assert now.with_history.hit == sum(r.hit for r in now.gold.values()) >= 1
