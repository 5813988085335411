"""A cheap, offline "is this English?" check.

The extractors downstream only understand English, so a French or Arabic report
would silently produce nothing (or nonsense).  Running English prose is 35-50 %
function words, other languages share few of them, so the share of tokens found
in the list below separates the two with a wide margin.

Telegraphic news English ("Car bomb kills 12 in Kabul; Taliban claim attack on
army base") leans on short words that other languages use too ("a", "in", "on",
"do", "as", "was").  They stay in the list so such texts pass, and a second test
keeps foreign text from passing on them: the text must also score higher on the
English list than on any of the small lists of other common languages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter


def _words(text: str) -> frozenset[str]:
    # Word lists are kept as plain space-separated text: easier to read and edit.
    return frozenset(text.split())


ENGLISH_FUNCTION_WORDS = _words(
    """
    a an in on as at do no so was will also
    the of and to is are were be been being by for with from that this these
    those it its he she his her him hers they them their theirs we our us you
    your i my not but or nor if than then there thus which who whom whose what
    when where while why how after before since during into onto over under
    about against between among amid through throughout across near around
    behind beyond along toward towards upon within without whether however
    although though because until unless have has had having does did
    doing done would could should might must can cannot shall said says say
    told according more most some any all both each every either neither other
    another such only own same very just one two three four five many much
    several few least less out up down off again further once here ago yet
    still already even ever never now today yesterday tomorrow last next first
    second new became become itself themselves himself herself
    who's it's isn't wasn't weren't don't didn't won't can't couldn't wouldn't
    haven't hasn't hadn't including per following
    """
)

# Texts this short cannot be judged (a headline, a one-line wire alert) and
# are let through rather than rejected on noise.
MIN_WORDS = 8

# Small, distinctive lists of other languages' commonest words.  Name particles
# that run through English news too ("al", "el", "de", "van") are left out so
# "Al-Shabaab ... in El Adde" does not look Spanish.
_OTHER_LANGUAGES: dict[str, frozenset[str]] = {
    "French": _words(
        "le la les des du et est une dans pour qui pas sur au aux avec ont été selon il "
        "ils cette sont leur"
    ),
    "Spanish": _words(
        "los las del y en por una con para fue han según se su sus como pero este esta"
    ),
    "German": _words(
        "der die das und ist nicht mit von den dem sich auf wurde wurden bei eine ein "
        "einer im zu nach sind auch"
    ),
    "Portuguese": _words(
        "os as do da dos das em não uma com para foi segundo ao pelo pela seu sua são"
    ),
    "Italian": _words(
        "il lo gli della delle degli di che è per con sono nel nella alla dal secondo "
        "anche"
    ),
    "Dutch": _words("het een en niet met zijn op voor dat die werd bij ook naar"),
    "Indonesian": _words("yang dan di ini itu dengan untuk dari dalam tidak akan pada oleh telah"),
    "Hausa": _words("da na ya ta sun ba cikin wani wasu wanda kuma sai domin ne ce shi su mutane"),
    "Somali": _words("iyo oo ka ku la waxaa ayaa uu ay ee soo kale ah"),
    "Swahili": _words("na ya wa kwa katika za ni kuwa watu huo hiyo wakati"),
}

_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# A tenth of the tokens is far above chance for the short lists above.
_GUESS_SHARE = 0.1
_SCRIPT_SAMPLE = 3000  # letters looked at to name a script; plenty to be sure


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


def english_share(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(1 for word in words if word in ENGLISH_FUNCTION_WORDS) / len(words)


def not_english_reason(text: str, min_share: float) -> str | None:
    """None if the text passes as English, else the one-line reason."""
    words = tokens(text)
    if len(words) < MIN_WORDS:
        return None
    share = english_share(words)
    other, other_share = _best_other(words)
    if share >= min_share and share >= other_share:
        return None
    guess = guess_language(text, other if other_share >= _GUESS_SHARE else None)
    looks = f"looks like {guess}" if guess else "language unknown"
    return f"not English ({looks}); skipped"


def _best_other(words: list[str]) -> tuple[str, float]:
    """The other language whose list covers most tokens, and its share."""
    scores = {name: sum(1 for w in words if w in vocab) for name, vocab in _OTHER_LANGUAGES.items()}
    best = max(scores, key=lambda name: scores[name])
    return best, scores[best] / len(words) if words else 0.0


def guess_language(text: str, latin_guess: str | None) -> str | None:
    """A name for the message only; None when no cheap guess is convincing."""
    script = _main_script(text)
    if script and script != "Latin":
        return f"{script} script"
    return latin_guess


_SCRIPT_NAMES = {"CJK": "CJK", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean"}


def _main_script(text: str) -> str | None:
    """The script most letters are written in, from Unicode character names
    ("ARABIC LETTER ALEF" -> "Arabic"), which needs no data files."""
    counts: Counter[str] = Counter()
    seen = 0
    for char in text:
        if not char.isalpha():
            continue
        first = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
        counts[_SCRIPT_NAMES.get(first, first.title())] += 1
        seen += 1
        if seen >= _SCRIPT_SAMPLE:
            break
    if not counts:
        return None
    return counts.most_common(1)[0][0]
