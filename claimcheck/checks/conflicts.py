"""Same quantity, different values: two statements that cannot both hold.

Two quantities are taken to be the same when they are of one kind and unit, count the
same thing (the same head noun with the same restrictive modifiers; "36 different
countries" counts countries, "15 other countries" counts only some), hold in the same
scope (no disagreeing years or places, neither a rate nor a part) and stand in sentences
that the model finds alike. They conflict when the intervals their wording admits do not
meet: "over 2,400" admits 2,410; "14 hospitals" does not admit 19.
"""

from claimcheck.checks.describe import place, quantity_phrase, says
from claimcheck.findings import Finding, Span
from claimcheck.statements import local_context

#: Extra similarity asked of each kind of quantity before it is taken as the same one.
THRESHOLDS = {"count": 0.0, "percent": 0.1, "money": 0.1}
#: (sentence similarity, local similarity) needed for each severity; an agreeing anchor
#: figure in both sentences makes a conflict high from GRADES["anchor"] on.
GRADES = {"high": (0.8, 0.3), "medium": (0.45, 0.4), "low": (0.35, 0.2), "anchor": 0.45}
#: Counts of these are too generic to match on the noun alone: spans of time, units of
#: measure and words that count occasions rather than things.
GENERIC_HEADS = frozenset(
    """
    year month week day hour minute second decade time per cent percent case item part way
    number point level mg g kg km m cm mm nm ml l litre liter tonne ton ha hectare acre mile
    metre meter gbit gb mb tb kb kw mw gw kwh mwh gwh twh w v hz khz mhz ghz db k degree
    mile foot feet inch times fold hr hrs yr yrs min mins sec secs sq dimension generation
    """.split()
)
GENERIC_BAR = 0.2
#: A figure stated as a rate once and as a total once ("£17m" / "£17m per annum") may
#: still be one figure, written loosely: asked to match more closely, not refused.
RATE_BAR = 0.1
#: Statements in two different documents must match more closely to be the same quantity.
CROSS_DOCUMENT_MARGIN = 0.2


def is_generic(head):
    """Spans of time, units of measure ("15M m3", "2.5 t"): recur by coincidence."""
    return head in GENERIC_HEADS or len(head) <= 2


def _scope_agrees(q1, q2):
    for mark in ("partial", "series"):
        if mark in q1.scope or mark in q2.scope:
            return False  # a part or one item of a list is not the whole
    if ("hypothetical" in q1.scope) != ("hypothetical" in q2.scope):
        return False  # "if half are lower, 450 schemes" is not a count of schemes
    y1, y2 = q1.years, q2.years
    if y1 and y2 and (y1[1] < y2[0] or y2[1] < y1[0]):
        return False  # tied to different years: growth or history, not a conflict
    p1, p2 = q1.places, q2.places
    if p1 and p2 and not (p1 & p2):
        return False
    return True


def same_quantity(q1, q2, similarity):
    """None when q1 and q2 cannot be the same quantity; else the extra similarity (the
    bar) asked of them: more for generic nouns, shares and money."""
    if q1.kind != q2.kind or q1.kind not in THRESHOLDS or q1.unit != q2.unit:
        return None
    if q1.role in ("from", "to", "by") or q2.role in ("from", "to", "by"):
        return None  # a value in a stated change, not a level
    if "range" in (q1.qualifier, q2.qualifier):
        return None  # a range describes a spread ("audiences of 20 to 200")
    if not _scope_agrees(q1, q2):
        return None
    bar = RATE_BAR if ("rate" in q1.scope) != ("rate" in q2.scope) else 0.0
    if q1.kind == "count":
        if not q1.head or q1.head != q2.head or q1.modifiers != q2.modifiers:
            return None
        if is_generic(q1.head):
            return bar + GENERIC_BAR
    elif q1.kind == "money":
        if not q1.head or q1.head != q2.head:
            return None  # a saving and an investment are different money
    elif q1.kind == "percent":
        if not q1.head or q1.head != q2.head or q1.whole != q2.whole:
            return None  # a share of what? Without it, shares cannot be matched
    return bar + THRESHOLDS[q1.kind]


def _anchor(claim, other, q1, q2):
    """Another pair of quantities in the two sentences that agree: evidence of one subject."""
    for a in claim.numeric:
        for b in other.numeric:
            if a is q1 or b is q2 or a.kind != "count" or a.value < 10:
                continue
            if a.head and a.head == b.head and a.modifiers == b.modifiers and a.overlaps(b):
                return a, b
    return None


def _masked(claim):
    """The sentence with its figures blanked: equal for lines of one table or list."""
    out, pos = [], claim.start
    for q in sorted(claim.quantities, key=lambda q: q.start):
        out.append(claim.text[pos - claim.start:q.start - claim.start])
        out.append("#")
        pos = q.end
    out.append(claim.text[pos - claim.start:])
    return "".join(out)


def parallel_lines(claim, other):
    """Two nearby sentences of one section that differ only in their figures are rows of
    a table or items of a list ("64% of responses agreed." / "68% of responses agreed."),
    not two statements of one quantity."""
    return (claim.doc == other.doc and claim.section == other.section
            and abs(claim.start - other.start) < 1500 and _masked(claim) == _masked(other))


def _local_similarity(context, claim, q1, other, q2):
    if context is None or context.embedder is None:
        return 0.0
    return context.similarity(local_context(claim.text, q1, claim.start),
                              local_context(other.text, q2, other.start))


def grade(sentence, local, anchor, bar=0.0):
    """How sure the match is: "high", "medium", "low", or None for no finding.

    `sentence` is the similarity of the two sentences, `local` that of the words around
    the two figures, `anchor` whether another figure in the two sentences agrees, and
    `bar` raises every threshold (for generic nouns, shares, money, other documents).
    """
    if anchor and sentence >= GRADES["anchor"] + bar:
        return "high"
    for severity in ("high", "medium", "low"):
        need_sentence, need_local = GRADES[severity]
        if sentence >= need_sentence + bar and local >= need_local + bar:
            return severity
    return None


def numeric_conflicts(claim, evidence, context=None):
    for ev in evidence:
        other = ev.claim
        if parallel_lines(claim, other):
            continue
        for q1 in claim.numeric:
            for q2 in other.numeric:
                bar = same_quantity(q1, q2, ev.score)
                if bar is None or q1.overlaps(q2):
                    continue
                if other.doc != claim.doc:
                    bar += CROSS_DOCUMENT_MARGIN
                anchor = _anchor(claim, other, q1, q2)
                local = _local_similarity(context, claim, q1, other, q2)
                severity = grade(ev.score, local, anchor is not None, bar)
                if severity:
                    yield _finding(claim, other, ev.score, local, q1, q2, anchor, severity, bar)


def _finding(claim, other, score, local, q1, q2, anchor, severity, bar):
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
        "similarity": round(score, 4), "local_similarity": round(local, 4),
        "anchor": anchor is not None, "bar": round(bar, 2), "pair": f"{q1.start}-{q2.start}",
    }
    return Finding(
        "numeric-conflict", severity, message,
        Span.of_claim(claim), (Span.of_claim(other, score),),
        values,
    )


def compare(claim, other, score):
    """A verdict on two sentences' numbers: ("conflicts"|"agrees"|"unrelated", reason)."""
    agree = None
    for q1 in claim.numeric:
        for q2 in other.numeric:
            bar = same_quantity(q1, q2, score)
            if bar is None or score < GRADES["low"][0] + bar:
                continue
            if not q1.overlaps(q2):
                return "conflicts", f"{quantity_phrase(q1)} against {quantity_phrase(q2)}"
            agree = agree or f"{quantity_phrase(q1)} fits {quantity_phrase(q2)}"
    if agree:
        return "agrees", agree
    return "unrelated", "no quantity in it counts the same thing"
