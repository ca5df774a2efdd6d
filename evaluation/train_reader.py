"""Train claimcheck's reader (claimcheck/checks/reader.py) on pairs mined without the parser.

Distant supervision on the training units of REF2014 (evaluation/splits.json), read with
evaluation/planted.py's plain figure finder, which shares no code with claimcheck's parser:

- one quantity (label 1): one figure stated in two sentences of a case study, as written
  ("14,931", "£2.3m", "45%") and either followed by the same word or precise enough not
  to recur by chance (three significant digits or more: "14,931", "12.5%");
- two quantities (label 0): two figures of one kind followed by the same word in two
  sentences of a case study whose values are not within 15% of each other ("45 schools"
  in 2010, "120 schools" in 2013). In published text nearly all of these are two things
  counted with one noun; the few real inconsistencies among them only make the reader
  more cautious.

With --written, it also learns from pairs written for it in plain and research-impact
English (evaluation/data/reader_pairs.jsonl, described beside it): paraphrased
restatements and look-alike different quantities, which the case studies give too few of.

Each figure is masked in what the reader reads, so that it learns from the words alone.
Cases are chosen by a hash of their ids (at most PER_DOC of each label a document), the
training is seeded, and the documents are split into folds by a hash of their ids: with
--folds K the script trains K readers, each scoring the documents it did not see (for
fitting the matcher over the readings: evaluation/train_matcher.py --readings), then one
on all documents, which it writes to claimcheck/data/reader.npz.

    python -m evaluation.train_reader --summary            # what would be mined, no training
    python -m evaluation.train_reader --folds 2 --out-of-fold out/readings.jsonl
"""

import argparse
import json
import random
import re
import sys
import time
import zlib
from pathlib import Path

import numpy as np

from evaluation import ROOT
from evaluation import planted as P
from evaluation.eval_planted import records

PER_DOC = 8
SEED = 13
#: Values of two figures within this share of each other are not taken as two quantities.
CLOSE = 0.15


def _digits(figure):
    return re.sub(r"\D", "", figure.text).strip("0").lstrip("0")


def precise(figure):
    """A figure of three significant digits or more: restated, not recurring by chance."""
    return figure.kind != "word" and len(_digits(figure)) >= 3


def _written(figure):
    return re.sub(r"\s+", " ", figure.text.lower())


def _hash(text):
    return zlib.crc32(text.encode())


def mine(doc_id, text, spans, per_doc=PER_DOC):
    """(label, first, second) cases of one case study, at most per_doc of each label."""
    figures = [f for start, end in spans for f in P.figures(text, start, end)]
    ones, twos = [], []
    for i, a in enumerate(figures):
        for b in figures[i + 1:]:
            if a.sentence == b.sentence:
                continue
            if _written(a) == _written(b):
                if a.words[-1] == b.words[-1] or precise(a):
                    ones.append((1, a, b))
            elif (a.kind == b.kind and a.words[-1] == b.words[-1]
                  and abs(a.value - b.value) > CLOSE * max(a.value, b.value)):
                twos.append((0, a, b))
    out = []
    for group in (ones, twos):
        group.sort(key=lambda c: _hash(f"{doc_id}:{c[1].start}:{c[2].start}"))
        out.extend(group[:per_doc])
    return out


def reading(text, figure):
    """What the reader reads of a figure: its sentence's words around it, the figure masked."""
    from claimcheck.checks.reader import window

    s, e = figure.sentence
    return window(text[s:e], figure.start - s, figure.end - s)


def cases(split):
    """[(doc id, label, window, window, "mined")] of every case study of the split."""
    out = []
    for doc_id, record in records(split):
        text, spans = P.assemble(record)
        for label, a, b in mine(doc_id, text, spans):
            first, second = reading(text, a), reading(text, b)
            if _hash(f"{doc_id}:{a.start}") % 2:  # either order, as an audit meets them
                first, second = second, first
            out.append((doc_id, label, first, second, "mined"))
    return out


#: A figure as marked in a written pair: "the clinic employs ⟦12⟧ nurses".
_MARKED = re.compile("⟦(.+?)⟧")


def _unmarked(sentence):
    """(text, start, end) of a sentence with one figure marked: the marks gone, the span
    the figure's."""
    m = _MARKED.search(sentence)
    if m is None:
        raise ValueError(f"no ⟦figure⟧ in {sentence!r}")
    return (sentence[:m.start()] + m.group(1) + sentence[m.end():],
            m.start(), m.start() + len(m.group(1)))


def written_cases(path):
    """Cases from a file of written pairs (evaluation/data/reader_pairs.jsonl): two
    sentences of one imagined document, one figure marked in each, labelled "same" (one
    quantity) or "different". A pair's document is its "group" (the quartet it was written
    in, on one topic) or else the pair itself, so that folds keep a topic on one side."""
    from claimcheck.checks.reader import window

    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        doc_id = f"written#{item.get('group') or item['id']}"
        order = _hash(f"written#{item['id']}") % 2
        first, second = window(*_unmarked(item["a"])), window(*_unmarked(item["b"]))
        if order:  # either order, as for the mined cases
            first, second = second, first
        out.append((doc_id, int(item["label"] == "same"), first, second, "written"))
    return out


def doc_key(doc_id):
    """"uoa06#2377", whether the id is a record's or a path's ("../uoa06.jsonl.gz#2377")."""
    return re.sub(r"^.*?(uoa\d+)\.jsonl\.gz#", r"\1#", doc_id)


def row_windows(row):
    """What the reader reads of a pair dumped by evaluation/train_matcher.py: its windows."""
    from claimcheck.checks.reader import window

    (s1, s2), (a1, a2), (e1, e2) = row["sentences"], row["qstarts"], row["qends"]
    return window(s1, a1, e1), window(s2, a2, e2)


def weighed_cases(path):
    """Cases from evaluation/train_matcher.py --dump: the pairs the conflict check weighs
    (a planted restatement, label 1; two figures of an untouched case study whose values
    disagree, label 0), read as the check reads them."""
    return [(doc_key(row["doc"]), row["y"], *row_windows(row), "weighed")
            for row in json.loads(Path(path).read_text())]


def fold_of(doc_id, folds):
    return _hash(doc_id) % folds


def auc(scores, labels):
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _precision(torch):
    """bfloat16 on a CPU with bfloat16 hardware (as an audit runs there), else float32:
    emulated, bfloat16 is many times slower than float32. The two give slightly
    different weights from one seed."""
    import contextlib

    from claimcheck.retrieve.backends import cpu_has_bf16

    return torch.autocast("cpu", dtype=torch.bfloat16) if cpu_has_bf16() \
        else contextlib.nullcontext()


def train(data, epochs, batch_size, lr, seed=SEED, log=sys.stderr):
    """A reader (tokenizer, model, head) trained on [(doc, label, a, b)]."""
    import torch

    from claimcheck.checks import reader
    from claimcheck.retrieve.embeddings import resolve_model

    torch.manual_seed(seed)
    rng = random.Random(seed)
    tokenizer, model, head = reader.build(resolve_model("all-MiniLM-L6-v2"))
    params = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    optimiser = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    n_pos = sum(1 for c in data if c[1])
    weight = torch.tensor((len(data) - n_pos) / max(1, n_pos))
    steps = epochs * ((len(data) + batch_size - 1) // batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, lr, total_steps=steps,
                                                   pct_start=0.1)
    model.train()
    step, began = 0, time.time()
    for epoch in range(epochs):
        order = list(range(len(data)))
        rng.shuffle(order)
        for at in range(0, len(order), batch_size):
            batch = [data[i] for i in order[at:at + batch_size]]
            with _precision(torch):
                z = reader.logits(torch, tokenizer, model, head, [(c[2], c[3]) for c in batch])
            y = torch.tensor([float(c[1]) for c in batch])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                z.float(), y, pos_weight=weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            step += 1
            if step % 20 == 0 or step == steps:
                print(f"  epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} "
                      f"({time.time() - began:.0f} s)", file=log, flush=True)
    model.eval()
    head.eval()
    return tokenizer, model, head


def score(trained_reader, data, batch_size=64):
    import torch

    from claimcheck.checks import reader

    tokenizer, model, head = trained_reader
    out = []
    with torch.inference_mode(), _precision(torch):
        for at in range(0, len(data), batch_size):
            batch = data[at:at + batch_size]
            z = reader.logits(torch, tokenizer, model, head, [(c[2], c[3]) for c in batch])
            out.extend(torch.sigmoid(z.float()).tolist())
    return out


def save(trained_reader, path, summary):
    from claimcheck.checks import reader

    _, model, head = trained_reader
    arrays = {k: v.astype(np.float16) for k, v in reader.trained(model, head).items()}
    tmp = Path(str(path) + ".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(path)
    path.with_suffix(".json").write_text(json.dumps(summary, indent=1) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="train")
    ap.add_argument("--folds", type=int, default=0, help="also train K readers, each "
                    "scoring the documents it did not see (default: none)")
    ap.add_argument("--out-of-fold", type=Path, help="write those scores here (JSON Lines)")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--weighed", type=Path, help="also learn from the pairs in this "
                    "evaluation/train_matcher.py --dump file")
    ap.add_argument("--written", type=Path, action="append", default=[], help="also "
                    "learn from the written pairs in this file (repeatable; "
                    "evaluation/data/reader_pairs.jsonl)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N cases (a trial)")
    ap.add_argument("--summary", action="store_true", help="say what would be mined, and stop")
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--to", type=Path, default=ROOT / "claimcheck" / "data" / "reader.npz",
                    help="where to write the reader (default: the package's)")
    args = ap.parse_args(argv)

    data = cases(args.split)
    if args.weighed:
        data += weighed_cases(args.weighed)
    for path in args.written:
        data += written_cases(path)
    if args.limit:
        data = data[:args.limit]
    docs = {c[0] for c in data}
    n_pos = sum(1 for c in data if c[1])
    written = sum(1 for c in data if c[4] == "written")
    summary = {"split": args.split, "documents_with_cases": len(docs), "one_quantity": n_pos,
               "two_quantities": len(data) - n_pos, "written": written, "per_doc": PER_DOC,
               "seed": SEED, "epochs": args.epochs, "batch_size": args.batch_size, "lr": args.lr}
    print(json.dumps(summary), file=sys.stderr)
    if args.summary:
        for c in data[:12]:
            print(c[1], "|", c[2], "||", c[3])
        return 0

    if args.folds:
        rows, aucs = [], []
        for k in range(args.folds):
            fit_on = [c for c in data if fold_of(c[0], args.folds) != k]
            held = [c for c in data if fold_of(c[0], args.folds) == k]
            print(f"fold {k + 1}/{args.folds}: {len(fit_on)} cases to fit, {len(held)} held out",
                  file=sys.stderr)
            scores = score(train(fit_on, args.epochs, args.batch_size, args.lr), held)
            aucs.append(auc(scores, [c[1] for c in held]))
            print(f"fold {k + 1}: AUC {aucs[-1]:.3f} on held-out documents", file=sys.stderr)
            rows.extend({"doc": c[0], "label": c[1], "a": c[2], "b": c[3], "source": c[4], "p": p}
                        for c, p in zip(held, scores))
        summary["fold_auc"] = [round(a, 4) for a in aucs]
        summary["out_of_fold_auc"] = {
            source: round(auc([r["p"] for r in rows if r["source"] == source],
                              [r["label"] for r in rows if r["source"] == source]), 4)
            for source in sorted({r["source"] for r in rows})}
        if args.out_of_fold:
            args.out_of_fold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    if not args.no_save:
        final = train(data, args.epochs, args.batch_size, args.lr)
        save(final, args.to, summary)
    print(json.dumps(summary), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
