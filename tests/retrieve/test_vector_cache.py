"""Vectors cached on disk: reused across runs and processes, never a reason to fail."""

import subprocess
import sys

import numpy as np

from claimcheck.caches import VectorCache, cache_file
from claimcheck.pipeline import audit
from claimcheck.retrieve.embeddings import Embedder

TEXTS = ["The scheme trained 2,410 nurses in 14 hospitals.", "It ran from 2015 to 2019."]


def test_a_second_run_reuses_vectors_without_loading_the_model(tmp_path, embedder):
    first = Embedder(cache_dir=tmp_path)
    vectors = first.embed(TEXTS)
    assert first.encoded == 2
    second = Embedder(cache_dir=tmp_path)
    again = second.embed(TEXTS + TEXTS[:1])
    assert second.encoded == 0 and second._model is None
    np.testing.assert_array_equal(again[:2], vectors)
    # the same model, and the same vectors as without a cache (padding fixed per text)
    np.testing.assert_array_equal(embedder.embed(TEXTS), vectors)


def test_reauditing_an_edited_document_encodes_only_what_changed(tmp_path):
    doc = tmp_path / "statement.txt"
    doc.write_text("1. Summary of the impact\nThe scheme trained 2,410 nurses in 14 hospitals.\n"
                   "4. Details of the impact\nMore than 2,400 nurses from 19 hospitals took part [S1].\n"
                   "The budget was £2m over 4 years.\n")
    cold = Embedder(cache_dir=tmp_path / "cache")
    first = audit([doc], embedder=cold, cache_dir=tmp_path / "cache")
    warm = Embedder(cache_dir=tmp_path / "cache")
    second = audit([doc], embedder=warm, cache_dir=tmp_path / "cache")
    assert cold.encoded > 0 and warm.encoded == 0
    assert second.result_reused and not first.result_reused
    assert [f.to_dict() for f in second.findings] == [f.to_dict() for f in first.findings]
    other_k = audit([doc], embedder=warm, cache_dir=tmp_path / "cache", k=3)
    assert not other_k.result_reused  # another setting is another result
    doc.write_text(doc.read_text().replace("£2m over 4 years", "£3m over 5 years"))
    edited = Embedder(cache_dir=tmp_path / "cache")
    result = audit([doc], embedder=edited, cache_dir=tmp_path / "cache")
    assert not result.index_reused and not result.result_reused
    # the changed sentence, and the one passage holding it, and nothing else
    assert edited.encoded == 2
    # the cached index was updated in place, not stored a second time
    assert len([p for p in (tmp_path / "cache" / "indexes").iterdir() if p.is_dir()]) == 1


def _writer(folder, start):
    return (f"import numpy as np\nfrom claimcheck.caches import VectorCache\n"
            f"c = VectorCache({str(folder)!r}, 'm')\n"
            f"for i in range({start}, {start} + 600, 3):\n"
            f"    texts = [f't{{j}}' for j in range(i, i + 3)]\n"
            f"    c.put(texts, np.full((3, 4), i, np.float32))\n"
            f"    assert set(c.get(texts)) == set(texts)\n"
            f"assert c.broken is None, c.broken\n")


def test_two_processes_write_one_cache_at_once(tmp_path):
    """Both write everything; a process that finds the file locked while the other sets
    it up waits, and never takes the healthy file for a damaged one (a race: a few
    rounds, each from an empty folder, make it show)."""
    for round_ in range(4):
        folder = tmp_path / str(round_)
        procs = [subprocess.Popen([sys.executable, "-c", _writer(folder, start)]) for start in (0, 300)]
        assert [p.wait(timeout=120) for p in procs] == [0, 0]
        assert len(VectorCache(folder, "m")) == 900
        assert not list((folder / "embeddings").glob("*.damaged"))


def test_a_damaged_cache_is_set_aside(tmp_path):
    path = cache_file(tmp_path, "m")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    cache = VectorCache(tmp_path, "m")
    cache.put(["a"], np.ones((1, 4), np.float32))
    assert set(cache.get(["a", "b"])) == {"a"} and cache.broken is None
    assert path.with_suffix(".damaged").exists()


def test_a_batch_reports_findings_group_by_group(tmp_path, monkeypatch):
    import claimcheck.pipeline as pipeline

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, noun in (("a", "nurses"), ("b", "teachers"), ("c", "doctors")):
        (docs / f"{name}.txt").write_text(
            f"1. Summary of the impact\nThe scheme has trained 2,410 {noun} in 14 hospitals.\n"
            f"4. Details of the impact\nSo far, more than 2,400 {noun} from 19 different hospitals "
            "have been trained [S1].\n")
    whole = audit([docs], embedder=Embedder(cache_dir=tmp_path / "c"), cache_dir=tmp_path / "c")
    one_doc_groups = pipeline._groups
    monkeypatch.setattr(pipeline, "_groups", lambda docs, claims: one_doc_groups(docs, claims, size=1))
    calls = []
    grouped = audit([docs], embedder=Embedder(cache_dir=tmp_path / "c"), cache_dir=tmp_path / "c2",
                    on_findings=calls.append)  # another cache folder: no result to reuse
    assert len(calls) == 3 and [len(c) for c in calls] == [1, 1, 1]
    assert [f.id for call in calls for f in call] == [f.id for f in grouped.findings]
    assert [f.id for f in grouped.findings] == [f.id for f in whole.findings]
