"""The output files: ACLED-style CSV, our JSONL, GeoJSON, Parquet and the ledgers."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest
from factories import DAY, event, mention

from sitreps.codec import decode
from sitreps.export import write_all
from sitreps.export.rows import acled_row
from sitreps.records import CLAIM_STATUSES, Event, Mention

# The column list of the issue, in ACLED's order.
ACLED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
         "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
         "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
         "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
JSONL_KEYS = {"event_id", "event_date", "date_end", "time_precision", "event_type", "sub_event_type", "actor1",
              "actor2", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2", "country", "iso3", "admin1", "admin2",
              "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_high",
              "sources", "claim_status", "claimants", "evidence", "notes"}
OUTPUTS = ("events.jsonl", "events.csv", "events.geojson", "events.parquet", "mentions.jsonl", "claims.jsonl",
           "report.html")


def _events() -> list[Event]:
    return [
        event("IRQ10000001"),
        event("IRQ10000002", sub="Suicide bomb", actor2="Civilians (Iraq)", place="Karama", killed=(12, 12, 15),
              status="reported", day=DAY + dt.timedelta(days=1)),
        event("IRQ10000003", sub="Air/drone strike", actor1="Coalition", actor2="Islamic State", place="Qayyarah",
              killed=(0, 0, 0), status="denied", until=DAY + dt.timedelta(days=2)),
        event("IRQ10000004", sub="Peaceful protest", actor1="Protesters (Iraq)", actor2=None, place="Kirkuk",
              killed=(0, 0, 0), status="reported", outlets=("Tigris Wire",), assoc=()),
        event("XXX10000005", sub="Attack", actor1="Unidentified Armed Group (Iraq)", actor2="Civilians (Iraq)",
              place=None, killed=(2, 2, 2), status="disputed"),
    ]


def _mentions() -> list[Mention]:
    return [mention("m1", killed=4, claim=("the army", "claimed")), mention("m2", place=None, flags=("negated",))]


@pytest.fixture
def written(tmp_path: Path) -> tuple[Path, list[Event]]:
    events = _events()
    paths = write_all(tmp_path / "out", events, _mentions(), {"a-IRQ10000001-0": "Some article text."})
    assert set(OUTPUTS) <= set(paths)
    for name in OUTPUTS:
        assert paths[name] == tmp_path / "out" / name and paths[name].is_file()
    return tmp_path / "out", events


def _csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_csv_has_exactly_the_acled_columns(written: tuple[Path, list[Event]]) -> None:
    out, events = written
    header, rows = _csv(out / "events.csv")
    assert header == ACLED
    assert [r["event_id_cnty"] for r in rows] == [e.id for e in events]


def test_csv_rows_follow_acled_conventions(written: tuple[Path, list[Event]]) -> None:
    out, _ = written
    rows = {r["event_id_cnty"]: r for r in _csv(out / "events.csv")[1]}
    clash = rows["IRQ10000001"]
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == ("2", "1", "12")
    assert (clash["event_date"], clash["year"], clash["iso"], clash["region"], clash["country"]) == (
        "2016-10-17", "2016", "368", "Middle East", "Iraq")
    assert clash["disorder_type"] == "Political violence" and clash["civilian_targeting"] == ""
    assert clash["source"] == "Northern Desk; Tigris Wire" and clash["fatalities"] == "4"
    assert clash["latitude"] == "36.3537" and clash["longitude"] == "43.3813"
    assert clash["assoc_actor_1"] == "9th Division"
    # the timestamp is the day the latest source came out, at midnight UTC
    assert int(clash["timestamp"]) == int(dt.datetime(2016, 10, 19, tzinfo=dt.UTC).timestamp())
    bombing = rows["IRQ10000002"]
    assert (bombing["interaction"], bombing["civilian_targeting"]) == ("27", "Civilian targeting")
    assert rows["IRQ10000003"]["interaction"] == "28"
    protest = rows["IRQ10000004"]
    assert (protest["interaction"], protest["disorder_type"], protest["actor2"]) == ("60", "Demonstrations", "")
    nowhere = rows["XXX10000005"]
    assert (nowhere["latitude"], nowhere["country"], nowhere["iso"], nowhere["geo_precision"]) == ("", "", "", "3")
    assert nowhere["civilian_targeting"] == "Civilian targeting" and nowhere["interaction"] == "37"


@pytest.mark.parametrize("inter1, inter2, expected", [(1, 2, 12), (2, 1, 12), (1, 1, 11), (2, 7, 27), (8, 2, 28),
                                                       (6, 0, 60), (3, 7, 37)])
def test_interaction_code_pairs_the_actor_types(inter1: int, inter2: int, expected: int) -> None:
    assert acled_row(dataclasses.replace(event(), inter1=inter1, inter2=inter2))["interaction"] == expected


def test_civilian_targeting_needs_civilians_as_the_target() -> None:
    attack = event(sub="Attack", actor1="Islamic State", actor2="Civilians (Iraq)")
    assert acled_row(attack)["civilian_targeting"] == "Civilian targeting"
    assert acled_row(dataclasses.replace(attack, inter2=1))["civilian_targeting"] == ""
    clash = event(sub="Armed clash", actor2="Civilians (Iraq)")  # civilians caught in a battle are not its target
    assert acled_row(clash)["civilian_targeting"] == ""


def test_jsonl_lines_have_every_documented_key(written: tuple[Path, list[Event]]) -> None:
    out, events = written
    lines = [json.loads(line) for line in (out / "events.jsonl").read_text("utf-8").splitlines()]
    assert [row["event_id"] for row in lines] == [e.id for e in events]
    for row, e in zip(lines, events):
        assert JSONL_KEYS <= set(row), JSONL_KEYS - set(row)
        assert row["claim_status"] in CLAIM_STATUSES and row["claim_status"] == e.claim_status
        assert row["sources"] and all(set(s) >= {"article_id", "source", "published", "url", "title"}
                                      for s in row["sources"])
        assert row["evidence"] and all(set(ev) >= {"article_id", "start", "end", "text"} for ev in row["evidence"])
        assert isinstance(row["claimants"], list)
        assert row["fatalities_low"] <= row["fatalities"] <= row["fatalities_high"]
        dt.date.fromisoformat(row["event_date"])
    assert lines[2]["date_end"] == "2016-10-19" and lines[0]["date_end"] is None
    assert lines[4]["latitude"] is None and lines[4]["country"] == ""
    assert lines[0]["sources"][0] == {"article_id": "a-IRQ10000001-0", "source": "Tigris Wire",
                                      "published": "2016-10-18", "url": "https://example.org/tigris-wire/a-IRQ10000001-0",
                                      "title": "Fighting near Mosul (a-IRQ10000001-0)"}


def test_evidence_in_jsonl_points_into_the_sentence(written: tuple[Path, list[Event]]) -> None:
    out, events = written
    row = json.loads((out / "events.jsonl").read_text("utf-8").splitlines()[0])
    [ev] = row["evidence"]
    assert ev["text"] == events[0].evidence[0][1].text and ev["end"] - ev["start"] == len(ev["text"])


def test_geojson_is_a_feature_collection_of_points(written: tuple[Path, list[Event]]) -> None:
    out, events = written
    data = json.loads((out / "events.geojson").read_text("utf-8"))
    assert data["type"] == "FeatureCollection"
    placed = [e for e in events if e.place is not None]
    assert [f["id"] for f in data["features"]] == [e.id for e in placed]
    for feature, e in zip(data["features"], placed):
        assert feature["type"] == "Feature" and e.place is not None
        assert feature["geometry"] == {"type": "Point", "coordinates": [e.place.longitude, e.place.latitude]}
        assert feature["properties"]["event_id"] == e.id and "latitude" not in feature["properties"]


def test_parquet_reads_back_with_every_event(written: tuple[Path, list[Event]]) -> None:
    out, events = written
    con = duckdb.connect()
    rows = con.execute("SELECT event_id, fatalities, event_date FROM read_parquet(?) ORDER BY event_date, event_id",
                       [str(out / "events.parquet")]).fetchall()
    con.close()
    assert len(rows) == len(events)
    assert sorted(r[0] for r in rows) == sorted(e.id for e in events)
    assert {r[0]: r[1] for r in rows}["IRQ10000002"] == 12


def test_the_ledgers_parse(written: tuple[Path, list[Event]]) -> None:
    out, events = written
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text("utf-8").splitlines()]
    assert [c["event_id"] for c in claims] == [e.id for e in events]
    assert all(c["status"] in CLAIM_STATUSES and c["speaker"] == "the army" for c in claims)
    mentions = [decode(Mention, json.loads(line)) for line in (out / "mentions.jsonl").read_text("utf-8").splitlines()]
    assert mentions == _mentions()


def test_an_empty_event_list_still_writes_valid_files(tmp_path: Path) -> None:
    out = tmp_path / "empty"
    write_all(out, [], [])
    assert _csv(out / "events.csv") == (ACLED, [])
    assert (out / "events.jsonl").read_text() == "" and (out / "claims.jsonl").read_text() == ""
    assert json.loads((out / "events.geojson").read_text()) == {"type": "FeatureCollection", "features": []}
    con = duckdb.connect()
    assert con.execute("SELECT count(*) FROM read_parquet(?)", [str(out / "events.parquet")]).fetchone() == (0,)
    con.close()
    assert "<html" in (out / "report.html").read_text("utf-8").lower()


def test_writing_again_replaces_the_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_all(out, _events(), _mentions())
    write_all(out, _events()[:1], [])
    assert len(_csv(out / "events.csv")[1]) == 1
    assert len((out / "events.jsonl").read_text().splitlines()) == 1
    con = duckdb.connect()
    assert con.execute("SELECT count(*) FROM read_parquet(?)", [str(out / "events.parquet")]).fetchone() == (1,)
    con.close()


def test_parquet_handles_events_that_differ_in_shape(tmp_path: Path) -> None:
    """Type inference on the JSONL must not trip on nulls, empty lists or mixed fields."""
    events = [event("IRQ20000001", place=None, killed=(0, 0, 0), assoc=(), outlets=()),
              event("IRQ20000002", until=DAY + dt.timedelta(days=3))]
    write_all(tmp_path, events, [])
    con = duckdb.connect()
    rows = con.execute("SELECT event_id, latitude, date_end FROM read_parquet(?) ORDER BY event_id",
                       [str(tmp_path / "events.parquet")]).fetchall()
    con.close()
    assert [r[0] for r in rows] == ["IRQ20000001", "IRQ20000002"]
    assert rows[0][1] is None and rows[1][1] == pytest.approx(36.35369)
