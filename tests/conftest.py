"""Fixtures shared by every test folder: one loaded pipeline for the whole session."""

from __future__ import annotations

import pytest

from sitreps.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The spaCy model and curated knowledge, loaded once (about 3 s)."""
    return Pipeline()
