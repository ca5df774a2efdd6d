"""Passages to a FAISS index on disk, and back, checked.

An index folder holds:
- index.faiss: the vectors (inner product over unit vectors = cosine similarity);
- passages.jsonl: row i of the index is line i of this file;
- manifest.json: format and version, claimcheck version, model, dimension, metric,
  count and the corpus fingerprint. Loading checks every one of them.
A folder is written beside its final name and renamed into place, so a crash never
leaves half an index and the previous one stays until the new one is complete. Only an
index (or a new or empty folder) is ever replaced: a folder with anything else in it
is refused. Where the swap takes two renames, a crash between them is repaired by the
next load or save (recover).
"""

import hashlib
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

from claimcheck.errors import IndexMismatchError, InputError
from claimcheck.io.jsonl import entries_beside, process_alive
from claimcheck.retrieve.passages import Passage
from claimcheck.version import __version__

FORMAT = "claimcheck-index"
FORMAT_VERSION = 1
METRIC = "inner_product"


def fingerprint(documents, settings=""):
    """A digest of the documents' ids and texts (and any settings that shape passages)."""
    h = hashlib.sha256(f"{FORMAT}/{FORMAT_VERSION}/{settings}".encode())
    for doc in sorted(documents, key=lambda d: d.id):
        h.update(doc.id.encode() + b"\0" + hashlib.sha256(doc.text.encode()).digest())
    return h.hexdigest()


def document_digests(documents):
    """{document id: digest of its text}: what an index holds, to update it by."""
    return {d.id: hashlib.sha256(d.text.encode()).hexdigest()[:16] for d in documents}


#: Up to this many passages the index is exact (flat inner product); above it, IVF.
#: evaluation/bench_index.py measured the trade (README: "Speed and scale").
FLAT_MAX = 200_000
IVF_NPROBE = 32


def ivf_lists(n):
    """IVF cells for n vectors: about 4 sqrt(n), as FAISS's guidelines suggest."""
    return max(1, min(65536, int(4 * n ** 0.5)))


def new_faiss_index(vectors):
    """An index holding `vectors`: exact for up to FLAT_MAX, else IVF trained on a
    deterministic sample (FAISS's k-means is seeded)."""
    faiss = _faiss()
    n, dim = vectors.shape
    if n <= FLAT_MAX:
        index = faiss.IndexFlatIP(dim)
    else:
        nlist = ivf_lists(n)
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        step = max(1, n // (nlist * 40))
        index.train(np.ascontiguousarray(vectors[::step]))
        index.nprobe = IVF_NPROBE
    index.add(vectors)
    return index


def reciprocal_rank_fusion(rankings, k=60):
    """One ranking from several: each item scores the sum of 1 / (k + its rank)."""
    score = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            score[item] = score.get(item, 0.0) + 1.0 / (k + rank + 1)
    return sorted(score, key=lambda item: -score[item])


def _faiss():
    import faiss

    return faiss


class PassageIndex:
    def __init__(self, passages, index, manifest, hybrid=True):
        self.passages = list(passages)
        self.index = index
        self.manifest = manifest
        #: search() fuses dense and BM25 rankings (reciprocal rank fusion) when it is
        #: given the query texts; evaluation/bench_lexical.py measured why.
        self.hybrid = hybrid
        self._bm25 = None

    @property
    def model(self):
        return self.manifest["model"]

    def __len__(self):
        return len(self.passages)

    @classmethod
    def build(cls, passages, embedder, fingerprint_="", progress=None, documents=None):
        vectors = embedder.embed([p.text for p in passages], progress=progress)
        return cls.from_vectors(passages, vectors, embedder.name, fingerprint_, documents)

    @classmethod
    def from_vectors(cls, passages, vectors, model, fingerprint_="", documents=None):
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = int(vectors.shape[1]) if vectors.ndim == 2 and len(vectors) else 0
        index = new_faiss_index(vectors) if len(vectors) else _faiss().IndexFlatIP(1)
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "claimcheck_version": __version__, "model": model, "dimension": dim,
            "metric": METRIC, "count": len(passages), "fingerprint": fingerprint_,
            "faiss_index": type(index).__name__, "documents": dict(documents or {}),
        }
        return cls(passages, index, manifest)

    @property
    def documents(self):
        """{document id: text digest} of the documents indexed ({} for an older index)."""
        return self.manifest.get("documents", {})

    def add(self, passages, vectors, documents=None):
        """Add passages (rows of `vectors`), and record `documents` ({id: digest})."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(vectors):
            if not self.manifest["dimension"]:
                self.index = _faiss().IndexFlatIP(int(vectors.shape[1]))
                self.manifest["dimension"] = int(vectors.shape[1])
            self.index.add(vectors)
        self.passages += list(passages)
        self._bm25 = None
        self.manifest["documents"] = {**self.documents, **(documents or {})}
        self.manifest["count"] = len(self.passages)

    def remove(self, doc_ids):
        """Drop every passage of these documents; the rest keep their order."""
        doc_ids = set(doc_ids)
        rows = [i for i, p in enumerate(self.passages) if p.doc in doc_ids]
        if rows:
            faiss = _faiss()
            if isinstance(self.index, faiss.IndexFlat):  # removal renumbers the rest in order
                self.index.remove_ids(faiss.IDSelectorBatch(np.asarray(rows, dtype=np.int64)))
            else:  # IVF keeps old ids on removal: rebuild from the vectors that stay
                keep = np.setdiff1d(np.arange(len(self.passages)), rows)
                faiss.extract_index_ivf(self.index).make_direct_map()
                kept = self.index.reconstruct_batch(keep) if len(keep) else np.zeros((0, self.index.d), np.float32)
                self.index = new_faiss_index(kept) if len(keep) else faiss.IndexFlatIP(self.index.d)
            self.passages = [p for p in self.passages if p.doc not in doc_ids]
            self.manifest["faiss_index"] = type(self.index).__name__
            self._bm25 = None
        self.manifest["documents"] = {d: h for d, h in self.documents.items() if d not in doc_ids}
        self.manifest["count"] = len(self.passages)
        return len(rows)

    def update(self, documents, embedder, split, fingerprint_="", progress=None):
        """Make the index hold exactly `documents`: remove those gone or changed, add those
        new or changed (their passages from `split(doc)`), keep the rest untouched.
        `progress`, if given, is called with (passages encoded, passages to encode).
        Returns (added, removed) document counts."""
        wanted = document_digests(documents)
        have = self.documents
        gone = {d for d in have if wanted.get(d) != have[d]}
        self.remove(gone)
        new_docs = [d for d in documents if d.id not in self.documents]
        passages = [p for doc in new_docs for p in split(doc)]
        if passages:
            report = (lambda n: progress(n, len(passages))) if progress else None
            self.add(passages, embedder.embed([p.text for p in passages], progress=report),
                     {d.id: wanted[d.id] for d in new_docs})
        else:
            self.manifest["documents"] = {**self.documents, **{d.id: wanted[d.id] for d in new_docs}}
        self.manifest["fingerprint"] = fingerprint_
        return len(new_docs), len(gone)

    def search(self, vectors, k, texts=None):
        """For each query vector, up to k (passage, cosine similarity) pairs, best first.

        With the queries' `texts` (and `hybrid` on), the ranking fuses the dense one with
        BM25's over the passages' words (reciprocal rank fusion of each one's top
        max(20, 2k)); the scores stay cosine similarities.
        """
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if not len(self.passages) or not len(vectors):
            return [[] for _ in range(len(vectors))]
        if texts is None or not self.hybrid:
            scores, rows = self.index.search(vectors, min(k, len(self.passages)))
            return [[(self.passages[r], float(s)) for r, s in zip(row, score) if r >= 0]
                    for row, score in zip(rows, scores)]
        depth = min(max(20, 2 * k), len(self.passages))
        scores, rows = self.index.search(vectors, depth)
        lexical = self._lexical_rows(texts, depth)
        out = []
        for vector, row, score, words in zip(vectors, rows, scores, lexical):
            dense = [int(r) for r in row if r >= 0]
            fused = reciprocal_rank_fusion([dense, words])[:k]
            known = {int(r): float(s) for r, s in zip(row, score) if r >= 0}
            missing = [r for r in fused if r not in known]
            if missing:
                known.update(zip(missing, (self._vectors(missing) @ vector).tolist()))
            out.append([(self.passages[r], known[r]) for r in fused])
        return out

    def passages_of(self, doc_id, vector):
        """Every passage of one document with its cosine similarity to `vector`, best
        first, from the stored vectors (nothing is encoded)."""
        rows = [i for i, p in enumerate(self.passages) if p.doc == doc_id]
        if not rows:
            return []
        scores = self._vectors(rows) @ np.asarray(vector, dtype=np.float32)
        return sorted(((self.passages[r], float(s)) for r, s in zip(rows, scores.tolist())),
                      key=lambda pair: -pair[1])

    def _lexical_rows(self, texts, depth):
        """BM25's top `depth` passage rows for each text (built on first use)."""
        import bm25s

        if self._bm25 is None:
            self._bm25 = bm25s.BM25()
            self._bm25.index(bm25s.tokenize([p.text for p in self.passages], stopwords="en",
                                            show_progress=False), show_progress=False)
        tokens = bm25s.tokenize(list(texts), stopwords="en", return_ids=False, show_progress=False)
        out = [[] for _ in texts]
        asked = [i for i, t in enumerate(tokens) if t]
        if asked:
            rows, scores = self._bm25.retrieve([tokens[i] for i in asked], k=depth, show_progress=False)
            for i, row, score in zip(asked, rows, scores):
                out[i] = [int(r) for r, s in zip(row, score) if s > 0]
        return out

    def _vectors(self, rows):
        """The stored vectors of these rows."""
        faiss = _faiss()
        if not isinstance(self.index, faiss.IndexFlat):
            faiss.extract_index_ivf(self.index).make_direct_map()
        return self.index.reconstruct_batch(np.asarray(rows, dtype=np.int64))

    def save(self, folder, *, private=False, owned=False):
        """Write the index to `folder`, replacing the index there, if any, only once the
        new one is complete. `folder` must be new, an empty folder or an index folder
        (a manifest of this format and nothing but the index's files): anything else
        raises InputError, so a user's folder is never deleted. `owned` (the cache's own
        folders) lets a damaged index there be replaced too; `private` writes the files
        owner-only (0600, the folder is 0700 either way)."""
        folder = Path(folder)
        if folder.is_symlink():
            folder = folder.resolve()
        folder.parent.mkdir(parents=True, exist_ok=True)
        recover(folder)
        check_target(folder, owned=owned)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-{os.getpid()}-", dir=folder.parent))
        try:
            _faiss().write_index(self.index, str(tmp / "index.faiss"))
            with open(tmp / "passages.jsonl", "w", encoding="utf-8") as f:
                for p in self.passages:
                    f.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
            # the manifest is written last: a folder with one is complete
            (tmp / "manifest.json").write_text(json.dumps(self.manifest, indent=2) + "\n")
            if private:
                for name in INDEX_FILES:
                    os.chmod(tmp / name, 0o600)
            _swap_into_place(tmp, folder)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return folder

    @classmethod
    def load(cls, folder, model=None):
        """Load and check an index folder; `model`, if given, must be the one it was built with."""
        folder = Path(folder)
        recover(folder)
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


#: What an index folder holds, and all it holds: a folder with anything else in it is
#: not replaced (it is someone's folder, not an index).
INDEX_FILES = frozenset({"index.faiss", "passages.jsonl", "manifest.json"})


def check_target(folder, owned=False):
    """Raise InputError unless an index may be written to `folder`: a path that does not
    exist, an empty folder, or an index folder (a manifest of this format, and nothing
    but the index's own files). With `owned` (a folder that claimcheck named, in its
    cache), a damaged index of only the index's files may be replaced too."""
    folder = Path(folder)
    fix = "give a new or empty folder, or the folder of an index, to write the index to"
    if not folder.exists() and not folder.is_symlink():
        return
    if not folder.is_dir():
        raise InputError("exists and is not a folder; an index is a folder of its own", path=folder, fix=fix)
    try:
        entries = sorted(os.listdir(folder))
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror})", path=folder, fix=fix) from None
    foreign = [name for name in entries if name not in INDEX_FILES]
    if not entries or not foreign and (owned or _is_manifest(folder / "manifest.json")):
        return
    if foreign:
        shown = ", ".join(name if name.isprintable() else repr(name) for name in foreign[:3])
        what = f"it holds {shown}{', ...' if len(foreign) > 3 else ''}, which no index holds"
    else:
        what = "it has no claimcheck index manifest"
    raise InputError(f"is not a claimcheck index ({what}) and is left as it is", path=folder, fix=fix)


def _is_manifest(path):
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("format") == FORMAT


def _leftover_pattern(folder):
    """The names save() gives its working folders beside `folder`: the new index being
    written (.NAME.new-PID-XXXX) and the old one moved aside (.NAME.old-PID-XXXX)."""
    return re.compile(rf"\.{re.escape(folder.name)}\.(new|old)-(\d+)-[a-z0-9_]+")


def recover(folder):
    """Finish what a save killed part way left beside `folder` (its working folders, of
    processes no longer running): when the index was moved aside and the new one not
    yet moved in, the old index is put back; the rest is removed. Nothing else is
    touched. Returns True if an index was put back."""
    folder = Path(folder)
    pattern = _leftover_pattern(folder)
    olds, news = [], []
    for entry, match in entries_beside(folder, pattern):
        if entry.is_dir(follow_symlinks=False) and not process_alive(int(match[2])):
            (olds if match[1] == "old" else news).append(Path(entry.path))
    restored = False
    if olds and not folder.exists() and not folder.is_symlink():
        olds.sort(key=lambda p: _mtime(p / "manifest.json"), reverse=True)
        try:
            os.replace(olds[0], folder)
            restored = True
            olds = olds[1:]
        except OSError:  # another process put it back first
            pass
    for leftover in olds + news:
        shutil.rmtree(leftover, ignore_errors=True)
    return restored


def _mtime(path):
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _swap_into_place(new, folder):
    """Put the complete index folder `new` at `folder`. Where the system can, the two
    swap in one step; else the old index is moved aside, the new one moved in, and the
    old one removed: a crash between the two renames leaves the old one aside, and the
    next load or save puts it back (recover)."""
    if not folder.exists() or not os.listdir(folder):
        os.replace(new, folder)  # a new path, or an empty folder: one rename
        return
    if _exchange(new, folder):
        shutil.rmtree(new, ignore_errors=True)  # now the old index
        return
    old = folder.with_name(f".{folder.name}.old-{os.getpid()}-{secrets.token_hex(4)}")
    os.replace(folder, old)
    try:
        os.replace(new, folder)
    except BaseException:
        if not folder.exists():
            os.replace(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


_RENAMEAT2 = []


def _exchange(a, b):
    """Swap two folders in one atomic step (Linux's renameat2 with RENAME_EXCHANGE).
    False where the system or the file system cannot: the caller swaps in two steps."""
    if not sys.platform.startswith("linux"):
        return False
    if not _RENAMEAT2:
        try:
            import ctypes

            function = ctypes.CDLL(None, use_errno=True).renameat2
            function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
            function.restype = ctypes.c_int
        except (OSError, AttributeError):
            function = None
        _RENAMEAT2.append(function)
    function = _RENAMEAT2[0]
    if function is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return function(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange) == 0
