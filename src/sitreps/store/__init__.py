"""The event database: an embedded DuckDB file with a versioned schema.

Articles and their mentions are stored once (an article seen again is not
re-extracted); events, claims and sources are re-derived from all stored
mentions after every run, so new reports merge into the events already there.
Records are kept as JSON next to the columns people query.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Iterable, Sequence

import duckdb

from ..codec import decode, encode
from ..errors import StoreError
from ..records import Article, Event, Mention, SourceRef

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (id VARCHAR PRIMARY KEY, source VARCHAR, published DATE, url VARCHAR,
    title VARCHAR, origin VARCHAR, text VARCHAR, added TIMESTAMP);
CREATE TABLE IF NOT EXISTS mentions (id VARCHAR PRIMARY KEY, article_id VARCHAR, event_type VARCHAR,
    sub_event_type VARCHAR, event_date DATE, flags VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS events (id VARCHAR PRIMARY KEY, event_date DATE, event_type VARCHAR,
    sub_event_type VARCHAR, actor1 VARCHAR, actor2 VARCHAR, country VARCHAR, admin1 VARCHAR, location VARCHAR,
    latitude DOUBLE, longitude DOUBLE, fatalities INTEGER, claim_status VARCHAR, n_sources INTEGER, record JSON);
CREATE TABLE IF NOT EXISTS claims (id VARCHAR, event_id VARCHAR, article_id VARCHAR, speaker VARCHAR,
    status VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS sources (event_id VARCHAR, article_id VARCHAR, source VARCHAR, published DATE);
"""


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(path))
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"{path}: cannot open the database ({exc})") from exc
        try:
            self._migrate()
        except (StoreError, duckdb.Error) as exc:
            self.con.close()  # a refused database must not stay locked by this process
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"{path}: not a sitreps database ({exc})") from exc

    def _migrate(self) -> None:
        self.con.execute(_SCHEMA)
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        elif int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {row[0]} is newer than this sitreps ({SCHEMA_VERSION})")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def known(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()
        return {r[0] for r in rows}

    def add(self, items: Sequence[tuple[Article, Sequence[Mention]]]) -> None:
        """Store articles with their mentions, in one transaction."""
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        arts = [(a.id, a.source, a.published, a.url, a.title, a.origin, a.text, now) for a, _ in items]
        ments = [(m.id, m.article_id, m.event_type, m.sub_event_type, m.time.start if m.time else None,
                  ",".join(m.flags), json.dumps(encode(m))) for _, ms in items for m in ms]
        self.con.execute("BEGIN")
        try:
            _insert(self.con, "INSERT OR IGNORE INTO articles", arts)
            _insert(self.con, "INSERT OR REPLACE INTO mentions", ments)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot store articles ({exc})") from exc

    def mentions(self) -> list[Mention]:
        rows = self.con.execute("SELECT record FROM mentions ORDER BY id").fetchall()
        return [decode(Mention, json.loads(r[0])) for r in rows]

    def sources(self) -> dict[str, SourceRef]:
        rows = self.con.execute("SELECT id, source, published, url, title FROM articles").fetchall()
        return {r[0]: SourceRef(r[0], r[1] or "", r[2], r[3] or "", r[4] or "") for r in rows}

    def article_texts(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT id, text FROM articles").fetchall())

    def replace_events(self, events: Sequence[Event]) -> None:
        rows = [_event_row(e) for e in events]
        claims = [(c.id, e.id, c.article_id, c.speaker, c.status, json.dumps(encode(c))) for e in events for c in e.claims]
        sources = [(e.id, s.article_id, s.source, s.published) for e in events for s in e.sources]
        self.con.execute("BEGIN")
        try:
            for table in ("events", "claims", "sources"):
                self.con.execute(f"DELETE FROM {table}")
            _insert(self.con, "INSERT INTO events", rows)
            _insert(self.con, "INSERT INTO claims", claims)
            _insert(self.con, "INSERT INTO sources", sources)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")  # the events of the last good run stay
            raise StoreError(f"{self.path}: cannot store events ({exc})") from exc

    def events(self) -> list[Event]:
        rows = self.con.execute("SELECT record FROM events ORDER BY event_date, id").fetchall()
        return [decode(Event, json.loads(r[0])) for r in rows]

    def counts(self) -> dict[str, int]:
        return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # type: ignore[index]
                for t in ("articles", "mentions", "events", "claims")}


def _insert(con: duckdb.DuckDBPyConnection, statement: str, rows: Sequence[tuple[object, ...]], chunk: int = 200) -> None:
    """Many rows per statement: DuckDB's executemany pays a round trip per row (storing the
    events of 500 articles took 1.7 s with it).  No rows, no statement."""
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        marks = "(" + ", ".join("?" * len(part[0])) + ")"
        params = [value for row in part for value in row]
        con.execute(f"{statement} VALUES {', '.join([marks] * len(part))}", params)


def _event_row(e: Event) -> tuple[object, ...]:
    p = e.place
    return (e.id, e.event_date, e.event_type, e.sub_event_type, e.actor1, e.actor2, p.country if p else "",
            p.admin1 if p else "", e.location, p.latitude if p else None, p.longitude if p else None,
            e.fatalities, e.claim_status, len(e.sources), json.dumps(encode(e)))
