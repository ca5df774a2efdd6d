"""Arithmetic inside a statement: "grew fourfold, from 30 to 90" does not add up."""

import re
from dataclasses import replace

from claimcheck.checks.describe import money, quantity_phrase
from claimcheck.findings import Finding, Span
from claimcheck.parse.statements import parse_changes

#: Relative slack for rounding in the stated figures.
TOLERANCE = 0.03
#: A multiple is said in whole numbers ("quadrupling" for 3.8 times, "doubled" for 1.9):
#: its slack is wider.
MULTIPLE_TOLERANCE = 0.1


def _expected(change):
    before, by = change.before.value, change.by
    sign = -1 if change.direction == "down" else 1
    if by.kind == "multiplier":  # "fell fourfold" divides; "halved" (0.5) is a reduction already
        return before * by.value if sign > 0 or by.value < 1 else before / by.value, f"{by.text}"
    if by.unit == "pp" and change.before.unit == "%":  # "up 10 percentage points, from 40%"
        return before + sign * by.value, f"{'down' if sign < 0 else 'up'} {by.text}"
    if by.kind == "percent":
        return before * (1 + sign * by.value / 100), f"{'down' if sign < 0 else 'up'} {by.text}"
    if by.kind == change.before.kind and by.unit == change.before.unit:
        return before + sign * by.value, f"{'down' if sign < 0 else 'up'} {quantity_phrase(by)}"
    return None, ""


def _actual_relation(change):
    before, after = change.before.value, change.after.value
    if change.by.unit == "pp":
        return f"a change of {after - before:+g} percentage points"
    if before == 0:
        return f"a change of {after - before:+g}"
    ratio = after / before
    if ratio >= 1.5:
        return f"{ratio:.3g} times as much"
    return f"a change of {100 * (ratio - 1):+.0f}%"


def _written(value, like):
    """A value worked out, written as the figure `like` is: "22%", "£8.94m", "14.35"."""
    if like.kind == "money":
        return money(value, like.unit)
    if abs(value) >= 1e6 and re.search(r"\b(?:million|billion)\b", like.text, re.IGNORECASE):
        big = abs(value) >= 1e9
        return f"{value / (1e9 if big else 1e6):.3g} {'billion' if big else 'million'}"
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"
    return text + ("%" if like.unit == "%" else "")


def _fits_as_points(change, slack):
    """Whether a change of shares stated in "%" fits when read as percentage points ("up
    10%, from 20% to 30%"), a common way of writing points."""
    by, before, after = change.by, change.before, change.after
    if not (by.kind == "percent" and by.unit == "%" and before.unit == "%" == after.unit):
        return False
    expected, _ = _expected(replace(change, by=replace(by, unit="pp")))
    return after.low - slack <= expected <= after.high + slack


def stated_change(claim, evidence=(), context=None):
    """Each change the sentence states whose amount does not take its first figure to its
    second."""
    changes = parse_changes(claim.text, claim.quantities, claim.start)
    for change in changes:
        # a pair given two amounts ("up 280%, quadrupling from ...") is told apart by each
        shared = sum(c.before is change.before for c in changes) > 1
        pair = f"{change.before.start}:{change.by.start}" if shared else str(change.before.start)
        yield from _unless_it_adds_up(claim, change, pair)


def _unless_it_adds_up(claim, change, pair):
    expected, how = _expected(change)
    if expected is None:
        return
    after = change.after.value
    by = change.by
    # the interval the stated amount allows ("nearly 6-fold" is 5.4 to 6 times)
    if by.kind == "multiplier" and by.low != by.high:
        b = change.before.value
        lo, hi = sorted((b * by.low, b * by.high) if change.direction != "down" or by.high < 1
                        else (b / by.high, b / by.low))
        if lo * (1 - TOLERANCE) <= after <= hi * (1 + TOLERANCE) or change.after.low <= hi and lo <= change.after.high:
            return
    slack = (MULTIPLE_TOLERANCE if by.kind == "multiplier" else TOLERANCE) * max(abs(expected), abs(after))
    if by.unit == "pp":  # points add: only the rounding of the stated difference
        slack = (by.high - by.low) / 2
    if change.after.low - slack <= expected <= change.after.high + slack:
        return
    off = abs(after - expected) / max(abs(expected), 1e-9)
    severity, points = "high" if off >= 0.2 else "medium", ""
    if _fits_as_points(change, slack):
        severity = "low"  # "up 10%, from 20% to 30%": percentage points written as "%"
        points = f"; it fits if the {by.text} means percentage points"
    yield Finding(
        "arithmetic", severity,
        f"The sentence says {how}, from {change.before.text} to {change.after.text}; "
        f"{how} from {change.before.text} gives {_written(expected, change.after)}, not {change.after.text} "
        f"(which is {_actual_relation(change)}){points}.",
        Span.of_claim(claim), (),
        {"from": change.before.value, "to": after, "by": change.by.text, "expected": expected,
         "pair": pair},
    )
