"""Plain-text articles: date line, title line, --published and mtime fallback."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from ingest_samples import BORNO, KANDAHAR, Ingest, Write

TITLE = "Gunmen kill 11 in Borno village"


@pytest.mark.parametrize(
    "date_line",
    [
        "2016-11-05",
        "5 November 2016",
        "November 5, 2016",
        "Nov. 5, 2016",
        "Saturday, 5 November 2016",
        "Published: 2016-11-05",
        "Date: 5 November 2016",
        "Published on November 5, 2016 14:20",
        "2016-11-05T09:12:00+01:00",
    ],
)
def test_date_line_title_and_body(ingest: Ingest, write: Write, date_line: str) -> None:
    path = write("story.txt", f"\n{date_line}\n{TITLE}\n\n{BORNO}\n\n{KANDAHAR}\n")
    result = ingest(path)
    assert result.problems == []
    (article,) = result.articles
    assert article.published == dt.date(2016, 11, 5)
    assert not article.published_estimated
    assert article.title == TITLE
    assert article.text == f"{BORNO}\n\n{KANDAHAR}"
    assert article.origin == str(path)


def test_title_before_date(ingest: Ingest, write: Write) -> None:
    path = write("story.txt", f"{TITLE}\n5 November 2016\n\n{BORNO}\n")
    (article,) = ingest(path).articles
    assert (article.title, article.published, article.text) == (TITLE, dt.date(2016, 11, 5), BORNO)


def test_lead_sentence_is_not_a_title(ingest: Ingest, write: Write) -> None:
    # Ends with a period: a paragraph, not a headline.
    path = write("story.txt", f"2016-11-05\n{KANDAHAR}\n\n{BORNO}\n")
    (article,) = ingest(path).articles
    assert article.title == ""
    assert article.text == f"{KANDAHAR}\n\n{BORNO}"


def test_long_line_is_not_a_title(ingest: Ingest, write: Write) -> None:
    long_line = "Gunmen on motorcycles " * 8  # 176 characters, no period
    path = write("story.txt", f"2016-11-05\n{long_line}\n\n{BORNO}\n")
    (article,) = ingest(path).articles
    assert article.title == ""
    assert article.text.startswith("Gunmen on motorcycles")


def test_published_argument_overrides_date_line(ingest: Ingest, write: Write) -> None:
    path = write("story.txt", f"2016-11-05\n{TITLE}\n\n{BORNO}\n")
    (article,) = ingest(path, published=dt.date(2016, 11, 6)).articles
    assert article.published == dt.date(2016, 11, 6)
    assert article.text == BORNO  # the date line is still not article text


def test_published_argument_for_file_without_date(ingest: Ingest, write: Write) -> None:
    path = write("story.txt", BORNO)
    result = ingest(path, published=dt.date(2016, 11, 6))
    assert result.problems == []
    assert result.articles[0].published == dt.date(2016, 11, 6)
    assert not result.articles[0].published_estimated


def test_published_argument_beats_a_broken_date_line(ingest: Ingest, write: Write) -> None:
    path = write("story.txt", f"2016-13-05\n\n{BORNO}\n")
    (article,) = ingest(path, published=dt.date(2016, 11, 6)).articles
    assert (article.published, article.text) == (dt.date(2016, 11, 6), BORNO)


def test_no_date_falls_back_to_mtime_with_warning(ingest: Ingest, write: Write) -> None:
    path = write("story.txt", f"{TITLE}\n\n{BORNO}\n")
    stamp = dt.datetime(2016, 11, 7, 12, 0).timestamp()
    os.utime(path, (stamp, stamp))
    result = ingest(path)
    assert result.problems == [
        f"{path}: no publication date; using the file's modification time 2016-11-07"
    ]
    assert result.problem_records[0].fatal_for_article is False
    (article,) = result.articles
    assert article.published == dt.date(2016, 11, 7)
    assert article.published_estimated
    assert article.title == TITLE


def test_single_line_file_is_text_not_title(ingest: Ingest, write: Write) -> None:
    path = write("alert.txt", "2016-11-05\nBlast hits Quetta police academy\n")
    (article,) = ingest(path).articles
    assert (article.title, article.text) == ("", "Blast hits Quetta police academy")


def test_windows_line_endings(ingest: Ingest, write: Write) -> None:
    path = write("crlf.txt", f"2016-11-05\r\n{TITLE}\r\n\r\n{BORNO}\r\n\r\n{KANDAHAR}\r\n".encode())
    (article,) = ingest(path).articles
    assert article.title == TITLE
    assert article.text == f"{BORNO}\n\n{KANDAHAR}"
