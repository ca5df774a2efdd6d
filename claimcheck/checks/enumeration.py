"""A stated count against the list that follows it, and a total against its parts."""

import re

from claimcheck.checks.describe import place, quantity_phrase, says
from claimcheck.findings import Finding, Span
from claimcheck.counted import looks_plural, singular
from claimcheck.statements import enumeration, list_of_parts

#: Counts above this are not enumerated in full.
MAX_LISTED = 30
#: The parts must be about the same thing as the total, in alike sentences.
PARTS_SIMILARITY = 0.45


def count_vs_list(claim, evidence, context=None):
    """ "five regional hubs (Leeds, Bristol, Norwich, Exeter)" lists four."""
    for q in claim.numeric:
        if q.kind != "count" or q.qualifier or not q.noun or q.value != int(q.value):
            continue
        if not 2 <= q.value <= MAX_LISTED or not looks_plural(q.noun.split()[-1]):
            continue  # "8 million phones (Nokia, ...)" lists examples; "4.0 code" is a version
        items = enumeration(claim.text, q, claim.start)
        # the items are split as finely as the wording allows, so fewer than stated is a
        # gap in the list; more may be names holding "and" or a comma, and is not reported
        if items is None or len(items) >= q.value:
            continue
        yield Finding(
            "count-vs-list", "medium",
            f"The sentence says {quantity_phrase(q)} but lists only {len(items)}: "
            f"{', '.join(items)}.",
            Span.of_claim(claim), (),
            {"stated": q.value, "listed": len(items), "items": items, "pair": str(q.start)},
        )


def _words(text):
    return {singular(w) for w in re.findall(r"[A-Za-z]+", text)}


def total_vs_parts(claim, evidence, context=None):
    """A total ("13 international centres") against a list of its parts elsewhere that
    adds up to another number."""
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
