"""What claimcheck keeps on disk between runs, so nothing is encoded or parsed twice.

One SQLite file per model under the cache folder (embeddings/<model>-<digest>.sqlite);
the same kind of store keeps each document's parsed claims (claims/<parser>.sqlite);
whole audit results are kept by everything that shapes them (results/<key>.json.gz).
SQLite's own locking (write-ahead log, a busy timeout) makes it safe for several
processes at once; rows are only ever added, each written once (INSERT OR IGNORE). A
cache that cannot be read is set aside and a new one started: the cache is an
accelerator, never a reason for an audit to fail. Every entry is data, never code
(vectors as float32 bytes, claims and results as JSON), and is checked when read: an
entry that does not parse is a miss, computed again and written over. The cache holds
the documents' sentences, so its folders are owner-only (0700) and its files 0600.
"""

import dataclasses
import gzip
import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path

import numpy as np

from claimcheck.config import cache_folder, model_slug, private_file
from claimcheck.types import Scope

_CHUNK = 500  # SQLite's limit on bound parameters is 999 in old builds
#: Tries at opening a store that another process holds locked while it sets it up
#: (about 2.4 s in all): a lock is not damage, and a healthy cache is never set aside.
_OPEN_TRIES = 15


def _is_lock(err):
    return "locked" in str(err) or "busy" in str(err)


def cache_file(folder, model):
    return Path(folder) / "embeddings" / f"{model_slug(model)}.sqlite"


class Store:
    """Key-to-bytes rows in one SQLite file: shared by processes, written once per key.
    `root`, if given, is the cache folder the file is in (its folders are made owner-only)."""

    def __init__(self, path, root=None):
        self.path = Path(path)
        self.root = root
        self.lock = threading.Lock()
        self.broken = None  # the reason, once the store has been given up for this run
        self.conn = self._open()

    def _open(self):
        for attempt in range(_OPEN_TRIES):
            try:
                return self._connect()
            except sqlite3.OperationalError as err:
                # another process is setting the file up ("database is locked"): its
                # lock is brief, so wait and try again; anything else is not a lock
                if not _is_lock(err) or attempt == _OPEN_TRIES - 1:
                    self.broken = str(err)
                    return None
                time.sleep(0.02 * (attempt + 1))
            except sqlite3.DatabaseError:  # not a database: set it aside, start anew
                self.path.replace(self.path.with_suffix(".damaged"))
                try:
                    return self._connect()
                except sqlite3.Error as err:
                    self.broken = str(err)
                    return None
            except (sqlite3.Error, OSError) as err:
                self.broken = str(err)
                return None
        return None

    def _connect(self):
        if self.root is not None:
            cache_folder(self.root, *self.path.parent.relative_to(self.root).parts)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):  # SQLite gives its -wal and -shm the file's mode
            if not suffix or Path(f"{self.path}{suffix}").exists():
                private_file(f"{self.path}{suffix}")
        conn = sqlite3.connect(self.path, timeout=120, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value BLOB NOT NULL) "
                         "WITHOUT ROWID")
        except BaseException:
            conn.close()
            raise
        return conn

    def get(self, keys):
        """{key: bytes} for the keys stored."""
        if self.conn is None or not keys:
            return {}
        keys, found = list(keys), {}
        try:
            with self.lock:
                for i in range(0, len(keys), _CHUNK):
                    chunk = keys[i:i + _CHUNK]
                    found.update(self.conn.execute(
                        f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(chunk))})",
                        chunk).fetchall())
        except sqlite3.Error as err:
            self._give_up(err)
            return {}
        return found

    def put(self, rows, replace=()):
        """Store (key, bytes) rows; a key already there keeps its first value, unless it
        is one of `replace` (entries found damaged), which are written over."""
        if self.conn is None or not rows:
            return
        replace = set(replace)
        try:
            with self.lock:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.executemany("INSERT OR IGNORE INTO entries VALUES (?, ?)",
                                      [r for r in rows if r[0] not in replace])
                self.conn.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)",
                                      [r for r in rows if r[0] in replace])
                self.conn.execute("COMMIT")
        except sqlite3.Error as err:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            self._give_up(err)

    def _give_up(self, err):
        self.broken = str(err)
        try:
            self.conn.close()
        finally:
            self.conn = None

    def __len__(self):
        if self.conn is None:
            return 0
        with self.lock:
            return self.conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]


class VectorCache(Store):
    """Unit vectors by model and text."""

    def __init__(self, folder, model):
        self.model = model
        self.damaged = set()  # keys of entries that were not a vector: written over
        super().__init__(cache_file(folder, model), root=Path(folder))

    def _key(self, text):
        return hashlib.blake2b(f"{self.model}\0{text}".encode(), digest_size=16).digest()

    def get(self, texts):
        """{text: vector} for those of `texts` that are cached (as float32 bytes)."""
        keys = {self._key(t): t for t in texts}
        found = {}
        for key, blob in super().get(keys).items():
            vector = _vector(blob)
            if vector is None:
                self.damaged.add(key)
            else:
                found[keys[key]] = vector
        return found

    def put(self, texts, vectors):
        super().put([(self._key(t), np.asarray(v, dtype=np.float32).tobytes())
                     for t, v in zip(texts, vectors)], replace=self.damaged)


def _vector(blob):
    """The float32 vector stored in `blob`, or None if it is not one (a vector of another
    length than the model's is caught by the embedder)."""
    if not isinstance(blob, bytes) or not blob or len(blob) % 4:
        return None
    vector = np.frombuffer(blob, dtype=np.float32)
    return vector if np.isfinite(vector).all() else None


#: The parser: every module in it shapes the claims that the claims cache keeps.
PARSER_FOLDER = Path(__file__).resolve().parent / "parse"


def parser_fingerprint():
    """A digest of the code that turns text into claims (every module of claimcheck/parse):
    a change to it starts a new claims cache, so cached claims are always what this code
    would extract."""
    from claimcheck.version import __version__

    h = hashlib.sha256(__version__.encode())
    for path in sorted(PARSER_FOLDER.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


class ClaimCache(Store):
    """Each document's claims (with their parsed quantities), by document id and text."""

    def __init__(self, folder):
        self.parser = parser_fingerprint()
        super().__init__(Path(folder) / "claims" / f"{self.parser}.sqlite", root=Path(folder))

    def _key(self, doc):
        return hashlib.blake2b(f"{self.parser}\0{doc.id}\0{doc.text}".encode(), digest_size=16).digest()

    def claims(self, documents, extract):
        """{document id: claims} for the documents, from the cache or from `extract(doc)`
        (and then cached). An entry that is not claims as this code writes them is
        extracted again and written over."""
        keys = {self._key(d): d for d in documents}
        found, damaged = {}, set()
        for key, blob in super().get(keys).items():
            claims = claims_from_json(blob)
            if claims is None:
                damaged.add(key)
            else:
                found[keys[key].id] = claims
        new = [(k, d) for k, d in keys.items() if d.id not in found]
        for _, doc in new:
            found[doc.id] = extract(doc)
        self.put([(k, claims_to_json(found[d.id])) for k, d in new], replace=damaged)
        return found


def claims_to_json(claims):
    """Claims (with every field of their parsed quantities) as JSON bytes, exactly: floats
    as Python writes them (infinity included), so that they read back equal."""
    rows = []
    for claim in claims:
        row = {f.name: getattr(claim, f.name) for f in dataclasses.fields(claim)}
        row["quantities"] = [{f.name: getattr(q, f.name) for f in dataclasses.fields(q)}
                             for q in claim.quantities]
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()


def claims_from_json(blob):
    """The claims in `blob` (claims_to_json's bytes), or None unless every field of every
    claim and quantity is there with its type."""
    from claimcheck.parse.claims import Claim
    from claimcheck.parse.quantity import Quantity

    try:
        rows = json.loads(blob)
        if not isinstance(rows, list):
            return None
        claims = []
        for row in rows:
            quantities = tuple(_record(Quantity, q) for q in row["quantities"])
            claims.append(_record(Claim, {**row, "quantities": quantities}))
        return claims
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError):
        return None


#: The types a cached claim's fields may have: a Scope is stored as a list of strings.
_FIELD_TYPES = {"str": str, "int": int, "float": float, "tuple": tuple, "Scope": tuple}


def _record(cls, row):
    """cls(**row) when `row` has exactly cls's fields, each of its declared type (a
    tuple of strings for tuples other than a claim's quantities); else ValueError."""
    fields = dataclasses.fields(cls)
    if not isinstance(row, dict) or set(row) != {f.name for f in fields}:
        raise ValueError("not the fields of " + cls.__name__)
    values = {}
    for f in fields:
        value, kind = row[f.name], f.type if isinstance(f.type, str) else f.type.__name__
        if kind == "float" and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        elif kind in ("tuple", "Scope") and isinstance(value, list):
            value = tuple(value)
        if not isinstance(value, _FIELD_TYPES[kind]) or isinstance(value, bool):
            raise ValueError(f"{cls.__name__}.{f.name}")
        if kind in ("tuple", "Scope") and f.name != "quantities" and not all(isinstance(v, str) for v in value):
            raise ValueError(f"{cls.__name__}.{f.name}")
        values[f.name] = Scope(value) if kind == "Scope" else value
    return cls(**values)


def code_fingerprint():
    """A digest of claimcheck's code and data: a change to either starts new results."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


class ResultCache:
    """Whole audit results, by everything that shapes them: the documents and corpus
    (the index fingerprint), the model and backend, the settings and claimcheck's code.
    A re-audit of unchanged input is read back instead of checked again."""

    def __init__(self, folder):
        self.root = Path(folder)
        self.folder = self.root / "results"

    def key(self, *parts):
        return hashlib.sha256(json.dumps([code_fingerprint(), *parts], sort_keys=True,
                                         default=str).encode()).hexdigest()[:32]

    def get(self, key, parse=None):
        """The result stored under `key` (passed through `parse`, if given), or None when
        there is none or it does not parse (then it is written over by the next put)."""
        path = self.folder / f"{key}.json.gz"
        try:
            value = json.loads(gzip.decompress(path.read_bytes()))
            return parse(value) if parse is not None else value
        except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return None

    def put(self, key, value):
        from claimcheck.io.jsonl import atomic_write

        try:
            cache_folder(self.root, "results")
            with atomic_write(self.folder / f"{key}.json.gz", "wb", perms=0o600) as handle:
                handle.write(gzip.compress(json.dumps(value).encode(), 6))
        except OSError:
            pass  # a cache that cannot be written only costs time
