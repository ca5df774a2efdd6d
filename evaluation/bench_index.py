"""Index kinds at 10k, 100k and 1M passages: build time, query time and recall@10
against exact search, for flat (exact), IVF and HNSW, on 384-dimensional unit vectors.

The vectors are synthetic (a mixture of 2,000 clusters, noise as large as the centre,
normalised: like sentence embeddings, they bunch by topic, members at cosine about 0.5), or real with --vectors FILE.npy (e.g. saved
from the vector cache). Queries come from the same mixture. The numbers chose
claimcheck.retrieve.index.choose_kind: flat below its threshold, IVF above.

    python -m evaluation.bench_index --sizes 10000 100000 1000000 --out bench-index.json
"""

import argparse
import json
import time
from pathlib import Path

import faiss
import numpy as np

from claimcheck.retrieve.index import IVF_NPROBE, ivf_lists

DIM = 384


def mixture(n, rng, centres):
    picks = rng.integers(0, len(centres), n)
    v = centres[picks] + rng.standard_normal((n, DIM), dtype=np.float32) / np.sqrt(DIM)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def recall(found, truth, k=10):
    return float(np.mean([len(set(a[:k]) & set(b[:k])) / k for a, b in zip(found, truth)]))


def measure(name, index, data, queries, truth, k, train=None):
    started = time.perf_counter()
    if train is not None:
        index.train(train)
    index.add(data)
    build = time.perf_counter() - started
    started = time.perf_counter()
    _, rows = index.search(queries, k)
    per_query_ms = (time.perf_counter() - started) / len(queries) * 1000
    return {"kind": name, "build_s": round(build, 2), "query_ms": round(per_query_ms, 3),
            "recall_at_10": round(recall(rows, truth), 4) if truth is not None else 1.0}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--vectors", default=None, help="real vectors (.npy) instead of synthetic ones")
    ap.add_argument("--hnsw-m", type=int, default=32)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    rng = np.random.default_rng(7)
    centres = rng.standard_normal((2000, DIM), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    real = np.load(args.vectors).astype(np.float32) if args.vectors else None
    k, results = 10, []
    print("| passages | kind | build s | ms/query | recall@10 |\n|---:|---|---:|---:|---:|")
    for n in args.sizes:
        if real is not None:
            n = min(n, len(real) - args.queries)
            data, queries = real[:n], real[n:n + args.queries]
        else:
            data, queries = mixture(n, rng, centres), mixture(args.queries, rng, centres)
        exact = faiss.IndexFlatIP(DIM)
        row = measure("flat (exact)", exact, data, queries, None, k)
        _, truth = exact.search(queries, k)
        rows = [row]
        nlist = ivf_lists(n)
        ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(DIM), DIM, nlist, faiss.METRIC_INNER_PRODUCT)
        ivf.nprobe = IVF_NPROBE
        sample = data[rng.choice(n, min(n, nlist * 40), replace=False)]
        rows.append(measure(f"IVF{nlist} nprobe {IVF_NPROBE}", ivf, data, queries, truth, k, train=sample))
        hnsw = faiss.IndexHNSWFlat(DIM, args.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction, hnsw.hnsw.efSearch = 40, 64
        rows.append(measure(f"HNSW{args.hnsw_m} efSearch 64", hnsw, data, queries, truth, k))
        for r in rows:
            r["passages"] = n
            print(f"| {n:,} | {r['kind']} | {r['build_s']} | {r['query_ms']} | {r['recall_at_10']} |", flush=True)
        results += rows
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
