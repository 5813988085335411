"""A small learned model of ACLED sub-event types: multinomial logistic regression
over a sentence's lemmas and lemma pairs, and optionally a second one over the
sentence's vector from the pretrained encoder (``sitreps.nlp.encoder``).

Why a model next to the lexicon: the lexicon's rules fire on a trigger phrase and
are precise, but every new wording needs a new rule.  The model reads the whole
sentence ("police fired tear gas at the marchers", "villagers beat a suspected
thief") and weighs every word, so it generalises to phrasings no rule lists.  It
also knows a ``NONE`` label (text that tells no event).  The events stage
(``extraction/model_typing.py``) uses it to overrule a lexicon sub-type it finds
unlikely, and to find at most one event in an article no rule fired on; see
``docs/architecture.md``.

With the encoder (setting ``type_encoder``), the two heads are combined as a product of
experts: the mean of their log-probabilities, renormalised.  Equal weights are not
tuned: each head alone is about as good on text it did not see, and they err
differently (words: exact trigger phrases; vectors: paraphrase).

Trained only on text the team wrote (``training/typing/*.jsonl`` and ``negatives/``) by
``tools/train_typing.py``; the weights ship as ``data/typing_model.json.gz``.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable, Mapping, Sequence

import numpy as np

MODEL_FILE = "typing_model.json.gz"
NUMBER = "#num"
NO_EVENT = "NONE"  # the label of the team's text that tells no event (training/typing/negatives)


@dataclass(frozen=True)
class Token:
    """What the model reads of one token (spaCy-free, so training and tests need no parse)."""

    lemma: str
    is_stop: bool = False
    is_punct: bool = False
    like_num: bool = False


def features(tokens: Sequence[Token]) -> list[str]:
    """Content lemmas, and pairs of neighbouring lemmas ("tear gas", "blow up")."""
    words = []
    for t in tokens:
        if t.is_punct or not t.lemma.strip():
            continue
        words.append((NUMBER if t.like_num else t.lemma.lower(), t.is_stop))
    feats = [w for w, stop in words if not stop]
    feats += [f"{a}_{b}" for (a, _), (b, _) in zip(words, words[1:])]
    return feats


@dataclass(frozen=True)
class VectorHead:
    """Softmax regression over an encoder's sentence vectors, on the model's labels."""

    encoder: str  # which encoder made the vectors it was trained on
    weights: np.ndarray = field(compare=False)  # (dimensions, labels)
    bias: np.ndarray = field(compare=False)

    def log_probabilities(self, vector: np.ndarray) -> np.ndarray:
        scores = vector.astype(np.float64) @ self.weights + self.bias
        scores -= scores.max()
        return scores - math.log(float(np.exp(scores).sum()))


@dataclass(frozen=True)
class TypingModel:
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]
    head: VectorHead | None = None

    @classmethod
    def load(cls) -> "TypingModel":
        raw = resources.files("sitreps.knowledge").joinpath("data", MODEL_FILE).read_bytes()
        return cls.from_json(json.loads(gzip.decompress(raw)))

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> "TypingModel":
        labels: tuple[str, ...] = tuple(data["labels"])  # type: ignore[arg-type]
        weights = {f: tuple(w) for f, w in data["weights"].items()}  # type: ignore[attr-defined]
        vec = data.get("vector_head")
        head = None
        if isinstance(vec, Mapping):
            head = VectorHead(str(vec["encoder"]), np.asarray(vec["weights"], dtype=np.float64),
                              np.asarray(vec["bias"], dtype=np.float64))
        return cls(labels, tuple(data["bias"]), weights, head)  # type: ignore[arg-type]

    def probabilities(self, feats: Iterable[str], vector: np.ndarray | None = None) -> dict[str, float]:
        """P(sub-event type | sentence) over the model's labels; with the sentence's
        encoder vector (and a vector head), the product of both heads' opinions."""
        scores = list(self.bias)
        for f in set(feats):
            row = self.weights.get(f)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row)]
        if vector is not None and self.head is not None:
            top = max(scores)
            words = np.array(scores) - top - math.log(sum(math.exp(s - top) for s in scores))
            scores = list(0.5 * words + 0.5 * self.head.log_probabilities(vector))
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {label: e / total for label, e in zip(self.labels, exp)}
