"""Where a figure holds: the year or period, the places, the rate, and whether it is a
part, a selection, an average or a supposed case rather than a whole that is stated.

`scope_of` reads them from the clause around a number; quantities.py calls it for every
number it reads, and checks read the result from the Quantity, never from the text.
"""

import bisect
import functools
import re

from claimcheck.parse import qualifiers
from claimcheck.parse.numbers import UNITS
from claimcheck.parse.openings import Near
from claimcheck.parse.words import ORDINALS, STOP_WORDS, plural_follows, singular
from claimcheck.types import Scope

#: The period of a rate ("per annum", "weekly"), by name.
_PERIOD = re.compile(
    r"(?P<year>\b(?:year|annum|annually|yearly|yr|pa|p\.a\.)(?![A-Za-z]))|(?P<month>\bmonth)|"
    r"(?P<week>\bweek)|(?P<day>\b(?:day|daily)\b)|(?P<hour>\bhour)", re.IGNORECASE)
_RATE = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:per|each|every|(?<!of\s)an?)\s+(?:year|annum|month|week|day|"
    r"hour|session|person|participant|head|capita)\b|^\s*(?:\w+\s+){0,3}?(?<!of\s)an?\s+"
    r"(?:hectare|acre|tonne|ton|litre|liter|gallon|kilo|kilogram|mile|kilometre|km)\b"
    r"|^\s*(?:\w+\s+){0,3}?"
    r"(?:annually|monthly|weekly|daily|yearly|a year|per year|pa|p\.a\.)(?![A-Za-z])"
    r"|^\s*/\s*(?:year|yr|annum|month|week|day|person|head|ha|hectare|m2|km2|acre)\b"
    r"|^\s*(?:\w+\s+){0,3}?(?:per\s+(?!cent\b)[a-z]+|(?:m|ha|km|kg|l)-[12])\b",
    re.IGNORECASE,
)
_PLACE_NAME = r"[A-Z][a-zA-Z]+(?:\s+(?:of\s+)?[A-Z][a-zA-Z]+)*"
_PLACE = re.compile(
    rf"\b(?:in|across|throughout|within)\s+(?:the\s+)?(?P<place>{_PLACE_NAME})"
    rf"(?:\s+and\s+(?:the\s+)?(?P<place2>{_PLACE_NAME}))?"  # "across England and Wales"
)
#: Other names of one place.
PLACE_ALIASES = {"united kingdom": "uk", "great britain": "britain", "gb": "britain",
                 "united states": "us", "usa": "us", "united states of america": "us"}
#: Places inside a larger one that the text may name instead: a figure for Scotland is
#: a part of one for the UK. Each place with the larger place it lies in.
INSIDE = {
    **dict.fromkeys(("england", "scotland", "wales"), "britain"),
    "britain": "uk", "northern ireland": "uk", "london": "england",
    **dict.fromkeys(
        """uk ireland france germany italy spain portugal netherlands belgium luxembourg
        denmark sweden finland norway iceland austria switzerland poland czech slovakia
        hungary slovenia croatia serbia bosnia montenegro albania greece bulgaria romania
        moldova ukraine estonia latvia lithuania malta cyprus kosovo scandinavia""".split(),
        "europe"),
}

#: Places that scope a figure ("in the UK", "across Europe"): countries, nations and
#: regions of the UK, continents. A gazetteer, so that "in MATLAB" is not a place.
PLACES = frozenset(
    """
    uk us britain great england scotland wales ireland northern europe european africa
    asia america north south latin australia oceania antarctica middle east eu london
    afghanistan albania algeria argentina armenia austria bangladesh belgium bolivia bosnia
    botswana brazil bulgaria cambodia cameroon canada chile china colombia croatia cuba
    cyprus czech denmark ecuador egypt estonia ethiopia finland france gambia georgia germany
    ghana greece guatemala haiti honduras hong hungary iceland india indonesia iran iraq
    israel italy jamaica japan jordan kazakhstan kenya korea kosovo kuwait laos latvia
    lebanon lesotho liberia libya lithuania luxembourg madagascar malawi malaysia mali malta
    mexico moldova mongolia montenegro morocco mozambique myanmar namibia nepal netherlands
    zealand nicaragua niger nigeria norway oman pakistan palestine panama paraguay peru
    philippines poland portugal qatar romania russia rwanda saudi senegal serbia sierra
    singapore slovakia slovenia somalia spain sri sudan sweden switzerland syria taiwan
    tanzania thailand togo tunisia turkey uganda ukraine uruguay uzbekistan venezuela vietnam
    yemen zambia zimbabwe scandinavia caribbean arctic
    """.split()
)


def within(place):
    """The places that hold `place`, nearest first: "scotland" -> britain, uk, europe."""
    out = []
    while place in INSIDE:
        place = INSIDE[place]
        out.append(place)
    return out


_CLAUSE_BREAK = re.compile(r"[;:]|(?<!\d)\s[-–—]\s(?!\d)|\bwhereas\b|\bwhile\b")
#: A little word (words.STOP_WORDS), as a whole word.
_LITTLE_WORD = "(?:" + "|".join(re.escape(w) for w in sorted(STOP_WORDS, key=len, reverse=True)) + r")(?![a-z'’-])"
#: A year or a period: "2014", "2012-14", "2008 to 2013", "between 2015 and 2019"; not
#: "in 2016 to 30 staff", a year and then a count (a short end after "to" must not be
#: followed by a word other than a little one, as quantities._counted_after_year reads it).
_YEAR_SPAN = re.compile(
    r"(?<![\d,.£$€])((?:19|20)\d{2})"
    r"(?:(?:\s*(?:-|–|—|/)\s*|(?<=[Bb]etween\s\d{4})\s+and\s+)((?:19|20)?\d{2})"
    rf"|\s*to\s*((?:19|20)\d{{2}}|\d{{2}}(?!\s+(?!{_LITTLE_WORD})[a-z]))"
    r")?(?!\d|,\d)"
)


#: How far a clause reaches either side of a figure: a run of text with no semicolon,
#: colon or dash over this length is not one clause of prose (and reading it whole for
#: every figure in it would take time that grows with the square of its length).
CLAUSE_REACH = 1000
#: The longest a clause break is, plus the character its lookaround reads after it.
_BREAK_SPAN = len("whereas") + 1


@functools.lru_cache(maxsize=4)
def _clause_breaks(text):
    """The clause breaks of a text, found once: their starts and their spans."""
    spans = [m.span() for m in _CLAUSE_BREAK.finditer(text)]
    return [s for s, _ in spans], spans


def _clause(text, start, end):
    """(start, end) of the clause holding text[start:end]: up to a semicolon, colon or
    dash either side, and at most CLAUSE_REACH characters either side."""
    starts, spans = _clause_breaks(text)
    # the breaks in text[:start] read as a text of their own: those of the whole text up
    # to where the cut can change a match, then a scan of what is left before the cut
    i = bisect.bisect_right(starts, start - _BREAK_SPAN)
    resume = max(spans[i - 1][1] if i else 0, start - _BREAK_SPAN, 0)
    last = spans[i - 1][1] if i else 0
    for m in _CLAUSE_BREAK.finditer(text, resume, start):
        last = m.end()
    # the first break at or after end: a break of the whole text, or one that starts
    # inside the break before it (which the whole text's scan skipped)
    j = bisect.bisect_left(starts, end)
    nxt = starts[j] if j < len(starts) else len(text)
    if j and spans[j - 1][1] > end:
        nxt = next((p for p in range(end, spans[j - 1][1]) if _CLAUSE_BREAK.match(text, p)), nxt)
    return max(last, start - CLAUSE_REACH, 0), min(nxt, end + CLAUSE_REACH)


#: The months, lower case.
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
#: Month names as a pattern: "March", "Sept.".
MONTH_NAMES = (
    r"(?:" + "|".join(month.title() for month in MONTHS)
    + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_SINCE_BEFORE = Near(re.compile(
    r"\b(?:since|from|after)\s+(?:(?:early|mid|late|the end of|the start of|" + MONTH_NAMES
    + r")[\s-]+)?$", re.IGNORECASE), r"\b(?:since|from|after)", symbols="")
_ONWARDS_AFTER = re.compile(r"\s*(?:onwards?|and after|to date|to the present)\b", re.IGNORECASE)


#: A bracketed aside of this many words or more is a statement of its own.
ASIDE_WORDS = 5
_BRACKETED = re.compile(r"\(([^()]*)\)")


def _asides(text, lo, hi, start):
    """(start, end) of the long bracketed asides in text[lo:hi] that do not hold the
    quantity at `start`: "(over 50% of farmers were reached since 2008)"."""
    return [(s, e) for s, e in _long_brackets(text)[bisect.bisect_left(_long_brackets(text), (lo,)):]
            if e <= hi and not s <= start < e]


@functools.lru_cache(maxsize=4)
def _long_brackets(text):
    """The bracketed asides of ASIDE_WORDS words or more in a text, found once."""
    return [m.span() for m in _BRACKETED.finditer(text) if len(m.group(1).split()) >= ASIDE_WORDS]


#: The kinds of qualifier (as the parser reads them, parse/qualifiers.py) that make the
#: number after them a count, not a year ("over 2000 people", "around 2000 participants");
#: not "up to" ("up to 2013"), nor a level's "above" or "below" ("20 per cent below 1990
#: levels"), nor "circa", which mostly dates ("c. 1850").
_COUNT_QUALIFIER_KINDS = frozenset({"over", "just over", "at least", "nearly", "about"})
_CIRCA = frozenset({"c", "c.", "ca.", "circa"})


def _count_of_year_value(text, start, end):
    """Whether a number that could be a year is a count, said as one: a qualifier before
    it and a plural noun after ("over 2000 other pages", "around 2000 participants"; not
    "up to 2013 modulation has ...", "started around 2000"). The quantity parser's own
    rule (quantities._is_year) is not asked: it reads "up to 2013" and "2012 revenues" as
    counts, where a year is what ties a neighbouring figure to its time."""
    m = qualifiers._QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
    if m is None:
        return False
    qualifier = m.group("q").lower()
    if qualifiers._QUALIFIER_KIND.get(qualifier) not in _COUNT_QUALIFIER_KINDS \
            or qualifier.endswith(("above", "below")) or qualifier in _CIRCA:
        return False
    more = _MORE_AFTER.match(text, end)
    return plural_follows(text, more.end() if more else end)


#: Words between a count and its plural noun that plural_follows stops at.
_MORE_AFTER = re.compile(r"\s+(?:other|more|further|additional|extra)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def _year_spans(text):
    """The years and periods in a text, found once: their starts and their matches."""
    found = list(_YEAR_SPAN.finditer(text))
    return [m.start() for m in found], found


def _figure_between(text, start, end):
    """Whether a number other than a year stands in text[start:end]."""
    return bool(re.search(r"\d", _YEAR_SPAN.sub("", text[start:end])))


#: Between a figure and the year of its own phrase: its noun (a few words) and "in", "by"
#: or "during" ("30 staff in 2021", "40 schools by 2020").
_ITS_YEAR_AFTER = re.compile(r"\s+(?:[A-Za-z][\w'’-]*\s+){0,4}?(?:in|by|during)\s+")


def _year_of(text, start, end, clause=None):
    """The year or period a quantity is tied to: the nearest before it in its clause,
    else the nearest after it with no other figure between ("5% (2011)", "£1.1M,
    secured between 2005 - 2009"; not "35 million hens, which laid 9 billion eggs in
    2012"). Years in a long bracketed aside belong to the aside."""
    starts, years = _year_spans(text)
    if not starts:
        return ""
    clause_start, clause_end = clause or _clause(text, start, end)
    asides = _asides(text, clause_start, clause_end, start)
    spans = []
    for m in years[bisect.bisect_left(starts, clause_start):bisect.bisect_left(starts, clause_end)]:
        if m.end() > clause_end:
            break
        if start <= m.start() < end or (m.start() >= end and _figure_between(text, end, m.start())):
            continue
        if any(lo <= m.start() < hi for lo, hi in asides):
            continue
        hi = m.group(2) or m.group(3)
        if not hi and _count_of_year_value(text, m.start(), m.end()):
            continue  # "the biographies of 1,600 mathematicians and over 2000 other pages"
        lo = m.group(1)
        if hi and len(hi) == 2:
            hi = lo[:2] + hi
        hi = hi if hi and hi > lo else lo
        if hi == lo and (_SINCE_BEFORE.search(text, max(0, m.start() - 30), m.start())
                         or _ONWARDS_AFTER.match(text, m.end())):
            hi = ""  # "since 2008", "2008 onwards": to this day
        spans.append((m.start(), m.end(), lo, hi))
    if not spans:
        return ""
    # a year given right after the figure's own words is its year ("12 staff in 2016 and
    # 30 staff in 2021"); else the nearest year wins, on a tie the one before ("In 2011,
    # 40 schools; 60 in 2012")
    own = [sp for sp in spans if sp[0] >= end and _ITS_YEAR_AFTER.fullmatch(text, end, sp[0])]
    near = own[0] if own else min(
        spans, key=lambda sp: (start - sp[1], 1) if sp[1] <= start else (sp[0] - end, 2))
    run = _years_listed(text, spans, spans.index(near))  # "in 2009/10 and 2010/11"
    lo, hi = run[0][2], run[-1][3]
    return lo if hi == lo else f"{lo}-{hi}"


#: What stands between two items of a list: "24, 48 and 72 hours", "2009/10 and 2010/11".
LIST_GAP = re.compile(r"\s*(?:,|and|or|, and|, or|&)\s*$")


def _years_listed(text, spans, i):
    """The spans of the run of consecutive years that spans[i] stands in, in order:
    spans[i] alone unless only the words of a list (LIST_GAP) join it to years that
    follow on from each other ("in 2009/10 and 2010/11" is one period, 2009-2011; "in
    2012 and 2014" are two years). A year "since" or "onwards" is never joined."""
    def joined(a, b):
        return a[3] and b[3] and int(a[3]) <= int(b[2]) <= int(a[3]) + 1 \
            and LIST_GAP.match(text[a[1]:b[0]])
    first = last = i
    while first > 0 and joined(spans[first - 1], spans[first]):
        first -= 1
    while last + 1 < len(spans) and joined(spans[last], spans[last + 1]):
        last += 1
    return spans[first:last + 1]


#: A condition or a supposition: the figures it governs are worked out for a case, not
#: stated ("If half are lower, it saves £22.5M on 450 schemes", "assuming 10% uptake").
_SUPPOSING = re.compile(r"\b(?:if|assuming|assume|suppose|supposing|were to)\b", re.IGNORECASE)
#: "if" that supposes nothing: "whether" ("to see if", "asked if") and idioms ("as if",
#: "if not the largest", "if any", "if ever").
_WHETHER_BEFORE = re.compile(
    r"\b(?:as|see|sees|seeing|ask|asks|asked|asking|determine|determining|check|checking|"
    r"test|testing|know|knowing|assess|assessing|establish|decide|wonder|examine|examining|"
    r"investigate|investigating|explore|exploring|evaluate|evaluating|unclear|question)\s+$",
    re.IGNORECASE)
_IDIOM_AFTER = re.compile(r"\s+(?:not|any|ever|anything)\b", re.IGNORECASE)
#: A figure before its condition is supposed only with a modal before the condition, or
#: a condition put as unreal: "it would reach 450 schools if ...", "28,800 prisoners, if the
#: vote were given to ..."; not "piloted in 12 sites, it will expand if funded".
_MODAL_WORDS = r"\b(?:would|could|might)"
_MODAL = Near(re.compile(_MODAL_WORDS + r"\b", re.IGNORECASE), _MODAL_WORDS, symbols="")
_UNREAL = Near(re.compile(r"\b(?:it|he|she|this|that|(?:the|a|an)\s+[a-z]*[^s\W])\s+were\b",
                          re.IGNORECASE), r"\b(?:it|he|she|this|that|the|a|an)\s",
              symbols="")


#: A rule put with a condition states its figure: "if a council places a child out of
#: its area, it must pay a fee (£23k)" (a duty after the condition, before the figure).
_DUTY_AFTER_CONDITION = Near(re.compile(
    r",[^,]*?\b(?:must|has to|have to|(?:is|are) (?:required|obliged|expected) to|shall)\b",
    re.IGNORECASE), r",", symbols=",")


def _supposed(text, start, end, clause=None):
    """Whether the figure at text[start:end] is worked out for a supposed case: a
    condition before it in its clause (unless a duty follows it: a rule), or one after it
    with "would" before the condition or put as unreal ("if the vote were given")."""
    starts, conditions = _conditions(text)
    if not starts:
        return False
    lo, hi = clause or _clause(text, start, end)
    modal = unreal = None  # found once for the clause, not once for each condition
    for m in conditions[bisect.bisect_left(starts, lo):]:
        if m.end() > hi:
            break
        whether = _WHETHER_BEFORE.search(text, max(lo, m.start() - 16), m.start())
        if m.group(0).lower() == "if" and (whether or _IDIOM_AFTER.match(text, m.end())):
            continue
        if m.start() >= end:
            # "would" before the condition (a modal word cannot end where a word starts)
            modal = _MODAL.search(text, lo, hi) if modal is None else modal
            # put as unreal after it: the first such phrase from here on, if any
            if unreal is None or unreal and unreal.start() < m.end():
                unreal = _UNREAL.search(text, m.end(), hi) or False
            if modal and modal.end() <= m.start() or unreal:
                return True
        if m.end() <= start and not _DUTY_AFTER_CONDITION.search(text, m.end(), start):
            return True
    return False


@functools.lru_cache(maxsize=4)
def _conditions(text):
    """The words that open a condition in a text ("if", "assuming"), found once."""
    found = list(_SUPPOSING.finditer(text))
    return [m.start() for m in found], found


_PARTIAL_WORDS = (r"\b(?:first|last|next|remaining|other|additional|further|another|extra|"
                  r"subsequent|previous|initial|original)")
_PARTIAL_BEFORE = Near(re.compile(_PARTIAL_WORDS + r"\s+$", re.IGNORECASE), _PARTIAL_WORDS,
                       symbols="")


_TOP_BEFORE = Near(re.compile(r"\btop\s+$", re.IGNORECASE), r"\btop", symbols="")
#: "training 1,000 participants in its first year": so many in the first part of a
#: period, some of what was reached in all of it (right after what is counted).
_FIRST_PERIOD = (r"(?:in|during|over|within|for)\s+(?:its|the|their|our|his|her)\s+(?:first|"
                 r"initial|opening)\s+(?:(?:[a-z]+|\d+)\s+)?(?:years?|months?|weeks?|days?")
_FIRST_PERIOD_AFTER = re.compile(r"\s+" + _FIRST_PERIOD + r"|phase|season)\b", re.IGNORECASE)
#: "In the first year of the scheme, 140 households ...": the same, the period first (not
#: "in its first phase": a member of a numbered run, _NUMBERED).
_FIRST_PERIOD_BEFORE = re.compile(r"\b" + _FIRST_PERIOD + r")\b", re.IGNORECASE)
#: "an average of 2 million hits", "a mean of 12 visits": one item's or one period's share
#: of a total, not the total (a verb "mean" has no article: "this would mean 300 jobs").
_AVERAGE_WORDS = r"\b(?:average|median|(?:the|an?)\s+mean)"
_AVERAGE = Near(re.compile(_AVERAGE_WORDS + r"\b", re.IGNORECASE), _AVERAGE_WORDS, symbols="")
_ON_AVERAGE_AFTER = re.compile(r"\s*,?\s*on\s+average\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def _statistic(text, lo, start):
    """Which average a figure gives, named before it in its clause (text[lo:start]):
    "median" or "mean" (the mean and the average are one), when no other figure stands
    between; else "". "The median wait ... was 6 days" is not "the mean wait ... was 11"."""
    last = None
    for last in _AVERAGE.pattern.finditer(text, lo, start):
        pass
    if last is None or _DIGIT.search(text, last.end(), start):
        return ""
    return "median" if last.group(0).lower() == "median" else "mean"
#: "12 main process vessels", "three key recommendations": a selection, not all of them.
_SELECTIVE_WORDS = r"\b(?:main|key|major|principal|leading|core|top|significant|important)"
_SELECTIVE = Near(re.compile(_SELECTIVE_WORDS + r"\b", re.IGNORECASE), _SELECTIVE_WORDS,
                  symbols="")
#: "including 25 scientists", "(e.g. OSTC have two projects)": an example, some of a whole.
_EXAMPLE = r"(?:including|e\.\s?g\.?|eg|such as|for example|for instance)"
_EXAMPLE_BEFORE = Near(re.compile(rf"\b{_EXAMPLE}\s*[,:]?\s*$", re.IGNORECASE), rf"\b{_EXAMPLE}",
                       symbols="")
_EXAMPLE_BRACKET = Near(re.compile(rf"\(\s*{_EXAMPLE}\b[^()]*$", re.IGNORECASE), rf"\(\s*{_EXAMPLE}",
                        symbols="(")
#: "Two members of the working group", "300 students from the school": some of a body's
#: people. Not "the 171 members of the group", which are all of them.
_MEMBERS_OF = re.compile(
    r"(?:members?|staff|employees?|students?|pupils?|representatives?|residents?|delegates?|"
    r"officers?|researchers?)\s+(?:of|from)\s+(?:the|its|their|our|his|her)\b", re.IGNORECASE)
_DEFINITE = r"\b(?:the|its|their|our|his|her|all)\s+"
_DEFINITE_BEFORE = re.compile(_DEFINITE + "$", re.IGNORECASE)
#: A figure given as something already named: "the two exhibitions", "these four topics",
#: "all 14 hospitals", "the first two periods" (a qualifier, "the more than 500", is part
#: of the figure as parsed).
_NAMED_BEFORE = re.compile(
    rf"(?:{_DEFINITE}|\b(?:these|those|both)\s+)(?:(?:first|last|same|original|remaining|"
    r"initial)\s+)?$", re.IGNORECASE)


def definite(text, start):
    """Whether the figure at `start` in `text` (a quantity's start, its qualifier
    included) is given with a definite word before it: a reference back to what the text
    has counted before rather than a new count."""
    return bool(_NAMED_BEFORE.search(text, max(0, start - 32), start))
#: "six events each attracting around 60", "2,000 participants each": so many per item,
#: not a total ("each of the 12 schools" counts them all).
_EACH_BEFORE = Near(re.compile(
    r"\beach\s+(?:(?:[a-z]+(?:ing|ed)|with|has|had|have)\s+)?$"
    r"|\bevery\s+$",  # "every five years": how often, not how long
    re.IGNORECASE), r"\beach|\bevery", symbols="")
_EACH_AFTER = re.compile(r"\s+each\s*(?:[.,;:)]|$|(?:and|or|to|for|in|at|from|on)\b)", re.IGNORECASE)
#: "a combined audience of 435 people", "450 people in total": a sum over parts given
#: elsewhere ("59 people saw it at Greenwich"), which a smaller figure does not contradict.
_TOTAL_BEFORE = Near(re.compile(
    r"\b(?:total|combined|cumulative|aggregate|altogether|in all)\b(?:,\s*|[^.;:,()]{0,40})$",
    re.IGNORECASE), r"\b(?:total|combined|cumulative|aggregate|altogether|in all)",
    symbols="")
#: "A total of 300": the qualifier the quantity's own text opens with.
_TOTAL_OPENING = re.compile(r"an?\s+total\b", re.IGNORECASE)
_TOTAL_AFTER = re.compile(
    r"\s*(?:in total|in all|altogether|all told|combined|between them|in aggregate)\b", re.IGNORECASE)
#: Between a part and its whole: "13 of the 29 committees", "15 of Angola's 18
#: provinces", "8 out of 10 staff".
PART_OF = re.compile(
    r"\s+(?:out\s+)?of\s+(?:(?:the|all|its|their|our|these|those|a\s+total\s+of)\s+)?"
    r"(?:[\w-]+['’]s\s+)?", re.IGNORECASE)
#: "£1.1M of this grant", "30 of these schools": a part of a whole given elsewhere.
_PART_OF_AFTER = re.compile(r"\s+of\s+(?:this|these|that|those|which|them)\b", re.IGNORECASE)


#: A figure said of one member of a numbered run ("the second phase", "phase 2", "its
#: third round"): figures of two different members of one run are two quantities.
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_NUMBERED = re.compile(
    r"\b(?P<nth>first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th|6th)\s+"
    r"(?P<run>[a-z]{3,})\b"
    r"|\b(?P<run2>phase|stage|round|wave|cohort|tranche|trial|edition|season|series|year)"
    r"\s+(?P<n>[1-6]|one|two|three|four|five|six|I{1,3}|IV|VI?)\b(?![.,]\d)", re.IGNORECASE)


def _member_number(said):
    """"second", "2nd", "two", "II" and "2" all as "2"."""
    if said in ORDINALS:
        return str(ORDINALS.index(said) + 1)
    if said in UNITS:
        return str(UNITS[said])
    return str(_ROMAN.get(said, said.rstrip("stndrh")))


@functools.lru_cache(maxsize=64)
def _numbered(text, lo, hi):
    """The "nth:RUN:N" tags of the members of numbered runs named in text[lo:hi] (read
    once for the figures of one clause)."""
    tags = []
    for m in _NUMBERED.finditer(text, lo, hi):
        run = (m.group("run") or m.group("run2")).lower()
        if run in STOP_WORDS:
            continue  # "fell by a third after ...", "a fifth are over 60": shares
        said = (m.group("nth") or m.group("n")).lower()
        tags.append(Scope.tag("nth", f"{singular(run)}:{_member_number(said)}"))
    return tuple(tags)


@functools.lru_cache(maxsize=64)
def _folded(text, lo, hi):
    return text[lo:hi].casefold()


def _may_hold(text, clause, words):
    """Whether one of `words` is in the clause: a pattern that needs one of them cannot
    match where none is. Checked before the pattern's own search, which runs from the
    clause's start for each figure in it: a long clause of many figures ("5 and 5 and
    ...") would be read once per figure."""
    said = _folded(text, *clause)
    return any(word in said for word in words)


#: The words without which _PLANNED_BEFORE, _USED_TO, _CAN_BEFORE and
#: _FIRST_PERIOD_BEFORE cannot match (see _may_hold).
_PLANNED_WORDS = ("aim", "plan", "intend", "pledge", "seek", "sought", "hope", "set",
                  "target", "goal", "objective")
_USED_WORDS = ("used",)
_CAN_WORDS = ("can", "could", "room", "capacit")
_FIRST_WORDS = ("first", "initial", "opening")


#: A figure that is the value of a counterfactual: "it would have cost £85 million",
#: "savings would have been 500" (right before the figure); not "a ban would have put
#: 12 million hens at risk", where the hens are counted either way.
_COUNTERFACTUAL_BEFORE = re.compile(
    r"\b(?:would|could|might)(?:\s+not)?\s+have\s+(?:cost|saved|earned|raised|made|taken|"
    r"required|needed|reached|been|totalled|amounted\s+to)\s+(?:an?\s+)?(?:extra\s+)?$",
    re.IGNORECASE)


#: A figure given as an aim rather than an outcome: "the project aimed to train 1,000
#: teachers", "a target of 95% of services", "our goal was 500 schools" (the aim at most
#: two words before the figure; "it trained 1,240 teachers, exceeding its goal" states an
#: outcome, and "the aim of this project is to help the two authorities" counts them).
_PLANNED_BEFORE = re.compile(
    r"\b(?:(?:aim(?:s|ed|ing)?|plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|pledged?|pledges|"
    r"seek(?:s|ing)?|sought|hope(?:s|d)?)\s+to|aim(?:s|ed|ing)?\s+(?:for|at)|set\s+out\s+to|"
    r"(?:target|goal|objective)s?\s+(?:of|to)|(?:target|goal|objective|aim)\s+(?:is|was)"
    r"(?:\s+(?:for|to))?)(?:\s+[a-z]+){0,2}\s*$",
    re.IGNORECASE)
#: A figure of a state that has since changed: "before the new rota, 61% of calls" (at
#: the start of its clause), "the café used to serve about 150 customers a day" (not
#: "these estimates have been used to determine", nor "widely used to").
_EARLIER_OPENING = re.compile(
    r"\s*[\"'‘“(]?\s*(?:before|prior\s+to|previously|until\s+recently)\b", re.IGNORECASE)
_USED_TO = re.compile(
    r"(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)"
    r"(?<!\bbeing\s)(?<!ly\s)\bused\s+to\s+[a-z]+", re.IGNORECASE)
#: What a thing can hold or do rather than what it did: "the reservoir can hold 12
#: billion litres", "a capacity of 400 beds", "the capacity of the plant was doubled to
#: 100 billion litres", or the word soon after the figure ("100 billion litres a year,
#: twice the original capacity"); not "storage capacity in an industry with sales of".
_CAN_BEFORE = re.compile(
    r"\b(?:can|could)\s+(?:\w+\s+)?(?:hold|take|seat|accommodate|carry|house|store|"
    r"treat|serve|process|produce|handle|generate|support)\b|\broom\s+for\b"
    r"|\bcapacit(?:y|ies)\s+(?:of|to|for|is|was|were|has|had|rose|grew|increased|doubled)\b",
    re.IGNORECASE)
_CAPACITY_AFTER = re.compile(r"[^.;:]{0,50}?\bcapacity\b", re.IGNORECASE)


def _earlier(text, start, clause):
    return bool(_EARLIER_OPENING.match(text, clause[0], start)
                or _may_hold(text, clause, _USED_WORDS) and _USED_TO.search(text, clause[0], start))


def _capacity(text, start, end, clause):
    return bool(_may_hold(text, clause, _CAN_WORDS) and _CAN_BEFORE.search(text, clause[0], start)
                or _CAPACITY_AFTER.match(text, end, clause[1]))


@functools.lru_cache(maxsize=4)
def _places(text):
    """The places a text names ("in Denmark", "across England and Wales"), read once."""
    places = {PLACE_ALIASES.get(p.lower(), p.lower()) for m in _PLACE.finditer(text)
              for p in m.group("place", "place2") if p}
    return sorted(p for p in places if p in PLACES or p.split()[0] in PLACES)


def scope_of(text, start, end, noun_end, partial, of_head, share=False):
    scope = []
    clause = _clause(text, start, end)
    if _supposed(text, start, end, clause) \
            or _COUNTERFACTUAL_BEFORE.search(text, max(clause[0], start - 48), start):
        scope.append("hypothetical")  # "if rolled out, 450 schemes"; not a clause apart
    if _may_hold(text, clause, _PLANNED_WORDS) and _PLANNED_BEFORE.search(text, clause[0], start):
        scope.append("planned")  # an aim, not an outcome: "aimed to train 1,000 teachers"
    if _earlier(text, start, clause):
        scope.append("earlier")  # a state since changed: "before the new rota, 61%"
    if _capacity(text, start, end, clause):
        scope.append("capacity")  # what it can hold, not what it held
    scope += _numbered(text, *clause)
    year = _year_of(text, start, end, clause)
    if year:
        scope.append(Scope.tag("year", year))
    scope += [Scope.tag("place", p) for p in _places(text)]
    rate = _RATE.match(text[noun_end:noun_end + 40])
    if rate:
        scope.append("rate")
        period = _PERIOD.search(rate.group(0))
        other = re.search(r"\b(?:per|an?)\s+([a-z]+)$", rate.group(0), re.IGNORECASE)
        if period:  # "300,000 a year" and "2,500 a week" are not one rate
            scope.append(Scope.tag("per", next(k for k, v in period.groupdict().items() if v)))
        elif other:  # "20 tests per cartridge", "5 tonnes a hectare"
            scope.append(Scope.tag("per", singular(other.group(1).lower())))
    head_start = text.rfind(" ", 0, noun_end) + 1
    some_members = (_MEMBERS_OF.match(text, head_start)
                    and not _DEFINITE_BEFORE.search(text, max(0, start - 8), start))
    example = (_EXAMPLE_BEFORE.search(text, max(0, start - 24), start)
               or _EXAMPLE_BRACKET.search(text, max(0, start - 120), start))
    if (partial or some_members or example or _PARTIAL_BEFORE.search(text, max(0, start - 24), start)
            or (_PART_OF_AFTER.match(text, end) and not share)  # "40% of those who ..."
            or _FIRST_PERIOD_AFTER.match(text, noun_end)
            or _may_hold(text, clause, _FIRST_WORDS)
            and _FIRST_PERIOD_BEFORE.search(text, clause[0], start)):
        scope.append("partial")  # "15 other countries", "the first five courts"
    if _TOP_BEFORE.search(text, max(0, start - 8), start) or _SELECTIVE.search(text, end, noun_end):
        scope.append("top")  # a selection by rank: "one of the top 5 projects", "5 key ones"
    if (_TOTAL_BEFORE.search(text, max(0, start - 48), start) or _TOTAL_AFTER.match(text, noun_end)
            or _TOTAL_OPENING.match(text, start, end)):
        scope.append("total")  # a sum: the figures it sums are smaller, not in conflict
    if _EACH_BEFORE.search(text, max(0, start - 30), start) or _EACH_AFTER.match(text, noun_end):
        scope.append("each")  # so many per item of a list, not the list's total
    if _AVERAGE.search(text, max(0, start - 16), end) or _ON_AVERAGE_AFTER.match(text, noun_end):
        scope.append("average")  # a mean, not a total: "an average of 2 million hits"
    statistic = _statistic(text, clause[0], start) \
        if _may_hold(text, clause, ("median", "average", "mean")) else ""
    if statistic:
        scope.append(Scope.tag("statistic", statistic))
    if of_head:
        scope.append(Scope.tag("of", of_head))
    return Scope(scope)


def forget():
    """Drop the lookups kept for the last few texts (clause breaks, brackets, years,
    conditions, places): the next text is read cold."""
    for cached in (_clause_breaks, _long_brackets, _year_spans, _conditions, _places,
                   _numbered, _folded):
        cached.cache_clear()
