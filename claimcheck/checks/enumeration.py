"""A stated count against the list that follows it (in its sentence, or set out line by
line below it), and a total against its parts."""

import re

from claimcheck.checks.describe import money, place, quantity_phrase, says
from claimcheck.checks.sameness import SUMMED, periods_meet
from claimcheck.findings import Finding, Span
from claimcheck.parse.lists import MAX_ITEM_WORDS, enumeration, lists_below
from claimcheck.parse.quantity import INF
from claimcheck.parse.statements import breakdowns, list_of_parts
from claimcheck.parse.words import looks_plural, singular

#: Counts above this are not enumerated in full.
MAX_LISTED = 30
#: The parts must be about the same thing as the total, in alike sentences.
PARTS_SIMILARITY = 0.45


def _listable(q):
    """A count its list may give in full: a whole number of a plural thing, 2 to
    MAX_LISTED, not qualified ("8 million phones (Nokia, ...)" lists examples; "4.0 code"
    is a version)."""
    return q.kind == "count" and not q.qualifier and q.noun and q.value == int(q.value) \
        and 2 <= q.value <= MAX_LISTED and looks_plural(q.noun.split()[-1], after_count=True)


def count_vs_list(claim, evidence, context=None):
    """ "five regional hubs (Leeds, Bristol, Norwich, Exeter)" lists four."""
    for q in claim.numeric:
        if not _listable(q):
            continue
        items = enumeration(claim.text, q, claim.start)
        # the items are split as finely as the wording allows, so fewer than stated is a
        # gap in the list; more may be names holding "and" or a comma, and is not reported
        if items is None or len(items) >= q.value:
            continue
        yield Finding(
            "count-vs-list", "medium",
            f"The sentence says {quantity_phrase(q)} but lists only {len(items)}: "
            f"{_joined(items)}.",
            Span.of_claim(claim), (),
            {"stated": q.value, "listed": len(items), "items": items, "pair": str(q.start)},
        )


def count_vs_list_below(doc):
    """A count against the list set out line by line below it: "four workshops:" and
    then three bulleted or numbered lines. Each line is one item, so only fewer items than
    the count is reported, as for lists in a sentence."""
    for found in lists_below(doc.text, doc.sections):
        q, items = found.count, found.items
        if not _listable(q) or len(items) >= q.value:
            continue
        shown = [" ".join(i.split()[:MAX_ITEM_WORDS]) + (" ..." if len(i.split()) > MAX_ITEM_WORDS else "")
                 for i in items]
        yield Finding(
            "count-vs-list", "medium",
            f"The sentence says {quantity_phrase(q)} but the list below it gives only "
            f"{len(items)}: {'; '.join(shown)}.",
            Span.of_document(doc, found.start, found.end), (),
            {"stated": q.value, "listed": len(items), "items": list(items), "pair": str(q.start)},
        )


def _joined(items):
    """The listed items as one phrase: by commas, or by semicolons when an item is long or
    holds a comma itself."""
    long = any("," in i or len(i.split()) > MAX_ITEM_WORDS for i in items)
    return ("; " if long else ", ").join(items)


def _words(text):
    return {singular(w) for w in re.findall(r"[A-Za-z]+", text)}


def total_vs_parts(claim, evidence, context=None):
    """A total against its parts: "13 international centres" against a list of groups and
    names elsewhere that adds up to another number; "52,000 visitors: 20,000 in Hull,
    18,000 in York and 10,000 in Leeds" (the sentence's own breakdown must add up); "48,000
    visitors" against figures elsewhere that add up to more."""
    yield from _breakdown_findings(claim, evidence)
    totals = [q for q in claim.numeric if q.kind == "count" and q.head and "partial" not in q.scope]
    if not totals:
        return
    for ev in evidence:
        if ev.score < PARTS_SIMILARITY or ev.claim.doc != claim.doc:
            continue
        parts = list_of_parts(ev.claim.text, ev.claim.quantities, ev.claim.start)
        if parts is None:
            continue
        subject = _words(ev.claim.text[: parts.start - ev.claim.start])
        for q in totals:
            if q.head not in subject or q.low <= parts.total <= q.high:
                continue
            pieces = [quantity_phrase(g) for g in parts.groups] + list(parts.named)
            yield Finding(
                "total-vs-parts", "high" if ev.score >= 0.6 else "medium",
                f"{says(place(claim, ev.claim), opening=True)} {quantity_phrase(q)}; "
                f"{place(ev.claim, claim)} {'list' if place(ev.claim, claim).startswith('the details') else 'lists'} them as {', '.join(pieces)}, which add up "
                f"to {parts.total:g}.",
                Span.of_claim(claim), (Span.of_claim(ev.claim, ev.score),),
                {"total": q.text, "parts_sum": parts.total, "parts": pieces, "pair": str(q.start)},
            )


#: "a total of" opening a total's phrase, left out where the message says "total" itself.
_A_TOTAL_OF = re.compile(r"^(?:an?\s+)?(?:grand\s+)?total\s+of\s+", re.IGNORECASE)


def _sum_phrase(b, q):
    """What the parts of Breakdown `b` add up to as written: "48,000", "£2.0m", or "at
    least 300" when a part is a lower bound ("over 200")."""
    value = sum(item.value for item in b.items)
    text = money(value, q.unit) if q.kind == "money" else f"{value:,.0f}"
    return ("at least " if b.high == INF else "") + text


def _parts_values(total, b):
    return {"total": total.text, "parts_sum": [b.low, None if b.high == INF else b.high],
            "parts": [q.text for q in b.items]}


def _breakdown_findings(claim, evidence):
    """Parts given as figures ("20,000 in Hull, 18,000 in York"): against the total their
    own sentence breaks down, which they must meet, and against a total of the same thing
    elsewhere in the document, which they must not exceed (a list elsewhere may leave
    parts out, so adding up to less is no conflict)."""
    for b in breakdowns(claim.text, claim.quantities, claim.start):
        if b.total is None or b.low <= b.total.high and (b.total.low <= b.high or not b.whole):
            continue  # the parts make the total, or ("including") fall short of it
        if b.total.start < b.items[0].start:
            said = (f"The sentence gives {quantity_phrase(b.total)} and then the parts "
                    f"{b.text}, which add up to {_sum_phrase(b, b.total)}"
                    + (f", not {_A_TOTAL_OF.sub('', b.total.text)}." if b.whole
                       else ": more than the whole, unless some are counted in two of them."
                       if b.may_overlap else ": more than the whole."))
        else:  # "..., 90 in Hull, a total of 480 tutors"
            total = _A_TOTAL_OF.sub("", quantity_phrase(b.total))
            said = (f"The sentence gives the parts {b.text}, which add up to "
                    f"{_sum_phrase(b, b.total)}, and then their total as {total}.")
        yield Finding(
            "total-vs-parts", "medium" if b.may_overlap else "high", said,
            Span.of_claim(claim), (), {**_parts_values(b.total, b), "pair": str(b.total.start)},
        )
    totals = [q for q in claim.numeric if q.kind in SUMMED and q.head and not q.role
              and not {"partial", "series", "each", "top"} & set(q.scope)]
    for ev in evidence if totals else ():
        other = ev.claim
        if ev.score < PARTS_SIMILARITY or other.doc != claim.doc or other.start == claim.start:
            continue
        for b in breakdowns(other.text, other.quantities, other.start):
            first = b.items[0]
            if b.total is not None:
                continue  # parts with a total of their own are checked against it
            for q in totals:
                if (q.kind, q.unit, q.head) != (first.kind, first.unit, b.head):
                    continue
                if ("rate" in q.scope) != ("rate" in first.scope) or (
                        q.years and first.years and not periods_meet(q.years, first.years)):
                    continue
                if b.low > q.high:
                    yield Finding(
                        "total-vs-parts", "medium",
                        f"{says(place(claim, other), opening=True)} {quantity_phrase(q)}; "
                        f"{says(place(other, claim))} {b.text}, which add up to "
                        f"{_sum_phrase(b, q)}: more than the whole.",
                        Span.of_claim(claim), (Span.of_claim(other, ev.score),),
                        {**_parts_values(q, b), "pair": f"{q.start}-{first.start}"},
                    )

