"""read_paths as a whole: folders, order, duplicates, ids and make_article."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from ingest_samples import ALEPPO, BORNO, DATA, KANDAHAR, MOGADISHU, Ingest, Write

from sitreps.ingest import DUPLICATE, article_id, make_article, read_paths
from sitreps.records import Article, Problem


def test_mixed_folder(ingest: Ingest, write: Write, tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    lines = [
        json.dumps({"id": "w-1", "text": KANDAHAR, "published": "2016-11-07"}),
        "{not json",
        json.dumps({"text": ALEPPO, "published": "2016-11-08"}),
    ]
    write("inbox/a_wire.jsonl", "\n".join(lines) + "\n")
    write("inbox/b_story.txt", f"2016-11-06\nCar bomb hits Mogadishu hotel\n\n{MOGADISHU}\n")
    shutil.copy(DATA / "borno_attack.html", root / "c_page.html")
    shutil.copy(DATA / "sahel_wire.rss", root / "d_feed.rss")
    write("inbox/e_empty.txt", "")
    write("inbox/f_menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    write("inbox/sub/g_brief.TXT", f"5 November 2016\n\n{BORNO} Nine bodies were recovered.\n")
    # Silently skipped: other file types, non-feed XML, hidden files and folders.
    write("inbox/notes.docx", b"PK\x03\x04 not a report")
    write("inbox/sitemap.xml", "<?xml version='1.0'?><urlset><url/></urlset>")
    write("inbox/.draft.txt", "")
    write("inbox/.cache/old.txt", "")

    result = ingest(root)
    assert [a.origin for a in result.articles] == [
        f"{root}/a_wire.jsonl:1",
        f"{root}/a_wire.jsonl:3",
        f"{root}/b_story.txt",
        f"{root}/c_page.html",
        f"{root}/d_feed.rss#1",
        f"{root}/d_feed.rss#2",
        f"{root}/sub/g_brief.TXT",
    ]
    assert result.problems == [
        f"{root}/a_wire.jsonl:2: invalid JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{root}/d_feed.rss#3: no publication date found",
        f"{root}/e_empty.txt: empty file",
        f"{root}/f_menu.html: no article text found in HTML",
    ]


def test_input_order_is_kept(ingest: Ingest, write: Write) -> None:
    late = write("z.txt", f"2016-11-05\n\n{BORNO}")
    early = write("a.txt", f"2016-11-05\n\n{KANDAHAR}")
    assert [a.origin for a in ingest([late, early]).articles] == [str(late), str(early)]


def test_same_article_twice_is_yielded_once(ingest: Ingest, write: Write) -> None:
    first = write("a.txt", f"2016-11-05\n\n{BORNO}\n")
    # Same words, different line breaks and spacing: same article.
    second = write("b.txt", "2016-11-05\n\n" + BORNO.replace(" ", "\n", 3).replace("at least", "at  least"))
    result = ingest([first, second, first])
    assert [a.origin for a in result.articles] == [str(first)]
    aid = result.articles[0].id
    assert result.problems == [
        f"{second}: {DUPLICATE}{aid} from {first}; skipped",
        f"{first}: {DUPLICATE}{aid} from {first}; skipped",
    ]
    assert all(not p.fatal_for_article for p in result.problem_records)


def test_same_text_under_another_id_is_a_duplicate(ingest: Ingest, write: Write) -> None:
    path = write("a.jsonl", json.dumps({"text": BORNO, "published": "2016-11-05"}) + "\n")
    other = write("b.jsonl", json.dumps({"id": "x9", "text": BORNO, "published": "2016-11-05"}) + "\n")
    result = ingest([path, other])
    assert len(result.articles) == 1
    assert result.problems == [f"{other}:1: {DUPLICATE}{article_id(BORNO)} from {path}:1; skipped"]


def test_same_id_for_different_text_is_reported(ingest: Ingest, write: Write) -> None:
    records = [
        {"id": "17", "text": BORNO, "published": "2016-11-05"},
        {"id": 17, "text": KANDAHAR, "published": "2016-11-07"},
    ]
    path = write("ids.jsonl", "\n".join(json.dumps(r) for r in records))
    result = ingest(path)
    assert result.problems == [f"{path}:2: id '17' already used by {path}:1 for a different text; skipped"]
    assert result.problem_records[0].fatal_for_article


def test_duplicates_are_per_call(write: Write) -> None:
    path = write("a.txt", f"2016-11-05\n\n{BORNO}")
    assert [type(x) for x in read_paths([path])] == [Article]
    assert [type(x) for x in read_paths([path])] == [Article]


def test_folder_named_twice_reads_each_file_once(ingest: Ingest, write: Write, tmp_path: Path) -> None:
    write("in/a.txt", f"2016-11-05\n\n{BORNO}")
    result = ingest([tmp_path / "in", tmp_path / "in"])
    assert len(result.articles) == 1
    assert len(result.problems) == 1 and DUPLICATE in result.problems[0]


def test_generator_is_lazy(write: Write) -> None:
    good = write("a.txt", f"2016-11-05\n\n{BORNO}")
    items = read_paths([good, "/does/not/exist"])
    assert isinstance(next(items), Article)
    assert next(items) == Problem("/does/not/exist", "no such file or directory")


def test_article_id_shape() -> None:
    aid = article_id("Two killed in Kabul blast")
    assert aid.startswith("a") and len(aid) == 17
    assert int(aid[1:], 16) >= 0
    assert article_id("Two killed in Kabul blast") != article_id("Three killed in Kabul blast")


_WORD = st.text(
    alphabet=st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")),
    min_size=1,
    max_size=8,
)
_GAP = st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2003\u3000", min_size=1, max_size=4)


@given(
    words=st.lists(_WORD, min_size=1, max_size=12),
    gaps=st.lists(_GAP, min_size=13, max_size=13),
    lead=st.text(alphabet=" \n\t", max_size=3),
    tail=st.text(alphabet=" \n\t", max_size=3),
)
def test_article_id_ignores_whitespace(
    words: list[str], gaps: list[str], lead: str, tail: str
) -> None:
    plain = " ".join(words)
    pairs = zip(words, gaps[: len(words)], strict=True)
    spaced = lead + "".join(word + gap for word, gap in pairs).rstrip() + tail
    assert article_id(spaced) == article_id(plain)


def test_make_article() -> None:
    article = make_article(
        f"  {BORNO}\r\n\r\n\r\n\r\n{KANDAHAR}  \r\n",
        dt.datetime(2016, 11, 5, 9, 30),
        source=" Lake  Chad Herald ",
        title="Gunmen kill 11\n in Borno",
        origin="x.txt",
    )
    assert article.text == f"{BORNO}\n\n{KANDAHAR}"
    assert type(article.published) is dt.date and article.published == dt.date(2016, 11, 5)
    assert (article.source, article.title) == ("Lake Chad Herald", "Gunmen kill 11 in Borno")
    assert article.id == article_id(article.text)
    assert not article.published_estimated
    explicit = make_article(BORNO, dt.date(2016, 11, 5), id="wire-7", published_estimated=True)
    assert (explicit.id, explicit.published_estimated) == ("wire-7", True)


def test_a_single_path_string_is_one_path(write: Write) -> None:
    path = write("a.txt", f"2016-11-05\n\n{BORNO}")
    items = list(read_paths(str(path)))  # a common slip for read_paths([path])
    assert [type(item) for item in items] == [Article]
