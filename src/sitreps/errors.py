"""The sitreps exception tree.

    SitrepsError                 base of everything we raise on purpose
    ├── InputError               an input file, line or feed cannot be used
    │   └── FetchError           a feed URL could not be fetched (--fetch)
    ├── KnowledgeError           an actor list, lexicon or gazetteer file is invalid
    ├── StoreError               the database cannot be opened or has a newer schema
    ├── MissingDependency        an optional extra is not installed
    └── UsageError               the command or API was called wrongly

The CLI turns any of these into one line on stderr and a non-zero exit; a batch
turns an InputError for one article into a reported problem and carries on.
"""

from __future__ import annotations


class SitrepsError(Exception):
    """Base class for errors sitreps raises on purpose."""


class InputError(SitrepsError):
    """An input file, line or feed cannot be used.  ``origin`` names it."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class FetchError(InputError):
    """A feed URL could not be fetched."""


class KnowledgeError(SitrepsError):
    """A curated list (actors, lexicon, gazetteer) is missing or malformed."""


class StoreError(SitrepsError):
    """The event database cannot be opened, read or migrated."""


class MissingDependency(SitrepsError):
    """An optional dependency is needed for this feature."""

    def __init__(self, package: str, extra: str, feature: str) -> None:
        super().__init__(
            f"{feature} needs the '{package}' package: pip install 'sitreps[{extra}]'"
        )
        self.package = package
        self.extra = extra


class UsageError(SitrepsError):
    """The command or API was called with arguments that cannot work."""
