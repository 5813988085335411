"""The record that flows through the extraction stages of one article.

Like a spaCy Doc, it is the one thing every stage reads; unlike a Doc it is
frozen: a stage returns a new Analysis with the fields it adds filled in.  Each
stage module declares NEEDS and ADDS, and :func:`run_stages` checks the order.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable, Protocol, Sequence

from spacy.tokens import Doc

from ..knowledge import Knowledge
from ..knowledge.actors import ActorHit
from ..records import ActorMention, Article, Claim, Count, Mention, PlaceMention, Sentence, TimeRef
from ..settings import Settings


@dataclass(frozen=True)
class Analysis:
    article: Article
    doc: Doc = field(compare=False, repr=False)
    sentences: tuple[Sentence, ...] = ()
    sent_of_token: tuple[int, ...] = field(default=(), compare=False, repr=False)
    actor_hits: tuple[ActorHit, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    country: str = ""  # ISO3 of the article's country focus
    country_name: str = ""
    times: tuple[TimeRef, ...] = ()
    counts: tuple[Count, ...] = ()
    claims: tuple[tuple[int, Claim], ...] = ()  # (sentence index, claim)
    mentions: tuple[Mention, ...] = ()
    done: frozenset[str] = frozenset()

    def add(self, stage: str, **fields: object) -> "Analysis":
        return dataclasses.replace(self, done=self.done | {stage}, **fields)  # type: ignore[arg-type]


class Stage(Protocol):
    NAME: str
    NEEDS: tuple[str, ...]  # stage names that must have run
    ADDS: tuple[str, ...]  # Analysis fields this stage fills

    def apply(self, analysis: Analysis, kb: Knowledge, settings: Settings) -> Analysis: ...


StageFn = Callable[[Analysis, Knowledge, Settings], Analysis]


def run_stages(analysis: Analysis, stages: Sequence[Stage], kb: Knowledge, settings: Settings) -> Analysis:
    for stage in stages:
        missing = [need for need in stage.NEEDS if need not in analysis.done]
        if missing:
            raise RuntimeError(f"stage {stage.NAME} needs {', '.join(missing)} first")
        before = analysis
        analysis = stage.apply(analysis, kb, settings)
        # a stage may only fill what it declares: the contract the next stages rely on
        stray = {f.name for f in dataclasses.fields(Analysis) if f.name not in set(stage.ADDS) | {"done"}
                 and f.compare and getattr(analysis, f.name) is not getattr(before, f.name)}
        if stray:
            raise RuntimeError(f"stage {stage.NAME} changed {', '.join(sorted(stray))}, which it does not declare")
    return analysis
