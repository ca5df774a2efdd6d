"""A quantity as the parser reads it: value, interval, unit, what it counts and its
scope (claimcheck.types.Scope)."""

import math
import re
from dataclasses import asdict, dataclass

from claimcheck.parse.words import UNIT_SPELLINGS
from claimcheck.types import Scope

INF = math.inf
#: The last year of a period that runs to this day.
OPEN_END = 9999
#: How near, relatively, two values whose roundings only touch must be to be one figure.
TOUCHING = 0.1

KINDS = ("count", "money", "percent", "year", "multiplier")
#: What the two ends of a stated change may be ("from 200 to 300"): not years, not factors.
CHANGE_KINDS = ("count", "money", "percent")
#: The roles of a figure in a stated change ("from 12 to 40", "by 45%"), and those that
#: are levels at either end of it.
CHANGE_ROLES, CHANGE_ENDS = ("from", "to", "by"), ("from", "to")
#: The years a four-digit number may be read as: 1800 to 2099.
FIRST_YEAR, LAST_YEAR = 1800, 2099


def year_like(value):
    """Whether a value lies in the years a number may be read as (FIRST_YEAR to
    LAST_YEAR); whether it is one is for the words around it to say."""
    return FIRST_YEAR <= value <= LAST_YEAR


@dataclass(frozen=True)
class Quantity:
    text: str  # as written, qualifier included: "over 2,400"
    start: int  # offsets into the text parsed (plus the base given)
    end: int
    value: float  # the number as written, in its unit ("£1.2m" -> 1200000.0)
    low: float  # the interval the statement admits
    high: float
    kind: str  # count | money | percent | year | multiplier
    unit: str = ""  # currency code for money, "%" for percent, "pp" for percentage points
    noun: str = ""  # what is counted, as written: "international MBT Centres"
    head: str = ""  # its head word, singular and lower case: "centre"
    modifiers: tuple = ()  # the restrictive words before the head: ("international", "mbt")
    qualifier: str = ""  # "over", "about", "at least", "range", ...
    scope: Scope = Scope()  # where it holds and what sort of figure it is (claimcheck.types)
    role: str = ""  # the word before it, when it marks a role: "from", "to", "by", "of"

    def to_dict(self):
        d = asdict(self)
        d["modifiers"], d["scope"] = list(self.modifiers), list(self.scope)
        for key in ("low", "high"):
            if math.isinf(d[key]):
                d[key] = None if key == "high" else 0.0
        return d

    @classmethod
    def from_dict(cls, d):
        d = dict(d)
        d["modifiers"], d["scope"] = tuple(d.get("modifiers", ())), Scope(d.get("scope", ()))
        if d.get("high") is None:
            d["high"] = INF
        return cls(**d)

    def overlaps(self, other):
        """True when both statements can hold at once: their intervals share more than a
        point, or one is a point within the other. Two roundings that only touch meet
        when their values are within a tenth of each other ("34 million" and "35
        million" may be one figure cut and rounded), not otherwise ("$1 million" is 0.5 to
        1.5 million, "$2 million" 1.5 to 2.5: no one writes 1.5 million as either)."""
        low, high = max(self.low, other.low), min(self.high, other.high)
        if low != high:
            return low < high
        return self.low == self.high or other.low == other.high \
            or abs(self.value - other.value) <= TOUCHING * max(abs(self.value), abs(other.value))

    @property
    def years(self):
        """The (first, last) year this quantity is tied to, or None; a period to this day
        ("since 2008", labelled "year:2008-") ends at OPEN_END."""
        label = self.scope.value("year")
        if not label:
            return None
        first, dash, last = label.partition("-")
        return int(first), int(last) if last else OPEN_END if dash else int(first)

    @property
    def counts(self):
        """What two mentions of one counted thing share ("40 schools" and "12 schools"):
        kind, unit, head noun and its modifiers."""
        return self.kind, self.unit, self.head, self.modifiers

    @property
    def whole(self):
        """What a share is a share of ("of:teacher" -> "teacher"), or ""."""
        return self.scope.value("of")

    @property
    def to_the_penny(self):
        """Money written with two decimal places and no scale word: "£2,345,678.90"."""
        return self.kind == "money" and re.search(r"\.\d\d$", self.text.rstrip()) is not None

    @property
    def places(self):
        return frozenset(self.scope.values("place"))

    @property
    def members(self):
        """{run: number} of the members of numbered runs its clause names ("nth:phase:2"
        -> {"phase": "2"}): "the second phase"."""
        return dict(tag.rpartition(":")[::2] for tag in self.scope.values("nth"))

    @property
    def period(self):
        """The period of a rate ("per:week" -> "week"), or ""."""
        return self.scope.value("per")


_NO_SCOPE = Scope()


def make_quantity(text, start, end, value, low, high, kind, unit="", noun="", head="",
                  modifiers=(), qualifier="", scope=_NO_SCOPE, role=""):
    """`Quantity(...)` with the same arguments, made without the frozen dataclass's
    `__init__` (which sets each of the fourteen fields through object.__setattr__): the
    parser makes one for each of thousands of figures in text dense with them. A unit's
    head is read in one spelling (UNIT_SPELLINGS)."""
    q = object.__new__(Quantity)
    head = UNIT_SPELLINGS.get(head, head)
    q.__dict__.update({"text": text, "start": start, "end": end, "value": value, "low": low,
                       "high": high, "kind": kind, "unit": unit, "noun": noun, "head": head,
                       "modifiers": modifiers, "qualifier": qualifier, "scope": scope,
                       "role": role})
    return q
