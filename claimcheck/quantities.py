"""The quantity parser: the single source of what a number in a sentence means.

`parse_quantities(sentence)` reads every quantity in a sentence into a `Quantity`: its
value and the interval the wording admits ("over 14,900" admits anything above 14,900;
"around 3,000" admits 2,550 to 3,450; "14,900" alone admits 14,850 to 14,949 because the
trailing zeros are rounding), its unit or currency, what it counts ("international MBT
Centres", head "centre"), its qualifier and its scope (the years, places and rates that
the sentence ties it to). Citation markers, DOIs, page ranges, identifiers such as
"COVID-19" and list numbers are not quantities. `parse_change` reads statements of change
("grew fourfold, from 30 to 90"). Checks ask this module; they never re-parse text.
"""

import math
import re
from dataclasses import asdict, dataclass

from claimcheck.numbers import (
    DIGITS, FRACTIONS, MULTIPLIER_VERBS, SUFFIX_SCALES, UNITS, WORD_NUMBER,
    digits_to_number, rounding_unit, words_to_number,
)

INF = math.inf

KINDS = ("count", "money", "percent", "year", "multiplier")


@dataclass(frozen=True)
class Quantity:
    text: str  # as written, qualifier included: "over 14,900"
    start: int  # offsets into the text parsed (plus the base given)
    end: int
    value: float  # the number as written, in its unit ("£1.2m" -> 1200000.0)
    low: float  # the interval the statement admits
    high: float
    kind: str  # count | money | percent | year | multiplier
    unit: str = ""  # currency code for money, "%" for percent
    noun: str = ""  # what is counted, as written: "international MBT Centres"
    head: str = ""  # its head word, singular and lower case: "centre"
    modifiers: tuple = ()  # the restrictive words before the head: ("international", "mbt")
    qualifier: str = ""  # "over", "about", "at least", "range", ...
    scope: tuple = ()  # ("year:2014", "place:denmark", "rate", "partial", "of:respondent")
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
        d["modifiers"], d["scope"] = tuple(d.get("modifiers", ())), tuple(d.get("scope", ()))
        if d.get("high") is None:
            d["high"] = INF
        return cls(**d)

    def overlaps(self, other):
        """True when both statements can hold at once (their intervals meet)."""
        return self.low <= other.high and other.low <= self.high

    @property
    def years(self):
        """The (first, last) year this quantity is tied to, or None."""
        label = next((s[5:] for s in self.scope if s.startswith("year:")), "")
        if not label:
            return None
        first, _, last = label.partition("-")
        return int(first), int(last or first)

    @property
    def places(self):
        return frozenset(s[6:] for s in self.scope if s.startswith("place:"))


# --- what is not a quantity -------------------------------------------------------

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_NOT_QUANTITY = re.compile(
    "|".join([
        r"\[[^\[\]]{0,60}\d[^\[\]]{0,60}\]",  # citation markers [R1], [1-4], [S4, S7]
        r"\b10\.\d{4,9}/\S+",  # DOIs
        r"\b(?:https?://|www\.)\S+",  # addresses
        r"\S+@\S+\.\w+",  # e-mail
        r"\bISS?BN[-\s:]*[\dXx][\dXx\s-]{7,17}",
        r"\bUnit of Assessment:?\s*\d+",
        r"\bUoA\s*\d+",
        r"\b(?:pp?|pages?|vol|no|nos|ch|chapter|section|figure|fig|table|para|paragraph|"
        r"issue|ref|item|phase|step|level|grade|stage|version|v|patent|case)\.?\s*\d+[a-z]?"
        r"(?:\s*[-–]\s*\d+)?",
        r"\b\d+\s?\(\d+\)(?:\s*[:,]\s*(?:pp?\.\s*)?e?\d+(?:\s*[-–]\s*\d+)?)?",  # 160(1), 169-171
        r"(?:\+\d{1,3}[\s-]?(?:\(0\)\s?)?|\(0\)\s?)\d[\d\s-]{6,14}\d",  # telephone numbers
        r"\b\d{1,2}[:.]\d{2}\s?(?:am|pm|a\.m\.|p\.m\.)",
        r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r"(?=[\s,]+\d{4})",  # the day of a date
        _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?(?=,?\s+\d{4})",
        r"\b[pPrRtFz]\s?[<=>≤≥]\s?-?\d*\.?\d+",  # statistics: p<0.05, r = 0.3
        r"(?<=[A-Za-z])-\d+\b",  # identifiers: COVID-19, MBT-2
        r"^\s*(?:[-*•]\s*)?\(?\d{1,2}(?:\.\d{1,2})*[.)](?=\s)",  # list numbers
    ]),
    re.IGNORECASE | re.MULTILINE,
)

# --- numbers and their surroundings -------------------------------------------------

_ATOM = re.compile(
    rf"(?:(?<=GBP)|(?<=USD)|(?<=EUR)|(?<=AUD)|(?<=CAD)|(?<![A-Za-z0-9_./\\]))"
    rf"(?P<digits>{DIGITS})(?![0-9])"
    rf"|(?<![A-Za-z])(?P<words>{WORD_NUMBER})(?![A-Za-z])",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(
    r"(?P<cur>US\$|A\$|C\$|NZ\$|£|\$|€|¥|GBP|USD|EUR|AUD|CAD|NZD|CHF|JPY)\s?$"
)
_CURRENCY_CODES = {
    "£": "GBP", "$": "USD", "US$": "USD", "€": "EUR", "¥": "JPY", "A$": "AUD", "C$": "CAD",
    "NZ$": "NZD",
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
_DENOMINATOR_NEXT = re.compile(r"[ -](?:half|halves|thirds?|quarters?|fifths?|tenths?)\b", re.I)
_RANGE_LINK = re.compile(r"\s*(?:-|–|—|to|/)\s*(?:£|\$|€|GBP\s?|USD\s?|EUR\s?)?", re.IGNORECASE)
_RATIO_LINK = re.compile(r"\s+(?:out\s+of|in)\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_FRACTION = re.compile(
    r"(?<![A-Za-z])(?:(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine)[ -])?"
    r"(?P<den>half|halves|thirds?|quarters?|fifths?|tenths?)(?![A-Za-z])",
    re.IGNORECASE,
)
_MULTIPLIER_WORD = re.compile(
    r"(?<![A-Za-z])(?:(?P<verb>doubled|tripled|trebled|quadrupled|halved|twice)"
    rf"|(?P<n>{WORD_NUMBER}|\d+(?:\.\d+)?)[- ]?fold"
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
                    qualifier=qualifier, role=_role(text, q_start))

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
]
_QUALIFIER_BEFORE = re.compile(
    r"(?<![A-Za-z])(?P<q>"
    + "|".join(re.escape(q) for q, _ in sorted(_QUALIFIERS, key=lambda x: -len(x[0])))
    + r")\s*(?:the\s+|a\s+)?(?:(?:£|\$|€|US\$|GBP|USD|EUR)\s?)?$",
    re.IGNORECASE,
)
_QUALIFIER_KIND = {q: k for q, k in _QUALIFIERS}
#: Relative widths for approximate wording.
_ABOUT, _NEARLY = 0.15, 0.1

# --- what is counted ------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+s\b|[^\sA-Za-z]")
_STOP = frozenset(
    """
    a an the and or but nor if than then that which who whom whose what where when while
    whereas as at by for from in into of off on onto out over per since through throughout
    to toward towards under until up upon via with within without across after against along
    among amongst around before behind below beneath beside besides between beyond during
    except inside near outside past regarding round till is are was were be been being am
    have has had having do does did will would shall should can could may might must it its
    this these those they them their there here we our us you your he she his her him i me
    my not no so such also only just each every both all any some many much more most other
    less least very including include includes included who's whose
    """.split()
)
#: Words that do not narrow what is counted ("36 different countries" = "36 countries").
_NON_RESTRICTIVE = frozenset(
    """
    different separate distinct individual unique various diverse total overall whole entire
    full combined cumulative estimated approximately around about some roughly nearly almost
    over more than least up key major significant important main large small
    """.split()
)
#: Words that mark a part or an increment, never the whole ("15 other countries").
_PARTIAL = frozenset(
    """
    other others additional further extra new another remaining more fewer subsequent
    follow-on follow-up previous earlier later first last next
    """.split()
)
_TIME_UNITS = frozenset(
    "second minute hour day week month year decade century annum".split()
)
_IRREGULAR = {
    "children": "child", "people": "person", "women": "woman", "men": "man",
    "data": "data", "criteria": "criterion", "media": "media", "feet": "foot",
    "analyses": "analysis", "theses": "thesis", "indices": "index", "staff": "staff",
    "series": "series", "species": "species", "news": "news",
}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "ics")
_RATE = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:per|each|every|a)\s+(?:year|annum|month|week|day|hour|"
    r"session|person|participant|head|capita)\b|^\s*(?:\w+\s+){0,3}?"
    r"(?:annually|monthly|weekly|daily|yearly|a year|per year|pa|p\.a\.)(?![A-Za-z])"
    r"|^\s*/\s*(?:year|yr|annum|month|week|day|person|head|ha|hectare|m2|km2|acre)\b"
    r"|^\s*(?:\w+\s+){0,3}?(?:per\s+(?:square|hectare|acre|cent|unit|tonne|kg|litre|km|mile|"
    r"example|case|site|school|patient|user|item|sample)|(?:m|ha|km|kg|l)-[12])\b",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\b(?:in|across|throughout|within)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][a-zA-Z]+(?:\s+(?:of\s+)?[A-Z][a-zA-Z]+)*)"
)
#: Places that scope a figure ("in the UK", "across Europe"): countries, nations and
#: regions of the UK, continents. A gazetteer, so that "in MATLAB" is not a place.
PLACES = frozenset(
    """
    uk us usa britain great england scotland wales ireland northern europe european africa
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
_ROLE_WORDS = frozenset("from to by of than".split())
_CHANGE_VERB = re.compile(
    r"\b(?:rose|risen|rise|rising|rises|grew|grown|grow|grows|growing|increas\w*|decreas\w*|"
    r"fell|fallen|fall|falls|falling|declin\w*|dropp\w*|drop|drops|reduc\w*|cut|cuts|went|"
    r"gone|climb\w*|jump\w*|doubl\w*|tripl\w*|trebl\w*|quadrupl\w*|halv\w*|expand\w*|"
    r"shrank|shrunk|improv\w*|rais\w*|boost\w*|lower\w*|up|down|change\w*|moved|"
    r"increase|decrease|reduction|growth|rise|improvement|gain\w*)\b",
    re.IGNORECASE,
)


def singular(word):
    """A simple English singular, lower case: "countries" -> "country"."""
    w = word.lower().strip("'’")
    if word.isupper():  # acronyms keep their letters: "CAMHS"
        return w
    if word[:-1].isupper():  # "RCTs"
        return w[:-1] if w.endswith("s") else w
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w.endswith(_NOT_PLURAL_ENDINGS):
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def looks_plural(token):
    t = token.lower()
    if token.isupper():  # acronyms: "CAMHS", "NHS"
        return False
    if token[:-1].isupper():  # "RCTs"
        return token.endswith("s")
    return (
        t in _IRREGULAR or (len(t) > 3 and t.endswith("s") and not t.endswith(_NOT_PLURAL_ENDINGS))
    )


def _is_verb_like(token, position):
    t = token.lower()
    if position == 0:
        return False
    return (t.endswith("ed") and len(t) > 4 and t not in ("hundred",)) or t in (
        "said", "made", "held", "run", "ran", "won", "told", "seen", "given", "taken",
        "paid", "sold", "built", "set", "led",
    )


def _adjective_here(text, pos, tokens):
    """An -ed word is an adjective when a noun follows and none has come yet:
    "71 highly qualified staff", not "700 foster carers recruited from"."""
    if any(looks_plural(t) for t, _, _ in tokens):
        return False
    nxt = re.match(r"\s+([A-Za-z][A-Za-z'’-]*)", text[pos:pos + 30])
    return bool(nxt) and nxt.group(1).lower() not in _STOP and not _is_verb_like(nxt.group(1), 1)


def _noun_phrase(text, pos):
    """What is counted, read from `pos`: (noun as written, head, modifiers, partial)."""
    unit = re.match(r"-([A-Za-z]+)\b", text[pos:pos + 20])
    if unit:  # "four-year trial", "3-day course": a duration or size, counted in the unit
        word = unit.group(1)
        return word, singular(word), (), False
    tokens = []
    for match in _TOKEN.finditer(text, pos, min(len(text), pos + 80)):
        tok = match.group(0)
        if not tok[0].isalnum():
            break
        low = tok.lower()
        if tok[0].isdigit():
            if tokens:  # "Under 5s practitioners": a label inside the phrase
                tokens.append((tok, match.start(), match.end()))
                continue
            break
        if (low in _STOP and not tok[0].isupper()) or (
            _is_verb_like(tok, len(tokens)) and not _adjective_here(text, match.end(), tokens)
        ):
            if low in ("other", "more", "new", "further", "additional") and not tokens:
                tokens.append((tok, match.start(), match.end()))
                continue
            break
        tokens.append((tok, match.start(), match.end()))
        if len(tokens) == 5:
            break
    if not tokens or (len(tokens) == 1 and _is_verb_like(tokens[0][0], 1)):
        return "", "", (), False  # "89% reported that": no noun
    words = [t for t, _, _ in tokens]
    head_index = next(
        (i for i, w in enumerate(words) if looks_plural(w) and not w[0].isdigit()),
        len(words) - 1,
    )
    words = words[: head_index + 1]
    noun = text[tokens[0][1]:tokens[head_index][2]]
    head = singular(words[-1])
    before = [w for w in words[:-1] if not w[0].isdigit()]
    partial = any(w.lower() in _PARTIAL for w in before)
    modifiers = tuple(sorted({
        singular(w) for w in before if w.lower() not in _NON_RESTRICTIVE | _PARTIAL
    }))
    return noun, head, modifiers, partial


#: Words that say what an amount of money is; the nearest one is the amount's head.
MONEY_NOUNS = frozenset(
    """
    saving cost revenue sale turnover income investment funding fund grant award contract
    royalty licence license value spend spending expenditure budget price profit fee payment
    loss benefit market capital donation gva export import tax levy subsidy prize bid
    fundraising finance financing endowment deal order valuation worth salary wage
    """.split()
)
_MONEY_WORD = re.compile(r"[A-Za-z]+")


def _money_noun(text, start, end, reach=6):
    """(noun, head, ()) for an amount: the money word nearest to it within `reach` words
    either side ("a cost saving of US$360m" -> saving; "£60M investment" -> investment)."""
    before = list(_MONEY_WORD.finditer(text, max(0, start - 60), start))[-reach:]
    after = list(_MONEY_WORD.finditer(text, end, min(len(text), end + 60)))[:reach]
    by_distance = sorted([(start - m.end(), m) for m in before] + [(m.start() - end, m) for m in after],
                         key=lambda pair: pair[0])
    for _, m in by_distance:
        word = singular(m.group(0))
        if word in MONEY_NOUNS:
            return m.group(0), word, ()
    return "", "", ()


def _of_phrase(text, pos):
    """For shares: "87% of the 290 respondents" counts respondents."""
    m = re.match(
        r"\s+of\s+(?:the\s+|all\s+|these\s+|those\s+|their\s+|our\s+|its\s+)?(?:[\d,]+\s+)?",
        text[pos:pos + 60], re.IGNORECASE,
    )
    return pos + m.end() if m else None


# --- the parser -------------------------------------------------------------------------


def _masked_spans(text):
    return [(m.start(), m.end()) for m in _NOT_QUANTITY.finditer(text)]


def _inside(spans, start, end):
    return any(s < end and start < e for s, e in spans)


def _atoms(text, masks):
    """(start, end, value, is_word) for each number written in the text."""
    out = []
    for m in _ATOM.finditer(text):
        if _inside(masks, m.start(), m.end()):
            continue
        if m.group("digits"):
            tail = text[m.end():m.end() + 3]
            # glued letters make an identifier ("3D", "12th", "5s"), except scale suffixes
            if tail[:1] and _GLUED.match(tail[:1]) and not re.match(
                r"(?:k|m|mn|bn|b)(?![A-Za-z])", tail, re.IGNORECASE
            ):
                continue
            out.append((m.start(), m.end(), digits_to_number(m.group("digits")), False))
        else:
            phrase = m.group("words")
            value = words_to_number(phrase)
            if value is None or _DENOMINATOR_NEXT.match(text, m.end()):
                continue  # "two thirds" is a fraction, read elsewhere
            if phrase.lower() == "one" and not _RATIO_LINK.match(text, m.end()):
                continue  # "one of", "one day": a pronoun, except in "one in five"
            out.append((m.start(), m.end(), float(value), True))
    return out


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
    before = text[max(0, start - 12):start].lower()
    if _QUALIFIER_BEFORE.search(text, max(0, start - 24), start):
        return False
    follow = re.match(r"\s+([a-z][a-z'’-]*)", text[after_end:after_end + 30])
    if follow and follow.group(1) not in _STOP and not re.search(
        r"(?:in|since|by|from|until|till|to|during|of|between|and|before|after|"
        r"mid|early|late|a|an|the|this|that|its|their|\(|-|–|['’]s)\s*$",
        before,
    ):
        return False  # "2000 participants"
    return True


_CLAUSE_BREAK = re.compile(r"[;:]|\s[-–—]\s|\bwhereas\b|\bwhile\b")
_YEAR_SPAN = re.compile(
    r"(?<![\d,.£$€])((?:19|20)\d{2})(?:\s*(?:-|–|—|to|/)\s*((?:19|20)?\d{2}))?(?!\d|,\d)"
)


def _year_of(text, start, end):
    """The year or period a quantity is tied to: one in brackets right after it ("5%
    (2011)"), else the nearest before it in its clause, else the nearest after it."""
    clause_start = max([m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)], default=0)
    nxt = _CLAUSE_BREAK.search(text, end)
    clause_end = nxt.start() if nxt else len(text)
    spans = []
    for m in _YEAR_SPAN.finditer(text, clause_start, clause_end):
        if start <= m.start() < end:
            continue
        lo = m.group(1)
        hi = m.group(2)
        if hi and len(hi) == 2:
            hi = lo[:2] + hi
        spans.append((m.start(), m.end(), f"{lo}-{hi}" if hi and hi > lo else lo))
    if not spans:
        return ""
    # the nearest year wins; on a tie the one before ("In 2011, 40 schools; 60 in 2012")
    return min(spans, key=lambda sp: (start - sp[1], 1) if sp[1] <= start else (sp[0] - end, 2))[2]


_HYPOTHETICAL = re.compile(r"\b(?:if|would|could|assuming|assume|suppose|supposing|were to)\b",
                          re.IGNORECASE)


def _scope(text, start, end, noun_end, partial, of_head):
    scope = []
    if _HYPOTHETICAL.search(text):
        scope.append("hypothetical")
    year = _year_of(text, start, end)
    if year:
        scope.append(f"year:{year}")
    places = {m.group("place").lower() for m in _PLACE.finditer(text)}
    places = {p for p in places if p in PLACES or p.split()[0] in PLACES}
    scope += [f"place:{p}" for p in sorted(places)]
    if _RATE.match(text[noun_end:noun_end + 40]):
        scope.append("rate")
    if partial:
        scope.append("partial")
    if of_head:
        scope.append(f"of:{of_head}")
    return tuple(scope)


def _role(text, start):
    m = re.search(r"([A-Za-z]+)\s*(?:£|\$|€|GBP\s?|USD\s?|EUR\s?)?$", text[max(0, start - 16):start])
    if m and m.group(1).lower() in _ROLE_WORDS:
        return m.group(1).lower()
    return ""


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
    out = _mark_series(text, _pair_from_to(out))
    if base:
        out = [_shift(q, base) for q in out]
    return out


_LIST_GAP = re.compile(r"\s*(?:,|and|or|, and|, or|&)\s*$")


def _mark_series(text, quantities):
    """Mark quantities that are items of a list ("24, 48 and 72 hours"; "7 million
    children and 18.7 million adults"): each is one of several values, not a total."""
    members = set()
    for a, b in zip(quantities, quantities[1:]):
        if a.kind == b.kind and a.kind in ("count", "percent", "money"):
            gap = text[a.end + (len(a.noun) + 1 if a.noun and text.startswith(a.noun, a.end + 1) else 0):b.start]
            if _LIST_GAP.match(gap) or (len(gap) < 60 and a.head and a.head == b.head):
                members.update((id(a), id(b)))
    if not members:
        return quantities
    out = [Quantity(**{**q.__dict__, "scope": q.scope + ("series",)}) if id(q) in members else q
           for q in quantities]
    # "55%, 35% and 25% of respondents": earlier items take the noun the last one gives
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if ("series" in a.scope and "series" in b.scope and a.kind == b.kind and not a.head
                and b.head and _LIST_GAP.match(text[a.end:b.start])):
            of = tuple(x for x in b.scope if x.startswith("of:"))
            out[i] = Quantity(**{**a.__dict__, "head": b.head, "noun": b.noun,
                                 "modifiers": b.modifiers, "scope": a.scope + of})
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


def _pair_from_to(quantities):
    """Keep "from"/"to" roles only where they pair up: "from 30 to 90" is a change, but in
    "practitioners from 36 countries" the 36 is an ordinary count."""
    out = list(quantities)
    for i, q in enumerate(out):
        if q.role == "from" and not any(
            r.role == "to" and r.kind == q.kind for r in out[i + 1:i + 3]
        ):
            out[i] = Quantity(**{**q.__dict__, "role": ""})
        elif q.role == "to" and not any(r.role == "from" for r in out[max(0, i - 2):i]):
            out[i] = Quantity(**{**q.__dict__, "role": ""})
    return out


def _shift(q, base):
    return Quantity(**{**q.__dict__, "start": q.start + base, "end": q.end + base})


def _read_quantity(text, atoms, i, masks):
    """Read the quantity that starts with atom i. Returns (Quantity or None, atoms used)."""
    start, end, value, is_word = atoms[i]
    consumed = 1
    q_start = start
    cur = _CURRENCY_BEFORE.search(text, max(0, start - 4), start)
    currency = ""
    if cur:
        currency = _CURRENCY_CODES.get(cur.group("cur"), cur.group("cur").upper())
        q_start = cur.start()

    after = _AFTER.match(text, end)
    scale_word = (after.group("scale") or "").lower()
    if scale_word in ("m", "b", "mn") and not currency and not after.group("curword"):
        if not re.match(r"\s*(?:users|people|visitors|views|downloads|viewers)", text[after.end():]):
            scale_word = ""  # "5m" without money is more likely metres
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
        currency = {"pounds": "GBP", "sterling": "GBP", "dollars": "USD", "euros": "EUR"}.get(
            after.group("curword").split()[0].lower(), ""
        )
        a_end = after.end("curword")
    if after.group("fold") or after.group("times"):
        grp = "fold" if after.group("fold") else "times"
        return _multiplier(text, q_start, after.end(grp), value), consumed

    value *= scale
    step = (rounding_unit(text[start:end], value / scale) * scale) if not is_word else 1.0
    kind = "money" if currency else ("percent" if pct else "count")
    unit = currency or ("%" if pct else "")

    # ranges: "2013 - 2020", "2012-14", "between 5 and 10", "£1m-£5m"
    low_v = high_v = None
    qualifier = ""
    link = _RANGE_LINK.match(text, a_end)
    between = _BETWEEN.search(text, max(0, q_start - 10), q_start)
    if between and between.group(0).lower().startswith("between"):
        link = re.match(r"\s+and\s+(?:£|\$|€)?", text[a_end:]) and re.compile(
            r"\s+and\s+(?:£|\$|€)?", re.IGNORECASE).match(text, a_end)
    if link and i + 1 < len(atoms) and atoms[i + 1][0] == link.end():
        s2, e2, v2, w2 = atoms[i + 1]
        is_from = between and between.group(0).lower().startswith("from")
        changing = is_from and _CHANGE_VERB.search(text[:q_start])
        if not changing and not (link.group(0).strip() == "/" and not (1800 <= value <= 2099)):
            after2 = _AFTER.match(text, e2)
            scale2 = SUFFIX_SCALES.get((after2.group("scale") or "").lower(), 1)
            if scale2 == 1 and scale != 1:
                scale2 = scale
            elif scale2 != 1 and scale == 1 and currency:
                value *= scale2  # "£1-5m"
            v2 = v2 * scale2
            if 1800 <= value <= 2099 and v2 < 100 and not w2:  # "2012-14"
                v2 += (value // 100) * 100 if v2 >= value % 100 else (value // 100 + 1) * 100
            if v2 > value:
                end2 = after2.end() if (after2.group("scale") or after2.group("pct")) else e2
                while end2 > e2 and text[end2 - 1].isspace():
                    end2 -= 1
                low_v, high_v, a_end = value, v2, end2
                consumed = 2
                qualifier = "range"
                if between:
                    q_start = between.start()
                if pct or after2.group("pct"):
                    kind, unit = "percent", "%"

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
                noun, head, mods, partial = _noun_phrase(text, e2)
                return (
                    Quantity(
                        text[q_s:e2], q_s, e2, share, low, high, "percent", "%", noun, head,
                        mods, _QUALIFIER_KIND.get(qual.lower(), ""),
                        _scope(text, q_s, e2, e2, partial, head),
                    ),
                    2,
                )

    if kind == "count" and consumed == 1 and not plus and _is_year(text, start, end, value, a_end):
        return (
            Quantity(text[start:end], start, end, value, value, value, "year", role=_role(text, start)),
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

    # what is counted
    of_head = ""
    noun_pos = a_end
    if kind == "percent":
        of_pos = _of_phrase(text, a_end)
        if of_pos is not None:  # "41% of teachers" counts teachers
            noun_pos = of_pos
            _, of_head, _, _ = _noun_phrase(text, of_pos)
    noun, head, mods, partial = _noun_phrase(text, noun_pos)
    if kind == "money":  # an amount is known by what kind of money it is
        noun, head, mods = _money_noun(text, q_start, a_end)
    if kind == "count" and head in _TIME_UNITS and qualifier == "over":
        qualifier = ""  # "over 3 years" is a duration, not "more than 3 years"

    if low_v is not None:
        low, high = low_v, high_v  # a range states its bounds
    elif kind == "percent":
        low, high = _share_interval(value, max(step, 1.0) / 2, qualifier)
    else:
        low, high = _interval(value, qualifier, _rounding(step))
        if plus:
            low, high = value, INF
    noun_end = a_end if kind == "money" else noun_pos + (len(noun) if noun else 0)
    return (
        Quantity(
            text[q_start:a_end], q_start, a_end, value if low_v is None else low_v,
            max(low, 0.0), high, kind, unit, noun, head, mods, qualifier,
            _scope(text, q_start, a_end, noun_end, partial, of_head), _role(text, q_start),
        ),
        consumed,
    )


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
        nxt = text[m.end():m.end() + 12]
        if den_word != "half" and not re.match(r"\s*(?:of\b|[.,;)]|$)", nxt):
            continue  # "a third party", "one quarter century"
        if den_word == "half" and not re.match(r"\s*(?:of\b|the\b|[.,;)]|$)", nxt) and not num_word:
            continue
        num = {"a": 1, "an": 1, "": 1}.get(num_word, UNITS.get(num_word, 1))
        share = 100.0 * num / FRACTIONS[den_word]
        qual_m = _QUALIFIER_BEFORE.search(text, max(0, m.start() - 40), m.start())
        qual = qual_m.group("q") if qual_m else ""
        low, high = _share_interval(share, share * 0.1, qual)
        q_s = qual_m.start() if qual_m else m.start()
        of_pos = _of_phrase(text, m.end())
        noun, head, mods, partial = _noun_phrase(text, of_pos) if of_pos else ("", "", (), False)
        out.append(
            Quantity(
                text[q_s:m.end()], q_s, m.end(), share, low, high, "percent", "%", noun, head,
                mods, _QUALIFIER_KIND.get(qual.lower(), ""),
                _scope(text, q_s, m.end(), m.end(), partial, head),
            )
        )
    for m in _MULTIPLIER_WORD.finditer(text):
        inside_only = all(m.start() <= q.start and q.end <= m.end() for q in taken
                          if q.start < m.end() and m.start() < q.end)
        if _inside(masks, m.start(), m.end()) or not inside_only:
            continue  # numbers inside "a factor of a thousand" give way to the factor
        if m.group("verb"):
            factor = MULTIPLIER_VERBS.get(m.group("verb").lower(), 2.0)
        else:
            n = m.group("n") or m.group("f")
            factor = float(n.replace(",", "")) if n[0].isdigit() else words_to_number(n)
            if factor is None:
                continue
        out.append(_multiplier(text, m.start(), m.end(), factor))
    return out


# --- statements of change ---------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A stated change: from one value to another, by an amount or a factor."""

    before: Quantity
    after: Quantity
    by: Quantity = None  # "by 25%", "an increase of six hours", "fourfold"
    direction: str = ""  # "up" or "down" when the wording says so


_CLAUSE_JOIN = re.compile(r"\b(?:and|while|whereas|thereby|which|but|so)\b|;")


def _same_clause(text, by, before, after, base):
    """The amount of a change belongs to the from/to only when nothing between them starts
    another clause ("grew fourfold, from 30 to 90", not "turnover rose by 400% and the
    workforce grew from 5 to 65")."""
    lo, hi = (by.end, before.start) if by.end <= before.start else (after.end, by.start)
    gap = text[lo - base:hi - base]
    if by.end > before.start and _CHANGE_VERB.search(gap):
        return False  # "from 5 days to 4 increases the production by 20%": another change
    return len(gap) <= 40 and not _CLAUSE_JOIN.search(gap) and not (
        by.end <= before.start and re.search(r",\s*\w+\s+\w+\s+\w+", gap))


_DOWN = re.compile(r"\b(?:fell|fallen|fall|declin\w*|decreas\w*|dropp\w*|drop|reduc\w*|cut|"
                   r"halv\w*|shrank|shrunk|lower\w*|down)\b", re.IGNORECASE)


def parse_change(text, quantities=None, base=0):
    """The change a sentence states, if it states one: "rose by 25%, from 200 to 300".
    `quantities`, if given, are the sentence's quantities with offsets shifted by `base`."""
    qs = quantities if quantities is not None else parse_quantities(text, base)
    if not _CHANGE_VERB.search(text):
        return None
    before = next((q for q in qs if q.role == "from" and q.kind in ("count", "money", "percent")), None)
    if before is None:
        return None
    after = next(
        (q for q in qs if q.role == "to" and q.start > before.start and q.kind == before.kind), None
    )
    if after is None:
        return None
    by = next(
        (q for q in qs if q is not before and q is not after and (
            q.kind == "multiplier" or q.role == "by" or (q.role == "of" and q.start < before.start)
        ) and _same_clause(text, q, before, after, base)), None,
    )
    if by is None:
        return None
    lo = min(by.start, before.start) - base
    clause_start = max([m.end() for m in _CLAUSE_JOIN.finditer(text, 0, lo)] + [text.rfind(",", 0, max(0, lo - 25)) + 1, 0])
    direction = "down" if _DOWN.search(text, clause_start, after.end - base) else "up"
    return Change(before, after, by, direction)


# --- enumerations -----------------------------------------------------------------------

_OPEN_LIST = re.compile(
    r"\b(?:e\.g\.?|eg|including|includes|include|such as|for example|for instance|among|"
    r"amongst|etc|and others|inter alia|notably|like)\b",
    re.IGNORECASE,
)
_ITEM_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*(?:and\s+)?")


def _list_items(body, colon=False):
    """Items of a closed list ("Leeds, Bristol and Exeter"), split as finely as the
    wording allows, or None if the list is open ("e.g.", "including", "etc.") or does not
    read as a list of names. Names may hold "and" or commas ("Bristol Museum and Art
    Gallery", "the Highlands, Scotland"), so the fine split is an upper bound."""
    if _OPEN_LIST.search(body):
        return None
    body = re.sub(r"\s*\([^()]*\)", "", body)  # "Lonza Pharma (Visp, Switzerland)"
    body = re.sub(r"\(\s*[ivx]{1,4}\s*\)|\b[ivx]{1,4}\)", " ", body)  # "(i) Audience"
    if _atoms(body, _masked_spans(body)) or re.search(r"\d", body):
        return None  # items with figures or dates are not a list of names
    if colon and len(re.findall(r"[,;]", body)) < 1:
        return None  # after a colon, a list has separators; else it is a description
    items = [i.strip(" .'\"‘’“”`") for i in _ITEM_SPLIT.split(body)]
    items = [i for i in items if i]
    if len(items) < 2 or any(len(i.split()) > 6 for i in items):
        return None
    if not all(i[0].isupper() or i[0].isdigit() for i in items):
        return None  # "(split between the Netherlands and UK)" describes, it does not list
    return items


def _paren_after(text, pos):
    """(body, end) of a parenthesis that opens right at `pos` (after spaces)."""
    m = re.compile(r"\s*\(([^()]{2,300})\)").match(text, pos)
    return (m.group(1), m.end()) if m else (None, pos)


def enumeration(text, q, base=0):
    """The items listed right after a count ("five hubs (Leeds, Bristol, Exeter)" or
    "three sites: A, B and C"), or None when no closed list follows it."""
    pos = q.end - base
    if q.noun:
        at = text.find(q.noun, pos)
        if at == -1 or at - pos > 3:
            return None
        pos = at + len(q.noun)
    body, _ = _paren_after(text, pos)
    if body is not None:
        return _list_items(body)
    m = re.compile(r"\s*:\s*([^.:!]{3,300})").match(text, pos)
    return _list_items(m.group(1), colon=True) if m else None


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


_WORD = re.compile(r"\S+")


def local_context(text, q, base=0, words=8):
    """The words around a quantity (up to `words` either side, within its sentence):
    what a reader looks at to tell whether two figures are the same figure."""
    start, end = q.start - base, q.end - base
    before = [m.group(0) for m in _WORD.finditer(text, 0, max(0, start))][-words:]
    after = [m.group(0) for m in _WORD.finditer(text, min(len(text), end))][:words]
    return " ".join(before + [text[start:end]] + after)


_PART_OF = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|all\s+|its\s+|their\s+|our\s+|a\s+total\s+of\s+)?",
                      re.IGNORECASE)


def parts_of_wholes(text, quantities, base=0):
    """(part, whole) pairs written "N of the M staff" or "N out of M": the part is a count
    of some of the whole's members."""
    counts = [q for q in quantities if q.kind == "count"]
    pairs = []
    for a, b in zip(counts, counts[1:]):
        gap = text[a.end - base:b.start - base]
        if _PART_OF.fullmatch(gap) and not a.noun and b.head:
            pairs.append((a, b))
    return pairs
