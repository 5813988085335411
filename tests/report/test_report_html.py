"""The report as text: self-contained, escaped, and faithful to the events it was given."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sitreps.records import Event, Evidence
from sitreps.report import render_report, write_report
from sitreps.report.html import (
    evidence_parts,
    is_web_url,
    json_for_script,
    map_view,
    report_data,
)

GENERATED = dt.datetime(2024, 3, 8, 12, 0, tzinfo=dt.UTC)
DATA_BLOCK = re.compile(r'<script type="application/json" id="sitreps-data">(.*?)</script>', re.DOTALL)
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
SVG_NAMESPACE = "http://www.w3.org/2000/svg"  # the one URL the page script names, never fetched
HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"  # as planted by conftest.SPECS
HOSTILE_IMG = '<img src=x onerror="window.__pwned=2">'


def _data(page: str) -> dict[str, Any]:
    blocks = DATA_BLOCK.findall(page)
    assert len(blocks) == 1
    data: dict[str, Any] = json.loads(blocks[0])
    return data


def _outside_data(page: str) -> str:
    return DATA_BLOCK.sub("", page)


class _TagCounter(HTMLParser):
    """Counts start tags and checks the few elements that must be balanced."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: dict[str, int] = {}
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts[tag] = self.starts.get(tag, 0) + 1
        if tag in ("html", "head", "body", "script", "style", "main", "table"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("html", "head", "body", "script", "style", "main", "table"):
            assert self.open.pop() == tag


def _parse(page: str) -> _TagCounter:
    parser = _TagCounter()
    parser.feed(page)
    parser.close()
    assert parser.open == []
    return parser


def test_single_file_loads_nothing_from_outside(events: list[Event], texts: dict[str, str]) -> None:
    page = render_report(events, article_texts=texts, generated=GENERATED)
    rest = _outside_data(page)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", rest, re.IGNORECASE)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", rest, re.IGNORECASE)
    assert "@import" not in rest
    assert not re.search(r"<link[^>]+stylesheet", rest, re.IGNORECASE)
    assert set(re.findall(r"https?://[^\s\"'<>)]*", rest)) <= {SVG_NAMESPACE}
    tags = _parse(page)
    assert tags.starts["script"] == 2 and tags.starts["style"] == 1  # data + code, one stylesheet


def test_csp_allows_exactly_the_inline_script(events: list[Event]) -> None:
    page = render_report(events, generated=GENERATED)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp is not None
    policy = csp.group(1).replace("&#x27;", "'")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    (script,) = INLINE_SCRIPT.findall(page)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy


def test_json_block_round_trips(events: list[Event], texts: dict[str, str]) -> None:
    page = render_report(events, title="Iraq & Syria <weekly>", article_texts=texts, generated=GENERATED)
    data = _data(page)
    expected = report_data(events, "Iraq & Syria <weekly>", GENERATED, texts)
    assert data == json.loads(json.dumps(expected))
    assert [e["id"] for e in data["events"]] == [e.id for e in events]
    hostile = next(e for e in data["events"] if e["id"] == "ev-4")
    assert hostile["sources"][0]["title"] == "Village attack " + HOSTILE_SCRIPT
    assert HOSTILE_IMG in hostile["evidence"][0]["mark"]


def test_hostile_text_is_inert_in_the_raw_html(events: list[Event], texts: dict[str, str]) -> None:
    title = "</title><script>alert(1)</script>"
    page = render_report(events, title=title, article_texts=texts, generated=GENERATED)
    for needle in ("<script>alert", "<script>window.__pwned", "<img src=x", "</title><script>"):
        assert needle not in page
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script") == 2
    assert "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e" in page
    assert _data(page)["title"] == title


def test_json_for_script_escapes_what_html_would_read() -> None:
    value = {"x": "</script><!-- & \u2028 \u2029 >"}
    text = json_for_script(value)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == value


def test_unsafe_urls_are_not_links(events: list[Event]) -> None:
    assert is_web_url("https://example.org/a") and is_web_url("HTTP://example.org")
    for url in ("javascript:alert(1)", "data:text/html,x", "//example.org", "", "file:///etc/passwd", "http://"):
        assert not is_web_url(url)
    data = report_data(events, "t", GENERATED, None)
    links = {s["url"]: s["link"] for e in data["events"] for s in e["sources"]}
    assert links["javascript:window.__pwned=3"] is False and links["https://example.org/a1"] is True


def test_evidence_span_is_marked_inside_its_sentence(texts: dict[str, str]) -> None:
    text = texts["art-ev-1"]
    span = "clashed with IS fighters west of Mosul"
    start = text.index(span)
    ev = Evidence("test", start, start + len(span), span)
    before, mark, after = evidence_parts(ev, text)
    assert (before, mark) == ("Iraqi troops ", span)
    assert after == ", killing at least five militants."
    assert evidence_parts(ev, None) == ("", span, "")
    broken = dataclasses.replace(ev, start=10_000, end=10_010)
    assert evidence_parts(broken, text) == ("", span, "")  # offsets from another text


def test_events_without_place_are_kept_but_not_mapped(events: list[Event]) -> None:
    data = _data(render_report(events, generated=GENERATED))
    unmapped = [e for e in data["events"] if e["place"] is None]
    assert [e["id"] for e in unmapped] == ["ev-6"]
    assert unmapped[0]["location"] == "northern Iraq"
    view = data["view"]
    for e in data["events"]:
        if e["place"]:
            assert view["west"] < e["place"]["lon"] < view["east"]
            assert view["south"] < e["place"]["lat"] < view["north"]
    assert "Iraq" in {c["name"] for c in data["outlines"]}
    assert len(data["outlines"]) < 20  # only the neighbourhood, not the world


def test_map_view_fits_the_svg_aspect() -> None:
    view = map_view([(36.3, 43.1)])
    assert view is not None
    kx = math.cos(math.radians((view["south"] + view["north"]) / 2))
    ratio = (view["east"] - view["west"]) * kx / (view["north"] - view["south"])
    assert abs(ratio - view["width"] / view["height"]) < 1e-6
    assert map_view([]) is None


def test_empty_event_list_gives_a_valid_page() -> None:
    page = render_report([], generated=GENERATED)
    assert page.startswith("<!DOCTYPE html>")
    tags = _parse(page)
    assert tags.starts["table"] == 1
    data = _data(page)
    assert data["events"] == [] and data["view"] is None and data["outlines"] == []


def test_write_report_writes_utf8(tmp_path: Path, events: list[Event]) -> None:
    out = write_report(events, tmp_path / "sub" / "report.html", title="Irak – رپۆرت", generated=GENERATED)
    assert out == tmp_path / "sub" / "report.html"
    assert "<title>Irak – رپۆرت</title>" in out.read_text(encoding="utf-8")


def test_page_script_has_no_markup_sinks() -> None:
    """The script builds the DOM with createElement/textContent only (see report.js)."""
    script = (Path(__file__).resolve().parents[2] / "src/sitreps/report/assets/report.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in script


def test_outline_asset_is_small() -> None:
    asset = Path(__file__).resolve().parents[2] / "src/sitreps/report/assets/world_110m.json"
    assert asset.stat().st_size < 300_000


def test_a_shared_toll_says_how_many_events_shared_it(events: list[Event], texts: dict[str, str]) -> None:
    shared = dataclasses.replace(events[0], counts=tuple(dataclasses.replace(c, shared_by=3) for c in events[0].counts))
    data = report_data([shared], "t", GENERATED, texts)
    assert [c["shared_by"] for c in data["events"][0]["counts"]] == [3] * len(shared.counts) != []
