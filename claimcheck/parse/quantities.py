"""The quantity parser: the single source of what a number in a sentence means.

`parse_quantities(sentence)` reads every quantity in a sentence into a `Quantity`: its
value and the interval the wording admits ("over 2,400" admits anything above 2,400;
"around 3,000" admits 2,550 to 3,450; "2,400" alone admits 2,350 to 2,449 because the
trailing zeros are rounding), its unit or currency, what it counts ("international MBT
Centres", head "centre"; read by counted.py), its qualifier and its scope (the year,
places and rates that the sentence ties it to). Citation markers, DOIs, page ranges,
identifiers such as "COVID-19" and list numbers are not quantities. statements.py reads
what several quantities say together. Checks ask these modules; they never re-parse text.
"""

import bisect
import functools
import math
import re
from dataclasses import asdict, dataclass

from claimcheck.parse.counted import money_noun, noun_phrase, of_phrase, role_of
from claimcheck.parse.numbers import (
    DIGITS, FRACTIONS, MULTIPLIER_VERBS, SUFFIX_SCALES, UNITS, WORD_NUMBER,
    digits_to_number, rounding_unit, words_to_number,
)
from claimcheck.parse.scope import LIST_GAP, MONTH_NAMES, PART_OF, PLACES, scope_of
from claimcheck.parse.words import CHANGE_VERB, MEASURE_UNITS, STOP_WORDS, TIME_UNITS, plural_follows
from claimcheck.types import Scope

INF = math.inf
#: The last year of a period that runs to this day.
OPEN_END = 9999

KINDS = ("count", "money", "percent", "year", "multiplier")
#: What the two ends of a stated change may be ("from 200 to 300"): not years, not factors.
CHANGE_KINDS = ("count", "money", "percent")


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
        """True when both statements can hold at once (their intervals meet)."""
        return self.low <= other.high and other.low <= self.high

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
    def period(self):
        """The period of a rate ("per:week" -> "week"), or ""."""
        return self.scope.value("per")


# --- what is not a quantity -------------------------------------------------------

_SCALES_AND_UNITS = "|".join(sorted(MEASURE_UNITS | set(SUFFIX_SCALES), key=len, reverse=True))
#: A list of section numbers is this many items at most ("3.1, 3.2 and 3.5 above"): the
#: bound keeps a long run of "1,1,1,..." from being read again from every digit.
_SECTIONS_LISTED = 20
#: What is masked ahead of an e-mail address at one position (the first patterns win).
_NOT_QUANTITY_FIRST = re.compile(
    "|".join([
        r"\[[^\[\]]{0,60}\d[^\[\]]{0,60}\]",  # citation markers [R1], [1-4], [S4, S7]
        r"\b10\.\d{4,9}/\S+",  # DOIs
        r"\b(?:https?://|www\.)\S+",  # addresses
        r"#\s?\d+",  # ranks and labels: "the #1 supplier", "issue #12"
    ]),
    re.IGNORECASE | re.MULTILINE,
)
#: A run of non-space characters holding an "@", read whole from its start.
_AT_RUN = re.compile(r"(?<!\S)[^\s@]*@\S*")
_WORD_CHAR = re.compile(r"\w")
#: What is masked after an e-mail address (an e-mail address wins at its position).
_NOT_QUANTITY_REST = re.compile(
    "|".join([
        r"\bISS?BN[-\s:]*[\dXx][\dXx\s-]{7,17}",
        r"\bUnit of Assessment:?\s*\d+",
        r"\bUoA\s*\d+",
        r"\b(?:pp?|pages?|vol|no|nos|ch|chapter|section|figure|fig|table|para|paragraph|"
        r"issue|ref|item|phase|step|level|grade|stage|version|v|patent|case|publication|output|"
        r"article|appendix|annex|exhibit|chart|box|question)\.?\s*\d+[a-z]?(?:\s*[-–]\s*\d+)?",
        r"\byear\s+\d{1,2}\b",  # a school year: "Year 6 pupils"
        r"\b(?-i:Part)\s+\d+[a-z]?\b",  # "Part 4 attracted 2.11m" (but "in part 2,000 came")
        # sections referred to: "(see 3.1 and 3.5 above)", "(5.4 below)"
        r"\b\d{1,2}(?:\.\d{1,2})?[a-z]?(?:\s*(?:,|and|&|[-–])\s*\d{1,2}(?:\.\d{1,2})?[a-z]?)"
        rf"{{0,{_SECTIONS_LISTED}}}"
        r"\s+(?:above|below)\b(?=\s*[),.;]|\s*$)",
        # dates of another era: "66-70 CE"
        r"\b\d{1,4}(?:\s*[-–]\s*\d{1,4})?\s*(?-i:BCE|BC|CE|AD)\b",
        r"\b\d+\s?\(\d+\)(?:\s*[:,]\s*(?:pp?\.\s*)?e?\d+(?:\s*[-–]\s*\d+)?)?",  # 160(1), 169-171
        r"(?:\+\d{1,3}[\s-]?(?:\(0\)\s?)?|\(0\)\s?)\d[\d\s-]{6,14}\d",  # telephone numbers
        r"\b\d{1,2}[:.]\d{2}\s?(?:am|pm|a\.m\.|p\.m\.)",
        r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH_NAMES + r"(?=[\s,]+\d{4})",  # the day of a date
        r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?-i:" + MONTH_NAMES + r")(?![A-Za-z])",  # "on 22 September"
        MONTH_NAMES + r"\s+\d{1,2}(?:st|nd|rd|th)?(?=,?\s+\d{4})",
        r"\b[pPrRtFz]\s?[<=>≤≥]\s?-?\d*\.?\d+",  # statistics: p<0.05, r = 0.3
        r"(?<=[A-Za-z])-\d+\b",  # identifiers: COVID-19, MBT-2
        # list numbers (from the start of their own line: blank lines before them hold no
        # figure, and reading a run of them from each line start takes quadratic time)
        r"^[^\S\n]*(?:[-*•]\s*)?\(?\d{1,2}(?:\.\d{1,2})*[.)](?=\s)",
        # a heading's number ("4.2 Pervasive Media Studio"), not "2.5 MW" or "1.5 Million"
        r"^[ \t]*\d{1,2}(?:\.\d{1,2})+(?=[ \t]+(?!(?:" + _SCALES_AND_UNITS + r")s?\b)(?-i:[A-Z]))",
    ]),
    re.IGNORECASE | re.MULTILINE,
)

# --- numbers and their surroundings -------------------------------------------------

_ATOM = re.compile(
    # every number opens with a digit, a point or a letter: other places fail at once
    rf"(?=[\d.A-Za-z])(?:"
    rf"(?:(?<=GBP)|(?<=USD)|(?<=EUR)|(?<=AUD)|(?<=CAD)"
    rf"|(?<=\b(?-i:c))(?=\d)|(?<=\b(?-i:c)\.)(?=\d)"  # "c2,000", "c.2,000": circa
    rf"|(?<=\.\.\.)(?=\d)|(?<=…)(?=\d)"  # after an ellipsis: "...10-12% increase"
    rf"|(?<![A-Za-z0-9_./\\,]))"
    rf"(?P<digits>{DIGITS})(?![0-9])"
    rf"|(?<![A-Za-z])(?P<words>{WORD_NUMBER})(?![A-Za-z]))",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(r"(?<![A-Za-z])(?-i:" + MONTH_NAMES + r")\s*$")
_CURRENCY_BEFORE = re.compile(
    r"(?P<cur>(?<![A-Za-z])[A-Z]{1,3}\$|£|\$|€|¥|GBP|USD|EUR|AUD|CAD|NZD|CHF|JPY)\s?$"
)
_SPACED_THOUSANDS = re.compile(r"(?:, \d{3})+(?:\.\d+)?(?![\d,.]?\d)")
_CURRENCY_WORDS = {"pounds": "GBP", "sterling": "GBP", "dollars": "USD", "euros": "EUR"}
#: Dollars of other countries are not US dollars: "AUS$450 million", "HK$20m". A prefix
#: not listed here stays as written ("XY$"), so it never equals another currency.
_CURRENCY_CODES = {
    "£": "GBP", "$": "USD", "US$": "USD", "€": "EUR", "¥": "JPY", "A$": "AUD", "AU$": "AUD",
    "AUS$": "AUD", "C$": "CAD", "CA$": "CAD", "CAN$": "CAD", "NZ$": "NZD", "HK$": "HKD",
    "S$": "SGD", "SG$": "SGD", "R$": "BRL", "NT$": "TWD",
}
_AFTER = re.compile(
    r"(?P<plus>\+)?"
    r"(?:\s?(?P<scale>k|m|mn|bn|b|thousand|million|billion|trillion)(?![A-Za-z]))?"
    r"(?P<plus2>\+)?"
    r"(?:\s?(?P<pct>%|per\s?cent(?:age points?)?|percent(?:age points?)?|pc\b))?"
    r"(?:\s(?P<curword>pounds(?: sterling)?|sterling|dollars|euros)(?![A-Za-z]))?"
    r"(?P<fold>[- ]?fold(?![A-Za-z]))?"
    r"(?:\s(?P<times>times)(?![A-Za-z]))?",
    re.IGNORECASE,
)
_GLUED = re.compile(r"[A-Za-z]")
#: A name after a letter set apart from a number: the letter is the name's initial.
_NAME_NEXT = re.compile(r" [A-Z][a-z]")
#: What a temperature in kelvin is written before ("sub 100 K temperatures").
_TEMPERATURE_NEXT = re.compile(r"[ -](?:temperatures?|cryogenic)\b", re.I)
_DENOMINATOR_NEXT = re.compile(r"[ -](?:half|halves|thirds?|quarters?|fifths?|tenths?)\b", re.I)
_RANGE_LINK = re.compile(
    r"(?:\s*(?:-|–|—|to|/)\s*|\s+or\s+)(?P<cur>£|\$|€|GBP\s?|USD\s?|EUR\s?)?", re.IGNORECASE)
#: "one to ten days", "one or two staff": "one" as the start of a range is a number.
_ONE_STARTS_RANGE = re.compile(rf"(?:\s*(?:-|–|to)|\s+or)\s*(?!one\b)(?:\d|{WORD_NUMBER})",
                               re.IGNORECASE)
_RATIO_LINK = re.compile(r"\s+(?:out\s+of|in)\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_BETWEEN_LINK = re.compile(r"\s+and\s+(?P<cur>£|\$|€)?")  # "between 5 and 10", "£1m and £5m"
_FRACTION = re.compile(
    r"(?=[A-Za-z])(?<![A-Za-z])(?:(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine)[ -])?"
    r"(?P<den>half|halves|thirds?|quarters?|fifths?|tenths?)(?![A-Za-z])",
    re.IGNORECASE,
)
#: "doubled", "tripling", "halved" (the words numbers.MULTIPLIER_VERBS gives factors for), "twice".
_MULTIPLIER_VERB = "|".join(sorted(MULTIPLIER_VERBS, key=len, reverse=True)) + "|twice"
#: A number in words before "fold": WORD_NUMBER with at most eight scale words, so a
#: long run of number words is not read to its end again from each word of it.
_FACTOR_WORDS = WORD_NUMBER.replace(")?)*", ")?){0,8}")
_MULTIPLIER_WORD = re.compile(
    rf"(?=[\dA-Za-z])(?<![A-Za-z])(?:(?P<verb>{_MULTIPLIER_VERB})"
    # a number starts where no digit stands before it, or after a letter and a digit
    # ("x12fold" reads "2fold"), so a long run of digits is not read from each of them
    rf"|(?P<n>{_FACTOR_WORDS}|(?:(?<!\d)|(?<=[A-Za-z]\d))\d+(?:\.\d+)?)[- ]?fold"
    rf"|(?:a\s+)?factor\s+of\s+(?P<f>{WORD_NUMBER}|[\d,]+(?:\.\d+)?))(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def _multiplier(text, start, end, factor):
    """A multiplier with the interval its qualifier allows: "nearly 6-fold" is 5.4 to 6."""
    qual_m = _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
    qualifier = _QUALIFIER_KIND.get(qual_m.group("q").lower(), "") if qual_m else ""
    low, high = _interval(factor, qualifier)
    if not qualifier:
        low, high = factor, factor
    q_start = qual_m.start() if qual_m else start
    return Quantity(text[q_start:end], q_start, end, factor, low, high, "multiplier", "x",
                    qualifier=qualifier, role=role_of(text, q_start))

# Qualifiers, longest first, with the interval each makes of a value.
_QUALIFIERS = [
    ("in excess of", "over"), ("well in excess of", "over"), ("well over", "over"),
    ("well above", "over"), ("just over", "over"), ("more than", "over"),
    ("greater than", "over"), ("over", "over"), ("above", "over"), ("exceeding", "over"),
    ("upwards of", "at least"), ("at least", "at least"), ("no fewer than", "at least"),
    ("no less than", "at least"), ("a minimum of", "at least"), ("minimum of", "at least"),
    ("up to", "up to"), ("as many as", "up to"), ("as much as", "up to"),
    ("at most", "up to"), ("no more than", "up to"), ("a maximum of", "up to"),
    ("maximum of", "up to"), ("fewer than", "under"), ("less than", "under"),
    ("just under", "under"), ("under", "under"), ("below", "under"),
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
#: What may follow a fraction that sizes a change: the scope of the change ("a
#: reduction of a third in waiting times", "fell by half over the year").
_SCOPE_AFTER_SIZE = re.compile(r"\s*(?:in|over|since|between|across|among|for|from|compared)\b", re.I)
_QUALIFIER_BEFORE = re.compile(
    r"(?<![A-Za-z])(?P<q>"
    + "|".join(r"(?-i:c)(?=$|[£$€])" if q == "c" else re.escape(q)  # "c2,000", not "C60"
               for q, _ in sorted(_QUALIFIERS, key=lambda x: -len(x[0])))
    + r")\s*(?:a\s+)?(?:(?:£|[A-Z]{0,3}\$|€|GBP|USD|EUR)\s?)?$",  # not "over the 20 years"
    re.IGNORECASE,
)
_QUALIFIER_KIND = {q: k for q, k in _QUALIFIERS}
#: Relative widths for approximate wording.
_ABOUT, _NEARLY = 0.15, 0.1
#: A number in words that ends in its scale ("two million") is rounded to that scale.
_LAST_SCALE = re.compile(r"\b(thousand|million|billion)\W*$", re.IGNORECASE)

# --- the parser -------------------------------------------------------------------------


def _emails(text):
    """(first start, end) of the e-mail addresses, one per run of non-space characters.

    This is what the pattern \\S+@\\S+\\.\\w+ matches, found in one pass over each run
    (the pattern itself backtracks over a long run from every character in it): from
    any start before the last "@" that has a character and then a "." followed by a
    word character after it, up to the end of the word after the last such ".".
    """
    out = []
    for run in _AT_RUN.finditer(text):
        lo, hi = run.span()
        dot = text.rfind(".", lo, hi - 1)
        while dot >= 0 and not _WORD_CHAR.match(text, dot + 1):
            dot = text.rfind(".", lo, dot)
        if dot < 0:
            continue
        at = text.rfind("@", lo + 1, dot - 1)
        if at < 0:
            continue
        end = dot + 1
        while end < hi and _WORD_CHAR.match(text, end):
            end += 1
        out.append((lo, at, end))  # starts lo .. at-1 all match, all up to end
    return out


def _masked_spans(text):
    """Spans of what is not a quantity: the matches, left to right, of the patterns
    above tried in order at each position (_NOT_QUANTITY_FIRST, an e-mail address,
    _NOT_QUANTITY_REST), as one alternation of them would find them."""
    spans = []
    emails = _emails(text)
    found = {}  # the last match of each pattern, still valid while it lies ahead

    def ahead(pattern, pos):
        m = found.get(pattern)
        if m is None or m and m.start() < pos:  # False: none ahead of an earlier position
            m = found[pattern] = pattern.search(text, pos) or False
        return m

    pos, e = 0, 0
    while pos <= len(text):
        while e < len(emails) and emails[e][1] <= pos:
            e += 1
        first, rest = ahead(_NOT_QUANTITY_FIRST, pos), ahead(_NOT_QUANTITY_REST, pos)
        email = (max(emails[e][0], pos), emails[e][2]) if e < len(emails) else None
        starts = [m.start() for m in (first, rest) if m] + ([email[0]] if email else [])
        if not starts:
            break
        at = min(starts)
        if first and first.start() == at:
            span = first.span()
        elif email and email[0] == at:
            span = email
        else:
            span = rest.span()
        spans.append(span)
        pos = span[1] if span[1] > span[0] else span[1] + 1
    return _Spans(spans)


class _Spans(list):
    """Spans in order, none overlapping another: what _masked_spans gives."""

    def __init__(self, spans):
        super().__init__(spans)
        self.ends = [e for _, e in spans]


def _inside(spans, start, end):
    """Whether text[start:end] overlaps one of the spans."""
    if isinstance(spans, _Spans):  # the first span ending after start is the one to check
        i = bisect.bisect_right(spans.ends, start)
        return i < len(spans) and spans[i][0] < end
    return any(s < end and start < e for s, e in spans)


def _atoms(text, masks):
    """(start, end, value, is_word) for each number written in the text."""
    out = []
    taken = 0
    for m in _ATOM.finditer(text):
        if m.start() < taken or _inside(masks, m.start(), m.end()):
            continue
        if m.group("digits"):
            tail = text[m.end():m.end() + 3]
            # glued letters make an identifier ("3D", "12th", "5s"), except scale suffixes
            if tail[:1] and _GLUED.match(tail[:1]) and not re.match(
                r"(?:k|m|mn|bn|b)(?![A-Za-z])", tail, re.IGNORECASE
            ):
                continue
            end = _spaced_thousands_end(text, m)
            taken = end
            out.append((m.start(), end, digits_to_number(text[m.start():end]), False))
        else:
            phrase = m.group("words")
            value = words_to_number(phrase)
            if value is None or _DENOMINATOR_NEXT.match(text, m.end()):
                continue  # "two thirds" is a fraction, read elsewhere
            if phrase.lower() == "one" and not (_RATIO_LINK.match(text, m.end())
                                                 or _ONE_STARTS_RANGE.match(text, m.end())):
                continue  # "one of", "one day": a pronoun, except in "one in five"
            if value >= 1e300:
                continue  # words that pile scales up past any count ("... hundred and " repeated)
            out.append((m.start(), m.end(), float(value), True))
    return out


def _spaced_thousands_end(text, m):
    """Where a number of money ends when its thousands are set off by a comma and a space.

    "£14, 013" is fourteen thousand and thirteen pounds, as text copied from a table
    often writes it; without the currency, "23, 275" is a journal's volume and page.
    """
    if not re.fullmatch(r"\d{1,3}", m.group("digits")) \
            or not _CURRENCY_BEFORE.search(text, max(0, m.start() - 6), m.start()):
        return m.end()
    more = _SPACED_THOUSANDS.match(text, m.end())
    return more.end() if more else m.end()


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
    if kind == "nearly":
        return value - max(value * nearly + tolerance, nearly_floor), value
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


def _is_year(text, start, end, value, after_end):
    if not (1800 <= value <= 2099) or value != int(value) or "," in text[start:end]:
        return False
    if text[start].isalpha():
        return False  # "by two thousand people": years are written in digits
    before = text[max(0, start - 12):start].lower()
    if _MONTH_BEFORE.search(text, max(0, start - 12), start):
        return True  # "April 2012"
    if _QUALIFIER_BEFORE.search(text, max(0, start - 24), start):
        return False
    follow = re.match(r"\s+([a-z][a-z'’-]*)", text[after_end:after_end + 30])
    if follow and follow.group(1) not in STOP_WORDS and not re.search(
        r"(?:in|since|by|from|until|till|to|during|of|between|and|before|after|"
        r"mid|early|late|a|an|the|this|that|its|their|her|his|our|my|your|\(|-|–|['’]s)\s*$",
        before,
    ):
        # "2000 participants", "2000 new jobs"; but "a 2008 monograph", "1993 study"
        return not plural_follows(text, after_end)
    return True


def parse_quantities(text, base=0):
    """Every quantity in `text` (a sentence, usually), in order. Offsets are shifted by `base`."""
    masks = _masked_spans(text)
    atoms = _atoms(text, masks)
    out, used_until, i = [], -1, 0
    while i < len(atoms):
        start, end, value, is_word = atoms[i]
        if start < used_until:
            i += 1
            continue
        q, consumed = _read_quantity(text, atoms, i, masks)
        i += consumed
        if q is not None:
            out.append(q)
            used_until = q.end
    out += _fractions_and_multipliers(text, masks, out)
    out += _decades(text, masks)
    out = _drop_inside_factors(out)
    out.sort(key=lambda q: q.start)
    out = _parts_of_wholes(text, _mark_series(text, _change_roles(text, out)))
    out = _shares_of_wholes(text, out)
    if base:
        out = [_shift(q, base) for q in out]
    return out


#: "253 families in the UK, 114 in Germany": a place or setting, then the next item.
_LIST_SETTING_GAP = re.compile(r"\s+(?:in|at|from|on)\s+[^,;.()]{1,40}?(?:,|;|,? and|,? or)\s*$")


def _mark_series(text, quantities):
    """Mark quantities that are items of a list ("24, 48 and 72 hours"; "7 million
    children and 18.7 million adults"): each is one of several values, not a total."""
    members, links = set(), []
    for a, b in zip(quantities, quantities[1:]):
        if a.kind == b.kind and a.kind in ("count", "percent", "money") and (
                (a.head in TIME_UNITS) == (b.head in TIME_UNITS)):  # not "over 20 years, 500 people"
            gap = text[a.end + (len(a.noun) + 1 if a.noun and text.startswith(a.noun, a.end + 1) else 0):b.start]
            if LIST_GAP.match(gap) or (len(gap) < 60 and a.head and a.head == b.head) or (
                    not b.noun and _LIST_SETTING_GAP.match(gap)  # the next item's noun left out
                    and of_phrase(text, b.end) is None):  # "..., 30 of whom": a part
                members.update((id(a), id(b)))
                links.append((id(a), id(b)))
    if not members:
        return quantities
    own = _own_nouns(quantities, links)
    out = [Quantity(**{**q.__dict__, "scope": q.scope + (("series", OWN_NOUN) if id(q) in own
                                                         else ("series",))})
           if id(q) in members else q for q in quantities]
    # "55%, 35% and 25% of respondents": earlier items take the noun the last one gives
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if ("series" in a.scope and "series" in b.scope and a.kind == b.kind and not a.head
                and b.head and LIST_GAP.match(text[a.end:b.start])):
            of = b.scope.only("of")
            out[i] = Quantity(**{**a.__dict__, "head": b.head, "noun": b.noun,
                                 "modifiers": b.modifiers, "scope": a.scope + of})
    return out


#: The scope mark of a list item that names its own counted thing, unlike every other
#: item of its list ("5 doctors and 4 nurses"): a count in its own right, not one of
#: several values of one thing ("24, 48 and 72 hours").
OWN_NOUN = "own-noun"


def _own_nouns(quantities, links):
    """The ids of the items of lists (runs of linked quantities) in which every item is
    a count or an amount naming its own thing, each a different one."""
    runs, run = [], []
    for q in quantities:
        if run and (id(run[-1]), id(q)) in links:
            run.append(q)
        else:
            if len(run) > 1:
                runs.append(run)
            run = [q]
    if len(run) > 1:
        runs.append(run)
    own = set()
    for run in runs:
        things = [(q.head, q.modifiers) for q in run]
        if all(q.kind in ("count", "money") and q.head and q.noun for q in run) \
                and len(set(things)) == len(things):
            own.update(id(q) for q in run)
    return own


#: The scope mark of a count that is some of the count after it ("13 of the 29 committees").
PART_OF_NEXT = "part-of-next"


def _parts_of_wholes(text, quantities):
    """A bare count before "of the 29 committees" counts committees, some of them: it
    takes the whole's noun and is marked a part of the count after it."""
    out = list(quantities)
    counts = [i for i, q in enumerate(out) if q.kind == "count"]  # as parts_of_wholes pairs them
    for i, j in zip(counts, counts[1:]):
        a, b = out[i], out[j]
        if not a.noun and b.head and PART_OF.fullmatch(text, a.end, b.start):
            out[i] = Quantity(**{**a.__dict__, "head": b.head, "noun": b.noun, "modifiers": b.modifiers,
                                 "scope": a.scope + ("partial", PART_OF_NEXT)})
    return out


#: Between a figure and its share of a whole: "24,000 people annually (", "300 pupils, or ".
_BEFORE_SHARE = re.compile(r"(?:\s+[a-z-]+){1,6}\s*(?:\(|,\s+or)\s*", re.IGNORECASE)
#: After the share: "of all cases", "of the total".
_OF_WHOLE = re.compile(r"\s+of\s+(?:all|the\s+(?:total|whole|world['’]s)|total)\b", re.IGNORECASE)


def _shares_of_wholes(text, quantities):
    """A figure followed by its share of all of something ("around 24,000 people annually
    (almost half of all cases worldwide)", "300 pupils, or 40% of the total") is a part of
    that whole."""
    out = list(quantities)
    for i, (a, b) in enumerate(zip(out, out[1:])):
        if (b.kind == "percent" and "partial" not in a.scope
                and _BEFORE_SHARE.fullmatch(text, a.end, b.start) and _OF_WHOLE.match(text, b.end)):
            out[i] = Quantity(**{**a.__dict__, "scope": a.scope + ("partial",)})
    return out


_DECADE = re.compile(r"(?<![\w'’])((?:18|19|20)\d0)['’]?s\b")


def _decades(text, masks):
    """ "the 1990s" is the years 1990 to 1999."""
    return [Quantity(m.group(0), m.start(), m.end(), float(m.group(1)), float(m.group(1)),
                     float(m.group(1)) + 9, "year", qualifier="range")
            for m in _DECADE.finditer(text) if not _inside(masks, m.start(), m.end())]


def _drop_inside_factors(quantities):
    """ "by a factor of a thousand": the number is the factor, not a count of its own."""
    factors = [q for q in quantities if q.kind == "multiplier"]
    return [q for q in quantities if q.kind == "multiplier" or not any(
        f.start <= q.start and q.end <= f.end for f in factors)]


_CHANGE_NOUNS = r"(?:reduction|increase|rise|fall|drop|decrease|cut|growth|improvement|decline|gain|uplift)s?"
#: "a 50% reduction", "a 12 per cent increase": the amount of a change, as "by 50%" is;
#: so is "50% higher" or "a third lower", but not "50% higher than the average".
CHANGE_NOUN_AFTER = re.compile(
    rf"\s+(?:{_CHANGE_NOUNS}\b|(?:higher|lower)\b(?!\s+than\b))", re.IGNORECASE)
#: A sign in brackets before a figure: "(+25%)", "(−25%)".
SIGN_BEFORE = r"\(\s*(?P<sign>[+\-−–])"
#: Words right before a figure that make it the amount of a change without "by": "rose
#: 25%", "(up 25%)", "an increase of 25%", a sign in brackets.
CHANGE_LEAD = re.compile(
    rf"(?:\b(?:rose|risen|grew|grown|increased|decreased|fell|fallen|declined|dropped|jumped|"
    rf"climbed|improved|reduced|up|down)|\b{_CHANGE_NOUNS}\s+of|{SIGN_BEFORE})\s*$", re.IGNORECASE)


def _words_before(role, count):
    """A pattern for up to `count` words and then a role word ending a text, a currency
    sign allowed after it: the words that lead to "by 25%" or "to £300"."""
    return re.compile(rf"(?:\S+\s+){{0,{count}}}{role}\s*\S{{0,4}}$")


_WORDS_BEFORE_BY = _words_before("by", 3)
#: A word of change this close before a "to" figure makes "to ... from ..." a change stated
#: in reverse: "rose to 300 from 200", "increased turnover by 8% to €1.1bn from €1bn".
_WORDS_BEFORE_TO = _words_before("to", 6)


def _changed_by(text, start):
    """Whether the figure at `start` follows "by" and a word of change a few words before
    it: "dropped by", "cut waiting times by"."""
    words = _WORDS_BEFORE_BY.search(text, max(0, start - 60), start)
    return bool(words and CHANGE_VERB.search(words.group(0)))


def _sized_as_change(text, start, end):
    """Whether the words around text[start:end] make it the size of a change without
    "by": "a 50% reduction", "rose 50%", "an increase of 50%"."""
    return bool(CHANGE_NOUN_AFTER.match(text, end) or CHANGE_LEAD.search(text, max(0, start - 30), start))


def _besides_change(quantities, i):
    """Whether the figure at `i` stands beside a stated change: a "from" figure (not a
    year) follows it, or a "from ... to" pair ends just before it, years aside ("from 200
    to 300, a 50% rise"; "to 300 from 200 in 2010, a 50% rise")."""
    after = quantities[i + 1:i + 3]
    before = [r for r in quantities[max(0, i - 4):i] if r.kind != "year"][-2:]  # "in 2001"
    return any(r.role == "from" and r.kind != "year" for r in after) or (
        len(before) == 2 and {r.role for r in before} == {"from", "to"})


def _reverse_pairs(text, quantities):
    """{index of the "to" figure: index of its "from"} for each change stated in reverse:
    a word of change shortly before "to", and a "from" figure of the same kind and unit
    counting the same thing (if either names what it counts) right after, a year aside.
    "trained to 300 staff from 20 trusts" names two things and is no change."""
    pairs = {}
    for i, q in enumerate(quantities):
        if q.role != "to" or q.kind not in CHANGE_KINDS or next(
                (r.role for r in reversed(quantities[max(0, i - 2):i]) if r.role in ("from", "to")),
                "") == "from":
            continue  # "from 200 to 300": the "to" ends a change written forward
        words = _WORDS_BEFORE_TO.search(text, max(0, q.start - 80), q.start)
        if not (words and CHANGE_VERB.search(words.group(0))):
            continue
        j = next((j for j in range(i + 1, min(i + 3, len(quantities)))
                  if quantities[j].kind != "year"), None)
        r = quantities[j] if j is not None else None
        if r is not None and r.role == "from" and (r.kind, r.unit) == (q.kind, q.unit) and (
                not r.head or not q.head or r.head == q.head):
            pairs[i] = j
    return pairs


def _change_roles(text, quantities):
    """Keep "from"/"to" roles only where they pair up, and "by" only after a word of
    change: "from 30 to 90" and "rose by 25%" are changes, but in "nurses from 19
    hospitals" and "used by 480 residents" the figure is an ordinary count."""
    out = list(quantities)
    reverse = _reverse_pairs(text, out)  # "rose to 300 from 200"
    for i, q in enumerate(out):
        if q.role == "from" and i not in reverse.values() and not any(
            r.role == "to" and r.kind == q.kind for r in out[i + 1:i + 3]
        ):
            out[i] = Quantity(**{**q.__dict__, "role": ""})
        elif q.role == "to" and i not in reverse and not any(
                r.role == "from" for r in out[max(0, i - 2):i]):
            out[i] = Quantity(**{**q.__dict__, "role": ""})
        elif q.role == "by" and _sized_as_change(text, q.start, q.end):
            if not _besides_change(out, i):
                out[i] = Quantity(**{**q.__dict__, "role": ""})  # "a 90% reduction" is a level
        elif q.role == "by" and not _changed_by(text, q.start):
            out[i] = Quantity(**{**q.__dict__, "role": ""})
    return out


def _shift(q, base):
    return Quantity(**{**q.__dict__, "start": q.start + base, "end": q.end + base})


@functools.lru_cache(maxsize=4)
def _first_change_verb(text):
    return CHANGE_VERB.search(text)


def _change_verb_before(text, pos):
    """Whether a verb of change stands in text[:pos] (read as a text of its own), found
    without reading text[:pos] again for each figure: the first in the whole text, or a
    word that the cut at pos ends."""
    first = _first_change_verb(text)
    if first and first.end() <= pos:
        return True
    word = pos
    while word > 0 and _WORD_CHAR.match(text, word - 1):
        word -= 1
    return word < pos and CHANGE_VERB.fullmatch(text, word, pos) is not None


def _read_quantity(text, atoms, i, masks):
    """Read the quantity that starts with atom i. Returns (Quantity or None, atoms used)."""
    start, end, value, is_word = atoms[i]
    consumed = 1
    q_start = start
    cur = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    currency = ""
    if cur:
        currency = _currency_code(cur.group("cur"))
        q_start = cur.start()

    after = _AFTER.match(text, end)
    scale_word = _scale_word(text, after, currency)
    scale = SUFFIX_SCALES.get(scale_word, 1)
    if scale_word and not after.group("scale").strip():
        scale = 1
    a_end = end
    if scale_word:
        a_end = after.end("scale")
    plus = bool(after.group("plus") or after.group("plus2"))
    if plus:
        a_end = max(a_end, after.end("plus2") if after.group("plus2") else after.end("plus"))
    pct = bool(after.group("pct"))
    if pct:
        a_end = after.end("pct")
    if after.group("curword") and not currency:
        currency = _currency_of_word(after.group("curword"))
        a_end = after.end("curword")
    if after.group("fold") or after.group("times"):
        grp = "fold" if after.group("fold") else "times"
        return _multiplier(text, q_start, after.end(grp), value), consumed

    value *= scale
    if is_word:  # "two million" is as round as "2 million"; "twenty-one" is exact
        last = _LAST_SCALE.search(text, start, end)
        if last:
            step = float(SUFFIX_SCALES[last.group(1).lower()])
            # "a quarter of a million" to 250,000; "one and a half million" to 500,000
            step = (value % step or step) if value else step
        else:  # "one thousand one hundred" is as precise as "1,100"
            step = rounding_unit(f"{value:.0f}", value)
    else:
        step = rounding_unit(text[start:end], value / scale) * scale
    kind = "money" if currency else ("percent" if pct else "count")
    # "10 percentage points" is a difference of shares, not a share
    unit = currency or (("pp" if "point" in after.group("pct").lower() else "%") if pct else "")

    # ranges: "2013 - 2020", "2012-14", "between 5 and 10", "£1m-£5m"
    low_v = high_v = None
    qualifier = ""
    link = _RANGE_LINK.match(text, a_end)
    between = _BETWEEN.search(text, max(0, q_start - 10), q_start)
    if between and between.group(0).lower().startswith("between"):
        link = _BETWEEN_LINK.match(text, a_end)
    paired = link and i + 1 < len(atoms) and atoms[i + 1][0] == link.end()
    changing = paired and between and between.group(0).lower().startswith("from") \
        and _change_verb_before(text, q_start)
    if changing and scale == 1 and not pct and not 1800 <= value <= 2099:
        # "rose from 500 to 700 thousand pounds", "from £5 to £7 million", "from 20 to 30%":
        # the first figure leaves out the ending the second gives for both
        scale2, pct2, currency2 = _ending(text, link, atoms[i + 1][1])
        if _shares_scale(value, atoms[i + 1][2], scale2):
            value, step = value * scale2, step * scale2
        if pct2 and not currency:
            kind, unit = "percent", "%"
        elif currency2 and not currency:
            currency = unit = currency2
            kind = "money"
    if link and not currency and link.group("cur"):
        link = None  # "from £910,000 in 2008 to £1.95m": a year, then an amount
    if paired and link:
        s2, e2, v2, w2 = atoms[i + 1]
        if not changing and not (link.group(0).strip() == "/" and not (1800 <= value <= 2099)):
            after2 = _AFTER.match(text, e2)
            scale2 = SUFFIX_SCALES.get(_scale_word(text, after2, currency or link.group("cur")), 1)
            if scale2 == 1 and scale != 1:
                scale2 = scale
            elif scale == 1 and value < v2 and _shares_scale(value, v2, scale2):
                value *= scale2  # "£1-5m", "between 2 and 3 million people"; a range rises
            v2 = v2 * scale2
            pct2 = after2.group("pct") or ""
            if 1800 <= value <= 2099 and v2 < 100 and not (w2 or pct2):  # "2012-14", not "2001 to 20%"
                v2 += (value // 100) * 100 if v2 >= value % 100 else (value // 100 + 1) * 100
            # "rose by 25% to 300", "up 10 points to 52%": figures of two kinds are no range
            one_kind = not pct or unit == ("pp" if "point" in pct2.lower() else "%" if pct2 else "")
            if one_kind and v2 > value:
                end2 = after2.end() if (after2.group("scale") or after2.group("pct")) else e2
                while end2 > e2 and text[end2 - 1].isspace():
                    end2 -= 1
                low_v, high_v, a_end = value, v2, end2
                consumed = 2
                qualifier = "range"
                if between:
                    q_start = between.start()
                if pct2:  # "10-20 percentage points" is a difference of shares
                    kind, unit = "percent", "pp" if "point" in pct2.lower() else "%"

    # ratios: "Nine out of 10", "one in five"
    if consumed == 1 and kind == "count":
        ratio = _RATIO_LINK.match(text, a_end)
        if ratio and i + 1 < len(atoms) and atoms[i + 1][0] == ratio.end():
            s2, e2, v2, w2 = atoms[i + 1]
            is_out_of = "out" in ratio.group(0).lower()
            if v2 >= value and v2 > 1 and (is_out_of or (v2 <= 1000 and not 1800 <= v2 <= 2099)):
                share = 100.0 * value / v2
                tol = 100.0 * 0.5 / v2
                qual_m = _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
                qual = qual_m.group("q") if qual_m else ""
                low, high = _share_interval(share, tol, qual)
                q_s = qual_m.start() if qual_m else start
                noun, head, mods, partial = noun_phrase(text, e2)
                return (
                    Quantity(
                        text[q_s:e2], q_s, e2, share, low, high, "percent", "%", noun, head,
                        mods, _QUALIFIER_KIND.get(qual.lower(), ""),
                        scope_of(text, q_s, e2, e2, partial, head),
                    ),
                    2,
                )

    if kind == "count" and consumed == 1 and not plus and _is_year(text, start, end, value, a_end):
        return (
            Quantity(text[start:end], start, end, value, value, value, "year", role=role_of(text, start)),
            1,
        )
    if consumed == 2 and 1800 <= low_v <= 2099 and 1800 <= high_v <= 2099 and kind == "count":
        return (
            Quantity(text[q_start:a_end], q_start, a_end, low_v, low_v, high_v, "year",
                     qualifier="range"),
            2,
        )

    qual_m = None
    if qualifier != "range":
        qual_m = _QUALIFIER_BEFORE.search(text, max(0, q_start - 40), q_start)
        if qual_m and _inside(masks, qual_m.start(), qual_m.end()):
            qual_m = None
        if qual_m:
            qualifier = _QUALIFIER_KIND.get(qual_m.group("q").lower(), "")
            q_start = min(q_start, qual_m.start())
        elif plus:
            qualifier = "at least"

    if kind == "count" and not (is_word or qualifier or scale_word or plus or consumed > 1) \
            and _names_something(text, start, end):
        return None, consumed  # "the NHS 111 service"

    # what is counted
    of_head = ""
    noun_pos = a_end
    if kind == "percent":
        of_pos = of_phrase(text, a_end)
        if of_pos is not None:  # "41% of teachers" counts teachers
            noun_pos = of_pos
            _, of_head, _, _ = noun_phrase(text, of_pos)
    noun, head, mods, partial = noun_phrase(text, noun_pos)
    if kind == "money":  # an amount is known by what kind of money it is
        noun, head, mods = money_noun(text, q_start, a_end)
    if kind == "count" and head in TIME_UNITS and qualifier == "over" \
            and qual_m and qual_m.group("q").lower() == "over":
        qualifier = ""  # "over 3 years" is a duration, not "more than 3 years"

    if low_v is not None:
        low, high = low_v, high_v  # a range states its bounds
    elif kind == "percent":
        low, high = _share_interval(value, max(step, 1.0) / 2, qualifier)
    else:
        low, high = _interval(value, qualifier, _rounding(step))
        if plus:
            low, high = value, INF
    role = role_of(text, q_start)
    if role in ("", "of") and kind == "percent" and _sized_as_change(text, q_start, a_end):
        role = "by"  # "a 50% reduction", "rose 50%", "an increase of 50%"
    noun_end = a_end
    if kind != "money" and noun:
        at = text.find(noun, noun_pos)
        noun_end = at + len(noun) if at >= 0 else noun_pos + len(noun)
    return (
        Quantity(
            text[q_start:a_end], q_start, a_end, value if low_v is None else low_v,
            max(low, 0.0), high, kind, unit, noun, head, mods, qualifier,
            scope_of(text, q_start, a_end, noun_end, partial, of_head), role,
        ),
        consumed,
    )


#: A name's word right before a number: "NHS 111", "Trent 800", "BBC 4".
_NAME_BEFORE = re.compile(r"(?<![\w'’.-])(?P<name>[A-Z][A-Za-z]*)[ \t]+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;()\n\[\]\"“‘•*-])\s*$")


def _names_something(text, start, end):
    """Whether a plain number is part of a name: a capitalised word (not the first of
    the sentence, nor a place or a month) just before it, and in the two words after it
    no plural, so nothing it could count: "the NHS 111 service", "a Trent 800 engine",
    "BBC 4", but not "Bristol 2000 new participants" or "over 30 schools"."""
    if not re.fullmatch(r"\d+", text[start:end]):
        return False  # "1,200", "2.5": names seldom have separators or decimals
    name = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if not name:
        return False
    word = name.group("name").lower()
    if (word in STOP_WORDS or word in PLACES or _MONTH_BEFORE.search(name.group(0))
            or _QUALIFIER_BEFORE.search(name.group(0).rstrip())
            or _SENTENCE_START.search(text, max(0, name.start() - 4), name.start())):
        return False
    return not plural_follows(text, end, words=2)


def _ending(text, link, end):
    """The scale, percent sign and currency that the number ending at `end` is written
    with (after `link`, the words that join it to the number before): (scale, is_percent,
    currency code or "")."""
    after = _AFTER.match(text, end)
    cur = link.group("cur") if link else None
    currency = _currency_code(cur.strip()) if cur else _currency_of_word(after.group("curword"))
    scale = SUFFIX_SCALES.get(_scale_word(text, after, currency), 1)
    return scale, bool(after.group("pct")), currency


def _currency_code(symbol):
    """ "£" -> "GBP", "AUS$" -> "AUD", "GBP" -> "GBP"; an unlisted prefix as written."""
    return _CURRENCY_CODES.get(symbol, symbol.upper())


def _currency_of_word(word):
    """ "pounds sterling" -> "GBP", "dollars" -> "USD"; "" for none."""
    return _CURRENCY_WORDS.get(word.split()[0].lower(), "") if word else ""


def _scale_word(text, after, currency):
    """The scale word in `after` (an _AFTER match), lower-cased, or "": "5m" is metres
    unless it is money or a plural noun follows ("5M households"); "77 K", a capital
    set apart, is kelvin on the same terms ("£100 K" and "100K downloads" are thousands),
    and before "temperatures" ("sub 100 K temperatures");
    a capital set apart before a name is an initial ("£140,400 M Dickinson")."""
    word = (after.group("scale") or "").lower()
    apart = bool(word) and text[after.start("scale") - 1].isspace()
    if apart and after.group("scale") in ("M", "K", "B") and _NAME_NEXT.match(text, after.end()):
        return ""  # "£140,400 M Dickinson (PI)": an initial, not a scale
    kelvin = after.group("scale") == "K" and apart
    if (word in ("m", "b", "mn") or kelvin) and not currency and not after.group("curword") \
            and (not plural_follows(text, after.end(), words=1)
                 or kelvin and _TEMPERATURE_NEXT.match(text, after.end())):
        return ""  # metres, kelvin ("100 K temperatures" are not 100,000 of them)
    return word


def _shares_scale(first, second, scale):
    """Whether a bare number before "to 3 million" is in millions too: only when the two
    are of one order ("between 2 and 3 million", not "between 500 and 1 million")."""
    if scale == 1:
        return False
    return first == 0 or 0 < second and max(first, second) / min(first, second) < 50


def _fractions_and_multipliers(text, masks, taken):
    """Fraction words ("a third", "roughly one quarter") and multiplier verbs ("doubled")."""
    out = []

    def free(s, e):
        return not _inside(masks, s, e) and not any(q.start < e and s < q.end for q in taken)

    for m in _FRACTION.finditer(text):
        den_word = m.group("den").lower()
        num_word = (m.group("num") or "").lower()
        if not free(m.start(), m.end()):
            continue
        if not num_word and den_word != "half":
            continue
        if re.search(r"\bthe\s+$", text[max(0, m.start() - 5):m.start()], re.IGNORECASE):
            continue
        qual_m = _QUALIFIER_BEFORE.search(text, max(0, m.start() - 40), m.start())
        qual = qual_m.group("q") if qual_m else ""
        q_s = qual_m.start() if qual_m else m.start()
        nxt = text[m.end():m.end() + 12]
        # "fell by a third", "a reduction of a third" (a size only beside a change)
        sized = role_of(text, q_s) == "by" or _sized_as_change(text, q_s, m.end())
        if sized and (_SCOPE_AFTER_SIZE.match(nxt) or CHANGE_NOUN_AFTER.match(nxt)
                      or _changed_by(text, q_s)):
            pass  # "a reduction of a third in waiting times", "a third lower", "half over the
            # year", "dropped by a fifth last year"
        elif den_word != "half" and not re.match(r"\s*(?:of\b|[.,;)]|$)", nxt):
            continue  # "a third party", "one quarter century"
        elif den_word == "half" and not re.match(r"\s*(?:of\b|the\b|[.,;)]|$)", nxt) and not num_word:
            continue
        num = {"a": 1, "an": 1, "": 1}.get(num_word, UNITS.get(num_word, 1))
        share = 100.0 * num / FRACTIONS[den_word]
        low, high = _share_interval(share, share * 0.1, qual)
        of_pos = of_phrase(text, m.end())
        noun, head, mods, partial = noun_phrase(text, of_pos) if of_pos else ("", "", (), False)
        out.append(
            Quantity(
                text[q_s:m.end()], q_s, m.end(), share, low, high, "percent", "%", noun, head,
                mods, _QUALIFIER_KIND.get(qual.lower(), ""),
                scope_of(text, q_s, m.end(), m.end(), partial, head),
                role="by" if sized else "",
            )
        )
    for m in _MULTIPLIER_WORD.finditer(text):
        inside_only = all(m.start() <= q.start and q.end <= m.end() for q in taken
                          if q.start < m.end() and m.start() < q.end)
        if _inside(masks, m.start(), m.end()) or not inside_only or any(
                q.kind == "multiplier" for q in taken if q.start < m.end() and m.start() < q.end):
            continue  # numbers inside "a factor of a thousand" give way; "3-fold" is read already
        if m.group("verb"):
            factor = MULTIPLIER_VERBS.get(m.group("verb").lower(), 2.0)
        else:
            n = m.group("n") or m.group("f")
            factor = digits_to_number(n) if n[0].isdigit() else words_to_number(n)
            if factor is None:
                continue
        out.append(_multiplier(text, m.start(), m.end(), factor))
    return out
