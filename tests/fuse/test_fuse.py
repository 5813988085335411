"""Fusion: when two mentions are one event, how an event's toll and claim status are
coded, the properties that make re-running safe, and that blocking keeps it fast."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import random
from collections import Counter

import pytest
from factories import DAY, PLACES, SUB_EVENTS, mention, source, sources_for
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import sitreps.fuse as fuse_mod
from sitreps.fuse import cluster, fuse, is_event, same_event
from sitreps.fuse.build import claim_status, fatalities
from sitreps.records import Claim, ClaimStatus, Evidence, Mention, Place, PlaceMention
from sitreps.settings import DEFAULT

NEXT = dt.timedelta(days=1)


def _fuse(*mentions: Mention, **changes: object) -> list:
    return fuse(mentions, sources_for(mentions), DEFAULT.replace(**changes))


# --- same_event: types -------------------------------------------------------------------------


def test_two_outlets_telling_one_clash_are_one_event() -> None:
    a = mention("m1", article="a1", raw="in Bartella")
    b = mention("m2", article="a2", raw="near Bartella", day=DAY + NEXT)
    assert same_event(a, b, DEFAULT) and same_event(b, a, DEFAULT)


def test_a_suicide_bombing_and_a_roadside_bombing_can_be_one_explosion() -> None:
    a = mention("m1", article="a1", sub="Suicide bomb", actor2="Civilians (Iraq)")
    b = mention("m2", article="a2", sub="Remote explosive/landmine/IED", actor2="Civilians (Iraq)")
    assert same_event(a, b, DEFAULT)


def test_a_clash_and_an_air_strike_are_never_one_event() -> None:
    a = mention("m1", article="a1", sub="Armed clash")
    b = mention("m2", article="a2", sub="Air/drone strike")
    assert not same_event(a, b, DEFAULT) and not same_event(b, a, DEFAULT)


def test_an_air_strike_and_shelling_are_two_events() -> None:
    a = mention("m1", article="a1", sub="Air/drone strike", actor1="Coalition", actor2="Islamic State")
    b = mention("m2", article="a2", sub="Shelling/artillery/missile attack", actor1="Coalition",
                actor2="Islamic State")
    assert not same_event(a, b, DEFAULT)


def test_outlets_may_call_one_battle_a_clash_or_a_recapture() -> None:
    a = mention("m1", article="a1", sub="Armed clash")
    b = mention("m2", article="a2", sub="Government regains territory",
                actor1="Military Forces of Iraq", actor2="Islamic State")
    assert same_event(a, b, DEFAULT)
    [event] = _fuse(a, b)
    assert event.sub_event_type == "Government regains territory"  # the specific reading wins


# --- same_event: dates -------------------------------------------------------------------------


@pytest.mark.parametrize("days, meet", [(0, True), (1, True), (2, False), (-1, True), (-2, False), (10, False)])
def test_dates_meet_within_fuse_days(days: int, meet: bool) -> None:
    a = mention("m1", article="a1")
    b = mention("m2", article="a2", day=DAY + dt.timedelta(days=days))
    assert same_event(a, b, DEFAULT) is meet


def test_fuse_days_widens_the_window() -> None:
    a = mention("m1", article="a1")
    b = mention("m2", article="a2", day=DAY + dt.timedelta(days=3))
    assert not same_event(a, b, DEFAULT)
    assert same_event(a, b, DEFAULT.replace(fuse_days=3))


def test_a_date_range_meets_a_day_near_its_end() -> None:
    spell = mention("m1", article="a1", until=DAY + dt.timedelta(days=4))
    assert same_event(spell, mention("m2", article="a2", day=DAY + dt.timedelta(days=5)), DEFAULT)
    assert not same_event(spell, mention("m3", article="a3", day=DAY + dt.timedelta(days=6)), DEFAULT)
    assert not same_event(spell, mention("m4", article="a4", day=DAY - dt.timedelta(days=2)), DEFAULT)


# --- same_event: places ------------------------------------------------------------------------


def _km(a: Place, b: Place) -> float:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(b.longitude - a.longitude) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def test_the_same_gazetteer_place_meets_however_it_is_written() -> None:
    a = mention("m1", article="a1", place="Mosul", raw="in eastern Mosul", geo_precision=2)
    b = mention("m2", article="a2", place="Mosul", raw="in Mosul")
    assert same_event(a, b, DEFAULT)


def test_nearby_towns_meet_within_fuse_km_and_not_beyond() -> None:
    distance = _km(PLACES["Bartella"], PLACES["Qaraqosh"])
    assert 5 < distance < 10  # the factory's towns are where this test needs them
    a = mention("m1", article="a1", place="Bartella", raw="in Bartella")
    b = mention("m2", article="a2", place="Qaraqosh", raw="in Qaraqosh")
    assert same_event(a, b, DEFAULT)
    assert not same_event(a, b, DEFAULT.replace(fuse_km=5.0))


def test_towns_far_apart_are_two_events() -> None:
    a = mention("m1", article="a1", place="Bartella", raw="in Bartella")
    b = mention("m2", article="a2", place="Qayyarah", raw="in Qayyarah")
    assert _km(PLACES["Bartella"], PLACES["Qayyarah"]) > 50
    assert not same_event(a, b, DEFAULT)


def test_one_report_naming_two_nearby_towns_tells_two_events() -> None:
    a = mention("m1", article="a1", place="Bartella", raw="in Bartella")
    b = mention("m2", article="a1", place="Qaraqosh", raw="in Qaraqosh", sentence_index=1, sentence_start=200)
    assert not same_event(a, b, DEFAULT)


def test_one_report_placing_its_story_vaguely_twice_in_one_province_tells_one_event() -> None:
    # "killed four soldiers near Kirkuk ... The soldiers were ambushed near Dibis": two
    # district-level places of one governorate, 50 km apart, in one report.
    lead = mention("m1", article="a1", place="Kirkuk", raw="near Kirkuk")
    dibis = dataclasses.replace(PLACES["Kirkuk"], name="Dibis", latitude=35.68083, longitude=43.90386,
                                feature="district", geo_precision=2, gazetteer_id="ucdp:dibis-district")
    told = mention("m2", article="a1", place="Kirkuk", raw="near Dibis", sentence_index=1, sentence_start=200)
    assert told.place is not None
    told = dataclasses.replace(told, place=dataclasses.replace(told.place, place=dibis))
    assert _km(PLACES["Kirkuk"], dibis) > 5 * DEFAULT.fuse_km
    assert same_event(lead, told, DEFAULT)
    other_report = dataclasses.replace(told, id="m3", article_id="a2")
    assert not same_event(lead, other_report, DEFAULT)  # across reports, the distance rules


def test_two_districts_of_one_city_stay_apart() -> None:
    a = mention("m1", article="a1", place="Mosul", raw="the Karama district of Mosul")
    b = mention("m2", article="a2", place="Mosul", raw="the Zahra district of Mosul")
    assert not same_event(a, b, DEFAULT)
    assert len(_fuse(a, b)) == 2


def test_two_named_neighbourhoods_stay_apart() -> None:
    a = mention("m1", article="a1", place="Karama", raw="in Karama")
    b = mention("m2", article="a2", place="Zahra", raw="in Zahra")
    assert _km(PLACES["Karama"], PLACES["Zahra"]) < DEFAULT.fuse_km
    assert not same_event(a, b, DEFAULT)


@pytest.mark.parametrize("other", ["Karama district of Mosul", "the Karama district of Mosul", "Mosul"])
def test_one_district_written_two_ways_is_one_place(other: str) -> None:
    a = mention("m1", article="a1", place="Mosul", raw="the Karama district of Mosul")
    b = mention("m2", article="a2", place="Mosul", raw=other)
    assert same_event(a, b, DEFAULT)


def test_a_province_level_report_meets_a_town_in_that_province() -> None:
    town = mention("m1", article="a1", place="Bartella", raw="in Bartella")
    region = mention("m2", article="a2", place="Nineveh", raw="in Nineveh province")
    assert region.place is not None and region.place.geo_precision == 3
    assert same_event(town, region, DEFAULT)
    elsewhere = mention("m3", article="a3", place="Kirkuk", raw="in Kirkuk")
    assert not same_event(elsewhere, region, DEFAULT)


def test_mentions_without_a_place_meet_within_their_article_or_on_the_same_toll() -> None:
    a = mention("m1", article="a1", place=None)
    assert same_event(a, mention("m2", article="a1", place=None, sentence_index=1), DEFAULT)
    assert not same_event(a, mention("m3", article="a2", place=None), DEFAULT)
    # "IS suicide bombers hit military compound, killing 8" and "...kill 8 in Haditha": one toll, one deed
    unplaced = mention("m4", article="a3", place=None, killed=8)
    assert same_event(unplaced, mention("m5", article="a4", place="Mosul", killed=8), DEFAULT)
    assert not same_event(unplaced, mention("m6", article="a5", place="Mosul", killed=25), DEFAULT)
    assert not same_event(mention("m7", article="a6", place=None), mention("m8", article="a7", place="Mosul"), DEFAULT)


def test_a_report_naming_only_the_country_meets_any_place_in_it() -> None:
    # the country's centroid is no place: "an attack in Iraq" may be the one in Mosul, 350 km from it
    iraq = Place("Iraq", 33.34, 44.40, "Iraq", "IRQ", "", "", "country", 3, "cc:IQ")
    syria = Place("Syria", 35.0, 38.0, "Syria", "SYR", "", "", "country", 3, "cc:SY")
    vague = mention("m1", article="a1", place="Mosul", raw="in Iraq")
    vague = dataclasses.replace(vague, place=dataclasses.replace(vague.place, place=iraq, geo_precision=3))
    assert same_event(vague, mention("m2", article="a2", place="Mosul"), DEFAULT)
    other = dataclasses.replace(vague, place=dataclasses.replace(vague.place, place=syria))
    assert not same_event(other, mention("m2", article="a2", place="Mosul"), DEFAULT)


# --- same_event: actors ------------------------------------------------------------------------


def test_actors_that_clash_stay_apart() -> None:
    a = mention("m1", article="a1", actor1="Islamic State", actor2="Military Forces of Iraq")
    b = mention("m2", article="a2", actor1="Peshmerga", actor2="Popular Mobilization Forces")
    assert not same_event(a, b, DEFAULT)


def test_one_shared_actor_is_enough() -> None:
    a = mention("m1", article="a1", actor1="Islamic State", actor2="Military Forces of Iraq")
    b = mention("m2", article="a2", actor1="Peshmerga", actor2="Islamic State")
    assert same_event(a, b, DEFAULT)


def test_two_reports_naming_one_side_each_may_tell_one_fight() -> None:
    # "IS attacked army positions" and "the army repelled an assault": the two sides of one dyad
    a = mention("m1", article="a1", actor1="Islamic State", actor2=None)
    b = mention("m2", article="a2", actor1="Military Forces of Iraq", actor2=None)
    assert same_event(a, b, DEFAULT)


def test_a_third_named_side_keeps_reports_apart() -> None:
    a = mention("m1", article="a1", actor1="Islamic State", actor2="Military Forces of Iraq")
    b = mention("m2", article="a2", actor1="Peshmerga", actor2=None)
    assert not same_event(a, b, DEFAULT)


def test_unidentified_gunmen_do_not_keep_a_report_apart() -> None:
    a = mention("m1", article="a1", sub="Attack", actor1="Islamic State", actor2="Civilians (Iraq)")
    b = mention("m2", article="a2", sub="Attack", actor1="Unidentified Armed Group (Iraq)", actor2="Civilians (Iraq)")
    assert same_event(a, b, DEFAULT)


# --- fatalities --------------------------------------------------------------------------------


def _three_tolls() -> list[Mention]:
    return [
        mention("m1", article="a1", killed=4),
        mention("m2", article="a2", killed=(7, 7, "at least"), day=DAY + NEXT),
        mention("m3", article="a3", killed=(5, 12, "range")),
    ]


def test_acled_policy_codes_the_lowest_credible_figure() -> None:
    [event] = _fuse(*_three_tolls(), fatality_policy="acled")
    assert (event.fatalities, event.fatalities_low, event.fatalities_best, event.fatalities_high) == (4, 4, 5, 12)
    assert len(event.sources) == 3


def test_ucdp_policy_codes_the_median_source_as_best() -> None:
    [event] = _fuse(*_three_tolls(), fatality_policy="ucdp")
    assert (event.fatalities, event.fatalities_low, event.fatalities_best, event.fatalities_high) == (5, 4, 5, 12)


def test_the_median_is_over_sources_not_mentions() -> None:
    group = [mention("m1", article="a1", killed=2), mention("m2", article="a2", killed=9),
             mention("m3", article="a2", killed=10, sentence_index=1), mention("m4", article="a3", killed=30)]
    # a2 tells the toll twice; its figure is the larger one, and counts once
    assert fatalities(group, "ucdp") == (10, 2, 10, 30)
    assert fatalities(group, "acled") == (2, 2, 10, 30)


def test_a_source_giving_no_toll_does_not_pull_the_figure_to_zero() -> None:
    group = [mention("m1", article="a1", killed=6), mention("m2", article="a2")]
    assert fatalities(group, "acled") == (6, 6, 6, 6)
    assert fatalities([mention("m3", article="a3")], "acled") == (0, 0, 0, 0)


def test_injuries_are_not_fatalities() -> None:
    [event] = _fuse(mention("m1", killed=3, injured=40))
    assert event.fatalities == 3 and event.fatalities_high == 3
    assert len(event.counts) == 2


# --- claim status ------------------------------------------------------------------------------


def _claims(*statuses: str) -> list[Claim]:
    ev = Evidence("claims.parse", 0, 5, "agent")
    return [Claim(f"speaker {i}", "said", s, ev, id=f"c{i}") for i, s in enumerate(statuses)]  # type: ignore[arg-type]


@pytest.mark.parametrize("statuses, expected", [
    ((), "reported"),
    (("reported",), "reported"),
    (("claimed",), "claimed"),
    (("claimed", "claimed"), "claimed"),
    (("claimed", "reported"), "reported"),
    (("claimed", "disputed"), "disputed"),
    (("reported", "denied", "disputed"), "denied"),
    (("denied", "contradicted", "claimed"), "contradicted"),
])
def test_claim_status_takes_the_strongest_disagreement(statuses: tuple[str, ...], expected: str) -> None:
    assert claim_status(_claims(*statuses)) == expected


def test_a_claim_and_a_denial_across_outlets_make_a_denied_event() -> None:
    a = mention("m1", article="a1", claim=("Islamic State", "claimed"), actor2="Peshmerga")
    b = mention("m2", article="a2", claim=("the Peshmerga command", "denied"), actor2="Peshmerga")
    c = mention("m3", article="a3", claim=("a local official", "reported"), actor2="Peshmerga")
    [event] = _fuse(a, b, c)
    assert event.claim_status == "denied"
    assert event.claimants == ("Islamic State", "the Peshmerga command")
    assert [cl.speaker for cl in event.claims] == ["Islamic State", "the Peshmerga command", "a local official"]


def test_an_event_only_one_party_speaks_of_is_claimed() -> None:
    [event] = _fuse(mention("m1", article="a1", claim=("Amaq", "claimed")),
                    mention("m2", article="a2", claim=("Amaq", "claimed"), day=DAY + NEXT))
    assert event.claim_status == "claimed" and event.claimants == ("Amaq",)


# --- whole-run behaviour -----------------------------------------------------------------------


def test_flagged_mentions_are_not_events() -> None:
    ms = [mention("m1", article="a1", flags=("hypothetical",)), mention("m2", article="a2", flags=("negated",)),
          mention("m3", article="a3", flags=("historical",), day=DAY - dt.timedelta(days=700))]
    assert not any(is_event(m) for m in ms)
    assert _fuse(*ms) == []


def test_fused_event_is_traceable_to_its_mentions_and_sources() -> None:
    a = mention("m1", article="a1", raw="in Bartella")
    b = mention("m2", article="a2", raw="near Bartella", day=DAY + NEXT, confidence=0.95)
    [event] = _fuse(b, a)
    assert event.mention_ids == ("m1", "m2")
    assert [s.article_id for s in event.sources] == ["a1", "a2"]
    assert event.event_date == DAY  # the more precise place leads
    assert event.location == "Bartella" and event.place is not None and event.place.iso3 == "IRQ"
    assert {a for a, _ in event.evidence} == {"a1", "a2"}
    assert event.id.startswith("IRQ") and len(event.id) == 11


def test_events_with_colliding_hashes_still_get_distinct_ids() -> None:
    """Ids are a hash of the first mention id cut to 8 digits: with thousands of events two
    will collide, and the database keys events by id."""
    ids = _colliding_mention_ids()
    a = mention(ids[0], article="a1", place="Bartella", raw="in Bartella")
    b = mention(ids[1], article="a2", place="Kirkuk", raw="in Kirkuk")
    events = _fuse(a, b)
    assert len(events) == 2
    assert len({e.id for e in events}) == 2
    assert _fuse(b, a) == events  # still independent of input order


def _colliding_mention_ids() -> tuple[str, str]:
    """Two mention ids whose events would get the same id (a birthday search)."""
    from sitreps.fuse.build import _event_id

    seen: dict[int, str] = {}
    for i in range(200_000):
        mid = f"m{i:015x}"
        digits = int(hashlib.sha256(mid.encode()).hexdigest()[:10], 16) % 10**8
        if digits in seen:
            first = seen[digits]
            assert _event_id([mention(first)], "IRQ") == _event_id([mention(mid)], "IRQ")
            return first, mid
        seen[digits] = mid
    raise AssertionError("no collision found")


# --- properties --------------------------------------------------------------------------------

_PLACES = (None, "Mosul", "Bartella", "Qaraqosh", "Karama", "Zahra", "Nineveh", "Kirkuk")
_RAWS = {"Mosul": (None, "the Karama district of Mosul", "the Zahra district of Mosul", "in eastern Mosul")}
_ACTORS = (None, "Islamic State", "Military Forces of Iraq", "Peshmerga", "Civilians (Iraq)",
           "Unidentified Armed Group (Iraq)")
_SUBS = ("Armed clash", "Government regains territory", "Suicide bomb", "Remote explosive/landmine/IED",
         "Air/drone strike", "Attack")
_CLAIMS: tuple[tuple[str, ClaimStatus] | None, ...] = (None, ("Islamic State", "claimed"), ("the army", "reported"), ("the army", "denied"),
           ("a police source", "disputed"), ("the ministry", "contradicted"))
_FLAGS = ((), (), (), (), ("hypothetical",), ("negated",), ("historical",))


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[Mention], dict]:
    """Mentions from a few articles, none dated after its article, some flagged."""
    published = draw(st.lists(st.integers(0, 8), min_size=1, max_size=5))
    n = draw(st.integers(1, 24))
    ids = draw(st.lists(st.text("0123456789abcdef", min_size=6, max_size=6), min_size=n, max_size=n, unique=True))
    mentions = []
    for i, mid in enumerate(ids):
        art = draw(st.integers(0, len(published) - 1))
        day = DAY + dt.timedelta(days=published[art] - draw(st.integers(0, 3)))
        span = draw(st.sampled_from((0, 0, 0, 1, 2)))
        until = day + dt.timedelta(days=span) if span and day + dt.timedelta(days=span) <= DAY + dt.timedelta(
            days=published[art]) else None
        place = draw(st.sampled_from(_PLACES))
        mentions.append(mention(
            f"m{mid}", article=f"a{art}", sub=draw(st.sampled_from(_SUBS)), day=day, until=until, place=place,
            raw=draw(st.sampled_from(_RAWS.get(place or "", (None,)))),
            actor1=draw(st.sampled_from(_ACTORS)), actor2=draw(st.sampled_from(_ACTORS)),
            killed=draw(st.sampled_from((None, 0, 2, 5, (3, 9, "range"), (10, 10, "at least")))),
            claim=draw(st.sampled_from(_CLAIMS)), flags=draw(st.sampled_from(_FLAGS)),
            confidence=draw(st.sampled_from((0.5, 0.7, 0.9))), sentence_index=i, sentence_start=200 * i))
    refs = {f"a{k}": source(f"a{k}", DAY + dt.timedelta(days=d)) for k, d in enumerate(published)}
    return mentions, refs


_PROPERTY = hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY
@given(batches(), st.randoms(use_true_random=False))
def test_fusing_does_not_depend_on_input_order(batch: tuple[list[Mention], dict], rnd: random.Random) -> None:
    mentions, refs = batch
    shuffled = list(mentions)
    rnd.shuffle(shuffled)
    first, second = fuse(mentions, refs, DEFAULT), fuse(shuffled, refs, DEFAULT)
    assert [(e.id, e.mention_ids) for e in first] == [(e.id, e.mention_ids) for e in second]
    assert first == second


@_PROPERTY
@given(batches())
def test_fusing_again_changes_nothing(batch: tuple[list[Mention], dict]) -> None:
    mentions, refs = batch
    events = fuse(mentions, refs, DEFAULT)
    fused_ids = {mid for e in events for mid in e.mention_ids}
    again = fuse([m for m in mentions if m.id in fused_ids], refs, DEFAULT)
    assert again == events


@_PROPERTY
@given(batches())
def test_every_event_mention_lands_in_exactly_one_event(batch: tuple[list[Mention], dict]) -> None:
    mentions, refs = batch
    placed = Counter(mid for e in fuse(mentions, refs, DEFAULT) for mid in e.mention_ids)
    for m in mentions:
        assert placed[m.id] == (1 if is_event(m) else 0), m.flags
    assert set(placed) <= {m.id for m in mentions}


@_PROPERTY
@given(batches())
def test_no_event_is_dated_after_its_latest_source(batch: tuple[list[Mention], dict]) -> None:
    mentions, refs = batch
    for e in fuse(mentions, refs, DEFAULT):
        latest = max(s.published for s in e.sources)
        assert e.event_date <= latest
        assert e.date_end is None or e.event_date <= e.date_end <= latest


@_PROPERTY
@given(batches())
def test_flagged_mentions_never_become_events(batch: tuple[list[Mention], dict]) -> None:
    mentions, refs = batch
    flagged = {m.id for m in mentions if set(m.flags) & {"hypothetical", "negated", "historical"}}
    events = fuse(mentions, refs, DEFAULT)
    assert not flagged & {mid for e in events for mid in e.mention_ids}
    assert all(e.fatalities_low <= e.fatalities_best <= e.fatalities_high for e in events)
    assert all(e.fatalities in (e.fatalities_low, e.fatalities_best) for e in events)


# --- scale -------------------------------------------------------------------------------------


def _synthetic(n: int, days: int, n_places: int, seed: int = 7) -> tuple[list[Mention], dict]:
    """n mentions of n/4 incidents over ``days`` days and ``n_places`` towns ~25 km apart, each
    incident told by several outlets, some a day late; built without the sentence writer for speed."""
    rnd = random.Random(seed)
    towns = [Place(f"Town {i}", 35.0 + (i // 10) * 0.25, 42.0 + (i % 10) * 0.25, "Iraq", "IRQ",
                   f"Province {i // 10}", "", "town", 1, f"gn:{1000 + i}") for i in range(n_places)]
    subs = ("Armed clash", "Air/drone strike", "Remote explosive/landmine/IED", "Attack",
            "Shelling/artillery/missile attack")
    incidents = [(rnd.choice(towns), rnd.choice(subs), rnd.randrange(days)) for _ in range(n // 4)]
    template = mention("m-template", killed=3, claim=("the army", "claimed"))
    assert template.place is not None and template.time is not None
    mentions = []
    for i in range(n):
        town, sub, day = rnd.choice(incidents)
        when = DAY + dt.timedelta(days=day + rnd.choice((0, 0, 0, 1)))
        mentions.append(dataclasses.replace(
            template, id=f"m{i:05d}", article_id=f"a{rnd.randrange(n)}", event_type=SUB_EVENTS[sub][0],
            sub_event_type=sub, place=PlaceMention(town, f"in {town.name}", template.place.evidence, 1),
            time=dataclasses.replace(template.time, start=when), confidence=rnd.choice((0.6, 0.8, 0.9))))
    return mentions, sources_for(mentions)


def test_ten_thousand_mentions_are_blocked_not_compared_pairwise(monkeypatch: pytest.MonkeyPatch) -> None:
    # the time it takes is measured by benchmarks/bench_fusion.py, not asserted here
    mentions, refs = _synthetic(10_000, days=60, n_places=50)
    calls = [0]
    real = fuse_mod.same_event

    def counting(a: Mention, b: Mention, settings: object) -> bool:
        calls[0] += 1
        return real(a, b, settings)  # type: ignore[arg-type]

    events = fuse(mentions, refs, DEFAULT)
    assert sum(len(e.mention_ids) for e in events) == len(mentions)
    assert len(events) < len(mentions) // 2  # outlets telling one incident were merged
    assert len({e.id for e in events}) == len(events)

    monkeypatch.setattr(fuse_mod, "same_event", counting)
    cluster(mentions, DEFAULT)
    all_pairs = len(mentions) * (len(mentions) - 1) // 2
    print(f"{calls[0]} comparisons, {calls[0] / all_pairs:.2%} of all pairs")
    assert calls[0] < all_pairs / 20


def test_one_unit_named_three_ways_is_one_associated_actor() -> None:
    # "special forces", "Special forces" and "Iraqi special forces" in three reports are one unit
    group = [mention(f"m{i}", article=f"a{i}", unit=unit) for i, unit in
             enumerate(["special forces", "Special forces", "Iraqi special forces"])]
    [event] = _fuse(*group)
    assert event.assoc_actor_1 == ("Iraqi special forces",)
