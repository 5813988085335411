"""The knowledge we curate: actor list, gazetteer, event lexicon and the sub-event
type model trained on our own text.

Loaded once per process (they are the slow part of start-up) and read by the
nlp and extract stages.  Nothing here imports the pipeline above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from ..settings import Settings
from .actors import ActorBook
from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .typing import TypingModel


@dataclass(frozen=True)
class Knowledge:
    actors: ActorBook
    gazetteer: Gazetteer
    lexicon: Lexicon
    typing: TypingModel
    # English nouns, verbs, adjectives and adverbs (spaCy's lemma index, from WordNet):
    # a capitalised word the tagger calls a noun is an everyday word only if listed here
    # ("Police" is, "Fallujah" at the start of a headline is not); None: no such table
    english: frozenset[str] | None = None


def english_words(nlp: Language) -> frozenset[str] | None:
    """The words of the pipeline's lemma index, or None when it has none."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return None
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") if pos in index for w in index[pos])


def load_knowledge(nlp: Language, settings: Settings) -> Knowledge:
    extra_actors = [settings.actors_file] if settings.actors_file else []
    extra_places = [Path(settings.gazetteer_file)] if settings.gazetteer_file else []
    return Knowledge(
        actors=ActorBook.load(nlp, extra_actors),
        gazetteer=Gazetteer.load(extra_places),
        lexicon=Lexicon.load(),
        typing=TypingModel.load(),
        english=english_words(nlp),
    )
