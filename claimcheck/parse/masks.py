"""What is not a quantity: citation markers, DOIs, e-mail addresses, identifiers, page
ranges and list numbers, masked before any figure is read; each pattern bounded so that
reading stays linear in the text."""

import bisect
import re
import string

from claimcheck.parse.numbers import SUFFIX_SCALES
from claimcheck.parse.scope import MONTH_NAMES
from claimcheck.parse.words import MEASURE_UNITS


_SCALES_AND_UNITS = "|".join(sorted(MEASURE_UNITS | set(SUFFIX_SCALES), key=len, reverse=True))
#: A list of section numbers is this many items at most ("3.1, 3.2 and 3.5 above"): the
#: bound keeps a long run of "1,1,1,..." from being read again from every digit.
_SECTIONS_LISTED = 20
#: Sections referred to: "(see 3.1 and 3.5 above)", "(5.4 below)". Tried at every digit,
#: so a text without "above" or "below" is read without it (see _not_quantity_rest).
_SECTIONS_REFERRED = (
    r"\b\d{1,2}(?:\.\d{1,2})?[a-z]?(?:\s*(?:,|and|&|[-–])\s*\d{1,2}(?:\.\d{1,2})?[a-z]?)"
    rf"{{0,{_SECTIONS_LISTED}}}"
    r"\s+(?:above|below)\b(?=\s*[),.;]|\s*$)"
)
_SECTIONS_WORD = re.compile(r"above|below", re.IGNORECASE)
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
_REST = [
    r"\bISS?BN[-\s:]*[\dXx][\dXx\s-]{7,17}",
    r"\bUnit of Assessment:?\s*\d+",
    r"\bUoA\s*\d+",
    r"\b(?:pp?|pages?|vol|no|nos|ch|chapter|section|figure|fig|table|para|paragraph|"
    r"issue|ref|item|phase|step|level|grade|stage|version|v|patent|case|publication|output|"
    r"article|appendix|annex|exhibit|chart|box|question)\.?\s*\d+[a-z]?(?:\s*[-–]\s*\d+)?",
    r"\byear\s+\d{1,2}\b",  # a school year: "Year 6 pupils"
    r"\b(?-i:Part)\s+\d+[a-z]?\b",  # "Part 4 attracted 2.11m" (but "in part 2,000 came")
    _SECTIONS_REFERRED,
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
]
_NOT_QUANTITY_REST = re.compile("|".join(_REST), re.IGNORECASE | re.MULTILINE)
#: The same where no section can be referred to: it finds the same spans, sooner.
_NOT_QUANTITY_REST_NO_SECTIONS = re.compile(
    "|".join(p for p in _REST if p is not _SECTIONS_REFERRED), re.IGNORECASE | re.MULTILINE)
#: The patterns of _REST that match only from a letter ("ISBN", "UoA", "pp.", "Year 6",
#: "Part 4", a month, "p<0.05").
_LETTER_LED = frozenset(_REST[i] for i in (0, 1, 2, 3, 4, 5, 13, 14))


class _Alternation:
    """The alternation of `patterns` (the first of them winning at a place, as in one
    pattern) as two searches: of the patterns that open at a letter, tried only where a
    character other than an ASCII digit, space or punctuation mark stands (found in C:
    in a run of figures the one alternation tried them all at each character), and of
    the others. Each of `searches` gives (start, end, place in `patterns`) or None; the
    leftmost of the two, the first pattern winning a tie, is the alternation's match."""

    def __init__(self, patterns, flags):
        named = [(f"r{i}", f"(?P<r{i}>{p})", p in _LETTER_LED) for i, p in enumerate(patterns)]
        skip = re.escape(string.digits + string.whitespace + string.punctuation)
        letters = re.compile(
            f"(?-i:[^{skip}])(?<=(?=(?:{'|'.join(n for _, n, led in named if led)}))(?s:.))", flags)
        others = re.compile("|".join(n for _, n, led in named if not led), flags)
        self._order = {name: i for i, (name, _, _) in enumerate(named)}
        self.searches = tuple(self._searcher(pattern) for pattern in (letters, others))

    def _searcher(self, pattern):
        def search(text, pos):
            m = pattern.search(text, pos)
            if m is None:
                return None
            name = next(name for name, value in m.groupdict().items() if value is not None)
            return m.start(name), m.end(name), self._order[name]
        return search

    def search(self, text, pos):
        """(start, end) of the alternation's match from `pos`, or None."""
        found = [f for f in (search(text, pos) for search in self.searches) if f]
        return min(found, key=lambda f: (f[0], f[2]))[:2] if found else None


_REST_SEARCH = _Alternation(_REST, re.IGNORECASE | re.MULTILINE)
_REST_SEARCH_NO_SECTIONS = _Alternation([p for p in _REST if p is not _SECTIONS_REFERRED],
                                        re.IGNORECASE | re.MULTILINE)


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
        at = text.rfind("@", lo + 1, max(dot - 1, 0))  # not -1: that counts from the end
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
    rest_search = _REST_SEARCH if _SECTIONS_WORD.search(text) else _REST_SEARCH_NO_SECTIONS
    found = {}  # the last match of each search, still valid while it lies ahead

    def ahead(search, pos):
        m = found.get(search)
        if m is None or m and m[0] < pos:  # False: none ahead of an earlier position
            m = found[search] = search(text, pos) or False
        return m

    def first_search(text, pos):
        m = _NOT_QUANTITY_FIRST.search(text, pos)
        return m and m.span()

    pos, e = 0, 0
    while pos <= len(text):
        while e < len(emails) and emails[e][1] <= pos:
            e += 1
        first = ahead(first_search, pos)
        rest = min((m for m in map(ahead, rest_search.searches, (pos, pos)) if m),
                   key=lambda m: (m[0], m[2]), default=False)
        email = (max(emails[e][0], pos), emails[e][2]) if e < len(emails) else None
        starts = [m[0] for m in (first, rest) if m] + ([email[0]] if email else [])
        if not starts:
            break
        at = min(starts)
        if first and first[0] == at:
            span = first
        elif email and email[0] == at:
            span = email
        else:
            span = rest[:2]
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
