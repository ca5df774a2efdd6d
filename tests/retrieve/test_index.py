import json

import numpy as np
import pytest

from claimcheck.errors import IndexMismatchError
from claimcheck.io.documents import make_document
from claimcheck.retrieve.index import PassageIndex, fingerprint
from claimcheck.retrieve.passages import Passage


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


def _docs(**texts):
    return [make_document(name, text) for name, text in texts.items()]


def test_update_adds_and_removes_documents_without_touching_the_rest(tmp_path, fake_embedder):
    from claimcheck.retrieve.build import build_index, update_index

    a = "Alpha trained 40 nurses in 2019. " * 30
    index = build_index(_docs(a=a, b="Beta opened 3 clinics in 2018."), fake_embedder)
    kept_rows = [i for i, p in enumerate(index.passages) if p.doc == "a"]
    kept_vectors = index.index.reconstruct_n(0, index.index.ntotal)[kept_rows]
    seen = []
    fake_embedder_embed = fake_embedder.embed
    fake_embedder.embed = lambda texts, progress=None: seen.extend(texts) or fake_embedder_embed(texts)
    new = _docs(a=a, b="Beta opened 4 clinics in 2018.", c="Gamma sold 9 licences in 2020.")
    update_index(index, new, fake_embedder)
    assert seen == ["Beta opened 4 clinics in 2018.", "Gamma sold 9 licences in 2020."]
    assert sorted(index.documents) == ["a", "b", "c"] and len(index) == index.index.ntotal
    fresh = build_index(new, fake_embedder)
    assert sorted(p.id for p in index.passages) == sorted(p.id for p in fresh.passages)
    assert index.manifest["fingerprint"] == fresh.manifest["fingerprint"]
    rows = [i for i, p in enumerate(index.passages) if p.doc == "a"]
    np.testing.assert_array_equal(index.index.reconstruct_n(0, index.index.ntotal)[rows], kept_vectors)
    query = fake_embedder_embed(["Gamma sold 9 licences in 2020."])
    assert index.search(query, 1)[0][0][0].doc == "c"
    index.save(tmp_path / "ix")
    assert PassageIndex.load(tmp_path / "ix").documents == index.documents
    update_index(index, new[:1], fake_embedder)
    assert {p.doc for p in index.passages} == {"a"} and len(index) == index.index.ntotal


def test_index_command_updates_an_existing_index(tmp_path):
    from click.testing import CliRunner

    from claimcheck.cli import main

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Alpha trained 40 nurses in 2019.")
    (folder / "b.txt").write_text("Beta opened 3 clinics in 2018.")
    runner = CliRunner()
    assert runner.invoke(main, ["index", str(folder), "-o", str(tmp_path / "ix")]).exit_code == 0
    (folder / "b.txt").write_text("Beta opened 4 clinics in 2018.")
    (folder / "c.txt").write_text("Gamma sold 9 licences in 2020.")
    result = runner.invoke(main, ["index", str(folder), "-o", str(tmp_path / "ix")])
    assert result.exit_code == 0
    assert "2 documents added or changed, 0 removed, 1 kept; 3 passages" in result.stderr
    (folder / "a.txt").unlink()
    result = runner.invoke(main, ["index", str(folder), "-o", str(tmp_path / "ix")])
    assert "0 documents added or changed, 1 removed, 2 kept; 2 passages" in result.stderr


def test_large_indexes_are_ivf_and_still_find_their_neighbours(tmp_path, fake_embedder, monkeypatch):
    import claimcheck.retrieve.index as index_module

    monkeypatch.setattr(index_module, "FLAT_MAX", 100)
    ps = passages(2000)
    index = PassageIndex.build(ps, fake_embedder)
    assert index.manifest["faiss_index"] == "IndexIVFFlat"
    matrix = fake_embedder.embed([p.text for p in ps])
    queries = fake_embedder.embed([f"query {i}" for i in range(50)])
    found = [{p.id for p, _ in hits} for hits in index.search(queries, 10)]
    truth = [{ps[i].id for i in np.argsort(-(matrix @ q))[:10]} for q in queries]
    assert np.mean([len(a & b) / 10 for a, b in zip(found, truth)]) >= 0.9
    index.save(tmp_path / "ix")
    loaded = PassageIndex.load(tmp_path / "ix")
    assert [p.id for p, _ in loaded.search(queries[:1], 10)[0]] == [p.id for p, _ in index.search(queries[:1], 10)[0]]
    half = [Passage(p.id.replace("d@", "e@"), "e", "", p.start, p.end, p.text) for p in ps[::2]]
    loaded.add(half, matrix[::2])
    assert loaded.remove({"d"}) == 2000 and len(loaded) == loaded.index.ntotal == 1000
    hits = loaded.search(matrix[4:5], 1)[0]
    assert hits[0][0].id == "e@4" and hits[0][1] == pytest.approx(1.0, abs=1e-5)
