"""Qualifiers ("over", "about", "up to", "~") and the interval each makes of a value:
"over 2,400" admits anything above 2,400, "around 3,000" admits 2,550 to 3,450, "just
over 2,000" 2,000 to 2,200 and "just under 2,000" 1,800 to 2,000. Read
by quantities.py before each figure."""

import math
import re

from claimcheck.parse.openings import Near
from claimcheck.parse.quantity import INF

# Qualifiers, longest first, with the interval each makes of a value.
_QUALIFIERS = [
    ("in excess of", "over"), ("well in excess of", "over"), ("well over", "over"),
    ("well above", "over"), ("just over", "just over"), ("just above", "just over"),
    ("slightly over", "just over"), ("slightly more than", "just over"),
    ("slightly above", "just over"), ("a little over", "just over"),
    ("a little more than", "just over"), ("more than", "over"),
    ("greater than", "over"), ("over", "over"), ("above", "over"), ("exceeding", "over"),
    ("upwards of", "at least"), ("at least", "at least"), ("no fewer than", "at least"),
    ("no less than", "at least"), ("a minimum of", "at least"), ("minimum of", "at least"),
    ("up to", "up to"), ("as many as", "nearly"), ("as much as", "nearly"),
    ("at most", "up to"), ("no more than", "up to"), ("a maximum of", "up to"),
    ("maximum of", "up to"), ("fewer than", "under"), ("less than", "under"),
    ("just under", "nearly"), ("just below", "nearly"), ("slightly under", "nearly"),
    ("slightly less than", "nearly"), ("slightly fewer than", "nearly"),
    ("slightly below", "nearly"), ("a little under", "nearly"),
    ("a little less than", "nearly"), ("under", "under"), ("below", "under"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"),
    ("approaching", "nearly"),
    ("approximately", "about"), ("approx.", "about"), ("approx", "about"),
    ("around", "about"), ("about", "about"), ("roughly", "about"), ("some", "about"),
    ("circa", "about"), ("c.", "about"), ("ca.", "about"), ("~", "about"),
    ("an estimated", "about"), ("estimated", "about"), ("an average of", "about"),
    ("on average", "about"), ("average of", "about"),
    ("a total of", "exactly"), ("exactly", "exactly"), ("precisely", "exactly"),
    ("c", "about"), (">=", "at least"), ("≥", "at least"), (">", "over"), ("<=", "up to"), ("≤", "up to"),
    ("<", "under"),
]
_QUALIFIER_WORDS = [q for q, _ in sorted(_QUALIFIERS, key=lambda x: -len(x[0]))]
_QUALIFIER_PATTERN = re.compile(
    r"(?<![A-Za-z])(?P<q>"
    + "|".join(r"(?-i:c)(?=$|[£$€])" if q == "c" else re.escape(q)  # "c2,000", not "C60"
               for q in _QUALIFIER_WORDS)
    + r")\s*(?:a\s+)?(?:(?:£|[A-Z]{0,3}\$|€|GBP|USD|EUR)\s?)?$",  # not "over the 20 years"
    re.IGNORECASE,
)
#: The qualifier that ends where a figure starts, searched from the qualifiers' words.
_QUALIFIER_BEFORE = Near(_QUALIFIER_PATTERN, r"(?<![A-Za-z])(?:"
                         + "|".join("(?-i:c)" if q == "c" else re.escape(q) for q in _QUALIFIER_WORDS)
                         + ")", symbols="~<>")
_QUALIFIER_KIND = {q: k for q, k in _QUALIFIERS}
#: Relative widths for approximate wording.
_ABOUT, _NEARLY = 0.15, 0.1


def _interval(value, qualifier, tolerance=0.0, *, about=_ABOUT, about_floor=0.0,
              nearly=_NEARLY, nearly_floor=0.0):
    """The interval a written value admits under its qualifier. `tolerance` is the
    rounding the figure itself implies; `about` and `nearly` are relative widths."""
    kind = _QUALIFIER_KIND.get(qualifier.lower(), qualifier) if qualifier else ""
    if kind == "over":
        return math.nextafter(value, INF), INF
    if kind == "at least":
        return value, INF
    if kind == "under":
        return 0.0, math.nextafter(value, 0.0)
    if kind == "up to":
        return 0.0, value
    if kind == "nearly":  # "almost 500", "just under 500": a little below it
        return value - max(value * nearly + tolerance, nearly_floor), value
    if kind == "just over":  # "just over four miles" is not six and a half
        return math.nextafter(value, INF), value + max(value * nearly + tolerance, nearly_floor)
    if kind == "about":
        spread = max(value * about, tolerance, about_floor)
        return value - spread, value + spread
    return value - tolerance, value + tolerance


def _rounding(unit_step):
    return unit_step / 2 if unit_step > 1 else 0.0


def _share_interval(share, tolerance, qualifier):
    """Shares: "about" is wider (a fifth, at least 2 points), "nearly" at least 5 points."""
    return _interval(share, qualifier, tolerance, about=0.2, about_floor=2.0, nearly=0.0,
                     nearly_floor=5.0)
