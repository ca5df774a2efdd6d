"""Precision by reading: a random sample of high and medium findings on untouched case
studies, labelled by a reader real / lead / wrong (not a unit test).

The findings come from a run of eval_planted.py (its --out JSON keeps every high and
medium finding on the untouched documents of the split, as "alarms"; a --folder run also
keeps the low ones). When the split has fewer high and medium findings than asked for,
all of them are taken, and the sample is topped up with low numeric conflicts, whose
precision is reported apart.

    # 1. the sample, for the reader (case-study text: write it outside the repository)
    python -m evaluation.eval_findings --run out/folder-validation.json \\
        --to-judge ../judge/findings-validation.tojudge.jsonl
    # 2. the reader writes {"finding": id, "label": "real"|"lead"|"wrong"} lines; keep them
    #    (ids and labels only) in evaluation/labels/findings-validation.jsonl
    # 3. precision at each severity
    python -m evaluation.eval_findings --run out/folder-validation.json \\
        --labels evaluation/labels/findings-validation.jsonl

The reader sees each finding's id, its message and its sentences, never its severity.
real: the document does say two things that cannot both hold (or the finding is right
as stated); lead: worth an auditor's look though not plainly wrong in the text; wrong:
a false alarm. Precision at a severity is the share labelled real, and the share real
or lead, each with its 95% Wilson interval.
"""

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from evaluation.eval_planted import wilson, write_json

SEVERE = ("high", "medium")
LABELS = ("real", "lead", "wrong")


def finding_id(alarm):
    """A finding's name, stable across runs of the same text: document, check and the
    offsets of its spans ("uoa10#12345:numeric-conflict:812:4410")."""
    spans = [alarm["claim"], *alarm.get("evidence", [])]
    return f"{alarm['doc']}:{alarm['check']}:" + ":".join(str(s["start"]) for s in spans)


def load_run(path):
    try:
        run = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        sys.exit(f"{path}: cannot read the run ({err}); give the --out JSON of eval_planted.py")
    if run.get("split") == "sealed" or "alarms" not in run:
        sys.exit(f"{path}: holds no findings (sealed runs keep none); run eval_planted.py on "
                 "the validation or train split")
    return run


def sample(alarms, size, seed, low=()):
    """`size` high and medium findings drawn at random, in a fixed order by seed, each
    once. If the split has fewer, all of them, topped up to `size` with low numeric
    conflicts drawn the same way (their precision is reported apart)."""
    def drawn(findings):
        unique = {finding_id(a): a for a in findings}
        ids = sorted(unique)
        random.Random(seed).shuffle(ids)
        return [unique[i] for i in ids]

    chosen = drawn(a for a in alarms if a["severity"] in SEVERE)[:size]
    lows = drawn(a for a in low if a["check"] == "numeric-conflict" and a["severity"] == "low")
    return chosen + lows[:size - len(chosen)]


def to_judge_rows(chosen):
    return [{"finding": finding_id(a), "check": a["check"], "message": a["message"],
             "claim": a["claim"]["text"],
             "evidence": [e["text"] for e in a.get("evidence", [])][:2]} for a in chosen]


def precision(chosen, labels):
    """Per severity: how many were sampled and labelled, and the shares real and real-or-lead."""
    out = {}
    for severity in (*SEVERE, "high+medium", "low"):
        group = [a for a in chosen if a["severity"] == severity
                 or (severity == "high+medium" and a["severity"] in SEVERE)]
        got = Counter(labels.get(finding_id(a)) for a in group)
        n = sum(got[label] for label in LABELS)
        out[severity] = {"sampled": len(group), "labelled": n, **{k: got[k] for k in LABELS},
                         "precision_real": round(got["real"] / n, 3) if n else None,
                         "precision_real_interval": wilson(got["real"], n),
                         "precision_real_or_lead": round((got["real"] + got["lead"]) / n, 3) if n else None,
                         "precision_real_or_lead_interval": wilson(got["real"] + got["lead"], n)}
        by_check = Counter((a["check"], labels.get(finding_id(a))) for a in group)
        out[severity]["by_check"] = {f"{c} {lab}": v for (c, lab), v in sorted(by_check.items(), key=str)}
    return out


def read_labels(path):
    out = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if row["label"] not in LABELS:
                raise ValueError
            out[row["finding"]] = row["label"]
        except (ValueError, KeyError, TypeError):
            sys.exit(f"{path}:{n}: not a label; write {{\"finding\": ..., \"label\": \"real\"|\"lead\"|\"wrong\"}}")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True, metavar="JSON", help="the --out JSON of eval_planted.py")
    ap.add_argument("--size", type=int, default=120, help="findings to sample (default 120)")
    ap.add_argument("--seed", type=int, default=39)
    ap.add_argument("--to-judge", metavar="JSONL", help="write the sample for the reader here")
    ap.add_argument("--labels", metavar="JSONL", help="the reader's labels: report precision")
    ap.add_argument("--out", metavar="JSON", help="write the precision here")
    args = ap.parse_args(argv)
    run = load_run(args.run)
    chosen = sample(run["alarms"], args.size, args.seed, run.get("low", ()))
    severities = Counter(a["severity"] for a in chosen)
    print(f"{run['split']}: {len(chosen)} findings drawn ({dict(severities)}) of "
          f"{sum(a['severity'] in SEVERE for a in run['alarms'])} high and medium and "
          f"{sum(a['check'] == 'numeric-conflict' for a in run.get('low', ()))} low numeric conflicts")
    if args.to_judge:
        rows = to_judge_rows(chosen)
        random.Random(args.seed).shuffle(rows)  # the order must not tell the severity
        path = Path(args.to_judge)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        tmp.replace(path)
        print(f"{len(rows)} findings for the reader in {path}")
    if args.labels:
        result = precision(chosen, read_labels(args.labels))
        for severity, r in result.items():
            print(f"{severity:12} labelled {r['labelled']}/{r['sampled']}: real {r['real']}, lead "
                  f"{r['lead']}, wrong {r['wrong']}; precision (real) {r['precision_real']} "
                  f"{r['precision_real_interval']}, (real or lead) {r['precision_real_or_lead']} "
                  f"{r['precision_real_or_lead_interval']}")
        if args.out:
            write_json(args.out, {"split": run["split"], "seed": args.seed, "size": args.size,
                                  "precision": result})


if __name__ == "__main__":
    main()
