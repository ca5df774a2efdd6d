"""Sentence vectors kept on disk, by model and text hash, so nothing is encoded twice.

One SQLite file per model under the cache folder (embeddings/<model>-<digest>.sqlite).
SQLite's own locking (write-ahead log, a busy timeout) makes it safe for several
processes at once; rows are only ever added, each written once (INSERT OR IGNORE). A
cache that cannot be read is set aside and a new one started: the cache is an
accelerator, never a reason for an audit to fail.
"""

import hashlib
import re
import sqlite3
import threading
from pathlib import Path

import numpy as np

_CHUNK = 500  # SQLite's limit on bound parameters is 999 in old builds


def cache_file(folder, model):
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(model).name or model)[:60]
    digest = hashlib.sha256(model.encode()).hexdigest()[:10]
    return Path(folder) / "embeddings" / f"{slug}-{digest}.sqlite"


class VectorCache:
    def __init__(self, folder, model):
        self.model = model
        self.path = cache_file(folder, model)
        self.lock = threading.Lock()
        self.broken = None  # the reason, once the cache has been given up for this run
        self.conn = self._open()

    def _open(self):
        try:
            return self._connect()
        except sqlite3.DatabaseError:
            self.path.replace(self.path.with_suffix(".damaged"))
            try:
                return self._connect()
            except sqlite3.Error as err:
                self.broken = str(err)
        except (sqlite3.Error, OSError) as err:
            self.broken = str(err)
        return None

    def _connect(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=120, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL) "
                     "WITHOUT ROWID")
        return conn

    def _key(self, text):
        return hashlib.blake2b(f"{self.model}\0{text}".encode(), digest_size=16).digest()

    def get(self, texts):
        """{text: vector} for those of `texts` that are cached."""
        if self.conn is None or not texts:
            return {}
        keys = {self._key(t): t for t in texts}
        found = {}
        try:
            with self.lock:
                key_list = list(keys)
                for i in range(0, len(key_list), _CHUNK):
                    chunk = key_list[i:i + _CHUNK]
                    rows = self.conn.execute(
                        f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(chunk))})",
                        chunk).fetchall()
                    for key, blob in rows:
                        found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.Error as err:
            self._give_up(err)
            return {}
        return found

    def put(self, texts, vectors):
        if self.conn is None or not len(texts):
            return
        rows = [(self._key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        try:
            with self.lock:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?)", rows)
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
            return self.conn.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
