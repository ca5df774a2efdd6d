"""Dense retrieval (claimcheck's) against a lexical peer (BM25, with bm25s) and their
reciprocal rank fusion, on REF2014 case studies: speed, agreement, and evidence found.

Passages of --docs case studies (units of assessment not used for tuning) are indexed
both ways; --queries of their numeric claims are the queries. Reported:
- speed: index build and query time for each (dense includes encoding the queries; the
  passages' encoding is reported apart, as it is shared with the audit's index);
- agreement: the share of dense's top 5 that BM25's top 5 also holds;
- evidence: how many queries get, in the top k passages from *other* documents (a
  document's own sentences are always compared in full, so retrieval only matters across
  documents), a sentence the conflict check could use: a quantity that counts the same
  thing (the check's own same_quantity test) in a sentence with similarity at least
  SIMILAR (0.45); for dense, BM25 and the fusion, and how many of those finds each method
  has that dense does not.

    python -m evaluation.bench_lexical --docs 300 --queries 1000 --out bench-lexical.json
"""

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from claimcheck import Embedder, PassageIndex, extract_claims, iter_documents
from claimcheck.checks.sameness import same_quantity
from claimcheck.retrieve.evidence import passage_claims
from claimcheck.retrieve.index import reciprocal_rank_fusion
from claimcheck.retrieve.passages import split_passages
from evaluation import DATA

HELD_OUT = ("uoa13", "uoa16", "uoa20", "uoa22", "uoa24", "uoa27", "uoa31", "uoa33", "uoa36")


SIMILAR = 0.45


def comparable(claim, passage, embedder):
    """Whether the passage holds a sentence the conflict check could use against the
    claim: a quantity counting the same thing, in a sentence at least SIMILAR."""
    sentences = [s for s in passage_claims(passage)
                 if any(same_quantity(q1, q2)
                        for q2 in s.quantities for q1 in claim.quantities)]
    if not sentences:
        return False
    vectors = embedder.embed([claim.text] + [s.text for s in sentences])
    return float(np.max(vectors[1:] @ vectors[0])) >= SIMILAR


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("-k", type=int, default=8)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    try:
        import bm25s
    except ImportError:
        sys.exit("this benchmark needs bm25s: pip install bm25s (or pip install '.[bench]')")
    files = [DATA / f"{u}.jsonl.gz" for u in HELD_OUT if (DATA / f"{u}.jsonl.gz").exists()]
    if not files:
        sys.exit(f"no REF2014 data in {DATA}: this benchmark needs ../shared/data/ref2014")
    docs = []
    for doc in iter_documents(files):
        docs.append(doc)
        if len(docs) >= args.docs:
            break
    passages = [p for d in docs for p in split_passages(d)]
    claims = [c for d in docs for c in extract_claims(d) if c.numeric]
    queries = random.Random(args.seed).sample(claims, min(args.queries, len(claims)))
    texts = [p.text for p in passages]
    print(f"{len(docs)} documents, {len(passages)} passages, {len(queries)} claims as queries")

    embedder = Embedder(cache_dir=Path(tempfile.mkdtemp(prefix="claimcheck-bench-")))
    embedder.embed(["warm up"])
    t = time.perf_counter()
    index = PassageIndex.build(passages, embedder)
    dense_encode = time.perf_counter() - t
    t = time.perf_counter()
    hits = index.search(embedder.embed([q.text for q in queries]), 20)  # dense alone: no texts
    dense_query = time.perf_counter() - t
    dense = [[p.id for p, _ in h] for h in hits]

    t = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
    bm25_build = time.perf_counter() - t
    t = time.perf_counter()
    rows, _ = retriever.retrieve(bm25s.tokenize([q.text for q in queries], stopwords="en", show_progress=False),
                                 k=20, show_progress=False)
    bm25_query = time.perf_counter() - t
    lexical = [[passages[i].id for i in row] for row in rows]
    fused = [reciprocal_rank_fusion([a, b])[:20] for a, b in zip(dense, lexical)]

    by_id = {p.id: p for p in passages}
    agreement = np.mean([len(set(a[:5]) & set(b[:5])) / 5 for a, b in zip(dense, lexical)])
    found = {}
    for name, ranking in (("dense", dense), ("bm25", lexical), ("hybrid", fused)):
        found[name] = []
        for q, ids in zip(queries, ranking):
            others = [by_id[i] for i in ids if by_id[i].doc != q.doc][:args.k]
            found[name].append({p.id for p in others if comparable(q, p, embedder)})
    result = {
        "documents": len(docs), "passages": len(passages), "queries": len(queries), "k": args.k,
        "dense": {"encode_passages_s": round(dense_encode, 1), "query_s": round(dense_query, 2)},
        "bm25": {"build_s": round(bm25_build, 2), "query_s": round(bm25_query, 2)},
        "top5_agreement": round(float(agreement), 3), "evidence": {},
    }
    for name in found:
        with_any = sum(1 for f in found[name] if f)
        beyond = sum(len(f - d) for f, d in zip(found[name], found["dense"]))
        result["evidence"][name] = {"queries_with_comparable": with_any,
                                    "comparable_passages": sum(len(f) for f in found[name]),
                                    "not_found_by_dense": beyond}
    print(f"dense: encode passages {dense_encode:.1f} s, queries {dense_query:.2f} s; "
          f"bm25: build {bm25_build:.2f} s, queries {bm25_query:.2f} s; top-5 agreement {agreement:.3f}")
    print(f"| retrieval (top {args.k} from other documents) | queries with comparable evidence | "
          "comparable passages | of them not found by dense |\n|---|---:|---:|---:|")
    for name, r in result["evidence"].items():
        print(f"| {name} | {r['queries_with_comparable']} | {r['comparable_passages']} | {r['not_found_by_dense']} |")
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
