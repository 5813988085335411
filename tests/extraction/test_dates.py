"""Dates resolved against the publication date (Friday 21 October 2016 here)."""

import datetime as dt

import pytest

from sitreps.extraction.dates import Context, find_times

PUB = dt.date(2016, 10, 21)  # a Friday


def resolve(text: str, current: dt.date | None = None) -> list[tuple[dt.date, dt.date | None, int]]:
    ctx = Context(PUB, current)
    return [(r.start, r.end, r.precision) for r in find_times(text, 0, 0, ctx) if not r.historical]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Troops entered the town on Monday.", (dt.date(2016, 10, 17), None, 1)),
        ("Jets struck on Friday.", (PUB, None, 1)),  # the weekday of publication is that day
        ("The bomb went off yesterday.", (dt.date(2016, 10, 20), None, 1)),
        ("Fighting broke out two days ago.", (dt.date(2016, 10, 19), None, 1)),
        ("On October 17, the offensive began.", (dt.date(2016, 10, 17), None, 1)),
        ("On 17 October the offensive began.", (dt.date(2016, 10, 17), None, 1)),
        ("Clashes raged between October 17 and 19.", (dt.date(2016, 10, 17), dt.date(2016, 10, 19), 2)),
        ("Clashes raged on October 17-19.", (dt.date(2016, 10, 17), dt.date(2016, 10, 19), 2)),
        ("Hundreds fled in October.", (dt.date(2016, 10, 1), PUB, 3)),
        ("Troops advanced last week.", (dt.date(2016, 10, 14), PUB, 2)),
        # a sentence may open with its preposition (it went unread: the event fell on the article's day)
        ("In October, hundreds fled.", (dt.date(2016, 10, 1), PUB, 3)),
        ("During October the army advanced.", (dt.date(2016, 10, 1), PUB, 3)),
    ],
)
def test_expressions(text: str, expected: tuple) -> None:
    assert resolve(text)[0] == expected


@pytest.mark.parametrize("text, start, end", [
    ("In 2014, the group seized Mosul.", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
    ("In April, fighters were killed in the desert.", dt.date(2016, 4, 1), dt.date(2016, 4, 30)),
    ("Troops repelled incursions in the 1990s.", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
    ("In the early 1920s tribesmen rose up.", dt.date(1920, 1, 1), dt.date(1923, 12, 31)),
    ("In the late 1970s the war began.", dt.date(1976, 1, 1), dt.date(1979, 12, 31)),
    ("Imams led the resistance in the 19th century.", dt.date(1800, 1, 1), dt.date(1899, 12, 31)),
])
def test_years_decades_and_centuries_are_history(text: str, start: dt.date, end: dt.date) -> None:
    found = find_times(text, 0, 0, Context(PUB))
    assert [(r.start, r.end, r.precision, r.historical) for r in found] == [(start, end, 3, True)]


def test_may_the_verb_is_no_month() -> None:
    assert resolve("Militants may attack in may.") == []


def test_earlier_counts_back_from_the_date_just_told() -> None:
    # "two days earlier" is anchored on the running narrative date, not on publication
    assert resolve("Two days earlier, jets had struck the bridge.", dt.date(2016, 10, 18))[0][0] == dt.date(2016, 10, 16)


def test_month_day_without_year_is_never_after_publication() -> None:
    refs = find_times("The town fell on December 3.", 0, 0, Context(PUB))
    assert [r.start for r in refs] == [dt.date(2015, 12, 3)]


def test_background_history_is_marked_historical() -> None:
    refs = find_times("The group declared its caliphate in 2014.", 0, 0, Context(PUB))
    assert refs and all(r.historical for r in refs)


def test_range_over_days_ends_on_the_narrative_date() -> None:
    assert resolve("The battle lasted for three days.", dt.date(2016, 10, 20))[0] == (
        dt.date(2016, 10, 18), dt.date(2016, 10, 20), 2)


def test_spans_point_at_the_expression() -> None:
    text = "Police said the attack happened on Monday night."
    ref = find_times(text, 100, 3, Context(PUB))[0]
    assert text[ref.evidence.start - 100 : ref.evidence.end - 100] == ref.evidence.text == "on Monday"
    assert ref.evidence.sentence == 3


@pytest.mark.parametrize("text, expected", [
    # session 15: a weekday heading a full date is that date, not last Friday
    ("The market was bombed on Friday, 12 March 1993, at noon.", [(dt.date(1993, 3, 12), None, 1, True)]),
    ("The market was bombed on Friday, March 12, 1993, at noon.", [(dt.date(1993, 3, 12), None, 1, True)]),
    # a weekday in a day's name is no day
    ("Families gathered for Good Friday in Qaraqosh.", []),
    ("The day became known as Bloody Friday.", []),
    # "Month day, year" with its year (it went unread by the patterns)
    ("Gunmen attacked a checkpoint on July 21, 2016, killing three.", [(dt.date(2016, 7, 21), None, 1, False)]),
    ("On October 17, 2016 the offensive began.", [(dt.date(2016, 10, 17), None, 1, False)]),
])
def test_named_days_and_full_dates(text: str, expected: list) -> None:
    found = find_times(text, 0, 0, Context(PUB))
    assert [(r.start, r.end, r.precision, r.historical) for r in found] == expected


@pytest.mark.parametrize("text", ["On October 17, 100 people fled.", "On October 17, 2000 people fled."])
def test_a_count_after_a_day_is_no_year(text: str) -> None:
    # the day is read (it went unread when a number followed), the number is left to the counts
    found = find_times(text, 0, 0, Context(PUB))
    assert [(r.start, r.evidence.text) for r in found] == [(dt.date(2016, 10, 17), "October 17")]
