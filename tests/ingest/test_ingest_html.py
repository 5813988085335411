"""Saved web pages: main text without page furniture, plus metadata."""

from __future__ import annotations

import datetime as dt

from ingest_samples import BORNO, DATA, Ingest, Write

PAGE = DATA / "borno_attack.html"


def test_main_text_and_metadata(ingest: Ingest) -> None:
    result = ingest(PAGE)
    assert result.problems == []
    (article,) = result.articles
    assert article.title == "Gunmen kill 11 in attack on Borno village"
    assert article.published == dt.date(2016, 11, 5)  # published, not modified
    assert article.source == "Lake Chad Herald"
    assert article.url == "https://lakechadherald.example/news/borno-village-attack"
    assert article.origin == str(PAGE)
    assert article.text.startswith(BORNO)
    assert article.text.endswith("It did not give a death toll.")
    assert "told the Herald by telephone" in article.text


def test_boilerplate_is_not_in_text(ingest: Ingest) -> None:
    (article,) = ingest(PAGE).articles
    leftovers = [
        "cookies",  # cookie banner
        "Home", "Opinion",  # navigation
        "Yola", "June 2015",  # caption about a different event
        "Short link", "lch.example",  # trailer
        "Related", "Maiduguri",  # in-body related link
        "Read more", "Gwoza",
        "Bama", "Adamawa",  # sidebar
        "All rights reserved",
        "Aisha Bello",  # byline
    ]
    assert [word for word in leftovers if word in article.text] == []
    assert not article.text.startswith(article.title)  # the headline is not repeated


def test_no_article_text(ingest: Ingest, write: Write) -> None:
    path = write(
        "menu.html",
        "<html><head><title>Herald</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/news'>News</a></nav><footer>Contact us</footer></body></html>",
    )
    assert ingest(path).problems == [f"{path}: no article text found in HTML"]


def _undated_page() -> str:
    return (
        "<html><head><title>Bomb kills two soldiers near Kandahar</title></head><body><article>"
        "<h1>Bomb kills two soldiers near Kandahar</h1>"
        "<p>Two soldiers were killed when a roadside bomb hit their patrol near Kandahar on "
        "Monday, a provincial spokesman said. Three others were wounded in the blast.</p>"
        "</article></body></html>"
    )


def test_no_publication_date(ingest: Ingest, write: Write) -> None:
    path = write("undated.htm", _undated_page())
    assert ingest(path).problems == [f"{path}: no publication date found"]


def test_published_argument_when_page_has_no_date(ingest: Ingest, write: Write) -> None:
    path = write("undated.htm", _undated_page())
    result = ingest(path, published=dt.date(2016, 11, 7))
    assert result.problems == []
    (article,) = result.articles
    assert article.published == dt.date(2016, 11, 7)
    assert article.title == "Bomb kills two soldiers near Kandahar"
    assert article.text.startswith("Two soldiers were killed")


def test_page_date_wins_over_published_argument(ingest: Ingest) -> None:
    (article,) = ingest(PAGE, published=dt.date(2020, 1, 1)).articles
    assert article.published == dt.date(2016, 11, 5)
