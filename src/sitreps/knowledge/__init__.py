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


def load_knowledge(nlp: Language, settings: Settings) -> Knowledge:
    extra_actors = [settings.actors_file] if settings.actors_file else []
    extra_places = [Path(settings.gazetteer_file)] if settings.gazetteer_file else []
    return Knowledge(
        actors=ActorBook.load(nlp, extra_actors),
        gazetteer=Gazetteer.load(extra_places),
        lexicon=Lexicon.load(),
        typing=TypingModel.load(),
    )
