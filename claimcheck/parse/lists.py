"""Lists in a text: the items a figure enumerates ("13 centres: A, B and C"), lists
below a lead line, numbered and lettered items, and the members a figure names."""

import re
from dataclasses import dataclass

from claimcheck.parse.quantities import parse_quantities
from claimcheck.parse.quantity import Quantity
from claimcheck.parse.sentences import split_sentences
from claimcheck.parse.numbers import TENS, UNITS
from claimcheck.parse.words import ORDINALS, STOP_WORDS, looks_plural


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
    if re.search(r"\d", body) or any(q.value != 1 for q in parse_quantities(body)):
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
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
_LETTERS = tuple("abcdefgh")
_ITEM_OPENS = r"(?:^|[,;]|\band\b)\s*"
_FIGURE_NUMBER = re.compile(rf"{_ITEM_OPENS}\(([1-8])\)")
_NUMBERINGS = (
    (re.compile(rf"{_ITEM_OPENS}({'|'.join(ORDINALS)})(?:ly\b,?|,)", re.IGNORECASE), ORDINALS),
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


#: A short verb phrase between a counted noun and the colon of its list ("five sites took
#: part:", "three workshops were held:"): one to three small words, none naming another
#: thing to count ("12 teachers in three schools:" lists the schools).
_VERB_BEFORE_COLON = re.compile(r"(?:\s+[a-z]+){1,3}(?=\s*:)")
_NOT_A_VERB_PHRASE = frozenset(
    "in at of for with from across to on by among between within".split())
_BE = frozenset("is are was were be include includes included".split())


def _verb_before_colon(text, pos):
    """Where the colon's list begins to be looked for: past a short verb phrase after the
    counted noun, if one stands there, else `pos`."""
    m = _VERB_BEFORE_COLON.match(text, pos)
    if m is None:
        return pos
    words = m.group(0).split()
    if words[-1] in _BE or any(w in _NOT_A_VERB_PHRASE or w in UNITS or w in TENS or looks_plural(w)
                               for w in words):
        return pos  # "the four layers are: (i) ...;" is left to the lists that follow a noun
    return m.end()


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
    pos = _verb_before_colon(text, pos)  # "five sites took part: ..."
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


_AND_GAP = re.compile(r"\s*(?:,|;|and|&|,\s*and|;\s*and)\s*")
