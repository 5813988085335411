"""RSS/Atom feeds from files and, with fetch=True, from URLs via an opener."""

from __future__ import annotations

import datetime as dt
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from ingest_samples import DATA, Ingest, Write

from sitreps.errors import FetchError
from sitreps.ingest import fetch
from sitreps.settings import DEFAULT

RSS = DATA / "sahel_wire.rss"
ATOM = DATA / "kivu_monitor.atom"
URL = "https://sahelwire.example/feed"
MB = 1024 * 1024


def test_rss_entries_become_articles(ingest: Ingest) -> None:
    result = ingest(RSS)
    first, second = result.articles
    assert first.source == second.source == "Sahel Wire"
    assert first.origin == f"{RSS}#1"
    assert first.title == "Soldiers killed in ambush near Menaka"
    assert first.url == "https://sahelwire.example/2017/03/ambush-menaka"
    assert first.published == dt.date(2017, 3, 4)
    # content:encoded wins over the teaser, as text, without caption or trailer.
    assert first.text == (
        "Four Malian soldiers were killed and three others wounded when their convoy was "
        "ambushed near Menaka on Saturday, the army said in a statement.\n"
        "No group has claimed responsibility for the attack, which came a week after "
        "fighting between rival armed groups in the area."
    )
    assert second.text.startswith("Hundreds of villagers fled their homes")
    assert "<p>" not in second.text
    assert second.published == dt.date(2017, 3, 5)


def test_entry_without_date(ingest: Ingest) -> None:
    assert ingest(RSS).problems == [f"{RSS}#3: no publication date found"]


def test_entry_without_date_uses_published_argument(ingest: Ingest) -> None:
    result = ingest(RSS, published=dt.date(2017, 3, 6))
    assert result.problems == []
    assert result.articles[2].published == dt.date(2017, 3, 6)


def test_atom_date_is_the_publishers_local_day(ingest: Ingest) -> None:
    (article,) = ingest(ATOM).articles
    assert article.source == "Kivu Monitor"
    assert article.title == "Militia attack kills seven in Beni territory"
    assert article.url == "https://kivumonitor.example/2018/06/beni-attack"
    # 00:40 at +02:00 is still 11 June in UTC; the report's own day is the 12th.
    assert article.published == dt.date(2018, 6, 12)
    assert article.text.startswith("Seven civilians were killed")


def test_xml_extension_with_feed_root(ingest: Ingest, tmp_path: Path) -> None:
    path = tmp_path / "sahel.xml"
    shutil.copy(RSS, path)
    assert len(ingest(path).articles) == 2


def test_xml_that_is_not_a_feed(ingest: Ingest, write: Write) -> None:
    path = write(
        "sitemap.xml",
        '<?xml version="1.0"?>\n<!-- generated -->\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
        "<loc>https://x.example/</loc></url></urlset>",
    )
    assert ingest(path).problems == [f"{path}: not an RSS or Atom feed (root element <urlset>)"]


def test_unreadable_feed(ingest: Ingest, write: Write) -> None:
    path = write("broken.rss", "this is not XML at all, just a sentence about a feed")
    assert ingest(path).problems == [f"{path}: not a readable feed: syntax error"]


def test_feed_without_entries_is_a_warning(ingest: Ingest, write: Write) -> None:
    path = write("quiet.rss", '<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    result = ingest(path)
    assert result.problems == [f"{path}: feed has no entries"]
    assert result.problem_records[0].fatal_for_article is False


class FakeOpener:
    """Stands in for the network; records how it was called."""

    def __init__(self, body: bytes = b"", error: BaseException | None = None) -> None:
        self.body, self.error = body, error
        self.calls: list[tuple[str, float, int]] = []

    def __call__(self, url: str, timeout: float, max_bytes: int) -> bytes:
        self.calls.append((url, timeout, max_bytes))
        if self.error:
            raise self.error
        return self.body


def test_fetch_success(ingest: Ingest) -> None:
    opener = FakeOpener(RSS.read_bytes())
    result = ingest(URL, fetch=True, opener=opener)
    assert opener.calls == [(URL, 15.0, 5 * MB)]
    assert [article.origin for article in result.articles] == [f"{URL}#1", f"{URL}#2"]
    assert result.articles[0].source == "Sahel Wire"
    assert result.problems == [f"{URL}#3: no publication date found"]


def test_fetched_page_that_is_not_a_feed(ingest: Ingest) -> None:
    page = b"<html><body><p>Welcome to our news site</p></body></html>"
    result = ingest(URL, fetch=True, opener=FakeOpener(page))
    assert result.problems == [f"{URL}: not a readable feed"]


def test_fetch_timeout(ingest: Ingest) -> None:
    opener = FakeOpener(error=TimeoutError("read timed out"))
    settings = DEFAULT.replace(fetch_timeout=2.5)
    result = ingest(URL, fetch=True, opener=opener, settings=settings)
    assert result.problems == [f"{URL}: fetch failed: timed out after 2.5 s"]
    assert opener.calls[0][1] == 2.5


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (urllib.error.URLError("Name or service not known"), "Name or service not known"),
        (urllib.error.URLError(TimeoutError()), "timed out after 15 s"),
        (urllib.error.HTTPError(URL, 404, "Not Found", {}, None), "HTTP 404 Not Found"),  # type: ignore[arg-type]
        (FetchError(URL, "refused by proxy"), "refused by proxy"),
    ],
)
def test_fetch_errors(ingest: Ingest, error: BaseException, reason: str) -> None:
    result = ingest(URL, fetch=True, opener=FakeOpener(error=error))
    assert result.problems == [f"{URL}: fetch failed: {reason}"]


def test_fetch_oversize_from_any_opener(ingest: Ingest) -> None:
    # The limit holds even if an injected opener ignores max_bytes.
    opener = FakeOpener(b"<rss>" + b" " * (1 * MB))
    result = ingest(URL, fetch=True, opener=opener, settings=DEFAULT.replace(fetch_max_mb=1))
    assert result.problems == [f"{URL}: fetch failed: response is over the 1 MB limit (fetch_max_mb)"]


class FakeResponse:
    def __init__(self, size: int, declared: str = "") -> None:
        self.size = size
        self.headers = {"Content-Length": declared} if declared else {}
        self.asked: list[int] = []

    def read(self, amount: int) -> bytes:
        self.asked.append(amount)
        return b"x" * min(amount, self.size)

    def __enter__(self) -> FakeResponse:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def test_default_opener_reads_at_most_one_byte_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    response = FakeResponse(size=10 * MB)
    monkeypatch.setattr(urllib.request, "urlopen", lambda request, timeout: response)
    with pytest.raises(FetchError) as caught:
        fetch.urllib_opener(URL, 15.0, 5 * MB)
    assert caught.value.reason == "response is over the 5 MB limit (fetch_max_mb)"
    assert response.asked == [5 * MB + 1]


def test_default_opener_trusts_content_length(monkeypatch: pytest.MonkeyPatch) -> None:
    response = FakeResponse(size=0, declared=str(50 * MB))
    monkeypatch.setattr(urllib.request, "urlopen", lambda request, timeout: response)
    with pytest.raises(FetchError):
        fetch.urllib_opener(URL, 15.0, 5 * MB)
    assert response.asked == []  # refused before reading anything


def test_default_opener_returns_small_body(monkeypatch: pytest.MonkeyPatch) -> None:
    response = FakeResponse(size=1000)
    seen: list[float] = []

    def urlopen(request: object, timeout: float) -> FakeResponse:
        seen.append(timeout)
        return response

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    assert fetch.urllib_opener(URL, 7.0, 5 * MB) == b"x" * 1000
    assert seen == [7.0]


def test_fetch_empty_response(ingest: Ingest) -> None:
    result = ingest(URL, fetch=True, opener=FakeOpener(b"  \n"))
    assert result.problems == [f"{URL}: fetch failed: empty response"]
