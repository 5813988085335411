"""The curated actor list: canonical actors, their aliases and ACLED codes.

The list is data (``data/actors.json``), extendable with a user file of the same
shape; nothing about particular groups is hard-coded here.  Aliases are matched
with spaCy's PhraseMatcher: short all-capital acronyms ("IS", "PMF") case-sensitively,
because "is" is the commonest verb in English; everything else case-insensitively.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import KnowledgeError
from ..records import Actor
from .countries import country, formal_name, nationality

COUNTRY_SLOT = "{country}"


@dataclass(frozen=True)
class ActorEntry:
    """One row of the actor list; templated names are filled per event."""

    key: str
    name: str
    inter: int
    actor_type: str
    kind: str
    country: str = ""
    generic: bool = False
    unit: bool = False
    # found only after whose they are, never bare: "country" after a nationality or a country's
    # name ("Turkey war planes"), "nationality" after a nationality word only ("Turkish air
    # strikes"; an "Iraq strike" is a strike in Iraq)
    qualified: str = ""
    # what the actor became on a date ("became" in the list): the Taliban, the state of
    # Afghanistan's forces from 15 August 2021; ACLED codes an event by the actor of its day
    became_on: dt.date | None = None
    successor: "ActorEntry | None" = None
    # (where, whose): in a territory another state's army holds, the bare aliases name that
    # army ("troops" in the West Bank are Israel's; the Palestinian Territory has no army)
    held: tuple[tuple[str, str], ...] = ()

    def held_by(self, iso3: str) -> str:
        """ISO3 of the state whose forces the bare aliases name in ``iso3``; '' if its own."""
        return next((whose for where, whose in self.held if where == iso3), "")

    def as_of(self, day: dt.date) -> "ActorEntry":
        """This entry, or the one it became by ``day``."""
        if self.successor is not None and self.became_on is not None and day >= self.became_on:
            return self.successor.as_of(day)
        return self

    def resolve(self, country_name: str, iso3: str) -> Actor:
        name = self.name
        if COUNTRY_SLOT in name:
            name = name.replace(COUNTRY_SLOT, formal_name(country_name) if country_name else "Unknown country")
        return Actor(
            name=name,
            inter=self.inter,
            actor_type=self.actor_type,
            country=self.country or (iso3 if self.generic else ""),
            kind=self.kind,
        )


@dataclass(frozen=True)
class ActorHit:
    entry: ActorEntry
    start: int  # token index
    end: int
    start_char: int
    end_char: int
    text: str
    nationality: str = ""  # ISO3 of the country its words name ("British troops"), if any


def _is_acronym(alias: str) -> bool:
    return alias.isupper() and len(alias) <= 5 and " " not in alias


class ActorBook:
    """Actor list plus the matchers that find its aliases in a parsed text."""

    def __init__(self, nlp: Language, entries: Sequence[tuple[ActorEntry, Sequence[str]]]) -> None:
        self.entries = [entry for entry, _ in entries]
        self._by_key = {entry.key: entry for entry in self.entries}
        self._by_name = {entry.name: entry for entry in self.entries if not entry.generic}
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entry, aliases in entries:
            exact = [nlp.make_doc(a) for a in aliases if _is_acronym(a)]
            folded = [nlp.make_doc(a) for a in aliases if not _is_acronym(a)]
            if exact:
                self._exact.add(entry.key, exact)
            if folded:
                self._folded.add(entry.key, folded)

    @classmethod
    def load(cls, nlp: Language, extra: Sequence[str | Path] = ()) -> "ActorBook":
        text = resources.files("sitreps.knowledge").joinpath("data/actors.json").read_text("utf-8")
        rows = _parse(text, "built-in actors.json")
        for path in extra:
            try:
                rows.extend(_parse(Path(path).read_text("utf-8"), str(path)))
            except OSError as exc:
                raise KnowledgeError(f"{path}: cannot read actor list ({exc.strerror})") from exc
        return cls(nlp, rows)

    def entry(self, key: str) -> ActorEntry:
        return self._by_key[key]

    def by_kind(self, kind: str) -> ActorEntry | None:
        """The first entry of a kind: the default civilians, protesters, rioters."""
        return next((e for e in self.entries if e.kind == kind), None)

    def find(self, doc: Doc) -> list[ActorHit]:
        """Every alias in the text, longest match winning where they overlap."""
        spans: list[Span] = []
        for matcher in (self._exact, self._folded):
            for match_id, start, end in matcher(doc):
                spans.append(Span(doc, start, end, label=match_id))
        hits: list[ActorHit] = []
        for span in filter_spans(spans):
            entry = self._by_key[span.label_]
            named = _named_army(doc, span) if entry.generic and entry.kind == "state" else None
            if named is not None and self.by_kind("unidentified") is not None:
                # "Arakan Army", "White Army": a group named an army is not a state's army
                entry, span = self.by_kind("unidentified"), named  # type: ignore[assignment]
            iso3 = ""
            if (entry.generic and entry.kind == "state") or entry.qualified:
                iso3, span = _nationality(doc, span, names=entry.qualified != "nationality")
                if not iso3 and entry.qualified:
                    continue  # bare "air strikes" name no one
                entry = self._own_entry(entry, iso3)
            if hits and hits[-1].end == span.start and entry.kind == "unidentified":
                # "Kurdish Peshmerga fighters" is one actor, not Peshmerga plus fighters
                last = hits[-1]
                hits[-1] = ActorHit(last.entry, last.start, span.end, last.start_char, span.end_char,
                                    doc.text[last.start_char : span.end_char])
                continue
            hits.append(ActorHit(entry, span.start, span.end, span.start_char, span.end_char, span.text, iso3))
        return hits

    def _own_entry(self, entry: ActorEntry, iso3: str) -> ActorEntry:
        """The list's own entry for one country's forces, where it has one ("US strikes" are
        the Military Forces of the United States, with their codes); else the entry itself."""
        info = country(iso3) if iso3 else None
        if info is None or COUNTRY_SLOT not in entry.name:
            return entry
        return self._by_name.get(entry.name.replace(COUNTRY_SLOT, formal_name(info.name)), entry)


def _nationality(doc: Doc, span: Span, names: bool = True) -> tuple[str, Span]:
    """(ISO3, span from the nationality on) for a state force its words name by country:
    "Syrian army", "British troops", "Turkey's army", "Iraq forces"; ("", span) otherwise.
    With names=False only a nationality word counts: an "Iraq strike" is a strike in Iraq."""
    iso3 = nationality(doc[span.start].text, names)
    if iso3:
        return iso3, span
    before = span.start - 1
    if before >= 0 and doc[before].text in ("'s", "’s"):
        before -= 1
    iso3 = nationality(doc[before].text, names) if before >= 0 and not doc[before].is_lower else None
    if iso3:
        return iso3, Span(doc, before, span.end, label=span.label_)
    return "", span


def _named_army(doc: Doc, span: Span) -> Span | None:
    """The whole name when a bare "Army" ends a proper name that is no country or
    nationality ("the Arakan Army", "White Army militiamen"); None otherwise."""
    if span.text.lower() != "army" or span.start == 0:
        return None
    start = span.start
    while start > 0 and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_stop:
        start -= 1
        if doc[start].is_sent_start:  # a sentence's first word is capitalised anyway: a name only if tagged one
            start += 0 if doc[start].pos_ == "PROPN" else 1
            break
    words = doc[start : span.start]
    if start == span.start or any(t.ent_type_ in ("NORP", "GPE") or nationality(t.text) is not None for t in words):
        return None  # "Somali National Army", "Syrian Army": a country's army
    return Span(doc, start, span.end, label=span.label_)


def _qualified(value: object) -> str:
    if value not in ("", "country", "nationality"):
        raise ValueError("'qualified' (must be \"country\" or \"nationality\")")
    return str(value)


def _held(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError("'held' (must map ISO3 codes to ISO3 codes)")
    return tuple(sorted((k.upper(), v.upper()) for k, v in value.items()))


def _with_successor(entry: ActorEntry, row: dict) -> ActorEntry:
    """The entry with what it "became" on a date, if the row says."""
    later = row.get("became")
    if later is None:
        return entry
    try:
        on = dt.date.fromisoformat(str(later["on"]))
        successor = ActorEntry(key=f"{entry.key}@{on.isoformat()}", name=str(later["name"]), inter=int(later["inter"]),
                               actor_type=str(later["actor_type"]), kind=str(later.get("kind", "")),
                               country=str(later.get("country", entry.country)))
    except (KeyError, TypeError, ValueError):
        raise ValueError("'became' (needs 'on' as YYYY-MM-DD, 'name', 'inter' and 'actor_type')") from None
    return dataclasses.replace(entry, became_on=on, successor=successor)


def _parse(text: str, origin: str) -> list[tuple[ActorEntry, list[str]]]:
    try:
        data = json.loads(text)
        rows = data["actors"]
    except (ValueError, KeyError, TypeError) as exc:
        raise KnowledgeError(f"{origin}: not an actor list ({exc})") from exc
    parsed = []
    for number, row in enumerate(rows, 1):
        try:
            entry = ActorEntry(
                key=f"{origin}#{number}",
                name=str(row["name"]),
                inter=int(row["inter"]),
                actor_type=str(row["actor_type"]),
                kind=str(row.get("kind", "")),
                country=str(row.get("country", "")),
                generic=bool(row.get("generic", False)),
                unit=bool(row.get("unit", False)),
                qualified=_qualified(row.get("qualified", "")),
                held=_held(row.get("held", {})),
            )
            entry = _with_successor(entry, row)
            aliases = [str(a) for a in row.get("aliases", [])] or [entry.name]
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeError(f"{origin}: actor {number} is missing or has a bad {exc}") from exc
        parsed.append((entry, aliases))
    return parsed
