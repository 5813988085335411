"""Which of a sentence's dates and places tell when and where a given deed happened.

A sentence often carries background inside it: "Islamic State, which seized Mosul in
2014, attacked an army post" or "the deadliest attack since the 2016 Karrada bombing".
The year there dates the seizure or the earlier bombing, not the attack, and a coder
would not file the attack as history.  A date belongs to the nearest verb or event
word above it in the parse (its *owner*); it is foreign to a deed when the way from
its owner up to the deed crosses a clause that describes something else (a relative
clause or participle on another noun, an apposition, an aside), or when it is the
far end of a comparison ("the worst ... since 2016").  Places are read the same way:
the Mosul of "which seized Mosul in 2014" is not where the attack was.
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc, Token

from ..knowledge.lexicon import Trigger
from ..records import Sentence, TimeRef

# "the deadliest attack since 2016", "the first such strike since the 2003 invasion":
# the date after "since" is what the deed is measured against
_COMPARED = re.compile(r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|fiercest|first|highest|"
                       r"most\s+\w+)\b[^.;,]{0,40}?\b(since\b[^.;,]{0,60})", re.I)
# edges that open a description of some other noun, or an aside, rather than tell the deed itself
_ASIDE = {"appos", "parataxis"}
_DESCRIBES = {"relcl"}  # not "acl": the parser hangs a trailing "in Qayyarah on Saturday" on any participle
# a war is a long event: "the Syrian conflict, which began in 2011, has killed 500,000" is a tally of it
_WARS = {"war", "conflict", "insurgency", "uprising", "revolution", "crisis", "campaign", "offensive", "siege",
         "fighting", "violence", "unrest", "rebellion", "invasion", "occupation"}


def compared(text: str) -> list[tuple[int, int]]:
    """Spans (of text) holding the far end of a comparison: "since the 2016 Karrada bombing"."""
    return [m.span(1) for m in _COMPARED.finditer(text)]


def head_of(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the words at these character offsets."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _ancestry(tok: Token) -> list[Token]:
    """The token and its heads up to the root of its sentence."""
    out = [tok]
    while tok.head.i != tok.i and len(out) < 40:
        tok = tok.head
        out.append(tok)
    return out


def _owner(tok: Token, anchors: set[int]) -> Token | None:
    """The verb or event word a date hangs from."""
    return next((t for t in _ancestry(tok) if t.i in anchors), None)


def _describes_other(path: Sequence[Token], events: set[int]) -> bool:
    """The path from a date's owner up to (not including) the shared head crosses an aside,
    or a relative clause on a noun that is no event word ("Islamic State, which seized Mosul
    in 2014"; but "the attack, which was carried out in 2014" dates the attack, and "the war,
    which began in 2011" the war)."""
    return any(t.dep_ in _ASIDE or (t.dep_ in _DESCRIBES and t.head.i not in events
                                    and t.head.lemma_.lower() not in _WARS) for t in path)


def placement(doc: Doc, sent: Sentence, trig: Trigger, triggers: Sequence[Trigger],
              spans: Sequence[tuple[int, int]]) -> list[str]:
    """For each character span of the sentence (a date, a place), where it stands to this deed
    (``trig``, one of the sentence's ``triggers``): ``"deed"`` (told of the deed itself, at it or
    below it), ``"clause"`` (told of the clause above it: "On Monday, gunmen attacked ... killing")
    or ``"other"`` (outside its telling)."""
    far = [(sent.start + s, sent.start + e) for s, e in compared(sent.text)]
    out = ["other" if any(s <= start < e for s, e in far) else "clause" for start, _ in spans]
    deed = head_of(doc, sent.start + trig.start, sent.start + trig.end)
    if deed is None:
        return out
    words = doc.char_span(sent.start, sent.end, alignment_mode="expand") or ()
    anchors = {t.i for t in words if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")}
    events = {r.i for t in triggers if (r := head_of(doc, sent.start + t.start, sent.start + t.end)) is not None}
    above_deed = [t.i for t in _ancestry(deed)]
    for k, (start, end) in enumerate(spans):
        root = head_of(doc, start, end)
        owner = _owner(root, anchors | events) if root is not None else None
        if out[k] == "other" or owner is None:
            continue
        if owner.i in above_deed:
            out[k] = "deed" if owner.i == deed.i else "clause"
            continue
        path = []
        for t in _ancestry(owner):
            if t.i in above_deed:
                break
            path.append(t)
        below = path[-1].head.i == deed.i  # the way up from the owner meets the deed itself
        out[k] = "other" if _describes_other(path, events) else "deed" if below else "clause"
    return out


def deed_times(times: Sequence[TimeRef], marks: Sequence[str]) -> list[TimeRef]:
    """The dates that date the deed.  Only a date in the past is ever set aside: the parser's
    attachment of a trailing "yesterday" is too loose to move a current event off its day.
    A past date on the deed itself outweighs the clause's: in "Islamic State, which seized Mosul
    in 2014, attacked a post on Monday", the seizure is history whatever Monday says."""
    own = [t for t, m in zip(times, marks) if m == "deed"]
    if own and all(t.historical for t in own):
        return own
    return [t for t, m in zip(times, marks) if m != "other" or not t.historical]


def blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text with these spans blanked out (same length, so offsets still hold)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
