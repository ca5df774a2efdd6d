"""What claimcheck keeps on disk between runs, so nothing is encoded or parsed twice.

One SQLite file per model under the cache folder (embeddings/<model>-<digest>.sqlite);
the same kind of store keeps each document's parsed claims (claims/<parser>.sqlite);
whole audit results are kept by everything that shapes them (results/<key>.json.gz).
SQLite's own locking (write-ahead log, a busy timeout) makes it safe for several
processes at once; rows are only ever added, each written once (INSERT OR IGNORE). A
cache that cannot be read is set aside and a new one started: the cache is an
accelerator, never a reason for an audit to fail. Claims are stored pickled: the cache
folder is the user's own, written only by claimcheck.
"""

import gzip
import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path

import numpy as np

from claimcheck.config import model_slug

_CHUNK = 500  # SQLite's limit on bound parameters is 999 in old builds
#: Tries at opening a store that another process holds locked while it sets it up
#: (about 2.4 s in all): a lock is not damage, and a healthy cache is never set aside.
_OPEN_TRIES = 15


def _is_lock(err):
    return "locked" in str(err) or "busy" in str(err)


def cache_file(folder, model):
    return Path(folder) / "embeddings" / f"{model_slug(model)}.sqlite"


class Store:
    """Key-to-bytes rows in one SQLite file: shared by processes, written once per key."""

    def __init__(self, path):
        self.path = Path(path)
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
        self.path.parent.mkdir(parents=True, exist_ok=True)
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

    def put(self, rows):
        """Store (key, bytes) rows; a key already there keeps its first value."""
        if self.conn is None or not rows:
            return
        try:
            with self.lock:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.executemany("INSERT OR IGNORE INTO entries VALUES (?, ?)", rows)
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
        super().__init__(cache_file(folder, model))

    def _key(self, text):
        return hashlib.blake2b(f"{self.model}\0{text}".encode(), digest_size=16).digest()

    def get(self, texts):
        """{text: vector} for those of `texts` that are cached."""
        keys = {self._key(t): t for t in texts}
        return {keys[k]: np.frombuffer(blob, dtype=np.float32) for k, blob in super().get(keys).items()}

    def put(self, texts, vectors):
        super().put([(self._key(t), np.asarray(v, dtype=np.float32).tobytes())
                     for t, v in zip(texts, vectors)])


_PARSER_MODULES = ("claims", "quantities", "counted", "numbers", "sentences", "statements")


def parser_fingerprint():
    """A digest of the code that turns text into claims: a change to it starts a new
    claims cache, so cached claims are always what this code would extract."""
    import importlib

    from claimcheck import __version__

    h = hashlib.sha256(__version__.encode())
    for name in _PARSER_MODULES:
        h.update(Path(importlib.import_module(f"claimcheck.{name}").__file__).read_bytes())
    return h.hexdigest()[:16]


class ClaimCache(Store):
    """Each document's claims (with their parsed quantities), by document id and text."""

    def __init__(self, folder):
        self.parser = parser_fingerprint()
        super().__init__(Path(folder) / "claims" / f"{self.parser}.sqlite")

    def _key(self, doc):
        return hashlib.blake2b(f"{self.parser}\0{doc.id}\0{doc.text}".encode(), digest_size=16).digest()

    def claims(self, documents, extract):
        """{document id: claims} for the documents, from the cache or from `extract(doc)`
        (and then cached)."""
        import pickle

        keys = {self._key(d): d for d in documents}
        found = {}
        for key, blob in super().get(keys).items():
            try:
                found[keys[key].id] = pickle.loads(blob)
            except Exception:  # a damaged entry is extracted again  # noqa: BLE001
                pass
        new = [(k, d) for k, d in keys.items() if d.id not in found]
        for _, doc in new:
            found[doc.id] = extract(doc)
        self.put([(k, pickle.dumps(found[d.id], protocol=pickle.HIGHEST_PROTOCOL)) for k, d in new])
        return found


def code_fingerprint():
    """A digest of claimcheck's code and data: a change to either starts new results."""
    import claimcheck

    root = Path(claimcheck.__file__).parent
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
        self.folder = Path(folder) / "results"

    def key(self, *parts):
        return hashlib.sha256(json.dumps([code_fingerprint(), *parts], sort_keys=True,
                                         default=str).encode()).hexdigest()[:32]

    def get(self, key):
        path = self.folder / f"{key}.json.gz"
        try:
            return json.loads(gzip.decompress(path.read_bytes()))
        except (OSError, EOFError, ValueError):
            return None

    def put(self, key, value):
        from claimcheck.jsonio import atomic_write

        try:
            with atomic_write(self.folder / f"{key}.json.gz", "wb") as handle:
                handle.write(gzip.compress(json.dumps(value).encode(), 6))
        except OSError:
            pass  # a cache that cannot be written only costs time
