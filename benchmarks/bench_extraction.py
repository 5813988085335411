"""Time sitreps' own extraction stages, without spaCy: the part of the pipeline our rules cost.

    python benchmarks/bench_extraction.py [--n 500] [--repeat 3] [--type-encoder on] [--encoder-threads N]

The workload is bench.py's (WikiEvents documents and GTD Iraq summaries from ../shared/data).
Every text is parsed once by spaCy; then ``sitreps.extraction.analyze`` runs over the parsed
documents ``--repeat`` times and the fastest run is reported, so that a shared machine's
noise, which moves bench.py's whole-process ratio by 10 to 20%, mostly drops out.
With ``--type-encoder on`` the sentence encoder's remembered vectors are forgotten before
each run, so every run pays for encoding its windows (the encoder is loaded, and its 8-bit
graph built, by an untimed first call).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from bench import SHARED, load_articles

from sitreps.extraction import analyze
from sitreps.ingest import make_article
from sitreps.nlp.encoder import encode_one
from sitreps.pipeline import Pipeline
from sitreps.settings import DEFAULT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--type-encoder", choices=["auto", "on", "off"], default="auto")
    parser.add_argument("--encoder-threads", type=int, default=0)
    args = parser.parse_args()
    rows = load_articles(args.shared, args.n)
    articles = [make_article(r["text"], dt.date.fromisoformat(r["published"]), id=f"b{i}") for i, r in enumerate(rows)]
    pipeline = Pipeline(DEFAULT.replace(type_encoder=args.type_encoder, encoder_threads=args.encoder_threads))
    docs = list(pipeline.nlp.pipe([a.text for a in articles], batch_size=pipeline.settings.batch_size))
    analyze(articles[0], docs[0], pipeline.kb, pipeline.settings)  # loads what the stages load once
    best = float("inf")
    for _ in range(args.repeat):
        encode_one.cache_clear()
        start = time.perf_counter()
        for article, doc in zip(articles, docs):
            analyze(article, doc, pipeline.kb, pipeline.settings)
        best = min(best, time.perf_counter() - start)
    print(f"extraction stages over {len(articles)} parsed articles: {best:.2f} s "
          f"({1000 * best / len(articles):.1f} ms per article, best of {args.repeat}, "
          f"type_encoder {args.type_encoder}, encoder_threads {args.encoder_threads})")


if __name__ == "__main__":
    main()
