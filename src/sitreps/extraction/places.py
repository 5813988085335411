"""Places: toponyms found with our gazetteer on top of the spaCy model, resolved
to coordinates with ACLED geo-precision.

The model misses small villages and tags some as people or organisations, so we
look every capitalised phrase up in the gazetteer ourselves and use the model's
entity labels only as extra evidence.  Names that are also English words ("Hit")
need that evidence or a locative cue ("in", "the town of").  Resolution prefers
the article's country focus and places near the article's main city.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Doc

from ..knowledge.countries import country, country_names, demonym_country
from ..knowledge.gazetteer import Gazetteer, normalize
from ..records import Evidence, Place, PlaceMention
from .addresses import PART_OF, as_written, held_by, holders, province_parts
from .capitals import capital_mentions, without_their_countries
from .analysis import Analysis
from ..knowledge import Knowledge
from ..settings import Settings

EXTRACTOR = "places.gazetteer"
_NEAR = re.compile(
    r"(?:\b(?:near|outside|outskirts of|around|close to|on the road (?:to|between)|"
    r"(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
    r"(?:the )?(?:north|south|east|west)(?:ern)? (?:part|edge|side|outskirts) of|"
    r"a (?:village|town|area|district) (?:near|outside|in)|villages? (?:near|outside|around)|the countryside of|province of)\s+(?:the\s+)?)$",
    re.I,
)
_LOCATIVE = re.compile(  # a name right after these is a place: "in Hit", "IS-held Hit"
    r"\b(?:in|at|near|outside|into|from|to|towards|toward|of|on|around|across|through|(?:enter|reach|captur|retak|retook|recaptur|seiz|liberat|storm|raid|shell)\w*)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|northwestern|northeastern|southwestern|southeastern|nearby|besieged|strategic|key|disputed|oil|ancient|[\w]+\s?-\s?(?:held|controlled|occupied|besieged))\s+)?(?:(?:town|city|village|district|neighbourhood|neighborhood|area|province|region|governorate|hamlet|suburb|quarter)\s+of\s+)?$",
    re.I,
)
# where people came from or were going: "families fleeing IS-held Hawija", "columns heading toward Mosul"
_HELD = r"(?:the\s+)?(?:[\w]+\s?-\s?(?:held|controlled|occupied|besieged)\s+)?(?:(?:town|city|village|area)\s+of\s+)?"
_ORIGIN = re.compile(rf"\b(?:flee(?:ing|s)?|fled|escap(?:e|ed|ing)|displaced)\s+(?:from\s+)?{_HELD}$", re.I)
_DESTINATION = re.compile(
    rf"\b(?:head(?:ed|ing|s)?|mov(?:e|ed|ing)|march(?:ed|ing)?|advanc(?:e|ed|ing)|push(?:ed|ing)?|walk(?:ed|ing)?|"
    rf"(?:on\s+(?:the|their|its)\s+way)|en\s+route|bound)\s+(?:(?:north|south|east|west)\w*\s+)?"
    rf"(?:towards?|to|for)\s+{_HELD}$", re.I)
# where a person comes from, not where anything happened: "asylum seekers from Pakistan"
_HOME = re.compile(r"\b(?:asylum[- ]seekers?|refugees?|migrants?|immigrants?|natives?|nationals?|citizens?|"
                   r"emigrants?|expatriates?|born|hail(?:ed|s|ing)|originally|descent|(?:came|moved|emigrated))\s+"
                   r"(?:from|in|of)\s+(?:the\s+)?$", re.I)
_FEATURE_AFTER = re.compile(r"\s+(?:district|sub-?district|city|town|village|area|neighbou?rhood|province|governorate|camp)\b", re.I)
_SKIP_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "the", "a", "an", "he", "she", "they", "it", "we", "this", "that", "on", "in", "at", "islamic", "state",
}
# A rank or title before a name is no place ("Major General Ahmed Saleh": "Major" is also
# Majuro), unless the name goes on into a longer place ("General Santos")
_TITLES = {"major", "general", "colonel", "captain", "lieutenant", "sergeant", "corporal", "private", "admiral",
           "marshal", "brigadier", "commander", "president", "governor", "minister", "mayor", "senator", "judge"}


_SENTENCE_REGION_KM = 100.0  # looser than an address's 40 km (addresses.py): weaker evidence


@dataclass(frozen=True)
class _Candidate:
    start: int  # char offsets in the article
    end: int
    text: str
    sentence: int
    entity: bool  # the model called it a place
    cue_near: str  # "north of" etc., when the text places the event near it
    role: str = ""  # "origin" or "destination" (records.PlaceMention.role)


def _title_case(text: str) -> bool:
    first = text[:1]
    return first.isupper() or text.lower().startswith(("al-", "el-", "ash-", "as-", "ad-", "an-", "ar-", "at-", "az-"))


def _candidates(doc: Doc, gaz: Gazetteer, blocked: Sequence[tuple[int, int]], sent_of: list[int],
                english: frozenset[str] | None = None) -> list[_Candidate]:
    found: list[_Candidate] = []
    # token attributes, not doc.ents: building entity spans per token is the slow path
    labels = [t.ent_type_ for t in doc]
    place_ents = {i for i, label in enumerate(labels) if label in ("GPE", "LOC", "FAC")}
    other_ents = {i for i, label in enumerate(labels) if label in ("DATE", "TIME", "MONEY", "PERCENT")}
    # the model calls some villages nationalities ("Mandali"): such a word needs a locative cue
    nationality = {i for i, label in enumerate(labels) if label == "NORP"}
    text = doc.text  # Doc.text joins every token on each access: read it once
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        acronym = tok.text.isupper() and len(tok.text) <= 3 and tok.i not in place_ents  # UN, US, EU
        if not _title_case(tok.text) or tok.i in other_ents or tok.lower_ in _SKIP_WORDS or acronym:
            i += 1
            continue
        match = _longest(doc, i, gaz)
        if match is None:
            i += 1
            continue
        j, key, by_skeleton = match
        if j == i + 1 and tok.lower_ in _TITLES and j < n and _title_case(doc[j].text):
            i = j  # a rank before a name ("Major General X"); a place it opens ("General Santos") was matched whole
            continue
        span = doc[i:j]
        if _fragment(doc, i, j, key) or _tail(doc, i) or _in_person(doc, i):
            i = j
            continue
        if any(span.start_char < e and s < span.end_char for s, e in blocked):
            i = j
            continue
        before = text[max(0, span.start_char - 80) : span.start_char]
        entity = any(t.i in place_ents for t in span)
        after = text[span.end_char : span.end_char + 16]
        located = bool(_LOCATIVE.search(before)) or bool(_NEAR.search(before)) or bool(_FEATURE_AFTER.match(after))
        located = located or _chained(text[span.end_char : span.end_char + 60], gaz)
        plain_word = len(span) == 1 and (span[0].is_stop or span[0].i in nationality or (
            span[0].pos_ != "PROPN" and (english is None or span[0].lower_ in english)))
        if (gaz.is_ambiguous_word(key) or plain_word) and not (entity or located):
            i = j
            continue
        if by_skeleton and not located:
            i = j
            continue  # a name known only by its consonants must be told as a place: "in Mushahidah, Saladin"
        near = _NEAR.search(before)
        role = "origin" if _ORIGIN.search(before) else "destination" if _DESTINATION.search(before) else \
            "home" if _HOME.search(before) else ""
        found.append(_Candidate(span.start_char, span.end_char, span.text, sent_of[i], entity,
                                near.group(0).strip() if near else "", role))
        i = j
    return found


_CHAIN = re.compile(r"\s*,\s*((?:[A-Z][\w'’-]*\s?){1,4}?)\s*(?:,|\.|\b(?:governorate|province)\b|$)")


def _chained(after: str, gaz: Gazetteer) -> bool:
    """A name followed by the province or country it lies in ("raided Hit, Al Anbar",
    "Samarra, Saladin, Iraq"): the address itself says the name is a place."""
    m = _CHAIN.match(after)
    if m is None:
        return False
    options = gaz.lookup(m.group(1).strip())
    return bool(options) and options[0].feature in ("province", "country")


# Arabic toponym heads that name nothing alone: "Hayy al-Jamiah", "Tal Mas'ud", "Abu Risha"
_HEADS = {"hayy", "hay", "tal", "tall", "tel", "abu", "umm", "ain", "ayn", "bir", "jabal", "jebel", "wadi", "ras",
          "khan", "qaryat", "kafr", "deir", "dayr", "albu", "al bu", "sheikh", "shaikh", "imam", "sayyid", "bab"}


def _fragment(doc: Doc, i: int, j: int, key: str) -> bool:
    """A match that is only the start of a longer unknown name ("Hussein" of "Hussein al-Hamadi")."""
    if j >= len(doc):
        return False
    nxt = doc[j]
    after = doc[j + 1].text if j + 1 < len(doc) else ""
    # a lower-case article goes on only into a name ("Hit as-Sadr"), not into English ("Hit as thousands")
    article = nxt.lower_ in ("al", "el", "ash", "as", "ad", "an", "ar", "at", "az") and (after == "-" or _title_case(after))
    continues = _title_case(nxt.text) or article or nxt.text == "'"
    if not continues or nxt.is_punct or _FEATURE_AFTER.match(" " + nxt.text):  # "Mosul City" is Mosul
        return False
    same_entity = nxt.ent_iob_ == "I"
    # a short word opens a longer name ("Hit Hospital"), but a country name is whole ("Iraq Shiite mosque")
    short = j - i == 1 and len(doc[i].text) <= 4 and doc[i].lower_ not in country_names()
    return key in _HEADS or same_entity or short


def _tail(doc: Doc, i: int) -> bool:
    """A match that is only the end of a longer unknown name: "Kusaybah" of "Tall Kusaybah",
    "Jamil" of "Kawaz Hajji Jamil" (the model tags the whole name as one entity)."""
    if i == 0 or doc[i - 1].is_sent_start or doc[i].is_sent_start:
        return False
    prev = doc[i - 1]
    if i >= 2 and prev.text in ("'", "‘", "’") and _title_case(doc[i - 2].text) and not doc[i - 2].is_punct:
        return True  # "Ghalib 'Ubayd Khalaf": an 'ayn inside a longer name
    if not _title_case(prev.text) or prev.is_punct:
        return False
    return prev.lower_ in _HEADS or (doc[i].ent_iob_ == "I" and prev.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG"))


def _in_person(doc: Doc, i: int) -> bool:
    """A match after a lower-case particle inside a person's name the model found: "Peña" of
    "Vicente Sainz de la Peña" (_tail sees only a capitalised word before the match).  Not
    every I-PERSON token: the model tags many Iraqi villages as people."""
    return i > 0 and doc[i].ent_iob_ == "I" and doc[i].ent_type_ == "PERSON" and doc[i - 1].text in _SURNAME_PARTICLES


# European surname particles; not "al" ("Ameriat al Fallujah", which the model calls a person,
# is at least near Fallujah) nor "and" ("Zab and Makhmur", also called a person)
_SURNAME_PARTICLES = {"de", "del", "della", "da", "do", "dos", "das", "di", "du", "des", "la", "le", "los", "las",
                      "van", "von", "der", "den", "y"}


# lower-case words inside a place name: "Dar es Salaam", "Bandar-e Abbas", "Rio de Janeiro"
_PARTICLES = {"al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "es", "ez", "e", "i", "de", "del",
              "da", "do", "dos", "das", "di", "du", "des", "la", "le", "les", "los", "las", "of", "on", "upon", "am",
              "der", "den", "bin", "ibn", "bu", "wa", "y", "sur", "sous", "en"}


def _longest(doc: Doc, i: int, gaz: Gazetteer) -> tuple[int, str, bool] | None:
    """The longest gazetteer name starting at token i, as (end token, key, whether only
    its consonants match: such a name needs the text to say it is a place)."""
    skeleton: tuple[int, str, bool] | None = None
    for width in range(min(gaz.max_words, len(doc) - i), 0, -1):
        span = doc[i : i + width]
        if width > 1 and not _title_case(span[-1].text):
            continue
        if any(t.is_lower and t.lower_ not in _PARTICLES for t in span[1:-1]):
            continue  # "As a Land-Rover" is no "Aland": only name particles go lower case inside a name
        if any(t.is_punct and t.text not in ("-", "'", "’") for t in span):
            continue
        key = normalize(span.text)
        # transliteration variants ("Baasheeqa") only for names long enough not to collide
        if key and (gaz.is_place_name(key) or (len(key) >= 5 and gaz.is_place_name(key, loose=True))):
            return i + width, key, False
        if skeleton is None and width <= 2 and len(key) >= 6 and gaz.is_place_skeleton(key):
            skeleton = (i + width, key, True)
    return skeleton


def _focus(cands: Sequence[_Candidate], gaz: Gazetteer, text: str) -> str | None:
    """The country the article is about: a vote over its places' best readings.  A name
    told as part of another place ("the Aden district of Mosul") has no vote: its best
    reading may be a namesake abroad; nor has where someone comes from ("born in Tunisia")."""
    votes: Counter[str] = Counter()
    for cand in cands:
        if PART_OF.match(text[cand.end : cand.end + 30]) or cand.role == "home":
            continue
        options = gaz.lookup(cand.text)
        if options:
            weight = 3 if options[0].feature == "country" else 1
            votes[options[0].iso3] += weight
    return votes.most_common(1)[0][0] if votes else None


def _regions(cands: Sequence[_Candidate], readings: Sequence[Sequence[Place]]) -> dict[int, Place]:
    """The province a sentence names ("..., Al Anbar, Iraq"), to place its towns in."""
    found: dict[int, Place] = {}
    for cand, options in zip(cands, readings):
        if options and options[0].feature == "province" and cand.sentence not in found:
            found[cand.sentence] = options[0]
    return found


def _anchored(cands: Sequence[_Candidate], readings: Sequence[Sequence[Place]], regions: dict[int, Place]) -> set[int]:
    """Sentences that name a town lying inside the province they name."""
    out = set()
    for cand, options in zip(cands, readings):
        region = regions.get(cand.sentence)
        if region is None or not region.admin1 or cand.sentence in out:
            continue
        if any(p.admin1 == region.admin1 and p.feature not in ("province", "country") for p in options):
            out.add(cand.sentence)
    return out


def _in_region(options: Sequence[Place], region: Place | None, gaz: Gazetteer, strict: bool = False) -> Place | None:
    """The reading that lies in the named province (Barwana, Al Anbar); None when every
    reading lies in some other province.  strict: the sentence names a town inside the
    province ("Al Jazeera, near Tikrit, Saladin"), so a reading outside it is a namesake."""
    if region is not None and region.admin1:
        inside = [p for p in options if p.admin1 == region.admin1 or p.feature in ("province", "country")]
        if inside:
            return inside[0]
        if strict:
            return None
        # the province is named somewhere in the sentence, not in the name's own address, and
        # reporters' labels are loose near boundaries (Abu Ghraib "in Anbar"): only a reading
        # far beyond the named province is taken for a namesake elsewhere
        if not gaz.near_province(options[0], region, _SENTENCE_REGION_KM):
            return None
    return options[0]


def find_places(doc: Doc, gaz: Gazetteer, blocked: Sequence[tuple[int, int]], sent_of: list[int],
                hint_country: str | None = None, english: frozenset[str] | None = None,
                ) -> tuple[list[PlaceMention], str | None]:
    """Every place mention in the article, resolved, and the article's country focus."""
    cands = _candidates(doc, gaz, blocked, sent_of, english)
    focus = hint_country or _focus(cands, gaz, doc.text)
    focus_iso3 = gaz.country_iso3(focus)
    text = doc.text
    readings = [as_written(text[cand.end : cand.end + 20], gaz.lookup(cand.text, country=focus))
                for cand in cands]  # before any nearness anchor
    regions = _regions(cands, readings)
    anchored = _anchored(cands, readings, regions)
    holding = holders(cands, readings, text)
    provinces = province_parts(cands, readings, text)
    mentions: list[PlaceMention] = []
    anchor: tuple[float, float] | None = None
    for i, cand in enumerate(cands):
        region = regions.get(cand.sentence)
        held = holding.get(i)
        # nearness to the town that holds it ranks namesakes; a province's rough centre would not
        near = (held[0].latitude, held[0].longitude) if held and held[1] is not None else anchor
        options = as_written(text[cand.end : cand.end + 20], gaz.lookup(cand.text, country=focus, near=near))
        if not options:
            continue
        if held is not None:
            place = held_by(options, held[0], held[1], gaz)
        else:
            place = _in_region(options, region, gaz, strict=cand.sentence in anchored)
        if place is None:
            continue  # "As Salam, Saladin": a namesake in another province is not this place
        if focus_iso3 and place.iso3 != focus_iso3 and not gaz.is_place_name(cand.text):
            continue  # a spelling variant is trusted at home only: "Rasheed" is not Rosetta, Egypt
        precision = place.geo_precision
        if i in provinces and place.feature != "province":
            precision = max(precision, 2)  # "Bashir village, Kirkuk, Iraq": near the city, or anywhere in its governorate
        if anchor is None and precision == 1:
            anchor = (place.latitude, place.longitude)
        raw = cand.text
        if cand.role:
            precision = max(precision, 2)  # on the road out of it or toward it: near the town
        if cand.cue_near:
            raw = f"{cand.cue_near} {cand.text}"
            precision = max(precision, 2)
        ev = Evidence(EXTRACTOR, cand.start, cand.end, cand.text, cand.sentence)
        mentions.append(PlaceMention(place, raw, ev, precision, cand.role))
    return mentions, focus


def best_place(mentions: Sequence[PlaceMention], *, roles: bool = True) -> PlaceMention | None:
    """The place to code for an event: the most precise, then the first told, a place
    people fled from or headed to after others as precise (with roles=False, never one), and
    a city's named neighbourhood before the city ("Mosul's Intisar district"); never where
    someone comes from ("asylum seekers from Pakistan")."""
    mentions = [m for m in mentions if m.role != "home"]  # no event happens where its people were born
    if not roles:
        mentions = [m for m in mentions if not m.role]
    real = [m for m in mentions if m.place.feature != "country"] or list(mentions)
    if not real:
        return None
    return min(real, key=lambda m: (m.geo_precision, bool(m.role), m.place.feature != "neighbourhood", m.evidence.start))


def event_place(mentions: Sequence[PlaceMention], story: PlaceMention | None) -> PlaceMention | None:
    """Where a sentence's event happened: a town it names; where the story was, when it names
    only where people fled from or headed to ("columns heading toward Mosul"); else its most
    precise place, which may be the town people fled ("families fleeing Fallujah, Anbar": near
    Fallujah, not anywhere in Anbar); else the story's place."""
    here = best_place(mentions, roles=False)
    if here is not None and here.geo_precision < 3:
        return here
    if here is None and story is not None:
        return story
    return best_place(mentions) or story


def with_subarea(mention: PlaceMention, sentence: str, offset: int) -> PlaceMention:
    """Keep "the Karama district of Mosul" as raw text next to the resolved city."""
    local = mention.evidence.start - offset
    before = sentence[max(0, local - 60) : local]
    sub = re.search(r"(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s+(?:district|neighbourhood|neighborhood|area|quarter)\s+(?:of|in)\s+$", before)
    if not sub:
        return mention
    raw = sentence[max(0, local - 60) + sub.start() : local] + mention.evidence.text
    return dataclasses.replace(mention, raw=raw)


NAME = "places"
NEEDS = ("sentences", "actors")
ADDS = ("places", "country", "country_name")


def apply(analysis: Analysis, kb: Knowledge, settings: Settings) -> Analysis:
    blocked = [(h.start_char, h.end_char) for h in analysis.actor_hits]
    mentions, focus = find_places(analysis.doc, kb.gazetteer, blocked, list(analysis.sent_of_token),
                                  english=kb.english)
    by_sentence = {s.index: s for s in analysis.sentences}
    mentions = [with_subarea(m, by_sentence[m.evidence.sentence].text, by_sentence[m.evidence.sentence].start) for m in mentions]
    capitals = capital_mentions(analysis.doc, kb.gazetteer, analysis.sent_of_token, kb.gazetteer.country_iso3(focus),
                                mentions, _NEAR)
    mentions = sorted([*without_their_countries(mentions, capitals), *capitals], key=lambda m: m.evidence.start)
    if not focus:
        focus = demonym_country([t.text for t in analysis.doc if t.ent_type_ == "NORP"]) or ""
    info = country(focus) if focus else None
    name = info.name if info else ""
    return analysis.add(NAME, places=tuple(mentions), country=focus or "", country_name=name)
