"""Writers for the files people already use: JSONL, ACLED-style CSV, GeoJSON,
Parquet, the mentions and claims ledgers, and the HTML situation report."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Mapping, Sequence

import duckdb

from ..codec import encode
from ..records import Event, Mention
from .rows import ACLED_COLUMNS, acled_row, event_row
from .ucdp import UCDP_COLUMNS, is_ucdp_event, ucdp_row


def write_jsonl(path: Path, rows: Sequence[dict]) -> Path:  # type: ignore[type-arg]
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def write_csv(path: Path, events: Sequence[Event]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for event in events:
            writer.writerow(acled_row(event))
    return path


def write_ucdp_csv(path: Path, events: Sequence[Event]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=UCDP_COLUMNS)
        writer.writeheader()
        for event in events:
            if is_ucdp_event(event):
                writer.writerow(ucdp_row(event))
    return path


def write_geojson(path: Path, events: Sequence[Event]) -> Path:
    features = []
    for event in events:
        if event.place is None:
            continue
        props = {k: v for k, v in event_row(event).items() if k not in ("latitude", "longitude", "evidence")}
        geometry = {"type": "Point", "coordinates": [event.place.longitude, event.place.latitude]}
        features.append({"type": "Feature", "id": event.id, "geometry": geometry, "properties": props})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")
    return path


def write_parquet(path: Path, jsonl: Path) -> Path:
    """Parquet from events.jsonl, through DuckDB (no pyarrow needed)."""
    con = duckdb.connect()
    try:
        if jsonl.stat().st_size == 0:
            con.execute("CREATE TABLE e (event_id VARCHAR)")
        else:
            con.execute("CREATE TABLE e AS SELECT * FROM read_json_auto(?, format='newline_delimited')", [str(jsonl)])
        con.execute(f"COPY e TO '{str(path).replace(chr(39), chr(39) * 2)}' (FORMAT PARQUET)")
    finally:
        con.close()
    return path


def claim_rows(events: Sequence[Event]) -> list[dict]:  # type: ignore[type-arg]
    rows = []
    for event in events:
        for claim in event.claims:
            rows.append({"event_id": event.id} | encode(claim))
    return rows


def write_all(out: Path, events: Sequence[Event], mentions: Sequence[Mention],
              article_texts: Mapping[str, str] | None = None, title: str = "Situation report") -> dict[str, Path]:
    """Every output file in ``out``; returns them by name."""
    from ..report import write_report

    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "events.jsonl": write_jsonl(out / "events.jsonl", [event_row(e) for e in events]),
        "events.csv": write_csv(out / "events.csv", events),
        "events_ucdp.csv": write_ucdp_csv(out / "events_ucdp.csv", events),
        "events.geojson": write_geojson(out / "events.geojson", events),
        "mentions.jsonl": write_jsonl(out / "mentions.jsonl", [encode(m) for m in mentions]),
        "claims.jsonl": write_jsonl(out / "claims.jsonl", claim_rows(events)),
    }
    paths["events.parquet"] = write_parquet(out / "events.parquet", paths["events.jsonl"])
    paths["report.html"] = write_report(events, out / "report.html", title=title, article_texts=article_texts)
    return paths
