"""The ``sitreps`` command and the Python API, end to end on small inputs.

Each CLI run that extracts loads the spaCy model itself, so only four do (two runs on one
batch of good and bad inputs, a run with nothing usable, the demo); the API test shares
the session pipeline.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

import sitreps
from sitreps import settings as settings_mod
from sitreps.cli import main
from sitreps.pipeline import Pipeline
from sitreps.records import Problem
from sitreps.store import Store

OUTPUTS = ("events.jsonl", "events.csv", "events.geojson", "events.parquet", "mentions.jsonl", "claims.jsonl",
           "report.html")

GOOD = [
    {"id": "tw-101", "source": "Tigris Wire", "published": "2016-10-19", "title": "Four soldiers killed near Bartella",
     "text": "Islamic State militants attacked an army checkpoint near Bartella on Monday, killing four soldiers, "
             "the military said."},
    {"id": "nd-101", "source": "Northern Desk", "published": "2016-10-19", "title": "Car bomb in Kirkuk",
     "text": "A suicide car bomber struck a police checkpoint in Kirkuk on Tuesday, killing seven policemen and "
             "wounding 12 others, police sources said."},
]
MIXED = [
    json.dumps({"id": "tw-102", "source": "Tigris Wire", "published": "2016-10-23",
                "text": "Iraqi troops recaptured the town of Qaraqosh from Islamic State fighters on Saturday, "
                        "the Joint Operations Command said."}),
    '{"id": "broken", "text": "Gunmen attacked',
    json.dumps({"id": "nd-102", "source": "Northern Desk", "published": "2016-10-21",
                "text": "Coalition aircraft struck Islamic State positions near Qayyarah on Thursday, killing 15 "
                        "militants, a US military spokesman said."}),
]
FRENCH = ("2016-10-19\n\nDes combattants de l'État islamique ont attaqué un poste de l'armée près de Bartella "
          "lundi, tuant quatre soldats, selon l'armée irakienne. Les affrontements se sont poursuivis pendant la "
          "nuit dans la région.\n")
LATIN1 = "2016-10-19\n\nGunmen attacked a café near Mosul on Monday, killing three people, police said."
EMPTY_PAGE = ('<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
              "<footer>Copyright 2016 Example</footer></body></html>")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


def sitreps_cli(*args: str) -> Result:
    """Run ``sitreps ARGS`` in-process; stdout and stderr are captured here (click reads
    sys.stdout/sys.stderr at call time), so module-scoped fixtures can use it too."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return Result(code, out.getvalue(), err.getvalue())


def _write_inbox(folder: Path) -> dict[str, str]:
    """Two good JSONL articles, a JSONL file with one bad line between two good ones, and one
    file or line for every kind of bad input.  Returns the expected problem line for each."""
    folder.mkdir()
    (folder / "good.jsonl").write_text("\n".join(json.dumps(g) for g in GOOD) + "\n", "utf-8")
    (folder / "mixed.jsonl").write_text("\n".join(MIXED) + "\n", "utf-8")
    (folder / "baddate.jsonl").write_text(json.dumps(
        {"id": "x-1", "published": "2016-02-30", "text": "Gunmen killed two farmers near Tikrit on Sunday."}) + "\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "x.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (folder / "nothing.html").write_text(EMPTY_PAGE, "utf-8")
    (folder / "french.txt").write_text(FRENCH, "utf-8")
    with (folder / "big.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    bad_json = json.JSONDecodeError
    try:
        json.loads(MIXED[1])
    except bad_json as exc:
        json_reason = f"invalid JSON: {exc.msg} (column {exc.colno})"
    offset = LATIN1.encode("latin-1").index(b"\xe9")
    return {
        "baddate.jsonl": f"{folder}/baddate.jsonl:1: impossible date '2016-02-30'",
        "big.txt": f"{folder}/big.txt: file is 50.0 MB, over the 20 MB limit (max_file_mb)",
        "empty.txt": f"{folder}/empty.txt: empty file",
        "french.txt": f"{folder}/french.txt: not English (looks like French)",
        "latin1.txt": f"{folder}/latin1.txt: not UTF-8 text (byte 0xe9 at offset {offset})",
        "mixed.jsonl": f"{folder}/mixed.jsonl:2: {json_reason}",
        "nothing.html": f"{folder}/nothing.html: no article text found in HTML",
        "x.txt": f"{folder}/x.txt: binary file, not text",
    }


@dataclass(frozen=True)
class Runs:
    inbox: Path
    out: Path
    expected: dict[str, str]
    first: Result
    first_jsonl: str
    second: Result


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    root = tmp_path_factory.mktemp("cli")
    inbox, out = root / "inbox", root / "out"
    expected = _write_inbox(inbox)
    first = sitreps_cli("run", str(inbox), "--out", str(out))
    first_jsonl = (out / "events.jsonl").read_text("utf-8")
    second = sitreps_cli("run", str(inbox), "--out", str(out))
    return Runs(inbox, out, expected, first, first_jsonl, second)


def test_a_mixed_batch_runs_and_reports_each_bad_input_once(runs: Runs) -> None:
    assert runs.first.code == 0, runs.first.err
    problems = [line for line in runs.first.lines if line.startswith(("skipped: ", "warning: "))]
    assert sorted(problems) == sorted(f"skipped: {line}" for line in runs.expected.values())
    assert "Traceback" not in runs.first.err


def test_a_run_ends_with_a_summary_line(runs: Runs) -> None:
    summary = [line for line in runs.first.lines if line.startswith("read ")]
    assert len(summary) == 1
    match = re.fullmatch(r"read 4 articles \(4 new, 8 skipped\); (\d+) events in (.+)", summary[0])
    assert match, summary[0]
    assert match[2] == str(runs.out / "sitreps.duckdb")
    assert int(match[1]) == len(runs.first_jsonl.splitlines()) >= 1


def test_a_run_writes_every_output(runs: Runs) -> None:
    for name in OUTPUTS + ("sitreps.duckdb",):
        assert (runs.out / name).is_file(), name
    events = [json.loads(line) for line in runs.first_jsonl.splitlines()]
    assert events
    assert all(e["event_date"] <= max(s["published"] for s in e["sources"]) for e in events)
    assert {s["article_id"] for e in events for s in e["sources"]} <= {"tw-101", "nd-101", "tw-102", "nd-102"}
    con = duckdb.connect()
    count = con.execute("SELECT count(*) FROM read_parquet(?)", [str(runs.out / "events.parquet")]).fetchone()
    con.close()
    assert count == (len(events),)


def test_running_again_adds_nothing_and_changes_no_event(runs: Runs) -> None:
    assert runs.second.code == 0, runs.second.err
    assert next(line for line in runs.second.lines if line.startswith("read ")).startswith(
        "read 4 articles (0 new, 8 skipped); ")
    assert (runs.out / "events.jsonl").read_text("utf-8") == runs.first_jsonl


def test_settings_markdown_is_the_docs_table() -> None:
    result = sitreps_cli("settings", "--markdown")
    assert result.code == 0 and result.out == settings_mod.markdown_table()


def test_settings_lists_every_default_as_json() -> None:
    result = sitreps_cli("settings")
    assert json.loads(result.out) == {s.name: s.default for s in settings_mod.SPECS}


def test_report_rebuilds_from_the_database(runs: Runs, tmp_path: Path) -> None:
    target = tmp_path / "x.html"
    result = sitreps_cli("report", "--db", str(runs.out / "sitreps.duckdb"), "--out", str(target),
                         "--since", "2016-10-01")
    assert result.code == 0, result.err
    assert target.is_file() and "<html" in target.read_text("utf-8").lower()
    events = [json.loads(line) for line in runs.first_jsonl.splitlines()]
    assert result.lines == [f"{len(events)} events in {target}"]
    later = sitreps_cli("report", "--db", str(runs.out / "sitreps.duckdb"), "--out", str(target),
                        "--since", "2016-10-20")
    assert later.lines == [f"{sum(e['event_date'] >= '2016-10-20' for e in events)} events in {target}"]


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_a_bad_report_date_names_its_option(runs: Runs, tmp_path: Path, option: str) -> None:
    result = sitreps_cli("report", "--db", str(runs.out / "sitreps.duckdb"), "--out", str(tmp_path / "r.html"),
                         option, "2016-13-01")
    assert result.code == 1
    assert result.lines == [f"sitreps: error: {option} must be a date like 2016-10-21, not '2016-13-01'"]


def test_report_on_a_missing_database_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = sitreps_cli("report", "--db", "missing.duckdb")
    assert result.code != 0
    assert result.lines == ["sitreps: error: missing.duckdb: no such database"]
    assert not (tmp_path / "missing.duckdb").exists()


def test_a_run_with_nothing_usable_fails_with_the_problem(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = sitreps_cli("run", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out"))
    assert result.code == 1
    assert result.lines[0] == f"skipped: {tmp_path}/empty.txt: empty file"
    assert result.lines[1].startswith("read 0 articles (0 new, 1 skipped); 0 events in ")
    assert "Traceback" not in result.err and "Error" not in result.err


def test_run_without_paths_is_a_usage_error() -> None:
    result = sitreps_cli("run")
    assert result.code == 2
    assert result.lines == ["sitreps: error: Missing argument 'PATHS...'."]


def test_a_bad_published_date_is_named(tmp_path: Path) -> None:
    result = sitreps_cli("run", str(tmp_path), "--out", str(tmp_path / "out"), "--published", "notadate")
    assert result.code == 1
    assert result.lines == ["sitreps: error: --published must be a date like 2016-10-21, not 'notadate'"]
    assert not (tmp_path / "out").exists()


def test_an_unknown_fatality_policy_is_refused(tmp_path: Path) -> None:
    result = sitreps_cli("run", str(tmp_path), "--fatality-policy", "bogus")
    assert result.code == 2
    assert len(result.lines) == 1
    assert result.lines[0].startswith("sitreps: error: Invalid value for '--fatality-policy': 'bogus' is not one of")


def test_demo_codes_the_bundled_examples(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = sitreps_cli("demo", "--out", str(out))
    assert result.code == 0, result.err
    for name in OUTPUTS:
        assert (out / name).is_file(), name
    events = (out / "events.jsonl").read_text("utf-8").splitlines()
    assert len(events) >= 20
    assert re.search(rf"; {len(events)} events in ", result.err)


# --- the Python API ----------------------------------------------------------------------------

ARTICLE = ("Islamic State militants attacked an army checkpoint near Bartella on Monday, killing four soldiers, "
           "the military said. A suicide bomber blew himself up in the Karama district of Mosul on Sunday, "
           "killing 12 civilians and wounding 20 others, police said.\n\n"
           "In Kirkuk, gunmen abducted three truck drivers on Wednesday, a local official told reporters. "
           "Fighting continued in the area.")


def test_extract_gives_events_traceable_to_the_text(pipeline: Pipeline) -> None:
    result = sitreps.extract(ARTICLE, published="2016-10-21", source="X", pipeline=pipeline)
    assert isinstance(result, sitreps.Extraction)
    text = result.article.text
    assert text == ARTICLE and result.article.source == "X"
    assert len(result.events) >= 2
    assert all(e.event_date <= result.article.published for e in result.events)
    assert all(s.published.isoformat() == "2016-10-21" and s.source == "X" for e in result.events for s in e.sources)
    spans = [m.trigger for m in result.mentions]
    spans += [m.place.evidence for m in result.mentions if m.place] + [p.evidence for p in result.places]
    spans += [c.evidence for m in result.mentions for c in m.counts] + [c.evidence for c in result.counts]
    spans += [m.time.evidence for m in result.mentions if m.time] + [t.evidence for t in result.times]
    spans = [ev for ev in spans if ev.extractor != "dates.publication"]
    assert len(spans) >= 8
    for ev in spans:
        assert text[ev.start:ev.end] == ev.text, ev
    for m in result.mentions:
        assert text[m.sentence.start:m.sentence.end] == m.sentence.text
        assert m.sentence.start <= m.trigger.start < m.trigger.end <= m.sentence.end


def test_extract_from_text_needing_normalisation_keeps_spans_on_the_article(pipeline: Pipeline) -> None:
    messy = "  " + ARTICLE.replace("\n\n", "  \r\n\r\n") + "\n"
    result = sitreps.extract(messy, published="2016-10-21", source="X", pipeline=pipeline)
    for m in result.mentions:
        assert result.article.text[m.trigger.start:m.trigger.end] == m.trigger.text


def test_extract_refuses_a_date_that_does_not_exist(pipeline: Pipeline) -> None:
    with pytest.raises(sitreps.SitrepsError, match=r"^published must be a date like 2016-10-21, not '2016-02-30'$"):
        sitreps.extract(ARTICLE, published="2016-02-30", pipeline=pipeline)


def test_run_from_python_adds_only_new_articles(pipeline: Pipeline, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    feed = tmp_path / "in" / "reports.jsonl"
    feed.parent.mkdir()
    feed.write_text("\n".join(json.dumps(g) for g in GOOD) + "\n", "utf-8")
    asked: list[list[str]] = []
    real_known = Store.known

    def known(self: Store, ids: Iterable[str]) -> set[str]:
        asked.append(list(ids))
        return real_known(self, asked[-1])

    monkeypatch.setattr(Store, "known", known)
    problems: list[Problem] = []
    first = sitreps.run([feed.parent], out=tmp_path / "out", pipeline=pipeline, on_problem=problems.append)
    assert (first.articles_read, first.articles_new, first.skipped, first.problems) == (2, 2, 0, ())
    assert first.events >= 2 and first.mentions >= first.events
    assert first.database == tmp_path / "out" / "sitreps.duckdb"
    assert set(OUTPUTS) <= set(first.outputs) and all(p.is_file() for p in first.outputs.values())
    assert asked == [["tw-101", "nd-101"]]  # the database is asked once for the whole batch
    again = sitreps.run([feed], out=tmp_path / "out", pipeline=pipeline)
    assert (again.articles_read, again.articles_new, again.mentions, again.events) == (2, 0, 0, first.events)
    assert problems == []


def test_gazetteer_import_makes_new_places_findable(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    sample = Path(__file__).parent / "knowledge" / "data" / "geonames_sample.txt"
    env = {**os.environ, "SITREPS_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-m", "sitreps.cli", "gazetteer", "import", str(sample)],
                          env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"imported {sample} into {tmp_path / 'home'}")
    probe = "from sitreps.knowledge.gazetteer import Gazetteer; print(Gazetteer.load().lookup('Tall Zarzur')[0].name)"
    found = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "Tall Zarzur"
    missing = subprocess.run([sys.executable, "-m", "sitreps.cli", "gazetteer", "import", "nope.txt"],
                             env=env, capture_output=True, text=True, check=False)
    assert (missing.returncode, missing.stderr.strip()) == (1, "sitreps: error: nope.txt: no such file")
