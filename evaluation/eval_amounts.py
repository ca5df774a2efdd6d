"""Measure the implausible-amount check on real REF2014 impact case studies (not a unit test).

A research office reads "a £94k studentship" and "a £1.2m ESRC grant" without a second
thought, and should stop at "a £94m studentship" or "a £1.2bn ESRC grant": a slip of
scale (thousands written as millions, millions as billions) is the commonest way an
amount goes wrong by a large factor, and the priors are there to catch it.

Candidates are found by this script's own plain reading, not by claimcheck's parser: an
amount of money (a currency sign or code, digits, maybe a scale: "£94k", "$1.2 million",
"GBP 418,300") within eight words of a word for one award or study in the same sentence
("grant", "award", "fellowship", "studentship", "scholarship", "trial", "RCT", "pilot
study", "feasibility study"), and no word of a sum or a value between them or just before
the amount ("totalling", "a total of", "worth", "value", "investment"). Each is broken in
a copy of its document by a slip of scale: a thousand times the amount, written as the
writer would ("£94m" for "£94k", "£1.2bn" for "£1.2m", "£418,300,000" for "£418,300").

Recall is the share of broken amounts that the check reports (high or medium) on the
sentence that holds them (in the body, or in the lists of references and sources, where
case studies name the grants behind the research), by the word that tied the amount to an award. False alarms are
the check's high and medium findings on the untouched documents, every one to be read.
Only the claim parser runs, no model, so a whole split takes about a minute. What this
leaves out: a slip of ten or a hundred times, which priors this coarse cannot tell from a
large award, and amounts the plain reading does not tie to an award ("funding of £2m
from the ESRC").

    python -m evaluation.eval_amounts --split tune
    python -m evaluation.eval_amounts --split heldout --out eval-amounts-heldout.json
"""

import re
import sys
import time
from collections import Counter

from claimcheck import extract_claims, make_document
from claimcheck.checks import Context, run_checks
from claimcheck.checks.plausibility import document_amounts
from evaluation import eval_conflicts as ev  # the same data and splits
from evaluation.eval_lists import finish, split_arguments  # the same command line and output

CHECK = "implausible-amount"
#: An amount as a writer types it: a sign or code, digits, maybe decimals and a scale.
_AMOUNT = re.compile(
    r"(?<![\w.,])(?:£|\$|€|(?:GBP|USD|EUR)\s?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s?(k|K|m|M|bn|million|billion)\b)?(?![\d%]|\s\d{3}\b)")
#: A word for one award or study (singular: a plural is several, and their sum).
_AWARD = re.compile(
    r"\b(grant|award|fellowship|studentship|scholarship|trial|RCT|pilot study|feasibility study)\b"
    r"(?!s\b)", re.IGNORECASE)
#: Words that make an amount a sum of several, or a value other than what was awarded.
_NOT_ONE_AWARD = re.compile(
    r"\b(?:total\w*|sum|combined|together|overall|worth|value\w*|invest\w*|saving\w*|sales?|"
    r"revenue|turnover|market|income|budget|leverag\w*|contracts?|grants|awards|interest)\b",
    re.IGNORECASE)
#: A sentence: to a full stop (or ! or ?) followed by a space, or the line's end; a point
#: inside a figure ("£1.2m") or a word ("e.g.") does not end it.
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=\S))+(?:[.!?](?=\s|$)|$)", re.MULTILINE)
_SCALE_UP = {"k": "m", "K": "M", "m": "bn", "M": "bn", "million": "billion"}


def candidates(text):
    """(start, end, new text, award word) for each amount tied to one award or study."""
    for s in _SENTENCE.finditer(text):
        sentence, base = s.group(0), s.start()
        for m in _AMOUNT.finditer(sentence):
            tied = None
            for w in _AWARD.finditer(sentence):
                between = sentence[min(w.end(), m.end()):max(w.start(), m.start())]
                if len(between.split()) <= 8 and not _NOT_ONE_AWARD.search(between):
                    tied = w.group(1).lower()
                    break
            if tied is None or _NOT_ONE_AWARD.search(sentence[max(0, m.start() - 30):m.start()]):
                continue
            digits, _decimals, scale = m.groups()
            new = _write_slip(m.group(0), digits, scale)
            if new is not None:
                yield base + m.start(), base + m.end(), new, tied


def _write_slip(written, digits, scale):
    """`written` a thousand times larger: "£94k" -> "£94m", "£1.2 million" -> "£1.2
    billion", "£418,300" -> "£418,300,000"; None for an amount already in billions."""
    if scale:
        if scale not in _SCALE_UP:
            return None
        return written[: len(written) - len(scale)] + _SCALE_UP[scale]
    at = written.index(digits) + len(digits)
    more = ",000" if "," in digits else "000"
    return written[:at] + more + written[at:]


def findings(doc, context):
    """The check's findings on `doc`: on its claims, and on the sentences of its lists of
    references and sources (a document-level check)."""
    claims = extract_claims(doc)
    out = [f for claim in claims for f in run_checks(claim, (), context, only=(CHECK,))]
    return out + list(document_amounts(doc, context.priors, claims))


def _reported(doc, start, context):
    """The check's best grade on the sentence of `doc` holding `start` ("" if none), and
    the sentence (or the words around `start` if no finding holds it)."""
    held = [f for f in findings(doc, context) if f.claim.start <= start < f.claim.end]
    best = next((g for g in ("high", "medium", "low") if any(f.severity == g for f in held)), "")
    return best, held[0].claim.text if held else doc.text[max(0, start - 150):start + 200]


def begin(description):
    """(arguments, start time, check context, documents) of a planting evaluation."""
    args = split_arguments(description)
    return args, time.perf_counter(), Context(), ev.load(args.split, args.docs, args.seed)


def alarm_records(doc, found):
    """The high and medium findings on an untouched document, to be read."""
    return [{"doc": doc.id, "severity": f.severity, "message": f.message,
             "sentence": f.claim.text[:400], "section": f.claim.section}
            for f in found if f.severity in ("high", "medium")]


def progress(n, docs, planted):
    if n % 200 == 0:
        print(f"{n}/{len(docs)} documents, {sum(planted.values())} planted", file=sys.stderr)


def headline(args, docs, planted, found, raised, check):
    """The figures a planting evaluation of one check reports first (printing its alarms):
    the split, how many were planted and found, and the check's high and medium findings
    per untouched document."""
    total, hits = sum(planted.values()), sum(found.values())
    result = {"split": args.split, "documents": len(docs), "planted": total, "found": hits,
              "recall": round(hits / total, 3) if total else None,
              "alarms_per_untouched_doc": round(len(raised) / max(1, len(docs)), 4)}
    print(f"split {args.split}: {len(docs)} untouched documents, {len(raised)} high or medium "
          f"{check} findings on them ({result['alarms_per_untouched_doc']} per document)")
    return result


def main():
    args, started, context, docs = begin(__doc__)
    planted, found = Counter(), Counter()
    records, raised = [], []
    for n, doc in enumerate(docs, 1):
        for start, end, new, word in candidates(doc.text):
            changed = make_document(doc.id, doc.text[:start] + new + doc.text[end:])
            grade, sentence = _reported(changed, start, context)
            planted[word] += 1
            found[word] += grade in ("high", "medium")
            records.append({"doc": doc.id, "at": start, "was": doc.text[start:end], "now": new,
                            "word": word, "found": grade, "sentence": sentence[:400]})
        raised += alarm_records(doc, findings(doc, context))
        progress(n, docs, planted)
    result = headline(args, docs, planted, found, raised, CHECK)
    result.update({
        "by_word": {w: f"{found[w]}/{planted[w]}" for w in sorted(planted)},
        "alarms": raised, "planted_records": records,
        "seconds": round(time.perf_counter() - started, 1),
    })
    print(f"  slips of scale reported: {result['found']}/{result['planted']} (recall {result['recall']}); "
          f"by the word that ties the amount to an award: {result['by_word']}")
    finish(args.out, result)


if __name__ == "__main__":
    main()
