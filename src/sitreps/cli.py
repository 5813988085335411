"""The ``sitreps`` command: a thin layer over :mod:`sitreps.pipeline`.

Errors become one line on stderr and a non-zero exit; a bad article is one line
and the batch goes on.  Options for tunables are generated from the settings
table, so the command, the library and docs/settings.md cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import click

from . import settings as settings_mod
from .errors import SitrepsError, UsageError
from .records import Problem
from .settings import DEFAULT, Settings

_RUN_SETTINGS = [s for s in settings_mod.SPECS if s.name not in ("spacy_model",)]


def _settings_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for spec in reversed(_RUN_SETTINGS):
        kind = click.Choice(spec.choices) if spec.choices else type(spec.default)
        flag = "--" + spec.name.replace("_", "-")
        func = click.option(flag, spec.name, type=kind, default=None, show_default=False,
                            help=f"{spec.help} [default: {spec.default}]")(func)
    return func


def _settings_from(options: dict[str, Any]) -> Settings:
    given = {k: v for k, v in options.items() if v is not None and k in {s.name for s in _RUN_SETTINGS}}
    return DEFAULT.replace(**given)


def _print_problem(problem: Problem) -> None:
    prefix = "skipped" if problem.fatal_for_article else "warning"
    # the prefix already says it; "…: not English; skipped" would say it twice
    reason = problem.reason.removesuffix("; skipped") if problem.fatal_for_article else problem.reason
    click.echo(f"{prefix}: {problem.origin}: {reason}", err=True)


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    if quiet or not sys.stderr.isatty():
        return None, None
    from rich.progress import Progress

    bar = Progress(transient=True, console=None)
    task = bar.add_task("extracting", total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return bar, update


def _run(paths: tuple[str, ...], out: str, db: str | None, published: str | None, fetch: bool, quiet: bool,
         options: dict[str, Any]) -> None:
    from .pipeline import run

    settings = _settings_from(options)
    day = _parse_date(published, "--published") if published else None
    bar, update = _progress(quiet)
    if bar is not None:
        bar.start()
    try:
        summary = run(list(paths), out, db=db, settings=settings, published=day, fetch=fetch,
                      progress=update, on_problem=_print_problem)
    finally:
        if bar is not None:
            bar.stop()
    if not quiet:
        click.echo(f"read {summary.articles_read} articles ({summary.articles_new} new, {summary.skipped} skipped); "
                   f"{summary.events} events in {summary.database}", err=True)
        if summary.outputs:
            click.echo(f"outputs in {Path(out).resolve()}: {', '.join(summary.outputs)}", err=True)
    if summary.articles_read == 0:
        raise SystemExit(1)


def _parse_date(text: str, option: str) -> dt.date:
    """The date an option gives; the message names that option (--published, --since, --until)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"{option} must be a date like 2016-10-21, not {text!r}") from exc


@click.group()
@click.version_option(package_name="sitreps")
def cli() -> None:
    """Turn news reports about armed conflict into a sourced event dataset."""


@cli.command("run")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", default="sitreps-out", show_default=True, help="Folder for the output files.")
@click.option("--db", default=None, help="Database file [default: OUT/sitreps.duckdb].")
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD): replaces a .txt file's date line; for other inputs, used when an article has no date.")
@click.option("--fetch", is_flag=True, help="Allow http(s) feed URLs among PATHS and fetch them.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary (for scripts).")
@_settings_options
def run_cmd(paths: tuple[str, ...], out: str, db: str | None, published: str | None, fetch: bool, quiet: bool,
            **options: Any) -> None:
    """Extract events from articles (files or folders: .jsonl, .txt, .html, RSS/Atom)."""
    _run(paths, out, db, published, fetch, quiet, options)


@cli.command("demo")
@click.option("--out", default="sitreps-out", show_default=True, help="Folder for the output files.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def demo_cmd(out: str, quiet: bool) -> None:
    """Run on the bundled example articles."""
    examples = resources.files("sitreps").joinpath("examples")
    with resources.as_file(examples) as folder:
        db = str(Path(out) / "demo.duckdb")
        if Path(db).exists():
            Path(db).unlink()  # the demo always starts from a clean database
        _run((str(folder),), out, db, None, False, quiet, {})


@cli.command("report")
@click.option("--db", required=True, help="The database a run wrote.")
@click.option("--out", default="report.html", show_default=True, help="The HTML file to write.")
@click.option("--since", default=None, help="Only events on or after this date.")
@click.option("--until", default=None, help="Only events on or before this date.")
@click.option("--country", default=None, help="Only events in this country (name or ISO3).")
@click.option("--actor", default=None, help="Only events whose actor 1 or 2 contains this text.")
def report_cmd(db: str, out: str, since: str | None, until: str | None, country: str | None, actor: str | None) -> None:
    """Rebuild the HTML situation report from a database."""
    from .report import write_report
    from .store import Store

    if not Path(db).exists():
        raise UsageError(f"{db}: no such database")
    with Store(Path(db)) as store:
        events, texts = store.events(), store.article_texts()
    lo = _parse_date(since, "--since") if since else None
    hi = _parse_date(until, "--until") if until else None
    events = [e for e in events if (lo is None or e.event_date >= lo) and (hi is None or e.event_date <= hi)
              and (not country or (e.place and country.lower() in (e.place.country.lower(), e.place.iso3.lower())))
              and (not actor or actor.lower() in f"{e.actor1} {e.actor2}".lower())]
    path = write_report(events, Path(out), article_texts=texts)
    click.echo(f"{len(events)} events in {path}", err=True)


@cli.group("gazetteer")
def gazetteer_cmd() -> None:
    """Manage place lists."""


@gazetteer_cmd.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
def gazetteer_import(file: str) -> None:
    """Import a GeoNames dump (allCountries.txt, a country file, or its .zip)."""
    from .knowledge.gazetteer import import_into_user_dir

    if not Path(file).exists():
        raise UsageError(f"{file}: no such file")
    dest = import_into_user_dir(Path(file))
    click.echo(f"imported {file} into {dest}", err=True)


@cli.command("settings")
@click.option("--markdown", is_flag=True, help="As the Markdown table in docs/settings.md.")
def settings_cmd(markdown: bool) -> None:
    """List every setting with its default."""
    if markdown:
        click.echo(settings_mod.markdown_table(), nl=False)
        return
    click.echo(json.dumps({s.name: s.default for s in settings_mod.SPECS}, indent=2))


@cli.command("eval")
@click.option("--data", default=None, type=click.Path(file_okay=False),
              help="Folder holding the benchmark data sets (case2021-task2/, ucdp-ged-iraq/, ...).")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True,
              help="dev: the development half; test: the held-out half; all: both, side by side.")
@click.option("--only", default=None, help="Comma-separated: case,ucdp,gtd,wikievents,fusion,examples [default: all].")
@click.option("--markdown", "markdown_path", default=None, help="Also write the table, command and date here.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N items per half (quick runs).")
@_settings_options
def eval_cmd(data: str | None, split: str, only: str | None, markdown_path: str | None, limit: int | None,
             **options: Any) -> None:
    """Measure accuracy on benchmark data sets (see docs/accuracy.md)."""
    from .evaluate import main as evaluate_main

    click.echo(evaluate_main(data, split, only, markdown_path, limit, say=lambda s: click.echo(s, err=True),
                             settings=_settings_from(options)))


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="sitreps", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("sitreps: aborted", err=True)
        raise SystemExit(130)
    except click.ClickException as exc:
        click.echo(f"sitreps: error: {exc.format_message()}", err=True)
        raise SystemExit(exc.exit_code)
    except SitrepsError as exc:
        click.echo(f"sitreps: error: {exc}", err=True)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
