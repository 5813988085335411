"""What every input format shares: the reading context, article ids and file checks.

Format readers raise :class:`~sitreps.errors.InputError` for a whole file that
cannot be used (the dispatcher turns it into a :class:`~sitreps.records.Problem`)
and *yield* Problems for single lines or feed entries, so the rest of the file
still goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..records import Article
from ..settings import DEFAULT, Settings

MB = 1024 * 1024

# opener(url, timeout_seconds, max_bytes) -> body.  Injected so tests (and callers
# behind a proxy or cache) never need the network.
Opener = Callable[[str, float, int], bytes]

# A file with a NUL byte this early is almost surely binary (images, PDFs,
# UTF-16 dumps); looking further would mean reading big files for nothing.
_BINARY_SNIFF = 8192


@dataclass
class Context:
    """Everything a format reader needs besides the path."""

    settings: Settings = DEFAULT
    published: dt.date | None = None  # the caller's --published date, if any
    fetch: bool = False
    opener: Opener | None = None
    # Injectable so tests can pin "now"; used to reject dates in the future.
    today: dt.date = field(default_factory=dt.date.today)


def article_id(text: str) -> str:
    """Content-hash id: the same words with different spacing get the same id."""
    collapsed = " ".join(text.split())
    return "a" + hashlib.sha256(collapsed.encode("utf-8")).hexdigest()[:16]


_BLANK_RUN = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")


def normalize_text(text: str) -> str:
    """One canonical form so later character spans and ids do not depend on
    the input's line endings or Unicode composition."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_RUN.sub("\n\n", text).strip()


def make_article(
    text: str,
    published: dt.date,
    *,
    source: str = "",
    url: str = "",
    title: str = "",
    origin: str = "",
    id: str | None = None,  # named like Article.id, shadowing the builtin on purpose
    published_estimated: bool = False,
) -> Article:
    """Build an :class:`Article` with normalized text and a content-hash id
    unless an explicit ``id`` is given."""
    clean = normalize_text(text)
    if isinstance(published, dt.datetime):
        # datetime is a date subclass; keep Article.published a plain date.
        published = published.date()
    return Article(
        id=id if id else article_id(clean),
        text=clean,
        published=published,
        source=" ".join(source.split()),
        url=url.strip(),
        title=" ".join(title.split()),
        origin=origin,
        published_estimated=published_estimated,
    )


def size_limit_reason(size: int, limit_mb: float, setting: str) -> str:
    return f"file is {size / MB:.1f} MB, over the {limit_mb:g} MB limit ({setting})"


def load_bytes(path: Path, settings: Settings) -> bytes:
    """Read a file after the checks that do not need its content decoded.

    The size is checked with stat() *before* reading so a huge file costs
    nothing.  The limit applies per file to every format, JSONL included:
    one rule is easier to predict than per-format exceptions.
    """
    origin = str(path)
    size = path.stat().st_size
    if size > settings.max_file_mb * MB:
        raise InputError(origin, size_limit_reason(size, settings.max_file_mb, "max_file_mb"))
    if size == 0:
        raise InputError(origin, "empty file")
    data = path.read_bytes()
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise InputError(origin, "binary file, not text")
    return data


def decode_utf8(data: bytes, origin: str, base_offset: int = 0) -> str:
    """Decode UTF-8 (a leading BOM is dropped) or raise InputError naming the
    first bad byte, so the user can find it with a hex viewer."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise InputError(
            origin, f"not UTF-8 text (byte 0x{bad:02x} at offset {base_offset + exc.start})"
        ) from None
    # Decoding as plain UTF-8 and dropping the BOM afterwards is what utf-8-sig
    # does, but keeps the reported offsets relative to the raw file.
    return text.removeprefix("\ufeff")


def load_text(path: Path, settings: Settings) -> str:
    """A whole text file, checked (size, empty, binary, UTF-8)."""
    text = decode_utf8(load_bytes(path, settings), str(path))
    if not text.strip():
        raise InputError(str(path), "empty file")
    return text
