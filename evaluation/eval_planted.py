"""Planted conflicts on pairs chosen without claimcheck, judged by a reader (not a unit test).

The headline evaluation of the numeric checks. Unlike eval_conflicts.py, which plants only
into pairs that claimcheck's own parser already reads as one quantity (so whatever the
parser gets wrong cannot show up as a miss), the pairs here are mined by a plain reading
that shares no code with claimcheck (evaluation/planted.py): the same figure followed by
the same next word in two different sentences of a case study's summary, underpinning
research and details. A reader judges each pair, from its two sentences alone and before
any run, to be one quantity stated twice or not; recall is reported on the pairs judged
one quantity, with its 95% Wilson interval. See docs/evaluation.md.

Steps (the data lives in ../shared/data/ref2014, never copied into the project):

    # 1. the pairs, for the reader (case-study text: write it outside the repository)
    python -m evaluation.eval_planted --split validation --to-judge ../judge/planted-validation.tojudge.jsonl
    # 2. the reader writes {"pair": ..., "one_quantity": true|false|null} lines; keep them
    #    (ids and labels only) in evaluation/labels/planted-validation.jsonl
    # 3. the run: plants, audits the planted copies and the untouched documents
    python -m evaluation.eval_planted --split validation --cache ~/.cache/claimcheck-eval \\
        --out out/planted-validation.json

The sealed split runs only with --release, and then prints and writes aggregate figures
only (no findings, no text).
"""

import argparse
import gzip
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

from evaluation import DATA, LABELS, SPLITS
from evaluation import planted as P  # the miner and planter: nothing from claimcheck

SEVERE = ("high", "medium")


def split_units(split):
    try:
        return json.loads(SPLITS.read_text())[split]
    except (OSError, ValueError, KeyError) as err:
        sys.exit(f"{SPLITS}: cannot read split {split!r} ({err})")


def records(split, data=DATA):
    """(document id "uoa10#12345", record) of every case study of the split's units."""
    units = split_units(split)
    missing = [u for u in units if not (data / f"{u}.jsonl.gz").exists()]
    if missing:
        sys.exit(f"no REF2014 data for {', '.join(missing)} in {data}: this evaluation needs "
                 "../shared/data/ref2014")
    for unit in units:
        with gzip.open(data / f"{unit}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    yield f"{unit}#{record.get('CaseStudyId')}", record


def mined(split, per_doc):
    """(document id, text, pairs) for each case study of the split."""
    for doc_id, record in records(split):
        text, spans = P.assemble(record)
        yield doc_id, text, P.mine(doc_id, text, spans, per_doc)


def write_to_judge(path, split, per_doc):
    """One line per pair for the reader: its id and the two original sentences with the
    figures marked; nothing about how it will be planted or whether it is found."""
    rows = [{"pair": p.id, "a": P.marked(text, p.first), "b": P.marked(text, p.second)}
            for _, text, pairs in mined(split, per_doc) for p in pairs]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    tmp.replace(path)
    return len(rows)


def load_labels(path, field="one_quantity"):
    """{id: label} from a file of {"pair"|"finding": id, field: label} lines ({} if absent)."""
    path = Path(path)
    if not path.exists():
        return {}
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out[row.get("pair") or row["finding"]] = row[field]
        except (ValueError, KeyError, TypeError):
            sys.exit(f"{path}:{n}: not a label line; write {{\"pair\": ..., \"{field}\": ...}}")
    return out


def wilson(found, n, z=1.96):
    """The 95% Wilson interval of found/n (plants counted as independent draws; with up
    to three pairs per document they are not quite, and the true interval is wider)."""
    if not n:
        return [0.0, 1.0]
    p = found / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [round(centre - half, 3), round(centre + half, 3)]


def _covers(finding, offset):
    return any(s.start <= offset < s.end for s in [finding.claim, *finding.evidence])


def links(finding, planted_at, partners):
    """Does the finding connect the planted figure with one of its partners? A numeric
    conflict or any other finding whose claim and evidence spans hold both figures, in
    two different spans (one sentence holding both is no link)."""
    spans = [finding.claim, *finding.evidence]
    mine = [i for i, s in enumerate(spans) if s.start <= planted_at < s.end]
    theirs = [i for i, s in enumerate(spans) for at in partners if s.start <= at < s.end]
    return any(i != j for i in mine for j in theirs)


class Auditor:
    """claimcheck's library API, one document at a time (each checked against itself, as
    `claimcheck audit` checks a document with no corpus), with a shared vector cache."""

    def __init__(self, cache):
        from claimcheck import Embedder, audit_claims, extract_claims, make_document
        import claimcheck

        self.version = claimcheck.__version__
        self._extract, self._make, self._audit = extract_claims, make_document, audit_claims
        self.embedder = Embedder(cache_dir=cache)
        self.mismatched = 0

    def __call__(self, doc_id, text):
        doc = self._make(doc_id, text)
        if doc.text != text:  # claimcheck's offsets would not be ours
            self.mismatched += 1
        return self._audit([doc], self._extract(doc), self.embedder)


def folder_alarms(split, cache, workdir):
    """The untouched documents of the split audited as one folder, as `claimcheck audit
    FOLDER` does: each document checked against itself and against the others (through
    the index). Writes each document's text as a .txt file in `workdir` (outside the
    repository: it is case-study text). Returns (documents, every finding with its
    document id)."""
    from claimcheck import Embedder, audit

    folder = Path(workdir) / split
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    for doc_id, record in records(split):
        text, _ = P.assemble(record)
        name = doc_id.replace("#", "-") + ".txt"
        names[str(folder / name)] = doc_id
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    result = audit([str(folder)], embedder=Embedder(cache_dir=cache), cache_dir=cache)
    found = [{"doc": names.get(f.claim.doc, f.claim.doc), **f.to_dict()} for f in result.findings]
    return len(result.documents), found


def folder_summary(n_docs, alarms):
    docs = max(1, n_docs)
    numeric = [a for a in alarms if a["check"] == "numeric-conflict"]
    return {"documents": n_docs,
            "high_medium_per_doc": round(len(alarms) / docs, 3),
            "high_per_doc": round(sum(a["severity"] == "high" for a in alarms) / docs, 3),
            "numeric_high_medium_per_doc": round(len(numeric) / docs, 3),
            "numeric_high_per_doc": round(sum(a["severity"] == "high" for a in numeric) / docs, 3),
            "across_documents": sum(any(e["doc"] != a["claim"]["doc"] for e in a.get("evidence", []))
                                    for a in alarms)}


def best(findings):
    order = {"high": 0, "medium": 1, "low": 2}
    return min(findings, key=lambda f: order[f.severity]) if findings else None


def _rate(found, n):
    return {"found": found, "of": n, "recall": round(found / n, 3) if n else None,
            "interval": wilson(found, n)}


def summarise(plants, untouched, by_check, judged):
    """The figures of a run, aggregate only."""
    out = {"documents": untouched["docs"], "pairs": untouched["pairs"], "plants": len(plants)}
    one = [p for p in plants if judged.get(p["pair"]) is True]
    out["judged"] = {"plants_judged": sum(p["pair"] in judged for p in plants),
                     "one_quantity": len(one),
                     "not_one": sum(judged.get(p["pair"]) is False for p in plants),
                     "unsure": sum(p["pair"] in judged and judged[p["pair"]] is None for p in plants)}
    for name, group in (("judged_one_quantity", one), ("all_plants", plants)):
        out[name] = {
            "high_medium": _rate(sum(p["found"] in SEVERE for p in group), len(group)),
            "high": _rate(sum(p["found"] == "high" for p in group), len(group)),
            "any": _rate(sum(bool(p["found"]) for p in group), len(group)),
            "by_style": {s: {"of": sum(p["style"] == s for p in group),
                             "high_medium": sum(p["style"] == s and p["found"] in SEVERE for p in group),
                             "high": sum(p["style"] == s and p["found"] == "high" for p in group)}
                         for s in sorted({p["style"] for p in group})},
        }
    docs = max(1, untouched["docs"])
    out["false_alarms"] = {
        "high_medium_per_doc": round(untouched["high_medium"] / docs, 3),
        "high_per_doc": round(untouched["high"] / docs, 3),
        "numeric_high_medium_per_doc": round(untouched["numeric_high_medium"] / docs, 3),
        "numeric_high_per_doc": round(untouched["numeric_high"] / docs, 3),
        "high_medium_by_check": dict(by_check),
    }
    return out


def run(args, judged):
    auditor = Auditor(args.cache)
    plants, alarms = [], []
    untouched, by_check = Counter(), Counter()
    n_docs = 0
    started = time.perf_counter()
    for doc_id, text, pairs in mined(args.split, args.per_doc):
        n_docs += 1
        if args.docs and n_docs > args.docs:
            break
        findings = auditor(doc_id, text)
        untouched["docs"] += 1
        for f in findings:
            if f.severity in SEVERE:
                untouched["high_medium"] += 1
                by_check[f"{f.check} {f.severity}"] += 1
                untouched["high"] += f.severity == "high"
                if f.check == "numeric-conflict":
                    untouched["numeric_high_medium"] += 1
                    untouched["numeric_high"] += f.severity == "high"
                alarms.append({"doc": doc_id, **f.to_dict()})
        untouched["pairs"] += len(pairs)
        for pair in pairs:
            plant = P.plant(text, pair)
            if plant is None:
                continue
            shift = plant.shift
            partners = [f.start + (shift if f.start > plant.at else 0)
                        for f in (plant.partner, *pair.others)]
            found = [f for f in auditor(doc_id, plant.apply(text)) if links(f, plant.at, partners)]
            conflict = [f for f in found if f.check == "numeric-conflict"] or found
            top = best(conflict)
            plants.append({"pair": pair.id, "style": plant.style, "old": plant.old, "new": plant.new,
                           "partner_bound": plant.partner_bound,
                           "found": top.severity if top else "", "check": top.check if top else "",
                           "confidence": top.values.get("confidence") if top else None,
                           "with_partner": bool(top and links(top, plant.at, partners[:1]))})
        if n_docs % 25 == 0:
            print(f"{n_docs} documents, {len(plants)} plants, "
                  f"{sum(p['found'] in SEVERE for p in plants)} found (high+medium), "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    result = {"split": args.split, "claimcheck": auditor.version, **summarise(plants, untouched, by_check, judged),
              "seconds": round(time.perf_counter() - started, 1),
              "offsets_mismatched": auditor.mismatched}
    return result, plants, alarms


def show(result):
    j, a, f = result["judged"], result["judged_one_quantity"], result["false_alarms"]
    print(f"split {result['split']} (claimcheck {result['claimcheck']}): {result['documents']} "
          f"documents, {result['pairs']} pairs, {result['plants']} planted; judged {j['plants_judged']}: one quantity "
          f"{j['one_quantity']}, not {j['not_one']}, unsure {j['unsure']}")
    print(f"{'measure':44} {'found':>9} {'recall':>7}  95% interval")
    for name, group in (("judged one quantity", a), ("all plants (raw)", result["all_plants"])):
        for sev in ("high_medium", "high"):
            r = group[sev]
            print(f"{name + ', ' + sev.replace('_', '+'):44} {r['found']:>4}/{r['of']:<4} "
                  f"{r['recall'] if r['recall'] is not None else '-':>7}  {r['interval']}")
    for name, group in (("judged one quantity", a), ("all plants", result["all_plants"])):
        styles = ", ".join(f"{s} {v['high_medium']}/{v['high']}/{v['of']}"
                           for s, v in group["by_style"].items())
        print(f"by style, {name} (high+medium/high/planted): {styles}")
    print(f"untouched documents: high+medium {f['high_medium_per_doc']} per document, high "
          f"{f['high_per_doc']}; numeric conflicts alone: high+medium "
          f"{f['numeric_high_medium_per_doc']}, high {f['numeric_high_per_doc']}")
    if "high_medium_by_check" in f:
        print(f"  by check: {f['high_medium_by_check']}")
    print(f"{result['seconds']} s")


def write_json(path, obj):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, indent=1, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["train", "validation", "sealed"], default="validation")
    ap.add_argument("--release", action="store_true",
                    help="allow the sealed split (aggregate figures only); for a release")
    ap.add_argument("--per-doc", type=int, default=3, help="pairs per document at most")
    ap.add_argument("--docs", type=int, default=0, help="stop after this many documents (0: all)")
    ap.add_argument("--to-judge", metavar="JSONL",
                    help="write the pairs for the reader here (outside the repository) and stop")
    ap.add_argument("--labels", metavar="JSONL",
                    help="the reader's judgements (default evaluation/labels/planted-SPLIT.jsonl)")
    ap.add_argument("--cache", metavar="DIR", help="keep sentence vectors here across runs")
    ap.add_argument("--out", metavar="JSON", help="write the results here")
    ap.add_argument("--folder", metavar="WORKDIR",
                    help="instead of planting: audit the untouched documents of the split as one "
                         "folder (each also against the others), writing their text as .txt "
                         "files in WORKDIR (outside the repository), and report the false alarms")
    args = ap.parse_args(argv)
    sealed = args.split == "sealed"
    if sealed and not args.release:
        sys.exit("the sealed split runs only at a release: add --release (aggregate figures only)")
    if args.to_judge:
        n = write_to_judge(args.to_judge, args.split, args.per_doc)
        print(f"{n} pairs for the reader in {args.to_judge}")
        return
    if args.folder:
        started = time.perf_counter()
        n_docs, found = folder_alarms(args.split, args.cache, args.folder)
        alarms = [a for a in found if a["severity"] in SEVERE]
        result = {"split": args.split, "mode": "folder", "false_alarms": folder_summary(n_docs, alarms),
                  "seconds": round(time.perf_counter() - started, 1)}
        by_check = Counter(f"{a['check']} {a['severity']}" for a in alarms)
        if not sealed:
            result["false_alarms"]["high_medium_by_check"] = dict(by_check)
            result["alarms"] = alarms
            result["low"] = [a for a in found if a["severity"] not in SEVERE]
        if args.out:
            write_json(args.out, result)
        f = result["false_alarms"]
        print(f"split {args.split}, audited as one folder: {n_docs} documents; high+medium "
              f"{f['high_medium_per_doc']} per document, high {f['high_per_doc']}; numeric "
              f"conflicts alone: high+medium {f['numeric_high_medium_per_doc']}, high "
              f"{f['numeric_high_per_doc']}; {f['across_documents']} across documents")
        if not sealed:
            print(f"  by check: {dict(by_check)}")
        print(f"{result['seconds']} s")
        return
    judged = load_labels(args.labels or LABELS / f"planted-{args.split}.jsonl")
    result, plants, alarms = run(args, judged)
    if sealed:
        result["false_alarms"].pop("high_medium_by_check", None)
    else:
        result["plants_records"] = plants
        result["alarms"] = alarms
    if args.out:
        write_json(args.out, result)
    show(result)


if __name__ == "__main__":
    main()
