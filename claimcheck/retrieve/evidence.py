"""Claims to evidence: the sentences elsewhere that speak of the same thing.

For each claim, the evidence is drawn from two places: the claim's own document (every
other claim in it, so a document is always checked against itself in full) and the top-k
passages the index returns for the claim (the corpus). Inside each passage the sentences
that carry quantities are scored against the claim by cosine similarity; the claim's own
sentence is never its own evidence. The best `limit` above `min_score` are kept, and
besides them every sentence of the claim's document that counts something the claim
counts (however unlike the two read: the checks weigh that).
"""

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from claimcheck.parse.claims import Claim, claims_in_text


@dataclass(frozen=True)
class Evidence:
    claim: Claim  # the evidence sentence, read as a claim (its quantities parsed)
    score: float  # cosine similarity between the two sentences
    via: str  # "document" (same document), "index" (a retrieved passage), "cited" (a
    # sentence of a source the claim's sentence cites) or "attributed" (of a source its
    # paragraph cites)
    reference: str = ""  # for "cited" and "attributed": the label of the reference ("R1")


def _key(claim):
    return (claim.doc, claim.start, claim.end)


def passage_claims(passage, claims_of=None):
    """The quantity-bearing sentences of a passage, with document offsets: taken from
    its document's claims when `claims_of(doc id)` has them, else parsed from the text."""
    known = claims_of(passage.doc) if claims_of else None
    if known is not None:
        return [c for c in known if c.numeric and passage.start <= c.start and c.end <= passage.end]
    return claims_in_text(passage.doc, passage.text, passage.start,
                          lambda _offset: passage.section, only_numeric=True)


def gather_evidence(claims, embedder, index=None, *, k=8, peers=None, min_score=0.2, limit=30,
                    claims_of=None, cited=None):
    """A list of Evidence for each claim, best first (none for a claim with no quantity
    other than a year: no check compares those).

    `peers` are claims whose documents should be checked in full against each other
    (defaults to `claims` themselves); `index`, if given, adds its top-k passages, whose
    sentences come from `claims_of(doc id)` where it knows the document. `cited` maps a
    claim's id to the sources it cites, ((label, doc id, explicit), ...) (see
    sources.cited_sources): every quantity-bearing sentence of those documents is its
    evidence, however unlike the claim it reads, as "cited" (or "attributed").
    """
    claims = list(claims)
    peers = claims if peers is None else list(peers)
    by_doc = defaultdict(list)
    for peer in peers:
        if peer.numeric:
            by_doc[peer.doc].append(peer)

    # only claims with a quantity other than a year have anything to compare
    wanted = [i for i, c in enumerate(claims) if c.numeric]
    candidates = [[] for _ in claims]
    labels = {}  # (claim index, sentence key) -> the reference it is read under
    for i in wanted:
        candidates[i] = [(p, "document") for p in by_doc.get(claims[i].doc, ())
                         if _key(p) != _key(claims[i])]
        for label, source, explicit in (cited or {}).get(claims[i].id, ()):
            for p in (claims_of(source) if claims_of else None) or ():
                if p.numeric and (i, _key(p)) not in labels:
                    labels[i, _key(p)] = label
                    candidates[i].append((p, "cited" if explicit else "attributed"))
    claim_vectors = embedder.embed([c.text for c in claims]) if claims else None
    if index is not None and len(index) and wanted:
        in_passage = {}
        hits_of = index.search(claim_vectors[wanted], k, texts=[claims[i].text for i in wanted])
        for i, hits in zip(wanted, hits_of):
            have = {_key(p) for p, _ in candidates[i]} | {_key(claims[i])}
            for passage, _score in hits:
                if passage.id not in in_passage:
                    in_passage[passage.id] = passage_claims(passage, claims_of)
                for found in in_passage[passage.id]:
                    if _key(found) not in have:
                        have.add(_key(found))
                        candidates[i].append((found, "index"))

    texts = list(dict.fromkeys(p.text for cands in candidates for p, _ in cands))
    if not texts:
        return [[] for _ in claims]
    row = {t: i for i, t in enumerate(texts)}
    matrix = embedder.embed(texts)
    counted_in = {}  # what each candidate sentence counts, worked out once
    for cands in candidates:
        for p, via in cands:
            if via == "document" and _key(p) not in counted_in:
                counted_in[_key(p)] = {q.counts for q in p.numeric}
    out = []
    for i, cands in enumerate(candidates):
        if not cands:
            out.append([])
            continue
        scores = matrix[[row[p.text] for p, _ in cands]] @ claim_vectors[i]
        ranked = sorted(zip(scores.tolist(), range(len(cands))), key=lambda x: -x[0])
        counted = {q.counts for q in claims[i].numeric if q.head}
        out.append([
            Evidence(cands[j][0], float(s), cands[j][1], labels.get((i, _key(cands[j][0])), ""))
            for n, (s, j) in enumerate(ranked)
            if (n < limit and s >= min_score) or cands[j][1] in ("cited", "attributed")
            or (cands[j][1] == "document" and counted & counted_in[_key(cands[j][0])])
        ])
    return out


def similarity(embedder, a, b):
    vectors = embedder.embed([a, b])
    return float(np.dot(vectors[0], vectors[1]))
