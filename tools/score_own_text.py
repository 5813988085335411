"""Score the event typing on the team's own labelled snippets (training/typing).

    PYTHONPATH=src python tools/score_own_text.py training/typing/held_back/*.jsonl
    PYTHONPATH=src python tools/score_own_text.py training/typing/*.jsonl
    PYTHONPATH=src python tools/score_own_text.py --type-encoder on training/typing/held_back/*.jsonl
    PYTHONPATH=src python tools/score_own_text.py training/typing/held_back/negatives/none_d.jsonl

For each file set it prints, for the lexicon alone (type_model_sure=1.0,
type_model_fallback=1.0) and for the whole pipeline (default settings): the share of
snippets whose predicted sub-event type is the label, the weighted F1 over the 25
ACLED types, and how many snippets got no event.  A snippet's prediction is the one
`sitreps eval` uses for CASE 2021 (the most confident event mention).  Files of non-event
text (every label ``NONE``) are scored instead by how many snippets get an event mention
that no flag marks.

The held-back rounds are not in the type model.  Round 5 and the non-event sets none_c and
none_e are development text for the rules; round 6 and none_d are unseen test text
(training/typing/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from sitreps.evaluate.case import ACLED_TO_CASE, NO_EVENT, predict
from sitreps.evaluate.metrics import weighted_f1
from sitreps.ingest import make_article
from sitreps.pipeline import Pipeline
from sitreps.settings import DEFAULT


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--type-encoder", choices=["auto", "on", "off"], default="auto",
                        help="the type_encoder setting of the whole-pipeline row")
    args = parser.parse_args()
    rows = [json.loads(line) for path in args.files for line in path.read_text("utf-8").splitlines() if line.strip()]
    if all(row["label"] == "NONE" for row in rows):
        return _non_events(rows, args.type_encoder)
    gold = [ACLED_TO_CASE[row["label"]] for row in rows]
    articles = [make_article(row["text"], dt.date(2021, 6, 1), id=f"own-{i}") for i, row in enumerate(rows)]
    pipeline = Pipeline()  # loaded once; the stages read its settings on every call
    for name, settings in (("lexicon alone", DEFAULT.replace(type_model_sure=1.0, type_model_fallback=1.0)),
                           ("whole pipeline", DEFAULT.replace(type_encoder=args.type_encoder))):
        pipeline.settings = settings
        predicted = [predict(mentions) for _, mentions in pipeline.mentions(articles)]
        right = sum(g == p for g, p in zip(gold, predicted))
        none = sum(p == NO_EVENT for p in predicted)
        print(f"{name}: {len(rows)} snippets, accuracy {right / len(rows):.3f}, "
              f"weighted F1 {weighted_f1(gold, predicted):.3f}, no event {none}")
    return 0


def _non_events(rows: list[dict], encoder: str) -> int:
    """Text that tells no event (label NONE): how many snippets get an event mention, and how
    many one that no flag (threat, denial, history, accident, sport, crime...) marks."""
    articles = [make_article(row["text"], dt.date(2021, 6, 1), id=f"none-{i}") for i, row in enumerate(rows)]
    results = Pipeline(DEFAULT.replace(type_encoder=encoder)).mentions(articles)
    mentioned = sum(bool(mentions) for _, mentions in results)
    unflagged = sum(any(not m.flags for m in mentions) for _, mentions in results)
    print(f"{len(rows)} non-event snippets: {mentioned} with an event mention, {unflagged} with one no flag marks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
