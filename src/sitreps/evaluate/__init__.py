"""Measure sitreps against public benchmarks: ``sitreps eval --data DIR``.

``DIR`` is a folder holding the benchmark data (``case2021-task2/``, ``ucdp-ged-iraq/``,
``gtd-iraq-subset/``, ``wikievents/``); nothing is bundled with sitreps, and nothing is
downloaded.  Every data set is cut in two fixed halves: *dev*, looked at while developing,
and *test*, held out (only its aggregate numbers are ever shown).  One loaded pipeline
serves every evaluation; each evaluation runs its articles through it in batches.

    from sitreps.evaluate import run
    sections = run(Pipeline(), Path("data"), splits=("dev", "test"))
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shlex
import subprocess
import time
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from ..errors import UsageError
from ..settings import DEFAULT, Settings
from . import case, fusion, gtd, ucdp, wikievents
from .examples import ExampleScores, evaluate_examples
from .metrics import SPLITS, Ratio, Row, Section, Split, Value
from .report import RunInfo, markdown, text_table

if TYPE_CHECKING:
    from ..pipeline import Pipeline

Evaluation = Callable[["Pipeline", Path, Sequence[Split], "int | None"], Section]

DATA_EVALUATIONS: dict[str, tuple[Evaluation, str]] = {
    "case": (case.evaluate, case.FILE),
    "ucdp": (ucdp.evaluate, ucdp.FILE),
    "gtd": (gtd.evaluate, gtd.FILE),
    "wikievents": (wikievents.evaluate, wikievents.FILES["test"]),
    "fusion": (fusion.evaluate, fusion.FILE),
}
NAMES: tuple[str, ...] = (*DATA_EVALUATIONS, "examples")
TITLES: dict[str, str] = {"case": case.TITLE, "ucdp": ucdp.TITLE, "gtd": gtd.TITLE,
                          "wikievents": wikievents.TITLE, "fusion": fusion.TITLE,
                          "examples": "Bundled examples"}


def example_rows(scores: ExampleScores) -> tuple[Row, ...]:
    """The bundled examples are development material: their numbers go in the dev column."""
    found = scores.found
    values: list[tuple[str, Value]] = [
        ("gold events", scores.gold_events),
        ("system events", scores.system_events),
        ("event recall", Ratio(found, scores.gold_events)),
        ("event precision", Ratio(found, scores.system_events)),
        ("sub-event type correct, of found", Ratio(scores.sub_type_correct, found)),
        ("actor1 correct, of found", Ratio(scores.actor1_correct, found)),
        ("place ≤ 25 km, of found", Ratio(scores.place_within_25km, found)),
        ("date = gold date, of found", Ratio(scores.date_within_1day, found)),
        ("per-report tolls correct", Ratio(scores.tolls_correct, scores.tolls_checked)),
        ("fusion pairwise precision", scores.pair_precision),
        ("fusion pairwise recall", scores.pair_recall),
    ]
    return tuple(Row(name, dev=value) for name, value in values)


def _examples(pipeline: "Pipeline", splits: Sequence[Split]) -> Section:
    if "dev" not in splits:
        return Section(TITLES["examples"], (), notes=("development material only: not run for --split test",))
    return Section(TITLES["examples"], example_rows(evaluate_examples(pipeline)), items="bundled example reports",
                   notes=("the bundled examples were written while developing: dev column only",))


def _one(name: str, pipeline: "Pipeline", data: Path | None, splits: Sequence[Split], limit: int | None) -> Section:
    if name == "examples":
        return _examples(pipeline, splits)
    evaluate, needed = DATA_EVALUATIONS[name]
    assert data is not None
    if not (data / needed).is_file():
        return Section(TITLES[name], (), notes=(f"not run: {needed} not found in {data}",))
    return evaluate(pipeline, data, splits, limit)


def run(pipeline: "Pipeline", data: Path | None, splits: Sequence[Split] = SPLITS,
        only: Sequence[str] = NAMES, limit: int | None = None,
        on_done: Callable[[Section], None] = lambda s: None) -> list[Section]:
    """Each evaluation asked for, in the order of :data:`NAMES`, with its wall time."""
    unknown = sorted(set(only) - set(NAMES))
    if unknown:
        raise UsageError(f"unknown evaluation {', '.join(unknown)}; choose from {', '.join(NAMES)}")
    if data is None and set(only) - {"examples"}:
        raise UsageError("--data DIR is needed for every evaluation but 'examples'")
    if data is not None and not data.is_dir():
        raise UsageError(f"--data {data}: no such folder")
    sections = []
    for name in (n for n in NAMES if n in only):
        start = time.perf_counter()
        section = _one(name, pipeline, data, splits, limit)
        section = Section(section.name, section.rows, time.perf_counter() - start, section.items,
                          section.notes, section.dev_detail)
        on_done(section)
        sections.append(section)
    return sections


def definitions(sections: Sequence[Section]) -> list[tuple[str, str]]:
    """How each number shown is computed: the module docs of the evaluations that ran."""
    from . import examples, metrics

    docs = {TITLES["case"]: case.__doc__, TITLES["ucdp"]: f"{ucdp.__doc__}\n{ucdp.sides_markdown()}",
            TITLES["gtd"]: gtd.__doc__,
            TITLES["wikievents"]: wikievents.__doc__, TITLES["examples"]: examples.__doc__}
    shown = [(s.name, docs[s.name] or "") for s in sections if s.rows and s.name in docs]
    if any(s.name == TITLES["case"] and s.rows for s in sections):
        shown.append(("F1", metrics.F1_DEFINITION))
    return shown


def command_line(data: str | None, split: str, only: str | None, markdown_path: str | None, limit: int | None,
                 settings: Settings = DEFAULT) -> str:
    """The ``sitreps eval`` command that reproduces a run, every choice spelled out
    (settings only where they differ from the defaults)."""
    words = ["sitreps", "eval"] + (["--data", data] if data else []) + ["--split", split]
    words += (["--only", only] if only else []) + (["--limit", str(limit)] if limit else [])
    for name, value in dataclasses.asdict(settings).items():
        if value != getattr(DEFAULT, name):
            words += ["--" + name.replace("_", "-"), str(value)]
    return shlex.join(words + (["--markdown", markdown_path] if markdown_path else []))


def code_version() -> str:
    """The sitreps version, plus the git commit when run from a checkout ("+ changes" if edited)."""
    version = metadata.version("sitreps")
    here = str(Path(__file__).resolve().parent)
    try:
        def git(*args: str) -> str:
            done = subprocess.run(["git", "-C", here, *args], capture_output=True, text=True, timeout=10, check=True)
            return done.stdout.strip()

        commit = git("rev-parse", "--short", "HEAD")
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.SubprocessError):
        return version
    return f"{version} (git {commit}{' + uncommitted changes' if dirty else ''})"


def main(data: str | None, split: str, only: str | None, markdown_path: str | None, limit: int | None,
         say: Callable[[str], None] = print, pipeline: "Pipeline | None" = None,
         settings: Settings = DEFAULT) -> str:
    """What ``sitreps eval`` does: run, return (and write) the table; ``say`` reports progress."""
    from ..pipeline import Pipeline

    splits: tuple[Split, ...] = SPLITS if split == "all" else (split,)  # type: ignore[assignment]
    names = [n.strip() for n in only.split(",") if n.strip()] if only else list(NAMES)
    start = time.perf_counter()
    pipeline = pipeline or Pipeline(settings)
    load_seconds = time.perf_counter() - start
    say(f"pipeline loaded: {load_seconds:.1f} s")
    sections = run(pipeline, Path(data) if data else None, splits, names, limit,
                   on_done=lambda s: say(f"{s.name}: {s.seconds:.1f} s"))
    table = text_table(sections, splits)
    if markdown_path:
        info = RunInfo(command_line(data, split, only, markdown_path, limit, pipeline.settings), dt.date.today(),
                       code_version(), pipeline.settings.spacy_model, load_seconds)
        out = Path(markdown_path)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(markdown(sections, splits, info, definitions(sections)), encoding="utf-8")
    return table


__all__ = ["run", "main", "definitions", "example_rows", "command_line", "NAMES", "SPLITS", "Section"]
