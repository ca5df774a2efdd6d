"""Arithmetic inside a statement: "grew fourfold, from 30 to 90" does not add up."""

from claimcheck.checks.describe import quantity_phrase
from claimcheck.findings import Finding, Span
from claimcheck.statements import parse_change

#: Relative slack for rounding in the stated figures.
TOLERANCE = 0.03


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


def stated_change(claim, evidence=(), context=None):
    change = parse_change(claim.text, claim.quantities, claim.start)
    if change is None:
        return
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
    slack = TOLERANCE * max(abs(expected), abs(after))
    if by.unit == "pp":  # points add: only the rounding of the stated difference
        slack = (by.high - by.low) / 2
    if change.after.low - slack <= expected <= change.after.high + slack:
        return
    off = abs(after - expected) / max(abs(expected), 1e-9)
    yield Finding(
        "arithmetic", "high" if off >= 0.2 else "medium",
        f"The sentence says {how}, from {change.before.text} to {change.after.text}; "
        f"{how} from {change.before.text} gives {expected:,.4g}, not {change.after.text} "
        f"(which is {_actual_relation(change)}).",
        Span.of_claim(claim), (),
        {"from": change.before.value, "to": after, "by": change.by.text, "expected": expected,
         "pair": str(change.before.start)},
    )
