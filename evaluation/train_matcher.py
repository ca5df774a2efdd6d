"""Fit the weights of claimcheck/checks/matching.py on the tuning units of REF2014.

Examples are pairs of figures that conflicts.comparable lets through (same kind,
unit, counted noun and scope, values that do not fit) in two sentences of one case study:

- one quantity (label 1): a figure the document states twice, with the second
  statement rewritten by eval_conflicts.plant, as the evaluation does;
- two quantities (label 0): figures in an untouched case study whose values do not
  agree. In published text nearly all of these are different things that happen to be
  counted with one noun ("809 farmers" in one programme, "445" in another); the few real
  inconsistencies among them only make the model more cautious.

Only the training units (evaluation/splits.json) are read: validation and the sealed
units stay unseen. The features leave the values out (see matching.py). One of them is
the reader's (claimcheck/checks/reader.py); as the reader learnt from the training units
too, --readings gives each pair the score of a reader that did not see its document
(evaluation/train_reader.py --folds 2 --out-of-fold F). The fit is an L2-regularised
logistic regression by Newton's method, reported with 5-fold cross-validation by
document, then written to claimcheck/data/matcher.json.

    python -m evaluation.train_matcher --readings out/readings.jsonl   # fit, write the weights
    python -m evaluation.train_matcher --dry-run      # fit and report only
"""

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from claimcheck import Embedder, extract_claims, make_document
from claimcheck.checks import Context, conflicts, matching
from claimcheck.retrieve.evidence import gather_evidence, similarity
from evaluation import eval_conflicts as ev  # the same planting as the evaluation
from claimcheck.checks.sameness import comparable_surface
from evaluation import LABELS
from evaluation import planted as P
from evaluation.eval_planted import load_labels, records, split_units


def _documents(units, limit, seed):
    """Up to `limit` case studies of the units, in a seeded order."""
    files = [ev.DATA / f"{unit}.jsonl.gz" for unit in units]
    missing = [f for f in files if not f.exists()]
    if missing:
        sys.exit(f"no REF2014 data for {missing[0].name} in {ev.DATA}: this script needs ../shared")
    docs = [d for f in files for d in ev.iter_documents([f])]
    random.Random(seed).shuffle(docs)
    return docs[:limit]


def _context(embedder, claims):
    """The checks' Context for one document, all its `claims` known, as in an audit."""
    context = Context(embedder=embedder)
    context.count_mentions(claims)
    return context


def _pair_features(context, a, qa, b, qb, sentence):
    """The features the check computes, with what is kept for reading the examples and
    for trying other features on a --dump: the masked texts, the values, the two
    sentences, their offsets in the document and the figures' offsets in them."""
    contexts = (matching.masked_context(a, qa), matching.masked_context(b, qb))
    feats = conflicts.pair_features(a, qa, b, qb, sentence, context, contexts=contexts)
    return {**feats, "texts": list(contexts), "values": [qa.text, qb.text],
            "starts": [a.start, b.start], "sentences": [a.text, b.text], "counts": qa.counts,
            "qstarts": [qa.start - a.start, qb.start - b.start], "qends": [qa.end - a.start, qb.end - b.start]}


def negatives(doc, claims, embedder):
    """Pairs the conflict check weighs in an untouched document: values that disagree."""
    out, seen = [], set()
    context = _context(embedder, claims)
    for claim, evidence in zip(claims, gather_evidence(claims, embedder)):
        for e in evidence:
            other = e.claim
            if conflicts.apart(claim, other):
                continue
            for q1 in claim.numeric:
                for q2 in other.numeric:
                    key = frozenset([q1.start, q2.start])
                    if key in seen or not (conflicts.comparable(claim, q1, other, q2)
                                           or comparable_surface(claim, q1, other, q2)):
                        continue
                    seen.add(key)
                    out.append(_pair_features(context, claim, q1, other, q2, e.score))
    return out


def positives(doc, claims, embedder, rng, per_doc, counter):
    """Planted conflicts that reach the weighing: (features) for each."""
    out = []
    pairs = ev.twice_stated(claims)
    rng.shuffle(pairs)
    for c1, q1, c2, q2 in pairs[:per_doc]:
        new_text, _style = ev.plant(q2, ev.STYLES[counter["n"] % len(ev.STYLES)], q1)
        counter["n"] += 1
        changed = make_document(doc.id, doc.text[:q2.start] + new_text + doc.text[q2.end:])
        feats = _weighed(embedder, extract_claims(changed), q1.start, q2.start, counter,
                         "planted", surface=False)
        if feats is not None:
            out.append(feats)
    return out


def _at(claims, offset):
    """(claim, quantity) of the figure at `offset`, or None."""
    for claim in claims:
        if claim.start <= offset < claim.end:
            q = next((q for q in claim.numeric if q.start <= offset < q.end), None)
            return (claim, q) if q is not None else None
    return None


def mined_positives(split, embedder, per_doc, judged, counter):
    """Planted conflicts on pairs mined without the parser, as eval_planted.py plants
    them (evaluation/planted.py: one figure followed by the same word in two sentences),
    that reach the weighing: (doc id, features) for each. Pairs a reader judged not one
    quantity (evaluation/labels/planted-SPLIT.jsonl) are left out; the others are taken
    as one quantity, as most such pairs are."""
    out = []
    for doc_id, record in records(split):
        text, spans = P.assemble(record)
        for pair in P.mine(doc_id, text, spans, per_doc):
            if judged.get(pair.id) is False:
                continue
            plant = P.plant(text, pair)
            if plant is None:
                continue
            counter["mined"] += 1
            claims = extract_claims(make_document(doc_id, plant.apply(text)))
            feats = _weighed(embedder, claims, plant.at, plant.partner_at(), counter, "mined")
            if feats is not None:
                out.append((doc_id, feats))
    return out


def _weighed(embedder, claims, first_at, second_at, counter, kind, surface=True):
    """The features of the figures at two offsets among a document's claims, as the
    check weighs them; None (counted under `kind`) if parsing loses either or the check
    does not let them through to the weighing (read in full, or with `surface` also
    from the word after the figures)."""
    first, second = _at(claims, first_at), _at(claims, second_at)
    if first is None or second is None or first[0] is second[0] \
            or conflicts.apart(first[0], second[0]):
        counter[f"{kind}_lost"] += 1
        return None
    (a, qa), (b, qb) = first, second
    if not (conflicts.comparable(a, qa, b, qb)
            or surface and comparable_surface(a, qa, b, qb)):
        counter[f"{kind}_gated"] += 1
        return None
    return _pair_features(_context(embedder, claims), a, qa, b, qb,
                          similarity(embedder, a.text, b.text))


def add_readings(rows, path):
    """Each row's "reading" feature from out-of-fold reader scores (train_reader.py)."""
    from evaluation.train_reader import doc_key, row_windows

    scores = {}
    for line in Path(path).read_text().splitlines():
        r = json.loads(line)
        scores[(r["doc"], r["a"], r["b"])] = r["p"]
    missing = 0
    for row in rows:
        p = scores.get((doc_key(row["doc"]), *row_windows(row)))
        missing += p is None
        row["reading"] = matching.reading_feature(0.5 if p is None else p)
    if missing:
        print(f"{missing} of {len(rows)} pairs have no reading (taken as 0.5)", file=sys.stderr)


def fit(x, y, l2=1.0, steps=30):
    """Logistic regression by Newton's method; the bias is not penalised."""
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x1.shape[1])
    penalty = np.full(x1.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x1 @ w)))
        grad = x1.T @ (p - y) + penalty * w
        hess = (x1 * (p * (1 - p))[:, None]).T @ x1 + np.diag(penalty)
        w -= np.linalg.solve(hess, grad)
    return w[:-1], w[-1]


def auc(scores, labels):
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = labels == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return (ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / max(1, n_pos * n_neg)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="train", help="the units to read (evaluation/splits.json)")
    ap.add_argument("--docs", type=int, default=1000, help="documents to read (all of them)")
    ap.add_argument("--per-doc", type=int, default=8, help="planted conflicts per document")
    ap.add_argument("--mined-per-doc", type=int, default=8, help="planted conflicts per "
                    "document on pairs mined without the parser (0: none)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--l2", type=float, default=3.0)
    ap.add_argument("--cache", default=None, metavar="DIR",
                    help="keep sentence vectors on disk here (as eval_conflicts.py --cache)")
    ap.add_argument("--dump", default=None, help="write the examples (JSON) here")
    ap.add_argument("--load", default=None, help="read examples written by --dump instead")
    ap.add_argument("--readings", type=Path, help="the reader's scores of these pairs, each "
                    "from a reader that did not learn from its document (evaluation/"
                    "train_reader.py --out-of-fold); without it, the bundled reader reads them")
    ap.add_argument("--dry-run", action="store_true", help="report only; do not write the weights")
    args = ap.parse_args()

    started = time.perf_counter()
    if args.load:
        rows = json.loads(Path(args.load).read_text())
    else:
        embedder = Embedder(cache_dir=args.cache)
        rng = random.Random(args.seed)
        counter = Counter()
        rows = []
        docs = _documents(split_units(args.split), args.docs, args.seed)
        for n, doc in enumerate(docs, 1):
            claims = extract_claims(doc)
            rows += [{"doc": doc.id, "y": 0, **f} for f in negatives(doc, claims, embedder)]
            rows += [{"doc": doc.id, "y": 1, **f}
                     for f in positives(doc, claims, embedder, rng, args.per_doc, counter)]
            if n % 50 == 0:
                print(f"{n}/{len(docs)} documents, {len(rows)} examples", file=sys.stderr)
        print(f"planted {counter['n']}: {counter['planted_gated']} stopped by same_quantity, "
              f"{counter['planted_lost']} lost in parsing", file=sys.stderr)
        if args.mined_per_doc:
            judged = load_labels(LABELS / f"planted-{args.split}.jsonl")
            mined = mined_positives(args.split, embedder, args.mined_per_doc, judged, counter)
            rows += [{"doc": doc_id, "y": 1, **f} for doc_id, f in mined]
            print(f"planted {counter['mined']} on mined pairs: {len(mined)} weighed, "
                  f"{counter['mined_gated']} not let through, {counter['mined_lost']} lost "
                  "in parsing", file=sys.stderr)
        if args.dump:
            Path(args.dump).write_text(json.dumps(rows))

    if args.readings:
        add_readings(rows, args.readings)
    elif args.dump:
        print(f"wrote {len(rows)} pairs to {args.dump}; read them with train_reader.py "
              "--weighed, then fit with --load and --readings", file=sys.stderr)
        return
    elif any(r.get("reading") is None for r in rows):
        sys.exit("the pairs have no readings: give --readings (evaluation/train_reader.py "
                 "--folds 2 --out-of-fold F)")
    x = np.array([[r[name] for name in matching.FEATURES] for r in rows], dtype=float)
    y = np.array([r["y"] for r in rows], dtype=float)
    from evaluation.train_reader import doc_key

    docs = sorted({doc_key(r["doc"]) for r in rows})  # one key, however a row names it
    random.Random(0).shuffle(docs)
    fold_of = {d: i % 5 for i, d in enumerate(docs)}
    folds = np.array([fold_of[doc_key(r["doc"])] for r in rows])
    scores = np.zeros(len(rows))
    for k in range(5):
        w, b = fit(x[folds != k], y[folds != k], args.l2)
        scores[folds == k] = x[folds == k] @ w + b
    print(f"{int(y.sum())} one-quantity and {int((1 - y).sum())} two-quantity pairs "
          f"from {len(docs)} documents")
    print(f"cross-validated AUC {auc(scores, y):.3f}; sentence similarity alone "
          f"{auc(x[:, 0], y):.3f}")
    for cut in (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3):
        p = 1 / (1 + np.exp(-scores))
        kept = p >= cut
        print(f"  p >= {cut}: recall {kept[y == 1].mean():.3f}, "
              f"two-quantity pairs kept {int(kept[y == 0].sum())}")
    w, b = fit(x, y, args.l2)
    unread = [i for i, name in enumerate(matching.FEATURES) if name != "reading"]
    w0, b0 = fit(x[:, unread], y, args.l2)  # for pairs the reader does not read
    model = {"features": list(matching.FEATURES), "bias": round(float(b), 4),
             "weights": {name: round(float(v), 4) for name, v in zip(matching.FEATURES, w)},
             "unread": {"bias": round(float(b0), 4), "weights": {
                 matching.FEATURES[i]: round(float(v), 4) for i, v in zip(unread, w0)}},
             "trained_on": f"REF2014 units {', '.join(split_units(args.split))}: {len(docs)} documents, "
                           f"{int(y.sum())} + {int((1 - y).sum())} pairs, l2 {args.l2}"}
    print(json.dumps(model["weights"], indent=1))
    if not args.dry_run:
        tmp = matching.WEIGHTS.with_suffix(".tmp")
        tmp.write_text(json.dumps(model, indent=1) + "\n")
        tmp.replace(matching.WEIGHTS)
        print(f"wrote {matching.WEIGHTS}")
    print(f"{time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
