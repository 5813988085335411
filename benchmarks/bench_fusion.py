"""How long fusion takes: N synthetic mentions of N/4 incidents, each told by several
outlets, over 60 days and 50 towns about 25 km apart.

    .venv/bin/python benchmarks/bench_fusion.py --n 10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from sitreps.fuse import fuse
from sitreps.records import (Actor, ActorMention, Claim, Count, Evidence, Mention, Place, PlaceMention,
                             Sentence, SourceRef, TimeRef)
from sitreps.settings import DEFAULT

SUBS = {"Armed clash": "Battles", "Air/drone strike": "Explosions/Remote violence",
        "Remote explosive/landmine/IED": "Explosions/Remote violence", "Attack": "Violence against civilians"}


def synthetic(n: int, days: int = 60, towns: int = 50, seed: int = 7) -> tuple[list[Mention], dict[str, SourceRef]]:
    rnd = random.Random(seed)
    places = [Place(f"Town {i}", 35 + (i // 10) * 0.25, 42 + (i % 10) * 0.25, "Iraq", "IRQ", f"P{i // 10}", "",
                    "town", 1, f"gn:{i}") for i in range(towns)]
    start = dt.date(2016, 10, 1)
    incidents = [(rnd.choice(places), rnd.choice(list(SUBS)), rnd.randrange(days)) for _ in range(n // 4)]
    ev = Evidence("bench", 0, 10, "0123456789", 0)
    army = ActorMention(Actor("Military Forces of Iraq", 1, "State forces", "IRQ", "state"), ev)
    mentions, sources = [], {}
    for i in range(n):
        place, sub, day = rnd.choice(incidents)
        when = start + dt.timedelta(days=day + rnd.choice((0, 0, 0, 1)))
        article = f"a{rnd.randrange(n)}"
        sources[article] = SourceRef(article, "Outlet", when + dt.timedelta(days=1))
        mentions.append(Mention(
            id=f"m{i:06d}", article_id=article, event_type=SUBS[sub], sub_event_type=sub, trigger=ev,
            sentence=Sentence(0, 0, 10, "0123456789"), actor1=army,
            place=PlaceMention(place, place.name, ev, 1), time=TimeRef(when, None, 1, ev),
            counts=(Count("killed", 3, 3, 3, "exact", "state", ev),),
            claim=Claim("Outlet", "reported", "reported", ev, article_id=article, id=f"{article}:c0")))
    return mentions, sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    mentions, sources = synthetic(args.n)
    started = time.perf_counter()
    events = fuse(mentions, sources, DEFAULT)
    print(f"fused {len(mentions)} mentions into {len(events)} events in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
