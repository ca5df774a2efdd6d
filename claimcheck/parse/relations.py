"""What the quantities of one sentence say together: items of a series, a part of the
whole after it, shares of one whole, decades, and the roles of figures around a change
("from 12 to 40", "by 45%")."""

import functools
import re

from claimcheck.parse.counted import category_end, noun_end, of_phrase
from claimcheck.parse.masks import _WORD_CHAR, _inside
from claimcheck.parse.openings import Near
from claimcheck.parse.quantity import CHANGE_ENDS, CHANGE_KINDS, Quantity
from claimcheck.parse.scope import LIST_GAP, PART_OF
from claimcheck.parse.words import CHANGE_VERB, TIME_UNITS


#: "15 councillors, two of whom were elected": the second figure is a part of the first,
#: not the next item of a list.
_OF_WHOM_AFTER = re.compile(r"\s+of\s+(?:whom|which|them|these|those)\b", re.IGNORECASE)
#: A sentence that opens on the whole its figures are parts of: "Of the 120 staff who
#: replied, 70 were nurses ...", "Among these 40 schools, ...".
OF_THE_WHOLE = re.compile(r"\s*(?:Of|Among|From)\s+(?:the|these|those|all(?:\s+the)?|its|their)\s+"
                          r"(?:[A-Za-z-]+\s+){0,2}$")


#: "253 families in the UK, 114 in Germany": a place or setting, then the next item.
_LIST_SETTING_GAP = re.compile(r"\s+(?:in|at|from|on)\s+[^,;.()]{1,40}?(?:,|;|,? and|,? or)\s*$")


def _mark_series(text, quantities):
    """Mark quantities that are items of a list ("24, 48 and 72 hours"; "7 million
    children and 18.7 million adults"): each is one of several values, not a total."""
    members, links = set(), set()  # links: (id, id) pairs, looked up once per item
    for a, b in zip(quantities, quantities[1:]):
        if a.kind == b.kind and a.kind in ("count", "percent", "money") and (
                (a.head in TIME_UNITS) == (b.head in TIME_UNITS)):  # not "over 20 years, 500 people"
            grouped = _grouped(text, a)
            if bool(grouped) != bool(_grouped(text, b)):
                continue  # "... including 400 nurses and 150 doctors, and 300 were non-clinical"
            gap = text[noun_end(text, a.end, a.noun) or grouped or a.end:b.start]
            if _OF_WHOM_AFTER.match(text, b.end):
                continue  # "15 councillors, two of whom ...": a part, not an item
            if (a.kind != "percent" and OF_THE_WHOLE.match(text[:a.start])
                    and gap.rstrip().endswith(",")):
                continue  # "Of the 120 staff who replied, 70 ...": the whole, then its parts
            if LIST_GAP.match(gap) or (len(gap) < 60 and a.head and a.head == b.head) or (
                    not b.noun and _LIST_SETTING_GAP.match(gap)  # the next item's noun left out
                    and of_phrase(text, b.end) is None):  # "..., 30 of whom": a part
                members.update((id(a), id(b)))
                links.add((id(a), id(b)))
    if not members:
        return quantities
    runs = _runs(quantities, links)
    own, labels = _own_nouns(runs), _labels(text, runs)
    out = [Quantity(**{**q.__dict__, "scope": q.scope + (("series", OWN_NOUN) if id(q) in own
                                                         else ("series",)) + labels.get(id(q), ())})
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


def _grouped(text, q):
    """Where "60 were primary" ends, for a count that names its group after a be-verb
    rather than a noun of its own; None for any other figure."""
    return category_end(text, q.end) if q.kind == "count" and not q.noun else None


#: The scope mark of a list item that names its own counted thing, unlike every other
#: item of its list ("5 doctors and 4 nurses"): a count in its own right, not one of
#: several values of one thing ("24, 48 and 72 hours").
OWN_NOUN = "own-noun"


def _runs(quantities, links):
    """The lists of a sentence: runs of two or more linked quantities."""
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
    return runs


#: The scope label of an item of a list given in brackets after its own name
#: ("Tornagrain (4,000 homes), Knockroon (750 homes)"): "item:tornagrain".
ITEM = "item"
#: A name right before the bracket a figure opens: "Tornagrain (", "North Yorkshire (".
_ITEM_NAME_BEFORE = re.compile(r"\b([A-Z][\w'’&.-]*(?:\s+(?:of\s+)?[A-Z][\w'’&.-]*){0,3})\s*\(\s*$")


def _labels(text, runs):
    """{id: (tag,)} for the items of lists in which every item opens a bracket after a
    name of its own, each a different one: the name says which item a figure is, so that
    two lists of the same items compare item by item."""
    labels = {}
    for run in runs:
        names = []
        for q in run:
            m = _ITEM_NAME_BEFORE.search(text, max(0, q.start - 60), q.start)
            names.append(m.group(1).lower() if m else None)
        if all(names) and len(set(names)) == len(names):
            labels.update((id(q), (f"{ITEM}:{name}",)) for q, name in zip(run, names))
    return labels


def _own_nouns(runs):
    """The ids of the items of lists (runs of linked quantities) in which every item is
    a count or an amount naming its own thing, each a different one."""
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
        elif not b.noun and a.head and _PART_NEXT.fullmatch(text, a.end, b.start) \
                and _OF_WHOM_AFTER.match(text, b.end):
            # "600 acres, 150 of which are woodland": the part counts acres too
            scope = b.scope if "partial" in b.scope else b.scope + ("partial",)
            out[j] = Quantity(**{**b.__dict__, "head": a.head, "noun": a.noun,
                                 "modifiers": a.modifiers, "scope": scope})
    return out


#: Between a count and a part of it that leaves its noun out: "600 acres, " before "150
#: of which".
_PART_NEXT = re.compile(r"\s+[^\s,;.()]+(?:\s+[^\s,;.()]+){0,3}?,\s*")


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
#: Verbs whose "up" or "down" makes a verb of its own, not a change: "make up over 90% of
#: the stock", "took up 30% of the budget", "adds up to 40".
_NOT_PHRASAL = "".join(rf"(?<!{verb} )" for verb in """
    make makes made making take takes took taken taking add adds added adding
    sum sums summed summing use uses used using""".split())
#: Words right before a figure that make it the amount of a change without "by": "rose
#: 25%", "(up 25%)", "an increase of 25%", a sign in brackets.
_CHANGE_LEAD_WORDS = (
    rf"\b(?:rose|risen|grew|grown|increased|decreased|fell|fallen|declined|dropped|jumped|"
    rf"climbed|improved|reduced)|{_NOT_PHRASAL}\b(?:up|down)|\b{_CHANGE_NOUNS}\s+of|"
    rf"{SIGN_BEFORE}")
CHANGE_LEAD = re.compile(rf"(?:{_CHANGE_LEAD_WORDS})\s*$", re.IGNORECASE)
#: CHANGE_LEAD in the window before a figure, searched from where its words open.
CHANGE_LEAD_BEFORE = Near(CHANGE_LEAD, _CHANGE_LEAD_WORDS, symbols="(")


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
    return bool(CHANGE_NOUN_AFTER.match(text, end)
                or CHANGE_LEAD_BEFORE.search(text, max(0, start - 30), start))


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
                (r.role for r in reversed(quantities[max(0, i - 2):i]) if r.role in CHANGE_ENDS),
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


def forget():
    """Drop the change verbs kept for the last few texts: the next text is read cold."""
    _first_change_verb.cache_clear()
