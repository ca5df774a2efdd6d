"""The faster backends give the default model's vectors, near enough to keep neighbours."""

import numpy as np
import pytest

from claimcheck.retrieve.embeddings import Embedder

TEXTS = ["The scheme trained 2,410 nurses in 14 hospitals.",
         "More than 2,400 nurses from 19 hospitals took part.",
         "The museum's exhibition drew 85,000 visitors in 2016.",
         "Revenue from licences reached £3.2m by 2019.",
         "Forty schools adopted the reading programme."]


@pytest.mark.parametrize("backend", ["openvino", "torch-bf16"])
def test_backend_matches_the_default(backend, embedder, tmp_path):
    if backend == "openvino":
        pytest.importorskip("openvino", reason="openvino is not installed (pip install openvino)")
    fast = Embedder(backend=backend, cache_dir=tmp_path)
    base, other = embedder.embed(TEXTS), fast.embed(TEXTS)
    assert other.dtype == np.float32 and other.shape == base.shape
    assert np.allclose(np.linalg.norm(other, axis=1), 1, atol=1e-3)
    assert np.min(np.sum(base * other, axis=1)) > 0.99
    # each text's nearest other text is the same
    nearest = lambda v: np.argsort(-(v @ v.T), axis=1)[:, 1]  # noqa: E731
    assert nearest(base).tolist() == nearest(other).tolist()
    if backend == "openvino":
        assert list((tmp_path / "models").glob("*/model.onnx"))  # exported once, kept


def test_unknown_backend_is_refused():
    from claimcheck.errors import ModelError

    with pytest.raises(ModelError, match="unknown backend 'gpu'; choose one of auto, torch, torch-bf16, openvino"):
        Embedder(backend="gpu")
