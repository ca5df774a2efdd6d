"""Measure the quantity checks on real REF2014 impact case studies (not a unit test).

For each case study that states a quantity twice (same value, kind, unit and counted
noun, in two different sentences), plant a conflict by rewriting the second occurrence
(as other digits, in words, with a qualifier, as another percentage or amount, or as a
slip of scale: the same digits ten times larger), then audit the changed and the
untouched document. Reports:

- recall: the share of planted conflicts that a numeric-conflict finding connects;
- false alarms: high+medium findings per untouched document (every one is read by hand:
  some are real inconsistencies in the published text).

The data lives in ../shared/data/ref2014 (never copied into the project).

    python -m evaluation.eval_conflicts --split heldout --docs 300 --out eval-heldout.json
    python -m evaluation.eval_conflicts --split tune --docs 1000
    python -m evaluation.eval_conflicts --split heldout --docs 2000 --per-doc 3

With --per-doc N, up to N quantities stated twice in one document are each planted in a
copy of their own: about twice the planted conflicts from the same documents, for a
steadier figure. With --every-style, each chosen pair is planted in every style (each in
a copy of its own), so the recall of each style is measured on the same pairs. With
--cache DIR, sentence vectors are kept in DIR, so a second run (after a change to the
parser or the checks) encodes only the sentences it has not seen.
"""

import argparse
import json
import random
import re
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

from claimcheck import Embedder, check_claims, extract_claims, iter_documents, make_document
from claimcheck.checks import sameness
from claimcheck.checks.describe import currency_symbol
from claimcheck.checks.sameness import is_generic
from claimcheck.findings import SEVERITIES
from claimcheck.retrieve.evidence import similarity
from evaluation import DATA
from evaluation.eval_planted import wilson
from evaluation.planted import in_words


#: Units of assessment the rules were tuned on; the rest are held out.
TUNE = ("uoa06", "uoa08", "uoa10", "uoa22", "uoa36")
STYLES = ("digits", "words", "qualifier", "slip")

#: A share written as a ratio, which takes its noun without "of".
_RATIO = re.compile(r"\b(?:in|out of)\b", re.IGNORECASE)


def load(split, limit, seed):
    files = sorted(DATA.glob("uoa*.jsonl.gz"))
    if not files:
        sys.exit(f"no REF2014 data in {DATA}: this evaluation needs ../shared/data/ref2014")
    chosen = [f for f in files if (f.name.split(".")[0] in TUNE) == (split == "tune")]
    docs = [d for f in chosen for d in iter_documents([f])]
    random.Random(seed).shuffle(docs)
    return docs[:limit]


def _numeric_key(q):
    """What makes two statements one quantity stated twice: the same value of the same
    specific thing. Spans of time and units of measure ("20 years", "5 t") recur by
    coincidence, list items are not totals, and an amount needs its kind of money."""
    if "series" in q.scope or "partial" in q.scope or q.role:
        return None
    if q.kind == "count" and q.head and q.value >= 10 and q.value == int(q.value):
        if is_generic(q.head):
            return None
        return ("count", q.value, q.head, q.modifiers)
    if q.kind == "percent" and q.value < 100 and q.head:
        return ("percent", q.value, q.head)
    if q.kind == "money" and q.value >= 1000 and q.head:
        return ("money", q.value, q.unit, q.head)
    return None


def twice_stated(claims):
    """Pairs of quantities stated twice: (first claim, q1, second claim, q2)."""
    first = {}
    pairs = []
    for claim in claims:
        for q in claim.numeric:
            key = _numeric_key(q)
            if key is None or q.qualifier == "range":
                continue
            if key in first and first[key][0].start != claim.start:
                pairs.append((*first[key], claim, q))
            else:
                first.setdefault(key, (claim, q))
    return pairs


def _round_to(value, significant):
    return int(float(f"{value:.{significant}g}"))


def _money(symbol, value):
    return f"{symbol}{value / 1e6:.1f}m" if value >= 1e6 else f"{symbol}{value:,.0f}"


def _digits(value, like):
    text = f"{value:,.0f}" if "," in like else f"{value:.0f}"
    return text


def plant(q, style, first):
    """A rewrite of quantity q that cannot agree with the first statement of it:
    (new text, style used). The new value lies outside what the first one admits."""
    v = q.value
    symbol = currency_symbol(q.unit)
    if style == "slip" and q.kind in ("count", "money"):  # the same digits at ten times
        new = v * 10 if first.high != float("inf") else v / 10  # ("over 500": 50)
        if new == int(new):
            return (_money(symbol, new) if q.kind == "money" else _digits(new, q.text)), "slip"
        style = "digits"
    if first.high == float("inf"):  # "over 500": only a smaller number conflicts
        v = first.low * 0.6 / 1.6 if q.kind == "count" else first.low * 0.4 / 2.5
    if q.kind == "percent":
        new = v + 17 if v <= 60 else v - 23
        if first.high == float("inf"):
            new = max(1, first.low - 20)
        written = f"{new:.0f}%" if "%" in q.text else f"{new:.0f} per cent"
        if _RATIO.search(q.text):  # "one in five children" becomes "37 per cent of children"
            written += " of"
        return written, "percent"
    if q.kind == "money":
        return _money(symbol, v * 2.5), "money"
    if style == "words":  # larger or smaller by turns, rounded as a writer rounds words
        for factor in ((1.6, 0.6) if int(v) % 2 == 0 else (0.6, 1.6)):
            n = _round_to(v * factor, 2 if v < 1000 else 1)
            if n >= 2 and abs(n - v) / v > 0.35 and not first.low <= n <= first.high:
                return in_words(n), "words"
        return _digits(v * 1.6, q.text), "digits"
    if style == "qualifier":
        return f"fewer than {_digits(max(2, round(first.low * 0.6)), q.text)}", "qualifier"
    return _digits(round(v * 1.6) if v < 1000 else round(v * 1.37, -1), q.text), "digits"


def style_for(doc_id, first_at, second_at):
    """The style a pair is planted in, fixed by the pair alone: a rule that changes which
    other pairs are planted does not change how this one is written."""
    return STYLES[zlib.crc32(plant_key(doc_id, first_at, second_at).encode()) % len(STYLES)]


def planted_in(doc_id, chosen, every_style=False):
    """(c1, q1, c2, q2, new text, style) for each chosen pair: in the style its pair
    fixes, or in every style. A pair of amounts or shares is written alike whatever the
    style asked for (only a slip of scale differs), so each rewrite is planted once."""
    for c1, q1, c2, q2 in chosen:
        styles = STYLES if every_style else (style_for(doc_id, q1.start, q2.start),)
        for new_text, style in dict.fromkeys(plant(q2, s, q1) for s in styles):
            yield c1, q1, c2, q2, new_text, style


def plant_key(doc_id, first_at, second_at):
    """A planted pair's name that survives moving the data: "uoa13#42169:1510:9876"."""
    unit, _, number = Path(doc_id).name.partition("#")
    return f"{unit.split('.')[0]}#{number}:{first_at}:{second_at}"


def load_judgements(path):
    """A reader's judgements of planted pairs: {plant_key: True, False or None (unsure)},
    one {"pair": ..., "one_quantity": ...} object per line of `path`."""
    try:
        lines = Path(path).read_text().splitlines()
    except OSError as err:
        sys.exit(f"{path}: cannot read the judgements ({err.strerror}); give a file of them")
    judged = {}
    for n, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
            judged[row["pair"]] = row["one_quantity"]
        except (ValueError, KeyError, TypeError):
            sys.exit(f"{path}:{n}: not a judgement; write {{\"pair\": ..., \"one_quantity\": true}}")
    return judged


def judged_recall(planted, judged):
    """Recall on the planted pairs a reader judged to be one quantity stated twice: a
    coincidence (two festivals of 2,000 participants each, "the NHS 111 service") is no
    restatement, and a rule that misses it is right to. Returns (found, judged one
    quantity, judged, planted)."""
    keys = [plant_key(p["doc"], p["first_at"], p["second_at"]) for p in planted]
    one = [p for p, k in zip(planted, keys) if judged.get(k) is True]
    found = sum(p["found"] in ("high", "medium") for p in one)
    return found, len(one), sum(k in judged for k in keys), len(planted)


def _pairs_by_styles_found(planted):
    """How many planted pairs were found (high+medium) in every style they were planted
    in, in some of them, and in none."""
    by_pair = {}
    for p in planted:
        by_pair.setdefault(plant_key(p["doc"], p["first_at"], p["second_at"]), []).append(
            p["found"] in ("high", "medium"))
    kinds = Counter("every" if all(f) else "some" if any(f) else "none" for f in by_pair.values())
    return {k: kinds[k] for k in ("every", "some", "none")}


def _touches(finding, offset):
    spans = [finding.claim] + list(finding.evidence)
    return any(s.start <= offset < s.end for s in spans)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["tune", "heldout"], default="heldout")
    ap.add_argument("--docs", type=int, default=300, help="untouched documents to audit")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-doc", type=int, default=1,
                    help="conflicts to plant per document, each in its own copy (the first is "
                         "the one planted with 1)")
    ap.add_argument("--every-style", action="store_true",
                    help="plant each chosen pair in every style, not in the one its pair fixes")
    ap.add_argument("--out", default=None, help="write the full results (JSON) here")
    ap.add_argument("--grades", default=None, metavar="JSON",
                    help='override sameness.GRADES for tuning, e.g. {"medium": 0.35}')
    ap.add_argument("--cache", default=None, metavar="DIR",
                    help="keep sentence vectors on disk here, so a run after a change to the "
                         "checks encodes only the sentences it has not seen (default: none)")
    ap.add_argument("--labels", default=None, metavar="JSONL",
                    help="hand judgements of planted pairs (see evaluation/README.md): also "
                         "report recall on the pairs judged to be one quantity")
    args = ap.parse_args()
    if args.grades:
        sameness.GRADES.update(json.loads(args.grades))
    judged = load_judgements(args.labels) if args.labels else None

    started = time.perf_counter()
    embedder = Embedder(cache_dir=args.cache)
    docs = load(args.split, args.docs, args.seed)
    rng = random.Random(args.seed)
    untouched = Counter()
    by_check = Counter()
    alarms, planted, missed = [], [], []
    for n, doc in enumerate(docs, 1):
        claims = extract_claims(doc)
        findings = check_claims(claims, embedder)
        serious = [f for f in findings if f.severity in ("high", "medium")]
        untouched["docs"] += 1
        untouched["serious"] += len(serious)
        untouched["low"] += len(findings) - len(serious)
        for f in serious:
            by_check[f.check] += 1
        alarms += [{"doc": doc.id, **f.to_dict()} for f in findings]
        pairs = twice_stated(claims)
        chosen = [rng.choice(pairs)] if pairs else []
        if args.per_doc > 1 and len(pairs) > 1:
            rest = [p for p in pairs if p is not chosen[0]]
            chosen += rng.sample(rest, min(len(rest), args.per_doc - 1))
        for c1, q1, c2, q2, new_text, style in planted_in(doc.id, chosen, args.every_style):
            changed = make_document(doc.id, doc.text[: q2.start] + new_text + doc.text[q2.end:])
            changed_findings = check_claims(extract_claims(changed), embedder)
            matches = [f for f in changed_findings if f.check == "numeric-conflict"
                       and _touches(f, q2.start) and _touches(f, q1.start)]
            best = min(matches, key=lambda f: SEVERITIES.index(f.severity)) if matches else None
            hit = best.severity if best else ""
            record = {"doc": doc.id, "first_at": q1.start, "second_at": q2.start,
                      "style": style, "first": q1.text, "first_sentence": c1.text,
                      "was": q2.text, "now": new_text, "second_sentence": c2.text, "found": hit,
                      "values": best.values if best else None,
                      "similarity": round(similarity(embedder, c1.text, c2.text), 3)}
            planted.append(record)
            if not hit:
                missed.append(record)
        if n % 25 == 0:
            print(f"{n}/{len(docs)} documents, {len(planted)} planted, "
                  f"{sum(bool(p['found']) for p in planted)} found", file=sys.stderr)

    styles = Counter(p["style"] for p in planted)
    found = Counter(p["style"] for p in planted if p["found"] in ("high", "medium"))
    n = max(1, len(planted))
    hits = sum(p["found"] in ("high", "medium") for p in planted)
    result = {
        "split": args.split, "documents": untouched["docs"], "planted": len(planted),
        "recall": round(hits / n, 3), "recall_interval": wilson(hits, len(planted)),
        "recall_any_severity": round(sum(bool(p["found"]) for p in planted) / n, 3),
        "recall_by_style": {s: f"{found[s]}/{styles[s]}" for s in sorted(styles)},
        "styles": "every" if args.every_style else "one per pair",
        "high_medium_per_untouched_doc": round(untouched["serious"] / max(1, untouched["docs"]), 3),
        "low_per_untouched_doc": round(untouched["low"] / max(1, untouched["docs"]), 3),
        "high_medium_by_check": dict(by_check),
        "seconds": round(time.perf_counter() - started, 1),
        "alarms": alarms, "missed": missed, "planted_records": planted,
    }
    if args.every_style:
        result["pairs_by_styles_found"] = _pairs_by_styles_found(planted)
    if judged is not None:
        found_one, one, n_judged, total = judged_recall(planted, judged)
        result["judged"] = {"planted": total, "judged": n_judged, "one_quantity": one,
                            "found_high_medium": found_one,
                            "recall": round(found_one / max(1, one), 3),
                            "recall_interval": wilson(found_one, one)}
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(f"split {result['split']}: {result['documents']} untouched documents, "
          f"{result['planted']} planted conflicts")
    print(f"recall (high+medium) {result['recall']} (95% interval {result['recall_interval']}), "
          f"any severity {result['recall_any_severity']}; "
          f"high+medium by style {result['recall_by_style']}")
    print(f"high+medium findings per untouched document {result['high_medium_per_untouched_doc']} "
          f"{result['high_medium_by_check']}; low {result['low_per_untouched_doc']}")
    if args.every_style:
        print(f"pairs found (high+medium) in every style planted, in some, in none: "
              f"{result['pairs_by_styles_found']}")
    if "judged" in result:
        j = result["judged"]
        print(f"judged by hand: {j['judged']} of {j['planted']} planted pairs, {j['one_quantity']} "
              f"one quantity stated twice; recall (high+medium) on those {j['recall']} "
              f"({j['found_high_medium']}/{j['one_quantity']}; 95% interval {j['recall_interval']})")
    print(f"grades {sameness.GRADES}; {result['seconds']} s")


if __name__ == "__main__":
    main()
