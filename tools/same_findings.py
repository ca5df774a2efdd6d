"""Run two fixed audits and keep their JSONL findings, to show that a change of layout
changes no finding: run it once with the code before and once with the code after,
then compare the two output folders byte for byte.

    python tools/same_findings.py OUT --code DIR [--work DIR] [--vectors CACHE]
    cmp OUT-before/demo.jsonl OUT-after/demo.jsonl
    cmp OUT-before/batch.jsonl OUT-after/batch.jsonl

The two audits:
  demo   claimcheck audit corpus/ucl-mbt-impact-case-study.txt --corpus corpus/ --format jsonl
  batch  claimcheck audit uoa06-first100.jsonl --format jsonl --skip-bad
         (the first 100 case studies of a training unit of ../shared/data/ref2014,
         written to --work, outside the project, and read by a relative path so that the
         documents' names are the same in every run)

--code is the checkout whose claimcheck is run (put first on PYTHONPATH). Each run gets
its own empty cache folder (OUT/cache), so no result of one run is read back by another;
with --vectors the sentence vectors of an earlier run's cache are copied in first, which
saves encoding and cannot change a finding (a vector is the model's output for a text).
"""

import argparse
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ref2014"
UNIT, COUNT = "uoa06", 100  # a training unit (evaluation/splits.json)
BATCH = f"{UNIT}-first{COUNT}.jsonl"


def write_batch(work):
    """The first COUNT records of UNIT, unchanged, as one JSON Lines file in `work`."""
    source = DATA / f"{UNIT}.jsonl.gz"
    if not source.is_file():
        sys.exit(f"{source}: not found; this comparison needs ../shared/data/ref2014")
    lines = []
    with gzip.open(source, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                lines.append(line if line.endswith("\n") else line + "\n")
            if len(lines) == COUNT:
                break
    target = Path(work) / BATCH
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    tmp.replace(target)
    return target


def audit(code, args, out_file, cache, cwd):
    """`claimcheck audit ARGS` with `code`'s claimcheck; its stderr's closing line."""
    env = dict(os.environ, PYTHONPATH=str(code))
    cmd = [sys.executable, "-m", "claimcheck", "audit", *args, "--format", "jsonl",
           "-o", str(out_file), "--cache", str(cache)]
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # 1: findings at or above --fail-on
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    lines = proc.stderr.strip().splitlines()
    return lines[-1] if lines else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="folder for demo.jsonl, batch.jsonl and this run's cache")
    ap.add_argument("--code", default=str(ROOT), help="the checkout to run [default: this one]")
    ap.add_argument("--work", default=None,
                    help="where the batch file is written [default: OUT's parent]; give the same "
                         "folder to both runs")
    ap.add_argument("--vectors", default=None, metavar="CACHE",
                    help="copy the sentence vectors of this claimcheck cache folder first")
    args = ap.parse_args()
    out = Path(args.out).resolve()
    code = Path(args.code).resolve()
    work = Path(args.work).resolve() if args.work else out.parent
    cache = out / "cache"
    if cache.exists():
        shutil.rmtree(cache)
    out.mkdir(parents=True, exist_ok=True)
    if args.vectors:
        kept = Path(args.vectors) / "embeddings"
        if not kept.is_dir():
            sys.exit(f"{args.vectors}: no embeddings/ folder here; give a claimcheck cache folder")
        shutil.copytree(kept, cache / "embeddings")
    batch = write_batch(work)
    demo = audit(code, ["corpus/ucl-mbt-impact-case-study.txt", "--corpus", "corpus/"],
                 out / "demo.jsonl", cache, cwd=code)
    print(f"demo: {demo}")
    many = audit(code, [batch.name, "--skip-bad"], out / "batch.jsonl", cache, cwd=batch.parent)
    print(f"batch: {many}")


if __name__ == "__main__":
    main()
