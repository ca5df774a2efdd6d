"""Choose the numeric-conflict grades from a permissive evaluation run, offline.

Run eval_conflicts.py once with a low floor, e.g.

    python -m evaluation.eval_conflicts --split tune --docs 460 \\
        --grades '{"low": 0.02}' --out eval-tune.json

then regrade its logged confidences (matching.py's probability that the two figures are
one quantity) for a range of medium thresholds:

    python -m evaluation.sweep_grades eval-tune.json --max-alarms 0.2

It prints recall (high+medium) and high+medium findings per untouched document for each
threshold within --max-alarms. Only findings inside one document are regraded; regrading
is approximate where the limit of conflicts per figure would have kept another pair, so
confirm the choice with a real run.
"""

import argparse
import json


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results")
    ap.add_argument("--max-alarms", type=float, default=0.2)
    args = ap.parse_args()
    r = json.load(open(args.results))
    docs, planted = r["documents"], r["planted"]
    others = sum(1 for a in r["alarms"] if a["check"] != "numeric-conflict" and a["severity"] in ("high", "medium"))
    # figures an order of magnitude apart stay low whatever their confidence
    alarms = [a["values"]["confidence"] for a in r["alarms"]
              if a["check"] == "numeric-conflict" and not a["values"].get("magnitudes_apart")]
    found = [p["values"]["confidence"] for p in r["planted_records"]
             if p.get("values") and not p["values"].get("magnitudes_apart")]
    print(f"{docs} documents, {planted} planted, {others / docs:.3f} alarms per document from other checks")
    for step in range(5, 60):
        cut = step / 100
        per_doc = (sum(c >= cut for c in alarms) + others) / docs
        if per_doc <= args.max_alarms:
            print(f"medium from {cut:.2f}: recall {sum(c >= cut for c in found) / max(1, planted):.3f}, "
                  f"alarms/doc {per_doc:.3f}")


if __name__ == "__main__":
    main()
