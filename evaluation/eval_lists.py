"""Measure the list checks on real REF2014 impact case studies (not a unit test).

Two kinds of statement carry their own arithmetic, and real case studies make both:

- a count with its list: "three sites (Leeds, York and Hull)", "five partners: A, B, C,
  D and E" (the count-vs-list check), or with items set apart by semicolons, which may be
  long ("three aims: to train staff in each region; to build a network; and to publish");
- a total with its parts: "86,000 visitors: 31,000 in Bristol, 29,000 in Liverpool and
  26,000 in London" (the total-vs-parts check, on a sentence's own breakdown).

Candidates are found by this script's own plain reading of the text, not by claimcheck's
parser, and kept only where the author's text already agrees with itself (a list of as
many items as the count says; two or more figures right after a total that add up to it
exactly): agreement is the sign that the plain reading was right. Each candidate is then
broken in a copy of its document, as a writer breaks one:

- list: the count one higher than the list ("four sites (Leeds, York and Hull)"),
  written as the count was (digits or words). Lists whose items hold figures ("two
  years (2015 and 2016)", "three grants (2010-2014, £450k)") are counted apart: the check
  leaves them alone by design, as figures in brackets more often describe than list
  (single years listed for a count of years excepted);
  lists of semicolon items have rows of their own ("list of clauses", and the same with
  figures in the items), and so do lists set out below a lead that ends with a colon,
  one item a line, by bullets or by numbers in order ("list set out below");
- parts: one part changed by a tenth of the total, so the parts no longer add up.

Recall is the share of broken statements that claimcheck reports with that check on the
broken sentence (for a list set out below, the document-level check on its lead). False
alarms are the findings of the two checks on the untouched documents (every one to be
read: some are real slips). Only the claim parser runs, no model, so a whole split takes
about a minute. What this leaves out: a count lower than its
list is not reported by design (names can hold "and" or a comma), and a total against parts
given in another sentence needs the evidence search, so it is not planted here.

    python -m evaluation.eval_lists --split tune
    python -m evaluation.eval_lists --split heldout --out eval-lists-heldout.json
"""

import argparse
import json
import re
import sys
import time
from pathlib import Path

from claimcheck import extract_claims, make_document
from claimcheck.checks.enumeration import count_vs_list, count_vs_list_below, total_vs_parts
from claimcheck.parse.numbers import TENS, UNITS, words_to_number
from evaluation import eval_conflicts as ev  # the same data, splits and number words

_WORD_VALUES = {k: v for k, v in {**UNITS, **TENS}.items() if 2 <= v <= 30}
_COUNT = r"(\d{1,2}|" + "|".join(sorted(_WORD_VALUES, key=len, reverse=True)) + r")"
#: A count, up to four words ending in a plural, then a bracketed or colon-led list.
_COUNTED = r"\b" + _COUNT + r"\s+((?:[A-Za-z][\w'’-]*\s+){0,3}[A-Za-z][\w'’-]*s)\s*"
_LISTED = re.compile(_COUNTED + r"(?:\(([^()]{3,400})\)|:\s*([^.:;!?()\[\]]{3,400}))", re.IGNORECASE)
#: A count, its plural, a colon, then items set apart by semicolons to the sentence's end
#: ("three aims: to train staff; to build a network; and to publish the results").
_CLAUSE_LISTED = re.compile(
    _COUNTED + r":\s*([^:;.!?]{3,300}(?:;[^:;.!?]{3,300})+)(?=\.(?:\s|$)|$)", re.IGNORECASE)
#: A count, its plural and up to 80 more characters on its line, then a colon that ends
#: the line: the lead of a list set out below it, one item a line.
_LEAD = re.compile(_COUNTED + r"[^.:;\n()\[\]]{0,80}:[ \t]*\r?\n", re.IGNORECASE)
_BULLET_LINE = re.compile(r"[ \t]*([•▪■◦●·*–-])\s")
_NUMBERED_LINE = r"(?m)^[ \t]*\(?{}[.)]\s"
_FIRST_NUMBERS = (tuple(str(n) for n in range(1, 31)), "abcdefgh",
                  ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii"))
#: The script's own split of list items (not claimcheck's, which is what is measured).
_ITEM_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
#: A plain figure: digits with thousands separators, maybe after a currency sign, and not
#: a share, a decimal or a scale ("30%", "1.5", "£2m" are left out).
_FIGURE = re.compile(
    r"(?<![\w.,£$€/-])([£$€]?)(\d{1,3}(?:,\d{3})+|\d+)(?![\w%]|[.,]\d|\s*(?:per\s*cent|"
    r"million|billion|thousand|bn|m\b|k\b))")
#: A sentence: to a full stop (or ! or ?) before a capital, a quote or a bracket, or the
#: text's end; a point inside a figure ("1.5") does not end it.
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?!\s+[A-Z\"'(\[]|\s*$))+(?:[.!?](?=\s+[A-Z\"'(\[]|\s*$)|$)")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
#: A date's day ("14 March", "March 14"), a page or a citation: not a figure of a total.
_NOT_A_COUNT = re.compile(rf"\s+{_MONTH}\b|\s*[\])]|[\s,]*(?:pp?\.|para)")
#: What a total counts: a plural noun after it, maybe with up to three words before it.
_COUNTED_AFTER = re.compile(
    r"\s+(?:[a-z][\w'-]*\s+){0,3}(?:[a-z][\w'-]*s|people|children|men|women|staff)\b")


def _value(text):
    return int(text) if text.isdigit() else int(words_to_number(text))


def listed_counts(text):
    """(start, end, value, items) of counts followed by a list of exactly that many."""
    for m in _LISTED.finditer(text):
        value = _value(m.group(1))
        body = m.group(3) if m.group(3) is not None else m.group(4)
        items = [i for i in _ITEM_SPLIT.split(body.strip()) if i]
        if len(items) == value and all(len(i) <= 80 for i in items):
            yield m.start(1), m.end(1), value, items


def clause_lists(text):
    """(start, end, value, items) of counts followed by as many items set apart by
    semicolons, which may be long and hold commas or "and"."""
    for m in _CLAUSE_LISTED.finditer(text):
        items = [i for i in m.group(3).split(";") if i.strip()]
        if len(items) == _value(m.group(1)):
            yield m.start(1), m.end(1), len(items), items


def _items_set_out(text, pos):
    """The first lines of the items of a list set out below `pos`, by a plain reading:
    lines opening with numbers (or letters, or roman numerals) in order from the first,
    within the next 4,000 characters; or lines opening with one bullet, up to the first
    blank line that a line without it follows. [] if no such list starts on the next line."""
    after = text[pos:pos + 4000]
    first = after.lstrip("\r\n \t")
    bullet = _BULLET_LINE.match(first)
    if bullet:
        mark = re.escape(bullet.group(1))
        block = re.split(rf"\r?\n[ \t]*\r?\n(?![ \t]*{mark}\s)", after.strip("\r\n"))[0]
        return [line for line in block.splitlines() if re.match(rf"[ \t]*{mark}\s", line)]
    for numbers in _FIRST_NUMBERS:
        if re.match(_NUMBERED_LINE.format(re.escape(numbers[0])), first):
            found = [re.search(_NUMBERED_LINE.format(re.escape(n)), after) for n in numbers]
            return [m.group() for m in found[:found.index(None) if None in found else len(found)]]
    return []


def lists_set_out(text):
    """(start, end, value, item lines) of counts that lead a list set out below them, one
    item a line, of exactly that many items."""
    for m in _LEAD.finditer(text):
        items = _items_set_out(text, m.end() - 1)
        if len(items) == _value(m.group(1)):
            yield m.start(1), m.end(1), len(items), items


def _is_year(sign, digits):
    return not sign and "," not in digits and 1900 <= int(digits) <= 2099


def summed_parts(text):
    """(total start, total end, total, [(start, end, value)]) of a figure that says what it
    counts (or is an amount of money), followed in its sentence by two or more figures
    (the next ones, not days of a month, pages or citations) that add up to it exactly."""
    for s in _SENTENCE.finditer(text):
        figures = [(m.start(2), m.end(2), int(m.group(2).replace(",", "")), m.group(1))
                   for m in _FIGURE.finditer(text, s.start(), s.end())
                   if not _is_year(m.group(1), m.group(2)) and not _NOT_A_COUNT.match(text, m.end())
                   and not re.search(rf"{_MONTH}\s+$", text[max(0, m.start() - 12):m.start()])]
        for i, (start, end, total, sign) in enumerate(figures):
            if not sign and not _COUNTED_AFTER.match(text, end):
                continue  # a total says what it counts: "90 children (52 girls and 38 boys)"
            run = 0
            for j in range(i + 1, len(figures)):
                if figures[j][3] != sign or figures[j][2] >= total:
                    break
                run += figures[j][2]
                if run == total and j - i >= 2 and total >= 10:
                    yield start, end, total, [f[:3] for f in figures[i + 1:j + 1]]
                    break
                if run > total:
                    break


def _as_written(value, like):
    """`value` written the way `like` was: digits (with separators if it had them) or words."""
    if like[0].isdigit():
        return f"{value:,}" if "," in like else str(value)
    words = ev.in_words(value)
    return words[0].upper() + words[1:] if like[0].isupper() else words


def _reported(doc, start, check, wanted):
    """Whether `check` reports the claim of `doc` that holds offset `start`, and the text
    read (the claim, or the words around `start` when no claim holds it)."""
    for claim in extract_claims(doc):
        if claim.start <= start < claim.end:
            return any(f.check == wanted for f in check(claim, [])), claim.text
    return False, "(no claim) " + doc.text[max(0, start - 100):start + 200]


def _reported_below(doc, start, *_):
    """Whether the document-level count-vs-list check reports the lead holding `start`."""
    found = any(f.claim.start <= start < f.claim.end for f in count_vs_list_below(doc))
    return found, doc.text[max(0, start - 150):start + 250]


def plants(doc):
    """(kind, changed document, offset, before, after) for each candidate of `doc`."""
    text = doc.text
    lists = [(found, "list", "list with figures") for found in listed_counts(text)]
    lists += [(found, "list of clauses", "list of clauses, with figures") for found in clause_lists(text)]
    lists += [(found, "list set out below", "list set out below") for found in lists_set_out(text)]
    for (start, end, value, items), kind, with_figures in lists:
        new = _as_written(value + 1, text[start:end])
        kind = with_figures if any(re.search(r"\d", i) for i in items) else kind
        yield kind, make_document(doc.id, text[:start] + new + text[end:]), start, text[start:end], new
    for start, _end, total, parts in summed_parts(text):
        p_start, p_end, part = parts[0]
        step = max(1, round(total / 10))
        new = _as_written(part + step, text[p_start:p_end])
        changed = text[:p_start] + new + text[p_end:]
        yield "parts", make_document(doc.id, changed), start, text[p_start:p_end], new


def alarms(doc):
    """The two checks' findings on an untouched document, with the text each is of."""
    out = []
    for claim in extract_claims(doc):
        for check in (count_vs_list, total_vs_parts):
            out += [(f, claim.text) for f in check(claim, []) if f.check in ("count-vs-list", "total-vs-parts")]
    return out + [(f, f.claim.text) for f in count_vs_list_below(doc)]


def split_arguments(description):
    """The command line of a parser-only evaluation over a whole split (this script's and
    eval_amounts.py's): --split, --docs, --seed and --out."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["tune", "heldout"], default="heldout")
    ap.add_argument("--docs", type=int, default=2000, help="documents to read (all of the split)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", default=None, help="write the figures, misses and alarms here (JSON)")
    return ap.parse_args()


def write_result(path, result):
    """Write an evaluation's result as JSON, if a path was given."""
    if path:
        Path(path).write_text(json.dumps(result, indent=2) + "\n")


def finish(path, result):
    """Print how long an evaluation took and write its result (see write_result)."""
    print(f"{result['seconds']} s")
    write_result(path, result)


def main():
    args = split_arguments(__doc__)
    started = time.perf_counter()
    docs = ev.load(args.split, args.docs, args.seed)
    checks = {"list": (_reported, count_vs_list, "count-vs-list"),
              "parts": (_reported, total_vs_parts, "total-vs-parts")}
    for kind in ("list with figures", "list of clauses", "list of clauses, with figures"):
        checks[kind] = checks["list"]
    checks["list set out below"] = (_reported_below,)
    planted = dict.fromkeys(checks, 0)
    found = dict.fromkeys(checks, 0)
    missed, raised = [], []
    for n, doc in enumerate(docs, 1):
        for kind, changed, start, before, after in plants(doc):
            planted[kind] += 1
            reporter, *check = checks[kind]
            reported, sentence = reporter(changed, start, *check)
            if reported:
                found[kind] += 1
            else:
                missed.append({"doc": doc.id, "kind": kind, "at": start, "was": before,
                               "now": after, "sentence": sentence[:400]})
        for finding, sentence in alarms(doc):
            raised.append({"doc": doc.id, "check": finding.check, "severity": finding.severity,
                           "message": finding.message, "sentence": sentence[:400]})
        if n % 200 == 0:
            print(f"{n}/{len(docs)} documents", file=sys.stderr)
    result = {
        "split": args.split, "documents": len(docs),
        "planted": planted,
        "recall": {k: round(found[k] / planted[k], 3) if planted[k] else None for k in planted},
        "found": found,
        "alarms_per_untouched_doc": round(len(raised) / max(1, len(docs)), 4),
        "alarms": raised, "missed": missed,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(f"split {args.split}: {len(docs)} untouched documents, {len(raised)} findings of the two "
          f"checks on them ({result['alarms_per_untouched_doc']} per document)")
    for kind in planted:
        print(f"  {kind}: {found[kind]}/{planted[kind]} broken statements reported "
              f"(recall {result['recall'][kind]})")
    finish(args.out, result)


if __name__ == "__main__":
    main()
