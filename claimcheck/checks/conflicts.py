"""Same quantity, different values: two statements that cannot both hold.

Two quantities are taken to be the same when they are of one kind and unit, count the
same thing (the same head noun with the same restrictive modifiers; "36 different
countries" counts countries, "15 other countries" counts only some), hold in the same
scope (no disagreeing years or places, neither a rate nor a part) and stand in sentences
that the model finds alike. They conflict when the intervals their wording admits do not
meet: "over 14,900" admits 14,931; "22 countries" does not admit 36.
"""

from claimcheck.checks.describe import place, quantity_phrase, says
from claimcheck.findings import Finding, Span

#: Minimum sentence similarity for each kind of quantity to be taken as the same one.
THRESHOLDS = {"count": 0.55, "percent": 0.7, "money": 0.7}
#: Counts of these are too generic to match on the noun alone.
GENERIC_HEADS = frozenset(
    "year month week day hour minute time per cent percent case item part way number "
    "point level".split()
)
GENERIC_THRESHOLD = 0.8
#: At or above this similarity, or with an agreeing anchor, a conflict is high severity.
HIGH_SIMILARITY = 0.75
#: Statements in two different documents must match more closely to be the same quantity.
CROSS_DOCUMENT_MARGIN = 0.2


def _scope_agrees(q1, q2):
    if "partial" in q1.scope or "partial" in q2.scope:
        return False
    if ("rate" in q1.scope) != ("rate" in q2.scope):
        return False
    y1, y2 = q1.years, q2.years
    if y1 and y2 and not (y1 & y2):
        return False
    p1, p2 = q1.places, q2.places
    if p1 and p2 and not (p1 & p2):
        return False
    return True


def _of(q):
    return next((s[3:] for s in q.scope if s.startswith("of:")), "")


def same_quantity(q1, q2, similarity):
    """The minimum similarity at which q1 and q2 are the same quantity, or None if never."""
    if q1.kind != q2.kind or q1.kind not in THRESHOLDS or q1.unit != q2.unit:
        return None
    if q1.role in ("from", "by") or q2.role in ("from", "by"):
        return None  # a past value or a change, not a level
    if not _scope_agrees(q1, q2):
        return None
    if q1.kind == "count":
        if not q1.head or q1.head != q2.head or q1.modifiers != q2.modifiers:
            return None
        if q1.head in GENERIC_HEADS:
            return GENERIC_THRESHOLD
    elif q1.kind == "percent":
        if _of(q1) != _of(q2) or q1.head != q2.head:
            return None
    elif q1.kind == "money" and q1.head != q2.head:
        return None
    return THRESHOLDS[q1.kind]


def _anchor(claim, other, q1, q2):
    """Another pair of quantities in the two sentences that agree: evidence of one subject."""
    for a in claim.numeric:
        for b in other.numeric:
            if a is q1 or b is q2 or a.kind != "count" or a.value < 10:
                continue
            if a.head and a.head == b.head and a.modifiers == b.modifiers and a.overlaps(b):
                return a, b
    return None


def numeric_conflicts(claim, evidence, context=None):
    for ev in evidence:
        other = ev.claim
        for q1 in claim.numeric:
            for q2 in other.numeric:
                needed = same_quantity(q1, q2, ev.score)
                if needed is None or q1.overlaps(q2):
                    continue
                if other.doc != claim.doc:
                    needed += CROSS_DOCUMENT_MARGIN
                anchor = _anchor(claim, other, q1, q2)
                if ev.score < needed and not (anchor and ev.score >= needed - 0.15):
                    continue
                yield _finding(claim, other, ev.score, q1, q2, anchor)


def _finding(claim, other, score, q1, q2, anchor):
    high = score >= HIGH_SIMILARITY or anchor is not None
    what = q1.head if q1.kind == "count" else {"percent": "share", "money": "amount"}[q1.kind]
    if q1.kind == "count":
        what = q1.noun.split()[-1] if q1.noun else q1.head
    reason = f"both count {what}" if q1.kind == "count" else f"both give the {what}"
    if anchor:
        reason += (
            f" for the same {anchor[0].noun or anchor[0].head} "
            f"({quantity_phrase(anchor[0])}; {quantity_phrase(anchor[1])})"
        )
    reason += f" in closely matching sentences (similarity {score:.2f})"
    message = (
        f"{says(place(claim, other)).capitalize()} {quantity_phrase(q1)}; "
        f"{says(place(other, claim))} {quantity_phrase(q2)}: {reason}, "
        f"and the two values cannot both hold."
    )
    values = {
        "claim_value": q1.text, "evidence_value": q2.text, "counted": what,
        "claim_interval": [q1.low, None if q1.high == float("inf") else q1.high],
        "evidence_interval": [q2.low, None if q2.high == float("inf") else q2.high],
        "similarity": round(score, 4), "pair": f"{q1.start}-{q2.start}",
    }
    return Finding(
        "numeric-conflict", "high" if high else "medium", message,
        Span(claim.doc, claim.text, claim.start, claim.end, None, claim.section),
        (Span(other.doc, other.text, other.start, other.end, score, other.section),),
        values,
    )


def compare(claim, other, score):
    """A verdict on two sentences' numbers: ("conflicts"|"agrees"|"unrelated", reason)."""
    agree = None
    for q1 in claim.numeric:
        for q2 in other.numeric:
            needed = same_quantity(q1, q2, score)
            if needed is None or score < needed - 0.1:
                continue
            if not q1.overlaps(q2):
                return "conflicts", f"{quantity_phrase(q1)} against {quantity_phrase(q2)}"
            agree = agree or f"{quantity_phrase(q1)} fits {quantity_phrase(q2)}"
    if agree:
        return "agrees", agree
    return "unrelated", "no quantity in it counts the same thing"
