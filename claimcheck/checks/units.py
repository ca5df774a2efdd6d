"""One measure in another unit: "four years" against "30 months", "14 metres" against
"46 feet". A count whose counted noun is a unit of time, length, mass or area is read in
the other figure's unit before the two are compared."""

import math
from dataclasses import dataclass, fields

from claimcheck.parse.quantity import Quantity

#: Each unit (a counted noun's head, as words.UNIT_SPELLINGS spells it) with its
#: dimension and its size in that dimension's base unit (days, metres, kilograms, m²).
UNITS = {
    **{unit: ("time", days) for unit, days in (
        ("minute", 1 / 1440), ("hour", 1 / 24), ("day", 1), ("week", 7),
        ("fortnight", 14), ("month", 365.25 / 12), ("year", 365.25), ("decade", 3652.5))},
    **{unit: ("length", metres) for unit, metres in (
        ("millimetre", 0.001), ("centimetre", 0.01), ("inch", 0.0254), ("foot", 0.3048),
        ("yard", 0.9144), ("metre", 1), ("kilometre", 1000), ("mile", 1609.344))},
    **{unit: ("mass", kilograms) for unit, kilograms in (
        ("gram", 0.001), ("kilogram", 1), ("tonne", 1000), ("kilotonne", 1e6),
        ("megatonne", 1e9))},
    **{unit: ("area", square_metres) for unit, square_metres in (
        ("acre", 4046.8564), ("hectare", 10_000))},
}


#: What each dimension measures, as a finding names it.
DIMENSIONS = {"time": "span of time", "length": "length", "mass": "mass", "area": "area"}
_PLURALS = {"foot": "feet", "inch": "inches", "century": "centuries"}


@dataclass(frozen=True)
class Converted(Quantity):
    """A count read in another unit: its value and interval are no longer the digits
    written, so they say nothing of slips of scale (scale.py)."""

    written_unit: str = ""  # the head it was written in: "month"


def in_unit_of(q, other):
    """`q` read in the unit `other` counts, when both are counts in units of one
    dimension (not rates, whose periods would need converting too) and `other`'s is the
    smaller; else `q` itself. So of two figures the one in the larger unit is read in the
    smaller, whichever comes first. What was written (text, noun, place) is kept; the
    value, interval and head are converted. A whole number of the larger unit is taken
    as rounded to it: "two decades" admits 15 to 25 years, "four years" 42 to 54 months."""
    if q.kind != "count" or other.kind != "count" or q.head == other.head:
        return q
    mine, theirs = UNITS.get(q.head), UNITS.get(other.head)
    if mine is None or theirs is None or mine[0] != theirs[0]:
        return q
    if "rate" in q.scope or "rate" in other.scope:
        return q
    factor = mine[1] / theirs[1]
    if factor < 1:
        return q  # `other` is to be read in q's unit
    low, high = q.low, q.high
    if q.value == int(q.value):
        low, high = min(low, q.value - 0.5), max(high, q.value + 0.5)
    kept = {f.name: getattr(q, f.name) for f in fields(Quantity)}
    return Converted(**{**kept, "value": q.value * factor, "low": max(0.0, low * factor),
                        "high": high if math.isinf(high) else high * factor,
                        "head": other.head}, written_unit=q.head)


def converted(q1, q2):
    """Whether either figure was read in the other's unit (in_unit_of)."""
    return isinstance(q1, Converted) or isinstance(q2, Converted)


def read_in(q1, q2):
    """(what the two measure, the unit both are read in: "span of time", "months") when
    one of them was read in the other's unit, else None."""
    if not converted(q1, q2):
        return None
    return DIMENSIONS[UNITS[q1.head][0]], _PLURALS.get(q1.head, q1.head + "s")
