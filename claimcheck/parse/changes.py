"""The sizes of stated changes, read so that two of them can be compared.

"Waiting times fell by 41%", "waiting times dropped by roughly one quarter", "a 45%
reduction in prescribing errors", "passenger numbers doubled": each says which way a
measure moved and by how much, relative to where it started. `step_of(claim, q)` reads
one into a `Step`: the direction ("up", "down", or "" when the word does not say, as
"improved" does not), the size as a share of the starting level (the interval the
wording admits: "41%" is 40.5 to 41.5, "doubled" an increase of 90% to 110%, "halved" a
fall of 45% to 55%), or, for a change in percentage points or in a count or an amount
("rose by 5 percentage points", "cut by £2m"), that amount in its unit; and what
changed, as its content words ("waiting", "time"), read from the words the change
speaks of: the object of the verb ("cut prescribing errors by 45%"), the noun after a
change noun ("a 45% reduction in prescribing errors", "50% more electricity") or else
the subject of the clause ("traffic through the village centre fell by 41%").

Two steps can be one change stated twice when their measures name the same thing (one's
words include the other's: "print sales of the magazine" and "sales of the magazine's
print edition"), and they cannot both hold when their directions differ or their sizes
do not meet. Whether they are one is weighed as for any two figures (checks/matching.py).
All reading here is of the claim's own sentence, in time linear in its length.
"""

import re
from dataclasses import dataclass

from claimcheck.parse.words import CHANGE_VERB, STOP_WORDS, TIME_UNITS, singular
from claimcheck.parse.quantity import INF
from claimcheck.parse.relations import CHANGE_LEAD_BEFORE, CHANGE_NOUN_AFTER

#: A multiple is said in whole numbers ("doubled" for 1.9 times): its slack, relative.
MULTIPLE_TOLERANCE = 0.1
#: Words of change that say the measure went down.
_DOWN = re.compile(
    r"\b(?:fell|fallen|fall|falls|falling|declin\w*|decreas\w*|dropp\w*|drop|drops|reduc\w*|"
    r"cut|cuts|halv\w*|shrank|shrunk|shrink\w*|lower\w*|down|less|fewer|slash\w*|"
    r"contract\w*)\b", re.IGNORECASE)
#: Words of change that do not say which way the measure went: "improved by 20%" is a
#: fall of waiting times and a rise of scores.
_EITHER_WAY = re.compile(r"\b(?:improv\w*|chang\w*|moved|gain\w*|shift\w*)\b", re.IGNORECASE)
#: "50% more electricity", "30% fewer admissions": the size of a comparison, then its noun.
_MORE_AFTER = re.compile(r"\s+(?:more|fewer|less)\b", re.IGNORECASE)
#: "three times as much electricity", "five times more visitors".
_TIMES_AS = re.compile(r"\s+(?:as\s+(?:much|many)|more|higher|larger|greater)\b", re.IGNORECASE)
#: "a 45% reduction in prescribing errors", "an increase of 20% in sales": what changed.
_IN_OF = re.compile(r"\s+(?:in|of)\s+", re.IGNORECASE)
#: Where the words of a measure end: punctuation, a figure, or a word that opens another
#: phrase (a preposition other than "of", a conjunction, a verb of change).
_PHRASE_END = re.compile(
    r"[,.;:()\[\]\d£$€%]|\b(?:in|at|for|on|by|from|to|since|over|across|among|between|"
    r"after|before|during|within|following|compared|than|when|while|whereas|which|that|"
    r"who|as|with|and|or|but|because|once|thanks)\b", re.IGNORECASE)
#: Where a clause opens, looking back from a verb of change: a break in the sentence, or
#: a word that opens a clause of its own ("told that traffic ... fell").
_CLAUSE_OPENS = re.compile(
    r"[,;:()]|\b(?:that|which|while|whereas|when|where|because|although|though|and|but|"
    r"after|once|since|says|said|say|reports|reported|shows|showed|show|found|finds|"
    r"suggests|suggested|estimates|estimated|claims|claimed|notes|noted)\b", re.IGNORECASE)
#: A place named again by a common noun ("car crime in the village" after "car crime in
#: Hollowell"): it refers back, and says nothing of which measure changed.
_PLACE_AGAIN = re.compile(
    r"\b(?:in|across|throughout|within|around)\s+(?:the|this|that)\s+(?:local\s+)?(?:village|"
    r"town|city|county|region|area|country|borough|district|nation|island|parish)\b",
    re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: Words that say nothing about which measure changed: how it is counted, when, and the
#: words of change themselves.
_EMPTY = frozenset(
    """
    number numbers level levels amount amounts rate rates total totals figure figures count
    share proportion value values overall last first next same previous past year's
    recent recently now since ago period time times as much many
    is are was were been be being has have had saw see seen sees
    """.split()) | TIME_UNITS
#: "e.g.", "for example" before a change: one instance of it, not the change itself.
_EXAMPLE = re.compile(r"\b(?:e\.\s?g\b|for example|for instance|such as)", re.IGNORECASE)
#: A comparison with another named thing ("93% more crime than those on a cul-de-sac",
#: "three times as much as the one it replaced"): a ratio to that other, which two
#: sentences seldom name alike, not a change over time.
_THAN = re.compile(r"\bthan\b|\bas\s+(?:much|many)\b[^,;.]*\bas\b", re.IGNORECASE)
#: How far back from a figure the verb of its change may stand.
_VERB_REACH = 60


@dataclass(frozen=True)
class Step:
    """A stated change: `direction` "up", "down" or "" (not said); its size as the
    interval [low, high], a share of the starting level in per cent (`unit` "%"), or an
    amount in the unit of the figure ("pp" for percentage points, a currency code, or
    "count"); and the content words of what changed."""

    direction: str
    low: float
    high: float
    unit: str
    measure: frozenset

    def meets(self, other):
        """Whether the two changes can both hold: the same direction (or one not said)
        and sizes that meet."""
        if self.direction and other.direction and self.direction != other.direction:
            return False
        return self.low <= other.high and other.low <= self.high

    def same_measure(self, other):
        """Whether the two changes are of one thing: one's words include the other's."""
        a, b = self.measure, other.measure
        return bool(a and b) and (a <= b or b <= a)


#: A word after these is a time ("this season", "last summer"), not what changed.
_TIME_BEFORE = frozenset("this last next every each previous past coming following".split())


def _stem(word):
    """A word without its plural or its verb ending: "walking" and "walk" are one."""
    word = singular(word)
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[:-len(ending)]
    return word


def _content(words):
    out, before = set(), ""
    for word in words:
        low = word.lower().strip("'’-")
        if low.endswith(("'s", "’s")):
            low = low[:-2]
        timed, before = before in _TIME_BEFORE, low
        if timed or low in STOP_WORDS or low in _EMPTY or len(low) <= 2 or low.endswith("ly") \
                or CHANGE_VERB.fullmatch(low):
            continue
        out.add(_stem(low))
    return frozenset(out - _EMPTY)


class _Measure(frozenset):
    """The content words of what changed, with the words as written (`text`)."""

    text = ""


def _measure(text, lo, hi):
    said = _PLACE_AGAIN.sub(" ", text[lo:hi])
    found = _Measure(_content(_WORD.findall(said)))
    words = text[lo:hi].split()
    while words and (words[-1].lower() in STOP_WORDS or words[-1].lower() in _EMPTY
                     or CHANGE_VERB.fullmatch(words[-1])):
        words.pop()  # "waiting times have been"
    found.text = " ".join(words).strip(" ,;:")
    return found


def _phrase_after(text, pos):
    """The content words of the phrase starting at `pos`, up to where it ends."""
    end = _PHRASE_END.search(text, pos)
    stop = end.start() if end else len(text)
    return _measure(text, pos, min(stop, pos + 80))


def _phrase_before(text, pos):
    """The content words from the clause's opening to `pos`: the subject of a verb."""
    lo = max(0, pos - 120)
    opens = [m.end() for m in _CLAUSE_OPENS.finditer(text, lo, pos)]
    for start in reversed([lo] + opens):  # the nearest opening that leaves some words
        words = _measure(text, start, pos)
        if words:
            return words
    return _Measure()


def _verb_before(text, pos):
    """The last word of change in the few words before `pos`, or None."""
    found = None
    for m in CHANGE_VERB.finditer(text, max(0, pos - _VERB_REACH), pos):
        found = m
    return found


def _direction(word):
    if not word or _EITHER_WAY.search(word):
        return ""
    return "down" if _DOWN.search(word) else "up"


def _measure_of_verb(text, verb):
    """What a verb of change speaks of: its object, if words stand between it and the
    figure ("cut prescribing errors by 45%"), else its subject ("waiting times fell")."""
    gap = text[verb.end():]
    obj = _phrase_after(text, verb.end()) if gap[:1].isspace() else frozenset()
    return obj or _phrase_before(text, verb.start())


def _size(q, direction):
    """The interval of the change's size in per cent of the starting level."""
    if q.kind == "multiplier":
        low, high = q.low * (1 - MULTIPLE_TOLERANCE), q.high * (1 + MULTIPLE_TOLERANCE)
        if direction == "down" and q.value > 1:  # "fell fourfold": to a quarter
            low, high = 1 / high, (1 / low if low > 0 else INF)
        if q.value < 1 or direction == "down":
            return "down", 100 * (1 - min(high, 1)), 100 * (1 - min(low, 1))
        return "up", 100 * (low - 1), (100 * (high - 1) if high < INF else INF)
    return direction, q.low, q.high


def step_of(claim, q):
    """The change whose size q states, or None: "by 41%", "a 45% reduction", "rose 30%",
    "50% more", "doubled", "three times as much", "cut by £2m"."""
    text, start, end = claim.text, q.start - claim.start, q.end - claim.start
    if _EXAMPLE.search(text, 0, start):
        return None  # "e.g. reducing burglary by 66% in one area": an instance
    clause_end = re.search(r"[,;:()]|$", text[end:]).start() + end
    if _THAN.search(text, end, clause_end):
        return None  # "38% fewer crimes than those not overlooked"
    if q.kind == "multiplier":
        verb_like = text[start:end].lower().endswith(("ed", "ing"))
        times = _TIMES_AS.match(text, end)
        verb = _verb_before(text, start)
        if verb_like:  # "doubled", "halved": the verb is the figure
            measure = _phrase_after(text, end) or _phrase_before(text, start)
            direction = "down" if q.value < 1 else "up"
        elif times:
            measure = _phrase_after(text, times.end())
            direction = "up"
        elif verb is not None and not re.search(r"[,;:()]", text[verb.end():start]):
            measure = _measure_of_verb(text, verb)  # "grew fourfold"
            direction = _direction(verb.group(0)) or "up"
        else:
            return None
        direction, low, high = _size(q, direction)
        return Step(direction, low, high, "%", measure) if measure else None
    if q.kind not in ("percent", "count", "money"):
        return None
    unit = q.unit if q.kind != "count" else "count"
    if q.role == "by":
        verb = _verb_before(text, start)
        if verb is None:
            return None
        measure = _measure_of_verb(text, verb)
        direction = _direction(verb.group(0))
    elif q.kind == "percent" and not q.role and (after := CHANGE_NOUN_AFTER.match(text, end)
                                                 or _MORE_AFTER.match(text, end)):
        word = after.group(0)
        rest = _IN_OF.match(text, after.end())
        measure = _phrase_after(text, rest.end() if rest else after.end())
        if not measure or re.match(r"\s+(?:higher|lower)\b", word, re.IGNORECASE):
            measure = _phrase_before(text, start)  # "bills are 33% lower"
        direction = _direction(word)
    elif q.kind == "percent" and not q.role and (
            lead := CHANGE_LEAD_BEFORE.search(text, max(0, start - 30), start)):
        verb = _verb_before(text, start)  # "admissions fell 30%"
        measure = _measure_of_verb(text, verb) if verb is not None else frozenset()
        direction = _direction(lead.group(0))
    else:
        return None
    if not measure:
        return None
    if q.kind == "count" and q.head:  # "rose by 200 staff": staff
        grown = _Measure(measure | {q.head})
        grown.text = f"{measure.text} ({q.noun})"
        measure = grown
    return Step(direction, q.low, q.high, unit, measure)


def _scopes_agree(q1, q2):
    """Whether two changes may be of one period and place: years that meet, places in
    common (when both name some), and both said as fact or both not (supposed, an aim,
    a state since changed: "aims to cut waiting times by 30%" / "cut them by 12%")."""
    if q1.scope.fact_marks() != q2.scope.fact_marks():
        return False
    y1, y2 = q1.years, q2.years
    if y1 and y2 and (y1[1] < y2[0] or y2[1] < y1[0]):
        return False
    p1, p2 = q1.places, q2.places
    return not (p1 and p2 and not (p1 & p2))


def steps_at_odds(claim, q1, other, q2):
    """(step1, step2) when q1 and q2 state the sizes of changes of one measure, in one
    scope and one unit, that cannot both hold; else None."""
    if not _scopes_agree(q1, q2):
        return None
    a, b = step_of(claim, q1), step_of(other, q2)
    if a is None or b is None or a.unit != b.unit or not a.same_measure(b) or a.meets(b):
        return None
    return a, b


def step_agrees_in(claim, q, sentence):
    """Whether `sentence` states q's change (one measure) with a size that fits: then the
    sentence restates it, and its other changes are of other things."""
    mine = step_of(claim, q)
    if mine is None:
        return False
    for other in sentence.numeric:
        theirs = step_of(sentence, other)
        if theirs is not None and theirs.unit == mine.unit and mine.same_measure(theirs) \
                and mine.meets(theirs):
            return True
    return False
