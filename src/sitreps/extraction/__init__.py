"""Extraction: from a parsed article to event mentions.

The stages run in this order, each adding to the :class:`Analysis`:
sentences → actors → places → times → counts → claims → mentions.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..knowledge import Knowledge
from ..records import Article, Sentence
from ..settings import Settings
from . import actors, claims, counts, dates, events, places
from .analysis import Analysis, run_stages

STAGES = (actors, places, dates, counts, claims, events)


def start(article: Article, doc: Doc) -> Analysis:
    """The first stage: sentences from the parser, and which sentence each token is in."""
    sentences = []
    sent_of = [0] * len(doc)
    for index, span in enumerate(doc.sents):
        sentences.append(Sentence(index, span.start_char, span.end_char, span.text))
        for i in range(span.start, span.end):
            sent_of[i] = index
    return Analysis(article, doc, tuple(sentences), tuple(sent_of), done=frozenset({"sentences"}))


def analyze(article: Article, doc: Doc, kb: Knowledge, settings: Settings) -> Analysis:
    return run_stages(start(article, doc), STAGES, kb, settings)  # type: ignore[arg-type]
