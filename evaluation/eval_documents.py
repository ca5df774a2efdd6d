"""Run the plausibility, reference and structure checks over every REF2014 case study and
report how many findings each check raises, with a random sample of high and medium ones
to read and judge (not a unit test; these checks need no model, so this takes seconds).

    python -m evaluation.eval_documents --sample 30 --out eval-documents.json
"""

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

from claimcheck import extract_claims, iter_documents
from claimcheck.checks import Context, run_checks
from claimcheck.checks.references import document_checks
from evaluation import DATA

CLAIM_CHECKS = ("implausible-amount", "spurious-precision", "count-vs-list", "arithmetic", "parts-and-wholes")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    files = sorted(DATA.glob("uoa*.jsonl.gz"))
    if not files:
        sys.exit(f"no REF2014 data in {DATA}: this evaluation needs ../shared/data/ref2014")
    started = time.perf_counter()
    context = Context()
    findings, docs = [], 0
    for doc in iter_documents(files):
        docs += 1
        for claim in extract_claims(doc):
            findings += [(doc.id, f) for f in run_checks(claim, (), context, only=CLAIM_CHECKS)]
        findings += [(doc.id, f) for f in document_checks(doc, context)]
    counts = Counter((f.check, f.severity) for _, f in findings)
    print(f"{docs} documents, {len(findings)} findings, {time.perf_counter() - started:.1f} s")
    for (check, severity), n in sorted(counts.items()):
        print(f"  {check:24} {severity:7} {n:5}  ({n / docs:.3f} per document)")
    rng = random.Random(args.seed)
    samples = {}
    for severity in ("high", "medium"):
        pool = [(d, f) for d, f in findings if f.severity == severity]
        samples[severity] = rng.sample(pool, min(args.sample, len(pool)))
        print(f"\n{severity} sample: {len(samples[severity])} of {len(pool)}")
        for d, f in samples[severity]:
            print(f"- [{f.check}] {d}: {f.message}\n    > {f.claim.text[:240]}")
    if args.out:
        Path(args.out).write_text(json.dumps({
            "documents": docs, "counts": {f"{c}/{s}": n for (c, s), n in counts.items()},
            "samples": {s: [{"doc": d, **f.to_dict()} for d, f in v] for s, v in samples.items()},
        }, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
