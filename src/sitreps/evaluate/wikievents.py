"""WikiEvents (KAIROS ontology): are attacks and deaths found, with their place and attacker?

Data: ``wikievents/dev.jsonl`` (the dev half) and ``wikievents/test.jsonl`` (the test half),
20 documents each.  Each line has ``tokens``, ``sentences`` (each a list of
``[token, start_char, end_char]`` plus the sentence text), ``entity_mentions`` and
``event_mentions`` whose trigger and entity ``start``/``end`` are *document-level token
indices* (end exclusive).  The ``text`` field runs the sentences together without the
original gaps, so it is not used: the article text is the sentences joined by newlines,
and every token's character span is recomputed in that text.  No date is given, so
articles are published on 2020-01-01.

- event recall: a gold event whose type starts with ``Conflict.Attack`` or ``Life.Die`` is
  found when the trigger of an event-telling mention (not negated, hypothetical,
  historical or not political) overlaps the gold trigger's sentence.  One mention may find several gold events.
  Many documents retell past attacks (Wikipedia-style accounts, anniversaries), and with the
  made-up publication date our history flag sets them aside as a coder would; a second recall
  also counts the mentions flagged only as history, to show extraction apart from that judgement.
- argument recall, over the found ``Conflict.Attack`` events: a gold ``Place`` argument is
  matched when a mention found in that sentence has a place whose evidence span overlaps the
  argument's span, or whose written form, raw phrase or gazetteer name normalizes (lower case,
  letters and digits only, leading "the" dropped) to the argument's text; a gold ``Attacker``
  is matched when such a mention's actor1 evidence span overlaps it, or the words of one
  (lower case, without "the", "a", "an") are all among the words of the other.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..ingest import make_article
from ..records import Article, Mention
from .metrics import Ratio, Section, Split, Value, events_of, row

if TYPE_CHECKING:
    from ..pipeline import Pipeline

TITLE = "WikiEvents"
FILES: dict[Split, str] = {"dev": "wikievents/dev.jsonl", "test": "wikievents/test.jsonl"}
PUBLISHED = dt.date(2020, 1, 1)
KINDS = ("Conflict.Attack", "Life.Die")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class GoldEvent:
    id: str
    event_type: str
    trigger: Span
    sentence: Span
    places: tuple[Span, ...]
    attackers: tuple[Span, ...]


@dataclass(frozen=True)
class WikiDoc:
    id: str
    text: str
    sentences: tuple[Span, ...]
    events: tuple[GoldEvent, ...]  # only the kinds scored here


def _layout(sentences: Sequence[Any]) -> tuple[str, list[Span], list[tuple[int, int]]]:
    """The text (sentences joined by newlines), each sentence's span and each token's span."""
    parts: list[str] = []
    spans: list[Span] = []
    tokens: list[tuple[int, int]] = []
    at = 0
    for toks, sentence_text in sentences:
        base, text = toks[0][1], sentence_text.rstrip()
        tokens += [(at + s - base, at + e - base) for _, s, e in toks]
        spans.append(Span(at, at + len(text), text))
        parts.append(text)
        at += len(text) + 1
    return "\n".join(parts), spans, tokens


def _span(text: str, tokens: Sequence[tuple[int, int]], start: int, end: int) -> Span:
    a, b = tokens[start][0], tokens[end - 1][1]
    return Span(a, b, text[a:b])


def parse(line: Mapping[str, Any]) -> WikiDoc:
    text, sentences, tokens = _layout(line["sentences"])
    entities = {e["id"]: _span(text, tokens, e["start"], e["end"]) for e in line["entity_mentions"]}
    events = []
    for e in line["event_mentions"]:
        if not e["event_type"].startswith(KINDS):
            continue
        args = e["arguments"]
        t = e["trigger"]
        events.append(GoldEvent(
            e["id"], e["event_type"], _span(text, tokens, t["start"], t["end"]), sentences[t["sent_idx"]],
            tuple(entities[a["entity_id"]] for a in args if a["role"] == "Place" and a["entity_id"] in entities),
            tuple(entities[a["entity_id"]] for a in args if a["role"] == "Attacker" and a["entity_id"] in entities)))
    return WikiDoc(line["doc_id"], text, tuple(sentences), tuple(events))


def load(path: Path) -> list[WikiDoc]:
    with path.open(encoding="utf-8") as f:
        return [parse(json.loads(line)) for line in f if line.strip()]


def to_article(doc: WikiDoc) -> Article:
    """The document as an article; spans must survive ingest's text normalization."""
    article = make_article(doc.text, PUBLISHED, source="WikiEvents", id=f"wiki-{doc.id}")
    if article.text == doc.text:
        return article
    return Article(f"wiki-{doc.id}", doc.text, PUBLISHED, "WikiEvents")  # as is, so offsets hold


def norm(text: str) -> str:
    return re.sub(r"[\W_]", "", re.sub(r"^the\s+", "", text.strip().lower()))


def in_sentence(gold: GoldEvent, mentions: Sequence[Mention]) -> list[Mention]:
    return [m for m in mentions if gold.sentence.overlaps(m.trigger.start, m.trigger.end)]


def place_matched(arg: Span, mentions: Sequence[Mention]) -> bool:
    for m in mentions:
        if m.place is None:
            continue
        ev = m.place.evidence
        forms = {norm(ev.text), norm(m.place.raw), norm(m.place.place.name)}
        if arg.overlaps(ev.start, ev.end) or norm(arg.text) in forms:
            return True
    return False


def words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower())) - {"the", "a", "an"}


def attacker_matched(arg: Span, mentions: Sequence[Mention]) -> bool:
    gold = words(arg.text)
    for m in mentions:
        if m.actor1 is None:
            continue
        ev = m.actor1.evidence
        ours = words(ev.text)
        if arg.overlaps(ev.start, ev.end) or (gold and ours and (gold <= ours or ours <= gold)):
            return True
    return False


@dataclass(frozen=True)
class Tally:
    """Counts over a set of documents."""

    gold: dict[str, Ratio]  # kind -> found of gold
    places: Ratio
    attackers: Ratio
    in_gold_sentence: Ratio  # our mentions whose trigger is in a sentence with a scored gold event
    with_history: Ratio  # gold events found when mentions flagged only as history count too


def tally(docs: Sequence[WikiDoc], results: Mapping[str, Sequence[Mention]]) -> Tally:
    found = {k: [0, 0] for k in KINDS}
    places, attackers, inside, history = [0, 0], [0, 0], [0, 0], [0, 0]
    for doc in docs:
        told = events_of(results[doc.id])
        past = [m for m in results[doc.id] if set(m.flags) == {"historical"}]
        for gold in doc.events:
            near = in_sentence(gold, told)
            history[0] += bool(near or in_sentence(gold, past))
            history[1] += 1
            kind = next(k for k in KINDS if gold.event_type.startswith(k))
            found[kind][0] += bool(near)
            found[kind][1] += 1
            if near and kind == "Conflict.Attack":
                places[0] += sum(place_matched(a, near) for a in gold.places)
                places[1] += len(gold.places)
                attackers[0] += sum(attacker_matched(a, near) for a in gold.attackers)
                attackers[1] += len(gold.attackers)
        inside[0] += sum(any(g.sentence.overlaps(m.trigger.start, m.trigger.end) for g in doc.events) for m in told)
        inside[1] += len(told)
    return Tally({k: Ratio(*v) for k, v in found.items()}, Ratio(*places), Ratio(*attackers), Ratio(*inside),
                 Ratio(*history))


def _summary(docs: Sequence[WikiDoc], t: Tally) -> dict[str, Value]:
    everything = Ratio(sum(r.hit for r in t.gold.values()), sum(r.total for r in t.gold.values()))
    return {
        "documents": len(docs),
        "recall, Conflict.Attack.* events": t.gold["Conflict.Attack"],
        "recall, Life.Die.* events": t.gold["Life.Die"],
        "recall, both": everything,
        "recall, both, counting mentions flagged only as history": t.with_history,
        "Place arguments matched (found attacks)": t.places,
        "Attacker arguments matched (found attacks)": t.attackers,
        "our mentions in a sentence with such a gold event": t.in_gold_sentence,
    }


def evaluate(pipeline: "Pipeline", data: Path, splits: Sequence[Split], limit: int | None = None) -> Section:
    chosen = {s: load(data / FILES[s])[:limit] for s in splits}
    docs = [d for s in splits for d in chosen[s]]
    mentions = {a.id: ms for a, ms in pipeline.mentions([to_article(d) for d in docs])}
    results = {d.id: mentions[f"wiki-{d.id}"] for d in docs}
    values = {s: _summary(chosen[s], tally(chosen[s], results)) for s in splits}
    names = list(next(iter(values.values()))) if values else []
    note = f"dev.jsonl is the dev half, test.jsonl the test half; published {PUBLISHED} (no dates given)"
    return Section(TITLE, tuple(row(n, {s: values[s][n] for s in values}) for n in names),
                   items=f"{len(docs)} documents", notes=(note,))


__all__ = ["GoldEvent", "Span", "WikiDoc", "load", "parse", "to_article", "tally", "evaluate"]
