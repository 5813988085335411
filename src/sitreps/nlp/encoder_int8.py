"""The sentence encoder's forward pass in ONNX Runtime with 8-bit weights: about three times
faster than the NumPy pass in :mod:`sitreps.nlp.encoder` (5.1 vs 15.3 ms for a CASE snippet),
for vectors within a cosine of 0.985 of it (0.993 on average).

Why: in NumPy, the dense layers' float32 products are most of the encoder's time.  ONNX
Runtime multiplies 8-bit integers with the CPU's vector instructions and fuses the
quantise-multiply-rescale steps.  With it, ``--type-encoder on`` runs at about two thirds
of the default's articles per second instead of half (docs/benchmark.md).

How: the graph is built here, in memory, from the same weights the NumPy pass uses (the
adapter merged in), each dense matrix quantised per output column (scale = the column's
largest absolute value / 127), each input quantised per call
(``DynamicQuantizeLinear``).  This is the pattern ONNX Runtime's own
``quantize_dynamic(per_channel=True)`` writes; writing it here avoids a model file on disk
and a conversion step.  Attention, layer norms, GELU, mean pooling and the final
normalisation stay in float32.  ``onnx`` and ``onnxruntime`` are only imported here.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

if TYPE_CHECKING:
    from .encoder import SentenceEncoder, _Layer

INSTALL = "pip install onnxruntime onnx"
_OPSET = 20  # the first opset with a GELU operator
_DIM = 384
_HEADS = 12


@lru_cache(maxsize=1)
def available() -> bool:
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def quantise(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(in, out) float32 -> (int8 matrix, float32 scale per output column)."""
    scale = np.maximum(np.abs(weight).max(axis=0), 1e-12) / 127.0
    q = np.clip(np.rint(weight / scale), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


class _Graph:
    """Collects nodes and initialisers; each helper returns its output's name."""

    def __init__(self) -> None:
        from onnx import helper, numpy_helper
        self.helper, self.numpy_helper = helper, numpy_helper
        self.nodes: list[Any] = []
        self.inits: list[Any] = []
        self.count = 0

    def const(self, name: str, value: np.ndarray) -> str:
        self.inits.append(self.numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, kind: str, inputs: Sequence[str], outputs: int = 1, **attrs: Any) -> list[str]:
        self.count += 1
        names = [f"{kind.lower()}_{self.count}_{i}" for i in range(outputs)]
        self.nodes.append(self.helper.make_node(kind, list(inputs), names, **attrs))
        return names

    def one(self, kind: str, *inputs: str, **attrs: Any) -> str:
        return self.op(kind, inputs, 1, **attrs)[0]

    def dense(self, x: str, weight: np.ndarray, bias: np.ndarray, name: str) -> str:
        """x @ weight + bias with 8-bit weights and a per-call 8-bit x."""
        q, scale = quantise(weight)
        xq, xs, xz = self.op("DynamicQuantizeLinear", [x], 3)
        product = self.one("MatMulInteger", xq, self.const(f"{name}.q", q), xz)
        scales = self.one("Mul", xs, self.const(f"{name}.scale", scale))
        y = self.one("Mul", self.one("Cast", product, to=1), scales)  # to=1: float32
        return self.one("Add", y, self.const(f"{name}.bias", bias.astype(np.float32)))

    def norm(self, x: str, weights: tuple[np.ndarray, np.ndarray], name: str) -> str:
        return self.one("LayerNormalization", x, self.const(f"{name}.g", weights[0].astype(np.float32)),
                        self.const(f"{name}.b", weights[1].astype(np.float32)), axis=-1, epsilon=1e-12)


def _layer(g: _Graph, x: str, layer: _Layer, i: int) -> str:
    qkv = g.dense(x, layer.qkv, layer.qkv_bias, f"l{i}.qkv")
    q, k, v = g.op("Split", [qkv, g.const(f"l{i}.split", np.array([_DIM] * 3, np.int64))], 3, axis=-1)
    shape = g.const(f"l{i}.heads", np.array([0, 0, _HEADS, _DIM // _HEADS], np.int64))
    q, v = (g.one("Transpose", g.one("Reshape", m, shape), perm=[0, 2, 1, 3]) for m in (q, v))
    k = g.one("Transpose", g.one("Reshape", k, shape), perm=[0, 2, 3, 1])
    scale = g.const(f"l{i}.scale", np.array(1.0 / math.sqrt(_DIM // _HEADS), np.float32))
    scores = g.one("Mul", g.one("MatMul", q, k), scale)
    context = g.one("MatMul", g.one("Softmax", scores, axis=-1), v)
    context = g.one("Reshape", g.one("Transpose", context, perm=[0, 2, 1, 3]),
                    g.const(f"l{i}.merge", np.array([0, 0, _DIM], np.int64)))
    x = g.norm(g.one("Add", x, g.dense(context, layer.out, layer.out_bias, f"l{i}.out")), layer.norm1, f"l{i}.n1")
    hidden = g.one("Gelu", g.dense(x, layer.up, layer.up_bias, f"l{i}.up"))
    return g.norm(g.one("Add", x, g.dense(hidden, layer.down, layer.down_bias, f"l{i}.down")), layer.norm2, f"l{i}.n2")


def build(encoder: SentenceEncoder) -> bytes:
    """The serialised ONNX model: input embedded (1, tokens, 384) float32, each token's word
    and position embeddings summed (looked up in NumPy: the 47 MB word table stays out of the
    model); output the unit vector.  One text per run, so there is no padding to mask."""
    from onnx import TensorProto
    g = _Graph()
    x = g.norm("embedded", encoder.norm, "emb")
    for i, layer in enumerate(encoder.layer_weights()):  # not kept: the graph holds its own 8-bit copy
        x = _layer(g, x, layer, i)
    tokens = g.const("tokens_axis", np.array([1], np.int64))
    pooled = g.one("ReduceMean", x, tokens, keepdims=0)  # mean pooling
    length = g.one("Max", g.one("ReduceL2", pooled, tokens, keepdims=1),
                   g.const("eps", np.array(1e-12, np.float32)))
    out = g.one("Div", pooled, length)
    h = g.helper
    graph = h.make_graph(
        g.nodes, "sitreps-encoder-int8",
        [h.make_tensor_value_info("embedded", TensorProto.FLOAT, ["batch", "tokens", _DIM])],
        [h.make_tensor_value_info(out, TensorProto.FLOAT, ["batch", _DIM])], g.inits)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", _OPSET)])
    model.ir_version = 9  # what the pinned onnxruntime reads
    return bytes(model.SerializeToString())


# ONNX Runtime's fused residual add + layer norm (SkipLayerNormalization) is slower on CPU
# than the two plain operators it replaces: 5.1 vs 7.2 ms for an 80-token window
DISABLED_FUSIONS = ("SkipLayerNormFusion",)


def session(model: bytes, threads: int = 1, optimized_to: str | None = None) -> Any:
    """An ONNX Runtime session for ``model`` on ``threads`` threads (``optimized_to``: also write
    the graph as ONNX Runtime rewrote it, which the tests read)."""
    import onnxruntime as ort
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1  # the graph is one chain: nothing to run side by side
    if optimized_to:
        options.optimized_model_filepath = optimized_to
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"],
                                disabled_optimizers=list(DISABLED_FUSIONS))


class Int8Runner:
    """Runs the built model: token-id rows in, unit vectors out."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self.words, self.positions = encoder.words, encoder.positions
        self.session = session(build(encoder), encoder.threads)
        self.output = self.session.get_outputs()[0].name

    def __call__(self, ids: Sequence[list[int]]) -> np.ndarray:
        # one text per run: an input's 8-bit scale is taken over the whole tensor, so a text
        # batched with longer ones (and their padding) would get a slightly different vector
        return np.stack([self._one(row) for row in ids])

    def _one(self, row: list[int]) -> np.ndarray:
        embedded = np.asarray(self.words[row] + self.positions[:len(row)], dtype=np.float32)[None]
        return np.asarray(self.session.run([self.output], {"embedded": embedded})[0][0])
