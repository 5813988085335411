"""Actors: every alias from the curated actor list found in the article.

Names are resolved to canonical actors later, per event, because a templated
actor ("Military Forces of {country}") needs the event's country.
"""

from __future__ import annotations

from ..knowledge import Knowledge
from ..settings import Settings
from .analysis import Analysis

NAME = "actors"
NEEDS = ("sentences",)
ADDS = ("actor_hits",)


def apply(analysis: Analysis, kb: Knowledge, settings: Settings) -> Analysis:
    hits = kb.actors.find(analysis.doc)
    return analysis.add(NAME, actor_hits=tuple(hits))
