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


@pytest.mark.parametrize("text", [
    "Assailants and suicide bombers raided Hit, Al Anbar, Iraq.",  # "hit" is also a verb
    "Gunmen attacked a checkpoint in the Jazira area, Samarra, Saladin, Iraq.",  # the model calls Samarra a nationality
])
def test_a_name_followed_by_its_province_is_a_place(pipeline: Pipeline, text: str) -> None:
    towns = [name for _, name, admin1 in places(pipeline, text) if name in ("Hit", "Samarra")]
    assert towns, places(pipeline, text)


def test_a_spelling_variant_abroad_is_not_taken_in_an_iraqi_address(pipeline: Pipeline) -> None:
    # "Rasheed" is a loose spelling of Rosetta (Egypt); the sentence is an Iraqi address
    found = places(pipeline, "A bomb hit a police patrol in Arab Ejbur, Rasheed, Baghdad city, Baghdad governorate, Iraq.")
    assert "Rosetta" not in [name for _, name, _ in found]
    assert "Baghdad" in [name for _, name, _ in found]


@pytest.mark.parametrize("headline", [
    "Fallujah: Iraqi forces face tough resistance",  # tagged as a common noun at the start
    "Iraqi forces enter IS-held Hit as thousands flee",  # an ambiguous word after "IS-held"
    "UN report on the retaking of Mosul City, 17 October 2016",  # "City" does not make an unknown longer name
])
def test_headline_places(pipeline: Pipeline, headline: str) -> None:
    names = [name for _, name, _ in places(pipeline, headline)]
    assert {"Al Fallujah", "Hit", "Mosul"} & set(names), names


def test_an_everyday_noun_at_the_start_is_still_not_a_place(pipeline: Pipeline) -> None:
    # Police is a town in Poland; as the first word of a sentence it is the police
    assert places(pipeline, "Police said three people were wounded.") == []


def full(pipeline: Pipeline, text: str) -> list[tuple[str, str, str]]:
    result = pipeline.extract(make_article(text, dt.date(2016, 5, 1)))
    return [(p.place.name, p.place.admin1, p.place.feature) for p in result.places]


@pytest.mark.parametrize("text, elsewhere, holder", [
    # Ar Rashidiyah (Babil) lies 127 km from any place in Diyala: a namesake
    ("Gunmen opened fire on a wedding party in Rashidiyah, Diyala, Iraq.", "Babil", "Diyala"),
    # Al Amiriyah (Anbar) lies 53 km from Baghdad: "Baghdad city" says this one is in the city
    ("A roadside bomb went off in Al Amiriyah subdistrict, Baghdad city, Baghdad governorate, Iraq.", "Anbar", "Baghdad"),
    # As Salam (Maysan) is 300 km from Baghdad: here it only names a checkpoint near it
    ("A car bomb exploded at the Al-Salam checkpoint near Baghdad, Iraq.", "Maysan", "Baghdad"),
])
def test_an_address_rules_out_namesakes_elsewhere(pipeline: Pipeline, text: str, elsewhere: str, holder: str) -> None:
    found = full(pipeline, text)
    assert elsewhere not in [admin1 for _, admin1, _ in found], found
    assert {admin1 for _, admin1, feature in found if feature != "country"} == {holder}, found


@pytest.mark.parametrize("text, town", [
    ("Militants executed twelve villagers in Hawijah, Kirkuk, Iraq.", "Al Hawijah"),  # Kirkuk the province, not the city 55 km off
    ("Clashes were reported in Mosul, Kirkuk and Tikrit on Friday.", "Mosul"),  # a list, not an address
    ("A sniper shot a soldier in Tarmiyah, Saladin, Iraq.", "At Tarmiyah"),  # filed under Baghdad, 13 km from Saladin
    ("A car bomb went off outside a party office in Tuz Khormatu, Saladin, Iraq.", "Tuz Khurmatu"),  # o for u
])
def test_an_address_keeps_the_towns_it_holds(pipeline: Pipeline, text: str, town: str) -> None:
    assert town in [name for name, _, _ in full(pipeline, text)]


def test_a_name_written_as_a_governorate_is_the_province(pipeline: Pipeline) -> None:
    found = full(pipeline, "Two bombs went off in Sharqat, Salaheddin province, Iraq.")
    assert ("Salah ad Din", "Salah ad Din", "province") in found
    assert ("Ash Sharqat", "Salah ad Din", "city") in found
    assert "Pirmam" not in [name for name, _, _ in found]  # a resort near Erbil also called Salahaddin


def test_a_name_after_an_apostrophe_inside_a_person_name_is_not_a_place(pipeline: Pipeline) -> None:
    found = full(pipeline, "Gunmen shot dead Brigadier General Ghalib 'Ubayd Khalaf al-Bahadili near his home.")
    assert "El Obeid" not in [name for name, _, _ in found], found


def test_a_town_standing_for_its_governorate_in_an_address_is_not_a_point(pipeline: Pipeline) -> None:
    # the village is unknown; "Kirkuk" before the country is the city or the governorate
    result = pipeline.extract(make_article("Militants shelled Qaryat Tamimi village, Kirkuk, Iraq.", dt.date(2016, 5, 1)))
    kirkuk = [p for p in result.places if p.place.name == "Kirkuk"]
    assert kirkuk and all(p.geo_precision == 2 for p in kirkuk)
    plain = pipeline.extract(make_article("Militants shelled an army post in Kirkuk on Monday.", dt.date(2016, 5, 1)))
    assert [p.geo_precision for p in plain.places if p.place.name == "Kirkuk"] == [1]


def test_a_country_name_used_as_a_modifier_is_the_country(pipeline: Pipeline) -> None:
    # a short capitalised word usually opens a longer name ("Hit Hospital"); a country's name does not
    found = places(pipeline, "Suicide bomber kills six at Iraq Shiite mosque: officials")
    assert [(text, name) for text, name, _ in found] == [("Iraq", "Iraq")]


def test_a_vowel_variant_is_a_place_only_where_the_text_says_so(pipeline: Pipeline) -> None:
    # "Mushahidah, Saladin" names Al Mashahidah by its consonants; a bare capitalised word
    # with the same consonants is no place without a cue ("Mushahidah said")
    told = places(pipeline, "A bomb exploded near a police patrol in Mushahidah, Saladin, Iraq.")
    assert ("Mushahidah", "Al Mashahidah", "Salah ad Din") in told
    assert not [t for t in places(pipeline, "Mushahidah said the patrol was safe.") if t[0] == "Mushahidah"]


def capitals(pipeline: Pipeline, text: str) -> list[tuple[str, str, str, int]]:
    result = pipeline.extract(make_article(text, dt.date(2016, 5, 1)))
    return [(p.raw, p.place.name, p.evidence.extractor, p.geo_precision) for p in result.places]


@pytest.mark.parametrize("text, expected", [
    # a capital named by its country, as wire copy names it
    ("A car bomb exploded in the Afghan capital on Monday, killing four.",
     [("the Afghan capital", "Kabul", "places.capital", 1)]),
    ("Suicide bomber kills at least 7 civilians in Iraqi capital",
     [("Iraqi capital", "Baghdad", "places.capital", 1)]),
    # "Syria's capital" is Damascus, not Syria
    ("Fighting reached Syria's capital on Sunday.", [("Syria's capital", "Damascus", "places.capital", 1)]),
    # near it, not in it
    ("A bomb killed five people south of the Iraqi capital on Monday.",
     [("south of the Iraqi capital", "Baghdad", "places.capital", 2)]),
    # a province's capital is no country's, and a capital named after the comma is read by its name
    ("Clashes erupted in the capital of Nineveh province.", [("Nineveh", "Nineveh", "places.gazetteer", 3)]),
    ("Gunmen attacked a checkpoint in the Somali capital, Mogadishu, on Sunday.",
     [("Somali", "Somalia", "places.gazetteer", 3), ("Mogadishu", "Mogadishu", "places.gazetteer", 1)]),
])
def test_a_capital_named_by_its_country_is_that_city(pipeline: Pipeline, text: str, expected: list) -> None:
    assert capitals(pipeline, text) == expected


def test_the_capital_alone_is_the_capital_of_the_articles_country(pipeline: Pipeline) -> None:
    text = "Iraqi police said the march in Basra was peaceful. Protesters also gathered in the capital on Friday."
    assert ("the capital", "Baghdad", "places.capital", 1) in capitals(pipeline, text)


def test_a_surname_after_de_la_is_not_a_place(pipeline: Pipeline) -> None:
    # "Peña" is also an alternate name of Tamboril (Dominican Republic); the model tags the
    # whole name as a person, but "de la" hid it from the rule for a name's tail
    found = places(pipeline, "Police arrested the theatre director Vicente Sainz de la Peña in Madrid after the bombing.")
    assert [name for _, name, _ in found] == ["Madrid"]


def test_english_words_do_not_join_into_a_name(pipeline: Pipeline) -> None:
    # "As a Land" folded to the loose key of Aland (India); only name particles ("Dar es
    # Salaam") go lower case inside a place name
    assert places(pipeline, "As a Land-Rover carrying soldiers arrived, it exploded, killing two.") == []
    assert [name for _, name, _ in places(pipeline, "Clashes erupted in Dar es Salaam.")] == ["Dar es Salaam"]


def test_a_rank_before_a_name_is_not_a_place(pipeline: Pipeline) -> None:
    # "Major" is an alternate name of Majuro (Marshall Islands): the general's death near
    # Kirkuk was placed in the Pacific
    found = places(pipeline, "Major General Ahmed Saleh died after a roadside bomb struck his convoy near Kirkuk.")
    assert [name for _, name, _ in found] == ["Kirkuk"]
    # a place a title word opens is still the place
    assert [name for _, name, _ in places(pipeline, "Gunmen killed two soldiers in General Santos.")] == ["General Santos"]


def test_provinces_abroad_resolve(pipeline: Pipeline) -> None:
    found = places(pipeline, "Boko Haram fighters attacked a base in Borno State, and gunmen raided villages in Tigray.")
    assert [(name, admin1) for _, name, admin1 in found] == [("Borno", "Borno"), ("Tigray", "Tigray")]


def test_where_someone_comes_from_is_no_event_place(pipeline: Pipeline) -> None:
    # the attack was in London; the ringleader's parents came from Pakistan
    text = ("Police raided flats in London on Monday. The parents of the ringleader of Saturday's attack "
            "were asylum seekers from Pakistan.")
    result = pipeline.extract(make_article(text, dt.date(2017, 6, 5)))
    home = [p for p in result.places if p.place.name == "Pakistan"]
    assert home and home[0].role == "home"
    assert all(e.place is None or e.place.country != "Pakistan" for e in result.events)
