"""The event database: articles and mentions stored once, events replaced, schema versioned."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest
from factories import DAY, article, event, mention

from sitreps.errors import StoreError
from sitreps.fuse import fuse
from sitreps.records import Article, Mention
from sitreps.settings import DEFAULT
from sitreps.store import SCHEMA_VERSION, Store


def _batch() -> list[tuple[Article, list[Mention]]]:
    first = article("a-tigris-1")
    second = article("a-desk-1", "Three Peshmerga officers were killed yesterday when a roadside bomb went off "
                                 "near Bartella, Kurdish officials said.", DAY + dt.timedelta(days=2))
    return [
        (first, [mention("m-t1", article=first.id, killed=4, claim=("the army", "claimed")),
                 mention("m-t2", article=first.id, place=None, flags=("historical",), sentence_index=1,
                         sentence_start=120)]),
        (second, [mention("m-d1", article=second.id, sub="Remote explosive/landmine/IED", actor2="Peshmerga",
                          killed=(3, 3, "exact"), day=DAY + dt.timedelta(days=1))]),
    ]


def test_mentions_come_back_as_they_were_stored(tmp_path: Path) -> None:
    batch = _batch()
    with Store(tmp_path / "s.duckdb") as store:
        store.add(batch)
        back = store.mentions()
    assert sorted(back, key=lambda m: m.id) == sorted((m for _, ms in batch for m in ms), key=lambda m: m.id)


def test_mentions_survive_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.add(_batch())
    with Store(path) as store:
        assert {m.id for m in store.mentions()} == {"m-t1", "m-t2", "m-d1"}
        assert store.counts() == {"articles": 2, "mentions": 3, "events": 0, "claims": 0}


def test_known_names_only_stored_articles(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert store.known([]) == set()
        assert store.known(["a-tigris-1"]) == set()
        store.add(_batch())
        assert store.known(["a-tigris-1", "a-desk-1", "a-other"]) == {"a-tigris-1", "a-desk-1"}
        assert store.known(iter(["a-desk-1"])) == {"a-desk-1"}


def test_sources_and_texts_of_stored_articles(tmp_path: Path) -> None:
    batch = _batch()
    with Store(tmp_path / "s.duckdb") as store:
        store.add(batch)
        refs, texts = store.sources(), store.article_texts()
    first = batch[0][0]
    assert refs[first.id].published == first.published and type(refs[first.id].published) is dt.date
    assert (refs[first.id].source, refs[first.id].url, refs[first.id].title) == (first.source, first.url, first.title)
    assert texts == {a.id: a.text for a, _ in batch}


def test_adding_the_same_article_again_changes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(_batch())
        before, mentions = store.counts(), store.mentions()
        store.add(_batch())
        store.add([_batch()[0]])
        assert store.counts() == before
        assert store.mentions() == mentions


def test_an_empty_batch_is_fine(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add([])
        store.add([(article(), [])])
        assert store.counts() == {"articles": 1, "mentions": 0, "events": 0, "claims": 0}


def test_events_round_trip(tmp_path: Path) -> None:
    events = [event("IRQ00000001"), event("IRQ00000002", sub="Air/drone strike", actor1="Coalition",
                                          actor2="Islamic State", place="Qayyarah", status="reported"),
              event("XXX00000003", place=None, until=DAY + dt.timedelta(days=2), status="denied")]
    with Store(tmp_path / "s.duckdb") as store:
        store.replace_events(events)
        assert store.events() == sorted(events, key=lambda e: (e.event_date, e.id))
        assert store.counts()["events"] == 3 and store.counts()["claims"] == 3
        rows = store.con.execute("SELECT id, country, latitude, n_sources FROM events ORDER BY id").fetchall()
    assert rows == [("IRQ00000001", "Iraq", 36.35369, 2), ("IRQ00000002", "Iraq", 35.81639, 2),
                    ("XXX00000003", "", None, 2)]


def test_replacing_events_drops_the_old_ones(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.replace_events([event("IRQ00000001"), event("IRQ00000002")])
        store.replace_events([event("IRQ00000003")])
        assert [e.id for e in store.events()] == ["IRQ00000003"]
        assert store.con.execute("SELECT DISTINCT event_id FROM sources").fetchall() == [("IRQ00000003",)]
        store.replace_events([])
        assert store.events() == [] and store.counts()["claims"] == 0


def test_fused_events_from_stored_mentions_round_trip(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add(_batch())
        events = fuse(store.mentions(), store.sources(), DEFAULT)
        store.replace_events(events)
        assert store.events() == events
        assert events and all(e.sources for e in events)


def test_duplicate_event_ids_are_a_store_error_and_leave_the_old_events(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.replace_events([event("IRQ00000001")])
        twin = dataclasses.replace(event("IRQ00000002"), id="IRQ00000009")
        with pytest.raises(StoreError, match="cannot store events"):
            store.replace_events([twin, twin])
        assert [e.id for e in store.events()] == ["IRQ00000001"]
        store.replace_events([event("IRQ00000004")])  # the store is still usable
        assert [e.id for e in store.events()] == ["IRQ00000004"]


def test_a_newer_schema_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with Store(path) as store:
        store.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    with pytest.raises(StoreError) as raised:
        Store(path)
    assert str(raised.value) == (
        f"{path}: schema version {SCHEMA_VERSION + 1} is newer than this sitreps ({SCHEMA_VERSION})")
    # the refused database is not left open (a read-only connection cannot share it with a writer)
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION + 1),)
    con.close()


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    with pytest.raises(StoreError) as raised:
        Store(folder)
    message = str(raised.value)
    assert message.startswith(f"{folder}: cannot open the database (") and "\n" not in message


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(path)
    assert path.read_text().startswith("these are my notes")


def test_another_programs_duckdb_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (k INTEGER, v INTEGER)")
    con.close()
    with pytest.raises(StoreError, match=r"not a sitreps database"):
        Store(path)
    duckdb.connect(str(path), read_only=True).close()  # and it was not left open


def test_a_new_database_records_its_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "s.duckdb"  # folders are made as needed
    Store(path).close()
    con = duckdb.connect(str(path))
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [(str(SCHEMA_VERSION),)]
    con.close()
