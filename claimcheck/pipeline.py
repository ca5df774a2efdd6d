"""The main jobs as library calls: audit documents, look a claim up. cli.py formats them."""

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck import config
from claimcheck.caches import ClaimCache, ResultCache
from claimcheck.checks import Context, read_ahead, run_checks, run_document_checks
from claimcheck.checks.cited import superseded
from claimcheck.checks.conflicts import compare
from claimcheck.checks.registry import fingerprint as checks_fingerprint
from claimcheck.checks.selection import dedupe_key, strongest_per_figure
from claimcheck.errors import IndexMismatchError, InputError
from claimcheck.findings import SEVERITY_RANK, Finding, sort_key
from claimcheck.io.documents import Document, iter_documents
from claimcheck.parse.claims import Claim, extract_claims
from claimcheck.retrieve import sources
from claimcheck.retrieve.build import cached_index
from claimcheck.retrieve.evidence import gather_evidence, passage_claims


def _noop(*_args, **_kwargs):
    pass


def check_claims(claims, embedder, index=None, *, k=config.DEFAULT_TOP_K, peers=None,
                 context=None, progress=_noop, state=None, kinds=None):
    """Findings for the claims, each found once, most severe first. `state` carries what
    was already found across calls (a batch checked a group of documents at a time);
    `kinds` are the kinds of finding wanted (all when None; see checks.registry)."""
    claims = list(claims)
    context = context or Context()
    if context.embedder is None:
        context.embedder = embedder
    state = state if state is not None else {}
    if not state.get("counted"):  # audit counts every document of a batch once, up front
        context.count_mentions(claims)
    findings, seen = [], state.setdefault("seen", set())
    step = 256
    for i in range(0, len(claims), step):
        chunk = claims[i:i + step]
        evidence = gather_evidence(chunk, embedder, index, k=k,
                                   peers=peers if peers is not None else claims,
                                   claims_of=state.get("claims_of"), cited=state.get("cited"))
        read_ahead(chunk, evidence, context, kinds)
        for claim, ev in zip(chunk, evidence):
            for f in superseded(run_checks(claim, ev, context, kinds=kinds)):
                key = dedupe_key(f)
                if key not in seen:
                    seen.add(key)
                    findings.append(f)
        progress("claims", min(i + step, len(claims)), len(claims))
    return sorted(strongest_per_figure(findings, state.setdefault("used", {})), key=sort_key)


def audit_claims(documents, claims, embedder, index=None, *, k=config.DEFAULT_TOP_K, context=None,
                 progress=_noop, state=None, kinds=None):
    """All findings for documents whose claims are given: the claims checked against each
    other and the index, and the document-level checks (references, periods, structure).
    One Context serves both, so the cost priors are read once, not once a document."""
    context = context or Context()
    claims = list(claims)
    findings = check_claims(claims, embedder, index, k=k, context=context, progress=progress,
                            state=state, kinds=kinds)
    by_doc = {}
    for claim in claims:
        by_doc.setdefault(claim.doc, []).append(claim)
    return sorted(findings + [f for doc in documents
                              for f in run_document_checks(doc, context, by_doc.get(doc.id), kinds)],
                  key=sort_key)


def check_documents(documents, claims, embedder, index=None, *, k=config.DEFAULT_TOP_K, context=None,
                    state=None, kinds=None, progress=_noop, on_findings=_noop):
    """All findings for documents whose claims are known ({document id: [Claim]}), most
    severe first: every claim text encoded first (with progress), then the documents
    checked a group at a time (see audit_claims), `on_findings` called with each group's.
    `state` may hold "claims_of" and "cited" (see check_claims)."""
    context = context or Context()
    # every document known before any is checked: how rare a name is needs them all
    context.count_mentions(c for doc in documents for c in claims[doc.id])
    state = {**(state or {}), "counted": True}
    total, done, docs_done, findings = sum(len(claims[d.id]) for d in documents), 0, 0, []
    texts = list(dict.fromkeys(c.text for doc in documents for c in claims[doc.id]))
    progress("claim-texts", 0, len(texts))  # encoded here, with progress, not unseen in the checks
    embedder.embed(texts, progress=lambda n: progress("claim-texts", n, len(texts)))
    progress("claim-texts", len(texts), len(texts))
    progress("claims", 0, total, f"0/{len(documents)} documents")
    for group in _groups(documents, claims):
        group_claims = [c for doc in group for c in claims[doc.id]]
        found = audit_claims(group, group_claims, embedder, index, k=k, context=context, state=state,
                             kinds=kinds)
        findings += found
        on_findings(found)
        done, docs_done = done + len(group_claims), docs_done + len(group)
        progress("claims", done, total, f"{docs_done}/{len(documents)} documents")
    return sorted(findings, key=sort_key)


@dataclass
class AuditResult:
    findings: list
    documents: list
    claims: int
    passages: int
    index_reused: bool
    seconds: float
    timings: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)  # one line each: documents skipped or empty
    skipped: list = field(default_factory=list)  # InputErrors of what --skip-bad passed over
    result_reused: bool = False  # read back from the result cache: nothing was checked again
    references: list = field(default_factory=list)  # sources.Resolution of each listed entry,
    # when there was a corpus or a sources map to find them in (also in each document's
    # meta["references"], as dicts)


def audit(doc_paths, corpus_paths=(), *, embedder, k=config.DEFAULT_TOP_K, cache_dir=None,
          context=None, progress=_noop, skip_bad=False, max_mb=None, max_collection_mb=None,
          follow_links=False, engine="local", ray_address=None, workers=None, on_findings=_noop,
          kinds=None, sources_map=None):
    """Check each document against itself and against the corpus.

    With `skip_bad`, a bad file or record is skipped (and listed in the result) and the
    run goes on; without it the first one raises InputError. With engine="ray", the
    texts are encoded on Ray first (claimcheck.engines.ray); the rest is the same.
    Documents are checked a group at a time, and `on_findings` is called with each
    group's findings as soon as they are known (a batch writes them as it goes).
    `max_mb`, `max_collection_mb` and `follow_links` are iter_documents'; the files it
    skips in folders (a named pipe, a link out of the folder) are listed in the warnings.
    `kinds` are the kinds of finding wanted (all when None; see checks.registry).
    The entries of each document's lists of references and sources are looked for in the
    corpus (sources.resolve), or found as `sources_map` (a file, see
    sources.read_sources_map) says; the files it names join the corpus.
    """
    started = time.perf_counter()
    skipped = []
    notes = []  # files skipped in folders: a FIFO, a link out of the folder
    reading = dict(skip_bad=skipped.append if skip_bad else None, max_mb=max_mb,
                   max_collection_mb=max_collection_mb, follow_links=follow_links, note=notes.append,
                   progress=progress)
    documents = _unique(iter_documents(doc_paths, **reading))
    if documents and not any(d.text.strip() for d in documents):  # before the model loads
        where = documents[0].id if len(documents) == 1 else f"all {len(documents)} documents given"
        raise InputError(f"{where}: empty, nothing to check", fix="give a document with text")
    corpus = _unique(iter_documents(corpus_paths, **reading)) if corpus_paths else []
    explicit = sources.read_sources_map(sources_map) if sources_map else {}
    mapped = sorted({f for labels in explicit.values() for f in labels.values()})
    corpus = _unique(corpus + list(iter_documents(mapped, max_mb=max_mb)))
    audited_ids = {d.id for d in documents}
    everything = documents + [d for d in corpus if d.id not in audited_ids]
    resolutions = _resolve(documents, [d for d in corpus if d.id not in audited_ids], explicit)
    t0 = time.perf_counter()
    claims_of = DocumentClaims(everything, ClaimCache(config.cache_dir(cache_dir)))
    if engine == "ray":
        from claimcheck.engines.ray import encode_documents

        claims_of.prefetch(everything)  # parsed (or read from the cache) once, here
        encode_documents(everything, embedder, address=ray_address, workers=workers,
                         progress=progress, claims_of=claims_of)
    index, reused = cached_index(everything, embedder, cache_dir, progress)
    t1 = time.perf_counter()
    results = ResultCache(config.cache_dir(cache_dir))
    context = context or Context()
    key = results.key(index.manifest.get("fingerprint"), [d.id for d in documents], k,
                      embedder.name, embedder.backend, index.hybrid, context.priors,
                      sorted(kinds) if kinds is not None else None, checks_fingerprint(),
                      [r.to_dict() for rs in resolutions.values() for r in rs])
    known = results.get(key, parse=_stored_result) if reused else None
    if known is not None:
        findings, claim_count, known_warnings = known
        on_findings(findings)
        return AuditResult(sorted(findings, key=sort_key), documents, claim_count, len(index),
                           True, time.perf_counter() - started, {"index": t1 - t0, "check": 0.0},
                           notes + known_warnings + [f"skipped {err}" for err in skipped], skipped,
                           result_reused=True, references=[r for rs in resolutions.values() for r in rs])
    claims, warnings = claims_of.prefetch(documents), []
    for doc in documents:
        if not doc.text.strip():
            warnings.append(f"{doc.id}: empty document, nothing to check")
        elif not claims[doc.id]:
            warnings.append(f"{doc.id}: no checkable claims (no sentence with a figure, date or "
                            "citation to check)")
    cited = {}
    for doc in documents:
        cited.update(sources.cited_sources(doc, claims[doc.id], resolutions.get(doc.id, ())))
    findings = check_documents(documents, claims, embedder, index, k=k, context=context,
                               state={"claims_of": claims_of, "cited": cited}, kinds=kinds,
                               progress=progress, on_findings=on_findings)
    total = sum(map(len, claims.values()))
    results.put(key, {"claims": total, "warnings": warnings, "findings": [f.to_dict() for f in findings]})
    t2 = time.perf_counter()
    warnings = notes + warnings + [f"skipped {err}" for err in skipped]
    return AuditResult(findings, documents, total, len(index), reused,
                       time.perf_counter() - started, {"index": t1 - t0, "check": t2 - t1},
                       warnings, skipped, references=[r for rs in resolutions.values() for r in rs])


def _resolve(documents, corpus, explicit):
    """{document id: [Resolution]} for the audited documents with lists of references or
    sources, when there is a corpus to find them in; each document's meta["references"]
    gets them as dicts, for reports."""
    if not corpus:
        return {}
    papers = [sources.describe(d) for d in corpus]
    out = {}
    for doc in documents:
        found = sources.resolve(doc, papers, sources.map_for(doc, explicit, corpus))
        if found:
            out[doc.id] = found
            doc.meta["references"] = [r.to_dict() for r in found]
    return out


def _stored_result(value):
    """(findings, claim count, warnings) of a result read back from the result cache;
    ValueError (a miss) for anything that is not one."""
    findings = [Finding.from_dict(f) for f in value["findings"]]
    claims, warnings = value["claims"], value["warnings"]
    if (not isinstance(claims, int) or not isinstance(warnings, list)
            or not all(isinstance(w, str) for w in warnings)
            or not all(f.severity in SEVERITY_RANK for f in findings)):
        raise ValueError("not an audit result")
    return findings, claims, warnings


class DocumentClaims:
    """The claims of the documents an audit knows (audited and corpus), extracted once:
    from the claims cache, or parsed and cached. Called with a document id."""

    def __init__(self, documents, cache=None):
        self.documents = {d.id: d for d in documents}
        self.cache = cache
        self.known = {}

    def prefetch(self, documents):
        missing = [d for d in documents if d.id not in self.known]
        if self.cache is not None:
            self.known.update(self.cache.claims(missing, extract_claims))
        else:
            self.known.update((d.id, extract_claims(d)) for d in missing)
        return {d.id: self.known[d.id] for d in documents}

    def __call__(self, doc_id):
        if doc_id not in self.known:
            if doc_id not in self.documents:
                return None
            self.prefetch([self.documents[doc_id]])
        return self.known[doc_id]


def _groups(documents, claims, size=256):
    """Documents in order, in groups of about `size` claims (whole documents each)."""
    group, count = [], 0
    for doc in documents:
        group.append(doc)
        count += len(claims[doc.id])
        if count >= size:
            yield group
            group, count = [], 0
    if group:
        yield group


def _unique(documents):
    out, seen = [], set()
    for doc in documents:
        if doc.id not in seen:
            seen.add(doc.id)
            out.append(doc)
    return out


@dataclass
class LookupHit:
    passage: object
    score: float
    verdict: str  # "agrees", "conflicts" or "unrelated"
    reason: str
    quantities: list  # (start, end) spans of quantities inside passage.text
    cited: object = None  # the sources.Resolution of the reference the claim cites, when
    # the passage is from the document it names


#: Verdicts in the order a cited source's passages are shown.
_VERDICT_ORDER = {"conflicts": 0, "agrees": 1, "unrelated": 2}


def lookup(text, index, embedder, k=5, cited=()):
    """The k nearest passages to a statement, each with a verdict on its numbers.

    `cited` are the references the statement cites (sources.Resolution, as Citations
    gives them): passages of the documents they name come first, labelled with the
    reference, at most k in all (but the best of each document): those whose figures
    conflict with the statement's, then those that agree, then the nearest (of each
    document's 4k nearest). Then come the k nearest passages of the rest of the index
    (labelled too, where they are of a cited document).
    The cited passages are found with the index's stored vectors: only their sentences
    are encoded, to weigh their figures, as for any passage shown.
    """
    claim = Claim.from_dict({"text": text, "doc": "<query>"})
    vector = embedder.embed([text])
    context = Context(embedder=embedder)
    firsts, rest, seen = [], [], set()
    for ref in cited:
        if not ref.source:
            continue
        found = [_hit(claim, vector[0], passage, score, embedder, context, ref)
                 for passage, score in index.passages_of(ref.source, vector[0])[:4 * k]
                 if passage.id not in seen]
        seen.update(h.passage.id for h in found)
        found.sort(key=lambda h: (_VERDICT_ORDER[h.verdict], -h.score))
        firsts += found[:1]
        rest += found[1:]
    rest.sort(key=lambda h: (_VERDICT_ORDER[h.verdict], -h.score))
    out = (firsts + rest)[:max(k, len(firsts))]
    shown = {h.passage.id for h in out}
    hits = index.search(vector, k + len(shown), texts=[text])[0]
    of_source = {ref.source: ref for ref in cited if ref.source}
    return out + [_hit(claim, vector[0], passage, score, embedder, context, of_source.get(passage.doc))
                  for passage, score in hits if passage.id not in shown][:k]


def _hit(claim, vector, passage, score, embedder, context, ref=None):
    """A LookupHit: the passage's verdict is that of its sentence whose figures most
    speak to the claim's (a conflict, else an agreement)."""
    sentences = passage_claims(passage)
    scores = embedder.embed([s.text for s in sentences]) @ vector if sentences else []
    verdict, reason = "unrelated", "no quantity in it counts the same thing"
    for sentence, s_score in zip(sentences, scores):
        v, r = compare(claim, sentence, float(s_score), context)
        if v == "conflicts" or (v == "agrees" and verdict == "unrelated"):
            verdict, reason = v, r
        if verdict == "conflicts":
            break
    spans = [(q.start - passage.start, q.end - passage.start) for s in sentences for q in s.quantities]
    return LookupHit(passage, score, verdict, reason, spans, ref)


class Citations:
    """What a claim looked up on its own cites (sources.query_citations), among the
    documents of an index. The index's documents are read for their titles, authors,
    years and DOIs once, when a claim first carries a marker: from `documents` where
    given (a --corpus), else from the passages' text. `sources_map` is a map read by
    sources.read_sources_map, as for an audit."""

    def __init__(self, index, documents=(), sources_map=None):
        self.index, self.sources_map = index, sources_map or {}
        indexed = {p.doc for p in index.passages}
        self.documents = [d for d in documents if d.id in indexed]
        self._papers = None

    @property
    def papers(self):
        if self._papers is None:
            known = {d.id for d in self.documents}
            self._papers = [sources.describe(d) for d in self.documents] + sources.papers_from_passages(
                [p for p in self.index.passages if p.doc not in known])
        return self._papers

    def __call__(self, text, statement=None):
        """[sources.Resolution] for each reference the claim `text` cites, in order;
        [R1] and [3] are read as the entries of `statement` (a Document)."""
        if not sources.cites_anything(text):
            return []
        explicit = None
        if statement is not None:
            explicit = sources.map_for(statement, self.sources_map, [Document(p.doc, "") for p in self.papers])
        return sources.query_citations(text, self.papers, statement, explicit)


def default_index_dir():
    value = os.environ.get(config.ENV_INDEX)
    return Path(value) if value else None
