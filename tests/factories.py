"""Hand-made, realistic records for the tests of fusion, the codec, the store and the exports.

The mention factory writes the sentence a mention would come from ("Islamic State militants
attacked ... near Bartella on Monday, killing four soldiers, police said.") and points every
Evidence at its real span in that sentence, so the records look like what extraction gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sitreps.records import (
    Actor,
    ActorMention,
    Article,
    Claim,
    ClaimStatus,
    Count,
    Event,
    Evidence,
    Mention,
    Place,
    PlaceMention,
    Sentence,
    SourceRef,
    TimeRef,
)

DAY = dt.date(2016, 10, 17)  # the opening day of the Mosul offensive, a Monday


def _place(name: str, lat: float, lon: float, admin1: str = "Nineveh", admin2: str = "Al Mawsil",
           feature: str = "town", gid: str = "") -> Place:
    return Place(name=name, latitude=lat, longitude=lon, country="Iraq", iso3="IRQ", admin1=admin1,
                 admin2=admin2, feature=feature, geo_precision=1, gazetteer_id=gid or f"gn:{name.lower()}")


PLACES: dict[str, Place] = {
    "Mosul": _place("Mosul", 36.335, 43.11889, feature="city", gid="gn:99072"),
    "Bartella": _place("Bartella", 36.35369, 43.38128, admin2="Al Hamdaniyah", gid="gn:97890"),
    "Qaraqosh": _place("Qaraqosh", 36.26806, 43.37806, admin2="Al Hamdaniyah"),  # ~10 km south of Bartella
    "Qayyarah": _place("Qayyarah", 35.81639, 43.29056),  # ~60 km south of Mosul
    "Kirkuk": _place("Kirkuk", 35.46806, 44.39222, admin1="Kirkuk", admin2="Kirkuk", feature="city"),
    "Karama": _place("Karama", 36.345, 43.185, feature="neighbourhood", gid="supplement:karama-neighbourhood"),
    "Zahra": _place("Zahra", 36.37, 43.17, feature="neighbourhood", gid="supplement:zahra-neighbourhood"),
    "Nineveh": Place("Nineveh", 36.23, 42.85, "Iraq", "IRQ", "Nineveh", "", "province", 3, "gn:nineveh"),
}

ACTORS: dict[str, Actor] = {
    "Islamic State": Actor("Islamic State", 2, "Rebel group", "", "militant"),
    "Military Forces of Iraq": Actor("Military Forces of Iraq", 1, "State forces", "IRQ", "state"),
    "Police Forces of Iraq": Actor("Police Forces of Iraq", 1, "State forces", "IRQ", "state"),
    "Peshmerga": Actor("Military Forces of Iraq (Kurdistan Regional Government)", 1, "State forces", "IRQ", "state"),
    "Popular Mobilization Forces": Actor("Popular Mobilization Forces", 3, "Political militia", "IRQ", "militia"),
    "Coalition": Actor("Coalition Forces (Operation Inherent Resolve)", 8, "External/other forces", "", "external"),
    "Civilians (Iraq)": Actor("Civilians (Iraq)", 7, "Civilians", "IRQ", "civilian"),
    "Protesters (Iraq)": Actor("Protesters (Iraq)", 6, "Protesters", "IRQ", "protester"),
    "Unidentified Armed Group (Iraq)": Actor("Unidentified Armed Group (Iraq)", 3, "Political militia", "IRQ",
                                             "unidentified"),
}
# How each actor is written in the factory's sentences.
ACTOR_WORDS = {
    "Islamic State": "Islamic State militants", "Military Forces of Iraq": "Iraqi troops",
    "Police Forces of Iraq": "police", "Peshmerga": "Peshmerga fighters",
    "Popular Mobilization Forces": "Shi'ite militiamen", "Coalition": "coalition aircraft",
    "Civilians (Iraq)": "civilians", "Protesters (Iraq)": "protesters", "Unidentified Armed Group (Iraq)": "gunmen",
}

SUB_EVENTS: dict[str, tuple[str, str]] = {  # sub-event type -> (event type, trigger phrase)
    "Armed clash": ("Battles", "clashed with"),
    "Government regains territory": ("Battles", "recaptured the area from"),
    "Non-state actor overtakes territory": ("Battles", "overran the positions of"),
    "Suicide bomb": ("Explosions/Remote violence", "sent a suicide bomber against"),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", "set off a roadside bomb against"),
    "Air/drone strike": ("Explosions/Remote violence", "carried out an air strike on"),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", "shelled"),
    "Attack": ("Violence against civilians", "attacked"),
    "Abduction/forced disappearance": ("Violence against civilians", "abducted"),
    "Peaceful protest": ("Protests", "rallied against"),
}

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _span(text: str, needle: str, extractor: str, sentence: Sentence, after: int = 0) -> Evidence:
    """Evidence for ``needle`` where it occurs in the sentence, as an article offset."""
    at = sentence.text.index(needle, after)
    start = sentence.start + at
    return Evidence(extractor, start, start + len(needle), needle, sentence.index)


def mention(
    id: str = "m0001",
    *,
    article: str = "a-tigris-1",
    sub: str = "Armed clash",
    day: dt.date = DAY,
    until: dt.date | None = None,
    place: str | None = "Bartella",
    raw: str | None = None,
    geo_precision: int | None = None,
    actor1: str | None = "Islamic State",
    actor2: str | None = "Military Forces of Iraq",
    killed: int | tuple[int, int, str] | None = None,
    injured: int | None = None,
    claim: tuple[str, ClaimStatus] | None = None,
    flags: Sequence[str] = (),
    confidence: float = 0.8,
    sentence_index: int = 0,
    sentence_start: int = 0,
    unit: str = "",
) -> Mention:
    """One mention with its sentence written out and every evidence span pointing into it.

    ``killed`` is an exact figure or ``(low, high, qualifier)``; ``claim`` is (speaker, status).
    """
    event_type, trigger_words = SUB_EVENTS[sub]
    where = raw or (f"near {place}" if place else "")
    when = f"on {_WEEKDAYS[day.weekday()]}" if until is None else f"between {day:%d %B} and {until:%d %B}"
    toll = _toll_words(killed)
    who = f", {claim[0]} said" if claim else ""
    subject = ACTOR_WORDS[actor1] if actor1 else "unknown assailants"
    subject = subject[0].upper() + subject[1:]
    obj = ACTOR_WORDS[actor2] if actor2 else "the authorities"
    text = f"{subject} {trigger_words} {obj} {where} {when}{toll}{who}.".replace("  ", " ")
    sent = Sentence(sentence_index, sentence_start, sentence_start + len(text), text)
    trigger = _span(text, trigger_words, "events.lexicon", sent)
    return Mention(
        id=id, article_id=article, event_type=event_type, sub_event_type=sub, trigger=trigger, sentence=sent,
        actor1=_actor(actor1, subject, sent, unit) if actor1 else None,
        actor2=_actor(actor2, obj, sent, "", after=len(subject)) if actor2 else None,
        assoc_actor_1=(_actor(actor1, subject, sent, unit),) if actor1 and unit else (),
        place=_place_mention(place, where, sent, geo_precision) if place else None,
        time=TimeRef(day, until, 1 if until is None else 2, _span(text, when, "dates.rules", sent)),
        counts=_counts(killed, injured, text, toll, sent),
        claim=_claim(claim, article, id, sent) if claim else None,
        flags=tuple(flags), confidence=confidence,
    )


def _toll_words(killed: int | tuple[int, int, str] | None) -> str:
    if killed is None:
        return ""
    if isinstance(killed, int):
        return f", killing {killed} people"
    low, high, qualifier = killed
    return f", killing between {low} and {high} people" if qualifier == "range" else f", killing {qualifier} {low} people"


def _actor(key: str, words: str, sent: Sentence, unit: str, after: int = 0) -> ActorMention:
    return ActorMention(ACTORS[key], _span(sent.text, words, "actors.list", sent, after), unit)


def _place_mention(name: str, where: str, sent: Sentence, precision: int | None) -> PlaceMention:
    p = PLACES[name]
    written = name if name in where else where
    default = 3 if p.feature == "province" else (2 if where.startswith("near ") else 1)
    return PlaceMention(p, where, _span(sent.text, written, "places.gazetteer", sent), precision or default)


def _counts(killed: int | tuple[int, int, str] | None, injured: int | None, text: str, toll: str,
            sent: Sentence) -> tuple[Count, ...]:
    found: list[Count] = []
    if killed is not None:
        low, high, qualifier = (killed, killed, "exact") if isinstance(killed, int) else killed
        found.append(Count("killed", low, low, high, qualifier, "unknown", _span(text, toll[2:], "counts.rules", sent)))
    if injured is not None:
        ev = Evidence("counts.rules", sent.end, sent.end, "", sent.index)  # told in a later sentence
        found.append(Count("injured", injured, injured, injured, "exact", "unknown", ev))
    return tuple(found)


def _claim(claim: tuple[str, ClaimStatus], article: str, mention_id: str, sent: Sentence) -> Claim:
    speaker, status = claim
    cue = {"denied": "denied", "disputed": "disputed", "contradicted": "rejected"}.get(status, "said")
    return Claim(speaker, cue, status, _span(sent.text, speaker, "claims.parse", sent), article,
                 party=status != "reported", subject="event", id=f"{article}:c-{mention_id}")


def source(article: str, published: dt.date, outlet: str = "Tigris Wire") -> SourceRef:
    slug = outlet.lower().replace(" ", "-")
    return SourceRef(article, outlet, published, f"https://example.org/{slug}/{article}",
                     f"Fighting near Mosul ({article})")


def sources_for(mentions: Sequence[Mention], published: dt.date | None = None) -> dict[str, SourceRef]:
    """A SourceRef for every article of the mentions, published the day after its latest mention."""
    latest: dict[str, dt.date] = {}
    for m in mentions:
        assert m.time is not None
        end = m.time.end or m.time.start
        latest[m.article_id] = max(latest.get(m.article_id, end), end)
    return {a: source(a, published or day + dt.timedelta(days=1)) for a, day in sorted(latest.items())}


def article(id: str = "a-tigris-1", text: str = "", published: dt.date = DAY + dt.timedelta(days=1)) -> Article:
    body = text or ("Islamic State militants clashed with Iraqi troops near Bartella on Monday, "
                    "killing 4 people, the army said. The fighting went on until dusk.")
    return Article(id, body, published, "Tigris Wire", f"https://example.org/tigris-wire/{id}",
                   "Clashes near Bartella", origin="reports.jsonl:1")


def event(
    id: str = "IRQ00000001",
    *,
    sub: str = "Armed clash",
    day: dt.date = DAY,
    until: dt.date | None = None,
    place: str | None = "Bartella",
    actor1: str = "Islamic State",
    actor2: str | None = "Military Forces of Iraq",
    killed: tuple[int, int, int] = (4, 5, 7),
    status: ClaimStatus = "claimed",
    outlets: Sequence[str] = ("Tigris Wire", "Northern Desk"),
    assoc: tuple[str, ...] = ("9th Division",),
) -> Event:
    """One fused event written out by hand: two sources, a claim, counts and evidence."""
    event_type, _ = SUB_EVENTS[sub]
    low, best, high = killed
    m = mention(f"m-{id}", article=f"a-{id}-0", sub=sub, day=day, until=until, place=place,
                actor1=actor1, actor2=actor2, killed=(low, high, "range") if high else None, claim=("the army", status))
    refs = tuple(source(f"a-{id}-{i}", day + dt.timedelta(days=1 + i), outlet) for i, outlet in enumerate(outlets))
    a1, a2 = ACTORS[actor1], (ACTORS[actor2] if actor2 else None)
    p = PLACES[place] if place else None
    assert m.claim is not None
    return Event(
        id=id, event_date=day, date_end=until, time_precision=1 if until is None else 2, event_type=event_type,
        sub_event_type=sub, actor1=a1.name, actor2=a2.name if a2 else "", assoc_actor_1=assoc, assoc_actor_2=(),
        inter1=a1.inter, inter2=a2.inter if a2 else 0, place=p, location=p.name if p else "",
        geo_precision=2 if p else 3, fatalities=low, fatalities_low=low, fatalities_best=best,
        fatalities_high=high, counts=m.counts, sources=refs, mention_ids=(m.id, f"m-{id}-b"),
        claim_status=status, claimants=("the army",) if status != "reported" else (), claims=(m.claim,),
        evidence=((m.article_id, Evidence("events.lexicon", m.sentence.start, m.sentence.end, m.sentence.text, 0)),),
        notes=f"{sub} ({event_type}) by {a1.name}; {low} to {high} fatalities; {len(refs)} sources.",
        tags=("date:publication",) if until else (),
    )
