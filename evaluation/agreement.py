"""How far two readers agree (not a unit test): Cohen's kappa and the raw agreement of two
label files of the same items, and, given a run of eval_planted.py, the recall on the pairs
both readers judged one quantity.

    python -m evaluation.agreement evaluation/labels/planted-validation.jsonl ../judge/second.jsonl
    python -m evaluation.agreement A.jsonl B.jsonl --run out/planted-validation.json
    python -m evaluation.agreement A.jsonl B.jsonl --field label      # findings: real/lead/wrong

The labels are read as eval_planted reads them ({"pair"|"finding": id, FIELD: label});
only items both files label are compared.
"""

import argparse
import json
from collections import Counter
from pathlib import Path

from evaluation.eval_planted import load_labels, wilson

SEVERE = ("high", "medium")


def kappa(pairs):
    """Cohen's kappa of [(label a, label b)]: agreement beyond what chance would give."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("first")
    ap.add_argument("second")
    ap.add_argument("--field", default="one_quantity", help="the label's field [default: one_quantity]")
    ap.add_argument("--run", metavar="JSON", help="eval_planted.py --out of a non-sealed split: "
                                                  "recall on the pairs both judged one quantity")
    args = ap.parse_args(argv)
    a, b = load_labels(args.first, args.field), load_labels(args.second, args.field)
    common = sorted(set(a) & set(b))
    pairs = [(json.dumps(a[k]), json.dumps(b[k])) for k in common]
    k = kappa(pairs)
    same = sum(x == y for x, y in pairs)
    print(f"{len(common)} items labelled by both: the same label on {same} "
          f"({same / max(len(common), 1):.2f}); Cohen's kappa {k:.2f}" if k is not None else "no items")
    table = Counter(pairs)
    for (x, y), n in sorted(table.items(), key=lambda kv: -kv[1]):
        print(f"  first {x:>7} / second {y:>7}: {n}")
    if args.run:
        run = json.loads(Path(args.run).read_text())
        records = {r["pair"]: r for r in run.get("plants_records", [])}
        both = [p for p in common if a[p] is True and b[p] is True and p in records]
        found = sum(records[p]["found"] in SEVERE for p in both)
        high = sum(records[p]["found"] == "high" for p in both)
        lo, hi = wilson(found, len(both))
        print(f"judged one quantity by both: {len(both)} pairs; found at high+medium {found} "
              f"({found / max(len(both), 1):.3f} [{lo}, {hi}]), at high {high}")


if __name__ == "__main__":
    main()
