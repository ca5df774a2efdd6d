"""Passages to a FAISS index on disk, and back, checked.

An index folder holds:
- index.faiss: the vectors (inner product over unit vectors = cosine similarity);
- passages.jsonl: row i of the index is line i of this file;
- manifest.json: format and version, claimcheck version, model, dimension, metric,
  count and the corpus fingerprint. Loading checks every one of them.
A folder is written beside its final name and renamed into place, so a crash never
leaves half an index and the previous one stays until the new one is complete.
"""

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from claimcheck import __version__
from claimcheck.errors import IndexMismatchError
from claimcheck.passages import Passage

FORMAT = "claimcheck-index"
FORMAT_VERSION = 1
METRIC = "inner_product"


def fingerprint(documents, settings=""):
    """A digest of the documents' ids and texts (and any settings that shape passages)."""
    h = hashlib.sha256(f"{FORMAT}/{FORMAT_VERSION}/{settings}".encode())
    for doc in sorted(documents, key=lambda d: d.id):
        h.update(doc.id.encode() + b"\0" + hashlib.sha256(doc.text.encode()).digest())
    return h.hexdigest()


def _faiss():
    import faiss

    return faiss


class PassageIndex:
    def __init__(self, passages, index, manifest):
        self.passages = list(passages)
        self.index = index
        self.manifest = manifest

    @property
    def model(self):
        return self.manifest["model"]

    def __len__(self):
        return len(self.passages)

    @classmethod
    def build(cls, passages, embedder, fingerprint_="", progress=None):
        vectors = embedder.embed([p.text for p in passages], progress=progress)
        return cls.from_vectors(passages, vectors, embedder.name, fingerprint_)

    @classmethod
    def from_vectors(cls, passages, vectors, model, fingerprint_=""):
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = int(vectors.shape[1]) if vectors.ndim == 2 and len(vectors) else 0
        index = _faiss().IndexFlatIP(dim or 1)
        if len(vectors):
            index.add(vectors)
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "claimcheck_version": __version__, "model": model, "dimension": dim,
            "metric": METRIC, "count": len(passages), "fingerprint": fingerprint_,
            "faiss_index": type(index).__name__,
        }
        return cls(passages, index, manifest)

    def search(self, vectors, k):
        """For each query vector, up to k (passage, score) pairs, best first."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if not len(self.passages) or not len(vectors):
            return [[] for _ in range(len(vectors))]
        scores, rows = self.index.search(vectors, min(k, len(self.passages)))
        return [
            [(self.passages[r], float(s)) for r, s in zip(row, score) if r >= 0]
            for row, score in zip(rows, scores)
        ]

    def save(self, folder):
        folder = Path(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        try:
            _faiss().write_index(self.index, str(tmp / "index.faiss"))
            with open(tmp / "passages.jsonl", "w", encoding="utf-8") as f:
                for p in self.passages:
                    f.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
            (tmp / "manifest.json").write_text(json.dumps(self.manifest, indent=2) + "\n")
            old = None
            if folder.exists():
                old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
                os.replace(folder, old)
            os.replace(tmp, folder)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return folder

    @classmethod
    def load(cls, folder, model=None):
        """Load and check an index folder; `model`, if given, must be the one it was built with."""
        folder = Path(folder)
        fix = f"rebuild it with: claimcheck index PATH... -o {folder}"
        manifest_path = folder / "manifest.json"
        if not manifest_path.is_file():
            raise IndexMismatchError(f"{folder}: not a claimcheck index (no manifest.json); {fix}")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise IndexMismatchError(f"{manifest_path}: damaged ({err}); {fix}") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise IndexMismatchError(f"{manifest_path}: not a claimcheck index manifest; {fix}")
        version = manifest.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise IndexMismatchError(
                f"{folder}: index format version {version} is newer than this claimcheck "
                f"reads ({FORMAT_VERSION}); upgrade claimcheck or {fix}"
            )
        if model is not None and manifest.get("model") != model:
            raise IndexMismatchError(
                f"{folder}: index built with {manifest.get('model')} but --model is {model}; "
                f"{fix} --model {model}, or drop --model"
            )
        try:
            index = _faiss().read_index(str(folder / "index.faiss"))
        except Exception as err:  # faiss raises RuntimeError with C++ text
            reason = str(err).strip().splitlines()[0][:120] if str(err).strip() else type(err).__name__
            raise IndexMismatchError(f"{folder}/index.faiss: damaged or unreadable ({reason}); {fix}") from None
        passages = []
        try:
            with open(folder / "passages.jsonl", encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    if line.strip():
                        passages.append(Passage.from_dict(json.loads(line)))
        except FileNotFoundError:
            raise IndexMismatchError(f"{folder}: passages.jsonl is missing; {fix}") from None
        except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError):
            raise IndexMismatchError(f"{folder}/passages.jsonl:{number}: damaged; {fix}") from None
        dim = manifest.get("dimension")
        checks = [
            ("passages.jsonl lines", len(passages), "manifest count", manifest.get("count")),
            ("index.faiss rows", index.ntotal, "manifest count", manifest.get("count")),
        ]
        if len(passages):
            checks.append(("index.faiss dimension", index.d, "manifest dimension", dim))
        for name_a, a, name_b, b in checks:
            if a != b:
                raise IndexMismatchError(f"{folder}: {name_a} ({a}) differ from {name_b} ({b}); {fix}")
        return cls(passages, index, manifest)
