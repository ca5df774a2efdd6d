"""Figures at another scale: whether two values give one figure's digits a zero or a
scale word apart ("1,300" / "130", "£6.2m" / "£6.2bn"), the slips a restated figure
suffers, or are an order of magnitude apart, as two different quantities mostly are.
Used by conflicts.py to weigh and grade two figures of one counted thing.
"""

import math

from claimcheck.checks.units import converted


def significant_digits(value):
    """The digits of a value without its scale: 12,857 -> "12857", £6.2m -> "62"."""
    return f"{value:.6g}".split("e")[0].replace(".", "").strip("0")


def distinctive(q):
    """A value of three or more significant digits ("£31.75M", "12,857", "115"): two
    such figures that agree are one figure, not a coincidence."""
    return q.kind != "year" and len(significant_digits(q.value)) >= 3


#: Counts or amounts this many times apart are seldom one figure restated wrongly.
MAGNITUDE = 10
#: How many times likelier two figures are one quantity when one gives the other's digits
#: at another scale ("1,300" / "130", "£32.6bn" / "£3.26bn"). Of 1,264 pairs of figures
#: that the tuning split's untouched case studies give for one counted thing with values
#: that do not fit, none did (fewer than 3 in 1,264, by the rule of three), while a slip of
#: scale is a common way to misstate a figure: if one misstatement in twenty is one, the
#: digits make the pair at least 20 times likelier to be one figure.
SLIP_ODDS = 20


def same_digits(q1, q2):
    """Whether two different counts or amounts give one figure's digits at another scale,
    two or more of them ("£6.2m" / "£6.2bn", "2,500" / "25"), or with the last dropped
    ("12,857" / "1,285"). One digit in common is chance ("8 countries" / "almost 80")."""
    if q1.kind not in ("count", "money") or q2.kind != q1.kind or min(q1.value, q2.value) <= 0:
        return False
    if converted(q1, q2):
        return False  # "12 months" / "ten years" are no slip: 120 is not written
    if "range" in (q1.qualifier, q2.qualifier):
        return False  # a range's value is only its first end ("2.7 to 3.9 million")
    if max(q1.value, q2.value) < 0.95 * MAGNITUDE * min(q1.value, q2.value):
        return False
    short, long_ = sorted((significant_digits(q1.value), significant_digits(q2.value)), key=len)
    return (short == long_ and len(short) >= 2) or (len(short) >= 3 and long_.startswith(short))


def slip_of_scale(q1, q2):
    """Whether one figure gives the other's digits (same_digits) a zero or a scale word
    away: tenfold ("1,300" / "130", "12,857" / "1,285") or a power of a thousand apart
    ("£6.2m" / "£6.2bn"), the slips a restated figure suffers. A hundredfold is seldom
    one ("£250k" invested against a total of "£25 million")."""
    if not same_digits(q1, q2):
        return False
    return _tenfold(q1.value, q2.value) or _thousandfold(q1.value, q2.value, tolerance=0.01)


def magnitudes_apart(q1, q2):
    """Whether two counts or amounts are an order of magnitude or more apart and are not
    one figure's digits at another scale: "63,000 people" against "700 people" are most
    likely two groups, while same_digits ("£6.2m" / "£6.2bn", "2,500" / "25") are the
    slips a restatement does suffer. One digit in common is a slip a thousandfold apart,
    a scale word written wrong ("700 million" for "700,000"), and may be one tenfold
    apart (zero_apart). Shares are left out: their scale is bounded, and "3%" against
    "18%" is no slip."""
    if not _ten_apart(q1, q2) or same_digits(q1, q2):
        return False
    one_digit = significant_digits(q1.value) == significant_digits(q2.value)
    return not (one_digit and _thousandfold(q1.value, q2.value)) and not zero_apart(q1, q2)


def zero_apart(q1, q2):
    """Whether two counts or amounts are one digit a zero apart ("over 20 jobs" / "2
    jobs", "700 pupils" / "70 pupils"): a zero dropped or added, or a digit two figures
    share by chance, as often one as the other. Such a pair is graded as the matcher
    grades its words, at most medium, not held down as figures an order of magnitude
    apart are: in the tuning split's untouched case studies the few pairs a zero apart
    all have words the matcher already takes for two quantities (confidence under 0.07)."""
    if not _ten_apart(q1, q2) or min(q1.value, q2.value) <= 0:
        return False
    if converted(q1, q2):
        return False
    digits = significant_digits(q1.value)
    return len(digits) == 1 and digits == significant_digits(q2.value) \
        and _tenfold(q1.value, q2.value)


def _ten_apart(q1, q2):
    """Whether two counts or amounts admit no values less than MAGNITUDE times apart."""
    if q1.kind not in ("count", "money") or q2.kind != q1.kind:
        return False
    lower, upper = sorted((q1, q2), key=lambda q: q.low)
    return lower.high > 0 and upper.low >= MAGNITUDE * lower.high


def _decades(a, b):
    """How many powers of ten two positive values are apart: 1.0 for 700 and 70."""
    return math.log10(max(a, b) / min(a, b))


def _tenfold(a, b, tolerance=0.01):
    """Whether two positive values are ten times apart, within `tolerance` in the power
    of ten ("12,857" against "1,285" passes)."""
    return abs(_decades(a, b) - 1) < tolerance


def _thousandfold(a, b, tolerance=1e-9):
    """Whether two positive values are a power of a thousand apart (700m and 700,000),
    within `tolerance` in the power of ten (0.01 lets "12,857" against "12.85" pass)."""
    if min(a, b) <= 0:
        return False
    ratio = _decades(a, b)
    return abs(ratio - round(ratio)) < tolerance and round(ratio) % 3 == 0
