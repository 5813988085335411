"""Ingest: files, folders and feeds in; :class:`Article` and :class:`Problem` out.

    for item in read_paths(["reports/", "extra.jsonl"]):
        if isinstance(item, Problem):
            print(item.line(), file=sys.stderr)
        else:
            handle(item)

Formats, by file extension: ``.jsonl``/``.ndjson`` (one article a line),
``.txt``, ``.html``/``.htm``, and RSS/Atom feeds (``.rss``, ``.atom``, or an
``.xml`` whose root is ``<rss>``/``<feed>``/``<rdf:RDF>``).  With
``fetch=True`` an http(s) URL is fetched and read as a feed.

Items come out in input order.  A bad file, line or entry never raises: it
becomes a Problem (``origin: reason``) and the batch goes on.  Origins are the
path as given, plus ``:LINE`` for a JSONL line and ``#N`` for a feed's Nth entry.

Folders are walked recursively in sorted order; hidden files and folders,
files with other extensions and ``.xml`` files that are not feeds are skipped
silently there, but reported when named explicitly.

Every article must look like English (see :mod:`.language`) and is read once
per call.  A repeat (same id, or same text under another id) is not yielded
again; instead a *non-fatal* Problem ``duplicate of article <id> from
<first origin>; skipped`` is yielded, so callers can count repeats (reasons
start with :data:`DUPLICATE`) without losing anything: the content was already
yielded.  The same explicit JSONL id used for a *different* text is a fatal
Problem: one of the two would otherwise be silently lost or overwrite the other.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from ..errors import InputError
from ..records import Article, Problem
from ..settings import DEFAULT, Settings
from . import feeds, html, jsonl, text
from .common import Context, Opener, article_id, make_article
from .fetch import is_url
from .language import not_english_reason

__all__ = [
    "DUPLICATE",
    "READERS",
    "Context",
    "Opener",
    "article_id",
    "make_article",
    "read_paths",
]

Reader = Callable[[Path, Context], Iterator[Article | Problem]]

READERS: dict[str, Reader] = {
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
    ".txt": text.read,
    ".html": html.read,
    ".htm": html.read,
    ".xml": feeds.read,
    ".rss": feeds.read,
    ".atom": feeds.read,
}

DUPLICATE = "duplicate of article "


def read_paths(
    paths: Sequence[str | Path],
    *,
    settings: Settings = DEFAULT,
    published: dt.date | None = None,
    fetch: bool = False,
    opener: Callable[[str, float, int], bytes] | None = None,
) -> Iterator[Article | Problem]:
    """Read every path (file, folder or, with ``fetch``, feed URL) in order."""
    ctx = Context(settings=settings, published=published, fetch=fetch, opener=opener)
    screen = _Screen(settings.min_english)
    # A lone str is a Sequence too; iterating it would read one path per character.
    given_paths: Sequence[str | Path] = [paths] if isinstance(paths, (str, Path)) else paths
    for given in given_paths:
        for item in _read_given(given, ctx):
            yield screen.check(item)


class _Screen:
    """Checks that apply to every article whatever its format: English, and
    read only once per call."""

    def __init__(self, min_english: float) -> None:
        self.min_english = min_english
        self.by_id: dict[str, tuple[str, str]] = {}  # id -> (content hash, origin)
        self.by_hash: dict[str, str] = {}  # content hash -> id

    def check(self, item: Article | Problem) -> Article | Problem:
        if isinstance(item, Problem):
            return item
        reason = not_english_reason(f"{item.title}\n{item.text}", self.min_english)
        if reason:
            return Problem(item.origin, reason)
        digest = article_id(item.text)
        if item.id in self.by_id:
            first_digest, first_origin = self.by_id[item.id]
            if first_digest != digest:
                return Problem(
                    item.origin,
                    f"id '{item.id}' already used by {first_origin} for a different text; skipped",
                )
            return self._duplicate(item, item.id, first_origin)
        if digest in self.by_hash:
            first_id = self.by_hash[digest]
            return self._duplicate(item, first_id, self.by_id[first_id][1])
        self.by_id[item.id] = (digest, item.origin)
        self.by_hash[digest] = item.id
        return item

    @staticmethod
    def _duplicate(item: Article, first_id: str, first_origin: str) -> Problem:
        reason = f"{DUPLICATE}{first_id} from {first_origin}; skipped"
        return Problem(item.origin, reason, fatal_for_article=False)


def _read_given(given: str | Path, ctx: Context) -> Iterator[Article | Problem]:
    """One command-line argument: a URL, a folder or a file."""
    name = str(given)
    if is_url(name):
        yield from _guarded(name, feeds.read_url(name, ctx))
        return
    path = Path(given)
    if not path.exists():
        yield Problem(name, "no such file or directory")
    elif path.is_dir():
        for found, reader in _walk(path):
            yield from _guarded(str(found), reader(found, ctx))
    elif (named := READERS.get(path.suffix.lower())) is None:
        yield Problem(name, _unknown_type(path))
    else:
        yield from _guarded(name, named(path, ctx))


def _unknown_type(path: Path) -> str:
    known = ", ".join(READERS)
    kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
    return f"unknown file type {kind}; expected one of {known}"


def _walk(root: Path) -> Iterator[tuple[Path, Reader]]:
    """Readable files under root, depth first in sorted order.  Symlinked
    folders are followed once; a link back up the tree would loop forever."""
    seen: set[str] = set()

    def visit(folder: Path) -> Iterator[tuple[Path, Reader]]:
        real = os.path.realpath(folder)
        if real in seen:
            return
        seen.add(real)
        for entry in _sorted_entries(folder):
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                if not _is_output_folder(entry):
                    yield from visit(entry)
                continue
            reader = READERS.get(entry.suffix.lower())
            if reader is feeds.read and entry.suffix.lower() == ".xml" and not feeds.is_feed_file(entry):
                continue  # some other XML (a sitemap, an export); not ours
            if reader is not None:
                yield entry, reader

    yield from visit(root)


def _is_output_folder(folder: Path) -> bool:
    """A folder sitreps wrote its results to: `sitreps run .` must not read them back."""
    return (folder / "events.jsonl").is_file() and (folder / "mentions.jsonl").is_file()


def _sorted_entries(folder: Path) -> Iterable[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _guarded(origin: str, items: Iterator[Article | Problem]) -> Iterator[Article | Problem]:
    """Run one reader so nothing it raises can stop the batch."""
    try:
        yield from items
    except InputError as exc:
        yield Problem(exc.origin, exc.reason)
    except OSError as exc:
        yield Problem(origin, f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # one odd file must not end the batch
        yield Problem(origin, f"could not read: {type(exc).__name__}: {exc}")
