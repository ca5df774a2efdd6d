"""What a quantity counts: the reading of the words around a number.

`noun_phrase` reads what is counted ("international MBT Centres", head "centre"),
`money_noun` what kind of money an amount is ("saving", "investment"), `of_phrase` where
an "of" phrase names the whole, `role_of` the word that gives a figure a role in a change
("from", "to", "by"). Where a figure holds is scope.py's; the word lists are words.py's.
quantities.py calls these for every number it reads; checks read the results from the
Quantity, never from the text.
"""

import re

from claimcheck.parse.openings import Near
from claimcheck.parse.words import (
    IRREGULAR, MEASURE_UNITS, STOP_WORDS, TIME_UNITS, TOKEN, WHERE_WORDS, looks_plural, singular,
)

#: Plural words that name a kind of thing before another noun ("two drinks vending
#: systems", "40 arts organisations"): the later noun is what is counted.
_ATTRIBUTIVE_PLURALS = frozenset("drinks sales arts sports goods savings arms customs news".split())
#: Letters that stand for a unit or for a thousand or a million ("450 M cattle"): not read
#: as units at the start of a counted noun.
_AMBIGUOUS_UNITS = frozenset({"m", "k"})
#: Words that do not narrow what is counted ("19 different hospitals" = "19 hospitals");
#: "key", "main" and the like mark a selection instead (see _SELECTIVE).
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
    follow-on follow-up previous earlier later first last next initial original
    """.split()
)


#: Nouns that are their own plural: a head when last, else a modifier ("sheep farmers").
_INVARIANT = frozenset(word for word, one in IRREGULAR.items() if word == one)
#: Plurals that head a counted noun only as its last word.
_HEAD_ONLY_LAST = _INVARIANT | _ATTRIBUTIVE_PLURALS
#: Words that open a counted noun as a unit of measure.
_UNIT_WORDS = MEASURE_UNITS - _AMBIGUOUS_UNITS


_ROLE_WORDS = frozenset("from to by of than".split())
#: What noun_phrase gives for a figure that counts no noun it can read: (noun, head,
#: modifiers, partial).
NO_NOUN = ("", "", (), False)


#: Past forms that, right after a figure, are its verb and never an adjective of what it
#: counts ("72% met the standard", "40 went on to university"); written in lower case
#: ("500 LED lamps" are lamps). A past in "-ed" may be an adjective there ("12 trained
#: staff"), and so may some participles ("30 paid staff", "20 spent fuel rods").
_PAST_FORMS = frozenset(
    """
    met said told saw gave took went came ran grew fell rose became began wrote chose
    drew knew threw spoke broke brought bought thought sent got felt kept held
    """.split()
)


#: Verb forms that end a counted noun after its first word ("40 homes built last year",
#: "30 staff paid by the trust"), where a participle is a verb rather than an adjective.
_VERB_FORMS = frozenset(
    "said made held run ran won told seen given taken paid sold built set led".split()
    # verbs of the present that no noun is spelt as: "net premium income comes from"
    + "comes goes becomes remains includes involves represents seems appears gets "
    "exceeds equals belongs depends consists comprises contains occurs exists".split()
)


def _is_verb_like(token, position):
    t = token.lower()
    if position == 0:
        return token in _PAST_FORMS
    return (t.endswith("ed") and len(t) > 4 and t not in ("hundred",)) or t in _VERB_FORMS


def _adjective_here(text, pos, tokens):
    """An -ed word is an adjective when a noun follows and none has come yet:
    "71 highly qualified staff", not "700 foster carers recruited from"."""
    if any(looks_plural(t) for t, _, _ in tokens):
        return False
    nxt = re.match(r"\s+([A-Za-z][A-Za-z'’-]*)", text[pos:pos + 30])
    return bool(nxt) and nxt.group(1).lower() not in STOP_WORDS and not _is_verb_like(nxt.group(1), 1)


#: Endings of the adjectives a number makes with a hyphen: "four-dimensional", "two-sided".
_ADJECTIVE_ENDINGS = ("ional", "ic", "ical", "ous", "ive", "ful", "less", "ed")


#: A temperature's degree sign and scale ("34°C", "70 ºF"): counted in degrees.
_DEGREES = re.compile(r"\s?[°º]\s?[CF]?(?![A-Za-z])")
#: A time that says when, not what is counted ("sold 300 last year", "£2.4m this year").
_WHEN = re.compile(r"\s+(?:last|next|this|previous)\s+(?:" + "|".join(sorted(TIME_UNITS))
                   + r"|term|season|quarter|summer|winter|spring|autumn)\b", re.IGNORECASE)


def noun_phrase(text, pos):
    """What is counted, read from `pos`: (noun as written, head, modifiers, partial)."""
    degrees = _DEGREES.match(text, pos)
    if degrees:
        return degrees.group(0).strip(), "degree", (), False
    if _WHEN.match(text, pos):
        return NO_NOUN
    unit = re.match(r"-([A-Za-z]+)\b", text[pos:pos + 20])
    if unit and len(unit.group(1)) > 4 and unit.group(1).lower().endswith(_ADJECTIVE_ENDINGS):
        return unit.group(1), "", (), False  # "four-dimensional", "two-sided": no thing counted
    if unit:  # "four-year trial", "3-day course": a duration or size, counted in the unit
        word, one = unit.group(1), singular(unit.group(1))
        if one not in TIME_UNITS:
            return word, one, (), False
        # a duration is the length of what it names: the "trial" of "four-year trial"
        _, named, _, _ = noun_phrase(text, pos + unit.end())
        return word, one, (named,) if named and named not in TIME_UNITS else (), False
    tokens, joined = [], set()
    for match in TOKEN.finditer(text, pos, min(len(text), pos + 80)):
        tok = match.group(0)
        if tok == "/" and tokens and re.match(r"[A-Za-z]", text[match.end():match.end() + 1]):
            joined.add(len(tokens) - 1)  # "arts/heritage bodies": one phrase, headed later
            continue
        if not tok[0].isalnum():
            break
        low = tok.lower()
        if tok[0].isdigit():
            if tokens:  # "Under 5s practitioners": a label inside the phrase
                tokens.append((tok, match.start(), match.end()))
                continue
            break
        if (low in STOP_WORDS and not tok[0].isupper()) or (
            _is_verb_like(tok, len(tokens)) and not _adjective_here(text, match.end(), tokens)
        ):
            if low in ("other", "more", "new", "further", "additional") and not tokens:
                tokens.append((tok, match.start(), match.end()))
                continue
            break
        tokens.append((tok, match.start(), match.end()))
        if len(tokens) == 5:
            break
    if not tokens or (len(tokens) == 1 and (_is_verb_like(tokens[0][0], 1)
                                           or tokens[0][0].lower() in WHERE_WORDS)):
        return NO_NOUN  # "89% reported that", "25 overseas": no noun
    first = tokens[0][0]
    if first.lower() in _UNIT_WORDS:
        return first, first.lower(), (), False  # "77 GHz radar": a measure in GHz
    words = [t for t, _, _ in tokens]
    last = len(words) - 1
    plurals = [i for i, w in enumerate(words)
               if looks_plural(w) and not w[0].isdigit() and i not in joined]
    if not plurals and looks_plural(words[0], after_count=True):
        plurals = [0]  # "four characteristics manifest", but "30 economics students"
    head_index = next(
        # "police forces", "staff members", "drinks vending systems"
        (i for i in plurals if i == last or words[i].lower() not in _HEAD_ONLY_LAST),
        # "10 staff left": with no plural after it, "staff" is the head after all (but not
        # in a name: "4 Media Studio")
        plurals[-1] if plurals and plurals[-1] < last and words[plurals[-1] + 1][0].islower()
        else last,
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


#: A be-verb right after a count with no noun of its own: its complement may name what
#: the count counts ("Of the animals rehomed, 95 were dogs").
_BE_AFTER = re.compile(r"[ \t]+(?:are|were|is|was)[ \t]+(?:all[ \t]+)?", re.IGNORECASE)


def be_follows(text, pos):
    """Whether a be-verb follows the figure that ends at `pos` ("1,900 were women")."""
    return bool(_BE_AFTER.match(text, pos))


#: The end of a short phrase: a mark, "and" or "or", or the end of the text.
PHRASE_END = re.compile(r"\s*(?:[,;.)]|and\b|or\b|$)")
#: A be-verb and one word after a count with no noun, then the end of its phrase: the group
#: the count's members are said to be ("60 were primary and 40 were secondary"). Not a
#: participle, which says what was done to them ("620 were treated and 540 discharged").
_BE_CATEGORY = re.compile(r"[ \t]+(?:are|were|is|was)[ \t]+(?P<group>(?![a-z-]*(?:ed|ing)\b)[a-z][a-z-]*)"
                          rf"(?={PHRASE_END.pattern})")


def category_end(text, pos):
    """Where "were primary" ends after the count that ends at `pos`, or None."""
    m = _BE_CATEGORY.match(text, pos)
    return m.end() if m else None


def category(text, pos):
    """The group "were primary" names after the figure that ends at `pos` ("primary"), or ""."""
    m = _BE_CATEGORY.match(text, pos)
    return m.group("group") if m else ""


def noun_end(text, pos, noun):
    """Where the noun of the figure that ends at `pos` ends: right after the figure ("70
    nurses") or past a be-verb, as complement_noun reads it ("70 were nurses"). None
    when the noun is not there."""
    if not noun:
        return None
    at = text.find(noun, pos)
    if at != -1 and at - pos <= 3:
        return at + len(noun)
    be = _BE_AFTER.match(text, pos)
    if be and text.startswith(noun, be.end()):
        return be.end() + len(noun)
    return None


#: What stands before a number that labels rather than counts: another number of a list
#: ("References 1 and 2 are monographs") or a name ("Sources 5.5 ...").
_LABEL_BEFORE = re.compile(r"(?:\d\s*(?:,|and|&)|[A-Z][a-z]+)\s*$")


def complement_noun(text, start, end):
    """What the count at text[start:end], with no noun after it, counts when it is the
    subject of a be-verb whose complement is a plural noun: "95 were dogs", "the other two
    are full-time practitioners" (noun, head, modifiers, partial as noun_phrase gives
    them). No noun for a participle ("70 were fitted"), an adjective or a phrase of place
    ("30 were in London"), nor for numbers that label ("References 1 and 2 are
    monographs")."""
    be = _BE_AFTER.match(text, end)
    if not be:
        return NO_NOUN
    label = _LABEL_BEFORE.search(text, max(0, start - 16), start)
    if label and label.group(0).strip().lower() not in STOP_WORDS:
        return NO_NOUN
    noun, head, modifiers, partial = noun_phrase(text, be.end())
    if not head or not looks_plural(noun.split()[-1]) or head in TIME_UNITS:
        return NO_NOUN
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
#: Verbs that say what kind of money an amount is: "saved the NHS £1.5bn" is a saving.
MONEY_VERBS = {"saved": "saving", "saves": "saving", "invested": "investment",
               "invests": "investment", "spent": "spend", "donated": "donation",
               "awarded": "award", "earned": "income", "earns": "income"}
_MONEY_WORD = re.compile(r"[A-Za-z]+")
#: A prefix that makes a money word describe something else ("pre-award", "non-grant").
_PREFIXED = re.compile(r"(?<![A-Za-z])(?:pre|post|non)-$", re.IGNORECASE)


def money_noun(text, start, end, reach=6):
    """(noun, head, ()) for an amount: the money word nearest to it within `reach` words
    either side ("a cost saving of US$360m" -> saving; "£60M investment" -> investment)."""
    before = list(_MONEY_WORD.finditer(text, max(0, start - 60), start))[-reach:]
    after = list(_MONEY_WORD.finditer(text, end, min(len(text), end + 60)))[:reach]
    by_distance = sorted([(start - m.end(), m) for m in before] + [(m.start() - end, m) for m in after],
                         key=lambda pair: pair[0])
    for _, m in by_distance:
        word = singular(m.group(0))
        if _PREFIXED.search(text[max(0, m.start() - 6):m.start()]):
            continue  # "pre-award interest": not an award
        if word in MONEY_NOUNS:
            return m.group(0), word, ()
        verb = MONEY_VERBS.get(m.group(0).lower())
        if verb:
            return m.group(0), verb, ()
    return "", "", ()


#: The end of an owner's name: "Gallery's ", "members' ".
_OWNS = r"(?:['’]s|s['’])\s+"


def of_phrase(text, pos):
    """For shares: "87% of the 290 respondents" counts respondents, and so do "87% of
    the survey's respondents", "of the Weldon Gallery's 800 paintings" and "of members'
    votes"."""
    m = re.match(
        r"\s+of\s+(?:(?:the|a|an|all|these|those|their|our|its|his|her)\s+"
        r"(?:[\w-]+\s+){0,2}[\w-]+" + _OWNS + r"|(?:the\s+|all\s+|these\s+|those\s+|their\s+|"
        r"our\s+|its\s+)?(?:(?:(?-i:[A-Z])[\w-]*\s+){0,2}[\w-]+" + _OWNS + r")?)(?:[\d,]+\s+)?",
        text[pos:pos + 60], re.IGNORECASE,
    )
    return pos + m.end() if m else None


_ROLE_BEFORE = re.compile(r"([A-Za-z]+)\s*(?:£|\$|€|GBP\s?|USD\s?|EUR\s?)?$")
#: Where a role word can stand: the word the pattern reads is one of _ROLE_WORDS.
_ROLE_WORD = Near(_ROLE_BEFORE, "|".join(_ROLE_WORDS), re.IGNORECASE, symbols="")


def role_of(text, start):
    """The word before text[start:] that gives a figure a role ("from", "to", "by",
    "of", "than"), or "": read from the 16 characters before it."""
    lo = max(0, start - 16)
    if not _ROLE_WORD.opens_in(text, lo, start):
        return ""  # no role word in the window, so the word the pattern reads is none
    m = _ROLE_BEFORE.search(text[lo:start])
    if m and m.group(1).lower() in _ROLE_WORDS:
        return m.group(1).lower()
    return ""
