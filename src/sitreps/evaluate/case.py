"""CASE 2021 Task 2: one fine-grained event type per news snippet.

Data: ``case2021-task2/test_set_final_release_with_labels.tsv`` (columns ``id``,
``EventSnippet``, ``SubType``).  Halves: dev = even ids, test = odd ids.

Each snippet becomes an article published on a fixed day (2021-01-01: snippets carry
no date, and the label does not depend on one).  The prediction is the sub-event type
of the most confident mention that tells an event (ties: earliest trigger), in CASE's
label names; a snippet with no such mention is predicted ``NONE``, which is always wrong.

Scores (F1 as defined below): over the snippets whose gold label is one of the 25
ACLED types, and over all 30 labels, where the 5 types outside ACLED (ORG_CRIME,
NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) can never be predicted and count as
misses.  The confusion listing is written for the dev half only.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..ingest import make_article
from ..records import Mention
from .metrics import Ratio, Section, Split, Value, class_scores, macro_f1, row, top_mention, weighted_f1

if TYPE_CHECKING:
    from ..pipeline import Pipeline

TITLE = "CASE 2021 Task 2"
FILE = "case2021-task2/test_set_final_release_with_labels.tsv"
PUBLISHED = dt.date(2021, 1, 1)
NO_EVENT = "NONE"

# ACLED sub-event type (as the pipeline writes it) -> CASE 2021 label
ACLED_TO_CASE: dict[str, str] = {
    "Armed clash": "ARMED_CLASH",
    "Air/drone strike": "AIR_STRIKE",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Suicide bomb": "SUIC_BOMB",
    "Grenade": "GRENADE",
    "Chemical weapon": "CHEM_WEAP",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Sexual violence": "SEX_VIOL",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
}
ACLED_LABELS = frozenset(ACLED_TO_CASE.values())
UNSEEN_LABELS = frozenset({"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"})


@dataclass(frozen=True)
class Snippet:
    id: int
    text: str
    gold: str
    split: Split


def load(path: Path) -> list[Snippet]:
    """Every labelled snippet; the TSV has no quoting (quote characters are text)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    snippets = []
    for r in rows:
        number = int(r["id"])
        split: Split = "dev" if number % 2 == 0 else "test"
        snippets.append(Snippet(number, r["EventSnippet"], r["SubType"].strip(), split))
    return snippets


def predict(mentions: Sequence[Mention]) -> str:
    # A snippet is typed by what it is about: a threat to bomb is still about bombing,
    # so a flagged mention types the snippet when nothing else does.
    top = top_mention(mentions) or min(mentions, key=lambda m: (-m.confidence, m.trigger.start, m.id), default=None)
    if top is None:
        return NO_EVENT
    return ACLED_TO_CASE.get(top.sub_event_type, f"UNMAPPED:{top.sub_event_type}")


def confusions(gold: Sequence[str], predicted: Sequence[str], top: int = 15) -> list[tuple[str, str, int]]:
    """The most frequent (gold, predicted) pairs that disagree; ties by label names."""
    pairs = Counter((g, p) for g, p in zip(gold, predicted) if g != p)
    return [(g, p, n) for (g, p), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


def _scores(gold: list[str], predicted: list[str]) -> dict[str, Value]:
    acled = [(g, p) for g, p in zip(gold, predicted) if g in ACLED_LABELS]
    g25, p25 = [g for g, _ in acled], [p for _, p in acled]
    return {
        "snippets (all 30 labels)": len(gold),
        "weighted F1, 25 ACLED labels": weighted_f1(g25, p25),
        "macro F1, 25 ACLED labels": macro_f1(g25, p25),
        "accuracy, 25 ACLED labels": Ratio(sum(g == p for g, p in acled), len(acled)),
        "weighted F1, all 30 labels": weighted_f1(gold, predicted),
        "macro F1, all 30 labels": macro_f1(gold, predicted),
        "no event found (NONE)": Ratio(sum(p == NO_EVENT for p in predicted), len(predicted)),
    }


def _dev_detail(gold: list[str], predicted: list[str]) -> str:
    lines = ["#### CASE 2021 dev half: top 15 confusions", "", "| gold | predicted | n |", "|---|---|---:|"]
    lines += [f"| {g} | {p} | {n} |" for g, p, n in confusions(gold, predicted)]
    lines += ["", "#### CASE 2021 dev half: per gold label (all 30 labels, every dev snippet)", "",
              "| label | support | predicted | correct | P | R | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {s.label} | {s.support} | {s.predicted} | {s.correct} | {s.precision:.3f} | {s.recall:.3f} "
              f"| {s.f1:.3f} |" for s in class_scores(gold, predicted)]
    return "\n".join(lines)


def evaluate(pipeline: "Pipeline", data: Path, splits: Sequence[Split], limit: int | None = None) -> Section:
    snippets = load(data / FILE)
    chosen = {s: [x for x in snippets if x.split == s][:limit] for s in splits}
    batch = [x for s in splits for x in chosen[s]]
    articles = [make_article(x.text, PUBLISHED, source="CASE 2021", id=f"case-{x.id}") for x in batch]
    predicted = {a.id: predict(ms) for a, ms in pipeline.mentions(articles)}
    values: dict[Split, dict[str, Value]] = {}
    detail = ""
    for s in splits:
        gold = [x.gold for x in chosen[s]]
        pred = [predicted[f"case-{x.id}"] for x in chosen[s]]
        values[s] = _scores(gold, pred)
        if s == "dev":
            detail = _dev_detail(gold, pred)
    names = list(next(iter(values.values()))) if values else []
    rows = tuple(row(n, {s: values[s][n] for s in values}) for n in names)
    items = ", ".join(f"{len(chosen[s])} {s}" for s in splits)
    return Section(TITLE, rows, items=f"snippets: {items}", dev_detail=detail,
                   notes=(f"snippets published {PUBLISHED} (they carry no date)",))


__all__ = ["ACLED_TO_CASE", "Snippet", "load", "predict", "confusions", "evaluate"]
