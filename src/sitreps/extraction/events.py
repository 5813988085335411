"""Event mentions: typed with the ACLED taxonomy and filled with who, where,
when, how many and who says so.

A sentence gives at most one event per rule group (violence, protest,
strategic), the most specific rule winning inside a group, the way an ACLED
coder codes a suicide car bomb as a suicide bomb and not also as an IED.
Sentences without a trigger still feed the story: their dates move the
narrative on, and their tolls fill the event just told.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import Sequence

from spacy.tokens import Token

from ..knowledge import Knowledge
from ..knowledge.actors import ActorHit
from ..knowledge.lexicon import Trigger
from ..records import (Claim, Count, Evidence, Mention, PlaceMention, Sentence,
                       TimeRef)
from ..settings import Settings
from .analysis import Analysis
from .attribution import ARMED, as_party_claim, blamed, claim_subject, outlet_claim
from .flags import contradictions, non_event_flags, not_political
from .model_typing import MODEL_ONLY, model_name, model_trigger, rank_weight, second_opinion
from .places import event_place
from .sub_events import choose, sub_event
from .roles import actor_mention, assign_roles, default_actor, implied_actors, named_militant
from .story import Story, Told, advance, in_the_past, told_of, within as _in

NAME = "mentions"
NEEDS = ("actors", "places", "times", "counts", "claims")
ADDS = ("mentions",)


def _mention_id(article_id: str, sent: Sentence, sub: str, start: int) -> str:
    digest = hashlib.sha256(f"{article_id}|{sent.index}|{sub}|{start}".encode()).hexdigest()
    return "m" + digest[:16]


def _governs(head: Token, token: Token) -> bool:
    for _ in range(6):
        if token is head or token.i == head.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _closest_time(a: Analysis, times: Sequence[TimeRef], start: int, end: int) -> TimeRef:
    """Of several dates in a sentence, the one that hangs off the trigger in the parse
    dates the event ("buried their dead on Tuesday after the bombing on Sunday"),
    else the one nearest to it."""
    trigger = a.doc.char_span(start, end, alignment_mode="expand")
    if trigger is not None and len(trigger):
        for t in times:
            span = a.doc.char_span(t.evidence.start, t.evidence.end, alignment_mode="expand")
            if span is not None and len(span) and _governs(trigger.root, span.root):
                return t
    return min(times, key=lambda t: abs(t.evidence.start - start))


def _confidence(trig: Trigger, sent: Sentence, place: PlaceMention | None, agent: ActorHit | None,
                counts: Sequence[Count]) -> float:
    """How sure the coding is: evidence found around the trigger, the lead sentence
    favoured (news puts the main event first).  Rule priority only breaks ties."""
    score = 0.5 + (0.15 if place else 0) + (0.15 if agent else 0) + (0.1 if counts else 0)
    score += trig.rule.priority / 2000 - min(sent.index, 5) * 0.02
    return round(min(score, 1.0), 3)


def _self_report(sent: Sentence, hits: Sequence[ActorHit], speaker: tuple[int, int], claim: Claim,
                 h2: ActorHit | None) -> tuple[ActorHit | None, ActorHit | None]:
    """"IS said it captured positions": an armed group telling of its own action did it (but
    "The bombing caused chaos, police said" tells of someone else's).  (actor 1, actor 2)."""
    if not (claim.status == "claimed" or (claim.status == "reported" and _SELF.search(sent.text))):
        return None, h2
    own = [h for h in hits if speaker[0] <= h.start_char < speaker[1]
           and h.entry.kind in ("militant", "state", "militia", "external", "unidentified")]
    if not own:
        return None, h2
    # "Army says it liberated Tawu - Cameroonian troops took back...": one side, the speaker's
    return own[0], None if h2 is not None and h2.entry.key == own[0].entry.key else h2


def _build(a: Analysis, kb: Knowledge, sent: Sentence, trig: Trigger, state: Story,
           flags: tuple[str, ...], settings: Settings, told: Told, model_p: float | None = None) -> Mention:
    """One event mention, dated and placed by what the sentence tells of it; model_p: the
    trigger is the type model's, this sure (model_trigger)."""
    place = event_place(told.places, state.place)
    times = told.times
    hits = [h for h in a.actor_hits if sent.start <= h.start_char < sent.end]
    claim = state.claims.get(sent.index) or outlet_claim(a, sent)
    speaker = (claim.evidence.start, claim.evidence.end) if claim.cue != "reported" else None
    counts = _in(sent, a.counts)
    h1, h2 = assign_roles(a.doc, sent, trig, hits, speaker, counts)
    if h1 is None and speaker is not None:
        h1, h2 = _self_report(sent, hits, speaker, claim, h2)
    if h1 is not None and h1.entry.kind == "civilian" and trig.rule.group == "violence":
        # civilians suffer political violence, they are not its actor 1 (ACLED's convention)
        h1, h2 = None, h2 or h1
    hurt = any(c.kind in ("killed", "injured") for c in counts)
    if not_political(a, sent, trig, h1, kb, hurt, by_model=model_p is not None):
        flags = (*flags, "not_political")
    context = named_militant(a.actor_hits)
    actor1, actor2 = actor_mention(h1, a, place, context), actor_mention(h2, a, place, context)
    current = [t for t in times if not t.historical]
    time: TimeRef | None = None
    if current or times:  # a deed of the past keeps its own date, though it is no event of today
        time = _closest_time(a, current or times, sent.start + trig.start, sent.start + trig.end)
    else:  # an undated deed of a story told in the past is dated by that story
        time = (state.past if "historical" in flags else None) or state.time
    if time is None:
        time = TimeRef(a.article.published, None, 1, Evidence("dates.publication", sent.start, sent.start, "", sent.index))
    claim = as_party_claim(claim, hits, actor1, actor2)
    sub = sub_event(trig, actor1, actor2, sent.text)
    if sub in ("Peaceful protest", "Protest with intervention") and any(c.kind == "killed" for c in counts):
        sub = "Excessive force against protesters"  # protesters died: ACLED codes the force as excessive
    weight = model_p or 1.0  # a model-found event ranks below the lexicon's, in proportion to the model's doubt
    if model_p is None:
        armed = actor1 is not None and actor2 is not None and actor2.actor.kind in ARMED
        sub, typed_by, p_sub = second_opinion(a, kb, sent, sub, settings, target_armed=armed)
        weight = rank_weight(p_sub)
    else:
        typed_by = model_name(MODEL_ONLY, kb, settings)
    ev = Evidence(typed_by, sent.start + trig.start, sent.start + trig.end, trig.text, sent.index)
    claim = dataclasses.replace(claim, subject=claim_subject(claim, sub, kb))
    actor1, actor2 = implied_actors(kb, sub, actor1, actor2, counts, ev, a, place)
    return Mention(
        id=_mention_id(a.article.id, sent, sub, trig.start), article_id=a.article.id,
        event_type=kb.lexicon.event_type(sub), sub_event_type=sub, trigger=ev, sentence=sent,
        actor1=actor1, actor2=actor2,
        assoc_actor_1=tuple(x for x in (actor1,) if x and x.unit),
        assoc_actor_2=tuple(x for x in (actor2,) if x and x.unit),
        place=place, time=time, counts=tuple(counts), claim=claim, flags=flags,
        confidence=round(_confidence(trig, sent, place, h1, counts) * weight, 3),
    )


def _fill_counts(mention: Mention, extra: Sequence[Count]) -> Mention:
    """Tolls told in the next sentences ("Seven soldiers were also killed") join the event;
    a bomber's implied death does not stop the stated toll from joining."""
    kinds = {c.kind for c in mention.counts if c.qualifier != "implied"}
    sides = {(c.kind, c.side) for c in mention.counts}
    # another side's dead join a toll that names its sides ("three bombers were killed. ...
    # killing six soldiers"); a total of unknown sides never adds to one
    new = [c for c in extra if c.kind not in kinds or c.qualifier == "another" or (
        c.side != "unknown" and (c.kind, c.side) not in sides and (c.kind, "unknown") not in sides)]
    return dataclasses.replace(mention, counts=mention.counts + tuple(new)) if new else mention


def _settle_implied(mention: Mention) -> Mention:
    """An implied attacker death gives way where the report counts attackers itself
    ("In addition to the bomber, ..." or "killing three suicide bombers")."""
    implied = [c for c in mention.counts if c.qualifier == "implied"]
    stated = any(c.kind == "killed" and c.side == "attackers" and c.qualifier != "implied" for c in mention.counts)
    if not implied or not stated:
        return mention
    return dataclasses.replace(mention, counts=tuple(c for c in mention.counts if c.qualifier != "implied"))


_ANAPHOR = re.compile(r"\b(the|this|that|these|those|its|their)\s+([\w-]+\s+)?$", re.I)  # "the 22-year-old suicide bomber"
_STRONGER = {"claimed", "denied", "disputed"}


_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_CROWDS = {"Protests", "Riots"}
_SEVERITY = {"Peaceful protest": 0, "Protest with intervention": 1, "Excessive force against protesters": 2,
             "Violent demonstration": 2}
_CROWD_WORD = re.compile(r"\b(protesters|demonstrators|rioters|marchers|crowds?)\b", re.I)
_SELF = re.compile(r"\b(it|they|we|its|their|our|itself|themselves)\b", re.I)
_ONE_OF_THEM = re.compile(r"\s*(?:a|the)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|last|remaining|other)\s+"
                          r"(?:\w+\s+)?(?:suicide\s+)?(?:bombers?|assailants?|attackers?|gunmen|gunman|militants?)\b", re.I)
_FALLING_BACK = re.compile(r"\b(pull(ed|s|ing)? (back|out)|withdr[ae]w\w*|retreat\w*)\b", re.I)
_THE_CROWD = re.compile(r"\b(the|this|that|these|those)\s+(\w+\s+)?(crowds?|protesters|demonstrators|protests?|"
                        r"demonstrations?|mob|rioters|march(ers)?|rall(y|ies)|gathering|sit-in)\b", re.I)


def _refers_back(sent: Sentence, trig: Trigger, a: Analysis, previous: Mention | None, kb: Knowledge) -> bool:
    """"Islamic State claimed responsibility for the attack": the attack already told."""
    if previous is None or previous.sentence.index < sent.index - 2:
        return False
    if _arrests_at_protest(sent, trig, previous):
        return True
    generic = trig.rule.sub in ("ASSAULT", "CASUALTIES")
    kind = "Battles" if trig.rule.sub == "TERRITORY" else kb.lexicon.event_type(trig.rule.sub)
    if {kind, previous.event_type} <= _CROWDS and (_THE_CROWD.search(sent.text) or (
            trig.rule.sub in _SEVERITY and _CROWD_WORD.search(sent.text) and not _elsewhere(a, sent, previous))):
        # "An angry crowd set fire to houses. Police dispersed the crowd.": one riot; "Protesters
        # rallied in Manama. Clashes erupted between police and protesters.": one protest, which turned violent
        return True
    if trig.rule.sub == "CASUALTIES" and previous.event_type in _CROWDS and previous.sentence.index >= sent.index - 1 \
            and not _elsewhere(a, sent, previous):
        return True  # "Police fired on the march. Two people were killed": the protest's dead
    if previous.event_type in _VIOLENT and _ONE_OF_THEM.match(sent.text):
        return True  # "Four bombers attacked. A fourth assailant detonated, killing six": the same attack
    if previous.event_type == "Battles" and _FALLING_BACK.search(trig.text):
        return True  # "Humvees pulling back under fire": how the fight just told went, not a change of activity
    if not (previous.event_type == kind or (generic and previous.event_type in _VIOLENT)):
        return False  # "the battle" after a shelling is the battle, not the shelling
    # a bare toll ("Seven policemen were killed") after an event belongs to that event; "the
    # attack" names one already told, but in "the militants attacked" the article is the actors'
    return trig.rule.sub == "CASUALTIES" or (bool(_ANAPHOR.search(sent.text[: trig.start]))
                                             and not _is_verb(a, sent.start + trig.start, sent.start + trig.end))


def _is_verb(a: Analysis, start: int, end: int) -> bool:
    span = a.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.pos_ in ("VERB", "AUX")


_PROTEST_SUBS = ("Peaceful protest", "Protest with intervention")
_ARRESTED_THEM = re.compile(r"\b((were|was|have been|had been|being) (arrested|detained|taken into custody)|"
                            r"(arrested|detained) (\w+ ){0,2}of them|those (arrested|detained))\b", re.I)


def _arrests_at_protest(sent: Sentence, trig: Trigger, previous: Mention) -> bool:
    """"Police dispersed the march. Seven were arrested.": the arrests are how the protest
    just told went (ACLED: protest with intervention), not an event of their own."""
    return (trig.rule.sub == "Arrests" and previous.sub_event_type in _PROTEST_SUBS
            and previous.sentence.index >= sent.index - 1 and bool(_ARRESTED_THEM.search(sent.text)))


def _elsewhere(a: Analysis, sent: Sentence, previous: Mention) -> bool:
    """The sentence names a place other than the previous mention's ("In Basra, protesters...")."""
    def key(p: PlaceMention) -> str:
        return p.place.gazetteer_id or p.place.name

    here = {key(p) for p in _in(sent, a.places)}
    return bool(here) and (previous.place is None or key(previous.place) not in here)


def _escalated(previous: Mention, subs: Sequence[str], a: Analysis, kb: Knowledge) -> Mention:
    """A protest that a later sentence says was dispersed, turned violent or was fired on
    takes that sub-type (ACLED codes the protest by its most serious part)."""
    rank = _SEVERITY.get(previous.sub_event_type)
    # people killed or hurt at a protest: force against it, unless the crowd itself was violent
    subs = ["Excessive force against protesters" if s == "CASUALTIES" else s for s in subs]
    worse = [s for s in subs if rank is not None and _SEVERITY.get(s, -1) > rank]
    if not worse:
        return previous
    sub = max(worse, key=lambda s: _SEVERITY[s])
    start = previous.trigger.start - previous.sentence.start
    actor1 = previous.actor1
    if sub == "Violent demonstration" and actor1 is not None and actor1.actor.kind == "protester":
        actor1 = default_actor(kb, "rioter", actor1.evidence, a, previous.place) or actor1  # ACLED: rioters riot
    return dataclasses.replace(previous, sub_event_type=sub, event_type=kb.lexicon.event_type(sub), actor1=actor1,
                               id=_mention_id(a.article.id, previous.sentence, sub, start))


def _carry_claim(previous: Mention, claim: Claim | None, hits: Sequence[ActorHit], a: Analysis) -> Mention:
    """A later sentence's claim or denial about the event just told joins that event."""
    if claim is None or claim.status not in _STRONGER:
        return previous
    if claim.status == "denied":
        claim = dataclasses.replace(claim, subject="involvement")
    if previous.claim is None or previous.claim.cue == "reported":
        changed = dataclasses.replace(previous, claim=claim)  # the outlet's own telling gives way
    else:
        changed = dataclasses.replace(previous, more_claims=previous.more_claims + (claim,))
    speaker = [h for h in hits if claim.evidence.start <= h.start_char < claim.evidence.end]
    unnamed = previous.actor1 is None or previous.actor1.actor.kind == "unidentified"
    # the group claiming an attack did it; the force denying a strike is its alleged author
    if claim.status in ("claimed", "denied") and unnamed and speaker:
        changed = dataclasses.replace(changed, actor1=actor_mention(speaker[0], a, previous.place, None))
    return changed


def _blame(previous: Mention, sent: Sentence, hits: Sequence[ActorHit], a: Analysis) -> Mention:
    """"The officials blamed Islamic State for the bombing": an event no one was named for
    gets the side the next sentences blame it on."""
    culprit = blamed(sent, hits)
    if culprit is None or not (previous.actor1 is None or previous.actor1.actor.kind == "unidentified"):
        return previous
    return dataclasses.replace(previous, actor1=actor_mention(culprit, a, previous.place, None))


def _flags(a: Analysis, kb: Knowledge, sent: Sentence, trig: Trigger, told: Told, state: Story) -> tuple[str, ...]:
    flags = non_event_flags(told.text, trig, told.times, kb, a.article.published)
    if "historical" not in flags and in_the_past(state, a, sent, trig, told):
        flags += ("historical",)
    return flags


def _model_mention(a: Analysis, kb: Knowledge, settings: Settings) -> list[Mention]:
    """No rule fired anywhere in the article: the type model may still find one event."""
    found = model_trigger(a, kb, settings)
    if found is None:
        return []
    sent, trig, p = found
    state = Story(claims=dict(a.claims))
    for earlier in a.sentences[: sent.index]:
        advance(state, a, earlier)  # the place and day the story had reached
    told = told_of(a, sent, trig, [trig])
    flags = _flags(a, kb, sent, trig, told, state)
    return [_build(a, kb, sent, trig, state, flags, settings, told, model_p=p)]


def apply(a: Analysis, kb: Knowledge, settings: Settings) -> Analysis:
    state = Story(claims=dict(a.claims))
    mentions: list[Mention] = []
    for sent in a.sentences:
        triggers = kb.lexicon.triggers(sent.text)
        told = {t: told_of(a, sent, t, triggers) for t in triggers}
        flags = {t: _flags(a, kb, sent, t, told[t], state) for t in triggers}
        chosen = choose(triggers, lambda t: bool(flags[t]), sent.text)
        # choose may recast a trigger (arrests at a protest are the protest's intervention)
        for t in chosen:
            if t not in flags:
                told[t] = told_of(a, sent, t, triggers)
                flags[t] = _flags(a, kb, sent, t, told[t], state)
        previous = mentions[-1] if mentions else None
        # a denial ("denied its troops took part in the fighting") speaks of the event just told
        fresh = [t for t in chosen if not _refers_back(sent, t, a, previous, kb)
                 and not (previous and "negated" in flags[t] and sent.index in state.claims
                          and state.claims[sent.index].status == "denied")]
        for trig in fresh:
            mentions.append(_build(a, kb, sent, trig, state, flags[trig], settings, told[trig]))
        if len(fresh) < len(chosen) or (not chosen and previous):
            if previous is not None and previous.sentence.index >= sent.index - 2:
                hits = [h for h in a.actor_hits if sent.start <= h.start_char < sent.end]
                updated = _carry_claim(_fill_counts(previous, _in(sent, a.counts)), state.claims.get(sent.index), hits, a)
                updated = _blame(updated, sent, hits, a)
                joined = [t for t in chosen if t not in fresh]
                updated = _escalated(updated, ["Protest with intervention" if _arrests_at_protest(sent, t, previous)
                                               else t.rule.sub for t in joined], a, kb)
                mentions[mentions.index(previous)] = updated
        advance(state, a, sent, told_event=any(not flags[t] for t in fresh))
    if not mentions:
        mentions = _model_mention(a, kb, settings)
    return a.add(NAME, mentions=tuple(_settle_implied(m) for m in contradictions(mentions, a)))
