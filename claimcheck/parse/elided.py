"""What a bare count counts when its noun is left out ("The trust installed 40 chargers
in 2022. It put in 26 at its hospital sites"): the noun of the count before it, in its
own sentence or the one just before. Only a count followed by a verb, a preposition or a
mark, not a label or a code ("level 3", "(12)", "1. ... 2. ...", "3) ... and 4) ...",
"no. 507382", "2005-09", "by 2100", a footnote's "'7"), not one of a run of numbers, not one whose noun
is named before it ("the number of donors hit 1212"), and not a part ("another 3,000",
"including 12", "of these, 150": a part of a whole it does not give)."""

import re
from dataclasses import replace

from claimcheck.parse.quantity import CHANGE_ROLES
from claimcheck.parse.words import TIME_UNITS

#: What stands before a number that labels rather than counts: a capitalised word, a
#: bracket or sign, or a word that numbers things.
_LABEL_BEFORE = re.compile(
    r"(?:(?-i:[A-Z])[\w.]*|[(\[#§]|\b(?:level|phase|stage|years?|aged?|age\s+of|top|number|no\.|"
    r"table|figure|page|p\.|grade|key|group|round|wave|part|section|chapter|item|step|"
    r"ward|room|route)\s*)\s*$", re.IGNORECASE)
#: Words before a count that make it a part of something: "another 3,000", "including 12".
_PART_BEFORE = re.compile(
    r"\b(?:further|another|other|more|additional|remaining|rest|some|including|includes|"
    r"included|such\s+as|among|of\s+(?:these|them|which|whom|those))\b[\w\s,]{0,12}$",
    re.IGNORECASE)
#: What may follow a count whose noun is left out: a mark, a be-verb, a preposition, or a
#: verb of making or counting ("2020 saw 8,000 planted").
_AFTER = re.compile(
    r"\s*(?:[,;:]|\.?\s*$|(?:were|was|are|is|have|has|had|will|would|at|to|in|on|for|from|"
    r"across|over|during|planted|installed|fitted|added|built|opened|carried|made|sold|"
    r"taken|given|held|seen|treated|recruited|trained|joined|enrolled)\b)", re.IGNORECASE)
#: A noun named before its count in the sentence: "the number of donors ... hit 1212".
_NAMED_BEFORE = re.compile(r"\b(?:number|total|count|tally)\s+of\b", re.IGNORECASE)
#: A number that reads as a code or a year: five digits or more without a separator, a
#: leading zero ("09"), or four digits that could be a year ("by 2100", "up to 2010").
_CODE = re.compile(r"\d{5,}|0\d+|(?:1\d|2[01])\d\d")
#: Sentences at most this many characters apart follow one another.
_ADJACENT = 3


def bare(sentence, base, q):
    """Whether the count q (in `sentence`, which starts at offset `base`) names nothing
    and reads as a count whose noun is left out."""
    if q.kind != "count" or q.head or q.noun or q.value < 2 or q.value != int(q.value) \
            or q.qualifier == "range" or q.role in CHANGE_ROLES or "series" in q.scope:
        return False  # "Animal Welfare, 20, 433-438": one of a run of numbers
    at, end = q.start - base, q.end - base
    if (at and not sentence[at - 1].isspace()) or _CODE.fullmatch(q.text):
        return False  # "'7", "2005-09", "contract no. 507382": a mark, a year, a code
    if _inside(sentence, at, "(", ")") or _inside(sentence, at, "[", "]"):
        return False  # "(2.1, 2.2)", "[3]": references and labels
    return not (_LABEL_BEFORE.search(sentence, max(0, at - 12), at)
                or _PART_BEFORE.search(sentence, max(0, at - 30), at)
                or _NAMED_BEFORE.search(sentence, 0, at)) \
        and bool(_AFTER.match(sentence, end))


def _inside(text, at, opening, closing):
    """Whether text[at] stands inside brackets opened before it."""
    return text.rfind(opening, 0, at) > text.rfind(closing, 0, at)


def _counted(quantities):
    return [q for q in quantities
            if q.kind == "count" and q.head and q.head not in TIME_UNITS and "rate" not in q.scope]


def recover_heads(claims):
    """The claims, in order, each bare count given the noun of the last count before it
    in its sentence or in the sentence just before (claims of one text, in order)."""
    out, before = [], None
    for claim in claims:
        quantities = list(claim.quantities)
        for i, q in enumerate(quantities):
            if not bare(claim.text, claim.start, q):
                continue
            earlier = _counted(quantities[:i])
            if not earlier and before is not None and 0 <= claim.start - before.end <= _ADJACENT:
                earlier = _counted(before.quantities)
            if earlier:
                quantities[i] = replace(q, head=earlier[-1].head, modifiers=earlier[-1].modifiers)
        if quantities != list(claim.quantities):
            claim = replace(claim, quantities=tuple(quantities))
        out.append(claim)
        before = claim
    return out
