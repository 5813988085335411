"""A self-contained HTML situation report: map, timeline, filterable table, evidence.

The page must open from disk with no network and must be safe with hostile article
text, so:

* every byte of CSS/JS is inlined from ``assets/`` and nothing is loaded from outside;
* all data goes in one ``<script type="application/json">`` block with ``<``, ``>``,
  ``&`` and U+2028/2029 escaped, and the page script builds the DOM from it with
  ``textContent``/``createElement`` only;
* a Content-Security-Policy meta tag allows exactly the one inline script, by its
  sha256 hash, so even markup that slipped through could not run script.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import html
import json
import math
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitreps.records import CLAIM_STATUSES, Claim, Count, Event, Evidence, SourceRef

# The six ACLED event types, each with a colour distinct enough on a light map.
EVENT_TYPE_COLOURS: dict[str, str] = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#7b3294",
    "Protests": "#1f77b4",
    "Riots": "#8c564b",
    "Strategic developments": "#2ca02c",
}
OTHER_COLOUR = "#7f7f7f"
MAP_WIDTH, MAP_HEIGHT = 800, 500  # viewBox of the map SVG; the view is fitted to it
CONTEXT_CHARS = 400  # most characters shown either side of a span in its sentence
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n|\n")
_PLACEHOLDER = re.compile(r"\{\{(TITLE|CSP|CSS|DATA|JS)\}\}")

Json = dict[str, Any]


@functools.cache
def _asset(name: str) -> str:
    return resources.files("sitreps.report").joinpath("assets", name).read_text(encoding="utf-8")


def json_for_script(obj: object) -> str:
    """JSON that cannot end its <script> element or be read as markup.

    JSON strings may spell any character as \\uXXXX, so escaping these keeps the value
    identical for JSON.parse while the HTML parser never sees a tag or entity.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for char, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, esc)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def script_hash(script: str) -> str:
    """The CSP source expression allowing exactly this inline script body."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str) -> str:
    # default-src 'none' forbids every fetch (images, fonts, XHR, frames) that is not
    # listed; styles are inline-only and the only script is the hashed one.
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src {script_hash(script)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def is_web_url(url: str) -> bool:
    """Only plain http(s) links are shown as links; javascript: and the like stay text."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): after the last stop before it, to the next stop."""
    lo = max(0, start - CONTEXT_CHARS)
    begin = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        begin = m.end()
    stop = _SENTENCE_END.search(text, end, min(len(text), end + CONTEXT_CHARS))
    return begin, (stop.start() + 1 if stop else min(len(text), end + CONTEXT_CHARS))


def evidence_parts(ev: Evidence, article_text: str | None) -> tuple[str, str, str]:
    """(before, highlighted, after) for one piece of evidence.

    With the article text the exact span is marked inside its sentence; without it
    (or with offsets that do not fit the text) the evidence text is marked whole.
    """
    if article_text is None or not 0 <= ev.start < ev.end <= len(article_text):
        return "", ev.text, ""
    begin, finish = _sentence_bounds(article_text, ev.start, ev.end)
    finish = max(finish, ev.end)
    return (
        article_text[begin : ev.start].lstrip(),
        article_text[ev.start : ev.end],
        article_text[ev.end : finish].rstrip(),
    )


def _source(ref: SourceRef) -> Json:
    return {
        "id": ref.article_id,
        "outlet": ref.source,
        "date": ref.published.isoformat(),
        "title": ref.title,
        "url": ref.url,
        "link": is_web_url(ref.url),
    }


def _claim(claim: Claim) -> Json:
    return {
        "speaker": claim.speaker,
        "cue": claim.cue,
        "status": claim.status,
        "subject": claim.subject,
        "party": claim.party,
        "id": claim.id,
        "conflicts": list(claim.conflicts_with),
    }


def _count(count: Count) -> Json:
    return {
        "kind": count.kind,
        "value": count.value,
        "low": count.low,
        "high": count.high,
        "qualifier": count.qualifier,
        "side": count.side,
        "unit": count.unit,
        "shared_by": count.shared_by,
    }


def _evidence(items: Sequence[tuple[str, Evidence]], texts: Mapping[str, str]) -> list[Json]:
    seen: set[tuple[str, int, int, str]] = set()
    out: list[Json] = []
    for article_id, ev in items:
        key = (article_id, ev.start, ev.end, ev.text)
        if key in seen:  # fused mentions often repeat the same span
            continue
        seen.add(key)
        before, mark, after = evidence_parts(ev, texts.get(article_id))
        out.append(
            {"article": article_id, "extractor": ev.extractor, "sentence": ev.sentence,
             "before": before, "mark": mark, "after": after}
        )
    return out


def _place(event: Event) -> Json | None:
    p = event.place
    if p is None or not (math.isfinite(p.latitude) and math.isfinite(p.longitude)):
        return None
    return {"name": p.name, "lat": p.latitude, "lon": p.longitude, "admin1": p.admin1,
            "admin2": p.admin2, "country": p.country, "iso3": p.iso3}


def event_payload(event: Event, texts: Mapping[str, str]) -> Json:
    """Everything the page shows about one event, as plain JSON values."""
    return {
        "id": event.id,
        "date": event.event_date.isoformat(),
        "dateEnd": event.date_end.isoformat() if event.date_end else None,
        "timePrecision": event.time_precision,
        "type": event.event_type,
        "subType": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "assoc1": list(event.assoc_actor_1),
        "assoc2": list(event.assoc_actor_2),
        "location": event.location or (event.place.name if event.place else ""),
        "place": _place(event),
        "geoPrecision": event.geo_precision,
        "fatalities": event.fatalities,
        "low": event.fatalities_low,
        "best": event.fatalities_best,
        "high": event.fatalities_high,
        "status": event.claim_status,
        "claimants": list(event.claimants),
        "sources": [_source(s) for s in event.sources],
        "evidence": _evidence(event.evidence, texts),
        "claims": [_claim(c) for c in event.claims],
        "counts": [_count(c) for c in event.counts],
        "notes": event.notes,
        "tags": list(event.tags),
    }


def _padded(lo: float, hi: float, minimum: float) -> tuple[float, float]:
    """Widen [lo, hi] to at least `minimum` and pad it so edge markers are not cut."""
    span = max(hi - lo, minimum)
    mid = (lo + hi) / 2
    pad = max(0.25, span * 0.12)
    return mid - span / 2 - pad, mid + span / 2 + pad


def map_view(points: Sequence[tuple[float, float]]) -> Json | None:
    """Equirectangular view (west, south, east, north) fitted to the points.

    x is scaled by cos(mid latitude) so shapes near the view's centre keep their
    proportions; the box is then widened on one axis to the SVG's aspect ratio.
    """
    if not points:
        return None
    west, east = _padded(min(p[1] for p in points), max(p[1] for p in points), 1.5)
    south, north = _padded(min(p[0] for p in points), max(p[0] for p in points), 1.0)
    kx = max(math.cos(math.radians(max(-60.0, min(60.0, (south + north) / 2)))), 0.2)
    want = MAP_WIDTH / MAP_HEIGHT
    width, height = (east - west) * kx, north - south
    if width / height < want:
        grow = (height * want / kx - (east - west)) / 2
        west, east = west - grow, east + grow
    else:
        grow = (width / want - height) / 2
        south, north = south - grow, north + grow
    return {"west": west, "east": east, "south": max(south, -89.0), "north": min(north, 89.0),
            "width": MAP_WIDTH, "height": MAP_HEIGHT}


def outlines_for(view: Json | None) -> list[Json]:
    """Country rings whose bounding box meets the view: all the map needs, no more."""
    if view is None:
        return []
    world = json.loads(_asset("world_110m.json"))
    return [
        {"name": c["name"], "bbox": c["bbox"], "rings": c["rings"]}
        for c in world["countries"]
        if c["bbox"][0] <= view["east"] and c["bbox"][2] >= view["west"]
        and c["bbox"][1] <= view["north"] and c["bbox"][3] >= view["south"]
    ]


def _when(moment: dt.datetime) -> str:
    if moment.utcoffset() == dt.timedelta(0):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.isoformat(sep=" ", timespec="minutes")


def report_data(events: Sequence[Event], title: str, generated: dt.datetime,
                article_texts: Mapping[str, str] | None) -> Json:
    texts = article_texts or {}
    payload = [event_payload(e, texts) for e in events]
    points = [(p["place"]["lat"], p["place"]["lon"]) for p in payload if p["place"]]
    view = map_view(points)
    types = dict(EVENT_TYPE_COLOURS)
    for e in events:
        types.setdefault(e.event_type, OTHER_COLOUR)
    return {
        "title": title,
        "generated": _when(generated),
        "types": [{"name": name, "colour": colour} for name, colour in types.items()],
        "statuses": list(CLAIM_STATUSES),
        "view": view,
        "outlines": outlines_for(view),
        "outlineSource": "Natural Earth 1:110m (public domain)",
        "events": payload,
    }


def render_report(
    events: Sequence[Event],
    *,
    title: str = "Situation report",
    generated: dt.datetime | None = None,
    article_texts: Mapping[str, str] | None = None,
) -> str:
    """The report as one HTML document that needs nothing but a browser to open."""
    when = generated or dt.datetime.now(dt.UTC)
    script = _asset("report.js")
    values = {
        "TITLE": html.escape(title, quote=True),
        # The policy holds single quotes only, so the double-quoted attribute needs no &#x27;.
        "CSP": html.escape(content_security_policy(script), quote=False).replace('"', "&quot;"),
        "CSS": _asset("report.css"),
        "DATA": json_for_script(report_data(events, title, when, article_texts)),
        "JS": script,
    }
    # One pass, so a placeholder spelled inside the title or data is never expanded.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("template.html"))


def write_report(events: Sequence[Event], path: Path, **kw: Any) -> Path:
    """Render the report and write it as UTF-8 to `path` (parents created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(events, **kw), encoding="utf-8")
    return path
