"""Short general-English pairs through claimcheck (not a unit test): are the rules REF-only?

Each line of evaluation/data/general_pairs.jsonl is a short document of two paragraphs
(separated by a blank line) that states one figure in each:

    {"id": "g002", "text": "The startup raised $8 million ...\\n\\nTwo regional investors ... $3.5m.",
     "label": "conflict", "style": "money", "figures": ["$8 million", "$3.5m"]}

label is "conflict" (both cannot hold), "compatible" (both can: a restatement, bounds that
agree) or "different" (two different things with the same noun). Each text is audited as
a .txt document on its own (claims checked against each other, no corpus); the sentences
of all texts are encoded in one batch first. Reports, per style and in all:

- conflicts found: a finding whose claim and evidence spans hold the two figures, at
  high+medium and at high;
- false alarms: items labelled compatible or different with any high or medium finding.

    python -m evaluation.eval_general --half odd --out out/general-odd.json

`--half odd` keeps the items whose id number is odd (g001, g003, ...), `--half even` the
others: develop on one half and report the other, run once at the end.
"""

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from claimcheck import Embedder, audit_claims, extract_claims, make_document

HERE = Path(__file__).resolve().parent
DEFAULT = HERE / "data" / "general_pairs.jsonl"
SEVERE = ("high", "medium")
LABELS = ("conflict", "compatible", "different")


def read_items(path):
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if item["label"] not in LABELS or len(item["figures"]) != 2:
                raise ValueError
            item["text"], item["id"], item["style"]  # noqa: B018  (all required)
        except (ValueError, KeyError, TypeError):
            sys.exit(f"{path}:{n}: not an item; write {{\"id\", \"text\", \"label\": "
                     f"{'|'.join(LABELS)}, \"style\", \"figures\": [first, second]}}")
        items.append(item)
    return items


def in_half(item, half):
    """Whether the item's id number ("g017" -> 17) is odd or even as `half` asks."""
    digits = "".join(ch for ch in item["id"] if ch.isdigit())
    if not digits:
        return False
    return int(digits) % 2 == (1 if half == "odd" else 0)


def figure_offsets(item):
    """Where the two figures stand: the first as written in the first paragraph, the second
    in the rest. None for a figure that is not found as written (reported, not guessed)."""
    text = item["text"]
    cut = text.find("\n\n")
    cut = len(text) if cut < 0 else cut
    first = text.find(item["figures"][0], 0, cut)
    second = text.find(item["figures"][1], cut)
    return (first if first >= 0 else None), (second if second >= 0 else None)


def links(finding, a, b):
    """Does the finding hold figure a in one of its spans and figure b in another?"""
    spans = [finding.claim, *finding.evidence]
    has_a = [i for i, s in enumerate(spans) if s.start <= a < s.end]
    has_b = [i for i, s in enumerate(spans) if s.start <= b < s.end]
    return any(i != j for i in has_a for j in has_b)


def audit_items(items, embedder):
    """{item id: findings}, each text audited alone, all sentences encoded at once first."""
    docs = [make_document(f"{item['id']}.txt", item["text"]) for item in items]
    claims = [extract_claims(doc) for doc in docs]
    embedder.embed([c.text for doc_claims in claims for c in doc_claims])
    return {item["id"]: audit_claims([doc], doc_claims, embedder)
            for item, doc, doc_claims in zip(items, docs, claims)}


def evaluate(items, findings):
    rows, by_style = [], defaultdict(Counter)
    for item in items:
        a, b = figure_offsets(item)
        found = findings[item["id"]]
        serious = [f for f in found if f.severity in SEVERE]
        linking = [f for f in found if a is not None and b is not None and links(f, a, b)]
        level = min((f.severity for f in linking), key=("high", "medium", "low").index, default="")
        row = {"id": item["id"], "label": item["label"], "style": item["style"],
               "figures_found": a is not None and b is not None, "linked": level,
               "linked_checks": sorted({f.check for f in linking}),
               "high_medium": len(serious), "high": sum(f.severity == "high" for f in serious)}
        rows.append(row)
        c = by_style[(item["label"], item["style"])]
        c["items"] += 1
        c["figures_not_found"] += not row["figures_found"]
        if item["label"] == "conflict":
            c["found_high_medium"] += level in SEVERE
            c["found_high"] += level == "high"
        else:
            c["alarm_high_medium"] += bool(serious)
            c["alarm_high"] += bool(row["high"])
    return rows, by_style


def totals(by_style):
    out = {}
    for label in LABELS:
        c = Counter()
        for (lab, _), counts in by_style.items():
            if lab == label:
                c.update(counts)
        out[label] = dict(c)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", default=str(DEFAULT), help="the pairs (JSON Lines)")
    ap.add_argument("--cache", metavar="DIR", help="keep sentence vectors here across runs")
    ap.add_argument("--out", metavar="JSON", help="write the results here")
    ap.add_argument("--half", choices=("odd", "even"),
                    help="only the items whose id number is odd (develop) or even (report)")
    args = ap.parse_args(argv)
    if not Path(args.items).exists():
        sys.exit(f"{args.items}: no such file; give the pairs with --items")
    items = read_items(args.items)
    if args.half:
        items = [item for item in items if in_half(item, args.half)]
    started = time.perf_counter()
    findings = audit_items(items, Embedder(cache_dir=args.cache))
    rows, by_style = evaluate(items, findings)
    total = totals(by_style)
    seconds = round(time.perf_counter() - started, 1)
    counts = ", ".join(f"{k} {v.get('items', 0)}" for k, v in total.items())
    print(f"{len(items)} items ({counts}); {seconds} s")
    print(f"{'label':11} {'style':22} {'items':>5}  {'found h+m':>9} {'found h':>7}  {'alarm h+m':>9} {'alarm h':>7}")
    for (label, style), c in sorted(by_style.items()) + [((k, "(all)"), Counter(v)) for k, v in total.items()]:
        if label == "conflict":
            cells = f"{c['found_high_medium']:>9} {c['found_high']:>7}  {'':>9} {'':>7}"
        else:
            cells = f"{'':>9} {'':>7}  {c['alarm_high_medium']:>9} {c['alarm_high']:>7}"
        print(f"{label:11} {style:22} {c['items']:>5}  {cells}")
    missing = [r["id"] for r in rows if not r["figures_found"]]
    if missing:
        print(f"figures not found as written (counted as not linked): {', '.join(missing)}")
    if args.out:
        result = {"items": len(items), "half": args.half or "all", "seconds": seconds, "totals": total,
                  "by_style": {f"{k[0]} {k[1]}": dict(v) for k, v in sorted(by_style.items())},
                  "rows": rows, "findings": {k: [f.to_dict() for f in v] for k, v in findings.items()}}
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(args.out + ".tmp")
        tmp.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
        tmp.replace(args.out)


if __name__ == "__main__":
    main()
