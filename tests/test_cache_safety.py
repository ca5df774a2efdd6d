"""The caches hold only data, checked when read, that only the user can read (issue 36,
items 13 and 14)."""

import gzip
import json
import os
import stat
from pathlib import Path

import numpy as np
import pytest

from claimcheck.caches import ClaimCache, ResultCache, VectorCache
from claimcheck.io.documents import Document
from claimcheck.parse.claims import extract_claims


# -- 13. cache entries are data, checked when read ---------------------------------------

DOC = Document(id="d1", text="The scheme trained over 2,400 nurses in 2019, up 40% on 2018, at a cost "
                             "of £1.2m; fewer than 30 clinics took part.\n")


class Planted:
    """Unpickling this runs a command: what a planted cache entry could do."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def test_a_planted_pickle_in_the_claims_cache_is_not_run_and_is_replaced(tmp_path):
    import pickle

    cache = ClaimCache(tmp_path / "cache")
    marker = tmp_path / "pwned"
    key = cache._key(DOC)
    cache.put([(key, pickle.dumps(Planted(marker)))])
    found = cache.claims([DOC], extract_claims)
    assert not marker.exists()
    assert found["d1"] == extract_claims(DOC) and found["d1"]
    from claimcheck.caches import claims_from_json

    stored = cache.get([key])[key]
    assert claims_from_json(stored) == found["d1"]  # written over with data


def test_claims_read_back_from_json_equal_those_extracted():
    from claimcheck.caches import claims_from_json, claims_to_json

    claims = extract_claims(DOC)
    assert claims and any(q.qualifier for c in claims for q in c.quantities)
    assert claims_from_json(claims_to_json(claims)) == claims


@pytest.mark.parametrize("blob", [b"", b"\x80\x04K\x01.", b"{}", b"[1]", b"[{\"id\": 1}]", b"[" * 100_000])
def test_entries_that_are_not_claims_are_misses(blob):
    from claimcheck.caches import claims_from_json

    assert claims_from_json(blob) is None


def test_claims_with_a_field_of_the_wrong_type_are_a_miss():
    from claimcheck.caches import claims_from_json, claims_to_json

    row = json.loads(claims_to_json(extract_claims(DOC)))
    row[0]["quantities"][0]["value"] = "1e9"
    assert claims_from_json(json.dumps(row).encode()) is None


def test_a_vector_entry_that_is_not_a_vector_is_a_miss_and_replaced(tmp_path):
    cache = VectorCache(tmp_path / "cache", "fake-model")
    for blob in (b"abc", np.full(4, np.nan, np.float32).tobytes()):
        key = cache._key("text")
        super(VectorCache, cache).put([(key, blob)], replace={key})
        assert cache.get(["text"]) == {}
        unit = np.array([0.6, 0.8, 0.0, 0.0], np.float32)
        cache.put(["text"], [unit])
        assert np.array_equal(cache.get(["text"])["text"], unit)
        cache.damaged.clear()


def test_a_result_entry_that_does_not_parse_is_a_miss(tmp_path):
    results = ResultCache(tmp_path / "cache")
    results.put("k", {"findings": []})
    (results.folder / "k.json.gz").write_bytes(gzip.compress(b"[1, 2]"))
    assert results.get("k", parse=lambda value: value["findings"]) is None
    (results.folder / "k.json.gz").write_bytes(b"not gzip")
    assert results.get("k") is None


# -- 14. the cache is the user's alone ---------------------------------------------------

def test_cache_folders_are_0700_and_files_0600(tmp_path, monkeypatch):
    from claimcheck.pipeline import audit
    from claimcheck.retrieve.embeddings import Embedder

    monkeypatch.setattr(os, "umask", os.umask)  # restored whatever happens
    os.umask(0o022)
    cache = tmp_path / "cache"
    doc = tmp_path / "a.txt"
    doc.write_text(DOC.text)
    audit([str(doc)], embedder=Embedder(cache_dir=cache), cache_dir=cache)
    modes = {str(p.relative_to(cache)): stat.S_IMODE(p.stat().st_mode) for p in [cache, *cache.rglob("*")]}
    kinds = {Path(p).parts[0] for p in modes if p != "."}
    assert {"embeddings", "claims", "results", "indexes"} <= kinds, modes
    wrong = {p: oct(m) for p, m in modes.items()
             if m != (0o700 if (cache / p).is_dir() else 0o600)}
    assert not wrong, wrong


def test_an_older_cache_is_tightened(tmp_path):
    cache = tmp_path / "cache"
    (cache / "claims").mkdir(parents=True)
    os.chmod(cache / "claims", 0o755)
    store = ClaimCache(cache)
    store.claims([DOC], extract_claims)
    assert stat.S_IMODE((cache / "claims").stat().st_mode) == 0o700
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_an_audit_with_a_planted_result_entry_checks_again(tmp_path, embedder):
    from claimcheck.pipeline import audit

    cache = tmp_path / "cache"
    doc = tmp_path / "a.txt"
    doc.write_text(DOC.text + "The scheme trained 2,100 nurses in 2019.\n")
    first = audit([str(doc)], embedder=embedder, cache_dir=cache)
    assert first.findings
    for entry in (cache / "results").glob("*.json.gz"):
        entry.write_bytes(gzip.compress(json.dumps({"findings": 5, "claims": "x", "warnings": []}).encode()))
    again = audit([str(doc)], embedder=embedder, cache_dir=cache)
    assert not again.result_reused
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in first.findings]
    third = audit([str(doc)], embedder=embedder, cache_dir=cache)  # the entry was written over
    assert third.result_reused
