"""Same quantity, different values: two statements that cannot both hold.

Two figures could be the same quantity when they are of one kind and unit, count the
same thing (the same head noun with the same restrictive modifiers; "36 different
countries" counts countries, "15 other countries" counts only some) and hold in the same
scope (no disagreeing years or places, neither a part nor one item of a list). Whether
they are is weighed by matching.py from their words alone: how alike the sentences and
the words around the figures are, what both name, whether another figure in them agrees.
They conflict when the intervals their wording admits do not meet: "over 2,400" admits
2,410; "14 hospitals" does not admit 19. The severity is how sure the weighing is.
"""

import math

from claimcheck.checks import matching
from claimcheck.checks.context import Context
from claimcheck.checks.describe import place, quantity_phrase, says
from claimcheck.checks.sameness import (
    GRADES, LESS_SURE, _only_figure, _part_and_whole, agrees_in, apart, bounds_differ,
    comparable, comparable_surface, grade, loosely_read, match_probability, medium_from,
    next_noun, pair_features, restated_at_another_scale, same_quantity, steps_comparable,
    sure_despite_loose_reading, years_differ,
)
from claimcheck.checks.scale import magnitudes_apart, zero_apart
from claimcheck.checks.units import in_unit_of, read_in
from claimcheck.findings import Finding, Span
from claimcheck.parse import syntax


def _candidates(claim, evidence):
    """(evidence, q1, q2, how) for each pair of figures to weigh: levels that could be
    one quantity and cannot both hold (how None), sizes of changes of one measure (how:
    the two changes.Step), bounds that differ ("bounds") or the one year of two sentences
    otherwise alike ("year")."""
    out = []
    for ev in evidence:
        if apart(claim, ev.claim):
            continue
        for written in claim.numeric:
            for q2 in ev.claim.numeric:
                # "four years" against "30 months": both in months
                q1, q2 = in_unit_of(written, q2), in_unit_of(q2, written)
                if comparable(claim, q1, ev.claim, q2):
                    out.append((ev, q1, q2, None))
                    continue
                steps = steps_comparable(claim, q1, ev.claim, q2)
                if steps is not None:
                    out.append((ev, q1, q2, steps))
                elif bounds_differ(q1, q2) and not agrees_in(q1, ev.claim) \
                        and not agrees_in(q2, claim):
                    out.append((ev, q1, q2, "bounds"))
                elif comparable_surface(claim, q1, ev.claim, q2):
                    out.append((ev, q1, q2, "surface"))
        q1, q2 = _only_figure(claim), _only_figure(ev.claim)
        if q1 is not None and q2 is not None and years_differ(claim, q1, ev.claim, q2):
            out.append((ev, q1, q2, "year"))
    return out


#: How evidence from a source the claim cites is found (see cited.py).
CITED = ("cited", "attributed")


def readable(claim, other, via=""):
    """Whether the reader reads the pairs of two sentences (the second found `via`, see
    retrieve/evidence.py): within one document only, where it learnt and was measured
    (not a statement against a source it cites, though that is weighed as if in one
    document, see cited.py)."""
    return other.doc == claim.doc and via not in CITED


def _weighed(claim, evidence, context):
    """(evidence, q1, q2, how, features) for each pair of figures to weigh, and the windows
    of the pairs to read: those `readable` whose probability, were the reader sure they
    are one, would reach the lowest grade (the others give no finding whatever it reads;
    their reading is taken as 0.5). A pair not readable is weighed unread."""
    candidates = _candidates(claim, evidence)
    contexts = [(matching.masked_context(claim, q1), matching.masked_context(ev.claim, q2))
                for ev, q1, q2, _ in candidates]
    locals_ = context.similarities(contexts)  # one batch for the claim
    weighed, unread = [], {}
    for (ev, q1, q2, how), pair, local in zip(candidates, contexts, locals_):
        feats = pair_features(claim, q1, ev.claim, q2, ev.score, context, local, pair)
        weighed.append((ev, q1, q2, how, feats))
        if not readable(claim, ev.claim, ev.via):
            continue
        feats["reading"] = matching.reading_feature(0.5)
        sure = {**feats, "reading": matching.reading_feature(1.0)}
        if match_probability(sure, q1, q2) >= GRADES["low"]:
            unread[len(weighed) - 1] = matching.windows(claim, q1, ev.claim, q2)
    return weighed, unread


def read_ahead(claims, evidence, context):
    """Have the reader read, in one batch, the figure pairs of all these claims (each with
    its evidence) whose reading could matter, before the claims are checked one by one."""
    windows = []
    context.ahead.clear()  # only these claims' (alive while they are checked) are kept
    for claim, found in zip(claims, evidence):
        weighed, unread = context.ahead[id(claim), id(found)] = _weighed(claim, found, context)
        windows.extend(unread.values())
    context.readings(windows)


def numeric_conflicts(claim, evidence, context=None):
    context = context or Context()
    ahead = context.ahead.pop((id(claim), id(evidence)), None)  # set by read_ahead
    weighed, unread = ahead or _weighed(claim, evidence, context)
    for i, reading in zip(unread, context.readings(list(unread.values()))):
        weighed[i][4]["reading"] = matching.reading_feature(reading)
    for ev, q1, q2, how, feats in weighed:
        other = ev.claim
        read = feats["reading"] is not None
        if how is not None and how != "surface":
            p = matching.probability(feats)
            severity = grade(p, other.doc == claim.doc, other.doc == claim.doc or any(
                context.rare_name(name.lower()) for name in matching.shared_names(claim, other)),
                read)
            if how == "bounds" and severity:
                severity = "low"  # both can hold: stated differently, not a conflict
            elif how == "year" and severity == "high":
                severity = "medium"  # a year may be of another run of the same event
            severity, apart = _parsed(claim, q1, other, q2, severity, how)
            if severity:
                yield _finding(claim, other, ev.score, feats, p, q1, q2, severity, how=how,
                               apart=apart)
            continue
        p = match_probability(feats, q1, q2)
        one_document = other.doc == claim.doc
        named = one_document or any(context.rare_name(name.lower())
                                    for name in matching.shared_names(claim, other))
        severity = grade(p, one_document, named, read)
        if severity and q1.value == q2.value:
            severity = "low"  # "over 120" against "120": loose wording, one number
        part_of_whole = bool(severity) and how is None and not same_quantity(q1, q2)
        if part_of_whole and q1.value != q2.value:
            # a part larger than its whole, if the larger place's figure is its total
            # (not a sample of it): a grade less sure
            severity = LESS_SURE[severity]
        # "32% of female carers" against "55% of carers": said in the message, not graded
        # down, as restated shares often reword their whole ("15% of English farmers")
        unlike_wholes = q1.kind == "percent" and q1.modifiers != q2.modifiers
        far = bool(severity) and magnitudes_apart(q1, q2)
        if far:
            severity = "low"  # more likely two quantities than one restated wrongly
        zero = bool(severity) and zero_apart(q1, q2)
        if zero and severity == "high":
            severity = "medium"  # one digit may be shared by chance: never sure
        loose = bool(severity) and (loosely_read(q1, q2) or how == "surface")
        if loose and not (severity == "high" and read
                          and sure_despite_loose_reading(q1, q2, how, p)):
            severity = "medium" if p >= medium_from(q1, q2, how, read) \
                and severity != "low" else "low"
        severity, apart = _parsed(claim, q1, other, q2, severity, how)
        if severity:
            doubts = [name for name, doubted in
                      (("far", far), ("zero", zero), ("unlike_wholes", unlike_wholes)) if doubted]
            yield _finding(claim, other, ev.score, feats, p, q1, q2, severity, part_of_whole,
                           doubts, how, apart)


def _parsed(claim, q1, other, q2, severity, how=None):
    """(severity, why) of a finding once the parse has read a high or medium one: low,
    and why, when it tells the two figures apart ("the spring folk festival" / "the
    autumn jazz festival"); else as it was, and None."""
    apart = _told_apart(claim, q1, other, q2, owners=not isinstance(how, tuple)) \
        if severity in ("high", "medium") else None
    return ("low" if apart else severity), apart


def _told_apart(claim, q1, other, q2, owners=True):
    """What a finding says when the parse of the two sentences tells their figures apart
    (different owners, places or months, see parse/syntax.py), else None. Sentences
    whose parse is not trusted (syntax.trusted: too long) are not parsed. Owners are not compared for two changes
    (`owners` False): the subject of "fell by 9%" is what changed, which changes.py
    compares ("recorded thefts of bicycles" / "recorded bicycle thefts")."""
    if not (syntax.trusted(claim.text) and syntax.trusted(other.text)):
        return None
    spans = ((claim.text, q1.start - claim.start, q1.end - claim.start),
             (other.text, q2.start - other.start, q2.end - other.start))
    o1, o2 = (syntax.owner(*span) for span in spans) if owners else (None, None)
    if o1 is not None and o2 is not None and o1.differs_from(o2):
        return f'the two are said of different owners ("{o1.name}", "{o2.name}")'
    s1, s2 = (syntax.setting(*span) for span in spans)
    contrast = s1.contrast(s2)
    if contrast is None:
        return None
    kind, mine, theirs = contrast
    if kind == "moods":
        return "one of the two is expected, planned or supposed, the other stated as done"
    if kind == "groups":  # words in their order: "reading scheme" against "old scheme"
        names = [" ".join(words) for words in (mine, theirs)]
    else:
        names = ["; ".join(sorted(word if kind == "periods" else word.title() for word in words))
                 for words in (mine, theirs)]
    return f"the two are said of different {_SETTINGS[kind]} ({names[0]} against {names[1]})"


#: What each part of a syntax.Setting is, in a message.
_SETTINGS = {"places": "places", "times": "months or seasons", "periods": "periods",
             "groups": "groups"}


#: The similarity from which two sentences are said to read alike.
ALIKE = 0.5


def _measure(steps):
    """What two changes are of, as the one with fewer words writes it."""
    return min((s.measure for s in steps), key=len).text


def _why_same(claim, other, q1, q2, score, feats, how=None):
    """The plain-language case for reading two figures as one quantity."""
    steps = how if isinstance(how, tuple) else None
    what = q1.noun.split()[-1] if q1.kind == "count" and q1.noun else q1.head
    # compared by the word after them, or as amounts one of them of nothing read (then the
    # words after them may differ, or be none: "received £12 million.")
    word = next_noun(claim, q1) if how == "surface" else ""
    amounts = how == "surface" and (not word or word != next_noun(other, q2))
    if steps is not None:
        what = f"change in {_measure(steps)}"
    elif how == "surface":
        what = word if not amounts else f"amount ({q1.unit})"
    elif how == "year":
        what = "year"
    elif q1.kind != "count":
        what = {"percent": "share", "money": "amount"}[q1.kind] + (f" ({q1.head})" if q1.head else "")
    alike = score >= ALIKE
    grounds = [f"the sentences read alike (similarity {score:.2f})"] if alike else []
    if feats["local"] >= ALIKE:
        words = "so do the words around the two figures" if alike else \
            "the words around the two figures read alike"
        grounds.append(f"{words} ({feats['local']:.2f})")
    names = matching.shared_names(claim, other)
    if names:
        grounds.append("both name " + ", ".join(names[:3]))
    agreeing = matching.agreeing_figures(claim, other, q1, q2)
    if agreeing:
        a, b = agreeing
        grounds.append(f"both agree on {a.noun or a.head or 'another figure'} "
                       f"({quantity_phrase(a)}; {quantity_phrase(b)})")
    if restated_at_another_scale(q1, q2):
        grounds.append("one gives the other's digits at another scale, a common slip")
    lead = f"both count {what}" if q1.kind == "count" and steps is None else \
        f"both give the {'size of a ' if steps is not None else ''}{what}"
    converted = read_in(q1, q2) if steps is None else None
    if converted:  # "four years" and "30 months", both in months
        lead, what = f"both give a {converted[0]} (read here in {converted[1]})", converted[1]
    if how == "year":
        lead = "the two sentences say the same words with another year"
    elif how == "surface":
        lead = f"both give an {what}, at least one of them not said of what" if amounts \
            else f'both figures are followed by "{what}"'
    grounds = [lead] + grounds
    why = ", ".join(grounds[:-1]) + f" and {grounds[-1]}" if len(grounds) > 1 else lead
    if not alike:  # said, so that a reader does not take the match for more than it is
        why += f", though the sentences read little alike (similarity {score:.2f})"
    return what, why


def _places(q):
    """The places a figure is tied to, as a reader writes them: "the UK", "England and Wales"."""
    names = sorted(f"the {p.upper()}" if len(p) <= 2 else p.title() for p in q.places)
    return " and ".join(names)


def _period(q):
    """The period a figure is tied to, as a reader writes it: "2008-2013"."""
    first, last = q.years
    return f"{first}-{last}"


#: What a finding says when a rule doubts that its two figures are one quantity.
DOUBTS = {
    "far": "values an order of magnitude apart are more often two different quantities than "
           "one restated wrongly",
    "zero": "figures a zero apart may share their digit by chance",
    "unlike_wholes": "the two shares are of wholes described differently",
}


def _step_phrase(q, step):
    """The size of a change as written, with its direction: "a fall of 41%", "doubled"."""
    if q.kind == "multiplier" or not step.direction:
        return quantity_phrase(q)
    return f"a {'rise' if step.direction == 'up' else 'fall'} of {q.text}"


def conclusion(severity, probability, verdict):
    """The message's last sentence: only a high finding says the two cannot both hold;
    a medium one is a lead, a low one a note."""
    if severity == "high":
        return f"Taken as one quantity (confidence {probability:.2f}), {verdict}."
    soft = verdict.replace("cannot both hold", "disagree")
    if severity == "medium":
        return (f"Possibly one quantity (confidence {probability:.2f}): a lead to check, "
                f"since if it is one, {soft}.")
    return f"Less likely one quantity (confidence {probability:.2f}); if it is one, {soft}."


def _step_interval(step):
    sign = -1 if step.direction == "down" else 1
    ends = sorted(sign * v for v in (step.low, step.high))
    return [None if abs(v) == float("inf") else round(v, 4) for v in ends]


def _finding(claim, other, score, feats, probability, q1, q2, severity, part_of_whole=False,
             doubts=(), how=None, apart=None):
    what, reason = _why_same(claim, other, q1, q2, score, feats, how)
    steps = how if isinstance(how, tuple) else None
    verdict = "the two values cannot both hold"
    if part_of_whole:  # a part larger than its whole
        part, whole, how = _part_and_whole(q1, q2)
        if how == "place":
            verdict = (f"{_places(part)} {'lie' if len(part.places) > 1 else 'lies'} within "
                       f"{_places(whole)}, whose figure cannot be the smaller")
        else:
            verdict = (f"{_period(part)} falls within {_period(whole)}, whose figure "
                       f"cannot be the smaller")
    verdict += "".join(f", though {DOUBTS[name]}" for name in doubts)
    if apart:  # what the parse tells apart (see _told_apart)
        verdict += f", though {apart}"
    first, second = (quantity_phrase(q1), quantity_phrase(q2)) if steps is None else \
        (_step_phrase(q1, steps[0]), _step_phrase(q2, steps[1]))
    ending = conclusion(severity, probability, verdict)
    if how == "bounds":
        ending = (f"Both are {'lower' if q1.high == math.inf else 'upper'} bounds, which can "
                  f"both hold: if one quantity (confidence {probability:.2f}), it is stated "
                  f"differently, not in conflict.")
    message = (
        f"{says(place(claim, other), opening=True)} {first}; "
        f"{says(place(other, claim))} {second}: {reason}. {ending}"
    )
    values = {
        "claim_value": q1.text, "evidence_value": q2.text, "counted": what,
        "claim_interval": [q1.low, None if q1.high == float("inf") else q1.high],
        "evidence_interval": [q2.low, None if q2.high == float("inf") else q2.high],
        "similarity": round(score, 4), "local_similarity": round(feats["local"], 4),
        "confidence": round(probability, 4), "pair": f"{q1.start}-{q2.start}",
        "magnitudes_apart": "far" in doubts, "slip_of_scale": restated_at_another_scale(q1, q2),
    }
    if steps is not None:  # the sizes of two changes, in per cent of the starting level
        values.update(change=True, claim_interval=_step_interval(steps[0]),
                      evidence_interval=_step_interval(steps[1]))
    return Finding(
        "stated-differently" if how == "bounds" else "numeric-conflict", severity, message,
        Span.of_claim(claim), (Span.of_claim(other, score),),
        values,
    )


def compare(claim, other, score, context=None):
    """A verdict on two sentences' numbers: ("conflicts"|"agrees"|"unrelated", reason).
    Figures are compared when the matcher would grade a conflict between them at least
    low (with `context`'s embedder for the words around them)."""
    agree = None
    pairs = [(q1, q2) for q1 in claim.numeric for q2 in other.numeric if same_quantity(q1, q2)]
    contexts = [(matching.masked_context(claim, q1), matching.masked_context(other, q2))
                for q1, q2 in pairs]
    context = context or Context()
    locals_ = context.similarities(contexts)  # one batch for the two sentences
    readings = context.readings([matching.windows(claim, q1, other, q2) for q1, q2 in pairs]) \
        if readable(claim, other) else [None] * len(pairs)
    for (q1, q2), texts, local, reading in zip(pairs, contexts, locals_, readings):
        feats = pair_features(claim, q1, other, q2, score, context, local, texts, reading)
        if match_probability(feats, q1, q2) < GRADES["low"]:
            continue
        if q1.overlaps(q2):
            agree = agree or f"{quantity_phrase(q1)} fits {quantity_phrase(q2)}"
        elif comparable(claim, q1, other, q2):
            reason = f"{quantity_phrase(q1)} against {quantity_phrase(q2)}"
            if magnitudes_apart(q1, q2):
                reason += (" (an order of magnitude apart: more often two quantities "
                           "than one restated wrongly)")
            elif zero_apart(q1, q2):
                reason += " (a zero apart: a slip, or a digit shared by chance)"
            return "conflicts", reason
    if agree:
        return "agrees", agree
    return "unrelated", "no quantity in it counts the same thing"
