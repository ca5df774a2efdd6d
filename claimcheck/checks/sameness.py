"""Whether two figures can be one quantity, read from their parse alone: the same kind, unit
and counted thing, scopes that agree (years, places, parts, rates), and the looser
readings (ranges, list items, durations, changes, bounds, years) and how they are graded.
conflicts.py weighs the pairs these rules let through."""

import math
import re

from claimcheck.checks import matching
from claimcheck.checks.context import Context
from claimcheck.checks.scale import SLIP_ODDS, distinctive, slip_of_scale
from claimcheck.parse import changes
from claimcheck.parse.lists import members
from claimcheck.parse.quantity import CHANGE_ENDS, CHANGE_ROLES, OPEN_END
from claimcheck.parse.relations import ITEM, OWN_NOUN
from claimcheck.parse.scope import within
from claimcheck.parse.words import MEASURE_UNITS, STOP_WORDS, TIME_UNITS, singular

#: The kinds of quantity compared.
KINDS = ("count", "percent", "money")
#: The matcher's probability (see matching.py) needed for each severity of a conflict
#: inside one document; across documents see grade(). Chosen on the training units'
#: planted conflicts and untouched case studies for the refitted matcher and reader
#: (docs/evaluation.md, "After 0.6.0"): medium from 0.3, the last step of a grid of cuts that
#: removed at least two false alarms for each conflict it lost (0.09 before, under a
#: matcher whose probabilities ran lower); high from 0.65, the lowest cut that keeps
#: high numeric conflicts at most 0.015 per untouched case study (half the goal of 0.03).
GRADES = {"high": 0.65, "medium": 0.3, "low": 0.06}
#: The grades of a pair the reader does not read (across documents, or against a cited
#: source), weighed by the matcher fitted without readings: 0.6.0's, as the planted
#: conflicts the grades above were chosen on are all within one document and read.
UNREAD_GRADES = {"high": 0.5, "medium": 0.09, "low": 0.06}
#: Counts of these are too generic to match on the noun alone: spans of time, units of
#: measure and words that count occasions rather than things.
GENERIC_HEADS = MEASURE_UNITS | frozenset(
    """
    year month week day hour minute second decade time per cent percent case item part way
    number point level times fold hr hrs yr yrs min mins sec secs dimension generation
    temperature
    """.split()
)


#: Heads that are units of time or measure: what such a figure counts is a span or a size.
UNIT_HEADS = TIME_UNITS | MEASURE_UNITS


def is_generic(head):
    """Spans of time, units of measure ("15M m3", "2.5 t"): recur by coincidence."""
    return head in GENERIC_HEADS or len(head) <= 2


def periods_meet(y1, y2):
    """Whether two (first, last) year spans share a year; two periods that only touch
    ("2008-09" and "2009-10", academic or financial years) are consecutive, not one."""
    if y1[1] < y2[0] or y2[1] < y1[0]:
        return False
    both_periods = y1[0] < y1[1] and y2[0] < y2[1]
    return not (both_periods and (y1[1] == y2[0] or y2[1] == y1[0]))


def place_part(q1, q2):
    """Whether q1 is tied only to places inside q2's ("in Scotland" against "in the
    UK"): then q1 counts a part of what q2 counts."""
    p1, p2 = q1.places, q2.places
    return bool(p1 and p2) and all(p2 & set(within(p)) for p in p1)


#: Kinds of figure that sum over time: a count or an amount over a period is at least
#: that over any time inside it. Shares and rates do not sum.
SUMMED = ("count", "money")


def period_part(q1, q2):
    """Whether q1 is tied to a period inside q2's ("1994 to 2007" within "between 1988
    and 2013"), both counts or amounts that sum over time: then q1 counts a part of what
    q2 counts. Only two closed periods: a single year ("up to 2009", "in 2008") or a
    period to this day ("since 2007") is as often the level reached, which does not sum
    ("35 staff")."""
    y1, y2 = q1.years, q2.years
    return (bool(y1 and y2) and y1 != y2 and y1[0] < y1[1] and y2[0] < y2[1] < OPEN_END
            and y2[0] <= y1[0] and y1[1] <= y2[1]
            and q1.kind in SUMMED and "rate" not in q1.scope and "rate" not in q2.scope)


#: The periods of rates that are totals over that time.
TIME_RATES = ("year", "month", "week", "day", "hour")


def per_unit(q):
    """Whether q is a rate per person or thing ("$3000 per patient", "2.5 t/ha"), which
    is never a total. A rate per year or week ("300,000 a year") may be the total of one."""
    return "rate" in q.scope and q.period not in TIME_RATES


def other_member(q1, q2):
    """Whether the two figures are said of different members of one numbered run ("the
    first trial" and "a second trial", "phase 1" and "phase 2")."""
    second = q2.members
    return any(run in second and second[run] != nth for run, nth in q1.members.items())


def pace_and_total(q1, q2):
    """Whether q1 is a pace over time ("200 a year") and q2, not one, a figure over a
    longer period ("1,400 since 2015", "from 2010 to 2014"): the total, not the pace."""
    years = q2.years
    return ("rate" in q1.scope and q1.period in TIME_RATES and "rate" not in q2.scope
            and bool(years) and years[1] > years[0])


def _scope_agrees(q1, q2, places=True, periods=True):
    both_parts = "partial" in q1.scope and "partial" in q2.scope
    item1, item2 = q1.scope.value(ITEM), q2.scope.value(ITEM)
    if item1 and item2 and item1 != item2:
        return False  # "Tornagrain (4,000 homes)" is not "Knockroon (750 homes)"
    same_item = bool(item1) and item1 == item2
    for q in (q1, q2):
        if ("partial" in q.scope and not both_parts) \
                or ("series" in q.scope and OWN_NOUN not in q.scope and not same_item):
            return False  # a part or one of several values in a list is not the whole
            # ("24, 48 and 72 hours"); an item naming its own thing is ("5 doctors and
            # 4 nurses"), and so is a part against a part ("including 24 PhD graduates"),
            # and one item against the same item of another list ("Tornagrain (4,000
            # homes), Knockroon (750 homes)" twice)
    if q1.scope.fact_marks() != q2.scope.fact_marks():
        return False  # "if half are lower, 450 schemes" is not a count of schemes, nor
        # "aimed to train 1,000" the number trained, "before the rota, 61%" the share
        # now, or "can hold 12 billion litres" what it held
    if other_member(q1, q2):
        return False  # "the first phase delivered 120 homes", "the second phase 180"
    if pace_and_total(q1, q2) or pace_and_total(q2, q1):
        return False  # "200 apprentices a year" is not "1,400 since 2015"
    y1, y2 = q1.years, q2.years
    if y1 and y2 and not periods_meet(y1, y2):
        return False  # tied to different years: growth or history, not a conflict
    if periods and (period_part(q1, q2) or period_part(q2, q1)):
        return False  # "30 articles from 1994 to 2007" are some of "40 from 1988 to 2013"
    if q1.period and q2.period and q1.period != q2.period:
        return False  # "300,000 a year" against "2,500 a week"
    if per_unit(q1) != per_unit(q2):
        return False  # "$3000 per patient" is an average or a price, "$122 million" a total
    if q1.kind == "percent" and bool(q1.period) != bool(q2.period):
        return False  # "1% of the stock each year" is a pace, "90% of the stock" a level
    s1, s2 = q1.scope.value("statistic"), q2.scope.value("statistic")
    if s1 and s2 and s1 != s2:
        return False  # "the median wait" is not "the mean wait"
    for mark in ("top", "each", "average"):
        if (mark in q1.scope) != (mark in q2.scope):
            return False  # "the top 5 projects" are not all of them, nor "60 each" or
            # "an average of 60" in all
    p1, p2 = q1.places, q2.places
    if places and p1 and p2 and not (p1 & p2):
        return False
    return True


def modifiers_agree(m1, m2):
    """Whether two counted nouns' restrictive modifiers name one thing: the same words,
    or, both having some, one's words among the other's ("seasonal visas" / "seasonal
    work visas") unless a word more is a participle ("participating"). A noun without
    modifiers against one with them ("students" / "PhD students") is a whole against a
    part, not one thing."""
    if m1 == m2:
        return True
    if not (m1 and m2):
        return False
    small, large = sorted((set(m1), set(m2)), key=len)
    return small <= large and not any(_PARTICIPLE.search(word) for word in large - small)


#: A modifier that selects those who did something ("the two participating local
#: authorities", "12 trained staff"): a part of what the noun alone counts.
_PARTICIPLE = re.compile(r"[a-z]{3}(?:ing|ed)$")


#: A range whose ends are at most this many times apart gives one quantity's bounds
#: ("15-20 universities"); a wider one describes a spread ("audiences of 20 to 200").
RANGE_SPREAD = 2


def estimate(q):
    """Whether a range gives the bounds of one quantity rather than a spread of values."""
    return q.low > 0 and q.high <= RANGE_SPREAD * q.low


def same_measure(q1, q2, places=True, periods=True):
    """same_quantity but for what is counted: one kind and unit, both levels (neither a
    step of a change nor the ends of a wide range), in one scope."""
    if q1.kind != q2.kind or q1.kind not in KINDS or q1.unit != q2.unit:
        return False
    if (q1.role in CHANGE_ROLES or q2.role in CHANGE_ROLES) \
            and not (q1.role == q2.role and q1.role in CHANGE_ENDS):
        return False  # a value in a stated change, not a level; but the end of one
        # change against the same end of another is ("from 5 to 100 employees" /
        # "from 5 to 65 employees")
    if any(q.qualifier == "range" and not estimate(q) for q in (q1, q2)):
        return False  # a wide range describes a spread ("audiences of 20 to 200")
    return _scope_agrees(q1, q2, places, periods)


#: Words passed over after a figure to reach the word it is a figure of.
_PASSED_OVER = frozenset({"of", "the", "a", "an", "such", "more", "further", "additional",
                          "new", "extra", "in", "per", "cent", "percent", "million",
                          "billion", "thousand", "m", "bn", "k"})
_NEXT_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]")


def next_noun(claim, q):
    """The first word after a figure, past little words ("sixty such sinkings",
    "£35 million worth of savings" -> "worth"), singular and lower case; "" at a mark, at
    a little word that names nothing ("1,900 were women"), and at "of" after a count or an
    amount ("twenty of the plots")."""
    for m in _NEXT_WORD.finditer(claim.text, q.end - claim.start):
        word = m.group(0).lower()
        if not word[0].isalpha():
            return ""
        if word == "of" and q.kind != "percent":
            return ""  # "twenty of the plots" are some of them
        if word in _PASSED_OVER:
            continue
        return "" if word in STOP_WORDS else singular(word)  # "1,900 were women": no name
    return ""


def same_surface(claim, q1, other, q2):
    """Two figures the parser reads as counting different things (or nothing) but that
    the words right after them name alike ("sixty such sinkings" and "over 100 such
    sinkings"), or two amounts of one currency at least one of which the parser reads as
    an amount of nothing ("a £12 million programme" and "£8 million funding"). Read this
    way, a pair is compared loosely (see loosely_read)."""
    if claim.doc != other.doc:
        return False  # too loose a reading to tie two documents together
    if same_quantity(q1, q2) or not same_measure(q1, q2):
        return False
    if unsaid_amount(q1, q2):
        return True
    if q1.head != q2.head and any(q.head in UNIT_HEADS for q in (q1, q2)):
        return False  # "2,500 volunteers" / "25,000 volunteer hours": a span or a measure
    word = next_noun(claim, q1)
    return bool(word) and word == next_noun(other, q2)


def same_quantity(q1, q2, places=True, periods=True):
    """Whether q1 and q2 could be one quantity at all: one kind, unit, counted noun (or
    kind of money, or share of one whole) and scope, and each a level rather than a step
    in a stated change or the ends of a range. How likely they are one is matching's
    to weigh."""
    if not same_measure(q1, q2, places, periods):
        return False
    if not q1.head or q1.head != q2.head:
        return False  # a saving and an investment are different money
    if q1.kind == "count":
        return modifiers_agree(q1.modifiers, q2.modifiers)
    if q1.kind == "percent":
        return q1.whole == q2.whole  # a share of what? Without it, shares cannot be matched
    return True


def _masked(claim):
    """The sentence's words and marks with its figures blanked: alike for lines of one
    table or list."""
    out, pos = [], claim.start
    for q in sorted(claim.quantities, key=lambda q: q.start):
        out.append(claim.text[pos - claim.start:q.start - claim.start])
        out.append(" # ")
        pos = q.end
    out.append(claim.text[pos - claim.start:])
    return _WORD_OR_MARK.findall("".join(out))


_WORD_OR_MARK = re.compile(r"\w+|[^\w\s]")


def parallel_lines(claim, other):
    """Two nearby sentences of one section that differ only in their figures and at most
    one word are rows of a table or items of a list ("54% of responses were more
    interested." / "34% of responses were more likely."), not two statements of one
    quantity."""
    if claim.doc != other.doc or claim.section != other.section \
            or abs(claim.start - other.start) >= 1500:
        return False
    words, others = _masked(claim), _masked(other)
    return len(words) == len(others) and sum(a != b for a, b in zip(words, others)) <= 1


#: Openings that turn to another instance of what the text before described.
_ANOTHER_INSTANCE = re.compile(
    r"\W*(?:similarly|likewise|conversely|in contrast|by contrast|in comparison|by comparison)\b",
    re.IGNORECASE)


def another_instance(claim, other):
    """A sentence that opens "Similarly," or "By contrast," gives its figures for another
    subject than the sentences before it in its section ("Ryoka's sales were £145,143.
    Similarly, Hongcam's sales were £82,705.")."""
    later = claim if claim.start > other.start else other
    return (claim.doc == other.doc and claim.section == other.section
            and bool(_ANOTHER_INSTANCE.match(later.text)))


def apart(claim, other):
    """Whether two sentences are kept apart whatever their words: rows of one table, or
    a sentence that turns to another subject."""
    return parallel_lines(claim, other) or another_instance(claim, other)


def pair_features(claim, q1, other, q2, sentence, context=None, local=None, contexts=None,
                  reading=None):
    """matching.features for two figures that could be one quantity. `contexts` are their
    masked_context texts and `local` how alike those are; either is worked out here when
    not given (`local` with the context's embedder)."""
    contexts = contexts or (matching.masked_context(claim, q1), matching.masked_context(other, q2))
    if local is None:
        local = (context or Context()).similarities([contexts])[0]
    generic = q1.kind == "count" and is_generic(q1.head)
    mentions = max(context.mentions(claim, q1), context.mentions(other, q2)) if context else 0
    return matching.features(claim, q1, other, q2, sentence, local, generic, contexts, mentions,
                             reading)


def grades_for(read):
    """The grades of a pair the reader read (or could have read), else UNREAD_GRADES."""
    return GRADES if read else UNREAD_GRADES


def grade(probability, one_document=True, named=False, read=True):
    """How sure the match is: "high", "medium", "low", or None for no finding.

    Across two documents the same wording is weaker evidence (two case studies may well
    count the farmers of two programmes in one phrase): a match there needs the two
    sentences to name something in common that few documents name (`named`, see
    Context.rare_name), and is taken a grade lower.
    """
    order = ("high", "medium", "low")
    grades = grades_for(read)
    severity = next((s for s in order if probability >= grades[s]), None)
    if severity is None or one_document:
        return severity
    if not named or severity == "low":
        return None
    return order[order.index(severity) + 1]


def agrees_in(q, sentence):
    """Whether the sentence gives q's quantity with a value that fits q: then the
    sentence restates q, and its other figures of that thing are other quantities
    ("15% of farmers benchmark" against "15% ... for the 85% of farmers that do not").
    A figure precise enough not to recur by chance ("£31.75M") is restated whatever
    noun it is read with, and so is a count given as a part of a whole ("15 of the 18
    provinces"), and so is an amount of nothing that another of the sentence's amounts
    gives ("€110,000 per ha" for "the value ... is €110,000 per ha")."""
    return any(matching.fit(q, other) and (same_quantity(q, other) or (
        q.kind == other.kind and q.unit == other.unit
        and (distinctive(q) or unsaid_amount(q, other))) or _part_named(q, other))
        for other in sentence.numeric)


def _part_named(q, other):
    """Whether `other` gives q's count as a part of a whole ("15 provinces" and "15 of
    Angola's 18 provinces"): the sentence names q's figure, and the whole beside it is
    another quantity."""
    return (q.kind == other.kind == "count" and "partial" in other.scope
            and (q.head, q.modifiers) == (other.head, other.modifiers))


def two_things(q1, q2):
    """Whether the parse reads the two figures as of two different things: both name
    what they count, and not the same."""
    return bool(q1.head and q2.head and q1.head != q2.head)


def restated_at_another_scale(q1, q2):
    """Whether one figure gives the other's digits at another scale (scale.slip_of_scale)
    and the parse does not read them as counts of two different things ("2,500
    volunteers" / "25,000 volunteer hours"): a slip of scale makes one quantity likelier,
    not two things one."""
    return slip_of_scale(q1, q2) and not two_things(q1, q2)


def match_probability(feats, q1, q2):
    """The matcher's probability that q1 and q2 are one quantity, its odds multiplied by
    SLIP_ODDS when one gives the other's digits at another scale
    (restated_at_another_scale)."""
    p = matching.probability(feats)
    if p < 1 and restated_at_another_scale(q1, q2):
        odds = SLIP_ODDS * p / (1 - p)
        p = odds / (1 + odds)
    return p


def part_exceeds_whole(q1, q2):
    """Whether one figure is for a place or a time inside the other's and is the larger,
    the two being otherwise one quantity: "9,600 a year in England" against "6,000 a
    year in the UK"; "45 schools in 2012" against "40 schools since 2008"."""
    for part, whole in ((q1, q2), (q2, q1)):
        if part.low > whole.high:
            if place_part(part, whole):
                return same_quantity(part, whole, places=False)
            if period_part(part, whole):
                return same_quantity(part, whole, periods=False)
    return False


def _part_and_whole(q1, q2):
    """(part, whole, "place" or "period") for two figures one of which is for a place or
    a time inside the other's, else None."""
    for part, whole in ((q1, q2), (q2, q1)):
        if place_part(part, whole):
            return part, whole, "place"
    for part, whole in ((q1, q2), (q2, q1)):
        if period_part(part, whole):
            return part, whole, "period"
    return None


#: A figure under this share of a stated total reads as one of its parts.
PART_SHARE = 0.5


def part_of_total(q1, q2):
    """Whether one figure is a stated total ("a combined audience of 435", "450 people in
    total") and the other, not one, is under half of it: one of the parts it sums ("59
    people saw it at Greenwich"), not a conflict. A figure nearer the total may be the
    total restated without the word ("over 10.2 million viewers watched the series"), so
    it is weighed as usual."""
    if slip_of_scale(q1, q2):
        return False  # a part seldom gives its total's digits at another scale
    for part, total in ((q1, q2), (q2, q1)):
        if "total" in total.scope and "total" not in part.scope \
                and part.high < PART_SHARE * total.low:
            return True
    return False


def comparable(claim, q1, other, q2):
    """Figures that could be one quantity and whose values do not fit, or a part larger
    than its whole: a conflict if neither sentence already gives the other's figure in
    agreement, nor names other members for it."""
    return ((same_quantity(q1, q2) and not q1.overlaps(q2) and not part_of_total(q1, q2))
            or part_exceeds_whole(q1, q2)) \
        and not agrees_in(q1, other) and not agrees_in(q2, claim) \
        and not other_members(claim, q1, other, q2)


def comparable_surface(claim, q1, other, q2):
    """Figures of one measure, the parser reading them as of different things (or of
    nothing), followed by the same word, whose values do not fit (see same_surface)."""
    return same_surface(claim, q1, other, q2) and not q1.overlaps(q2) \
        and not agrees_in(q1, other) and not agrees_in(q2, claim) \
        and not other_members(claim, q1, other, q2)


def other_members(claim, q1, other, q2):
    """Both figures name what they count and no name is shared: "Five centres
    (Newcastle, Cardiff, Guy's, Glasgow, Manchester)" and "the two centres, Dublin and
    Bristol" are two groups, not one counted twice."""
    first = members(claim.text, q1, claim.start)
    second = members(other.text, q2, other.start)
    return bool(first and second) and not ({m.lower() for m in first} & {m.lower() for m in second})


#: The matcher's probability that a loosely read pair (see loosely_read) needs to be
#: graded medium, when it is above the medium grade. On the tuning split's untouched case
#: studies, all 14 such pairs graded medium under 0.25 (with medium from 0.09) read as two
#: quantities ("eleven countries" of a list against "ten countries"; "1,500-2,000
#: members" against "about 500 members"), while the general-English conflicts of lists
#: and ranges found in development scored 0.38 to 0.48. Never high.
LOOSE_MEDIUM = 0.25


#: The matcher's probability that a pair read only from the word after its figures (see
#: same_surface) needs to be graded medium: the confidence that would make a pair read in
#: full high. The words must carry what the parse could not.
SURFACE_MEDIUM = GRADES["high"]


def unsaid_amount(q1, q2):
    """Two amounts of one currency, at least one read as an amount of nothing ("a £65
    million programme" / "more than £100 million"): nothing in their words says they are
    of different things, so they need only the medium grade of any pair, not
    SURFACE_MEDIUM (a word after the figures that may be an adjective: "three key
    areas" / "five key informants")."""
    return q1.kind == q2.kind == "money" and not (q1.head and q2.head)


def medium_from(q1, q2, how, read):
    """The matcher's probability from which a loosely read pair (see loosely_read) is
    graded medium."""
    if how == "surface" and not unsaid_amount(q1, q2):
        return SURFACE_MEDIUM
    return max(LOOSE_MEDIUM, grades_for(read)["medium"])


#: The matcher's probability from which a loosely read pair keeps a high grade (see
#: sure_despite_loose_reading). Chosen on the training units' planted conflicts and
#: untouched case studies: from 0.85, 12 judged conflicts more were high and no untouched
#: case study had a high finding more (docs/evaluation.md, "After 0.7.0: loose readings
#: the reader is sure of").
LOOSE_HIGH = 0.85


def sure_despite_loose_reading(q1, q2, how, probability):
    """Whether a loosely read pair (see loosely_read) the matcher is nearly sure of keeps
    its high grade: the reader has read the two clauses and found one quantity, which the
    parse's looseness does not gainsay. Not for two items of lists that name their own
    nouns (two lists of the same groups may be of two measures: "19 million children and
    16 million adults"), nor a pair read only from the word after its figures when the
    parse read two different nouns ("50 collaborative organisations" / "60 collaborative
    projects"), nor ranges (a spread, not one value)."""
    if probability < LOOSE_HIGH:
        return False
    if any(OWN_NOUN in q.scope or q.qualifier == "range" for q in (q1, q2)):
        return False
    return not (how == "surface" and two_things(q1, q2))


def loosely_read(q1, q2):
    """Whether either figure is a range or an item of a list (that names its own thing),
    or the two count things whose modifiers only include one another ("local
    authorities" / "participating local authorities"): compared, but graded at most
    medium, and medium only from LOOSE_MEDIUM. A list gives several groups at once, and
    two lists of the same groups ("19 million children and 16 million adults") may be of
    two measures; a modifier more may name a part."""
    return q1.modifiers != q2.modifiers or any(
        q.qualifier == "range" or OWN_NOUN in q.scope or duration(q) for q in (q1, q2))


def duration(q):
    """A count of spans of time with nothing to say what lasted ("five years"): the
    length of a programme, a study or a career, which a document gives for many things."""
    return q.kind == "count" and q.head in TIME_UNITS and not q.modifiers


#: A grade less sure: what a finding is shown at when a rule doubts the matcher's grade.
LESS_SURE = {"high": "medium", "medium": "low", "low": None}


def steps_comparable(claim, q1, other, q2):
    """Two sizes of changes of one measure that cannot both hold ("fell by 41%" against
    "fell by roughly one quarter"), neither sentence stating the other's change in
    agreement: (step1, step2), else None."""
    steps = changes.steps_at_odds(claim, q1, other, q2)
    if steps is None or changes.step_agrees_in(claim, q1, other) \
            or changes.step_agrees_in(other, q2, claim):
        return None
    return steps


def bounds_differ(q1, q2):
    """Two lower bounds ("over 100", "more than 150") or two upper bounds of what could be
    one quantity, with different values: both can hold, but the figure is stated
    differently."""
    if q1.value == q2.value or not same_quantity(q1, q2):
        return False
    return (q1.high == q2.high == math.inf) or (q1.qualifier == q2.qualifier == "under")


def _only_figure(claim):
    """The sentence's one quantity, when it has only one, else None."""
    return claim.quantities[0] if len(claim.quantities) == 1 else None


def years_differ(claim, q1, other, q2):
    """Two sentences that say one thing in the same words and differ only in the year
    they give it ("The trial was first run in 2008." / "... in 2010."): each sentence's
    only figure is a single year, and without it their words are the same."""
    if _only_figure(claim) is not q1 or _only_figure(other) is not q2:
        return False
    if q1.kind != "year" or q2.kind != "year" or q1.low != q1.high or q2.low != q2.high \
            or q1.value == q2.value or q1.role or q2.role:
        return False
    p1, p2 = q1.places, q2.places
    if p1 and p2 and not p1 & p2:
        return False
    words = matching.content_words(_blanked(claim, q1))
    return len(words) >= YEAR_WORDS and words == matching.content_words(_blanked(other, q2))


#: Words a sentence must give besides its year for two of them to be read as one event.
YEAR_WORDS = 3


def _blanked(claim, q):
    start, end = q.start - claim.start, q.end - claim.start
    return claim.text[:start] + claim.text[end:]
