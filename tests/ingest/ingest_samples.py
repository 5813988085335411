"""Sample inputs and a result wrapper shared by the ingest tests.

(A uniquely named module rather than conftest.py, which other test folders
may also have and which is not meant to be imported.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitreps.records import Article, Problem

DATA = Path(__file__).parent / "data"

# Small English reports written for these tests.
BORNO = (
    "Suspected Boko Haram fighters killed at least 11 people in an overnight attack "
    "on the village of Kwamjilari in Borno state, local officials said on Saturday."
)
KANDAHAR = (
    "Two soldiers were killed when a roadside bomb hit their patrol near Kandahar on "
    "Monday, a provincial spokesman said. Three others were wounded."
)
ALEPPO = (
    "Air strikes on a market in eastern Aleppo killed at least 23 civilians on Tuesday, "
    "according to the Syrian Observatory for Human Rights, which said the toll could rise."
)
MOGADISHU = (
    "A car bomb exploded outside a hotel in Mogadishu on Sunday, killing at least five "
    "people, police said. Al-Shabaab said it carried out the attack."
)


@dataclass
class Result:
    items: list[Article | Problem]

    @property
    def articles(self) -> list[Article]:
        return [item for item in self.items if isinstance(item, Article)]

    @property
    def problems(self) -> list[str]:
        """Every problem as its one-line message ("origin: reason")."""
        return [item.line() for item in self.items if isinstance(item, Problem)]

    @property
    def problem_records(self) -> list[Problem]:
        return [item for item in self.items if isinstance(item, Problem)]


# Signatures of the conftest fixtures, for annotations in the tests.
Ingest = Callable[..., Result]
Write = Callable[[str, "str | bytes"], Path]
