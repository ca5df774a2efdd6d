"""Faster ways to run the same sentence-transformers model on a CPU.

- "auto" (the default): torch-bf16 where the CPU has bfloat16 hardware, else torch.
- "torch": sentence-transformers as it is, fp32.
- "torch-bf16": the same in bfloat16; fast on CPUs with AVX-512 BF16 or AMX, slow elsewhere.
- "openvino": the model's transformer exported once to ONNX (kept in the cache folder)
  and run by OpenVINO, which picks the CPU's best precision; needs `pip install openvino`.
  Mean-pooling models only (all-MiniLM-L6-v2 and most sentence-transformers models).
evaluation/bench_encoding.py measures each against the default: speed, and how many of
each query's five nearest sentences stay the same.
"""

import copy
import os
import tempfile
from pathlib import Path

import numpy as np

from claimcheck.config import BACKENDS, model_slug
from claimcheck.errors import ModelError



def cpu_has_bf16():
    """Whether this CPU multiplies bfloat16 in hardware (AMX or AVX-512 BF16, Linux)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            flags = next((line for line in f if line.startswith("flags")), "")
    except OSError:
        return False
    return bool({"amx_bf16", "avx512_bf16"} & set(flags.split()))


def resolve(backend):
    """"auto" is torch-bf16 on a CPU with bfloat16 hardware, else torch (fp32)."""
    if backend == "auto":
        return "torch-bf16" if cpu_has_bf16() else "torch"
    return backend


def onnx_path(cache_dir, model_name):
    return Path(cache_dir) / "models" / model_slug(model_name) / "model.onnx"


def export_onnx(st_model, path):
    """Write the transformer of `st_model` (token vectors out) to `path` as ONNX, via a
    temporary file renamed into place."""
    import torch

    class Tokens(torch.nn.Module):
        def __init__(self, transformer):
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids, attention_mask):
            return self.transformer(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".model.", suffix=".onnx", dir=path.parent)
    os.close(fd)
    dummy = st_model.tokenizer(["a b c"], return_tensors="pt")
    try:
        with torch.no_grad():
            torch.onnx.export(
                Tokens(copy.deepcopy(st_model[0].model).float().eval()),
                (dummy["input_ids"], dummy["attention_mask"]), tmp,
                input_names=["input_ids", "attention_mask"], output_names=["tokens"],
                dynamic_axes={n: {0: "batch", 1: "seq"} for n in ("input_ids", "attention_mask", "tokens")},
                opset_version=17, dynamo=False)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _mean_pooling(st_model):
    """True when the model is Transformer -> mean Pooling (-> Normalize)."""
    modules = list(st_model)
    pooling = modules[1] if len(modules) > 1 else None
    mode = getattr(pooling, "pooling_mode", None) or (
        "mean" if getattr(pooling, "pooling_mode_mean_tokens", False) else None)
    return mode == "mean" and all(type(m).__name__ in ("Transformer", "Pooling", "Normalize") for m in modules)


def embedding_dimension(model):
    """The length of a model's vectors, under the method's new name or its old one."""
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(getter())


class OnnxEncoder:
    """Encodes like SentenceTransformer.encode (mean pooling, unit length), through an
    ONNX export of the model run by OpenVINO or ONNX Runtime."""

    def __init__(self, st_model, path, engine="openvino", int8=False):
        if not _mean_pooling(st_model):
            raise ModelError("the openvino backend runs mean-pooling models only; use --backend torch")
        self.tokenizer = st_model.tokenizer
        self.max_length = st_model.max_seq_length or 256
        self.dim = embedding_dimension(st_model)
        path = Path(path)
        if not path.exists():
            export_onnx(st_model, path)
        if int8:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            q_path = path.with_name("model-int8.onnx")
            if not q_path.exists():
                quantize_dynamic(str(path), str(q_path), weight_type=QuantType.QInt8)
            path = q_path
        if engine == "onnxruntime":
            import onnxruntime as ort

            session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
            self._run = lambda feed: session.run(None, feed)[0]
        else:
            try:
                import openvino as ov
            except ImportError:
                raise ModelError("the openvino backend needs OpenVINO: pip install openvino") from None
            compiled = ov.Core().compile_model(str(path), "CPU", {"PERFORMANCE_HINT": "THROUGHPUT"})
            self.precision = str(compiled.get_property("INFERENCE_PRECISION_HINT"))
            self._run = lambda feed: compiled(feed)[0]

    def get_embedding_dimension(self):
        return self.dim

    def encode(self, texts, batch_size=64, **_options):
        """(n, dim) float32 unit vectors; the options of SentenceTransformer.encode are
        accepted and the ones claimcheck passes (numpy out, normalised) always hold."""
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), self.dim), np.float32)
        for i in range(0, len(texts), batch_size):
            rows = order[i:i + batch_size]
            enc = self.tokenizer([texts[r] for r in rows], padding=True, truncation=True,
                                 max_length=self.max_length, return_tensors="np")
            mask = enc["attention_mask"].astype(np.int64)
            tokens = self._run({"input_ids": enc["input_ids"].astype(np.int64), "attention_mask": mask})
            weights = mask[..., None].astype(np.float32)
            pooled = (tokens * weights).sum(1) / np.clip(weights.sum(1), 1e-9, None)
            out[rows] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out


def load(st_model, backend, cache_dir, model_name):
    """The encoder for `backend`, given the loaded SentenceTransformer."""
    if backend == "torch":
        return st_model
    if backend == "torch-bf16":
        import torch

        return st_model.to(torch.bfloat16)
    if backend == "openvino":
        return OnnxEncoder(st_model, onnx_path(cache_dir, model_name), "openvino")
    raise ModelError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
