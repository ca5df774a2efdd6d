"""Encoding speed: claimcheck's Embedder against plain SentenceTransformer.encode, and
faster ways to run the same model, with how far their results stray.

Texts are real claim sentences from REF2014 case studies (../shared/data/ref2014), or the
sentences of corpus/ when that is missing. Two parts:

1. overhead: texts per second through `Embedder.embed` (no disk cache, fp32) against
   `SentenceTransformer.encode` of the same model on the same texts, in the same
   process, alternating, median of --repeats runs. The target is at most 10% overhead.
2. backends (--backends): the PyTorch fp32 default against bf16 and dynamic int8 in
   PyTorch, and ONNX Runtime and OpenVINO (each at its default precision, and int8)
   running an ONNX export of the model, when those packages are installed
   (pip install '.[bench]'). For each: texts per
   second, speed-up, and top-5 retrieval agreement with the default (claims as queries,
   the other sentences as the corpus: the share of each query's five nearest that stay).

    python -m evaluation.bench_encoding --texts 2000 --backends --out bench-encoding.json
"""

import argparse
import copy
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from claimcheck.retrieve.backends import OnnxEncoder
from evaluation import DATA, ROOT



def sentences(n):
    from claimcheck import extract_claims, iter_documents

    files = sorted(DATA.glob("uoa*.jsonl.gz"))
    if not files:
        print(f"no REF2014 data in {DATA}; using the sentences of corpus/", file=sys.stderr)
        files = [ROOT / "corpus"]
    texts = []
    for doc in iter_documents(files):
        texts += [c.text for c in extract_claims(doc)]
        if len(texts) >= n:
            break
    return list(dict.fromkeys(texts))[:n]


def rate(fn, texts, repeats):
    """Median texts per second of fn(texts), and its last output."""
    times, out = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        out = fn(texts)
        times.append(time.perf_counter() - started)
    return len(texts) / statistics.median(times), out


def overhead(model, texts, repeats):
    from claimcheck import Embedder

    def plain(batch):
        return model.encode(batch, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)

    def ours(batch):  # the same fp32 model; a fresh memo each time, so every text is encoded
        return Embedder(backend="torch").embed(batch)

    Embedder(backend="torch").embed(texts[:8])  # load (once per process) outside the timing
    plain(texts[:64])
    rates = {"plain": [], "claimcheck": []}
    for _ in range(repeats):  # alternate, so drift in the machine's speed hits both
        rates["plain"].append(rate(plain, texts, 1)[0])
        rates["claimcheck"].append(rate(ours, texts, 1)[0])
    plain_rate, ours_rate = (statistics.median(rates[k]) for k in ("plain", "claimcheck"))
    return {"plain_per_s": round(plain_rate, 1), "claimcheck_per_s": round(ours_rate, 1),
            "overhead_pct": round((plain_rate / ours_rate - 1) * 100, 1)}


def agreement(base, other, n_queries, k=5):
    """Mean share of each query's top-k (by the default's vectors) kept by `other`."""
    queries, corpus = slice(0, n_queries), slice(n_queries, None)
    top_a = np.argsort(-(base[queries] @ base[corpus].T), axis=1)[:, :k]
    top_b = np.argsort(-(other[queries] @ other[corpus].T), axis=1)[:, :k]
    return float(np.mean([len(set(a) & set(b)) / k for a, b in zip(top_a, top_b)]))


def backends(model, texts, repeats, n_queries):
    import torch

    def st(m):
        return lambda batch: m.encode(batch, batch_size=64, normalize_embeddings=True,
                                      convert_to_numpy=True).astype(np.float32)

    candidates = {"torch fp32 (reference)": lambda: st(model),
                  "torch-bf16": lambda: st(copy.deepcopy(model).to(torch.bfloat16))}

    def int8():
        q = copy.deepcopy(model)
        q[0].model = torch.ao.quantization.quantize_dynamic(q[0].model, {torch.nn.Linear}, dtype=torch.qint8)
        return st(q)

    candidates["torch int8 (dynamic)"] = int8
    onnx = Path(tempfile.mkdtemp(prefix="claimcheck-onnx-")) / "model.onnx"
    for engine in ("onnxruntime", "openvino"):
        for q in (False, True):
            label = f"{engine} {'int8' if q else '(its default precision)'}"
            candidates[label] = (lambda e=engine, q=q:
                                 (__import__(e), OnnxEncoder(model, onnx, e, q).encode)[1])
    results, base = [], None
    for label, make in candidates.items():
        try:
            fn = make()
            fn(texts[:64])  # warm up
        except ImportError as err:
            results.append({"backend": label, "skipped": f"not installed ({err.name})"})
            continue
        except Exception as err:  # an export or runtime that fails here is reported, not fatal
            results.append({"backend": label, "skipped": f"{type(err).__name__}: {str(err)[:120]}"})
            continue
        per_s, vectors = rate(fn, texts, repeats)
        vectors = np.asarray(vectors, np.float32)
        if base is None:
            base, base_rate = vectors, per_s
        results.append({"backend": label, "per_s": round(per_s, 1),
                        "speedup": round(per_s / base_rate, 2),
                        "top5_agreement": round(agreement(base, vectors, n_queries), 3),
                        "mean_cosine_to_default": round(float(np.mean(np.sum(base * vectors, 1))), 4)})
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--backends", action="store_true", help="also measure other backends")
    ap.add_argument("--queries", type=int, default=300, help="texts used as queries for agreement")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    texts = sentences(args.texts)
    tokens = np.mean([len(t.split()) * 1.3 for t in texts])
    from claimcheck import Embedder

    model = Embedder(backend="torch").model  # the fp32 reference, whatever the default
    result = {"texts": len(texts), "mean_tokens_about": round(float(tokens), 1),
              "overhead": overhead(model, texts, args.repeats)}
    o = result["overhead"]
    print(f"{len(texts)} sentences (about {tokens:.0f} tokens each)")
    print(f"SentenceTransformer.encode {o['plain_per_s']}/s, claimcheck {o['claimcheck_per_s']}/s: "
          f"overhead {o['overhead_pct']}%")
    if args.backends:
        result["backends"] = backends(model, texts, args.repeats, min(args.queries, len(texts) // 3))
        print("| backend | texts/s | speed-up | top-5 agreement | mean cosine |\n|---|---:|---:|---:|---:|")
        for r in result["backends"]:
            if "skipped" in r:
                print(f"| {r['backend']} | skipped: {r['skipped']} | | | |")
            else:
                print(f"| {r['backend']} | {r['per_s']} | {r['speedup']} | {r['top5_agreement']} | "
                      f"{r['mean_cosine_to_default']} |")
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
