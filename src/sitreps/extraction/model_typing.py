"""What the learned sub-event type model adds to the events stage.

The lexicon decides where events are; the model (``sitreps.knowledge.typing``) reads
the whole sentence and helps in two places only:

* :func:`second_opinion`: a sub-type the lexicon chose is overruled where the model is
  sure and finds the lexicon's choice unlikely ("police fired tear gas at the march"
  fires a protest rule, the model sees the intervention);
* :func:`model_trigger`: an article where no rule fires anywhere gets at most one event,
  from the sentence the model finds most eventful, when the model gives a sub-type at
  least ``type_model_fallback`` and more than its "no event" class.  New wordings ("took
  five young men from a car wash", "laid down their tools") are the lexicon's blind spot;
  one event per article keeps a background paragraph from turning into many.

With the sentence encoder on (setting ``type_encoder``), the model also reads the
encoder's vector of the sentence's *window*: the sentence with its neighbours up to
``WINDOW_TOKENS`` tokens (a short report whole, a paragraph of a long one), because a
sentence alone often does not say what kind of event it tells ("It was the third such
incident this month").  In both modes the model overrules the lexicon where it is
``type_model_sure`` of another sub-type and gives the lexicon's under ``type_model_doubt``,
and the model's probability of a mention's sub-type weighs in its rank (:func:`rank_weight`).
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Span, Token

from ..knowledge import Knowledge
from ..knowledge.lexicon import Rule, Trigger
from ..knowledge.typing import NO_EVENT
from ..knowledge.typing import Token as ModelToken
from ..knowledge.typing import features
from ..nlp.encoder import encode_one, encoder_wanted, require_encoder
from ..records import Sentence
from ..settings import Settings, encoder_threads
from .analysis import Analysis

EXTRACTOR = "events.lexicon"
MODEL_EXTRACTOR = "events.lexicon+typing_model"  # the trigger is the lexicon's, the sub-type the model's
MODEL_ONLY = "events.typing_model"  # trigger and sub-type both the model's
WITH_ENCODER = "+encoder"  # added to the model's names when it read the encoder's vector too
WINDOW_TOKENS = 100  # what the encoder reads around a sentence (most CASE snippets whole; 150 scored the same)
BY_ACTOR = {"Government regains territory", "Non-state actor overtakes territory"}
_GROUPS = {"Battles": "violence", "Explosions/Remote violence": "violence", "Violence against civilians": "violence",
           "Protests": "protest", "Riots": "protest", "Strategic developments": "strategic"}
_CROWD_VIOLENCE = {"Violent demonstration", "Excessive force against protesters"}
_MILDER = {"Peaceful protest", "Protest with intervention"}
_NEVER = re.compile(r"(?!x)x")  # a model trigger has no pattern: it was not found by one


def _span(a: Analysis, sent: Sentence) -> Span | None:
    return a.doc.char_span(sent.start, sent.end, alignment_mode="expand")


def _window(span: Span) -> Span:
    """The span's sentence with neighbouring sentences, after then before, while the
    total stays within WINDOW_TOKENS."""
    sents = list(span.doc.sents)
    i = max(j for j, s in enumerate(sents) if s.start <= span.start)
    lo, hi, size = i, i, len(sents[i])
    grew = True
    while grew:
        grew = False
        if hi + 1 < len(sents) and size + len(sents[hi + 1]) <= WINDOW_TOKENS:
            hi, size, grew = hi + 1, size + len(sents[hi + 1]), True
        if lo > 0 and size + len(sents[lo - 1]) <= WINDOW_TOKENS:
            lo, size, grew = lo - 1, size + len(sents[lo - 1]), True
    return span.doc[sents[lo].start:sents[hi].end]


def _probabilities(kb: Knowledge, span: Span, settings: Settings) -> dict[str, float]:
    # the word head reads the sentence alone: reading the window too scored better on our
    # own held-back text (0.885 vs 0.822) but worse on CASE dev (0.830 vs 0.846) and the examples
    head = kb.typing.head
    vector = None
    if head is not None and _reads_vectors(kb, settings):
        encoder = require_encoder(head.encoder, settings.encoder_runtime, encoder_threads(settings))
        vector = encode_one(encoder, _window(span).text)
    return kb.typing.probabilities(features(_tokens(span)), vector)


def _reads_vectors(kb: Knowledge, settings: Settings) -> bool:
    """Whether the model reads the encoder's vector here: it has a vector head, and the
    ``type_encoder`` setting asks for the encoder (or, on auto, finds it installed)."""
    return kb.typing.head is not None and encoder_wanted(settings.type_encoder, settings.encoder_runtime)


def _tokens(span: Span) -> list[ModelToken]:
    return [ModelToken(t.lemma_, t.is_stop, t.is_punct, t.like_num) for t in span]


def second_opinion(a: Analysis, kb: Knowledge, sent: Sentence, sub: str,
                   settings: Settings, target_armed: bool = False) -> tuple[str, str, float | None]:
    """The lexicon's sub-type, or the model's where it is sure of another and finds the
    lexicon's choice unlikely (``target_armed``: actor 2 is an armed side).  Returns (sub-type,
    extractor, the model's probability of that sub-type; None when the model is off)."""
    span = _span(a, sent)
    if span is None or settings.type_model_sure >= 1.0:
        return sub, EXTRACTOR, None
    probs = _probabilities(kb, span, settings)
    top = max((label for label in probs if label != NO_EVENT), key=lambda label: probs[label])
    if {sub, top} <= BY_ACTOR:
        return sub, EXTRACTOR, probs.get(sub)  # who took the town decides these: the model cannot see actor types
    if sub == "Armed clash" and top == "Attack" and target_armed:
        # "Gunmen killed 12 soldiers": violence against civilians needs civilian targets, and the
        # model cannot see that these are soldiers
        return sub, EXTRACTOR, probs.get(sub)
    if top in BY_ACTOR and kb.lexicon.cue("repelled", sent.text):
        # an attack the sentence says was driven off took no ground (ACLED: an armed clash)
        return sub, EXTRACTOR, probs.get(sub)
    if sub in _CROWD_VIOLENCE and top in _MILDER:
        # a rule saw the crowd's violence or deaths; tear gas in the same sentence does not undo it
        # (ACLED: demonstrators who riot make a violent demonstration, whatever the police did)
        return sub, EXTRACTOR, probs.get(sub)
    if sub in probs and top != sub and probs[sub] < settings.type_model_doubt \
            and probs[top] >= settings.type_model_sure and not _told_next_door(kb, span, sub, top, settings):
        return top, model_name(MODEL_EXTRACTOR, kb, settings), probs[top]
    return sub, EXTRACTOR, probs.get(sub)


def _told_next_door(kb: Knowledge, span: Span, sub: str, top: str, settings: Settings) -> bool:
    """Whether the model's choice ``top`` over the rule's ``sub`` comes from a neighbour: the
    window's vector speaks for all its sentences, so in "Fighters abducted four shepherds on
    Sunday. The hostages were executed on Monday." it makes the killing read as an abduction.
    Where the sentence's own words (the word head alone) would not make the same change and
    another sentence of the window has a rule of its own for ``top``, that neighbour explains
    the choice, and this sentence keeps its rule's.  ("Four suicide bombers attacked a post.
    The fourth detonated his explosives." is one bombing: there the words alone say so.)"""
    if not _reads_vectors(kb, settings):
        return False  # the word head reads this sentence alone
    words = kb.typing.probabilities(features(_tokens(span)), None)
    if words.get(top, 0.0) >= settings.type_model_sure and words.get(sub, 0.0) < settings.type_model_doubt:
        return False
    window = _window(span)
    subs: set[str] = set()
    for sent in window.doc.sents:
        if window.start <= sent.start < window.end and not sent.start <= span.start < sent.end:
            subs |= {t.rule.sub for t in kb.lexicon.triggers(sent.text)}
    if "TERRITORY" in subs:
        subs |= BY_ACTOR
    return top in subs


def model_name(name: str, kb: Knowledge, settings: Settings) -> str:
    """The extractor name of a choice the model made: with "+encoder" when it read the
    encoder's vector, so that a record says which model typed it."""
    return name + WITH_ENCODER if _reads_vectors(kb, settings) else name


def rank_weight(p: float | None) -> float:
    """What a mention's confidence is multiplied by: half of it rides on the model's
    probability of the mention's sub-type, so that of several mentions in a report,
    background and asides ("a similar attack last year") rank below the event the report
    is about.  1.0 when the model is off."""
    return 1.0 if p is None else 0.5 + 0.5 * p


def model_trigger(a: Analysis, kb: Knowledge, settings: Settings) -> tuple[Sentence, Trigger, float] | None:
    """For an article no rule fired on: the most eventful sentence as the model reads it,
    with the word that most favours its sub-type as the trigger, and the model's
    probability; None when no sentence clears ``type_model_fallback``."""
    if settings.type_model_fallback >= 1.0:
        return None
    best: tuple[float, Sentence, str, Span] | None = None
    for sent in a.sentences:
        span = _span(a, sent)
        if span is None:
            continue
        probs = _probabilities(kb, span, settings)
        top = max((label for label in probs if label != NO_EVENT), key=lambda label: probs[label])
        if probs[top] >= settings.type_model_fallback and probs[top] > probs.get(NO_EVENT, 0.0):
            if best is None or probs[top] > best[0]:
                best = (probs[top], sent, top, span)
    if best is None:
        return None
    p, sent, sub, span = best
    word = _strongest_word(kb, span, sub)
    if word is None:
        return None
    start, end = word.idx - sent.start, word.idx + len(word.text) - sent.start
    group = _GROUPS.get(kb.lexicon.event_type(sub), "strategic")
    # the territory sub-types turn on who took the place: the events stage decides by actor
    rule = Rule("TERRITORY" if sub in BY_ACTOR else sub, group, 0, _NEVER)
    return sent, Trigger(rule, start, end, word.text), p


_WHEN = {"DATE", "TIME"}  # "Tuesday", "last month", "Friday night" say when, never what happened


def _strongest_word(kb: Knowledge, span: Span, sub: str) -> Token | None:
    """The content word whose lemma weighs most for ``sub``: the trigger we can point at."""
    column = kb.typing.labels.index(sub)
    scored: Sequence[tuple[float, int]] = [
        (kb.typing.weights[t.lemma_.lower()][column], t.i) for t in span
        if not (t.is_stop or t.is_punct or t.like_num or t.ent_type_ in _WHEN) and t.lemma_.lower() in kb.typing.weights]
    if not scored:
        return None
    weight, i = max(scored, key=lambda x: (x[0], -x[1]))
    return span.doc[i] if weight > 0 else None
