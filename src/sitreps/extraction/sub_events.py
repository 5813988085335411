"""Which lexicon triggers of a sentence become events, and which ACLED sub-event type
each gets: the overlaps an ACLED coder settles (a suicide car bomb is not also an IED, a
crowd clashing with police is the riot itself, people shot at a peaceful march are
excessive force against protesters) and the sub-types that turn on the actors (who took the
town, whether the people attacked were armed).  Used by the events stage."""

from __future__ import annotations

import dataclasses
import re
from typing import Callable, Sequence

from ..knowledge.lexicon import Trigger
from ..records import ActorMention
from .attribution import STATE_SIDE
from .roles import DATED_BY

_LETHAL = re.compile(r"\b(shot|shoots?|gunned|fired|opened fire|kill(s|ed|ing)?|dead|stabbed|beat|beaten)\b", re.I)
_FORCE_WORDS = (r"(police|policemen|soldiers|troops|(security|government|armed) forces|guards|gendarmes|army|"
                r"military|militiamen|gunmen|armed men|national guard)")
_FORCE = re.compile(rf"\b{_FORCE_WORDS}\b", re.I)
_DESTRUCTION_NOUN = re.compile(r"(destruction|demolition|arson|vandalism|looting|loot\b|razing|burning of)", re.I)
_FORCE_AGENT = re.compile(rf"\b(when|by|as|after) (the )?(riot |armed |private )?{_FORCE_WORDS}\b", re.I)
_NON_STATE_NOUN = re.compile(r"\b(rebels?|insurgents?|militants?|jihadists?|guerrillas?|gangs?|gangsters|militiamen|"
                             r"separatists?|mutineers|fighters|gunmen|bandits|cartels?|traffickers|factions?|"
                             r"militias?|terrorists|extremists)\b", re.I)
_DROP_WITH_VIOLENCE = {"Looting/property destruction", "Change to group/activity", "Non-violent transfer of territory"}


def choose(triggers: Sequence[Trigger], flagged: Callable[[Trigger], bool], text: str = "") -> list[Trigger]:
    """The triggers that become events: the best of each group, with overlaps settled.

    A trigger inside a threat or a plan ("an offensive to retake the city") loses
    to a plain one of the same group, whatever their priorities.  Each settling step
    reads what the step before it left.
    """
    best: dict[str, Trigger] = {}
    for trig in _unanchored(triggers, text):
        held = best.get(trig.rule.group)
        if held is None or (flagged(held), -held.rule.priority) > (flagged(trig), -trig.rule.priority):
            best[trig.rule.group] = trig
    _bombers_in_a_fight(best, triggers, flagged)
    _violence_and_strategic(best, flagged)
    _protest_and_violence(best, text)
    _protest_and_strategic(best, text, flagged)
    return sorted(best.values(), key=lambda t: t.start)


def _unanchored(triggers: Sequence[Trigger], text: str) -> list[Trigger]:
    """The triggers, less those from a dating phrase on ("three days after the bombing ...")
    when the sentence told a deed of the same group before it ("died in a gunfight")."""
    anchored = [t for t in triggers if DATED_BY.search(text[: t.start])]
    if not anchored:
        return list(triggers)
    first = min(t.start for t in anchored)
    earlier = {t.rule.group for t in triggers if t.end <= first and t not in anchored}
    return [t for t in triggers if not (t.start >= first and t.rule.group in earlier)]


_BOMBERS = re.compile(r"^suicide[- ](car[- ]|truck[- ])?bombers?$", re.I)


def _bombers_in_a_fight(best: dict[str, Trigger], triggers: Sequence[Trigger], flagged: Callable[[Trigger], bool]) -> None:
    """"Troops fought IS snipers and suicide car bombers": the bombers are fighters in a clash
    the sentence tells; no bomb went off in it."""
    violence = best.get("violence")
    if violence is None or violence.rule.sub != "Suicide bomb" or not _BOMBERS.match(violence.text):
        return
    clash = [t for t in triggers if t.rule.sub == "Armed clash" and not flagged(t)]
    if clash:
        best["violence"] = clash[0]


def _as_protest(trig: Trigger, sub: str) -> Trigger:
    """The same words, recast as how a protest or riot went."""
    return dataclasses.replace(trig, rule=dataclasses.replace(trig.rule, sub=sub, group="protest"))


def _violence_and_strategic(best: dict[str, Trigger], flagged: Callable[[Trigger], bool]) -> None:
    violence, strategic = best.get("violence"), best.get("strategic")
    if not (violence and strategic):
        return
    if flagged(violence) and not flagged(strategic):
        del best["violence"]  # "handed the town over, sparing it a battle": the battle did not happen
    elif strategic.rule.sub == "Disrupted weapons use" and violence.rule.sub in (
            "Remote explosive/landmine/IED", "Suicide bomb", "Grenade"):
        del best["violence"]
    elif strategic.rule.sub == "Disrupted weapons use" and violence.rule.sub == "Armed clash":
        del best["strategic"]  # "foiled an attack on the post; four were killed in the exchange of fire": a fight
    elif (strategic.rule.sub, violence.rule.sub) in (("Arrests", "ASSAULT"), ("Agreement", "Armed clash")):
        del best["violence"]  # arrests made in raids; a ceasefire that ends fighting
    elif strategic.rule.sub == "Non-violent transfer of territory" and violence.rule.sub == "TERRITORY":
        del best["violence"]  # "entered the town after the Peshmerga withdrew" changed hands without a fight
    elif strategic.rule.sub in _DROP_WITH_VIOLENCE:
        del best["strategic"]


def _protest_and_violence(best: dict[str, Trigger], text: str) -> None:
    protest, violence = best.get("protest"), best.get("violence")
    if not (protest and violence):
        return
    if violence.rule.sub == "Sexual violence":
        del best["protest"]  # ACLED codes sexual violence as such, whatever gathering it happened at
    elif protest.rule.sub == "Excessive force against protesters":
        del best["violence"]
    elif violence.rule.sub == "Armed clash" and protest.rule.sub in ("Mob violence", "Violent demonstration"):
        del best["violence"]  # a crowd clashing is the riot itself
    elif violence.rule.sub == "Armed clash" and re.search(r"clash|fight|scuffl|fought", violence.text, re.I):
        # protesters clashing with police: a violent demonstration, whatever else the police did
        best["protest"] = _as_protest(violence, "Violent demonstration")
        del best["violence"]
    elif _force_on_protest(protest, violence, text):
        # people shot or killed at a peaceful protest: ACLED's excessive force against protesters
        best["protest"] = _as_protest(violence, "Excessive force against protesters")
        del best["violence"]
    elif violence.rule.sub in ("ASSAULT", "Attack") and protest.rule.sub != "Peaceful protest":
        del best["violence"]  # the police attacking a protest is how the demonstration went


def _protest_and_strategic(best: dict[str, Trigger], text: str, flagged: Callable[[Trigger], bool]) -> None:
    protest, strategic = best.get("protest"), best.get("strategic")
    if not (protest and strategic) or flagged(strategic):
        return  # "no arrests were reported" says nothing of how the protest went
    if _protesters_destroyed(protest, strategic, text):
        best["protest"] = _as_protest(strategic, "Violent demonstration")
        del best["strategic"]  # demonstrators who burn or loot are a violent demonstration
    elif strategic.rule.sub == "Arrests" and protest.rule.sub == "Peaceful protest":
        best["protest"] = _as_protest(strategic, "Protest with intervention")
        del best["strategic"]  # protesters detained: the police intervened
    elif (protest.rule.sub == "Protest with intervention" and strategic.rule.sub == "Arrests") or (
            protest.rule.sub in ("Mob violence", "Violent demonstration") and strategic.rule.sub in _DROP_WITH_VIOLENCE):
        del best["strategic"]  # the arrests or the burning are how the protest or riot went


def _force_on_protest(protest: Trigger, violence: Trigger, text: str) -> bool:
    """Armed men firing on or killing people at a peaceful protest ("soldiers fired on
    marchers, killing four"): not a riot and not a clash, whoever the shooters were."""
    if protest.rule.sub != "Peaceful protest" or violence.rule.sub not in ("Attack", "CASUALTIES", "ASSAULT", "Armed clash"):
        return False
    if not _LETHAL.search(violence.text):
        return False
    # the armed men are the subject ("soldiers fired on marchers") or the agent told right after
    # the trigger ("were killed when police opened fire", "shot dead by gendarmes")
    after = text[violence.start : violence.end + 40]
    return bool(_FORCE.search(text[: violence.start]) or _FORCE_AGENT.search(after))


def _protesters_destroyed(protest: Trigger, strategic: Trigger, text: str) -> bool:
    """"Protesters in El Alto vandalised a toll booth", "youths set fire to the agency,
    protesting...": the destruction is something the protesters did (a verb), not what the
    protest is about ("protested against the demolition of homes", "the destruction of")."""
    if protest.rule.sub != "Peaceful protest" or strategic.rule.sub != "Looting/property destruction":
        return False
    if _DESTRUCTION_NOUN.match(strategic.text):
        return False
    if strategic.start < protest.start:  # "set fire to the agency, protesting ...": a participle after
        return bool(re.match(r"(protesting|in protest|demanding)", protest.text, re.I))
    between = text[protest.end : strategic.start]
    return not re.search(r"\b(against|over|about)\s+(the\s+)?$", between, re.I)


_CIVILIAN_TARGET = re.compile(
    r"\b(villages?|community|communities|market|marketplace|school|university|college|campus|hospital|mosque|"
    r"church|temple|bus|hotel|restaurant|farmers?|residents|civilians|worshippers|students|passengers|people|"
    r"homes?|houses?|plane|classrooms?|wedding|funeral|shoppers|pilgrims|journalists?|aid workers|camp for|"
    # one or a few unarmed people: ACLED codes an armed attack on them as violence against civilians
    r"man|woman|women|girls?|boys?|child|children|teenagers?|drivers?|shopkeepers?|traders?|teachers?|"
    r"doctors?|nurses?|workers?|herders?|shepherds?|fishermen|villagers|famil(y|ies)|clerics?|imams?|"
    r"priests?|pastors?|activists?|lawyers?|vendors?|motorists?|tourists?|businessm[ae]n)\b", re.I)
_ARMED_TARGET = re.compile(
    r"\b(bases?|positions?|troops|soldiers|army|forces|police|policemen|checkpoints?|convoy|patrol|military|"
    r"outposts?|barracks|garrison|militants|fighters|rebels|insurgents|peacekeepers)\b", re.I)


def _assault(text: str, trig: Trigger, actor2: ActorMention | None) -> str:
    """"Attacked" is a battle when the target is armed, violence against civilians when not."""
    if actor2 is not None and actor2.actor.kind != "civilian":
        return "Armed clash"
    if actor2 is not None:
        return "Attack"
    after = text[trig.start : trig.end + 80]
    civ, armed = _CIVILIAN_TARGET.search(after), _ARMED_TARGET.search(after)
    if civ and (not armed or civ.start() < armed.start()):
        return "Attack"
    # armed men storming a town without a named civilian target are fighting someone
    return "Armed clash" if armed or not _CIVILIAN_TARGET.search(text) else "Attack"


def sub_event(trig: Trigger, actor1: ActorMention | None, actor2: ActorMention | None = None, text: str = "") -> str:
    if trig.rule.sub in ("ASSAULT", "CASUALTIES"):
        return _assault(text, trig, actor2)
    if trig.rule.sub != "TERRITORY":
        return trig.rule.sub
    if actor1 is not None:
        return "Government regains territory" if actor1.actor.kind in STATE_SIDE else "Non-state actor overtakes territory"
    # no listed actor took it: a state force that lost it, or a rebel noun as the subject, says who did
    if (actor2 is not None and actor2.actor.kind == "state") or _NON_STATE_NOUN.search(text[: trig.start]):
        return "Non-state actor overtakes territory"
    return "Government regains territory"


__all__ = ["choose", "sub_event"]
