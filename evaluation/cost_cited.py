"""What a cold audit with cited sources costs against encoding the statement and papers
alone (issue 40's target: at most 1.3 times), on the corpus of synthetic_cited.py.

    python -m evaluation.cost_cited /tmp/cited50 --papers 50 --runs 3

Each run, in turn and each with an empty CLAIMCHECK_CACHE (cold, model loading included):

- index:    claimcheck index statement.txt papers/ -o INDEX       (encoding alone)
- audit:    claimcheck audit statement.txt --corpus papers/ -f jsonl -o findings.jsonl
- uncited:  the same audit with references left unresolved (sources.resolve finding
            nothing), so that the difference is what checking against cited sources costs

CPU time is user + system of the child process (os.wait4), which a loaded machine
disturbs less than wall-clock time; give OMP_NUM_THREADS=1 so that threads waiting on
each other are not counted as work. Then, in this process with the model loaded once
(so without its loading), the same three jobs again: the texts the model encoded, their
WordPiece tokens, and the CPU time of the whole job and of the encoding in it.
Prints tables and the ratios; --out writes JSON.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from evaluation import synthetic_cited

UNCITED = ("import sys; import claimcheck.retrieve.sources as s; s.resolve = lambda *a, **k: []; "
           "from claimcheck.cli import main; sys.argv[0] = 'claimcheck'; main()")


def cpu_seconds(argv, env):
    """(CPU seconds of user + system, wall seconds) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    err = child.stderr.read().decode()
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: findings at or above --fail-on
        raise SystemExit(f"{' '.join(argv)} failed:\n{err}")
    return usage.ru_utime + usage.ru_stime, wall


def in_process(statement, papers, scratch):
    """{job: {texts, tokens, cpu, encode_cpu}} of index, audit and uncited, run here."""
    from claimcheck import pipeline
    from claimcheck.retrieve import build
    from claimcheck.retrieve import sources
    from claimcheck.io.documents import iter_documents
    from claimcheck.retrieve.embeddings import Embedder

    resolve = sources.resolve
    out = {}
    for name in ("index", "audit", "uncited"):
        embedder = Embedder()
        model = embedder.model  # loaded (once for the three) before the clock starts
        tokenizer = model.tokenizer
        counts = {"texts": 0, "tokens": 0, "encode_cpu": 0.0}

        def encode(texts, *args, _encode=model.encode, **kwargs):
            started = time.process_time()
            try:
                return _encode(texts, *args, **kwargs)
            finally:
                counts["encode_cpu"] += time.process_time() - started
                counts["texts"] += len(texts)
                counts["tokens"] += sum(len(ids) for ids in tokenizer(list(texts), truncation=True)["input_ids"])

        model.encode = encode
        embedder._memo.clear()
        sources.resolve = (lambda *a, **k: []) if name == "uncited" else resolve
        cache = Path(tempfile.mkdtemp(prefix=f"inproc-{name}-", dir=scratch))
        try:
            started = time.process_time()
            if name == "index":
                build.build_index(list(iter_documents([statement, papers])), embedder)
            else:
                pipeline.audit([statement], [papers], embedder=embedder, cache_dir=cache)
            counts["cpu"] = time.process_time() - started
        finally:
            del model.encode
            sources.resolve = resolve
            shutil.rmtree(cache)
        out[name] = {k: round(v, 2) if isinstance(v, float) else v for k, v in counts.items()}
        print(f"in process: {name:8} {counts}", file=sys.stderr)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="where the corpus is written (and the runs' scratch folders)")
    parser.add_argument("--papers", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (0: in process only)")
    parser.add_argument("--out", help="write the times as JSON here")
    args = parser.parse_args()
    folder = Path(args.folder)
    synthetic_cited.main(folder, args.papers)
    statement, papers = str(folder / "statement.txt"), str(folder / "papers")
    python = sys.executable
    audit_args = ["audit", statement, "--corpus", papers, "-f", "jsonl", "-q"]
    commands = {
        "index": [python, "-m", "claimcheck", "index", statement, papers, "-q"],
        "audit": [python, "-m", "claimcheck", *audit_args],
        "uncited": [python, "-c", UNCITED, *audit_args],
    }
    times = {name: [] for name in commands}
    for run in range(args.runs):
        for name, argv in commands.items():
            scratch = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=folder))
            env = dict(os.environ, CLAIMCHECK_CACHE=str(scratch / "cache"))
            extra = (["-o", str(scratch / "index")] if name == "index"
                     else ["-o", str(scratch / "findings.jsonl")])
            cpu, wall = cpu_seconds(argv + extra, env)
            times[name].append({"cpu": round(cpu, 2), "wall": round(wall, 2)})
            shutil.rmtree(scratch)
            print(f"run {run + 1} {name:8} cpu {cpu:6.2f} s  wall {wall:6.2f} s", file=sys.stderr)
    mean, ratios = {}, {}
    if args.runs:
        mean = {name: sum(t["cpu"] for t in ts) / len(ts) for name, ts in times.items()}
        print(f"| | {' | '.join(commands)} |\n|---|{'---:|' * len(commands)}")
        print("| CPU s (each run) | " + " | ".join(", ".join(f"{t['cpu']:.1f}" for t in times[n])
                                                for n in commands) + " |")
        print("| CPU s (mean) | " + " | ".join(f"{mean[n]:.1f}" for n in commands) + " |")
        ratios = {"audit/index": mean["audit"] / mean["index"],
                  "uncited/index": mean["uncited"] / mean["index"],
                  "cited share of index": (mean["audit"] - mean["uncited"]) / mean["index"]}
        for name, value in ratios.items():
            print(f"{name}: {value:.2f}")
    here = in_process(statement, papers, folder)
    print(f"\n| in this process | {' | '.join(here)} |\n|---|{'---:|' * len(here)}")
    for key in ("texts", "tokens", "encode_cpu", "cpu"):
        print(f"| {key} | " + " | ".join(str(here[n][key]) for n in here) + " |")
    work = {"audit/index (cpu)": here["audit"]["cpu"] / here["index"]["cpu"],
            "uncited/index (cpu)": here["uncited"]["cpu"] / here["index"]["cpu"],
            "audit/index (tokens encoded)": here["audit"]["tokens"] / here["index"]["tokens"],
            "cited tokens, share of index": (here["audit"]["tokens"] - here["uncited"]["tokens"])
            / here["index"]["tokens"]}
    for name, value in work.items():
        print(f"{name}: {value:.2f}")
    if args.out:
        Path(args.out).write_text(json.dumps({"papers": args.papers, "times": times, "mean_cpu": mean,
                                              "ratios": ratios, "in_process": here, "work": work},
                                             indent=2) + "\n")


if __name__ == "__main__":
    main()
