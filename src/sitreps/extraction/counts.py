"""Numbers of people killed, injured, abducted, arrested or displaced, and other
counts a report gives (strikes, car bombs, vehicles destroyed).

Qualifiers are kept ("at least 46" is low 46, high unknown), ranges give low and
high, words are read as numbers, and vague amounts follow ACLED's convention of
coding the lowest credible figure (``vague_*`` settings).  Each count is tied to a
side from the noun it counts, the way UCDP splits deaths.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Sequence

from text_to_num import text2num

from ..records import Count, CountKind, Evidence, Side
from .analysis import Analysis
from ..knowledge import Knowledge
from ..knowledge.lexicon import SPEECH_VERBS
from ..settings import Settings

EXTRACTOR = "counts.rules"

_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|a hundred|one hundred|a thousand|both|an|a)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:hundred|thousand|million))?"
_VAGUE = r"(?:dozens|scores|hundreds|thousands|tens of thousands|several|a few|a number of|a dozen|(?<!how )many|a handful of)"
NUM = rf"(?:{_VAGUE}|{_DIGITS}|{_WORDNUM})"
QUAL = r"(?P<qual>at least|more than|over|nearly|almost|about|around|approximately|roughly|some|up to|as many as|fewer than|less than|an estimated|at most|a total of|another|an additional)"
RANGE = rf"(?P<num>{NUM})(?:\s*(?:to|-|–|or)\s*(?P<num2>{NUM}))?"
NUMBER = rf"(?:between\s+(?P<b1>{NUM})\s+and\s+(?P<b2>{NUM})|(?:{QUAL}\s+)?{RANGE})"
_NOUN_WORDS = r"(?:people|persons?|civilians?|volunteers?|crew(?:\s+members)?|aides|trainees|drivers?|assailants?|perpetrators?|personnel|officials?|commanders?|leaders?|child|woman|man|soldier|policeman|officer|militant|fighter|jihadist|insurgent|gunman|attacker|bomber|member|recruit|guard|worker|farmer|shepherd|student|journalist|resident|villager|residents|villagers|women|children|men|soldiers|troops|policemen|police(?:\s+officers)?|officers|members(?:\s+of\s+(?:the\s+)?\w+(?:\s+\w+){0,2})?|forces|service\s?members?|servicem[ae]n|marines|commandos|fighters|militants|jihadists|insurgents|extremists|terrorists|gunmen|attackers|bombers|peshmerga|recruits|guards|workers|farmers|shepherds|students|pilgrims|worshippers|protesters|demonstrators|families|individuals|suspects|hostages|victims|others|of them|journalists|employees|staff|passengers|pedestrians|bystanders|patients|teachers|doctors|nurses|engineers|technicians|labou?rers|contractors|shoppers|mourners|relatives|guests|tribesmen|militiamen|captives|detainees|prisoners|abductees)"
# "soldiers and policemen" is one noun; "four people and nine assailants" is two items
# The words before the noun ("Iraqi security forces", "Iraqi Police Service (IPS) officers") hold no
# speech verb ("an officer said nine militants had been killed" counts nine militants, not one
# officer) or count verb ("killing eight assailants and injuring six assailants" is two counts).
_FILL = rf"(?!(?:{SPEECH_VERBS}|killing|injuring|wounding|leaving)\b)(?:['‘]?[A-Za-z-]+['’]?|\([A-Z]{{2,6}}\))\s+"
_NOUN = rf"(?P<noun>(?:{_FILL}){{0,4}}?{_NOUN_WORDS}(?![\w-])(?:\s+and\s+(?!{NUM}\s)(?:{_FILL}){{0,2}}?{_NOUN_WORDS}(?![\w-]))?)"
_VERBS: dict[CountKind, str] = {
    "killed": r"killed|dead|died|slain|executed|beheaded|shot dead|massacred|murdered|lost their lives|perished",
    "injured": r"wounded|injured|hurt",
    "abducted": r"abducted|kidnapped|taken hostage|taken captive|captured|seized",
    "arrested": r"arrested|detained(?!\s+(?:in|at)\s+(?:a\s+|the\s+)?(?:\w+\s+)?(?:hospital|clinic))|taken into custody|apprehended",
    "displaced": r"displaced|fled|forced to flee|uprooted|made homeless",
}
_ACTIVE: dict[CountKind, str] = {
    # headlines tell it in the present ("Car bomb kills 7, wounds 20")
    "killed": r"killing|killed|kills|kill|leaving|leaves|left|claiming the lives of|executing|executed|executes|shot dead|shooting dead|gunned down|gunning down|beheaded|beheading|beheads|massacred|murdered|murdering|slaughtered|(?:stoned|burned|burnt|hacked|beaten) to death",
    "injured": r"wounding|wounded|wounds|wound|injuring|injured|injures|injure",
    "abducted": r"abducting|abducted|abducts|abduct|kidnapping|kidnapped|kidnaps|kidnap|seizing",
    "arrested": r"arresting|arrested|arrests|arrest|detaining|detained|detains|detain",
    "displaced": r"displacing|displaced|displaces|displace|forcing",
}
_OTHER_UNITS = r"(?P<unit>air ?strikes|strikes|car bombs|suicide car bombs|vbieds|ieds|explosive devices|vehicles|tanks|tunnels|positions|mortar rounds|rockets|missiles|bombs|boats|bridges|houses|homes|buildings|villages|artillery pieces|weapons caches|booby-trapped vehicles)"


@dataclass(frozen=True)
class _Pattern:
    kind: CountKind
    regex: re.Pattern[str]
    # words any match must hold, searched first: most sentences have none of a pattern's
    # verbs, and the full pattern, tried at every word, is the costly part (a third of the
    # time of the extraction stages went to these patterns before this gate)
    needs: re.Pattern[str]


def _needs(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})\b", re.I)


# capitalised words that name a group or its people, not one person
_GROUPS = r"(?:Iraqi|Kurdish|Syrian|Turkish|American|U\.S\.|US|Shiite|Sunni|Yazidis?|Peshmerga|ISIL|ISIS|IS|Daesh|Islamic|Al|Government|Security|Army|Police)"
# a person's name: capitalised words, with the particles of Arabic and other names
_NAME = r"[A-Z][\w'-]+(?:\s+(?:(?:al|el|bin|ibn|abu|abd|de|da|van|von)[- ])?[A-Z'][\w'-]+){0,5}"
_ITEM = rf"(?:{QUAL}\s+)?(?P<num>{NUM})\s+{_NOUN}"
_ITEM_RE = re.compile(_ITEM, re.I)
# a verb followed by its own object is active ("a bomber killed 46"), not passive
_NOT_ACTIVE = rf"(?!\s+(?:(?:at least|more than|about|some|nearly|over|up to)\s+)?(?:{NUM}|the|his|her|their)\b)"
# deaths that are no casualty of violence ("died of natural causes")
_NATURAL = r"of\s+(?:natural causes|illness|an illness|cancer|a heart attack|heart failure|covid|old age)|peacefully|at the age"
_AUX = r"(?:(?:were|was|have|has|had|are|being|reportedly|also|been|all|later|then|subsequently)\s+)*"


_KIN = r"driver|bodyguard|mother|father|son|daughter|wife|husband|brother|sister|child"


def _single(aux: str) -> str:
    """'the|a|another <person noun> <aux>', and "his|her|their" before kin ("his driver")."""
    return (rf"\b(?:the|a|an|another|(?:his|her|their)(?=\s+(?:{_KIN})))"
            r"\s+(?P<noun>hostage|victim|man|woman|boy|girl|soldier|policeman|police officer|officer|civilian|"
            rf"journalist|farmer|shepherd|student|guard|{_KIN})\s+" + aux)


def _one_person() -> list[_Pattern]:
    """Counts of one, where no number is written: a named victim, "another soldier", a headline's "US service member"."""
    out: list[_Pattern] = []
    # "Colonel X, a volunteer commander, was killed": one person, named
    named = rf"(?<!\bno one )(?<!\bnobody )(?<!\bno )(?P<noun>){_NAME}(?:,[^,]{{3,80}},)?\s+(?:was|had been|has been)\s+(?:killed|executed|shot dead|beheaded|murdered|assassinated|found dead)\b(?P<num>)"
    death = r"killed|executed|shot dead|beheaded|murdered|assassinated|found dead"
    out.append(_Pattern("killed", re.compile(named), _needs(death)))
    # "died" takes no "was": "Major General X died after a roadside bomb", "X later died of his wounds"
    died = rf"(?:later\s+|also\s+|subsequently\s+|reportedly\s+)?died\b(?!\s+(?:{_NATURAL}))(?P<num>)"
    nobody = r"(?:Nobody|No one|None|No|Everyone|Many|Some|Most|Others|Several|Dozens|Hundreds|Thousands)\b"
    out.append(_Pattern("killed", re.compile(rf"(?<!\bno one )(?P<noun>)(?!{_GROUPS}\b|{nobody}){_NAME}(?:,[^,]{{3,80}},)?\s+{died}"),
                        _needs("died")))
    # "gunmen shot and killed Major General X, an adviser": one named victim
    active_named = rf"\b(?:shot and killed|shot dead|killed|assassinated|executed|beheaded|murdered|gunned down)\s+(?P<noun>)(?!{_GROUPS}\b){_NAME}(?=,|\.|\s+(?:in|on|at|near|inside|outside|while|as|and|after)\b)(?P<num>)"
    out.append(_Pattern("killed", re.compile(active_named),
                       _needs("shot and killed|shot dead|killed|assassinated|executed|beheaded|murdered|gunned down")))
    apposed = r"\b(?:a|an|the)\s+(?P<noun>[\w -]{3,40}?),\s+[^,]{3,60},\s+(?:was|had been|has been)\s+(?:killed|executed|shot dead|beheaded|murdered|assassinated|found dead)\b(?P<num>)"
    out.append(_Pattern("killed", re.compile(apposed, re.I), _needs(death)))
    # "another soldier was injured", "his mother was killed": one person, no number written
    single = _single(r"(?:was|had been|has been)\s+")
    out.append(_Pattern("killed", re.compile(single + r"(?:killed|executed|shot dead|beheaded|murdered|found dead)\b(?P<num>)", re.I),
                       _needs(death)))
    out.append(_Pattern("injured", re.compile(single + r"(?:injured|wounded|hurt)\b(?P<num>)", re.I),
                       _needs("injured|wounded|hurt")))
    # "his driver died", "the soldier later died": no "was" before "died"
    out.append(_Pattern("killed", re.compile(_single("") + died, re.I), _needs("died")))
    # a headline drops the article and the "was": "US service member killed", "Iraqi journalist shot dead"
    # ("Islamic State's top security chief killed", "IS commander in Falluja killed")
    bare = (r"^(?:[A-Z][\w.'’-]*\s+){0,3}(?:(?:top|senior|security|military|local|former|deputy)\s+){0,2}"
            r"(?P<noun>service\s?member|serviceman|marine|SEAL|soldier|policeman|police officer|officer|civilian|journalist|"
            r"child|boy|girl|commander|leader|chief|operative|militant|fighter|emir|cleric|official|contractor|pilot|sailor|"
            r"second-in-command|Marine)\s+(?:(?:in|from)\s+(?:[A-Z][\w'-]+\s+){1,3})?(?:was\s+|has been\s+)?(?:reportedly\s+|likely\s+)?")
    out.append(_Pattern("killed", re.compile(bare + rf"(?:killed|shot dead|executed|beheaded|murdered)\b(?P<num>){_NOT_ACTIVE}"),
                       _needs(death)))
    out.append(_Pattern("injured", re.compile(bare + rf"(?:injured|wounded|hurt)\b(?P<num>){_NOT_ACTIVE}"),
                       _needs("injured|wounded|hurt")))
    # and its object's article: "Islamic State kills U.S. Navy SEAL", "confirms killing of IS leader"
    object_bare = (r"\b(?:kills|killed|killing\s+of)\s+(?:the\s+)?(?:[A-Z][\w.'-]*\s+){1,3}(?P<noun>service\s?member|serviceman|marine|SEAL|"
                   r"soldier|policeman|police officer|officer|civilian|journalist|commander|leader|cleric|official|"
                   r"contractor|pilot|sailor|militant|fighter|operative|chief|emir|bomber|gunman|jihadist|insurgent)\b(?P<num>)")
    out.append(_Pattern("killed", re.compile(object_bare), _needs("kills|killed|killing")))
    return out


# a headline lists without "and" ("kills 12 soldiers, 3 civilians"); "12 soldiers, 3 of them
# officers" is a part of the first item, not a second one
# nor is "killing 16 civilians, a local official said" or ", two officials said" a count of them
_NEXT = rf"(?:,\s+(?!(?:{QUAL.replace('?P<qual>', '?:')}\s+)?{NUM}\s+of\s+(?:them|whom)\b|(?:a|an)\s))"
_UNSAID = rf"(?!\s+(?:{SPEECH_VERBS})\b)"
_UNNUMBERED = rf",\s+(?!{NUM}\s)(?:{_FILL}){{0,2}}?(?:militias|{_NOUN_WORDS})(?![\w-])"


def _build() -> list[_Pattern]:
    built: list[_Pattern] = []
    item = _ITEM.replace("?P<qual>", "?:").replace("?P<num>", "?:").replace("?P<noun>", "?:")
    for kind, verbs in _VERBS.items():
        # "three militants and two soldiers were killed": one count per side
        # "At least three security members, including the police chief, and 13 assailants were killed"
        aside = r"(?:,\s+(?:including|among them)\s[^,]{1,60})?"
        listed = rf"\b{item}{aside}(?:{_NEXT}{item})*(?:,?\s+and\s+|{_NEXT}){item}\s+{_AUX}(?:{verbs})\b"
        built.append(_Pattern(kind, re.compile(listed, re.I), _needs(verbs)))
    for kind, verbs in _VERBS.items():
        # "At least one soldier, Staff Sergeant X, was killed": an apposition may sit between
        # and a headline's list may end in a side with no number: "14 Iraqi soldiers, Shia militias killed"
        passive = rf"\b{NUMBER}\s+(?:{_NOUN}(?:,[^,]{{3,60}},|{_UNNUMBERED})?\s+)?{_AUX}(?:{verbs})\b{_NOT_ACTIVE}"
        built.append(_Pattern(kind, re.compile(passive, re.I), _needs(verbs)))
    for kind, verbs in _ACTIVE.items():
        # "killing both assailants and five police officers": one count per side
        listed = (rf"\b(?:{verbs})\s+(?:the\s+|all\s+)?{item}(?:{_NEXT}{item}{_UNSAID})*"
                  rf"(?:,?\s+and\s+{item}|{_NEXT}{item}{_UNSAID})\b")
        built.append(_Pattern(kind, re.compile(listed, re.I), _needs(verbs)))
        tail = r"(?:\s+(?:dead|wounded|injured|homeless))?" if kind == "killed" else ""
        active = rf"\b(?:{verbs})\s+(?:the\s+|all\s+)?{NUMBER}(?:\s+(?:of\s+the\s+)?{_NOUN})?{tail}\b"
        built.append(_Pattern(kind, re.compile(active, re.I), _needs(verbs)))
    for kind, verbs in _VERBS.items():
        # "at least 30 people, including assailants and soldiers, were killed"
        aside = rf"\b{NUMBER}\s+{_NOUN},\s+(?:including|among them|most of them)[^,]{{0,80}},\s+{_AUX}(?:{verbs})\b"
        built.append(_Pattern(kind, re.compile(aside, re.I), _needs(verbs)))
    built += _one_person()
    besides = "in addition to|aside from|besides|apart from|along with"
    # "in addition to the two bombers, seven soldiers were killed": the bombers died too
    counted_extra = rf"\b(?:in addition to|aside from|besides|apart from|along with)\s+(?:the\s+)?(?P<num>{NUM})\s+(?P<noun>(?:suicide\s+)?(?:bombers|assailants|attackers|perpetrators))\b"
    built.append(_Pattern("killed", re.compile(counted_extra, re.I), _needs(besides)))
    # "in addition to the bomber, seven soldiers were killed": the bomber died too
    extra = r"\b(?:in addition to|aside from|besides|apart from|along with)\s+the\s+(?P<noun>(?:suicide\s+)?(?:bomber|assailant|attacker|perpetrator))\b(?P<num>)"
    built.append(_Pattern("killed", re.compile(extra, re.I), _needs(besides)))
    toll = rf"\b(?:death toll|toll|number of (?:dead|deaths|victims))\s+(?:\w+\s+){{0,4}}?(?:rose|climbed|reached|stood|stands|increased|jumped|was|is|at|to)\s+(?:to\s+|at\s+)?{NUMBER}"
    built.append(_Pattern("killed", re.compile(toll, re.I), _needs("toll|number of")))
    for lives in (rf"\b(?:cost|claimed|took)\s+(?:the\s+)?lives\s+of\s+{NUMBER}",
                  rf"\b(?:cost|claimed|took)\s+{NUMBER}(?=\s+lives\b)"):
        built.append(_Pattern("killed", re.compile(lives, re.I), _needs("lives")))
    other = rf"\b{NUMBER}\s+(?:\w+\s+)??{_OTHER_UNITS}\b"
    built.append(_Pattern("other", re.compile(other, re.I), _needs(_OTHER_UNITS.replace("?P<unit>", "?:"))))
    return built


PATTERNS = _build()
_NONE = re.compile(r"\b(?:no|not a single|not one)\s*$", re.I)  # "no one was killed"
_UNKNOWN = re.compile(r"\b(?:unknown|unspecified|undisclosed|unconfirmed|undetermined) number\b", re.I)
_SUBSET = re.compile(r"(?:including|among them|among whom|of whom|of them|among the dead|among the victims)\s*$", re.I)


def parse_number(text: str, settings: Settings) -> tuple[int, bool] | None:
    """A number phrase as an int; the flag says it was a vague amount."""
    text = text.strip().lower()
    vague = {
        "several": settings.vague_several, "a few": settings.vague_several,
        "a number of": settings.vague_several, "a handful of": settings.vague_several,
        "many": settings.vague_several, "a dozen": 12, "dozens": settings.vague_dozens,
        "scores": settings.vague_scores, "hundreds": settings.vague_hundreds,
        "thousands": settings.vague_thousands, "tens of thousands": 10 * settings.vague_thousands,
    }
    if text in ("a", "an"):
        return 1, False
    if text == "both":
        return 2, False
    if text in vague:
        return vague[text], text not in ("a dozen",)
    match = re.match(r"([\d,]+(?:\.\d+)?)(?:\s+(hundred|thousand|million))?$", text)
    if match:
        scale = {"hundred": 100, "thousand": 1000, "million": 1_000_000}.get(match.group(2) or "", 1)
        return int(float(match.group(1).replace(",", "")) * scale), False
    try:
        return int(text2num(text.replace("a hundred", "one hundred").replace("a thousand", "one thousand"), "en")), False
    except ValueError:
        return None


def side_of(noun: str) -> Side:
    noun = noun.lower()
    if re.search(r"famil|relative", noun):
        return "civilians"  # "family members" are not an armed group's members
    if re.search(r"soldier|troop|police|officer|peshmerga|guard|recruit|service ?m|marines?\b|seals?\b|commando|members of the (security|armed|army)|"
                 r"(security|joint|armed|government|federal|iraqi) forces?|security (force )?(members?|personnel|men)", noun):
        return "state"
    if re.search(r"militant|jihadist|insurgent|extremist|terrorist|gunm[ae]n|fighter|members", noun):
        return "militants"
    if re.search(r"attacker|bomber|assailant|perpetrator", noun):
        return "attackers"
    if re.search(r"civilian|resident|villager|wom[ae]n|girl|boy|child|famil|farmer|shepherd|student|pilgrim|worshipper|worker|"
                 r"hostage|captive|abductee|protester|demonstrator|mother|father|son\b|daughter|wife|husband|brother|sister|employee|staff|"
                 r"passenger|pedestrian|bystander|patient|teacher|doctor|nurse|engineer|technician|labou?rer|contractor|"
                 r"shopper|mourner|guest|journalist", noun):
        return "civilians"
    return "unknown"


def _figures(m: re.Match[str], settings: Settings) -> tuple[int, int, int, str] | None:
    g = m.groupdict()
    first, second = (g.get("b1"), g.get("b2")) if g.get("b1") else (g.get("num"), g.get("num2"))
    if first == "" and g.get("noun") is not None:
        return 1, 1, 1, "exact"  # one named attacker, counted by the word itself
    if not first:
        return None
    parsed = parse_number(first, settings)
    if parsed is None:
        return None
    low, vague = parsed
    high, qualifier = low, "vague" if vague else "exact"
    if second:
        parsed2 = parse_number(second, settings)
        if parsed2 is None or parsed2[0] < low:
            return None
        high, qualifier = parsed2[0], "range"
    qual = (g.get("qual") or "").lower()
    if qual in ("at least", "more than", "over", "some", "an estimated", "a total of", "another", "an additional"):
        qualifier = qual
    elif qual in ("nearly", "almost", "about", "around", "approximately", "roughly"):
        qualifier = "about"
    elif qual in ("up to", "as many as", "fewer than", "less than", "at most"):
        qualifier, low = "up to", 0 if qual in ("fewer than", "less than") else low
        low = 0 if qualifier == "up to" else low
    value = low if qualifier != "up to" else high
    return value, low, high, qualifier


def find_counts(sentence: str, offset: int, index: int, settings: Settings) -> list[Count]:
    """Counts in one sentence, in text order, overlapping matches dropped."""
    found: list[Count] = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        if not pattern.needs.search(sentence):
            continue
        for m in pattern.regex.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            items = list(_ITEM_RE.finditer(m.group(0))) if "num" not in m.groupdict() else [m]
            if _UNKNOWN.search(m.group(0)) and len(items) < 2:
                continue  # "an unknown number of assailants were killed" gives no figure
            if _SUBSET.search(sentence[: m.start()]) or _NONE.search(sentence[: m.start()]):
                continue  # "including seven children" is part of a total already counted
            ev = Evidence(EXTRACTOR, offset + m.start(), offset + m.end(), m.group(0), index)
            # "two police and an unknown number of assailants were killed": the known item counts
            for item in (i for i in items if not _UNKNOWN.search(i.group(0))):
                count = _count(pattern.kind, item, ev, settings)
                if count is not None:
                    found.append(count)
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda c: c.evidence.start)


def _count(kind: CountKind, m: re.Match[str], ev: Evidence, settings: Settings) -> Count | None:
    figures = _figures(m, settings)
    if figures is None:
        return None
    value, low, high, qualifier = figures
    noun = m.groupdict().get("noun") or ""
    unit = (m.groupdict().get("unit") or "people").lower() if kind == "other" else "people"
    side: Side = side_of(noun) if kind != "other" else "unknown"
    return Count(kind, value, low, high, qualifier, side, ev, unit)


_PLURAL_EXTRA = re.compile(r"\b(?:in addition to|aside from|besides|apart from|along with)\s+the\s+(?:suicide\s+)?(?:bombers|assailants|attackers|perpetrators)\b", re.I)
_HOW_MANY = re.compile(rf"\b(?:{QUAL}\s+)?(?P<num>{NUM})\s+(?:suicide\s+)?(?:bombers|assailants|attackers|perpetrators)\b", re.I)


def _attackers_also(text: str, offset: int, index: int, article: str, settings: Settings) -> list[Count]:
    """"In addition to the assailants, nine officers were killed": the attackers the
    report counted earlier ("two suicide bombers") died too."""
    found = _PLURAL_EXTRA.search(text)
    if not found:
        return []
    earlier = list(_HOW_MANY.finditer(article[: offset + found.start()]))
    if not earlier:
        return []
    parsed = parse_number(earlier[-1].group("num"), settings)
    if parsed is None or parsed[1]:
        return []
    ev = Evidence(EXTRACTOR, offset + found.start(), offset + found.end(), found.group(0), index)
    return [Count("killed", parsed[0], parsed[0], parsed[0], "exact", "attackers", ev)]


# "A suicide bomber ... detonated": the bomber died though no sentence counts him.  The
# count is "implied"; the events stage drops it where the report counts attackers itself.
# (the words between the bomber and "detonated" never start another clause: "killing four
# suicide bombers while a fifth assailant detonated" implies one death, the fifth's)
_HALT = r"(?!(?:before|could|failed|tried|attempt\w*|prevent\w*|without|was|were|while|and|but|as|when)\b)"
_DETONATED = re.compile(
    rf"\b(?:(?:the\s+)?(?P<rest>remaining\s+)?(?P<num>{NUM})\s+(?P<more>other\s+|additional\s+|remaining\s+)?"
    rf"(?:suicide\s+)?(?:bombers?|assailants?|attackers?)\b"
    rf"|(?P<ord>a|the)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|last)\b"
    rf"(?:\s+(?:suicide\s+)?(?:bombers?|assailants?|attackers?)\b)?)(?:\s+{_HALT}[\w-]+){{0,7}}?"
    r"\s+(?:detonated|blew\s+(?:himself|herself|themselves)\s+up|set\s+off\s+(?:his|her|their))\b", re.I)


def _bombers_died(text: str, offset: int, index: int, settings: Settings) -> list[Count]:
    found = []
    for m in _DETONATED.finditer(text):
        parsed = (1, False) if m.group("ord") else parse_number(m.group("num"), settings)
        if parsed is None or parsed[1]:
            continue  # "dozens of attackers detonated" gives no figure to add
        ev = Evidence(EXTRACTOR, offset + m.start(), offset + m.end(), m.group(0), index)
        # "a fifth assailant detonated", "the remaining three detonated": more than those counted
        qualifier = "another" if m.group("ord") or m.group("rest") or m.group("more") else "implied"
        found.append(Count("killed", parsed[0], parsed[0], parsed[0], qualifier, "attackers", ev))
    return found


# "Gunmen kidnapped two girls. The victims were executed the next day."
_CAPTIVES_KILLED = re.compile(
    r"\b(?:the|all(?:\s+the)?)\s+(?:\w+\s+)?(?:victims|hostages|captives|abductees)\b[^.;]{0,40}?\b(?:were|had been)\s+"
    r"(?:later\s+|then\s+|subsequently\s+)?(?:executed|killed|shot dead|beheaded|burnt alive|burned alive|murdered|found dead)\b"
    r"|\b(?:torturing and\s+)?(?:killing|executing|killed|executed) them\b", re.I)


def _captives_killed(text: str, offset: int, index: int, earlier: Sequence[Count]) -> list[Count]:
    """Captives told as killed later: as many as the last abduction counted."""
    taken = [c for c in earlier if c.kind == "abducted"]
    found = _CAPTIVES_KILLED.search(text)
    if not found or not taken:
        return []
    start, end = offset + found.start(), offset + found.end()
    if any(c.kind == "killed" and c.evidence.start < end and start < c.evidence.end for c in earlier):
        return []  # "Four of the victims were executed": the sentence counts them itself
    last = taken[-1]
    ev = Evidence(EXTRACTOR, start, end, found.group(0), index)
    return [Count("killed", last.value, last.low, last.high, last.qualifier, last.side, ev)]


_N = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
_EVENTS = r"(?:attacks|assaults|raids|events|incidents|bombings|blasts|explosions|clashes|operations|areas)"
# "killed across all three attacks", "across both raids": a total for several events
_ACROSS = re.compile(rf"\bacross\s+(?:both|all\s+(?:the\s+)?(?P<n>{_N})|the\s+(?P<m>{_N}))\s+(?:\w+\s+)?{_EVENTS}\b", re.I)
# where the article says its event is "one of four": "in the four areas", "repelled both
# assaults, killing 30", "repelled the assaults", "one of two attacks ... in which 35 were killed"
_ONE_OF = re.compile(rf"\bone\s+of\s+(?P<n>{_N})\s+(?:[\w-]+\s+){{0,3}}?{_EVENTS}\b", re.I)
_SEVERAL = re.compile(rf"\b(?:both|all\s+(?:the\s+)?(?P<n>{_N})|the\s+(?P<m>{_N}))\s+(?:\w+\s+)?{_EVENTS}\b", re.I)
# (not "in the blasts": one attack's several bombs)
_THE_PLURAL = re.compile(rf"\bthe\s+(?:\w+\s+)?(?:attacks|assaults|raids|incidents|events)\b|\bone\s+of\s+{_N}\b.*\bin\s+which\b", re.I)
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _as_int(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.index(word.lower()) + 2


def _events_sharing(sentence: str, one_of: re.Match[str] | None) -> int:
    """How many events a sentence's figures are given for together (1: its own); ``one_of``:
    where the article says its event is "one of N attacks"."""
    found = _ACROSS.search(sentence)
    if found is not None:
        return _as_int(found.group("n") or found.group("m") or "two")
    if one_of is None:
        return 1
    found = _SEVERAL.search(sentence)
    if found is not None:
        return _as_int(found.group("n") or found.group("m") or "two")
    return _as_int(one_of.group("n")) if _THE_PLURAL.search(sentence) else 1


def _share(count: Count, n: int) -> Count:
    """This event's even share of a figure told for n events (ACLED splits such a total evenly)."""
    def part(x: int) -> int:
        return int(x / n + 0.5)
    return dataclasses.replace(count, value=part(count.value), low=part(count.low), high=part(count.high), shared_by=n)


NAME = "counts"
NEEDS = ("sentences",)
ADDS = ("counts",)


def apply(analysis: Analysis, kb: Knowledge, settings: Settings) -> Analysis:
    found: list[Count] = []
    one_of = _ONE_OF.search(analysis.article.text)
    for sent in analysis.sentences:
        here = find_counts(sent.text, sent.start, sent.index, settings)
        here += _attackers_also(sent.text, sent.start, sent.index, analysis.article.text, settings)
        here += _captives_killed(sent.text, sent.start, sent.index, found + here)
        # an implied death never shares text with a stated count ("killed three suicide bombers")
        here += [c for c in _bombers_died(sent.text, sent.start, sent.index, settings)
                 if not any(c.evidence.start < o.evidence.end and o.evidence.start < c.evidence.end for o in here)]
        n = _events_sharing(sent.text, one_of)
        found.extend(_share(c, n) if n > 1 and c.kind != "other" else c for c in here)
    return analysis.add(NAME, counts=tuple(sorted(found, key=lambda c: c.evidence.start)))
