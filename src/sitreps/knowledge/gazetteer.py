"""The place gazetteer: written place names to coordinates and admin areas.

The shipped table (``data/gazetteer.tsv.gz``, built by ``tools/build_gazetteer.py``)
is one TSV of :data:`COLUMNS`; user imports (``import_geonames``) and extra files use
the same format and are loaded on top of it, a later row replacing an earlier one
with the same ``id``.  Lookups are plain dict hits on a normalised key, because the
caller asks about every capitalised phrase of every article.

Two keys: :func:`normalize` (case, diacritics, punctuation and a leading Arabic
article folded away) and :func:`loose_key` (also folds the commonest
transliteration variants: spaces and inner articles, ee/i, oo/u, ou/u, q/k, e/a,
doubled letters, ai/ay, a final h after a vowel).  Loose hits rank after exact ones.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple, Sequence

from ..geo import km
from ..errors import KnowledgeError
from ..records import Place
from .geonames_import import default_user_dir, import_geonames, import_into_user_dir, user_gazetteer_files

__all__ = [
    "COLUMNS",
    "Gazetteer",
    "default_user_dir",
    "import_geonames",
    "import_into_user_dir",
    "loose_key",
    "normalize",
    "normalize_many",
]

COLUMNS: tuple[str, ...] = (
    "id", "name", "ascii_name", "alternates", "latitude", "longitude", "country_code",
    "iso3", "country", "admin1", "admin2", "feature", "population", "parent", "source",
)  # fmt: skip
# Order of preference between places sharing a name: a country or a large city is
# what a bare name usually means ("Kirkuk" the city, not the province), but a
# province outranks a small town of the same name ("Salah ad Din").
FEATURE_RANK: dict[str, int] = {
    "country": 0, "city": 1, "province": 2, "town": 3, "populated place": 4,
    "district": 5, "village": 6, "neighbourhood": 7, "site": 8,
}  # fmt: skip
GEO_PRECISION: dict[str, int] = {"country": 3, "province": 3, "district": 2}
MAX_KEY_WORDS = 6  # longer alternates are descriptions ("chak two hundred sixty six rakh branch")

# ---------------------------------------------------------------- normalisation
_ARTICLES = "al|el|ad|adh|an|ar|as|ash|at|ath|az"
# Letters NFKD does not decompose into an ASCII base letter.
_LETTERS_MAP = {
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
    "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "ŀ": "l",
}  # fmt: skip
_SPECIAL = re.compile("[" + "".join(_LETTERS_MAP) + "]")
_NON_WORD = re.compile(r"[^a-z0-9\n]+")
_LEADING_ARTICLE = re.compile(rf"^(?:(?:{_ARTICLES}) )+", re.M)
_INNER_ARTICLE = re.compile(r"\b[ae](?:l|d|dh|n|r|s|sh|t|th|z) ")  # also Levantine ez-, es-
_DOUBLED = re.compile(r"([a-z])\1+")
_DIPHTHONG = re.compile(r"a[iy](?![aiou])")  # Bayji/Baiji/Beiji; not the y of Qayara
_FINAL_H = re.compile(r"(?<=[aeiou])h$", re.M)


SKELETON_MIN = 6  # loose keys shorter than this have no skeleton: too many collide
_INNER_VOWEL = re.compile(r"(?<=.)[aeiouy]")  # any but a line's first letter


def _fold_block(text: str) -> str:
    """Normalise newline-separated names in one pass: C-speed for 100k names."""
    text = unicodedata.normalize("NFKD", _SPECIAL.sub(lambda m: _LETTERS_MAP[m.group()], text))
    text = text.encode("ascii", "ignore").decode("ascii").lower().replace("'", "").replace("`", "")
    text = _NON_WORD.sub(" ", text).replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    return _LEADING_ARTICLE.sub("", text)


def _loose_block(keys: str) -> str:
    # Each fold was kept only if, over the Iraqi and Syrian GeoNames alternates, it
    # unified many spellings of one place and almost no two places (data README).
    text = _INNER_ARTICLE.sub("", keys).replace(" ", "")
    text = text.replace("ee", "i").replace("oo", "u").replace("ou", "u").replace("o", "u").replace("q", "k")
    text = _DOUBLED.sub(r"\1", text.replace("e", "a"))  # Erbil/Arbil, Tel/Tal/Tall
    return _FINAL_H.sub("", _DIPHTHONG.sub("ai", text))


def _skeleton(loose: str) -> str:
    # the last resort of a lookup: a loose key without its vowels after the first letter, so
    # "Mushahidah" finds Al Mashahidah and "Tarimiyah" At Tarmiyah.  It joins different places
    # far more often than the loose key does (59 of 330 new joins over the Iraqi and Syrian
    # names are > 25 km apart), so callers take it only where the text says it is a place.
    return _INNER_VOWEL.sub("", loose) if len(loose) >= SKELETON_MIN else ""


def normalize(name: str) -> str:
    """The exact lookup key: "Al-Mawṣil" -> "mawsil", "Tall ‘Afar" -> "tall afar"."""
    return _fold_block(name.replace("\n", " "))


def normalize_many(names: Sequence[str]) -> list[str]:
    return _fold_block("\n".join(n.replace("\n", " ") for n in names)).split("\n")


def loose_key(name: str) -> str:
    """The transliteration-tolerant key: "Al-Qayyarah", "Qayara" -> "kayara"."""
    return _loose_block(normalize(name))


def _loose_many(keys: Sequence[str]) -> list[str]:
    return _loose_block("\n".join(keys)).split("\n")


# Place names that are also everyday words or names: a caller should want more
# evidence than a capital letter ("in Hit", "the town of Hope") before taking them
# as places.  Derived from the shipped gazetteer's one-word keys: those spaCy's
# English lemma tables list as verb, adjective or adverb with a wordfreq Zipf
# frequency >= 3.3, hand-picked common nouns, function words and first/family
# names of the same frequency, plus months, weekdays, conflict-news vocabulary
# and common Arabic personal names and nisbas ("al-Baghdadi", "al-Sadr").
_AMBIGUOUS = frozenset("""
abadi abbas abdul abdullah abs abu acre ada adam adams addison adel adler adrian agency ahmad
ahmed aim ain airport aka ala alba ale alexandra ali alice alicia allah allawi allen alley
alliance alma along alter alvin amd amen ames ami amiri ana anderson andrea andreas angle ann
anna annex anthem apex april arab area ari ariel army arnold asa asaib assyrian aston ate auburn
august aurora austin awe aye bad badger badr bae bag baghdadi bake bakr baldwin bale bam ban
banged bank banning bar bard barn barnes barrage barry barzani basic bat bath batman battalion
bay bear begun bell bella ben bend bentley best bethany beverly bid big bin bingo bloom bo bon
bone bono boo boom boon bore born borne bow bowie bra brad bradley brake brandon bras brass bray
brick brigade brits brody bryan bryant buchanan buckley buffalo burke burton bury bush bust but
butterfly buy cage caller cameron campbell can canal canton care carey carlton carmen carnegie
caroline cars carson cary casey castro cat centennial center central chair champion champs
chandler chang charge charity charlotte chelsea chen cheng cher chi chin ching chop christian
chu claudio clay clayton clinton clive coalition cobra coca cocoa coin colon coma come command
committee commonwealth conception concord cone consolation converse conway coo cop cork council
counter cove crater creek cristina crystal cu dab daesh dalton dam dame dan dana dar darling
darwin date david davies davis dawn deal december defence defense delta der des desmond det
diana dick dickson dig dir dire division dixon do dom dome donna doris douglas downtown drama
dre drug dual dudley due dulaimi dun duncan eagle earnest eden eg elbow elizabeth elliot
emirates emmanuel empire enterprise er era eugene evans ever everett evergreen ezra fadhil
faisal faith falah far fate fawzi february federal ferdinand ferguson fernandez fleet fletcher
flint florence flores foley forces fore forest forge fountain francisco francois franklin
frederick freedom friday from front fu fulton furnace gala gale gap garcia gardner garland
garner garrison gary gay gel genes george gil gilbert gill given gloria glory god goes gold
goldberg golden google gore government grace graham grants gras grass green gregg grenade
griffin griffith grin grove gus gut hadi hai haidar haider hail hair haji hajji hal hale hall
hamas hamid hamilton hammond hang hanna harper harrington harrison hart harvey hasan hashd
hashimi hassan hat haul hay hayden hayes hayward henderson hercules hero hezbollah highland
highlands hill hire hit ho holden holiday holt homestead homo hon honda hong hook hoover hope
hopkins horn howard hr hu hub hue hughes hull human humble hunter hurricane husain hussein hut
hyde ibn ibrahim ie imam imperial independence interior isa isabel isil isis islamic ivan ive
jaafar jabbar jackson jacob jafar jalal jam jamal january jasper jefferson jen joanna johnston
joy juan jubouri jules julia juliet july junction june jupiter justice kai kakai kamal kan kane
kang kanye kara karim kataib katy keen keith keller kendall kennedy khaled khalid khan kim kin
kinder kong kung kurdish kyle lag lame lan lana lara lash laurel laurent lawrence lawson lay
lazy le leigh lemon len lena lend lens leo les leslie lessen lester levi levin lewis li liberal
liberation liberty lim lime lin lincoln linda lindsay linen lion lively log logan lola lone loop
lopez lorenzo lot lu luc luca lucas luck luis lung lynn mackay madeleine madison maga mahmoud
mahmud mai male maliki man manage manga manly manning mans mao marathon marc march marco mare
marian marina marine marion market marks marsh marshal marshall martin martinez martyr martyrs
marx mary mascot mason masoud matthews maxwell may mclean med media meds mega mel mentor
mercedes mercy meridian metro mets michel midi midland midway mile mine ministry miranda mission
mitchell mo mobile mohamed mohammad mohammed mole monday monroe monster mont moore morales more
moreno moron morris morton mos mosquito moss most movement much muhammad muhandis mullah murphy
murray muse mustafa mustang myers mystic n nadia nails name nancy nas nasir nasser natal nazi
nelson never newman news newton nice nico nigel nikki nina no noisy nokia nor normal norman
norris north norton nouri november nu nujaba o obama obeidi october of off officer oi okay ole
oliver olympic omar one opera operations opportunity opposition oral orange ore organization
osama outer pace pal palmer palo pan panda papa paradise paramount parker parole party pas paso
patience patterson peace pearl pedro peer pen perez perry peshmerga pet pets pi pin plain
plantation plaque plaza plum plunge police polo pop popular port possession postal pre press
preston pristine progress prosper providence puerto pun punch put qasim qassem qusay raj ram
ramon ramos ramsey ran rand randolph rapid rashid ray reading regiment ren rene republic res
reservoir resistance rest retreat rich richardson riding rim rise risen robe robert robertson
rodriguez rogers roles roman romans ron roosevelt rosa rosenberg roses rot roth rouge roundabout
roy rubio russ rust rye saad sad saddam sadr saga said sake sakura sale saleh salih saline
salman salon salt salvation same sami san sandy sane santa saturday savage save saxon say sayyid
se seaside sebastian security sedan seen semi september ser serena set seymour shabak shack
shaikh sham shammari shaping share shaw she sheikh shelby shelly shelton sherman shia shields
shiite shin shirley shot shut side sim sin since sing sir sire siri sis sistani ski slaughter
smile so soda sole solo song soo sophia sour sparks spat special spike split spoken spray spring
springs stains stalin stanley stanton state stella sterling stewart stoke strike stuart su
suarez sue sultan summit sun sunday sunni sunrise sunset superior surprise sutton suv swallow
swords tai taj talabani tale tall tame tan tango tank tape tara tariq tata taylor tell temple
tender teresa terrace thai than thomson thorne thornton thursday tikriti til till tilt time tin
tina ting tire titan to tone tongue tor torn torres tour tours toyota tracy trap tribal trojan
troy tsunami tu tube tucker tuesday tune tunes turbo turkmen turn turner tyler uday umar umm un
una une union university uptown valley van vans vary ve ventura vera vernon veto vic victor
victoria victory vie vin vincent vineyard vista vita vladimir wah waits wal walid walker walton
wan wanda ware warren wary washington wave wayne weber webster wed wedding wednesday weir
westbrook whitney wilson winston woodland worms worth wright yan yang yasin yassin yazidi ye yeh
yen yoga young youssef yu yuri yusuf zaid zara zarqawi ziad
""".split())


# ---------------------------------------------------------------- the gazetteer
class _Entry(NamedTuple):
    place: Place
    iso3: str
    population: int
    rank: int


@dataclass(frozen=True)
class _Focus:
    iso3: str = ""
    near: tuple[float, float] | None = None


def _read_text(path: Path | None) -> tuple[str, str]:
    """(origin, text) of a gazetteer file, or of the shipped one when path is None."""
    origin = str(path) if path is not None else "sitreps/knowledge/data/gazetteer.tsv.gz"
    try:
        if path is None:
            data = resources.files("sitreps.knowledge").joinpath("data/gazetteer.tsv.gz").read_bytes()
        else:
            data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        return origin, data.decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{origin}: cannot read gazetteer file: {exc}") from None


def _read_rows(path: Path | None, rows: dict[str, str]) -> None:
    """Add a file's rows to ``rows`` (id -> raw line), checking the format."""
    origin, text = _read_text(path)
    lines = text.split("\n")
    if lines[0].rstrip("\r").split("\t") != list(COLUMNS):
        raise KnowledgeError(f"{origin}:1: header must be the gazetteer columns: {' '.join(COLUMNS)}")
    width = len(COLUMNS)
    for number, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) != width or not fields[0] or not fields[1]:
            raise KnowledgeError(f"{origin}:{number}: expected {width} tab-separated columns, an id and a name")
        try:
            lat, lon = float(fields[4]), float(fields[5])
            int(fields[12] or 0)
        except ValueError:
            raise KnowledgeError(f"{origin}:{number}: bad latitude, longitude or population") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise KnowledgeError(f"{origin}:{number}: coordinates out of range")
        rows[fields[0]] = line


_LOADED: dict[tuple[tuple[str, int, int], ...], "Gazetteer"] = {}


class Gazetteer:
    """An in-memory gazetteer; build it with :meth:`load` (cached per process).

    ``max_words`` bounds the words in any indexed name (plus one for a leading
    article), so a caller scanning n-grams never needs longer ones; a tokenizer
    that splits hyphens ("al-Alil") needs more tokens than words.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = list(lines)
        self._entries: dict[int, _Entry] = {}
        self._exact: dict[str, list[int]] = {}
        self._loose: dict[str, list[int]] = {}
        self._skeletons: dict[str, list[int]] = {}
        self._countries: dict[str, str] = {}  # key, ISO2 or ISO3 -> ISO3
        self._ids: dict[str, int] | None = None
        self._provinces: dict[tuple[str, str], list[tuple[float, float]]] | None = None
        self._index()
        self.max_words = 1 + max((k.count(" ") + 1 for k in self._exact), default=0)

    @classmethod
    def load(cls, extra: Sequence[Path] = (), *, user_files: bool = True) -> "Gazetteer":
        """The shipped gazetteer, then user imports, then ``extra`` files, in that order."""
        paths = [*(user_gazetteer_files() if user_files else ()), *map(Path, extra)]
        try:
            signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
        except OSError as exc:
            raise KnowledgeError(f"{exc.filename}: cannot read gazetteer file: {exc.strerror}") from None
        if signature not in _LOADED:
            rows: dict[str, str] = {}
            for path in (None, *paths):
                _read_rows(path, rows)
            _LOADED.clear()  # one gazetteer per process: an old one is ~75 MB
            _LOADED[signature] = cls(list(rows.values()))
        return _LOADED[signature]

    def __len__(self) -> int:
        return len(self._lines)

    def _index(self) -> None:
        # All names go through the normaliser as one newline-joined string.
        blocks: list[str] = []
        owners: list[int] = []
        for row, line in enumerate(self._lines):
            _, name, ascii_name, alternates, rest = line.split("\t", 4)
            names = f"{name}|{ascii_name}|{alternates}" if alternates else f"{name}|{ascii_name}"
            blocks.append(names.replace("|", "\n"))
            owners.extend([row] * (names.count("|") + 1))
            if rest.split("\t", 8)[7] == "country":
                self._note_country(row)
        exact = self._exact
        for key, row in zip(_fold_block("\n".join(blocks)).split("\n"), owners):
            found = exact.get(key)
            if found is None:
                if key and key.count(" ") < MAX_KEY_WORDS:
                    exact[key] = [row]
            elif found[-1] != row:  # a row's names are consecutive
                found.append(row)
        keys = list(exact)
        loose = self._loose
        for key, lkey in zip(keys, _loose_many(keys)):
            if len(lkey) < 4:
                continue
            bucket = loose.get(lkey)
            if bucket is None:
                loose[lkey] = exact[key]  # shared until a second key folds to it
            else:
                loose[lkey] = bucket + [r for r in exact[key] if r not in bucket]
        lkeys = [k for k in loose if len(k) >= SKELETON_MIN]
        skeletons = self._skeletons
        for lkey, skeleton in zip(lkeys, _INNER_VOWEL.sub("", "\n".join(lkeys)).split("\n")):
            bucket = skeletons.get(skeleton)
            if bucket is None:
                skeletons[skeleton] = loose[lkey]  # shared until a second key folds to it
            else:
                skeletons[skeleton] = bucket + [r for r in loose[lkey] if r not in bucket]

    def _note_country(self, row: int) -> None:
        fields = self._lines[row].split("\t")
        for code in (fields[6], fields[7]):
            self._countries[code.lower()] = fields[7]
        for name in (fields[1], *fields[3].split("|")):
            self._countries.setdefault(normalize(name), fields[7])

    def _entry(self, row: int) -> _Entry:
        entry = self._entries.get(row)
        if entry is None:
            f = self._lines[row].split("\t")
            feature = f[11] or "populated place"
            # The ASCII name, as ACLED writes locations ("Hit", not "Hīt").
            place = Place(
                name=f[2] or f[1], latitude=float(f[4]), longitude=float(f[5]), country=f[8],
                iso3=f[7], admin1=f[9], admin2=f[10], feature=feature,
                geo_precision=GEO_PRECISION.get(feature, 1), gazetteer_id=f[0],
            )  # fmt: skip
            entry = _Entry(place, f[7], int(f[12] or 0), FEATURE_RANK.get(feature, 4))
            self._entries[row] = entry
        return entry

    def country_iso3(self, country: str | None) -> str:
        """ISO3 for an ISO3/ISO2 code or a country name; '' (no focus) when unknown."""
        if not country:
            return ""
        return self._countries.get(country.lower()) or self._countries.get(normalize(country), "")

    def lookup(
        self, name: str, *, country: str | None = None, near: tuple[float, float] | None = None
    ) -> list[Place]:
        """Places a written name may mean, best first.

        Order: the ``country`` focus (ISO3, ISO2 or name) first; within it exact-key
        hits before loose-key hits; then closeness to ``near`` (25 km steps); then
        feature (country, city, province, town, ...) and population.
        """
        key = normalize(name)
        if not key:
            return []
        focus = _Focus(self.country_iso3(country), near)
        loose = _loose_block(key) if len(key) >= 4 else ""
        scored: dict[int, tuple[float, ...]] = {}
        for tier, rows in ((0, self._exact.get(key, ())), (1, self._loose.get(loose, ()))):
            for row in rows:
                if row not in scored:
                    scored[row] = self._score(self._entry(row), tier, focus)
        if not scored and loose and focus.iso3:  # the last resort, in the focus country only
            for row in self._skeletons.get(_skeleton(loose), ()):
                if self._entry(row).iso3 == focus.iso3:
                    scored[row] = self._score(self._entry(row), 2, focus)
        return [self._entry(row).place for row in sorted(scored, key=lambda r: (scored[r], r))]

    @staticmethod
    def _score(entry: _Entry, tier: int, focus: _Focus) -> tuple[float, ...]:
        outside = 1 if focus.iso3 and entry.iso3 != focus.iso3 else 0
        steps = 0.0
        if focus.near is not None:
            steps = float(round(km(focus.near[0], focus.near[1], entry.place.latitude, entry.place.longitude) / 25))
        return (outside, tier, steps, entry.rank, -entry.population)

    def get(self, gazetteer_id: str) -> Place | None:
        """The place with this id, or None."""
        if self._ids is None:  # built on first use: most runs never ask
            self._ids = {line.split("\t", 1)[0]: row for row, line in enumerate(self._lines)}
        row = self._ids.get(gazetteer_id)
        return None if row is None else self._entry(row).place

    def near_province(self, place: Place, province: Place, tolerance_km: float) -> bool:
        """Whether a place lies in a province or within ``tolerance_km`` of a place the
        gazetteer files under it (reporters' labels are loose near boundaries)."""
        if place.admin1 == province.admin1 and place.iso3 == province.iso3:
            return True
        if self._provinces is None:  # built on first use, from every row with an admin1
            self._provinces = {}
            for line in self._lines:
                f = line.split("\t", 10)
                if f[9]:
                    self._provinces.setdefault((f[7], f[9]), []).append((float(f[4]), float(f[5])))
        points = self._provinces.get((province.iso3, province.admin1), ())
        return any(km(place.latitude, place.longitude, lat, lon) <= tolerance_km for lat, lon in points)

    def is_place_name(self, name: str, *, loose: bool = False) -> bool:
        """Whether a written name (or an already normalised key) names any place."""
        if name in self._exact:  # callers often pass a key they have normalised
            return True
        key = normalize(name)
        if key in self._exact:
            return True
        return loose and len(key) >= 4 and _loose_block(key) in self._loose

    def is_place_skeleton(self, name: str) -> bool:
        """Whether a written name (or a normalised key) names a place by its consonants (see ``_skeleton``)."""
        key = normalize(name)  # idempotent on a key
        skeleton = _skeleton(_loose_block(key)) if len(key) >= 4 else ""
        return bool(skeleton) and skeleton in self._skeletons

    def is_ambiguous_word(self, name: str) -> bool:
        """True for names that are also ordinary English words or first names."""
        return name in _AMBIGUOUS or normalize(name) in _AMBIGUOUS


