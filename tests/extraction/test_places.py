"""Places: names the model and the gazetteer half-know, resolved with the province the
sentence names."""

import datetime as dt

import pytest

from sitreps.ingest import make_article
from sitreps.pipeline import Pipeline


def places(pipeline: Pipeline, text: str) -> list[tuple[str, str, str]]:
    result = pipeline.extract(make_article(text, dt.date(2016, 5, 1)))
    return [(p.evidence.text, p.place.name, p.place.admin1) for p in result.places]


def test_the_tail_of_an_unknown_name_is_not_a_place(pipeline: Pipeline) -> None:
    # "Kusaybah" is a town in Anbar; "Tall Kusaybah, Saladin" is another place
    found = places(pipeline, "Two suicide bombers detonated in Tall Kusaybah, Saladin governorate, Iraq.")
    assert [name for _, name, _ in found if name != "Iraq"] == ["Salah ad Din"]


def test_a_namesake_outside_the_named_province_gives_way(pipeline: Pipeline) -> None:
    # Al Jazeera is also a place in Wasit; the sentence places it near Tikrit, Saladin
    found = places(pipeline, "Attackers with eight car bombs struck an army post in Al Jazeera, near Tikrit, Saladin governorate, Iraq.")
    assert [admin1 for _, _, admin1 in found if admin1 not in ("", "Salah ad Din")] == []
    assert any(name == "Tikrit" for _, name, _ in found)


@pytest.mark.parametrize("spelling", ["Karma", "Karmah", "Al-Karmah"])
def test_short_transliteration_variants(pipeline: Pipeline, spelling: str) -> None:
    found = places(pipeline, f"Assailants attacked security forces in {spelling}, Al Anbar, Iraq.")
    assert ("Al Karmah", "Anbar") in [(name, admin1) for _, name, admin1 in found]
