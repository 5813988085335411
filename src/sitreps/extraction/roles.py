"""Who did it to whom: actor roles from the dependency parse, with word order as
the fallback, resolved to canonical actors, and the actors a report implies.

Actor 1 is the agent (the subject of an active trigger verb, the "by" phrase of a
passive one or of a strike noun); actor 2 the target (object, "against"/"on"
phrase).  "Clashes between X and Y" gives both.  The speaker of "the military
said" is never an actor merely for speaking.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Sequence

from spacy.tokens import Doc, Token

from ..knowledge import Knowledge
from ..knowledge.actors import ActorEntry, ActorHit
from ..knowledge.countries import country
from ..knowledge.lexicon import Trigger
from ..records import Actor, ActorMention, Count, Evidence, PlaceMention, Sentence
from .analysis import Analysis
from .attribution import ARMED
from .clauses import head_of

# "Police in Lyon were searching for a man believed to be behind Friday's blast": whoever
# hunts or investigates the deed did not do it
_SEEKING = re.compile(r"\s*(?:[\w'’-]+\s+){0,6}?(?:(?:are|were|is|was|have been|had been|are still|were still)\s+)?"
                      r"(?:hunting|searching for|looking for|seeking|investigating|probing|tracking down|pursuing|"
                      r"chasing|trying to (?:find|identify|trace|catch))\b.*\b(?:responsible|behind|who|that|suspected|believed|"
                      r"accused|wanted|in connection with|over|after|for the|into the)\b"
                      # "Police are investigating the bombing": the deed is the object of the inquiry
                      r"|\s*(?:[\w'’-]+\s+){0,6}?(?:investigating|probing|looking into|(?:an |a )?"
                      r"(?:investigation|inquiry|probe) into)\s+(?:[\w'’-]+\s+){0,2}\Z", re.I)
_TARGET_PREPS = {"on", "against", "at", "with", "targeting"}
_VICTIM_SUBS = {"Attack", "Abduction/forced disappearance", "Sexual violence"}


def _governing_verb(token: Token) -> Token:
    """The verb a noun hangs from ("militants" of "forces focus on militants" -> "focus"); the
    noun itself when no verb governs it."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else token


def _hit_in(token: Token, hits: Sequence[ActorHit]) -> ActorHit | None:
    """The first actor in the token's phrase that is not the argument of a verb nested in it:
    in "opened fire on men at a market after accusing them of supporting jihadists" the target
    is the men, not the jihadists.  A participle passes ("positions held by Islamic State")."""
    lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    inside = [h for h in hits if lo <= h.start_char and h.end_char <= hi]
    return next((h for h in inside if not _under_other_verb(token.doc, h, token)), None)


def _under_other_verb(doc: Doc, hit: ActorHit, root: Token | None) -> bool:
    """The actor is an argument of a clause verb (not a participle) that hangs below ``root``."""
    word = head_of(doc, hit.start_char, hit.end_char)
    if root is None or word is None:
        return False
    if root.i not in {t.i for t in word.ancestors}:
        return False  # another branch of the sentence: word order decides, as before
    return _nested(word, root)


# a clause of its own below the deed ("after accusing them of ...", "who ..."); not "including",
# which the parser makes a verb heading a mere list, a participle ("fighters fleeing Fallujah"),
# or the deed told on ("killed 14, attacking a market and a military base")
_CLAUSES = {"pcomp", "relcl", "ccomp"}


def _nested(word: Token, top: Token) -> bool:
    while word.i != top.i and word.head.i != word.i:
        word = word.head
        if word.i != top.i and word.pos_ == "VERB" and word.tag_ != "VBN" and word.dep_ in _CLAUSES \
                and not (word.dep_ == "relcl" and word.head.i == top.i):  # "fighting that began when IS ..."
            return True
    return False


def _by_parse(root: Token, hits: Sequence[ActorHit]) -> tuple[ActorHit | None, ActorHit | None]:
    agent = target = None
    for child in root.children:
        if child.dep_ == "nsubj" and agent is None:
            agent = _hit_in(child, hits)
        elif child.dep_ == "nsubjpass" and target is None:
            target = _hit_in(child, hits)
        elif child.dep_ == "dobj" and target is None:
            target = _hit_in(child, hits)
        elif child.dep_ in ("agent", "prep") and child.lower_ == "by" and agent is None:
            agent = _hit_in(child, hits)
        elif child.dep_ == "prep" and child.lower_ == "between":
            pair = [h for h in hits if child.idx <= h.start_char <= child.right_edge.idx]
            if len(pair) >= 2:
                return pair[0], pair[1]
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS and target is None:
            target = _hit_in(child, hits)
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)  # "but the fourth detonated"
    if agent is None and not own_subject and root.dep_ in ("xcomp", "advcl", "conj", "ccomp", "pcomp") and root.head.i != root.i:
        # "troops advanced, killing 12": the subject of the governing verb acts
        agent = next((_hit_in(c, hits) for c in root.head.children if c.dep_ == "nsubj"), None)
    return agent, target


_CLAUSE_BREAK = re.compile(r",\s*(?:but|while|whereas|although|though)\b|;|\bbut\b|\bwhile\b", re.I)
# Text ending in a dating phrase: the deed after it, one the reader already knows ("the"),
# only dates what came before ("police arrived hours after the bombing", "died in a gunfight
# three days after the bombing"); "after a gunfight" tells a new deed
DATED_BY = re.compile(r"\b(?:after|before|since|following|until|ahead of)\s+(?:the|this|that|last|its|their|"
                      r"[\w'-]+['’]s)\s+(?:[\w-]+\s+){0,2}$", re.I)
_DIE = {"die", "perish"}
_HARM = {"kill", "wound", "injure", "abduct", "kidnap", "execute", "behead", "murder", "hurt", "slay"}


def _victims(doc: Doc, sent: Sentence, hits: Sequence[ActorHit]) -> list[ActorHit]:
    """Actors a passive verb of harm, or "died", has as its subject in this sentence."""
    out = []
    for token in doc.char_span(sent.start, sent.end, alignment_mode="expand") or ():
        if (token.dep_ == "nsubjpass" and token.head.lemma_.lower() in _HARM) or \
                (token.dep_ == "nsubj" and token.head.lemma_.lower() in _DIE):
            hit = _hit_in(token, hits)
            if hit is not None and hit not in out:
                out.append(hit)
    return out


def _loser(root: Token, hits: Sequence[ActorHit]) -> ActorHit | None:
    """The actor a capture was "from" (a prepositional child of the verb or its object)."""
    for token in (root, *(c for c in root.children if c.dep_ == "dobj")):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                hit = _hit_in(child, hits)
                if hit is not None:
                    return hit
    return None


def _distinct(first: ActorHit | None, second: ActorHit | None) -> bool:
    return first is None or second is None or first.entry.key != second.entry.key


_VERB_FIRST = re.compile(r"kill|storm", re.I)
_OWNER = re.compile(r"\s*(?:(?:'s|’s)\s+(?:[a-z-]+\s+){0,2})?")  # "Islamic State's top security [chief]"


def _inside_roles(trig: Trigger, inside: list[ActorHit], agent: ActorHit | None, target: ActorHit | None,
                  root: Token | None, hits: Sequence[ActorHit], t0: int) -> tuple[ActorHit | None, ActorHit | None]:
    """(actor 1, actor 2) given the actors within the trigger's own words."""
    if trig.rule.sub == "TERRITORY" or (trig.rule.sub == "ASSAULT" and _VERB_FIRST.match(trig.text)):
        # a capture's or a killing's trigger starts with its verb: an actor inside it is the side
        # driven out ("drove police out of", "driven IS fighters from") or killed ("killed IS
        # militant"), as is one a place was taken "from"
        lost = [h for h in inside if h.start_char > t0]
        inside = [h for h in inside if h not in lost]
        if target is None and lost:
            target = lost[0]
        elif target is None and trig.rule.sub == "TERRITORY" and root is not None:
            target = _loser(root, hits)
    if trig.rule.sub == "CASUALTIES":
        # "40 soldiers were killed": the dead, not their killers; "US service member killed" (a
        # headline drops the "was") parses as their deed
        return (None, target or agent) if agent in inside else (agent, target or (inside[0] if inside else None))
    if agent is None and inside:
        agent = inside[0]  # "coalition aircraft struck", "Turkish artillery shelled"
    return agent, target


def assign_roles(doc: Doc, sent: Sentence, trig: Trigger, hits: Sequence[ActorHit],
                 speaker: tuple[int, int] | None, counts: Sequence[Count]) -> tuple[ActorHit | None, ActorHit | None]:
    """(actor 1, actor 2) for the event a trigger names in this sentence."""
    if speaker is not None:
        spoken = [h for h in hits if speaker[0] <= h.start_char and h.end_char <= speaker[1]]
        actors = [h for h in hits if h not in spoken]
        hits = actors or []
    t0 = sent.start + trig.start
    hits = [h for h in hits if not (h.end_char <= t0 and _SEEKING.match(sent.text[h.end_char - sent.start : t0 - sent.start]))]
    root = head_of(doc, sent.start + trig.start, sent.start + trig.end)
    t1 = sent.start + trig.end
    if root is not None and any(h.start_char <= t0 and t1 <= h.end_char for h in hits):
        root = _governing_verb(root)  # the trigger is an actor's word ("focus on militants"): its verb tells the roles
    agent, target = _by_parse(root, hits) if root is not None else (None, None)
    victims = _victims(doc, sent, hits)  # "22 soldiers were killed in an ambush": hit, not hitting
    if target is None and victims:
        target = victims[0]
    inside = [h for h in hits if h.start_char < t1 and t0 < h.end_char and h is not target]
    agent, target = _inside_roles(trig, inside, agent, target, root, hits, t0)
    # an actor named before the trigger in another clause did something else ("Soldiers shot
    # three of them, but the fourth detonated his explosives")
    before = [h for h in hits if h.end_char <= t0 and h is not target and h not in victims
              and not _CLAUSE_BREAK.search(sent.text[h.end_char - sent.start : t0 - sent.start])
              and not DATED_BY.search(sent.text[h.end_char - sent.start : t0 - sent.start])]
    # "opened fire on men ... after accusing them of supporting jihadists": not the jihadists
    after = [h for h in hits if h.start_char >= t1 and h is not agent and not _under_other_verb(doc, h, root)]
    if trig.rule.sub == "CASUALTIES" and target is None and before and \
            _OWNER.fullmatch(sent.text[before[-1].end_char - sent.start : t0 - sent.start]):
        target = before.pop()  # "Islamic State's top security chief killed": whose man died
        agent = None if agent == target else agent  # the parse made him the subject of "killed"
    if agent is None and before:
        agent = before[-1]
    if target is None:
        target = next((h for h in after if _distinct(agent, h)), None)
    if not _distinct(agent, target):
        target = None
    if trig.rule.sub in _VICTIM_SUBS and (target is None or target.entry.kind != "civilian"):
        civilians = [h for h in hits if h.entry.kind == "civilian"]
        target = civilians[0] if civilians else target
    return agent, target


def actor_mention(hit: ActorHit | None, a: Analysis, place: PlaceMention | None,
                  context: ActorHit | None) -> ActorMention | None:
    """The canonical actor a hit names, resolved for the event's country."""
    if hit is None:
        return None
    if hit.entry.kind == "unidentified" and context is not None:
        hit = dataclasses.replace(hit, entry=context.entry)  # "the militants" of an IS story are IS
    unit = hit.text if hit.entry.unit else ""
    ev = Evidence("actors.list", hit.start_char, hit.end_char, hit.text, -1)
    here = _country(a, place)
    actor = hit.entry.resolve(*here)
    if hit.nationality and hit.entry.generic:
        actor = _national(hit.entry, hit.nationality, here[1]) or actor
    elif hit.entry.generic and hit.entry.held_by(here[1]):
        actor = _national(hit.entry, hit.entry.held_by(here[1]), here[1]) or actor
    elif hit.entry.country and hit.entry.kind in ("state", "external") and here[1]:
        actor = _home_or_abroad(actor, hit.entry.country, here[1])
    return ActorMention(actor, ev, unit)


def _home_or_abroad(actor: Actor, own: str, here: str) -> Actor:
    """A state's own entry ("Military Forces of Turkey", the IDF) as ACLED codes it by where
    the event is: state forces (inter 1) at home, external forces (inter 8) abroad."""
    if own == here:
        return dataclasses.replace(actor, kind="state", inter=1, actor_type="State forces")
    return dataclasses.replace(actor, kind="external", inter=8, actor_type="External/other forces")


def _national(entry: ActorEntry, iso3: str, home: str) -> Actor | None:
    """A country's forces its name gives ("British troops"): that country's, and where they
    fight abroad, external forces (ACLED inter code 8)."""
    info = country(iso3)
    if info is None:
        return None
    actor = dataclasses.replace(entry.resolve(info.name, iso3), country=iso3)
    return _home_or_abroad(actor, iso3, home) if entry.kind == "state" else actor


def _country(a: Analysis, place: PlaceMention | None) -> tuple[str, str]:
    """(country name, ISO3) a templated actor takes: the event's place's, else the article's."""
    iso3 = place.place.iso3 if place and place.place.iso3 else a.country
    return (place.place.country if place and place.place.country else a.country_name), iso3


def named_militant(hits: Sequence[ActorHit]) -> ActorHit | None:
    """The one armed group an article names, if it names exactly one."""
    named = {h.entry.key: h for h in hits if h.entry.kind == "militant"}
    return next(iter(named.values())) if len(named) == 1 else None


def default_actor(kb: Knowledge, kind: str, ev: Evidence, a: Analysis,
                  place: PlaceMention | None) -> ActorMention | None:
    """The list's generic actor of a kind ("Protesters (Iraq)"), for an actor a report implies."""
    entry = kb.actors.by_kind(kind)
    if entry is None:
        return None
    return ActorMention(entry.resolve(*_country(a, place)), dataclasses.replace(ev, extractor="actors.default"))


_CIVILIAN_SITE = re.compile(r"\b(markets?|marketplace|mosques?|caf[eé]s?|shops|shopping|mall|stadium|funeral|wedding|"
                            r"restaurants?|bus station|churche?s?|shrines?|schools?|bakery|playground|park)\b", re.I)


def _at_civilian_site(a: Analysis, ev: Evidence) -> bool:
    sent = next((s for s in a.sentences if s.index == ev.sentence), None)
    return sent is not None and bool(_CIVILIAN_SITE.search(sent.text))


def implied_actors(kb: Knowledge, sub: str, actor1: ActorMention | None, actor2: ActorMention | None,
                   counts: Sequence[Count], ev: Evidence, a: Analysis, place: PlaceMention | None
                   ) -> tuple[ActorMention | None, ActorMention | None]:
    """ACLED codes every event with an actor 1; fill the ones a report implies."""
    event_type = kb.lexicon.event_type(sub)
    crowd = {"Protests": ("protester",), "Riots": ("rioter", "protester")}.get(event_type)
    if crowd and (actor1 is None or actor1.actor.kind not in crowd):
        # "police dispersed the protesters": the crowd is actor 1, the force that met it actor 2
        if actor2 is not None and actor2.actor.kind in crowd:
            actor1, actor2 = actor2, actor1
        else:  # civilians who march are the protesters themselves, not their opponents
            other = actor1 if actor1 is not None and actor1.actor.kind != "civilian" else None
            actor1, actor2 = default_actor(kb, crowd[0], ev, a, place), actor2 or other
    hurt = {c.side for c in counts if c.kind in ("killed", "injured", "abducted")}
    if actor2 is None and event_type == "Explosions/Remote violence" and "unknown" in hurt and _at_civilian_site(a, ev):
        hurt.add("civilians")  # "Car bomb kills 7 at a market": the dead at a market or a mosque are civilians
    if actor2 is None and (event_type == "Violence against civilians" or "civilians" in hurt):
        actor2 = default_actor(kb, "civilian", ev, a, place)
    elif actor2 is None and "state" in hurt and (actor1 is None or actor1.actor.kind != "state"):
        actor2 = default_actor(kb, "state", ev, a, place)  # "three policemen were killed": the state was hit
    if actor1 is None and sub == "Armed clash" and not hurt and actor2 is not None and actor2.actor.kind in ARMED:
        actor1, actor2 = actor2, None  # "fighting that began when IS gunmen slipped in": the one side named
    if actor1 is None and sub == "Government regains territory":
        actor1 = default_actor(kb, "state", ev, a, place)  # the sub-type already says the state took it back
    if actor1 is None and event_type in ("Battles", "Violence against civilians", "Explosions/Remote violence"):
        actor1 = default_actor(kb, "unidentified", ev, a, place)
    return actor1, actor2
