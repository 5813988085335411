"""Shared fixtures for the ingest tests: writing inputs and reading results."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

# The package is used from the source tree when it is not installed.
_SRC = Path(__file__).resolve().parents[2] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

from ingest_samples import Ingest, Result, Write  # noqa: E402

from sitreps.ingest import read_paths  # noqa: E402


@pytest.fixture
def ingest() -> Ingest:
    def run(paths: Sequence[str | Path] | str | Path, **options: Any) -> Result:
        if isinstance(paths, (str, Path)):
            paths = [paths]
        return Result(list(read_paths(paths, **options)))

    return run


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """write("sub/name.txt", content) -> the path, folders created."""

    def put(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return put
