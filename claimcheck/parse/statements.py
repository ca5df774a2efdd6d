"""Statements made of several quantities: a change ("grew fourfold, from 30 to 90"), a
count and the list after it ("five hubs (Leeds, Bristol, Exeter)", or one item a line
below "five hubs:"), a list of parts adding up to a whole (named, or figures: "20,000 in
Hull, 18,000 in York"), a part of a whole ("500 of the 300 staff"), and the words around
a figure. Built on quantities.py; the checks ask these functions.
"""

import re
from dataclasses import dataclass

from claimcheck.parse.quantities import parse_quantities
from claimcheck.parse.quantity import CHANGE_KINDS, Quantity
from claimcheck.parse.relations import CHANGE_LEAD, PART_OF_NEXT, SIGN_BEFORE
from claimcheck.parse.sentences import split_sentences
from claimcheck.parse.words import CHANGE_VERB, STOP_WORDS, TIME_UNITS, WHERE_WORDS

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
        after = next((q for q in qs[i + 1:] if q.role in ("from", "to")), None)
        if after is None or after.role != "to":  # "rose to 300 from 200"
            after = next((q for q in reversed(qs[:i]) if q.role in ("from", "to")), None)
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


# --- enumerations -----------------------------------------------------------------------

#: Words that end a list without closing it: "...; and the like", "etc.".
_OPEN_ENDS = r"etc|and others|and so on|and the like|inter alia"
_OPEN_LIST = re.compile(
    r"\b(?:e\.g\.?|eg|including|includes|include|such as|for example|for instance|among|"
    rf"amongst|{_OPEN_ENDS}|notably|like)\b",
    re.IGNORECASE,
)
#: What separates the items of a list: commas, "and", and the bullets and boxes that
#: stand in for them in text taken from PDFs ("Labtrix□ KiloFlow").
_GLYPHS = "□■▪•·"
_ITEM_SPLIT = re.compile(rf"\s*(?:,|;|\band\b|&|[{_GLYPHS}|])\s*(?:and\s+)?")


#: Words that say a list is all of what is counted: "(namely Leeds and York)", "240
#: respondents, comprising ...".
_ALL_OF = r"comprising|consisting\s+of|namely"
#: Words that open a list without being part of it: "(namely Leeds and York)".
_LIST_OPENER = re.compile(rf"\s*(?:{_ALL_OF}|i\.\s?e\.?|viz\.?)\s+", re.IGNORECASE)
#: First words of a bracket or colon phrase that describes what is counted instead of
#: listing it: a function word other than an article ("(split between the Netherlands
#: and UK)", "(from coffee and tea)", "(mainly rural and poor)", "questions: how should we
#: ..."), or a participle with its preposition ("(based in Leeds and York)").
_DESCRIBING_WORDS = (STOP_WORDS - {"a", "an", "the"}) | frozenset(
    """either mainly mostly largely primarily chiefly predominantly partly respectively
    usually how why whether see cf totalling totaling worth funded led based split divided
    corresponding covering involving representing excluding plus several others fewer
    together alongside""".split())
_PARTICIPLE = re.compile(r"[a-z]\w*(?:ed|ing)\s+(?:in|at|by|to|with|from|on|for|as|into|under)\b")


def _describes(item):
    """Whether a list item opens as a description, not a name or a thing."""
    first = item.split()[0]
    return first in _DESCRIBING_WORDS or bool(_PARTICIPLE.match(item))


#: A list's items are names or short phrases; a longer item is a clause, not an item,
#: unless semicolons or numbers set the items apart (see _semicolon_items).
MAX_ITEM_WORDS = 6
#: What an item is trimmed of: spaces, stops and quotation marks.
_ITEM_TRIM = " .'\"‘’“”`"
#: After a colon, a list of two with no comma must be short: "three strands: data
#: collection and data analysis", not "six questions: how should we understand ...".
_SHORT_PAIR_WORDS = 3


def _unbracketed(text):
    return re.sub(r"\s*\([^()]*\)", "", text)


def _list_items(body, colon=False):
    """Items of a closed list ("Leeds, Bristol and Exeter", "vocalisation, posture and
    mobility"), split as finely as the wording allows, or None if the list is open
    ("e.g.", "including", "etc."), gives figures or dates, or describes what is counted
    ("(mainly in Leeds and York)"). Names may hold "and" or commas ("Bristol Museum and
    Art Gallery", "the Highlands, Scotland"), so the fine split is an upper bound."""
    if _OPEN_LIST.search(body):
        return None
    body = _unbracketed(body)  # "Lonza Pharma (Visp, Switzerland)"
    body = re.sub(r"\(\s*[ivx]{1,4}\s*\)|\b[ivx]{1,4}\)", " ", body)  # "(i) Audience"
    if any(q.value != 1 for q in parse_quantities(body)) or re.search(r"\d", body):
        return None  # items with figures or dates are not a list ("one in Leeds and one
        # in York" is: each item is one of what is counted)
    body = body[_LIST_OPENER.match(body).end():] if _LIST_OPENER.match(body) else body
    items = [i.strip(_ITEM_TRIM) for i in _ITEM_SPLIT.split(body)]
    items = [i for i in items if i]
    if len(items) < 2 or any(len(i.split()) > MAX_ITEM_WORDS for i in items):
        return None
    if any(_describes(i) for i in items):
        return None  # "(split between the Netherlands and UK)" describes, it does not list
    if colon and not re.search(r"[,;]", body) and (
            len(items) > 2 or any(len(i.split()) > _SHORT_PAIR_WORDS for i in items)):
        return None  # after a colon, words without separators are a description
    return items


#: How items of a list may be numbered, where each opens: by ordinal words ("three aims:
#: first, to ...; second, to ...", "firstly that ...; and secondly that ..."), by roman
#: numerals ("(i) to train staff; (ii) to ..."), by letters ("(a) ...; and (b) ...") or by
#: figures in brackets ("(1) ...; (2) ...").
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
_LETTERS = tuple("abcdefgh")
_ITEM_OPENS = r"(?:^|[,;]|\band\b)\s*"
_FIGURE_NUMBER = re.compile(rf"{_ITEM_OPENS}\(([1-8])\)")
_NUMBERINGS = (
    (re.compile(rf"{_ITEM_OPENS}({'|'.join(_ORDINALS)})(?:ly\b,?|,)", re.IGNORECASE), _ORDINALS),
    (re.compile(rf"{_ITEM_OPENS}\(?([ivx]{{1,4}})\)"), _ROMANS),
    (re.compile(rf"{_ITEM_OPENS}\(?([a-h])\)"), _LETTERS),
    (_FIGURE_NUMBER, tuple("12345678")),
)
_LEFT_OPEN = re.compile(rf"\b(?:{_OPEN_ENDS})\W*$", re.IGNORECASE)


#: The end of a sentence, after any citations: "...; and training volunteers [3]."
_SENTENCE_END = re.compile(r"(?:\s*\[[^\]]{1,30}\])*\s*(?:\.(?!\S)|$)")


def _closed(body):
    """Whether a colon phrase may be a closed list: not opened with "e.g." or "such as",
    not left open with "etc.", not cut after a separator, not numbered from other than
    the first ("(ii) ...; (iii) ..."), and no figures or dates in it."""
    unnumbered = _FIGURE_NUMBER.sub(" ", body)  # "(1) ...; (2) ...": no figures
    return not (_OPEN_LIST.match(body.lstrip()) or _LEFT_OPEN.search(body) or re.search(r"\d", unnumbered)
                or body.rstrip()[-1:] in (";", ",") or any(
                    numbers and numbers != list(order[:len(numbers)])
                    for numbers, order in _numbers(body)))


def _numbers(body):
    """(the numbers found, their order) for each way of numbering items."""
    return [([m.group(1).lower() for m in marker.finditer(body.strip())], order)
            for marker, order in _NUMBERINGS]


def _numbered_items(body):
    """Items numbered in order from the first after a colon ("two aims: first, to train
    staff and, second, to ...", "(i) ...; (ii) ..."), however long; None if unnumbered."""
    body = body.strip()
    for (marker, _), (numbers, order) in zip(_NUMBERINGS, _numbers(body)):
        if len(numbers) >= 2 and numbers == list(order[:len(numbers)]) and marker.match(body):
            return [re.sub(r"[\s,;.]+(?:and|or)?[\s,;.]*$", "", p).strip()
                    for p in marker.split(body)[2::2]] if _closed(body) else None
    return None


_AND = re.compile(r"\s+(?:and|&)\s+")


def _semicolon_items(body):
    """Items set apart by semicolons after a colon ("three strands: reading the archive;
    recording new interviews; and training volunteers"), which may be long and hold
    commas; None without a semicolon."""
    if ";" not in body or not _closed(body):
        return None
    items = [re.sub(r"^(?:and|or)\s+", "", i.strip(_ITEM_TRIM)) for i in body.split(";")]
    if not all(items):
        return None  # "...; (iii) radio control;" is cut, not closed
    # an item may join two: a short one ("policies and legislation", "Leeds and York
    # (EU-funded)"), or the last where no "; and" closes the list ("A; B; C and D")
    last_joins = not re.match(r"\s*(?:and|or)\s", body.split(";")[-1])
    return [part for n, item in enumerate(items, 1)
            for part in (_AND.split(item) if (n == len(items) and last_joins) or len(
                _unbracketed(item).split()) <= _SHORT_PAIR_WORDS else [item])]


def _paren_after(text, pos):
    """(body, end) of a parenthesis that opens right at `pos` (after spaces)."""
    m = re.compile(r"\s*\(([^()]{2,300})\)").match(text, pos)
    return (m.group(1), m.end()) if m else (None, pos)


def _after_noun(text, q, base=0):
    """Where the count's noun ends in `text` (or the count itself, if it has no noun), or
    None when the noun is not right after the count."""
    pos = q.end - base
    if not q.noun:
        return pos
    at = text.find(q.noun, pos)
    return None if at == -1 or at - pos > 3 else at + len(q.noun)


#: What a counted noun may carry before its list: "four makers of turbines: A, B, C".
_OF_PHRASE = re.compile(r"\s+of\s+(?:the\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?(?=\s*[(:])")


def _years_listed(body):
    """Single years listed, as the parser reads them ("2012 and 2013", "1999, 2001 and
    2005"; not a span, "2011-2013"), or None: "two years (2012 and 2013)" lists two."""
    qs = parse_quantities(body)
    if len(qs) < 2 or any(q.kind != "year" or q.qualifier == "range" for q in qs):
        return None
    if body[:qs[0].start].strip() or body[qs[-1].end:].strip() or not all(
            _AND_GAP.fullmatch(body, a.end, b.start) for a, b in zip(qs, qs[1:])):
        return None
    return [q.text for q in qs]


def enumeration(text, q, base=0):
    """The items listed right after a count ("five hubs (Leeds, Bristol, Exeter)" or
    "three sites: A, B and C"), or None when no closed list follows it."""
    pos = _after_noun(text, q, base)
    if pos is None:
        return None
    of = _OF_PHRASE.match(text, pos)  # "three kinds of crop: ..."
    pos = of.end() if of and q.noun else pos
    body, _ = _paren_after(text, pos)
    if body is not None:
        years = _years_listed(body) if q.head == "year" else None
        return years if years is not None else _list_items(body)
    # to a full stop or a citation; a list longer than the window is not read as closed
    m = re.compile(r"\s*:\s*([^.:!\[]{3,300})(?=[.:!\[]|$)").match(text, pos)
    if m is None:
        return None
    body = m.group(1)
    if body.count("(") != body.count(")"):
        return None  # cut inside a bracket: "(e.g. ..." is not the list's end
    if not _SENTENCE_END.match(text, m.end()):  # long items only in a list that ends the sentence
        return _list_items(body, colon=True)
    # semicolons alone set items apart unless commas do too ("Leeds, York; Paris, Lyon")
    readings = (_numbered_items, _semicolon_items, lambda b: _list_items(b, colon=True))
    if "," in body:
        readings = (readings[0], readings[2], readings[1])
    return next((items for items in map(lambda read: read(body), readings) if items is not None), None)


#: A line that opens an item of a list set out below its lead: a bullet (one of the
#: glyphs, or "◦", "●", a dash or "*"), or a number, letter or roman numeral ("1. ...",
#: "(b) ...", "iii) ...").
_LINE_ITEM = re.compile(
    rf"[ \t]*(?:(?P<bullet>[{_GLYPHS}◦●\-–—*])|\((?P<bracketed>\d{{1,2}}|[a-h]|[ivx]{{1,4}})\)"
    r"|(?P<number>\d{1,2}|[a-h]|[ivx]{1,4})[.)])[ \t]+(?=\S)")
#: The orders items set out below may be numbered in ("i" is a roman one).
_LINE_ORDERS = (_ROMANS, _LETTERS, tuple(str(n) for n in range(1, 31)))


@dataclass(frozen=True)
class _Marker:
    """How a line opens an item: its style (the bullet, or the numbering's bracket and
    order), the order it is numbered in (None for a bullet), its number, and the rest."""

    style: str
    order: tuple
    number: str
    rest: str


def _line_marker(line):
    """The _Marker of a line that opens an item, else None."""
    m = _LINE_ITEM.match(line)
    if m is None:
        return None
    if m.group("bullet"):
        return _Marker(m.group("bullet"), None, "", line[m.end():])
    number = m.group("bracketed") or m.group("number")
    order = next((o for o in _LINE_ORDERS if number in o), None)
    if order is None:
        return None  # "(45)", "(xiv)": beyond what a list below a count numbers
    bracket = "()" if m.group("bracketed") else m.group(0).strip()[-1]
    return _Marker(bracket + order[0], order, number, line[m.end():])


def _lines(text, pos, end):
    """The lines of text[pos:end], without their line breaks."""
    return [line.rstrip("\r") for line in text[pos:end].split("\n")]


def list_below(text, pos, end):
    """The items of a list set out line by line below a lead that ends with a colon at
    `pos` ("four workshops:" then "1) ...", "2) ..." or "• ...", "• ..."), each given by
    its first line; None unless such a list follows, is closed where it ends, and lies
    before `end` (the end of the lead's section).

    Numbered items run in order from the first, and may hold paragraphs, sub-items and
    other lines; the list ends at the last number in order. It is not closed if its next
    number comes later in the section ("...; and (4) ..."). Bulleted items end at a
    paragraph that opens without the bullet; the list is not closed if that bullet
    comes back before another lead ends a line with a colon (an item of two paragraphs).
    """
    lines = _lines(text, pos, end)
    if not lines or lines[0].strip():
        return None  # the colon must end its line
    first = next((_line_marker(line) for line in lines[1:] if line.strip()), None)
    if first is None or (first.order and first.number != first.order[0]):
        return None
    style, order, items, after_gap, rest, last = first.style, first.order, [], False, [], 0
    for n, line in enumerate(lines[1:], 1):
        marker = _line_marker(line)
        if marker and marker.style == style and (order is None or marker.number == order[len(items)]):
            items.append(marker.rest.strip())
            last = n
        elif not line.strip():
            after_gap = True
            continue
        elif order is None and after_gap and not marker:
            rest = lines[n:]
            break
        after_gap = False
        if order is not None and len(items) == len(order):
            break
    if len(items) < 2:
        return None
    if order is not None:
        after_last = "\n".join(lines[last:])  # from the last item's line to the section's end
        if len(items) < len(order) and re.search(
                rf"(?:^|[\s;,])\(?{re.escape(order[len(items)])}[.)]\s", after_last):
            return None  # the next number is given inline or later: not the list's end
        return items
    for line in rest:
        marker = _line_marker(line)
        if marker and marker.style == style:
            return None  # the bullet comes back: an item of two paragraphs, or a list cut
        if line.rstrip().endswith(":"):
            break
    return items


@dataclass(frozen=True)
class ListBelow:
    """A count in a lead that ends with a colon, and the items set out below it."""

    count: Quantity
    items: tuple
    start: int  # the lead sentence's span
    end: int


_LEAD_END = re.compile(r":[ \t]*\r?\n")
#: What may stand between a count's noun and the colon of the list below it: words
#: that say more of what is counted, with no comma, bracket or figure ("four workshops:",
#: "three areas of research that underpin the impact are:"), or "as follows".
_TO_COLON = re.compile(r"(?:,?\s+as follows|(?:\s+[^\s,;:()\[\]]+){0,15})\s*:")


def lists_below(text, sections=()):
    """Each count whose noun ends a lead right before its colon, with the list set out
    line by line below it (see list_below), in the lead's section."""
    for m in _LEAD_END.finditer(text):
        colon = m.start()
        spans = split_sentences(text, max(0, colon - 400), colon + 1)
        if not spans or spans[-1][1] != colon + 1:
            continue
        start, end = spans[-1]
        lead = text[start:end]
        quantities = parse_quantities(lead, start)
        for q in quantities:
            noun_end = _after_noun(lead, q, start)
            if noun_end is None or not _TO_COLON.fullmatch(lead, noun_end) \
                    or _OPEN_LIST.search(lead, q.start - start) or any(
                        other.start > q.start and other.kind != "year" for other in quantities):
                continue
            section_end = next((sec.end for sec in sections if sec.start <= colon < sec.end), len(text))
            items = list_below(text, colon + 1, section_end)
            if items is not None:
                yield ListBelow(q, tuple(items), start, end)


#: Names set off by commas after a count: "the two centres, Dublin and Bristol, use".
_APPOSITION = re.compile(r",\s*([A-Z][^,;:.()]{0,60}(?:,\s*[A-Z][^,;:.()]{0,60})*)\s*(?:,|;|\.|$)")


def members(text, q, base=0):
    """The names of what a count counts, when the sentence gives them: a list right
    after it (see enumeration) or names set off by commas ("the two centres, Dublin and
    Bristol, use"). None when it names none."""
    items = enumeration(text, q, base)
    if items is not None or not q.noun:
        return items
    pos = _after_noun(text, q, base)
    m = _APPOSITION.match(text, pos) if pos is not None else None
    return _list_items(m.group(1)) if m and " and " in m.group(1) else None


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


#: After the last item of a list, the setting it is given for: "... and 10,000 in Leeds".
_SETTING = re.compile(r"\s+(?:in|at|from|on|for|by|of(?!\s+(?:whom|which|them|these|those)\b))"
                      r"\s+(?:(?!\s(?:and|or)\s|\s\d)[^,;:.()\[]){1,40}"
                      rf"|\s+(?:{'|'.join(sorted(WHERE_WORDS))})\b")


#: Between a total and the list that breaks it down: "52,000 visitors: ", "280 units (",
#: "240 respondents, which comprised ", or, with parts that may leave some out, "80 people
#: were interviewed, including " and "80 staff, of whom ".
_BEFORE_LIST = re.compile(
    r"[^.;:()]{0,60}?(?:(?P<whole>[:(]|,?\s*(?:which\s+)?(?:comprised|comprises|"
    rf"{_ALL_OF}|consisted\s+of|made\s+up\s+of|split\s+into|divided\s+into)\b:?)|"
    r"(?P<some>,?\s*(?:including|includ(?:ed|es)|of\s+whom|of\s+which)\b:?))\s*")
_OPENS_LIST = re.compile(r"\s*[:(]\s*")
_AND_GAP = re.compile(r"\s*(?:,|;|and|&|,\s*and|;\s*and)\s*")
#: A total set off by a comma before parts given by setting alone: "40 audiences, ".
_APPOSED = re.compile(r"\s*,\s*")


def _breakdown_item(q):
    """Whether q can be an item of a breakdown. A part ("partial") can, but only of a
    total whose parts may leave some out: "80 people, including 50 patients and 25 carers"."""
    return (q.kind in ("count", "money") and "series" in q.scope and not q.role
            and not {"each", "top", "total"} & set(q.scope) and q.head not in TIME_UNITS)


def _tied_total(text, before, run, base):
    """The figure before a list that the wording ties to it as its total, with whether the
    list is all of it: (total, whole), or (None, True). A total is never smaller than a
    part ("35 patients at three sites (19 in Leeds and 16 in York)": the 35), and when
    the parts count one thing it is the total's thing."""
    largest = max(q.value for q in run)
    heads = {q.head for q in run if q.head}
    for q in reversed(before):
        m = _BEFORE_LIST.fullmatch(text, q.end - base, run[0].start - base)
        if m is None:
            continue
        if q.value < largest:
            continue  # "three sites (19 in Leeds and 16 in York)": not their total
        worded = m.group("some") or m.group("whole").strip(" ,:(")  # "comprising", "including"
        if len(heads) == 1 and q.head not in heads and not worded:
            return None, True  # "52,000 visitors: 20,000 schools" is not a breakdown
        return q, not m.group("some")
    return None, True


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
        total, whole = _tied_total(text, before, run, base)
        if total is None and _OPENS_LIST.fullmatch(text, ends[0], run[1].start - base):
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
        if not re.match(r"\s*(?:[.;)]|$)", text[ends[-1]:]):
            continue  # "..., 200 in Czech Republic and the remainder in the UK": not all given
        if total is None:  # "families (n = 403) were recruited: 253 in the UK, ..."
            total = next((q for q in reversed(before) if _adds_up(q, run)), None)
        out.append(Breakdown(tuple(run), head, sum(q.low for q in run), sum(q.high for q in run),
                             text[run[0].start - base:ends[-1]], total, whole))
    return out


def _adds_up(total, items):
    """Whether the items' figures can sum to the total's, each as rounded as written."""
    return sum(q.low for q in items) <= total.high and total.low <= sum(q.high for q in items)


def _item_end(text, q, base):
    """Where an item of a list ends: after its noun and the setting it is given for
    ("9 units of IOX1", "25,000 in Tanzania")."""
    pos = q.end - base
    if q.noun:
        at = text.find(q.noun, pos)
        if 0 <= at - pos <= 3:
            pos = at + len(q.noun)
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
