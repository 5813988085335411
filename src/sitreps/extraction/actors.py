"""Actors: every alias from the curated actor list found in the article.

Names are resolved to canonical actors later, per event, because a templated
actor ("Military Forces of {country}") needs the event's country.
"""

from __future__ import annotations

import dataclasses

from ..knowledge import Knowledge
from ..settings import Settings
from .analysis import Analysis

NAME = "actors"
NEEDS = ("sentences",)
ADDS = ("actor_hits",)


def apply(analysis: Analysis, kb: Knowledge, settings: Settings) -> Analysis:
    # an actor is the one of the article's day: the Taliban of 2023 are Afghanistan's forces
    day = analysis.article.published
    hits = [h if h.entry.successor is None else dataclasses.replace(h, entry=h.entry.as_of(day))
            for h in kb.actors.find(analysis.doc)]
    return analysis.add(NAME, actor_hits=tuple(hits))
