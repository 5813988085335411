"""The results table: plain text for the terminal, Markdown for docs/accuracy.md.

A ratio shows as ``0.734 (578/787)``, a score as ``0.731``, a count as ``578``.  One column
per half of the data asked for (dev, test).  Only aggregate numbers of the test half are
ever shown; per-label detail and confusions are for the dev half.
"""

from __future__ import annotations

import datetime as dt
import platform
from dataclasses import dataclass
from typing import Sequence

from .metrics import Ratio, Section, Split, Value


def fmt(value: Value) -> str:
    if value is None:
        return "–"
    if isinstance(value, Ratio):
        return f"{value.value:.3f} ({value.hit}/{value.total})" if value.total else "– (0/0)"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def _label(section: Section) -> str:
    return f"{section.name} ({section.seconds:.1f} s)"


def _cells(sections: Sequence[Section], splits: Sequence[Split]) -> list[list[str]]:
    lines = []
    for section in sections:
        for i, r in enumerate(section.rows):
            lines.append([_label(section) if i == 0 else "", r.metric] + [fmt(getattr(r, s)) for s in splits])
        if not section.rows:
            lines.append([_label(section), "(nothing scored)"] + ["" for _ in splits])
    return lines


def text_table(sections: Sequence[Section], splits: Sequence[Split]) -> str:
    header = ["evaluation (wall time)", "metric", *splits]
    body = _cells(sections, splits)
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def render(line: list[str]) -> str:
        cells = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    out = [render(header), rule]
    for line in body:
        if line[0] and len(out) > 2:
            out.append(rule)
        out.append(render(line))
    notes = [f"{s.name}: {n}" for s in sections for n in s.notes]
    return "\n".join(out + ([""] + notes if notes else []))


def markdown_table(sections: Sequence[Section], splits: Sequence[Split]) -> str:
    header = ["Evaluation (wall time)", "Metric", *splits]
    lines = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * len(splits)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |" for cells in _cells(sections, splits)]
    return "\n".join(lines)


@dataclass(frozen=True)
class RunInfo:
    command: str
    date: dt.date
    version: str
    model: str
    load_seconds: float = 0.0  # loading the model and knowledge, once for every evaluation


def markdown(sections: Sequence[Section], splits: Sequence[Split], info: RunInfo,
             definitions: Sequence[tuple[str, str]]) -> str:
    """The whole docs/accuracy.md: provenance, the table, notes, definitions, dev detail."""
    parts = [
        "# Accuracy of sitreps",
        "",
        (f"Measured on {info.date.isoformat()} with sitreps {info.version} (spaCy model `{info.model}`, "
         f"Python {platform.python_version()}) by:"),
        "",
        "```bash",
        info.command,
        "```",
        "",
        ("dev is the half of each data set used while developing; test is held out, and only its "
         "aggregate numbers are shown.  Wall times exclude loading the pipeline once "
         f"({info.load_seconds:.1f} s)."),
        "",
        markdown_table(sections, splits),
    ]
    notes = [f"- {s.name}: {n}" for s in sections for n in s.notes]
    if notes:
        parts += ["", "Notes:", "", *notes]
    if definitions:
        parts += ["", "## How each number is computed"]
        for title, text in definitions:
            parts += ["", f"### {title}", "", text.strip()]
    details = [s.dev_detail for s in sections if s.dev_detail]
    if details:
        parts += ["", "## Dev half detail", "", *("\n\n".join(details),)]
    return "\n".join(parts) + "\n"


__all__ = ["fmt", "text_table", "markdown_table", "markdown", "RunInfo"]
