"""Who says so: the speaker and cue of a sentence, and the claim status.

A statement by a party to the fighting is a *claim*; by the outlet, its
correspondents, officials who are not fighting, medics or witnesses it is
*reported*.  Denials, disputes and "could not be verified" are kept as such.
Speakers are read from the parse (the subject of "said", the object of
"according to"), so "a spokesman told AFP" and "said the military" both work.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Sequence

from spacy.tokens import Span, Token

from ..knowledge.actors import ActorHit
from ..knowledge import Knowledge
from ..records import Claim, ClaimStatus, Evidence
from ..settings import Settings
from .analysis import Analysis

EXTRACTOR = "claims.parse"
SAY = {"say", "tell", "claim", "deny", "report", "announce", "confirm", "state", "add", "insist",
       "allege", "acknowledge", "dispute", "reject", "dismiss", "accuse", "warn", "write", "post"}
DENY = {"deny", "reject", "dismiss"}
PARTY_KINDS = {"state", "militant", "militia", "external", "unidentified"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_NOBODY = re.compile(r"(no|none|nobody|neither)\b", re.I)  # "No group claimed responsibility": no one speaks
_PARTY_WORDS = re.compile(
    r"\b(military|army|commander|command|spokesman for the (army|military|coalition|group)|ministry of defen[cs]e|"
    r"defen[cs]e ministry|joint operations|counter-terrorism|officer|general|colonel|brigadier|major|peshmerga|"
    r"militants?|jihadists?|amaq|the group)\b", re.I)
_DISPUTE = re.compile(r"could not (be )?(independently )?(verif|confirm)|cannot (be )?(independently )?verif|"
                      r"disputed|disputes|contested|unverified|were not possible to verify", re.I)
_OWN_COUNT = re.compile(r"\b(by|according to) (its|their|the group's|the militants'|the jihadists'|the army's|the military's) own (count|tally|figures?|account)", re.I)
# A headline credits its source after a colon or a dash ("... kills 7: police", "... - website",
# "...in Baghdad -sources") or before a colon ("Rights group: ..."); a credit is a few words,
# and where it could be part of the headline itself (a hyphen, a leading label) it must end
# in a word for a source ("Iraq conflict: ..." is a label, "Islamic State-held" a compound).
_SOURCE_WORD = (r"(?:sources?|police|medics?|officials?|official|spokes(?:man|woman|person)|ministry|military|army|"
                r"commanders?|coalition|Pentagon|U\.S\.|US|UN|U\.N\.|website|TV|television|radio|agency|witnesses|"
                r"residents|group|monitor|statement|governor|mayor|MPs?|lawmakers?|media|officer|chief|minister|"
                r"secretary|activists|doctors|hospital|says|say)")
_CREDIT_WORDS = r"[A-Z\w][\w.'’&-]*(?:,?\s+[\w.'’&-]+){0,4}"
_CREDIT_AFTER = re.compile(rf"(?:\s*:\s*|\s+[-–—]\s*)(?P<who>{_CREDIT_WORDS})\W*$")
_CREDIT_ATTACHED = re.compile(rf"(?:(?<=\w)-(?={_SOURCE_WORD})|\s+-)(?P<who>(?:[\w.'’&-]+,?\s+){{0,4}}{_SOURCE_WORD})\W*$", re.I)
_CREDIT_BEFORE = re.compile(rf"^(?P<who>(?:[\w.'’-]+\s+){{0,3}}{_SOURCE_WORD}):\s+\S", re.I)  # "Police: ..."
_RESPONSIBILITY = re.compile(r"(claimed|accepted|admitted|took) responsibility|claim(ed|s)? (the|an|that) (attack|bombing)|"
                             r"claimed by", re.I)


def _subtree_text(token: Token) -> tuple[int, int, str]:
    left, right = token.left_edge, token.right_edge
    span = token.doc[left.i : right.i + 1]
    if len(span) > 10:
        # a misparse hung a whole clause on the speaker: keep the noun phrase itself
        start = min([c.left_edge.i for c in token.lefts if c.dep_ in ("det", "amod", "compound", "poss", "nummod")] + [token.i])
        span = token.doc[start : token.i + 1]
    return span.start_char, span.end_char, span.text


def _speaker(verb: Token) -> tuple[int, int, str] | None:
    """Who said it: the subject, or in the passive the "by" agent; the passive subject
    ("Heavy fighting was reported") is what was said, not who said it."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return _subtree_text(child)
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _subtree_text(objects[0])
    return None


def _according_to(sent: Span) -> tuple[Token, tuple[int, int, str]] | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            for child in token.nbor().children:
                if child.dep_ == "pobj":
                    return token, _subtree_text(child)
    return None


def _headline_credit(text: str) -> tuple[int, int, str] | None:
    """The source a headline credits, as (start, end, words) within the text, if it credits one."""
    if ":" not in text[:60] and not any(mark in text[-70:] for mark in (":", "-", "–", "—")):
        return None  # most sentences: no colon near the start, no colon or dash near the end
    found = _CREDIT_BEFORE.match(text) or _CREDIT_ATTACHED.search(text)
    if found is None:
        found = _CREDIT_AFTER.search(text)
        # "March 7th 2016: Hit, Anbar province" is a dateline, not a credit: a free-standing
        # credit has no digits and no list of names, and follows a headline of some length
        if found is None or re.search(r"\d|,", found.group("who")) or len(text[: found.start()].split()) < 4:
            return None
    who = found.group("who").strip()
    if re.search(r"\d", who) or len(who.split()) > 5:
        return None
    start = found.start("who")
    return start, start + len(who), who


def _credited(sent: Span, index: int, hits: Sequence[ActorHit]) -> Claim | None:
    """The claim of a headline that credits its source ("...: police")."""
    credit = _headline_credit(sent.text)
    if credit is None:
        return None
    start, end, speaker = credit[0] + sent.start_char, credit[1] + sent.start_char, credit[2]
    ev = Evidence(EXTRACTOR, start, end, speaker, index)
    return Claim(speaker, "headline credit", _status("say", False, sent.text), ev,
                 party=_is_party(speaker, start, end, hits), subject="event")


def _is_party(speaker: str, start: int, end: int, hits: Sequence[ActorHit]) -> bool:
    for hit in hits:
        if hit.start_char >= start and hit.end_char <= end and hit.entry.kind in PARTY_KINDS:
            return True
    return bool(_PARTY_WORDS.search(speaker))


def _status(verb_lemma: str, party: bool, sentence: str) -> ClaimStatus:
    if verb_lemma in DENY:
        return "denied"
    if verb_lemma == "dispute" or _DISPUTE.search(sentence):
        return "disputed"
    if verb_lemma == "claim" or party:
        return "claimed"
    return "reported"


def find_claim(sent: Span, index: int, hits: Sequence[ActorHit], last_speaker: str, outlet: str) -> Claim | None:
    """The attribution of one sentence, or None if it has none of its own."""
    text = sent.text
    own = _OWN_COUNT.search(text)
    if own:
        ev = Evidence(EXTRACTOR, sent.start_char + own.start(), sent.start_char + own.end(), own.group(0), index)
        return Claim(last_speaker or "a party to the fighting", own.group(0), "claimed", ev, party=True, subject="count")
    found = _according_to(sent)
    verb_lemma = "say"
    if found is None:
        for token in sent:
            owned = token.lemma_.lower() in ("accept", "admit", "take") and _RESPONSIBILITY.search(text)
            if token.pos_ in ("VERB", "AUX") and (token.lemma_.lower() in SAY or owned):
                subject = _speaker(token)
                if subject is not None and not _NOBODY.match(subject[2]):
                    found, verb_lemma = (token, subject), token.lemma_.lower()
                    break
    if found is None:
        credited = _credited(sent, index, hits)
        if credited is not None:
            return credited
        if _DISPUTE.search(text):
            ev = Evidence(EXTRACTOR, sent.start_char, sent.end_char, text, index)
            return Claim(outlet or "the outlet", "could not be verified", "disputed", ev, subject="count")
        return None
    cue_token, (start, end, speaker) = found
    written = speaker  # the evidence keeps the words on the page; the speaker is who they are
    if speaker.lower() in PRONOUNS and last_speaker:
        speaker = last_speaker
    party = _is_party(speaker, start, end, hits)
    # Whether a combatant's word is a *claim* depends on the event it speaks of:
    # the events stage decides that, once it knows the event's actors.
    status = _status(verb_lemma, False, text)
    if _RESPONSIBILITY.search(text):
        status = "claimed"
        party = True
    cue = _cue(cue_token)
    ev = Evidence(EXTRACTOR, start, end, written, index)
    return Claim(speaker, cue, status, ev, party=party, subject="event")


def _cue(token: Token) -> str:
    if token.lower_ == "according":
        return "according to"
    words = [token.text]
    for child in token.rights:
        if child.dep_ in ("dobj", "dative") and child.i - token.i <= 2:
            words.append(child.text)  # "told AFP"
        if child.dep_ == "prep" and child.lower_ == "in" and any(g.lower_ == "statement" for g in child.subtree):
            words.append("in a statement")
    return " ".join(words)


NAME = "claims"
NEEDS = ("sentences", "actors")
ADDS = ("claims",)


def apply(analysis: Analysis, kb: Knowledge, settings: Settings) -> Analysis:
    found: list[tuple[int, Claim]] = []
    last = ""
    spans = list(analysis.doc.sents)
    for sent, span in zip(analysis.sentences, spans):
        hits = [h for h in analysis.actor_hits if sent.start <= h.start_char < sent.end]
        claim = find_claim(span, sent.index, hits, last, analysis.article.source)
        if claim is not None:
            claim = dataclasses.replace(claim, article_id=analysis.article.id, id=f"{analysis.article.id}:c{sent.index}")
            found.append((sent.index, claim))
            last = claim.speaker
    return analysis.add(NAME, claims=tuple(found))
