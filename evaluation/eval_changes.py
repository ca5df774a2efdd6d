"""Measure the arithmetic check on real REF2014 impact case studies (not a unit test).

Case studies state changes with both ends and the size of the change: "the market value
increased from £4.7m to £8.9m (a 90% increase)", "a fall of 18% (from 17.5 to 14.8 per
100,000)", "doubled from 12 to 24 centres". The three figures must agree, and an auditor
who reads "rose by 25%, from 200 to 300" should be told they do not.

Candidates are found by this script's own plain reading, not by claimcheck's parser: in
one sentence, "from A to B" or, in reverse, "to B from A" (figures other than years:
digits, maybe a currency sign, a scale or a percent sign) with a word of change
("increased", "a rise", "fell", "cut", "up") within a few words, and the size of the
change, a percentage ("25%", "25 per cent") or a multiple ("fourfold", "3-fold",
"doubled", "trebled", "halved"), within 12 words of the pair with no other clause between
("; ", " and ", "while", "which"). A candidate is kept only where the author's figures
already agree by the script's own arithmetic (a percentage as a relative change, or as
percentage points between two shares; a multiple as a ratio; rounding allowed): agreement
is the sign that the plain reading was right. Those that do not agree are listed to read.

Each kept statement is broken twice, each time in a copy of its document:

- end: the second figure moved so that the change is twice what is stated (half, for a
  fall), written as the writer wrote it ("300" for "250"; "£8.9m" for "£6.5m");
- size: the stated size of the change doubled ("50%" for "25%", "eightfold" for
  "fourfold", "quadrupled" for "doubled"), or halved where doubling a fall would pass
  100%.

Recall is the share of broken statements that the check reports (high or medium) on the
broken sentence; false alarms are its high and medium findings on the untouched documents
(every one to be read: some are real slips). Only the claim parser runs, no model, so a
whole split takes about a minute. What this leaves out: changes stated with their amount
in units ("an increase of six hours, from 2 to 8") and changes whose ends are in other
sentences.

    python -m evaluation.eval_changes --split tune
    python -m evaluation.eval_changes --split heldout --out eval-changes-heldout.json
"""

import re
import time
from collections import Counter

from claimcheck import extract_claims, make_document
from claimcheck.checks import run_checks
from evaluation.eval_amounts import _SENTENCE, alarm_records, begin, headline, progress  # the same data, sentences and report
from evaluation.eval_lists import finish

CHECK = "arithmetic"
_SCALES = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
#: A figure as a writer types it (a year is not one): sign, digits, decimals, a scale or
#: a percent sign.
_FIGURE = (r"(?:£|\$|€)?(?!(?:19|20)\d\d\b)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
           r"(?:\s?(?:%|per\s?cent\b|k\b|m\b|bn\b|million\b|billion\b))?")
#: A qualifier before a figure, and up to four words (or years) between the two figures.
_ABOUT = r"(?:about\s+|around\s+|approximately\s+|c\.\s?)?"
_BETWEEN = r"(?P<unit>(?:\s+(?:[a-z]+|\(?(?:19|20)\d\d(?:[-/]\d\d(?:\d\d)?)?\)?,?)){0,4}?)"
_FROM_TO = re.compile(rf"\bfrom\s+{_ABOUT}(?P<a>{_FIGURE}){_BETWEEN}\s+to\s+{_ABOUT}(?P<b>{_FIGURE})",
                      re.IGNORECASE)
#: The same in reverse: "rose by 8% to £1,094m in 2011 from £1,013m in 2010".
_TO_FROM = re.compile(rf"\bto\s+{_ABOUT}(?P<b>{_FIGURE}){_BETWEEN}\s+\(?from\s+{_ABOUT}(?P<a>{_FIGURE})",
                      re.IGNORECASE)
_CHANGE_WORD = re.compile(
    r"\b(?:increas\w*|ris\w*|rose|gr[eo]w\w*|fell|fall\w*|falls|declin\w*|decreas\w*|drop\w*|"
    r"reduc\w*|cut|cuts|up|down|improv\w*|jump\w*|doubl\w*|tripl\w*|trebl\w*|quadrupl\w*|halv\w*|"
    r"boost\w*|rais\w*|lower\w*|uplift)\b", re.IGNORECASE)
_DOWN_WORD = re.compile(r"\b(?:fell|fall\w*|declin\w*|decreas\w*|drop\w*|reduc\w*|cut|cuts|down|"
                        r"lower\w*|halv\w*)\b", re.IGNORECASE)
_FOLD_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "twenty": 20}
_VERB_MULTIPLES = {"doubl": 2, "tripl": 3, "trebl": 3, "quadrupl": 4}
_SIZE = re.compile(
    r"(?P<pct>\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b))(?!\s*(?:of|points?)\b)"
    r"|\b(?P<fold>\d+(?:\.\d+)?|" + "|".join(_FOLD_WORDS) + r")[\s-]?fold\b"
    r"|\b(?P<verb>doubl|tripl|trebl|quadrupl)(?P<verb_end>ed|ing|e)\b"
    r"|\b(?P<halved>halved)\b", re.IGNORECASE)
#: Words that make the stated size of a change a lower bound: "more than doubled".
_AT_LEAST = re.compile(r"\b(?:more than|over|at least|in excess of|upwards of)\s+$", re.IGNORECASE)
#: What opens another clause between the size of a change and its ends.
_OTHER_CLAUSE = re.compile(r";|\band\b|\bwhile\b|\bwhereas\b|\bwhich\b|\bthereby\b|\bbut\b",
                           re.IGNORECASE)
#: Words on either side of a figure that make it an end of a pair, not a size.
_END_OF_PAIR = re.compile(r"\b(?:from|to)\s+$|\s+to\s+\d", re.IGNORECASE)
REACH_WORDS = 12
#: Rounding allowed between a stated percentage and the figures' own: a point, or 5%.
_PERCENT_SLACK = (1.0, 0.05)


def figure_value(text):
    """(value, is a percentage, decimals written) of a figure as _FIGURE reads it."""
    m = re.match(r"\D*?(\d[\d,]*)(\.\d+)?\s?(%|per\s?cent|k|m|bn|million|billion)?", text, re.IGNORECASE)
    digits, decimals, suffix = m.groups()
    value = float(digits.replace(",", "") + (decimals or ""))
    suffix = (suffix or "").lower()
    return value * _SCALES.get(suffix, 1), suffix.startswith(("%", "per")), len(decimals or "") - 1 if decimals else 0


def _size(m):
    """("percent" | "multiple", value) of a stated size of change."""
    if m.group("pct"):
        return "percent", float(re.match(r"[\d.]+", m.group("pct")).group(0))
    if m.group("fold"):
        word = m.group("fold").lower()
        return "multiple", float(_FOLD_WORDS.get(word, 0) or word)
    if m.group("verb"):
        return "multiple", float(_VERB_MULTIPLES[m.group("verb").lower()])
    return "multiple", 0.5


def agrees(a, b, kind, size, down, shares):
    """Whether the change from a to b is the stated size, by this script's arithmetic."""
    if a <= 0:
        return False
    if kind == "multiple":
        ratio = b / a
        return abs(ratio - size) <= 0.1 * size or (size > 1 and down and abs(a / b - size) <= 0.1 * size)
    relative = 100 * (b - a) / a
    points = b - a
    stated = -size if down else size
    slack = max(_PERCENT_SLACK[0], _PERCENT_SLACK[1] * size)
    return abs(relative - stated) <= slack or (shares and abs(points - stated) <= slack)


def statements(text):
    """Each stated change with its size, as dicts: where its figures are, what they say,
    and whether they agree."""
    for s in _SENTENCE.finditer(text):
        sentence, base = s.group(0), s.start()
        for pair in [*_FROM_TO.finditer(sentence), *_TO_FROM.finditer(sentence)]:
            size = _nearest_size(sentence, pair)
            if size is None:
                continue
            window = sentence[max(0, min(size.start(), pair.start()) - 40):max(size.end(), pair.end()) + 20]
            if not _CHANGE_WORD.search(window):
                continue
            a, a_pct, _ = figure_value(pair.group("a"))
            b, b_pct, decimals = figure_value(pair.group("b"))
            kind, value = _size(size)
            down = bool(_DOWN_WORD.search(window)) or (kind == "multiple" and value < 1)
            at_least = bool(_AT_LEAST.search(sentence, max(0, size.start() - 20), size.start()))
            yield {
                "at": base + pair.start("b"), "end": base + pair.end("b"),
                "size_at": base + size.start(), "size_end": base + size.end(),
                "a": a, "b": b, "b_text": pair.group("b"), "decimals": decimals,
                "kind": kind, "size": value, "size_text": size.group(0), "down": down,
                "shares": a_pct or b_pct, "at_least": at_least, "sentence": sentence.strip(),
                "agrees": agrees(a, b, kind, value, down, a_pct or b_pct),
            }


def _nearest_size(sentence, pair):
    """The stated size of change nearest the pair, within REACH_WORDS words of it and no
    other clause between; None if there is none."""
    best = None
    for m in _SIZE.finditer(sentence):
        if pair.start() <= m.start() < pair.end() or _END_OF_PAIR.search(
                sentence, max(0, m.start() - 6), m.start()) or _END_OF_PAIR.match(sentence, m.end()):
            continue  # one of the two ends, or an end of another pair ("Leeds 5% to 6%")
        gap = sentence[m.end():pair.start()] if m.end() <= pair.start() else sentence[pair.end():m.start()]
        if len(gap.split()) > REACH_WORDS or _OTHER_CLAUSE.search(gap):
            continue
        if best is None or len(gap) < best[0]:
            best = (len(gap), m)
    return best[1] if best else None


def _written(value, like, decimals):
    """`value` written as the figure `like` is: its sign, scale or percent sign, and at
    least its decimals."""
    m = re.match(r"(\D*?)(\d[\d,]*(?:\.\d+)?)(\s?(?:%|per\s?cent|k|m|bn|million|billion)?)(.*)$", like, re.IGNORECASE)
    prefix, digits, suffix, rest = m.groups()
    scale = _SCALES.get(suffix.strip().lower(), 1)
    number = value / scale
    places = max(decimals, 0 if number >= 100 or number == int(number) else 1)
    text = f"{number:,.{places}f}" if "," in digits or number >= 10000 else f"{number:.{places}f}"
    return prefix + text + suffix + rest


def broken_end(s):
    """The second figure moved so the change is twice the stated one (half, for a fall);
    None if, as written, it would still agree."""
    a, b = s["a"], s["b"]
    if s["down"] or s["at_least"]:  # "more than doubled" admits any larger change
        new = (a + b) / 2
    else:
        new = 2 * b if s["kind"] == "multiple" else a + 2 * (b - a)
    text = _written(new, s["b_text"], s["decimals"])
    if agrees(a, figure_value(text)[0], s["kind"], s["size"], s["down"], s["shares"]):
        return None
    return text


def broken_size(s):
    """The stated size of the change doubled (halved where doubling a fall passes 100%)."""
    text, value = s["size_text"], s["size"]
    if s["kind"] == "percent":
        past_all = s["down"] and value * 2 >= 100
        if past_all and s["at_least"]:
            return None  # a fall of "more than 60%" is also more than 30%
        new = value / 2 if past_all else value * 2
        return re.sub(r"\d+(?:\.\d+)?", f"{new:g}", text, count=1)
    if value < 1:
        return None  # "halved": no plain word for a quarter
    digits = re.match(r"\d+(?:\.\d+)?", text)
    if digits:
        return f"{value * 2:g}" + text[digits.end():]
    verb = re.match(r"(doubl|tripl|trebl|quadrupl)(\w*)", text, re.IGNORECASE)
    if verb:  # "doubling" -> "quadrupling", "trebled" -> "quadrupled", "quadrupled" -> "doubled"
        return ("doubl" if value == 4 else "quadrupl") + verb.group(2)
    word = next(w for w, v in _FOLD_WORDS.items() if v == value)
    doubled = next((w for w, v in _FOLD_WORDS.items() if v == 2 * value), None)
    return None if doubled is None else re.sub(word, doubled, text, count=1, flags=re.IGNORECASE)


def plants(doc):
    """(style, changed document, where, new text, statement) for each kept statement."""
    for s in statements(doc.text):
        if not s["agrees"]:
            continue
        for style, new, start, end in (("end", broken_end(s), s["at"], s["end"]),
                                       ("size", broken_size(s), s["size_at"], s["size_end"])):
            if new is None:
                continue
            changed = make_document(doc.id, doc.text[:start] + new + doc.text[end:])
            yield style, changed, start, new, s


def findings(doc, context):
    return [f for claim in extract_claims(doc) for f in run_checks(claim, (), context, only=(CHECK,))]


def _best_grade(found, at):
    """The best grade among the findings `found` on the sentence holding `at` ("" if none)."""
    held = [f.severity for f in found if f.claim.start <= at < f.claim.end]
    return next((g for g in ("high", "medium", "low") if g in held), "")


def _reported(doc, at, context):
    """The check's best grade on the sentence of `doc` holding `at` ("" if none)."""
    return _best_grade(findings(doc, context), at)


def main():
    args, started, context, docs = begin(__doc__)
    planted, found = Counter(), Counter()
    records, raised, disagreeing = [], [], []
    for n, doc in enumerate(docs, 1):
        for style, changed, start, new, s in plants(doc):
            grade = _reported(changed, start, context)
            planted[style, s["kind"]] += 1
            found[style, s["kind"]] += grade in ("high", "medium")
            records.append({"doc": doc.id, "at": start, "style": style, "kind": s["kind"],
                            "now": new, "found": grade, "sentence": s["sentence"][:400]})
        untouched = findings(doc, context)  # worked out once for the document
        disagreeing += [{"doc": doc.id, "sentence": s["sentence"][:400],
                         "reported": _best_grade(untouched, s["at"])}
                        for s in statements(doc.text) if not s["agrees"]]
        raised += alarm_records(doc, untouched)
        progress(n, docs, planted)
    result = headline(args, docs, planted, found, raised, CHECK)
    result.update({
        "by_style": {f"{style} ({kind})": f"{found[style, kind]}/{planted[style, kind]}"
                     for style, kind in sorted(planted)},
        "statements_not_agreeing": len(disagreeing),
        "alarms": raised, "not_agreeing": disagreeing, "planted_records": records,
        "seconds": round(time.perf_counter() - started, 1),
    })
    print(f"  broken changes reported: {result['found']}/{result['planted']} (recall "
          f"{result['recall']}); by how the change was broken (and what its size is): "
          f"{result['by_style']}")
    print(f"  stated changes whose figures do not agree as written (to read): {len(disagreeing)}")
    finish(args.out, result)


if __name__ == "__main__":
    main()
