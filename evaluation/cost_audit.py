"""What a cold audit of one statement costs against encoding alone (issue 39's target: at
most 1.3 times, heading for 1.1), as paired runs of whole commands.

    OMP_NUM_THREADS=1 python -m evaluation.cost_audit --runs 6          # the demo
    OMP_NUM_THREADS=1 python -m evaluation.cost_audit STATEMENT CORPUS --runs 6

Each pair runs, in turn and each with an empty CLAIMCHECK_CACHE (cold, model loading
included):

- index:  claimcheck index CORPUS -o INDEX                 (reading and encoding alone)
- audit:  claimcheck audit STATEMENT --corpus CORPUS -f jsonl -o findings.jsonl

CPU time is user + system of the child process (see cost_cited.cpu_seconds). The ratio is
taken pair by pair, so that a machine whose speed drifts during the runs still gives a
fair one; the median of the pairs is the figure to quote, the spread says how noisy the
machine was. Then, in this process, what loading the dependency parse costs (the first
use of parse/syntax.py: import and load, see docs/performance.md). --out writes JSON.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from evaluation.cost_cited import cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
DEMO = (ROOT / "corpus" / "ucl-mbt-impact-case-study.txt", ROOT / "corpus")


def parse_load_seconds():
    """CPU seconds of the parse pipeline's first use in this process (import and load),
    with the embedding model's libraries imported first, as in an audit."""
    import sentence_transformers  # noqa: F401  (what an audit has imported by then)

    from claimcheck.parse import syntax

    started = time.process_time()
    syntax._pipeline()
    return time.process_time() - started


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("statement", nargs="?", default=str(DEMO[0]))
    ap.add_argument("corpus", nargs="?", default=str(DEMO[1]))
    ap.add_argument("--runs", type=int, default=5, help="pairs of runs (default 5)")
    ap.add_argument("--out", default=None, help="write the figures as JSON here")
    args = ap.parse_args()
    if "OMP_NUM_THREADS" not in os.environ:
        print("note: OMP_NUM_THREADS is not set; threads waiting on each other count as CPU",
              file=sys.stderr)
    claimcheck = [sys.executable, "-m", "claimcheck"]
    index, audit, ratios = [], [], []
    with tempfile.TemporaryDirectory(prefix="cost-audit-") as scratch:
        for run in range(args.runs):
            times = {}
            for name in ("index", "audit"):
                folder = Path(scratch) / f"{name}{run}"
                folder.mkdir()
                env = {**os.environ, "CLAIMCHECK_CACHE": str(folder / "cache")}
                argv = claimcheck + (["index", args.corpus, "-o", str(folder / "index"), "-q"]
                                     if name == "index" else
                                     ["audit", args.statement, "--corpus", args.corpus,
                                      "-f", "jsonl", "-q", "-o", str(folder / "findings.jsonl")])
                times[name] = cpu_seconds(argv, env)[0]
            index.append(times["index"])
            audit.append(times["audit"])
            ratios.append(times["audit"] / times["index"])
            print(f"pair {run + 1}: index {times['index']:.1f} s, audit {times['audit']:.1f} s, "
                  f"ratio {ratios[-1]:.3f}", file=sys.stderr)
    load = parse_load_seconds()
    figures = {
        "statement": args.statement, "corpus": args.corpus, "pairs": args.runs,
        "index_cpu_median": statistics.median(index), "audit_cpu_median": statistics.median(audit),
        "ratio_median": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
        "parse_load_cpu": load,
    }
    print(f"cold audit / encoding alone: median {figures['ratio_median']:.3f} "
          f"({figures['ratio_min']:.3f}-{figures['ratio_max']:.3f}) over {args.runs} pairs; "
          f"index {figures['index_cpu_median']:.1f} s, audit {figures['audit_cpu_median']:.1f} s "
          f"of CPU (medians); loading the parse {load:.2f} s")
    if args.out:
        Path(args.out).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
