"""Flags that keep a mention from being a current event, or mark its claim as contradicted:
threats and plans, denials and negations, background history, accidents and courtrooms
(``hypothetical``, ``negated``, ``historical``, ``not_political``), and captures a later
sentence or the telling sentence itself contradicts.  The cue lists live in the lexicon
(``non_event_cues``); used by the events stage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Sequence

from ..knowledge import Knowledge
from ..knowledge.actors import ActorHit
from ..knowledge.lexicon import Trigger
from ..records import Mention, Sentence, TimeRef
from .analysis import Analysis

_YEAR = re.compile(r"(?:19|20)\d\d")
_CONTRADICT = re.compile(
    r"\b(withdrew|pulled back|pulled out|retreated|were repelled|was repelled|were pushed back|"
    r"still (hold|held|control|controlled)|remain(ed|s)? (in|under) (the )?control|denied (losing|that))\b", re.I)
# the claim a trigger belongs to is contradicted in the same breath
_CONTRADICTING = re.compile(r"\b(contradict\w*|den(?:y|ied|ying)|reject\w*|dismiss\w*|refut\w*)\s+(?:an?\s+|the\s+)?"
                            r"(?:[\w'-]+\s+){0,3}claims?\s+that\b[^.;]*$", re.I)


_ACT = re.compile(r"\b(attack\w*|assault\w*|assassinat\w+|ambush\w*|explo(ded|sions?)|blasts?|bomb(ed|ing|ings)|struck|strikes?|"
                  r"shot|shooting|opened fire|fired|fire|shell(ed|ing))\b", re.I)
# weapons no accident fires: an air strike, a shell, a suicide bomber, a grenade, a chemical weapon
_WEAPONS = {"Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb", "Grenade", "Chemical weapon"}
_THE_BEFORE = re.compile(r"\b(the|this|that)\s+$", re.I)
_THE_START = re.compile(r"(the|this|that)\s", re.I)  # a trigger that takes its article ("The blast wounded")


def _cue_window(text: str, trig: Trigger, before: int = 90, after: int = 30) -> str:
    """Where the non-event cues are looked for: by default 90 characters before the trigger,
    30 after (not the type model's window of sentences, model_typing._window)."""
    return text[max(0, trig.start - before) : trig.end + after]


def non_event_flags(text: str, trig: Trigger, times: Sequence[TimeRef], kb: Knowledge, published: dt.date) -> tuple[str, ...]:
    window = _cue_window(text, trig)
    flags = []
    if kb.lexicon.cue("hypothetical", window):
        flags.append("hypothetical")
    if kb.lexicon.cue("negated", window):
        flags.append("negated")
    current = [t for t in times if not t.historical]
    if (times and not current) or (not current and kb.lexicon.cue("historical", window)) \
            or _past_event(kb, text, trig, published):
        flags.append("historical")
    return tuple(flags)


def _past_event(kb: Knowledge, text: str, trig: Trigger, published: dt.date) -> bool:
    """"the 1995 Srebrenica massacre", "Iraq's 2019 unrest", "last week's arrests": a year
    before the article's, or a past week or month, names the very event the trigger is,
    whatever other dates the sentence gives."""
    for found in kb.lexicon.cues["past_event"].finditer(text):
        if found.start() <= trig.start < found.end() or found.start() < trig.end <= found.end():
            years = [int(y) for y in _YEAR.findall(found.group(0))]
            return not years or any(y < published.year for y in years)
    return False


def _context(kb: Knowledge, name: str, text: str) -> int:
    """How many different words of a context list ("sport_context": match, goal, league...) the text holds."""
    return len({m.group(0).lower() for m in kb.lexicon.cues[name].finditer(text)})


def _sporting(kb: Knowledge, a: Analysis, sentence: str, trig: Trigger) -> bool:
    """Sport's words around a violence word: two in its sentence; or three in an article where
    no one is hurt, the word is not a bomb's ("blast", "explosion": a bombing story may speak of the
    World Cup's security) and the article's lead has one ("Arsenal stormed back to the top of the
    Premier League")."""
    if _context(kb, "sport_context", sentence) >= 2:
        return True
    return (kb.lexicon.event_type(trig.rule.sub) != "Explosions/Remote violence"
            and not any(c.kind in ("killed", "injured") for c in a.counts)
            and _context(kb, "sport_context", a.article.text) >= 3)


def _ceremony(kb: Knowledge, text: str, trig: Trigger, perpetrator: ActorHit | None, hurt: bool, by_model: bool) -> bool:
    """A parade, a drill, a delivery of jets, a soldier's funeral, with no one hurt: a weapon
    word, or the type model's guess, in a state's routine.  Not for an armed group (ACLED codes
    its parade as a show of strength), nor for a protest word ("gathered to commemorate")."""
    if hurt or not (trig.rule.group == "violence" or by_model) or _ACT.search(text):
        return False  # "survived an attack on his life during a military parade" is an attack
    return (perpetrator is None or perpetrator.entry.kind == "state") and kb.lexicon.cue("ceremony", text) is not None


def _ordinary_arrest(a: Analysis, sent: Sentence, trig: Trigger, kb: Knowledge) -> bool:
    """An arrest for a crime its sentence, or the one before, tells ("arrested in Erbil on Sunday
    for allegedly...": the charge follows the arrest); never an armed group's man, whatever the
    charge ("an ELN financier accused of managing extortion payments")."""
    if any(h.entry.kind in ("militant", "militia") for h in a.actor_hits if sent.start <= h.start_char < sent.end):
        return False
    told = (a.sentences[sent.index - 1].text if sent.index else "") + " " + sent.text[: trig.end + 90]
    return any(kb.lexicon.cue(name, told) is not None for name in ("ordinary_crime", "contraband", "not_political"))


def not_political(a: Analysis, sent: Sentence, trig: Trigger, perpetrator: ActorHit | None, kb: Knowledge,
                  hurt: bool, by_model: bool = False) -> bool:
    """No one did it, and the words around say accident, sport or a courtroom (a kitchen gas
    cylinder, a derailed train, batsmen who "battled"), or a violence word sits among words of
    sport or business with no one hurt ("a price war"); or the deed is what a court tries
    ("officers accused of killing demonstrators"), whoever did it; or an arrest is for an
    ordinary crime ("for allegedly murdering his wife"), told in its sentence or the one before
    ("...stabbed his business partner. The suspect was detained")."""
    text = sent.text
    window = _cue_window(text, trig)
    if kb.lexicon.cue("courtroom", text[max(0, trig.start - 150) : trig.start]):  # before the trigger only
        return True  # but "gunmen shot dead a judge outside the trial" is a new deed
    if by_model and kb.lexicon.cue("contraband", a.article.text):
        return True  # the model's guess at an article about a drug haul or a fraud ring
    if trig.rule.sub == "Arrests":
        return _ordinary_arrest(a, sent, trig, kb)
    if not hurt and (perpetrator is None or perpetrator.entry.kind == "state") and kb.lexicon.cue("contraband", text):
        return True  # "agents raided a warehouse and seized 200 kilograms of cocaine": a drug haul, no one hurt
    if trig.rule.sub in ("CASUALTIES", "ASSAULT"):
        # a bare toll names no weapon (a rule would have found one): its cause may come anywhere
        # in the sentence ("Fifteen passengers were killed ... when a goods train ploughed into...")
        window = text
    if perpetrator is None and trig.rule.group == "violence" and not hurt and (
            _sporting(kb, a, text, trig) or _context(kb, "politics_context", text) >= 2):
        return True  # "Real Madrid survived a late siege of their penalty area", "ambushed the government over the bill"
    if not hurt and (kb.lexicon.cue("arms_trade", text) or kb.lexicon.cue("fiction", window)):
        return True  # "signed a deal for 180 tanks", "a film ... to recreate their ambushes": whoever is named
    if _ceremony(kb, text, trig, perpetrator, hurt, by_model):
        return True
    if sent.index and (_THE_BEFORE.search(text[: trig.start]) or _THE_START.match(trig.text)):
        window = a.sentences[sent.index - 1].text + " " + window  # "The blast" is the one the sentence before told
    if trig.rule.sub in _WEAPONS:
        return False  # "a vessel caught fire after a drone strike": the weapon says it was no accident
    return perpetrator is None and (kb.lexicon.cue("not_political", window) is not None
                                    or kb.lexicon.cue("courtroom", window) is not None)


def contradictions(mentions: list[Mention], a: Analysis) -> list[Mention]:
    """A capture claimed, then a later sentence says the fighters withdrew; or a claim the
    very sentence telling it contradicts ("contradicting an IS claim that it had retaken")."""
    out = []
    for m in mentions:
        later = [s for s in a.sentences if s.index > m.sentence.index and _CONTRADICT.search(s.text)]
        here = _CONTRADICTING.search(m.sentence.text[: m.trigger.start - m.sentence.start])
        if here or (m.claim and m.claim.status == "claimed" and "territory" in m.sub_event_type and later):
            where = m.sentence if here else later[0]
            assert m.claim is not None  # every mention carries its attribution
            claim = dataclasses.replace(m.claim, status="contradicted", conflicts_with=(f"{a.article.id}:s{where.index}",))
            m = dataclasses.replace(m, claim=claim, flags=m.flags + ("contradicted",))
        out.append(m)
    return out
