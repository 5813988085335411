"""Records to JSON and back: what the database and the JSONL outputs rely on."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from factories import DAY, event, mention

from sitreps.codec import decode, encode
from sitreps.records import Article, Claim, Event, Mention, Place, Problem


def _through_json(value: object) -> object:
    return json.loads(json.dumps(encode(value)))


def test_a_full_mention_survives_a_round_trip_through_json() -> None:
    m = mention("m-full", killed=(3, 9, "range"), injured=5, claim=("the army", "claimed"), unit="9th Division",
                until=DAY + dt.timedelta(days=2), flags=("historical",), confidence=0.925, sentence_start=120)
    back = decode(Mention, _through_json(m))
    assert back == m
    assert back.assoc_actor_1 and isinstance(back.assoc_actor_1, tuple)
    assert isinstance(back.counts, tuple) and len(back.counts) == 2
    assert back.time is not None and back.time.end == DAY + dt.timedelta(days=2)
    assert type(back.time.start) is dt.date
    assert back.flags == ("historical",)


def test_a_bare_mention_keeps_its_none_fields() -> None:
    m = mention("m-bare", place=None, actor1=None, actor2=None)
    data = encode(m)
    assert data["place"] is None and data["actor1"] is None and data["claim"] is None
    assert data["counts"] == [] and data["assoc_actor_1"] == []
    assert decode(Mention, _through_json(m)) == m


def test_encode_writes_dates_as_iso_strings_and_tuples_as_lists() -> None:
    data = encode(mention(until=DAY + dt.timedelta(days=1)))
    assert data["time"]["start"] == "2016-10-17"
    assert data["time"]["end"] == "2016-10-18"
    assert data["flags"] == []
    json.dumps(data)  # nothing left that JSON cannot write


def test_an_event_survives_a_round_trip_through_json() -> None:
    e = event(until=DAY + dt.timedelta(days=3), status="disputed")
    back = decode(Event, _through_json(e))
    assert back == e
    assert isinstance(back.evidence[0], tuple) and back.evidence[0][0] == e.evidence[0][0]
    assert back.sources[1].published == dt.date(2016, 10, 19)
    assert back.claims[0].conflicts_with == ()


def test_an_event_without_place_or_end_date_survives() -> None:
    e = dataclasses.replace(event(place=None), date_end=None, assoc_actor_1=(), tags=())
    back = decode(Event, _through_json(e))
    assert back == e and back.place is None and back.date_end is None


def test_conflicting_claims_keep_their_links() -> None:
    told = mention(claim=("the army", "contradicted")).claim
    assert told is not None
    claim = dataclasses.replace(told, conflicts_with=("a1:c0", "a2:c3"))
    back = decode(Claim, _through_json(claim))
    assert back == claim and back.conflicts_with == ("a1:c0", "a2:c3")


def test_whole_number_coordinates_come_back_as_floats() -> None:
    back = decode(Place, json.loads('{"name": "Rutba", "latitude": 33, "longitude": 40}'))
    assert isinstance(back.latitude, float) and back.latitude == 33.0


def test_a_datetime_string_decodes_to_its_day() -> None:
    data = encode(Article("a1", "text", DAY, "Tigris Wire"))
    data["published"] = "2016-10-17T18:40:00Z"
    assert decode(Article, data).published == DAY


def test_fields_missing_from_older_records_take_their_defaults() -> None:
    data = encode(Problem("x.txt", "empty file"))
    del data["fatal_for_article"]
    assert decode(Problem, data) == Problem("x.txt", "empty file", True)
