"""Audit every REF2014 case study in one batch, as a user would, and measure it.

Runs `claimcheck audit ../shared/data/ref2014/ --format jsonl` in a child process with an
empty cache (cold); then again with the cache it left (warm: unchanged input, so the
results are read back); then once more with only the results cache removed (recheck:
vectors, claims and index cached, every check run again) (neither with --cold-only).
Reports documents per minute, peak memory (the child's maximum resident set) and the
findings by check and severity. Writes JSON with --out.

    python -m evaluation.batch_audit --out batch-audit.json
    python -m evaluation.batch_audit --files 1 --cold-only     # one unit of assessment
    python -m evaluation.batch_audit --vectors eval-cache        # start from kept vectors

With --vectors the first run starts from the sentence vectors of an earlier cache folder
(for example the evaluation's --cache): it encodes only what that folder lacks, so it is
reported as "seeded", not cold. Its findings are the same as a cold run's.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from evaluation import DATA

SEVERITIES = ("high", "medium", "low")


def run(paths, cache, out_file):
    """One audit in a child process: (seconds, peak RSS in MB, closing summary line)."""
    claimcheck = Path(sys.executable).with_name("claimcheck")
    cmd = [str(claimcheck), "audit", *map(str, paths), "--format", "jsonl", "-o", str(out_file),
           "--skip-bad", "--cache", str(cache)]
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory
        seconds = time.perf_counter() - started
        err.seek(0)
        stderr = err.read()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"audit failed ({code}):\n{stderr[-2000:]}")
    peak = usage.ru_maxrss / 1024
    summary = [line for line in stderr.splitlines() if " documents, " in line]
    return seconds, peak, summary[-1] if summary else ""


def table(findings):
    """Findings by check (rows) and severity (columns), as Markdown."""
    counts = Counter((f["check"], f["severity"]) for f in findings)
    checks = sorted({c for c, _ in counts}, key=lambda c: -sum(counts[c, s] for s in SEVERITIES))
    lines = ["| check | high | medium | low | total |", "|---|---:|---:|---:|---:|"]
    for c in checks:
        row = [counts[c, s] for s in SEVERITIES]
        lines.append(f"| {c} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    row = [sum(counts[c, s] for c in checks) for s in SEVERITIES]
    lines.append("| **all** | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=None, help="only the first N uoa files")
    ap.add_argument("--cold-only", action="store_true", help="skip the warm re-run")
    ap.add_argument("--out", default=None, help="write the figures here as JSON")
    ap.add_argument("--findings", default=None, help="keep the cold run's findings (JSONL) here")
    ap.add_argument("--vectors", default=None, metavar="DIR",
                    help="start from the sentence vectors in this cache folder (a copy is used)")
    args = ap.parse_args()
    files = sorted(DATA.glob("uoa*.jsonl.gz"))[: args.files]
    if not files:
        sys.exit(f"no REF2014 data in {DATA}: this benchmark needs ../shared/data/ref2014")
    docs = sum(1 for f in files for _ in __import__("gzip").open(f, "rt"))
    with tempfile.TemporaryDirectory() as tmp:
        cache, out_file = Path(tmp) / "cache", Path(args.findings or Path(tmp) / "findings.jsonl")
        first = "cold"
        if args.vectors:
            kept = Path(args.vectors) / "embeddings"
            if not kept.is_dir():
                sys.exit(f"{args.vectors}: no embeddings/ folder here; give a claimcheck cache folder")
            shutil.copytree(kept, cache / "embeddings")
            first = "seeded"
        cold = run(files, cache, out_file)
        records = [json.loads(line) for line in out_file.read_text().splitlines() if line.strip()]
        findings = [r for r in records if "type" not in r]  # not the references' records
        warm = recheck = None
        if not args.cold_only:
            warm = run(files, cache, Path(tmp) / "warm.jsonl")
            shutil.rmtree(cache / "results")  # vectors, claims and index stay: the checks run again
            recheck = run(files, cache, Path(tmp) / "recheck.jsonl")
    result = {"documents": docs, "files": [f.name for f in files], "cpus": os.cpu_count(),
              "findings": len(findings),
              "by_severity": dict(Counter(f["severity"] for f in findings)),
              "by_check": dict(Counter(f["check"] for f in findings).most_common())}
    for name, run_ in ((first, cold), ("warm", warm), ("recheck", recheck)):
        if run_:
            seconds, peak, summary = run_
            result[name] = {"seconds": round(seconds, 1), "docs_per_minute": round(docs / seconds * 60, 1),
                            "peak_rss_mb": round(peak), "summary": summary}
    print(f"{docs} documents from {len(files)} files")
    for name in ("cold", "seeded", "warm", "recheck"):
        if name in result:
            r = result[name]
            print(f"{name}: {r['seconds']} s, {r['docs_per_minute']} documents/min, peak RSS {r['peak_rss_mb']} MB")
    print(table(findings))
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
