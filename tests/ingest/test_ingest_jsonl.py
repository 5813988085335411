"""JSON Lines input: one article a line, bad lines reported as path:LINE."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from ingest_samples import ALEPPO, BORNO, DATA, KANDAHAR, Ingest, Write


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_good_lines(ingest: Ingest, write: Write) -> None:
    path = write(
        "reports.jsonl",
        jsonl(
            {"id": 41, "text": BORNO, "published": "2016-11-05", "source": "Lake Chad Herald",
             "url": "https://lch.example/a", "title": "Gunmen kill 11 in Borno"},
            {"text": KANDAHAR, "published": "2016-11-07T08:30:00Z"},
            {"text": ALEPPO, "published": "2016-11-08T23:50:00-05:00"},
        ),
    )
    result = ingest(path)
    assert result.problems == []
    first, second, third = result.articles
    assert (first.id, first.source, first.url, first.title) == (
        "41", "Lake Chad Herald", "https://lch.example/a", "Gunmen kill 11 in Borno"
    )
    assert first.origin == f"{path}:1"
    assert second.id.startswith("a") and len(second.id) == 17
    assert second.published == dt.date(2016, 11, 7)
    # The date as written in the publisher's zone, not moved to UTC (Nov 9).
    assert third.published == dt.date(2016, 11, 8)


def test_invalid_json_line(ingest: Ingest, write: Write) -> None:
    path = write(
        "bad.jsonl",
        jsonl({"text": BORNO, "published": "2016-11-05"}, '{"text": "Two killed" "published": "2016-11-05"}'),
    )
    result = ingest(path)
    assert result.problems == [f"{path}:2: invalid JSON: Expecting ',' delimiter (column 23)"]
    assert len(result.articles) == 1


def test_line_that_is_not_an_object(ingest: Ingest, write: Write) -> None:
    path = write("list.jsonl", jsonl(["Two killed in Kabul", "2016-11-05"]))
    assert ingest(path).problems == [f"{path}:1: not a JSON object but an array"]


def test_missing_text(ingest: Ingest, write: Write) -> None:
    path = write("notext.jsonl", jsonl({"body": BORNO, "published": "2016-11-05"}))
    assert ingest(path).problems == [f"{path}:1: no 'text' or 'html' field"]


def test_missing_published(ingest: Ingest, write: Write) -> None:
    path = write("nodate.jsonl", jsonl({"text": BORNO}))
    assert ingest(path).problems == [f"{path}:1: missing 'published' date"]


def test_missing_published_uses_caller_date(ingest: Ingest, write: Write) -> None:
    path = write("nodate.jsonl", jsonl({"text": BORNO}))
    result = ingest(path, published=dt.date(2016, 11, 6))
    assert result.problems == []
    assert result.articles[0].published == dt.date(2016, 11, 6)


def test_impossible_published(ingest: Ingest, write: Write) -> None:
    path = write(
        "dates.jsonl",
        jsonl(
            {"text": BORNO, "published": "2016-02-30"},
            {"text": KANDAHAR, "published": "2016-13-01T10:00:00Z"},
            {"text": ALEPPO, "published": "last Tuesday"},
            {"text": ALEPPO, "published": 20161105},
            {"text": ALEPPO, "published": "2999-05-01"},
        ),
    )
    assert ingest(path).problems == [
        f"{path}:1: impossible date '2016-02-30'",
        f"{path}:2: impossible date '2016-13-01T10:00:00Z'",
        f"{path}:3: unreadable date 'last Tuesday' (expected ISO 8601, e.g. 2016-11-05)",
        f"{path}:4: unreadable date 20161105 (expected ISO 8601, e.g. 2016-11-05)",
        f"{path}:5: date '2999-05-01' is in the future",
    ]


def test_non_string_field(ingest: Ingest, write: Write) -> None:
    path = write("types.jsonl", jsonl({"text": ["not", "a", "string"], "published": "2016-11-05"}))
    assert ingest(path).problems == [f"{path}:1: 'text' is an array, not a string"]


def test_bad_utf8_costs_only_its_line(ingest: Ingest, write: Write) -> None:
    good = jsonl({"text": BORNO, "published": "2016-11-05"}).encode()
    bad = b'{"text": "Caf\xe9 owner shot dead", "published": "2016-11-05"}\n'
    path = write("mixed.jsonl", good + bad)
    result = ingest(path)
    offset = len(good) + len(b'{"text": "Caf')
    assert result.problems == [f"{path}:2: not UTF-8 text (byte 0xe9 at offset {offset})"]
    assert len(result.articles) == 1


def test_blank_lines_are_skipped_and_numbering_kept(ingest: Ingest, write: Write) -> None:
    path = write("gaps.jsonl", "\n" + jsonl({"text": BORNO}) + "\n")
    assert ingest(path).problems == [f"{path}:2: missing 'published' date"]


def test_only_blank_lines_is_empty(ingest: Ingest, write: Write) -> None:
    path = write("blank.jsonl", "\n\n  \n")
    assert ingest(path).problems == [f"{path}: empty file"]


def test_ndjson_extension(ingest: Ingest, write: Write) -> None:
    path = write("feed.ndjson", jsonl({"text": BORNO, "published": "2016-11-05"}))
    assert len(ingest(path).articles) == 1


def test_html_field(ingest: Ingest, write: Write) -> None:
    page = (DATA / "borno_attack.html").read_text(encoding="utf-8")
    path = write(
        "pages.jsonl",
        jsonl(
            {"id": "lch-1", "html": page},  # date, title, site from the page itself
            {"html": page.replace("Kwamjilari", "Kwamjilari ward"), "published": "2016-11-06",
             "source": "Scraper", "title": "Own title"},
        ),
    )
    result = ingest(path)
    assert result.problems == []
    first, second = result.articles
    assert first.id == "lch-1"
    assert first.published == dt.date(2016, 11, 5)
    assert (first.title, first.source) == ("Gunmen kill 11 in attack on Borno village", "Lake Chad Herald")
    assert first.text.startswith("Suspected Boko Haram fighters killed at least 11 people")
    assert "Short link" not in first.text and "Yola" not in first.text
    assert (second.published, second.source, second.title) == (dt.date(2016, 11, 6), "Scraper", "Own title")


def test_html_field_without_text(ingest: Ingest, write: Write) -> None:
    nav_only = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    path = write("nav.jsonl", jsonl({"html": nav_only, "published": "2016-11-05"}))
    assert ingest(path).problems == [f"{path}:1: no article text found in HTML"]


def test_origin_keeps_the_path_as_given(
    ingest: Ingest, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("rel/reports.jsonl", jsonl({"text": BORNO}))
    monkeypatch.chdir(path.parent.parent)
    assert ingest("rel/reports.jsonl").problems == ["rel/reports.jsonl:1: missing 'published' date"]


SCRAPED = ("Gunmen attacked a checkpoint near Kirkuk on Monday image copyright AFP image caption Mourners at a funeral "
           "in Mosul after the 2016 bombing Police said two officers were killed. Skip Ad The attackers fled.")


def test_photo_credits_captions_and_ad_buttons_glued_into_the_text_are_dropped(ingest: Ingest, write: Write) -> None:
    # session 15: a scraped caption about another event became a sentence of this one
    path = write("scraped.jsonl", jsonl({"text": SCRAPED, "published": "2016-11-05"}))
    (article,) = ingest(path).articles
    assert article.text == ("Gunmen attacked a checkpoint near Kirkuk on Monday Police said two officers were killed. "
                            "The attackers fled.")


def test_text_files_are_cleaned_the_same_way(ingest: Ingest, write: Write) -> None:
    path = write("scraped.txt", "Date: 2016-11-05\n\n" + SCRAPED + "\n")
    (article,) = ingest(path).articles
    assert "caption" not in article.text and "Mourners" not in article.text and "Skip Ad" not in article.text
    assert article.text.endswith("The attackers fled.")


@pytest.mark.parametrize("text", [
    "Reporters studied the image caption style guide before the briefing.",
    "The photo caption said the picture showed Mosul, but officials said it was Raqqa. Nothing else was said.",
])
def test_prose_that_speaks_of_captions_is_kept(ingest: Ingest, write: Write, text: str) -> None:
    """A guard: "the image caption" in a sentence is prose, not a caption."""
    path = write("prose.jsonl", jsonl({"text": text, "published": "2016-11-05"}))
    assert ingest(path).articles[0].text == text
