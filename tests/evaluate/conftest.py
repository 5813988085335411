"""The hand-written benchmark folder (see eval_fixtures.py), written once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_fixtures import write_data


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_data(tmp_path_factory.mktemp("benchmarks"))
