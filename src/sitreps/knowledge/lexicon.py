"""The event lexicon: trigger patterns for ACLED sub-event types, and the cues that
mark threats, plans, denials and background history as non-events.

Patterns are data (``data/lexicon.json``).  They are matched case-insensitively
unless a pattern opts in to case with an inline ``(?i:...)`` group, which lets a
rule demand a capitalised place name after "captured".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from ..errors import KnowledgeError

# Verbs of speech as news writes them ("officials said", "told AFP"): what was said is not
# counted in the speaker's noun phrase, and a date hanging off one dates the statement.
SPEECH_VERBS = r"said|says|told|tells|reported|claimed|added|stated|announced|confirmed"


@dataclass(frozen=True)
class Rule:
    sub: str
    group: str
    priority: int
    regex: re.Pattern[str]
    requires: re.Pattern[str] | None = None  # context the sentence must have (a protest)


@dataclass(frozen=True)
class Trigger:
    """A rule that fired in a sentence, at a character span of that sentence."""

    rule: Rule
    start: int
    end: int
    text: str


_OPENERS = re.compile(r"^(?:\((?:\?i?:)?)*")  # "(", "(?:", "(?i:" at a pattern's start


def _compile(patterns: list[str], origin: str) -> re.Pattern[str]:
    # every pattern must end on a word character or a group: one ending in a space is
    # followed by the whole-word guard below and so could never match
    dead = [p for p in patterns if p != p.rstrip()]
    if dead:
        raise KnowledgeError(f"{origin}: pattern ends in a space and can never match: {dead[0]!r}")
    # and start on one: the guard's leading "\b" (which lets the regex engine skip to word
    # starts: a third less time than the look-behind alone) would refuse any other start
    odd = [p for p in patterns if not re.match(r"[A-Za-z0-9]|\\[wd]|\[", _OPENERS.sub("", p))]
    if odd:
        raise KnowledgeError(f"{origin}: pattern must start with a letter, a digit, a group or a class: {odd[0]!r}")
    parts = [p if p.startswith("(?i:") else f"(?i:{p})" for p in patterns]
    try:
        # not inside a word, nor after a lower-case prefix ("counter-attack", "anti-bomb"); but a
        # wire's tag may run into the headline ("UPDATE 2-Bomb in Baghdad kills 11", "RPT-Attack")
        return re.compile(r"\b(?<!\w)(?<![a-z]-)(?:" + "|".join(parts) + r")(?![\w])")
    except re.error as exc:
        raise KnowledgeError(f"{origin}: bad pattern ({exc})") from exc


class Lexicon:
    def __init__(self, event_types: dict[str, str], rules: list[Rule], cues: dict[str, re.Pattern[str]]):
        self.event_types = event_types
        self.rules = rules
        self.cues = cues

    @classmethod
    def load(cls) -> "Lexicon":
        text = resources.files("sitreps.knowledge").joinpath("data/lexicon.json").read_text("utf-8")
        data = json.loads(text)
        rules = [
            Rule(r["sub"], r["group"], int(r["priority"]), _compile(r["patterns"], f"lexicon:{r['sub']}"),
                 re.compile(r["requires"], re.I) if r.get("requires") else None)
            for r in data["rules"]
        ]
        cues = {name: _compile(pats, f"lexicon:{name}") for name, pats in data["non_event_cues"].items()}
        return cls(dict(data["event_types"]), rules, cues)

    def event_type(self, sub: str) -> str:
        return self.event_types.get(sub, "Strategic developments")

    def triggers(self, sentence: str) -> list[Trigger]:
        """Every place a rule fires in the sentence, in rule order then text order."""
        return [
            Trigger(rule, match.start(), match.end(), match.group(0))
            for rule in self.rules
            if rule.requires is None or rule.requires.search(sentence)
            for match in rule.regex.finditer(sentence)
        ]

    def cue(self, name: str, text: str) -> re.Match[str] | None:
        return self.cues[name].search(text)
