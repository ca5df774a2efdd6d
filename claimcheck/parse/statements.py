"""Statements made of several quantities: a change ("grew fourfold, from 30 to 90"), a
list of parts adding up to a whole (named, or figures: "20,000 in Hull, 18,000 in York"),
a part of a whole ("500 of the 300 staff"), and the words around a figure. A count and
the list after it ("five hubs (Leeds, Bristol, Exeter)") is read in lists.py. Built on
quantities.py; the checks ask these functions.
"""

import re
from dataclasses import dataclass

from claimcheck.parse.lists import (
    _ALL_OF, _AND_GAP, _ITEM_SPLIT, _after_noun, _paren_after, enumeration,
)
from claimcheck.parse.counted import be_follows, category_end, noun_end
from claimcheck.parse.quantities import parse_quantities
from claimcheck.parse.quantity import CHANGE_ENDS, CHANGE_KINDS, Quantity
from claimcheck.parse.relations import CHANGE_LEAD, OF_THE_WHOLE, PART_OF_NEXT, SIGN_BEFORE
from claimcheck.parse.words import CHANGE_VERB, TIME_UNITS, WHERE_WORDS


@dataclass(frozen=True)
class Change:
    """A stated change: from one value to another, by an amount or a factor."""

    before: Quantity
    after: Quantity
    by: Quantity = None  # "by 25%", "an increase of six hours", "fourfold"
    direction: str = ""  # "up" or "down" when the wording says so


_CLAUSE_JOIN = re.compile(r"\b(?:and|while|whereas|thereby|which|but|so)\b|;")


def _ends(before, after):
    """The two ends of a change in the order they are written: "from 200 to 300", or "to
    300 from 200" for a change stated in reverse."""
    return (before, after) if before.start < after.start else (after, before)


def _same_clause(text, by, before, after, base):
    """The amount of a change belongs to the from/to only when nothing between them starts
    another clause ("grew fourfold, from 30 to 90", not "turnover rose by 400% and the
    workforce grew from 5 to 65")."""
    first, last = _ends(before, after)
    lo, hi = (by.end, first.start) if by.end <= first.start else (last.end, by.start)
    gap = text[lo - base:hi - base]
    if by.end > first.start:
        lead = CHANGE_LEAD.search(gap)  # the amount's own words: "(up 25%)", "a rise of 25%"
        if CHANGE_VERB.search(gap[:lead.start()] if lead else gap):
            return False  # "from 5 days to 4 increases the production by 20%": another change
    return len(gap) <= 40 and not _CLAUSE_JOIN.search(gap) and not (
        by.end <= first.start and re.search(r",\s*\w+\s+\w+\s+\w+", gap))


_DOWN = re.compile(r"\b(?:fell|fallen|fall|declin\w*|decreas\w*|dropp\w*|drop|reduc\w*|cut|"
                   r"halv\w*|shrank|shrunk|lower\w*|down)\b", re.IGNORECASE)


def _gap(text, by, before, after, base):
    """How far the amount of a change stands from its from/to pair, in characters (the
    pair's own "from" or "to" left out)."""
    first, last = _ends(before, after)
    if by.end <= first.start:
        return len(re.sub(r"\b(?:from|to)\s*$", "", text[by.end - base:first.start - base]))
    return by.start - last.end


def _states_amount(q, before, after, text, base):
    """Whether q may state the amount of a change: a multiplier, "by 25%", "a 25% rise",
    "rose 25%", or "an increase of six hours" (before the pair, or after a word of change)."""
    return q.kind == "multiplier" or q.role == "by" or (q.role == "of" and (
        q.start < min(before.start, after.start) or CHANGE_LEAD.search(text, 0, q.start - base)))


def parse_changes(text, quantities=None, base=0):
    """Every change a sentence states, in order: a from/to pair with an amount in its
    clause ("rose by 25%, from 200 to 300"; "... to 342,000; loans rose by 50%, from £4bn
    to £6bn"; in reverse, "rose by 50% to £6bn from £4bn"). An amount between two pairs
    belongs to the nearer one ("revenue rose from £6m to £15m with a tripling of staff from
    35 to 100"); a pair with two amounts ("up 280%, quadrupling from 2.6m to 9.8m") is one
    change for each. `quantities`, if given, are the sentence's quantities with offsets
    shifted by `base`."""
    qs = quantities if quantities is not None else parse_quantities(text, base)
    if not CHANGE_VERB.search(text):
        return []
    pairs = []
    for i, before in enumerate(qs):
        if before.role != "from" or before.kind not in CHANGE_KINDS:
            continue
        after = next((q for q in qs[i + 1:] if q.role in CHANGE_ENDS), None)
        if after is None or after.role != "to":  # "rose to 300 from 200"
            after = next((q for q in reversed(qs[:i]) if q.role in CHANGE_ENDS), None)
            if after is not None and any(after is end for pair in pairs for end in pair):
                after = None  # "from 10 to 20 ... from 30": the "to" has its "from"
        if after is not None and after.role == "to" and after.kind == before.kind:
            pairs.append((before, after))
    ends = {id(q) for pair in pairs for q in pair}
    changes = []
    for by in qs:
        if id(by) in ends:
            continue
        mine = [(_gap(text, by, *pair, base), pair) for pair in pairs
                if _states_amount(by, *pair, text, base) and _same_clause(text, by, *pair, base)]
        if mine:
            before, after = min(mine, key=lambda m: m[0])[1]
            changes.append(Change(before, after, by, _direction(text, by, before, after, base)))
    return sorted(changes, key=lambda c: (c.before.start, c.by.start))


#: A sign in brackets right before the amount of a change: "(+25%)", "(−25%)".
_SIGN = re.compile(rf"{SIGN_BEFORE}\s*$")


def _direction(text, by, before, after, base):
    """ "down" when the amount's sign ("(−25%)") or, without one, a word of the change's
    own clause says so, else "up"."""
    sign = _SIGN.search(text, max(0, by.start - base - 4), by.start - base)
    if sign:
        return "up" if sign.group("sign") == "+" else "down"
    first, last = _ends(before, after)
    lo = min(by.start, first.start) - base
    clause_start = max([m.end() for m in _CLAUSE_JOIN.finditer(text, 0, lo)] + [text.rfind(",", 0, max(0, lo - 25)) + 1, 0])
    return "down" if _DOWN.search(text, clause_start, last.end - base) else "up"


def parse_change(text, quantities=None, base=0):
    """The first change a sentence states (see parse_changes), or None."""
    return next(iter(parse_changes(text, quantities, base)), None)


@dataclass(frozen=True)
class Parts:
    """A sentence that lists the parts of a whole: counted groups and named items."""

    total: float  # what the parts add up to
    groups: tuple  # the counted groups, as Quantities
    named: tuple  # the items named singly ("Australia", "New Zealand")
    start: int  # offset of the list's first part (with base)


def list_of_parts(text, quantities, base=0):
    """Read "in seven European countries (A, ..., G), three North American locations
    (X, Y, Z), Australia and New Zealand" as parts adding up to 12, or None.

    Every counted group must list exactly as many items as its count, so only lists that
    are closed and consistent in themselves are read as parts.
    """
    counts = [q for q in quantities if q.kind == "count" and not q.qualifier and q.noun]
    groups, end = [], None
    for q in counts:
        items = enumeration(text, q, base)
        if items is None or len(items) != q.value:
            continue
        if groups and not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[end:q.start - base]):
            return None  # the groups must be adjacent items of one list
        groups.append(q)
        _, end = _paren_after(text, q.end - base + len(q.noun) + 1)
        if end == q.end - base + len(q.noun) + 1:
            return None
    if not groups:
        return None
    tail = re.compile(r"\s*,?\s*(?:and\s+)?([^.;:()\[]{2,200})").match(text, end)
    named = ()
    if tail:
        names = [n.strip() for n in _ITEM_SPLIT.split(tail.group(1)) if n.strip()]
        named = tuple(n for n in names if all(w[:1].isupper() for w in n.split()) and len(n.split()) <= 4)
        if len(named) != len(names):
            named = ()
    if len(groups) + len(named) < 2:
        return None
    total = sum(g.value for g in groups) + len(named)
    return Parts(total, tuple(groups), named, groups[0].start)


@dataclass(frozen=True)
class Breakdown:
    """Figures listed as the parts of one amount: "20,000 in Hull, 18,000 in York and
    10,000 in Leeds", and the amount they break down when the sentence ties it to them
    ("52,000 visitors: ...", "240 respondents, comprising ...", "80 people, including ...")."""

    items: tuple  # the listed figures, as Quantities
    head: str  # what they count, or the kind of money
    low: float  # what the items add up to, at the least and at the most
    high: float
    text: str  # the list as written
    total: Quantity = None
    #: Whether the items are all of the total (a colon, brackets, "comprising"), or may
    #: be some of it ("including", "of whom"): then they can only fall short of it.
    whole: bool = True
    #: Whether some of the total may be counted in two items: groups a sentence that opens
    #: on the whole says its members are ("Of the 3,200 learners, 1,900 were women and
    #: 1,500 were men"), which may overlap ("... were parents ... were carers").
    may_overlap: bool = False


#: After the last item of a list, the setting it is given for: "... and 10,000 in Leeds".
_SETTING = re.compile(r"\s+(?:in|at|from|on|for|by|of(?!\s+(?:whom|which|them|these|those)\b))"
                      r"\s+(?:(?!\s(?:and|or)\s|\s\d)[^,;:.()\[]){1,40}"
                      rf"|\s+(?:{'|'.join(sorted(WHERE_WORDS))})\b")


#: Between a total and the list that breaks it down: "52,000 visitors: ", "280 units (",
#: "240 respondents, which comprised ", or, with parts that may leave some out, "80 people
#: were interviewed, including " and "80 staff, of whom ".
_BEFORE_LIST = re.compile(
    r"[^.;:()]{0,60}?(?:(?P<whole>[:(]|,?\s*(?:which\s+)?(?:comprised|comprises|comprise|"
    rf"{_ALL_OF}|consisted\s+of|made\s+up\s+of|split\s+into|divided\s+into)\b:?)|"
    r"(?P<some>,?\s*(?:including|includ(?:ed|es)|of\s+whom|of\s+which)\b:?))\s*")
_OPENS_LIST = re.compile(r"\s*[:(]\s*")


#: Between that whole and its first part: its noun and a short clause, then a comma.
_AFTER_WHOLE = re.compile(r"[^.;:()\[]{0,80}?,\s*")


#: A total set off by a comma before parts given by setting alone: "40 audiences, ".
_APPOSED = re.compile(r"\s*,\s*")


def _breakdown_item(q):
    """Whether q can be an item of a breakdown. A part ("partial") can, but only of a
    total whose parts may leave some out: "80 people, including 50 patients and 25 carers"."""
    return (q.kind in ("count", "money") and "series" in q.scope and not q.role
            and not {"each", "top", "total"} & set(q.scope) and q.head not in TIME_UNITS)


def _tied_total(text, before, run, base):
    """The figure before a list that the wording ties to it as its total, with whether the
    list is all of it and whether its items may overlap: (total, whole, may_overlap), or
    (None, True, False). A total is never smaller than a part ("35 patients at three
    sites (19 in Leeds and 16 in York)": the 35), and when the parts count one thing it is
    the total's thing. After a sentence that opens on the whole, only groups its members
    are said to be ("1,900 were women") are its parts: not what they did ("1,900 attended
    evening classes and 1,500 attended weekend classes", which may be the same people)."""
    largest = max(q.value for q in run)
    heads = {q.head for q in run if q.head}
    for q in reversed(before):
        if q.value < largest:
            continue  # "three sites (19 in Leeds and 16 in York)": not their total
        if OF_THE_WHOLE.match(text[:q.start - base]) and _AFTER_WHOLE.fullmatch(
                text, q.end - base, run[0].start - base):
            if all(be_follows(text, p.end - base) for p in run):
                return q, False, True  # "Of the 120 staff who replied, 70 were nurses and ..."
            return None, True, False
        m = _BEFORE_LIST.fullmatch(text, q.end - base, run[0].start - base)
        if m is None:
            continue
        worded = m.group("some") or m.group("whole").strip(" ,:(")  # "comprising", "including"
        if len(heads) == 1 and q.head not in heads and not worded:
            return None, True, False  # "52,000 visitors: 20,000 schools" is not a breakdown
        return q, not m.group("some"), False
    return None, True, False


def breakdowns(text, quantities, base=0):
    """The lists of figures in a sentence that break one amount into parts, as
    Breakdowns. Items are the figures the parser marks as one list, of one kind and
    unit, tied to one year (or none): "40 in 2010, 55 in 2011" is a series in time, not
    parts of a whole. Items that count different things ("52 girls and 38 boys") are
    parts only of a total the wording ties to them ("90 children (52 girls and 38
    boys)")."""
    runs, run = [], []
    for q in quantities:
        if _breakdown_item(q) and run and q.kind == run[-1].kind and q.unit == run[-1].unit \
                and q.years == run[0].years:
            run.append(q)
            continue
        runs.append(run)
        run = [q] if _breakdown_item(q) else []
    runs.append(run)
    out = []
    for run in (r for r in runs if len(r) >= 2):
        before = [q for q in quantities if q.end <= run[0].start
                  and q.kind == run[0].kind and q.unit == run[0].unit]
        ends = [_item_end(text, q, base) for q in run]
        total, whole, may_overlap = _tied_total(text, before, run, base)
        after = _total_after(text, quantities, run, ends[-1], base) if total is None else None
        if after is not None:
            total = after  # "..., 90 in Hull, a total of 480 tutors"
        elif total is None and _OPENS_LIST.fullmatch(text, ends[0], run[1].start - base):
            total, run, ends = run[0], run[1:], ends[1:]  # "280 units (9 units of X, ...)"
        elif (total is None and len(run) >= 3 and _APPOSED.fullmatch(text, ends[0], run[1].start - base)
              and ends[0] == _after_noun(text, run[0], base) and not any(q.noun for q in run[1:])):
            total, run, ends = run[0], run[1:], ends[1:]  # "40 audiences, 22 in the UK and 18 overseas"
        elif total is None and len(run) >= 3 and _adds_up(run[0], run[1:]):
            total, run, ends = run[0], run[1:], ends[1:]  # "40 audiences 22 in the UK and 18 overseas"
        if any("partial" in q.scope for q in run) and (total is None or whole):
            continue  # "the first 20 schools and 30 more": parts of no total given
        mixed = len({q.head for q in run if q.head}) > 1
        if mixed and total is None:
            continue  # "40 schools and 300 pupils": two counts, not the parts of one
        head = total.head if total is not None and (mixed or not run[0].head) else run[0].head
        named = all(q.noun or end > q.end - base for q, end in zip(run, ends))
        if not head or len(run) < 2 or not named:
            continue  # "(5 and 6)" cites; "300 in Ireland" and "9 units of X" are parts
        if not all(_AND_GAP.fullmatch(text, end, q.start - base) for end, q in zip(ends, run[1:])):
            continue  # items of one list, not figures in brackets here and there
        if after is None and not re.match(r"\s*(?:[.;)]|$)", text[ends[-1]:]):
            continue  # "..., 200 in Czech Republic and the remainder in the UK": not all given
        if total is None:  # "families (n = 403) were recruited: 253 in the UK, ..."
            total = next((q for q in reversed(before) if _adds_up(q, run)), None)
        out.append(Breakdown(tuple(run), head, sum(q.low for q in run), sum(q.high for q in run),
                             text[run[0].start - base:ends[-1]].rstrip(), total, whole, may_overlap))
    return out


#: Between the last part and a total given after the parts: "..., 90 in Hull, a total of
#: 480 tutors", "... 90 in Hull (480 in all)", ", making 100 clubs in total", ", bringing
#: the total to 6,900".
_BEFORE_TOTAL = re.compile(r"\s*(?:[,:(]|[–—-])\s*(?:(?:making|giving|for|bringing\s+the\s+total\s+to)\s+)?")
#: After that total: at most a few words ("tutors in total"), then the end of the
#: sentence or of the bracket.
_TOTAL_END = re.compile(r"[^.;()\[]{0,30}?(?:[.;)]|$)")


def _total_after(text, quantities, run, end, base):
    """The total given right after the parts it adds up ("250 tutors in Leeds, 180 in York
    and 90 in Hull, a total of 480 tutors"), the parts ending at `end`; None when there
    is none. The parser marks it a total; when the parts count one thing, it counts that
    thing too, or leaves its noun out."""
    gap = _BEFORE_TOTAL.match(text, end)
    total = gap and next((q for q in quantities if q.start - base == gap.end()), None)
    if total is None or "total" not in total.scope or (total.kind, total.unit) != (run[0].kind, run[0].unit):
        return None
    heads = {q.head for q in run if q.head}
    if total.head and len(heads) == 1 and total.head not in heads:
        return None
    after = noun_end(text, total.end - base, total.noun) or total.end - base
    return total if _TOTAL_END.match(text, after) else None


def _adds_up(total, items):
    """Whether the items' figures can sum to the total's, each as rounded as written."""
    return sum(q.low for q in items) <= total.high and total.low <= sum(q.high for q in items)


def _item_end(text, q, base):
    """Where an item of a list ends: after its noun and the setting it is given for
    ("9 units of IOX1", "25,000 in Tanzania", "1,900 were women", "60 were primary")."""
    pos = (noun_end(text, q.end - base, q.noun) or (not q.noun and category_end(text, q.end - base))
           or q.end - base)
    setting = _SETTING.match(text, pos)
    return setting.end() if setting else pos


_WORD = re.compile(r"\S+")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z0-9&-]*[A-Z0-9][A-Za-z0-9&-]*\b|(?<=\s)[A-Z][a-z]{2,}\b")


def names(text):
    """Words that name something (capitalised inside the sentence, or written in
    capitals), lower case, each with its first spelling: {"nanoco": "Nanoco"}."""
    found = {}
    for m in _NAME.finditer(text):
        found.setdefault(m.group(0).lower(), m.group(0))
    return found


def local_context(text, q, base=0, words=8):
    """The words around a quantity (up to `words` either side, within its sentence):
    what a reader looks at to tell whether two figures are the same figure."""
    start, end = q.start - base, q.end - base
    before = [m.group(0) for m in _WORD.finditer(text, 0, max(0, start))][-words:]
    after = [m.group(0) for m in _WORD.finditer(text, min(len(text), end))][:words]
    return " ".join(before + [text[start:end]] + after)


def parts_of_wholes(quantities):
    """(part, whole) pairs written "N of the M staff" or "N out of M", as the parser marks
    them: the part is a count of some of the whole's members."""
    counts = [q for q in quantities if q.kind == "count"]
    return [(a, b) for a, b in zip(counts, counts[1:]) if PART_OF_NEXT in a.scope]
