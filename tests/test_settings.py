"""Settings that are worked out from others: worker processes and the encoder's threads."""

from __future__ import annotations

import pytest

from sitreps import settings as s


@pytest.mark.parametrize(
    "cores, jobs, threads, expected",
    [
        (2, 1, 0, 2),  # one process on two cores: the encoder takes both
        (2, 2, 0, 1),  # a worker per core: one thread each
        (2, 0, 0, 1),  # jobs 0 is a worker per core
        (8, 3, 0, 2),  # the cores left to each worker, rounded down
        (2, 4, 0, 1),  # more workers than cores: never fewer than one thread
        (2, 1, 3, 3),  # asked for: as asked
    ],
)
def test_encoder_threads(monkeypatch: pytest.MonkeyPatch, cores: int, jobs: int, threads: int, expected: int) -> None:
    monkeypatch.setattr(s, "cores", lambda: cores)
    assert s.encoder_threads(s.Settings(jobs=jobs, encoder_threads=threads)) == expected


def test_jobs_zero_is_a_worker_per_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(s, "cores", lambda: 6)
    assert [s.worker_count(s.Settings(jobs=j)) for j in (0, 1, 4)] == [6, 1, 4]

