"""sitreps: news reports about armed conflict in, a sourced event dataset out.

    >>> import sitreps
    >>> result = sitreps.extract("IS militants attacked Bartella on Monday, killing 12 soldiers.",
    ...                          published="2016-10-21", source="Tigris Wire")
    >>> summary = sitreps.run(["articles/"], out="sitreps-out")
"""

from __future__ import annotations

from .errors import SitrepsError
from .pipeline import Extraction, Pipeline, RunSummary, extract, run
from .settings import Settings

__version__ = "0.1.0"
__all__ = ["extract", "run", "Pipeline", "Extraction", "RunSummary", "Settings", "SitrepsError", "__version__"]
