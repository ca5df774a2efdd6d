"""Choose the numeric-conflict grades from a permissive evaluation run, offline.

Run eval_conflicts.py once with a low floor, e.g.

    python benchmarks/eval_conflicts.py --split tune --docs 460 \\
        --grades '{"low": [0.3, 0.15], "anchor": 0.35}' --out eval-tune.json

then regrade its logged scores for a grid of grade tables:

    python benchmarks/sweep_grades.py eval-tune.json --max-alarms 0.2

It prints the tables with the best recall (high+medium) whose high+medium findings per
untouched document stay within --max-alarms. Regrading is approximate where one finding
per figure would have kept another pair; confirm the choice with a real run.
"""

import argparse
import itertools
import json

from claimcheck.checks.conflicts import grade


def regrade(values, table):
    from claimcheck.checks import conflicts

    saved = dict(conflicts.GRADES)
    conflicts.GRADES.update(table)
    try:
        return grade(values["similarity"], values["local_similarity"], values["anchor"], values["bar"])
    finally:
        conflicts.GRADES.clear()
        conflicts.GRADES.update(saved)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results")
    ap.add_argument("--max-alarms", type=float, default=0.2)
    args = ap.parse_args()
    r = json.load(open(args.results))
    docs = r["documents"]
    planted = r["planted"]
    others = sum(1 for a in r["alarms"] if a["check"] != "numeric-conflict" and a["severity"] in ("high", "medium"))
    conflicts = [a["values"] for a in r["alarms"] if a["check"] == "numeric-conflict"]
    found = [p["values"] for p in r["planted_records"] if p.get("values")]
    rows = []
    grid = itertools.product((0.65, 0.7, 0.75, 0.8), (0.3, 0.4, 0.5), (0.45, 0.5, 0.55, 0.6, 0.65),
                             (0.3, 0.4, 0.5, 0.6), (0.35, 0.45, 0.55, 0.65))
    for hs, hl, ms, ml, anchor in grid:
        table = {"high": (hs, hl), "medium": (ms, ml), "low": (0.3, 0.15), "anchor": anchor}
        hm = lambda v: regrade(v, table) in ("high", "medium")
        alarms = (sum(map(hm, conflicts)) + others) / docs
        recall = sum(map(hm, found)) / max(1, planted)
        rows.append((recall, -alarms, table))
    ok = sorted((row for row in rows if -row[1] <= args.max_alarms), key=lambda x: (x[0], x[1]), reverse=True)
    print(f"{docs} documents, {planted} planted, {others / docs:.3f} alarms per document from other checks")
    for recall, alarms, table in ok[:8]:
        print(f"recall {recall:.3f}  alarms/doc {-alarms:.3f}  {table}")
    if not ok:
        print("no table meets --max-alarms; the lowest:", min(rows, key=lambda x: -x[1]))


if __name__ == "__main__":
    main()
