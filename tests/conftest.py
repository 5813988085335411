"""Fixtures shared by every test folder: one loaded pipeline for the whole session."""

from __future__ import annotations

import copy as _copy
import dataclasses
from typing import Callable

import pytest

from sitreps.knowledge.typing import TypingModel
from sitreps.pipeline import Pipeline
from sitreps.settings import Settings


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The spaCy model and curated knowledge, loaded once (about 3 s)."""
    return Pipeline()


Variant = Callable[..., Pipeline]


@pytest.fixture(scope="session")
def variant(pipeline: Pipeline) -> Variant:
    """The session's pipeline with other settings or another type model, sharing its loaded
    spaCy model and knowledge: variant(settings=..., typing=...)."""

    def make(settings: Settings | None = None, typing: TypingModel | None = None) -> Pipeline:
        copy = _copy.copy(pipeline)
        copy.settings = settings or pipeline.settings
        if typing is not None:
            copy.kb = dataclasses.replace(pipeline.kb, typing=typing)
        return copy

    return make
