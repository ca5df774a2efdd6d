"""`--engine ray`: the same findings as the local engine, encoding done by Ray actors."""

import pytest

from claimcheck.pipeline import audit
from claimcheck.retrieve.embeddings import Embedder

pytest.importorskip("ray.data", reason="Ray is not installed (pip install 'ray[data]')")

STATEMENT = """1. Summary of the impact
The scheme has trained 2,410 nurses in 14 hospitals since 2016.

4. Details of the impact
So far, more than 2,400 nurses from 19 different hospitals have been trained in the scheme [S1].
The network now links 9 regional centres: Leeds, York, Hull and Bradford.
"""


@pytest.fixture(scope="module")
def ray_local():
    import ray

    from claimcheck.engines.ray import start

    start(workers=2)  # Ray on this machine: Ray 2.60 dropped the single-process local mode
    yield
    ray.shutdown()


def test_ray_engine_finds_what_the_local_engine_finds(ray_local, tmp_path):
    doc = tmp_path / "statement.txt"
    doc.write_text(STATEMENT)
    local = audit([doc], embedder=Embedder(cache_dir=tmp_path / "local"), cache_dir=tmp_path / "local")
    on_ray = Embedder(cache_dir=tmp_path / "ray")
    distributed = audit([doc], embedder=on_ray, cache_dir=tmp_path / "ray", engine="ray")
    assert [f.id for f in distributed.findings] == [f.id for f in local.findings]
    assert {f.check for f in local.findings} >= {"numeric-conflict", "count-vs-list"}
    # the passages and sentences were encoded by the Ray actors, not here
    assert on_ray.encoded <= 4  # at most the few words-around-a-figure windows of the checks
    again = Embedder(cache_dir=tmp_path / "ray")
    from claimcheck.engines.ray import encode_documents
    from claimcheck.io.documents import load_document

    assert encode_documents([load_document(doc)], again) == 0  # all cached: nothing sent
