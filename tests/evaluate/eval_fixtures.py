"""A tiny benchmark data folder, written by hand in the column formats of the real data sets.

Every row here was made up for the tests; none is copied from the benchmarks.  Test-half
rows carry the marker word "Zarqawiya" (a made-up place) so the tests can check that
nothing from the held-out half is ever printed.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

SECRET = "Zarqawiya"

CASE_ROWS = [  # id, EventSnippet, SubType: even ids are the dev half, odd ids the test half
    ("1", f"Government warplanes bombed rebel positions near {SECRET}, killing 4 fighters.", "AIR_STRIKE"),
    ("2", "Islamic State militants clashed with Iraqi troops near Bartella on Monday, killing 5 soldiers.",
     "ARMED_CLASH"),
    ("3", f"Thousands marched peacefully in {SECRET} on Friday to demand jobs.", "PEACE_PROTEST"),
    ("4", "Hundreds of students rallied peacefully in Baghdad on Sunday to demand reforms.", "PEACE_PROTEST"),
    ("5", f"Floods swept through {SECRET} after days of heavy rain.", "NATURAL_DISASTER"),
    ("6", "The two ministers discussed trade ties during a visit to the capital.", "DIPLO"),
]

UCDP_HEADER = ["id", "year", "type_of_violence", "side_a", "side_b", "number_of_sources", "source_article",
               "source_office", "source_date", "source_headline", "where_prec", "where_coordinates", "adm_1",
               "latitude", "longitude", "country", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
               "deaths_civilians", "deaths_unknown", "low", "best", "high"]
UCDP_ROWS = [
    {"id": "900001", "side_a": "Government of Iraq", "side_b": "IS", "number_of_sources": "2",
     "source_date": "2016-03-08;2016-03-09",
     "source_headline": "Iraqi troops clash with IS near Bartella; 5 killed;Fighting near Bartella kills five",
     "where_prec": "1", "where_coordinates": "Bartella town", "latitude": "36.35369", "longitude": "43.38128",
     "date_start": "2016-03-07", "date_end": "2016-03-07"},
    {"id": "900002", "side_a": "IS", "side_b": "Civilians", "number_of_sources": "1",
     "source_date": "2016-09-02", "source_headline": f"IS militants kill 3 civilians in {SECRET}",
     "where_prec": "1", "where_coordinates": "Mosul town", "latitude": "36.335", "longitude": "43.11889",
     "date_start": "2016-09-01", "date_end": "2016-09-01"},
]

GTD_HEADER = ["date", "year", "month", "month_name", "day", "day_of_week", "country", "region", "state", "city",
              "latitude", "longitude", "group_name", "attack_type", "target_type", "weapon_type", "killed",
              "wounded", "casualties", "log_casualties", "success", "suicide", "summary"]
GTD_ROWS = [
    {"date": "2016-02-10", "month": "2", "city": "Kirkuk", "latitude": "35.46806", "longitude": "44.39222",
     "killed": "2.0", "wounded": "6.0",
     "summary": "02/10/2016: Assailants detonated an explosive device at a market in Kirkuk city, Kirkuk "
                "governorate, Iraq. Two civilians were killed and six others were wounded in the blast."},
    {"date": "2016-05-20", "month": "5", "city": "Mosul", "latitude": "", "longitude": "",
     "killed": "", "wounded": "0.0",
     "summary": "05/20/2016: Gunmen attacked a checkpoint in Mosul city, Nineveh governorate, Iraq."},
    {"date": "2016-08-03", "month": "8", "city": SECRET, "latitude": "33.3", "longitude": "44.4",
     "killed": "1.0", "wounded": "0.0",
     "summary": f"08/03/2016: Gunmen shot dead a police officer in {SECRET}, Iraq."},
]


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]], **fmt: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, restval="", **fmt)
        writer.writeheader()
        writer.writerows(rows)


def wiki_doc(doc_id: str, sentences: list[str], events: list[dict[str, Any]]) -> dict[str, Any]:
    """A WikiEvents line: tokens with document offsets (three characters between sentences, as in
    the real files' gaps), and ``events`` as (type, trigger word, [(role, entity words)])."""
    tokens: list[str] = []
    layout: list[Any] = []
    at = 0
    for text in sentences:
        toks = [[m.group(), at + m.start(), at + m.end()] for m in re.finditer(r"\w+|[^\w\s]", text)]
        tokens += [t[0] for t in toks]
        layout.append([toks, text])
        at += len(text) + 3

    def find(words: str) -> tuple[int, int, int]:
        parts = re.findall(r"\w+|[^\w\s]", words)
        for i in range(len(tokens)):
            if tokens[i:i + len(parts)] == parts:
                sent = next(n for n, (toks, _) in enumerate(layout) if sum(len(s[0]) for s in layout[:n + 1]) > i)
                return i, i + len(parts), sent
        raise ValueError(words)

    entities, mentions = [], []
    for n, (kind, trigger, args) in enumerate(events):
        start, end, sent = find(trigger)
        arguments = []
        for role, words in args:
            s, e, si = find(words)
            entity = {"id": f"{doc_id}-T{len(entities)}", "sent_idx": si, "start": s, "end": e,
                      "entity_type": "LOC" if role == "Place" else "ORG", "mention_type": "UNK", "text": words}
            entities.append(entity)
            arguments.append({"entity_id": entity["id"], "role": role, "text": words})
        mentions.append({"id": f"{doc_id}-E{n}", "event_type": kind,
                         "trigger": {"start": start, "end": end, "text": trigger, "sent_idx": sent},
                         "arguments": arguments})
    return {"doc_id": doc_id, "tokens": tokens, "text": "".join(sentences), "sentences": layout,
            "entity_mentions": entities, "relation_mentions": [], "event_mentions": mentions}


WIKI_DEV = [wiki_doc("dev_doc_1", [
    "Islamic State militants attacked an army post in Bartella on Monday .",
    "Four soldiers were killed in the attack , officials said .",
    "The minister will visit Paris next week .",
], [("Conflict.Attack.Unspecified", "attacked", [("Attacker", "Islamic State militants"), ("Place", "Bartella")]),
    ("Life.Die.Unspecified", "killed", []),
    ("Contact.Contact.Meet", "visit", [])])]
WIKI_TEST = [wiki_doc("test_doc_1", [
    f"A car bomb exploded in {SECRET} on Friday , killing six people .",
], [("Conflict.Attack.DetonateExplode", "exploded", [("Place", SECRET)]),
    ("Life.Die.Unspecified", "killing", [])])]


def write_data(root: Path) -> Path:
    case = root / "case2021-task2" / "test_set_final_release_with_labels.tsv"
    case.parent.mkdir(parents=True)
    case.write_text("id\tEventSnippet\tSubType\n" + "".join("\t".join(r) + "\n" for r in CASE_ROWS), "utf-8")
    _write_csv(root / "ucdp-ged-iraq" / "ged_iraq_2016.csv", UCDP_HEADER, UCDP_ROWS)
    _write_csv(root / "gtd-iraq-subset" / "gtd_iraq_2016_cleaned_subset.csv", GTD_HEADER, GTD_ROWS)
    for name, docs in (("dev", WIKI_DEV), ("test", WIKI_TEST)):
        path = root / "wikievents" / f"{name}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), "utf-8")
    return root
