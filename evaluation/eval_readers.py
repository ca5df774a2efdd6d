"""What a reader finds from the two sentences alone: the reference line for the numeric
check's recall and false alarms (not a unit test).

The planted conflicts of the validation split that were judged one quantity are given,
in their planted form (one figure rewritten so that both cannot hold), to readers who see
only the two sentences with the figures marked, never the document, the code or a run.
Each reader labels every pair conflict / compatible / unsure. The conflicts are mixed
with pairs that are not, in two sets:

- balanced: one pair per untouched case study of two figures of one kind followed by the
  same word, in two sentences, whose values differ by more than 15% (mined without
  claimcheck, as evaluation/planted.py mines its pairs), 130 of them: about as many
  conflicts as not.
- mixed: every pair the numeric check weighs in the untouched case studies (two figures
  whose values disagree, let through by claimcheck's own rules: the pairs a reader must
  tell from conflicts are those the tool must). About one conflict in seven, as a reader
  meets them in documents; given in three parts, one part for each of three readers.

A reader's recall is the share of the planted conflicts labelled conflict; its false
alarms are the negatives labelled conflict (per untouched case study, for the mixed set).
The tool's figures on the same items come from a run of eval_planted.py.

    # the files for the readers (case-study text: write them outside the repository)
    python -m evaluation.eval_readers --run out/v.json --to-judge ../judge/
    # readers write {"item": id, "label": "conflict"|"compatible"|"unsure"} lines; keep them
    # (ids and labels only, with "set" and "reader") in evaluation/labels/readers-validation.jsonl
    python -m evaluation.eval_readers --run out/v.json --labels evaluation/labels/readers-validation.jsonl
"""

import argparse
import json
import random
import re
import sys
import zlib
from collections import Counter, defaultdict
from pathlib import Path

from evaluation import LABELS
from evaluation import planted as P
from evaluation.eval_planted import load_labels, records, wilson

SPLIT = "validation"
#: Negatives of the balanced set, and the seed that draws and orders them.
BALANCED_NEGATIVES = 130
SEED = 39
#: Readers of the mixed set, each given one part.
MIXED_PARTS = 3
LABEL_VALUES = ("conflict", "compatible", "unsure")
_OPEN, _CLOSE = "\u27e6", "\u27e7"
#: A qualifier at the start of a marked figure is left outside the marks, so that the
#: marks read alike in every pair: "more than ⟦500⟧".
_QUALIFIER = re.compile(
    r"(?:(?:more|fewer|less|greater) than|over|under|up to|at least|at most|nearly|almost|"
    r"about|around|approximately|exceeding|in excess of|some|below|above|a total of|"
    r"an estimated|estimated|just over|just under|well over)\s+", re.IGNORECASE)


def _marked(text, sentence, start, end):
    """The sentence with the figure text[start:end] marked, its qualifier left outside."""
    q = _QUALIFIER.match(text, start, end)
    start = q.end() if q else start
    s, e = sentence
    return (text[s:start] + _OPEN + text[start:end] + _CLOSE + text[end:e]).replace("\n", " ").strip()


def planted_items(judged):
    """(item id, sentence, sentence) for each planted conflict judged one quantity, in its
    planted form, the sentences in document order."""
    out = []
    for doc_id, record in records(SPLIT):
        text, spans = P.assemble(record)
        for pair in P.mine(doc_id, text, spans):
            plant = P.plant(text, pair) if judged.get(pair.id) is True else None
            if plant is None:
                continue
            new, shift, at = plant.apply(text), plant.shift, plant.at
            partner, planted = plant.partner, plant.planted
            moved = [p + (shift if p > at else 0) for p in partner.sentence]
            first = _marked(new, (planted.sentence[0], planted.sentence[1] + shift), at, at + len(plant.new))
            second = _marked(new, tuple(moved), plant.partner_at(),
                             plant.partner_at() + partner.end - partner.start)
            out.append((pair.id, *((first, second) if at < plant.partner_at() else (second, first))))
    return out


def balanced_negatives():
    """(item id, sentence, sentence): in each case study, one pair of figures of one kind
    followed by the same word whose values differ by more than 15%, chosen by the
    document's id; BALANCED_NEGATIVES of them drawn at random."""
    pool = []
    for doc_id, record in records(SPLIT):
        text, spans = P.assemble(record)
        figures = [f for s, e in spans for f in P.figures(text, s, e)]
        pairs = [(f, g) for i, f in enumerate(figures) for g in figures[i + 1:]
                 if f.kind == g.kind and f.words[:1] == g.words[:1] and f.sentence != g.sentence
                 and abs(f.value - g.value) > 0.15 * max(f.value, g.value)]
        if pairs:
            f, g = pairs[zlib.crc32(doc_id.encode()) % len(pairs)]
            pool.append((P.pair_id(doc_id, f.start, g.start), _marked(text, f.sentence, f.start, f.end),
                         _marked(text, g.sentence, g.start, g.end)))
    random.Random(SEED).shuffle(pool)
    return pool[:BALANCED_NEGATIVES]


def weighed_negatives(cache):
    """(item id, sentence, sentence) for every pair the numeric check weighs in the
    untouched case studies (train_matcher.negatives), the sentences in document order."""
    from claimcheck import Embedder, extract_claims, make_document
    from evaluation.train_matcher import negatives

    embedder, out = Embedder(cache_dir=cache), []
    for doc_id, record in records(SPLIT):
        text, _ = P.assemble(record)
        doc = make_document(doc_id, text)
        for row in negatives(doc, extract_claims(doc), embedder):
            figures = sorted((s + a, _marked(t, (0, len(t)), a, b)) for s, a, b, t in
                             zip(row["starts"], row["qstarts"], row["qends"], row["sentences"]))
            out.append((P.pair_id(doc_id, figures[0][0], figures[1][0]), figures[0][1], figures[1][1]))
    return out


def write_to_judge(folder, cache):
    """The two sets for the readers, each shuffled so nothing in the order gives the kind
    away; the ids name document and offsets alike for conflicts and negatives."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    conflicts = planted_items(load_labels(LABELS / f"planted-{SPLIT}.jsonl"))
    rng = random.Random(SEED)
    balanced = conflicts + balanced_negatives()
    rng.shuffle(balanced)
    _write(folder / "readers-balanced.tojudge.jsonl", balanced)
    mixed = conflicts + weighed_negatives(cache)
    rng.shuffle(mixed)
    for part in range(MIXED_PARTS):
        _write(folder / f"readers-mixed{part + 1}.tojudge.jsonl", mixed[part::MIXED_PARTS])
    print(f"{len(conflicts)} planted conflicts; balanced {len(balanced)} pairs, mixed {len(mixed)} "
          f"in {MIXED_PARTS} parts, written to {folder}")


def _write(path, items):
    with open(path, "w", encoding="utf-8") as out:
        for item, a, b in items:
            out.write(json.dumps({"item": item, "a": a, "b": b}, ensure_ascii=False) + "\n")


def _flagged(run):
    """{doc: [set of figure offsets]} of the run's high and medium numeric conflicts on
    untouched documents, and {planted pair: grade}."""
    spans = defaultdict(list)
    for alarm in run.get("alarms", []):
        if alarm["check"] == "numeric-conflict":
            spans[alarm["doc"]].append([alarm["claim"], *alarm.get("evidence", [])])
    return spans, {p["pair"]: p["found"] for p in run["plants_records"]}


def _tool_flags(spans, item):
    """Whether one of the run's findings links the two figures of a negative."""
    doc, a, b = item.rsplit(":", 2)
    a, b = int(a), int(b)
    return any(any(s["start"] <= a < s["end"] for s in group) and any(s["start"] <= b < s["end"] for s in group)
               for group in spans.get(doc, ()))


def score(labels_path, run_path):
    """Recall and false alarms of each reader on each set, beside the tool's."""
    run = json.loads(Path(run_path).read_text(encoding="utf-8"))
    spans, grades = _flagged(run)
    docs = run["documents"]
    rows = [json.loads(line) for line in Path(labels_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    by = defaultdict(dict)
    for row in rows:
        by[(row["set"], row["reader"])][row["item"]] = row["label"]
    result = {}
    for (which, reader), labels in sorted(by.items()):
        conflict = Counter(labels[p] for p in labels if p in grades)
        caught = [p for p in labels if p in grades and labels[p] == "conflict"]
        negatives = [i for i in labels if i not in grades]
        called = sum(labels[i] == "conflict" for i in negatives)
        n = sum(conflict.values())
        lo, hi = wilson(conflict["conflict"], n)
        tool_found = sum(grades[p] in ("high", "medium") for p in labels if p in grades)
        tool_of_caught = sum(grades[p] in ("high", "medium") for p in caught)
        tool_flags = sum(_tool_flags(spans, i) for i in negatives)
        result[f"{which}/{reader}"] = {
            "planted": n, "reader_conflict": conflict["conflict"], "reader_unsure": conflict["unsure"],
            "reader_recall": round(conflict["conflict"] / max(1, n), 3), "interval": [lo, hi],
            "negatives": len(negatives), "reader_false_alarms": called,
            "tool_found": tool_found, "tool_found_of_reader_conflicts": tool_of_caught,
            "tool_flags_on_negatives": tool_flags}
        print(f"{which:9s} {reader:7s} planted {n}: reader conflict {conflict['conflict']} "
              f"({conflict['conflict'] / max(1, n):.3f}, {lo}-{hi}), unsure {conflict['unsure']}; "
              f"tool h+m {tool_found}, of the reader's conflicts {tool_of_caught} | negatives "
              f"{len(negatives)}: reader conflict {called}, tool h+m {tool_flags}")
    print(f"({docs} untouched case studies)")
    return result


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True, help="an --out JSON of eval_planted.py --split validation")
    ap.add_argument("--to-judge", metavar="FOLDER", help="write the readers' files here (outside the repository)")
    ap.add_argument("--labels", help="score the readers' labels (evaluation/labels/readers-validation.jsonl)")
    ap.add_argument("--cache", default=None, help="keep sentence vectors on disk here")
    args = ap.parse_args(argv)
    if args.to_judge:
        write_to_judge(args.to_judge, args.cache)
    if args.labels:
        score(args.labels, args.run)
    if not (args.to_judge or args.labels):
        sys.exit("give --to-judge FOLDER or --labels FILE")


if __name__ == "__main__":
    main()
