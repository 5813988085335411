"""What the article was just talking about, carried from sentence to sentence, and what one
sentence tells about each of its deeds.

The events stage reads a sentence's own date and place for a deed (:func:`told_of`) and
falls back on the story's (:class:`Story`): the day and town the narrative had reached.  A
story that opens in the past ("few days seared the memory of Belfast as Friday, 21 July
1972 ...") stays there: its undated deeds in the past tense are that history, not today's
news, until a sentence gives a current date.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Sequence

from spacy.tokens import Doc

from ..knowledge.lexicon import SPEECH_VERBS, Trigger
from ..records import Claim, PlaceMention, Sentence, TimeRef
from .analysis import Analysis
from .clauses import blank, compared, deed_times, head_of, placement
from .places import best_place

_SPEECH_DATE = re.compile(rf"\b(?:told\s+\w+|{SPEECH_VERBS})\s+(?:on\s+|late\s+on\s+|early\s+on\s+)?$", re.I)
_NOW = re.compile(r"\b(now|currently|today|this (week|month|year))\b", re.I)


def within(sent: Sentence, items: Sequence, get=lambda x: x.evidence.start) -> list:  # type: ignore[no-untyped-def]
    """The items (anything with an evidence span) that lie in the sentence."""
    return [x for x in items if sent.start <= get(x) < sent.end]


@dataclasses.dataclass
class Story:
    """What the article was just talking about, carried across sentences."""

    claims: dict[int, Claim]
    place: PlaceMention | None = None
    time: TimeRef | None = None
    past: TimeRef | None = None  # the past day the story opened on, until it comes back to the present
    opened: bool = False  # a date or an event has been told


def advance(state: Story, a: Analysis, sent: Sentence, told_event: bool = False) -> None:
    """Move the story on past a sentence (``told_event``: it told an event)."""
    times = within(sent, a.times)
    current = [t for t in times if not t.historical]
    # "rounded up families on Thursday, the UN said on Friday": the story is at Thursday
    text = a.article.text
    told = [t for t in current if not _SPEECH_DATE.search(text[max(sent.start, t.evidence.start - 40) : t.evidence.start])]
    if told or current:
        state.time = (told or current)[-1]
    if current:
        state.past = None
    elif times and not state.opened:
        state.past = times[-1]  # the story opens in the past
    elif times and state.past is not None and times[-1].precision <= state.past.precision:
        state.past = times[-1]  # and moves on within it (a year said in passing does not move it off a day)
    state.opened = state.opened or bool(times) or told_event
    place = best_place(within(sent, a.places), roles=False)
    if place is not None and not _coarser(place, state.place):
        state.place = place


def _coarser(new: PlaceMention, old: PlaceMention | None) -> bool:
    """"...in Al Anbar on the same day" does not move the story away from Ramadi, Al Anbar."""
    if old is None or new.geo_precision <= old.geo_precision:
        return False
    return not new.place.admin1 or new.place.admin1 == old.place.admin1


@dataclasses.dataclass(frozen=True)
class Told:
    """What a sentence tells about one of its deeds: its own dates and places, and the text
    with the others (and the far end of a comparison) blanked for the cue lists."""

    times: list[TimeRef]
    places: list[PlaceMention]
    text: str


def told_of(a: Analysis, sent: Sentence, trig: Trigger, triggers: Sequence[Trigger]) -> Told:
    """"Islamic State, which seized Mosul in 2014, attacked a post near Tikrit": the attack's
    date and place are not 2014 and Mosul (clauses.placement)."""
    times, places = within(sent, a.times), within(sent, a.places)
    if len(places) < 2 and not any(t.historical for t in times):
        return Told(times, places, blank(sent.text, compared(sent.text)))  # nothing to set aside (and no parse to walk)
    marks = placement(a.doc, sent, trig, triggers, [(x.evidence.start, x.evidence.end) for x in [*times, *places]])
    own_times = deed_times(times, marks[: len(times)])
    blanked = [(t.evidence.start - sent.start, t.evidence.end - sent.start) for t in times if t not in own_times]
    own_places = [p for p, m in zip(places, marks[len(times):]) if m != "other"]
    if all(p.role for p in own_places):
        own_places = places  # "handed over villages they had captured near Bartella": no other place says where
    return Told(own_times, own_places, blank(sent.text, blanked + compared(sent.text)))


def in_the_past(state: Story, a: Analysis, sent: Sentence, trig: Trigger, told: Told) -> bool:
    """An undated deed told in the past tense, in a story that opened in the past and has given
    no current date since: part of that history ("By the end of the day, the IRA had detonated
    at least 20 bombs")."""
    if state.past is None or told.times or _NOW.search(sent.text):
        return False
    return _past_tense(a.doc, sent, sent.start + trig.start, sent.start + trig.end)


_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def _past_tense(doc: Doc, sent: Sentence, start: int, end: int) -> bool:
    """The first finite verb above the deed ("killing" and "to flourish" go by the verb they
    hang from) is in a past tense: no present or future form in it or its auxiliaries ("has
    killed", "are fighting", "will hold").  A deed no finite verb governs (a glued heading,
    "Collapsed ceasefire In terms of ...") goes by the sentence's finite verbs."""
    word = head_of(doc, start, end)
    if word is None:
        return False
    for _ in range(10):
        forms = {word.tag_, *(c.tag_ for c in word.children if c.dep_ in ("aux", "auxpass"))}
        if word.pos_ in ("VERB", "AUX") and forms & _FINITE:
            return not forms & {"VBZ", "VBP", "MD"}
        if word.head.i == word.i:
            break
        word = word.head
    words = doc.char_span(sent.start, sent.end, alignment_mode="expand") or ()
    tags = {t.tag_ for t in words}
    return "VBD" in tags and not tags & {"VBZ", "VBP", "MD"}
