"""tools/gazetteer_admin1.py: naming GeoNames admin1 codes for the shipped gazetteer."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import gazetteer_admin1 as world  # noqa: E402

RG = """lat,lon,name,admin1,admin2,cc
11.846,13.160,Maiduguri,Borno,,NG
12.10,13.20,Konduga,Borno,,NG
12.00,8.52,Kano,Kano,,NG
12.05,8.60,Ungogo,Kano,,NG
9.90,8.89,Jos,Plateau,,NG
9.95,8.95,Bukuru,Plateau,,NG
"""


def city(gid: int, name: str, lat: float, lon: float, code: str, pop: int = 5000) -> tuple[str, dict]:
    return str(gid), {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "countrycode": "NG",
                      "admin1code": code, "population": pop}


CITIES = dict([
    city(1, "Maiduguri", 11.8464, 13.1603, "27", 1_000_000), city(2, "Konduga", 12.1005, 13.2012, "27"),
    city(3, "Kano", 12.0002, 8.5167, "29", 3_000_000), city(4, "Ungogo", 12.0503, 8.6004, "29"),
    city(5, "Jos", 9.8965, 8.8583, "49"), city(6, "Bukuru", 9.9501, 8.9498, "49"),
    city(7, "Lonely", 5.0, 5.0, "99"),  # no rg town within 10 km: no name
])  # fmt: skip


def test_codes_take_the_name_of_their_towns(tmp_path: Path) -> None:
    rg = tmp_path / "rg.csv"
    rg.write_text(RG, encoding="utf-8")
    names = world.names_by_code(rg, CITIES)
    assert names == {("NG", "27"): "Borno", ("NG", "29"): "Kano", ("NG", "49"): "Plateau"}


def test_a_name_two_codes_share_is_dropped(tmp_path: Path) -> None:
    """A division split since 2015: both halves' towns still carry the old name."""
    rg = tmp_path / "rg.csv"
    rg.write_text(RG.replace(",Kano,,NG", ",Borno,,NG"), encoding="utf-8")
    assert ("NG", "27") not in world.names_by_code(rg, CITIES)


def test_row_names_and_alternates(tmp_path: Path) -> None:
    rg = tmp_path / "rg.csv"
    rg.write_text(RG, encoding="utf-8")
    records = {d.name: d for d in world.divisions(world.names_by_code(rg, CITIES), CITIES, set(), {"niger"})}
    assert records["Borno"].row_name() == "Borno"
    assert "Borno State" in records["Borno"].alternates()
    assert records["Kano"].row_name() == "Kano State"  # the city keeps "Kano"
    assert "Kano" not in records["Kano"].alternates()
    assert records["Plateau"].row_name() == "Plateau State"  # an English word
    lat, lon = records["Borno"].latitude, records["Borno"].longitude
    assert 11.8 < lat < 12.2 and 13.1 < lon < 13.3  # the median of its towns


def test_clean_names() -> None:
    assert world.clean("Muhafazat Hadramawt") == "Hadramawt"
    assert world.clean("Muhafazat al Hudaydah") == "Al Hudaydah"
    assert world.clean("Xinjiang Uygur Zizhiqu") == "Xinjiang"
