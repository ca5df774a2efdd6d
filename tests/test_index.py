import json

import numpy as np
import pytest

from claimcheck.documents import make_document
from claimcheck.errors import IndexMismatchError
from claimcheck.index import PassageIndex, fingerprint
from claimcheck.passages import Passage


def passages(n):
    return [Passage(f"d@{i}", "d", "", i, i + 1, f"passage number {i} about topic {i % 7}")
            for i in range(n)]


def test_search_equals_numpy_brute_force(fake_embedder):
    ps = passages(300)
    index = PassageIndex.build(ps, fake_embedder)
    queries = fake_embedder.embed([f"query {i}" for i in range(20)])
    matrix = fake_embedder.embed([p.text for p in ps])
    for query, hits in zip(queries, index.search(queries, 10)):
        expected = np.argsort(-(matrix @ query))[:10]
        assert [int(p.id.split("@")[1]) for p, _ in hits] == expected.tolist()
        assert [s for _, s in hits] == pytest.approx((matrix @ query)[expected].tolist(), abs=1e-5)


def test_round_trip_with_real_model(tmp_path, embedder):
    ps = [Passage(f"d@{i}", "d", "", 0, 1, t) for i, t in enumerate([
        "The clinic treated 400 patients with depression.",
        "Football clubs in the league sold 3 million tickets.",
        "Teachers in 12 schools adopted the reading scheme."])]
    index = PassageIndex.build(ps, embedder, "fp")
    index.save(tmp_path / "ix")
    loaded = PassageIndex.load(tmp_path / "ix", model=embedder.name)
    assert loaded.manifest == index.manifest and loaded.passages == ps
    query = embedder.embed(["How many schools use the reading programme?"])
    assert loaded.search(query, 1)[0][0][0].text.startswith("Teachers in 12 schools")
    assert [s for _, s in loaded.search(query, 3)[0]] == pytest.approx(
        [s for _, s in index.search(query, 3)[0]])


@pytest.fixture
def saved(tmp_path, fake_embedder):
    folder = tmp_path / "ix"
    PassageIndex.build(passages(5), fake_embedder, "fp").save(folder)
    return folder


def test_manifest_refuses_another_model(saved):
    with pytest.raises(IndexMismatchError) as err:
        PassageIndex.load(saved, model="bge-small")
    assert "index built with fake-model but --model is bge-small" in str(err.value)
    assert "claimcheck index" in str(err.value)


def test_newer_format_version_is_refused(saved):
    manifest = json.loads((saved / "manifest.json").read_text())
    manifest["format_version"] = 99
    (saved / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatchError, match="format version 99 is newer"):
        PassageIndex.load(saved)


def test_corrupted_index_file_is_caught(saved):
    data = (saved / "index.faiss").read_bytes()
    (saved / "index.faiss").write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexMismatchError, match="index.faiss: damaged or unreadable"):
        PassageIndex.load(saved)


def test_passages_out_of_step_with_index(saved):
    lines = (saved / "passages.jsonl").read_text().splitlines()
    (saved / "passages.jsonl").write_text("\n".join(lines[:-1]) + "\n")
    with pytest.raises(IndexMismatchError, match=r"passages.jsonl lines \(4\) differ"):
        PassageIndex.load(saved)


def test_saving_over_an_index_replaces_it_whole(saved, fake_embedder):
    PassageIndex.build(passages(9), fake_embedder, "fp2").save(saved)
    assert len(PassageIndex.load(saved)) == 9
    assert [p.name for p in saved.parent.iterdir() if p.name.startswith(".")] == []


def test_fingerprint_changes_with_text():
    a = fingerprint([make_document("x", "one 1")])
    assert a == fingerprint([make_document("x", "one 1")])
    assert a != fingerprint([make_document("x", "one 2")])
