"""Fraction words ("a third", "roughly one quarter") and multipliers ("doubled", "3-fold",
"a factor of ten"), read beside the figures quantities.py reads."""

import re

from claimcheck.parse.counted import NO_NOUN, noun_phrase, of_phrase, role_of
from claimcheck.parse.masks import _inside
from claimcheck.parse.numbers import (
    FRACTIONS, MULTIPLIER_VERBS, UNITS, WORD_NUMBER, digits_to_number, words_to_number,
)
from claimcheck.parse.qualifiers import (
    _QUALIFIER_BEFORE, _QUALIFIER_KIND, _interval, _share_interval,
)
from claimcheck.parse.quantity import make_quantity
from claimcheck.parse.relations import CHANGE_NOUN_AFTER, _changed_by, _sized_as_change
from claimcheck.parse.scope import scope_of
from claimcheck.types import Scope

#: The scope of a figure read bare (see quantities.BARE_ABOVE).
NO_SCOPE = Scope()

_FRACTION = re.compile(
    r"(?=[A-Za-z])(?<![A-Za-z])(?:(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine)[ -])?"
    r"(?P<den>half|halves|thirds?|quarters?|fifths?|tenths?)(?![A-Za-z])",
    re.IGNORECASE,
)
#: "doubled", "tripling", "halved" (the words numbers.MULTIPLIER_VERBS gives factors for), "twice".
_MULTIPLIER_VERB = "|".join(sorted(MULTIPLIER_VERBS, key=len, reverse=True)) + "|twice"
#: A number in words before "fold": WORD_NUMBER with at most eight scale words, so a
#: long run of number words is not read to its end again from each word of it.
_FACTOR_WORDS = WORD_NUMBER.replace(")?)*", ")?){0,8}")
_MULTIPLIER_WORD = re.compile(
    rf"(?=[\dA-Za-z])(?<![A-Za-z])(?:(?P<verb>{_MULTIPLIER_VERB})"
    # a number starts where no digit stands before it, or after a letter and a digit
    # ("x12fold" reads "2fold"), so a long run of digits is not read from each of them
    rf"|(?P<n>{_FACTOR_WORDS}|(?:(?<!\d)|(?<=[A-Za-z]\d))\d+(?:\.\d+)?)[- ]?fold"
    rf"|(?:a\s+)?factor\s+of\s+(?P<f>{WORD_NUMBER}|[\d,]+(?:\.\d+)?))(?![A-Za-z0-9])",
    re.IGNORECASE,
)

#: What every match of _MULTIPLIER_WORD holds: a text without any is not scanned for them
#: (a scan that tries the number words at each digit of a run of figures).
_MULTIPLIER_HINT = re.compile(r"fold|factor|twice|doubl|tripl|trebl|quadrupl|halv", re.IGNORECASE)


def multiplier(text, start, end, factor):
    """A multiplier with the interval its qualifier allows: "nearly 6-fold" is 5.4 to 6."""
    qual_m = _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
    qualifier = _QUALIFIER_KIND.get(qual_m.group("q").lower(), "") if qual_m else ""
    low, high = _interval(factor, qualifier)
    if not qualifier:
        low, high = factor, factor
    q_start = qual_m.start() if qual_m else start
    return make_quantity(text[q_start:end], q_start, end, factor, low, high, "multiplier",
                         "x", qualifier=qualifier, role=role_of(text, q_start))


#: What may follow a fraction that sizes a change: the scope of the change ("a
#: reduction of a third in waiting times", "fell by half over the year").
_SCOPE_AFTER_SIZE = re.compile(r"\s*(?:in|over|since|between|across|among|for|from|compared)\b", re.I)


def fractions_and_multipliers(text, masks, taken, bare=False):
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
        qual_m = _QUALIFIER_BEFORE.search(text, max(0, m.start() - 40), m.start())
        qual = qual_m.group("q") if qual_m else ""
        q_s = qual_m.start() if qual_m else m.start()
        nxt = text[m.end():m.end() + 12]
        # "fell by a third", "a reduction of a third" (a size only beside a change)
        sized = role_of(text, q_s) == "by" or _sized_as_change(text, q_s, m.end())
        if sized and (_SCOPE_AFTER_SIZE.match(nxt) or CHANGE_NOUN_AFTER.match(nxt)
                      or _changed_by(text, q_s)):
            pass  # "a reduction of a third in waiting times", "a third lower", "half over the
            # year", "dropped by a fifth last year"
        elif den_word != "half" and not re.match(r"\s*(?:of\b|[.,;)]|$)", nxt):
            continue  # "a third party", "one quarter century"
        elif den_word == "half" and not re.match(r"\s*(?:of\b|the\b|[.,;)]|$)", nxt) and not num_word:
            continue
        num = {"a": 1, "an": 1, "": 1}.get(num_word, UNITS.get(num_word, 1))
        share = 100.0 * num / FRACTIONS[den_word]
        low, high = _share_interval(share, share * 0.1, qual)
        of_pos = of_phrase(text, m.end())
        noun, head, mods, partial = noun_phrase(text, of_pos) if of_pos and not bare else NO_NOUN
        out.append(
            make_quantity(
                text[q_s:m.end()], q_s, m.end(), share, low, high, "percent", "%", noun, head,
                mods, _QUALIFIER_KIND.get(qual.lower(), ""),
                NO_SCOPE if bare else scope_of(text, q_s, m.end(), m.end(), partial, head),
                role="by" if sized else "",
            )
        )
    for m in _MULTIPLIER_WORD.finditer(text) if _MULTIPLIER_HINT.search(text) else ():
        inside_only = all(m.start() <= q.start and q.end <= m.end() for q in taken
                          if q.start < m.end() and m.start() < q.end)
        if _inside(masks, m.start(), m.end()) or not inside_only or any(
                q.kind == "multiplier" for q in taken if q.start < m.end() and m.start() < q.end):
            continue  # numbers inside "a factor of a thousand" give way; "3-fold" is read already
        if m.group("verb"):
            factor = MULTIPLIER_VERBS.get(m.group("verb").lower(), 2.0)
        else:
            n = m.group("n") or m.group("f")
            factor = digits_to_number(n) if n[0].isdigit() else words_to_number(n)
            if factor is None:
                continue
        out.append(multiplier(text, m.start(), m.end(), factor))
    return out
