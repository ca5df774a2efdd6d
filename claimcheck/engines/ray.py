"""`--engine ray`: extraction and encoding spread over a Ray cluster with ray.data.

The expensive part of an audit is encoding: every passage and every sentence with a
number. Here the documents go out as a ray.data dataset; a pool of actors (each loads
the model once) splits each document into passages and sentences and encodes them; the
vectors come back to this process, which keeps them (memory and the on-disk vector
cache), builds the index from them and runs the checks, as the local engine does, with
nothing left to encode. Documents whose texts are all cached already are not sent.

Ray is imported only here, only when asked for. RAY_ADDRESS (or --ray-address) points
at a cluster ("ray://head:10001"); without one Ray starts on this machine.
"""

import os

from claimcheck.errors import ClaimcheckError
from claimcheck.io.documents import make_document
from claimcheck.parse.claims import extract_claims
from claimcheck.retrieve.passages import split_passages


class RayError(ClaimcheckError):
    exit_code = 2


def texts_of(doc, claims=None):
    """Every text an audit of `doc` encodes: its passages and its claims (the sentences
    evidence is drawn from are among them); `claims` if they are known already."""
    claims = extract_claims(doc) if claims is None else claims
    return list(dict.fromkeys([p.text for p in split_passages(doc)] + [c.text for c in claims]))


class _Encoder:
    """A Ray actor: the model loaded once, documents in, (text, vector) rows out."""

    def __init__(self, model, backend):
        from claimcheck.retrieve.embeddings import Embedder

        self.embedder = Embedder(model, backend=backend)

    def __call__(self, batch):
        import numpy as np

        texts = []
        for doc_id, text in zip(batch["id"], batch["text"]):
            texts += texts_of(make_document(str(doc_id), str(text)))
        texts = list(dict.fromkeys(texts))
        vectors = self.embedder.embed(texts)
        return {"text": np.array(texts, dtype=object), "vector": vectors}


def start(address=None, workers=None):
    """Connect to the cluster at `address` ($RAY_ADDRESS), or start a one-machine Ray
    here with `workers` CPUs (Ray 2.60 has no single-process "local mode" any more)."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise RayError("--engine ray needs Ray: pip install 'ray[data]' (or claimcheck[ray])") from None
    import logging

    for name in ("ray", "ray.data", "ray.data._internal"):
        logging.getLogger(name).setLevel(logging.WARNING)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    if hasattr(context, "print_on_execution_start"):
        context.print_on_execution_start = False
    if not ray.is_initialized():
        options = dict(ignore_reinit_error=True, include_dashboard=False, log_to_driver=False,
                       configure_logging=False)
        address = address or os.environ.get("RAY_ADDRESS")
        if address:
            options["address"] = address
        elif workers:
            options["num_cpus"] = workers
        try:
            ray.init(**options)
        except (ConnectionError, RuntimeError, ValueError) as err:
            raise RayError(f"cannot start or reach Ray ({str(err).splitlines()[0][:160]})") from None
    return ray


def encode_documents(documents, embedder, *, address=None, workers=None, batch_docs=4,
                     progress=None, claims_of=None):
    """Encode, on Ray, every text an audit of `documents` needs and is not cached yet;
    the vectors land in `embedder` (its memory and disk cache). `claims_of(doc id)`, if
    given, has the documents' claims already. Returns texts encoded."""
    todo = []
    for doc in documents:
        texts = texts_of(doc, claims_of(doc.id) if claims_of else None)
        cached = embedder.cached(texts)
        if len(cached) < len(texts):
            todo.append(doc)
    if not todo:
        return 0
    ray = start(address, workers)
    actors = workers or max(1, int(ray.available_resources().get("CPU", 1)))
    dataset = ray.data.from_items([{"id": d.id, "text": d.text} for d in todo])
    encoded = dataset.map_batches(
        _Encoder, fn_constructor_kwargs={"model": embedder.name, "backend": embedder.backend},
        batch_size=batch_docs, concurrency=actors, num_cpus=1, batch_format="numpy")
    total, done = 0, 0
    for batch in encoded.iter_batches(batch_format="numpy", batch_size=None):
        embedder.remember(list(batch["text"]), batch["vector"])
        total += len(batch["text"])
        done += 1
        if progress:
            progress("documents", min(done * batch_docs, len(todo)), len(todo))
    return total
