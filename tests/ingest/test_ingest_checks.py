"""The checks every format shares: each bad input gives one exact line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from ingest_samples import BORNO, KANDAHAR, Ingest, Write

from sitreps.settings import DEFAULT

MB = 1024 * 1024


def test_empty_file(ingest: Ingest, write: Write) -> None:
    path = write("empty.txt", "")
    assert ingest(path).problems == [f"{path}: empty file"]


def test_whitespace_only_file_is_empty(ingest: Ingest, write: Write) -> None:
    path = write("blank.html", "\n  \n\t\n")
    assert ingest(path).problems == [f"{path}: empty file"]


def test_binary_file(ingest: Ingest, write: Write) -> None:
    path = write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    assert ingest(path).problems == [f"{path}: binary file, not text"]


def test_not_utf8(ingest: Ingest, write: Write) -> None:
    path = write("latin1.txt", "2016-11-05\n\nCaf\u00e9 owner shot dead in Kirkuk.".encode("latin-1"))
    assert ingest(path).problems == [f"{path}: not UTF-8 text (byte 0xe9 at offset 15)"]


def test_utf8_bom_is_accepted(ingest: Ingest, write: Write) -> None:
    path = write("bom.txt", b"\xef\xbb\xbf2016-11-05\n\n" + BORNO.encode())
    result = ingest(path)
    assert result.problems == []
    assert result.articles[0].text == BORNO


def test_oversize_file_rejected_without_reading(
    ingest: Ingest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "dump.jsonl"
    with path.open("wb") as handle:
        handle.truncate(50 * MB)  # sparse: no 50 MB actually written

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the file must not be read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    started = time.perf_counter()
    result = ingest(path)
    assert time.perf_counter() - started < 1.0
    assert result.problems == [f"{path}: file is 50.0 MB, over the 20 MB limit (max_file_mb)"]


def test_size_limit_follows_settings(ingest: Ingest, write: Write) -> None:
    path = write("story.txt", "2016-11-05\n\n" + BORNO + "\n" * (2 * MB))
    settings = DEFAULT.replace(max_file_mb=1)
    assert ingest(path, settings=settings).problems == [
        f"{path}: file is 2.0 MB, over the 1 MB limit (max_file_mb)"
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "French",
            "Des hommes armés ont tué au moins onze personnes lors d'une attaque nocturne "
            "contre le village de Kwamjilari dans l'État de Borno, selon des responsables locaux.",
        ),
        (
            "Spanish",
            "Presuntos combatientes de Boko Haram mataron al menos a once personas en un ataque "
            "nocturno contra la aldea de Kwamjilari, en el estado de Borno, según funcionarios locales.",
        ),
        (
            "German",
            "Bei einem Angriff auf ein Dorf im Bundesstaat Borno wurden mindestens elf Menschen "
            "getötet, teilte die Polizei am Samstag mit. Die Angreifer flohen auf Motorrädern.",
        ),
        (
            "Arabic script",
            "قتل مسلحون يشتبه في انتمائهم إلى جماعة بوكو حرام ما لا يقل عن أحد عشر شخصا "
            "في هجوم ليلي على قرية في ولاية بورنو، بحسب مسؤولين محليين.",
        ),
    ],
)
def test_not_english(ingest: Ingest, write: Write, language: str, text: str) -> None:
    path = write("foreign.txt", "2016-11-05\n\n" + text)
    assert ingest(path).problems == [f"{path}: not English (looks like {language}); skipped"]


def test_not_english_unknown_language(ingest: Ingest, write: Write) -> None:
    # Turkish: Latin script, and none of our small word lists.
    text = (
        "Diyarbakır'ın Lice ilçesinde düzenlenen bombalı saldırıda iki asker hayatını "
        "kaybetti, üç asker de yaralandı."
    )
    path = write("tr.txt", "2016-11-05\n\n" + text)
    assert ingest(path).problems == [f"{path}: not English (language unknown); skipped"]


@pytest.mark.parametrize(
    "text",
    [
        "Car bomb kills 12 in Kabul; Taliban claim attack on army base",
        "Gunmen kill 12 villagers in Zamfara raid, police say",
        "Airstrikes hit rebel-held Idlib villages. Monitor counts 14 dead including children "
        "in Maarat al-Numan.",
        "Al-Shabaab fighters overran an AMISOM base in El Adde, Gedo region, Somalia. "
        "Kenya casualties unclear.",
        "Blast in Quetta",
        KANDAHAR,
    ],
)
def test_short_english_passes(ingest: Ingest, write: Write, text: str) -> None:
    path = write("short.txt", "2016-11-05\n\n" + text)
    result = ingest(path)
    assert result.problems == []
    assert result.articles[0].text == text


def test_min_english_setting_is_used(ingest: Ingest, write: Write) -> None:
    path = write("en.txt", "2016-11-05\n\n" + BORNO)
    strict = DEFAULT.replace(min_english=0.9)
    assert ingest(path, settings=strict).problems == [
        f"{path}: not English (language unknown); skipped"
    ]


@pytest.mark.parametrize(
    ("date_line", "reason"),
    [
        ("2016-13-05", "impossible date '2016-13-05'"),
        ("2016-02-30", "impossible date '2016-02-30'"),
        ("30 February 2016", "impossible date '30 February 2016'"),
        ("1850-03-01", "date '1850-03-01' is before 1900"),
        ("Published: 2999-01-01", "date '2999-01-01' is in the future"),
    ],
)
def test_impossible_date_line(ingest: Ingest, write: Write, date_line: str, reason: str) -> None:
    path = write("bad-date.txt", f"{date_line}\n\n{BORNO}")
    assert ingest(path).problems == [f"{path}: {reason}"]


def test_missing_path(ingest: Ingest, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    assert ingest(missing).problems == [f"{missing}: no such file or directory"]


def test_url_without_fetch(ingest: Ingest) -> None:
    url = "https://news.example/feed.xml"
    assert ingest(url).problems == [f"{url}: is a URL; use --fetch to fetch feeds"]


def test_unknown_extension_named_explicitly(ingest: Ingest, write: Write) -> None:
    path = write("report.pdf", "%PDF-1.4 not really")
    assert ingest(path).problems == [
        f"{path}: unknown file type '.pdf'; expected one of "
        ".jsonl, .ndjson, .txt, .html, .htm, .xml, .rss, .atom"
    ]


def test_bad_file_does_not_stop_the_batch(ingest: Ingest, write: Write) -> None:
    empty = write("a.txt", "")
    good = write("b.txt", "2016-11-05\n\n" + BORNO)
    result = ingest([empty, good])
    assert result.problems == [f"{empty}: empty file"]
    assert [article.origin for article in result.articles] == [str(good)]
