"""Documents to the index that audit searches: built, brought up to date, and kept in
the cache folder between runs."""

import hashlib

from claimcheck import config
from claimcheck.errors import IndexMismatchError, InputError
from claimcheck.io.jsonl import file_lock
from claimcheck.retrieve.index import PassageIndex, document_digests, fingerprint
from claimcheck.retrieve.passages import split_passages


def _noop(*_args, **_kwargs):
    pass


def index_settings(model):
    return f"{config.PASSAGE_MAX_TOKENS}/{config.PASSAGE_OVERLAP_SENTENCES}/{model}"


def build_index(documents, embedder, progress=_noop, fingerprint_=None):
    """A PassageIndex over the documents' passages (`fingerprint_` if already known)."""
    documents = list(documents)
    passages = [p for doc in documents for p in split_passages(doc)]
    progress("passages", 0, len(passages))
    fp = fingerprint_ or fingerprint(documents, index_settings(embedder.name))
    return PassageIndex.build(
        passages, embedder, fp, progress=lambda n: progress("passages", n, len(passages)),
        documents=document_digests(documents),
    )


def update_index(index, documents, embedder, progress=_noop, fingerprint_=None):
    """Bring `index` in step with `documents` in place: documents gone or changed are
    removed, new or changed ones added, the rest kept without re-encoding. An index that
    does not record its documents (an older format) is rebuilt. Returns the index."""
    documents = list(documents)
    fp = fingerprint_ or fingerprint(documents, index_settings(embedder.name))
    if len(index) and not index.documents:
        return build_index(documents, embedder, progress, fp)
    index.update(documents, embedder, split_passages, fp,
                 progress=lambda done, total: progress("passages", done, total))
    return index


def _index_key(documents, model):
    """The cache folder's name: the set of documents and the settings, not their texts,
    so an edited document updates its index instead of starting another."""
    ids = "\0".join(sorted(d.id for d in documents))
    return hashlib.sha256(f"{index_settings(model)}\0{ids}".encode()).hexdigest()[:24]


def cached_index(documents, embedder, cache_dir=None, progress=_noop):
    """The index for exactly these documents and model: reused from the cache when its
    fingerprint matches, updated there when some of the documents changed, else built.
    Returns (index, reused)."""
    documents = list(documents)
    fp = fingerprint(documents, index_settings(embedder.name))
    folder = config.cache_folder(config.cache_dir(cache_dir), "indexes") / _index_key(documents, embedder.name)
    with file_lock(folder.with_name(folder.name + ".lock")):
        index = None
        if folder.exists():
            try:
                index = PassageIndex.load(folder, model=embedder.name)
                if index.manifest.get("fingerprint") == fp:
                    return index, True
            except IndexMismatchError:
                index = None  # a damaged cache entry is rebuilt below
        if index is None:
            index = build_index(documents, embedder, progress, fp)
        else:
            index = update_index(index, documents, embedder, progress, fp)
        try:
            index.save(folder, private=True, owned=True)
        except InputError:
            pass  # something else in the cache's folder: left as it is, the index not kept
        return index, False
