"""The quantity parser: the single source of what a number in a sentence means.

`parse_quantities(sentence)` reads every quantity in a sentence into a `Quantity`: its
value and the interval the wording admits ("over 2,400" admits anything above 2,400;
"around 3,000" admits 2,550 to 3,450; "2,400" alone admits 2,350 to 2,449 because the
trailing zeros are rounding), its unit or currency, what it counts ("international MBT
Centres", head "centre"; read by counted.py), its qualifier and its scope (the year,
places and rates that the sentence ties it to). Citation markers, DOIs, page ranges,
identifiers such as "COVID-19" and list numbers are not quantities. statements.py reads
what several quantities say together. Checks ask these modules; they never re-parse text.
"""

import re
import string

from claimcheck.parse.counted import (
    NO_NOUN, complement_noun, money_noun, noun_phrase, of_phrase, role_of,
)
from claimcheck.parse.fractions import NO_SCOPE, fractions_and_multipliers, multiplier
from claimcheck.parse.masks import _inside, _masked_spans
from claimcheck.parse.numbers import (
    _CURRENCY_BEFORE, DIGITS, SUFFIX_SCALES, WORD_NUMBER, _currency_code, _currency_of_word,
    _spaced_thousands_end, digits_to_number, rounding_unit, words_to_number,
)
from claimcheck.parse.openings import Near
from claimcheck.parse.qualifiers import (
    _QUALIFIER_BEFORE, _QUALIFIER_KIND, _QUALIFIER_PATTERN, _interval, _rounding,
    _share_interval,
)
from claimcheck.parse.quantity import INF, make_quantity, year_like
from claimcheck.parse.relations import (
    _change_roles, _change_verb_before, _decades, _drop_inside_factors, _mark_series,
    _parts_of_wholes, _shares_of_wholes, _shift, _sized_as_change,
)
from claimcheck.parse.scope import MONTH_NAMES, PLACES, scope_of
from claimcheck.parse.words import (
    MEASURE_UNITS, STOP_WORDS, TIME_UNITS, glued_unit, plural_follows, singular,
)


_ATOM = re.compile(
    # every number opens with a digit, a point or a letter: other places fail at once
    rf"(?=[\d.A-Za-z])(?:"
    rf"(?:(?<=GBP)|(?<=USD)|(?<=EUR)|(?<=AUD)|(?<=CAD)"
    rf"|(?<=\b(?-i:c))(?=\d)|(?<=\b(?-i:c)\.)(?=\d)"  # "c2,000", "c.2,000": circa
    rf"|(?<=\.\.\.)(?=\d)|(?<=…)(?=\d)"  # after an ellipsis: "...10-12% increase"
    rf"|(?<![A-Za-z0-9_./\\,]))"
    rf"(?P<digits>{DIGITS})(?![0-9])"
    rf"|(?<![A-Za-z])(?P<words>{WORD_NUMBER})(?![A-Za-z]))",
    re.IGNORECASE,
)
_MONTH_BEFORE = Near(re.compile(r"(?<![A-Za-z])(?-i:" + MONTH_NAMES + r")\s*$"),
                     r"(?<![A-Za-z])(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", symbols="")
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
#: A name after a letter set apart from a number: the letter is the name's initial.
_NAME_NEXT = re.compile(r" [A-Z][a-z]")
#: The word after a scale letter, when it may be a unit ("1.08 M ha").
_UNIT_NEXT = re.compile(r"[ \t]?([a-z]+)\b")
#: What a temperature in kelvin is written before ("sub 100 K temperatures").
_TEMPERATURE_NEXT = re.compile(r"[ -](?:temperatures?|cryogenic)\b", re.I)
_DENOMINATOR_NEXT = re.compile(r"[ -](?:half|halves|thirds?|quarters?|fifths?|tenths?)\b", re.I)
_RANGE_LINK = re.compile(
    r"(?:\s*(?:-|–|—|to|/)\s*|\s+or\s+)(?P<cur>£|\$|€|GBP\s?|USD\s?|EUR\s?)?", re.IGNORECASE)
#: "one to ten days", "one or two staff": "one" as the start of a range is a number.
_ONE_STARTS_RANGE = re.compile(rf"(?:\s*(?:-|–|to)|\s+or)\s*(?!one\b)(?:\d|{WORD_NUMBER})",
                               re.IGNORECASE)
_RATIO_LINK = re.compile(r"\s+(?:out\s+of|in)\s+", re.IGNORECASE)
_BETWEEN = Near(re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE), r"\b(?:between|from)",
               symbols="")
_BETWEEN_LINK = re.compile(r"\s+and\s+(?P<cur>£|\$|€)?")  # "between 5 and 10", "£1m and £5m"
#: A number in words that ends in its scale ("two million") is rounded to that scale.
_LAST_SCALE = re.compile(r"\b(thousand|million|billion)\W*$", re.IGNORECASE)
#: A number in words below a thousand that ends in hundreds is round: "three hundred"
#: stands for 295-305, as "2,400" stands for 2,350-2,449 (two significant figures);
#: "thirty-seven thousand nine hundred" is as precise as "37,900".
_HUNDREDS = re.compile(r"\bhundred\W*$", re.IGNORECASE)


def _atoms(text, masks):
    """(start, end, value, is_word) for each number written in the text."""
    out = []
    taken = 0
    for m in _ATOM.finditer(text):
        start, end = m.span()
        if start < taken or masks and _inside(masks, start, end):
            continue
        if m.group("digits"):
            # glued letters make an identifier ("3D", "12th", "5s"), except scale suffixes
            # and units of measure of two letters or more ("80mph", "6.5km", "20kg")
            if _GLUED.match(text, end) and not re.match(
                r"(?:k|m|mn|bn|b)(?![A-Za-z])", text[end:end + 3], re.IGNORECASE
            ) and not glued_unit(text, end):
                continue
            if text.startswith(",", end):  # "£14, 013" (see _spaced_thousands_end)
                end = _spaced_thousands_end(text, m)
            taken = end
            out.append((start, end, digits_to_number(text[start:end]), False))
        else:
            phrase = m.group("words")
            value = words_to_number(phrase)
            if value is None or _DENOMINATOR_NEXT.match(text, m.end()):
                continue  # "two thirds" is a fraction, read elsewhere
            if phrase.lower() == "one" and not (_RATIO_LINK.match(text, m.end())
                                                 or _ONE_STARTS_RANGE.match(text, m.end())):
                continue  # "one of", "one day": a pronoun, except in "one in five"
            if value >= 1e300:
                continue  # words that pile scales up past any count ("... hundred and " repeated)
            out.append((m.start(), m.end(), float(value), True))
    return out


def _is_year(text, start, end, value, after_end):
    if not year_like(value) or value != int(value) or "," in text[start:end]:
        return False
    if text[start].isalpha():
        return False  # "by two thousand people": years are written in digits
    before = text[max(0, start - 12):start].lower()
    if _MONTH_BEFORE.search(text, max(0, start - 12), start):
        return True  # "April 2012"
    if _QUALIFIER_BEFORE.search(text, max(0, start - 24), start):
        return False
    follow = re.match(r"\s+([a-z][a-z'’-]*)", text[after_end:after_end + 30])
    if follow and follow.group(1) not in STOP_WORDS and not re.search(
        r"(?:in|since|by|from|until|till|to|during|of|between|and|before|after|"
        r"mid|early|late|a|an|the|this|that|its|their|her|his|our|my|your|\(|-|–|['’]s)\s*$",
        before,
    ):
        # "2000 participants", "2000 new jobs"; but "a 2008 monograph", "1993 study"
        return not plural_follows(text, after_end)
    return True


#: A sentence holding more figures than this is not prose but a table or a run of
#: numbers: its figures are read without their context (what each counts, its scope and
#: the lists and wholes it is part of are left out), which would take most of the time
#: spent on them. The most in one
#: sentence of the REF2014 case studies of nine units is 40 (in a list of sources) and
#: 30 in prose; docs/reliability.md gives the margin.
BARE_ABOVE = 200


def parse_quantities(text, base=0):
    """Every quantity in `text` (a sentence, usually), in order. Offsets are shifted by `base`."""
    masks = _masked_spans(text)
    atoms = _atoms(text, masks)
    bare = len(atoms) > BARE_ABOVE
    plain = bare and _PLAIN_RUN.search(text)
    out, used_until, i = [], -1, 0
    while i < len(atoms):
        start, end, value, is_word = atoms[i]
        if start < used_until:
            i += 1
            continue
        read = _read_plain(text, atoms, i) if plain else None
        q, consumed = read or _read_quantity(text, atoms, i, masks, bare)
        i += consumed
        if q is not None:
            out.append(q)
            used_until = q.end
    out += fractions_and_multipliers(text, masks, out, bare)
    out += _decades(text, masks)
    out = _drop_inside_factors(out)
    out.sort(key=lambda q: q.start)
    out = _change_roles(text, out)
    if not bare:  # lists, parts and shares of wholes are context too
        out = _shares_of_wholes(text, _parts_of_wholes(text, _mark_series(text, out)))
    if base:
        out = [_shift(q, base) for q in out]
    return out


#: A word after a number that is not the end of a year span: a counted noun ("from 12
#: staff in 2016 to 30 staff"), not a little word ("2012 to 14 and beyond").
_WORD_AFTER = re.compile(r"\s+([a-z][a-z'’-]*)")


def _counted_after_year(text, value, link, second):
    """Whether "2016 to 30" is a year, then a count of its own ("in 2016 to 30 staff"):
    a year linked by a word to a number under 100 that a noun follows."""
    start, end, number, worded = second
    if not year_like(value) or number >= 100 or worded or not link.group(0).strip().isalpha():
        return False
    word = _WORD_AFTER.match(text, end)
    return bool(word) and word.group(1) not in STOP_WORDS


def _year_ended(year, end):
    """The year that "2012-14" ends in: `end` (under 100) read in the century of `year`,
    or the next one when it would fall before it ("1998-02" ends in 2002)."""
    return end + ((year // 100) * 100 if end >= year % 100 else (year // 100 + 1) * 100)


#: Around a figure read bare (see BARE_ABOVE), what may change how _read_quantity reads
#: it, besides its currency sign and the sign after it: a letter (the words of
#: qualifiers, currencies, names, links such as "to" and "out of", what follows a year,
#: scales), any character outside ASCII (a letter to a pattern that ignores case, or a
#: sign such as "£", "–" or "≥") and the qualifiers' "~<>".
_PLAIN_CHARS = re.escape(string.digits + string.whitespace
                         + "".join(c for c in string.punctuation if c not in "~<>"))
_NOT_PLAIN = re.compile(f"[^{_PLAIN_CHARS}]")
#: What, right after a figure with no letter after it, is its ending: "5+", "5%", "5 %".
_SIGN_AFTER = re.compile(r"(?P<plus>\+)|\s?%")
#: How far before a figure _read_quantity looks (a qualifier, 40 characters before the
#: currency sign, the farthest), and after it (the word after a year, 30 characters,
#: besides the link to the next figure and that figure's ending).
_PLAIN_BEFORE, _PLAIN_AFTER = 46, 31
#: What a text holding a figure that _read_plain reads holds: the window around it, of
#: at least _PLAIN_AFTER + 1 characters (fewer only in a text too short to be bare). A
#: text without it is not tried figure by figure.
_PLAIN_RUN = re.compile(f"[{_PLAIN_CHARS}]{{{_PLAIN_AFTER + 1}}}")


def _read_plain(text, atoms, i):
    """`_read_quantity(text, atoms, i, masks, bare=True)` for a figure in digits with no
    word near it: nothing of _NOT_PLAIN within the windows _read_quantity looks in, no
    "+" after it. It is a count, a year, a percentage or an amount in dollars, or a range
    of counts or years with the next figure ("1-5", "2012-14"). None when the figure may
    be anything else: _read_quantity reads it then. A sentence of thousands of figures
    and no words ("1-1-1-...", "(1(1(1...") is read in two thirds of the time."""
    start, end, value, _ = atoms[i]
    stop = end + _PLAIN_AFTER
    nxt = atoms[i + 1] if i + 1 < len(atoms) else None
    if nxt and nxt[1] + 3 > stop:
        stop = nxt[1] + 3
    if _NOT_PLAIN.search(text, start - _PLAIN_BEFORE if start > _PLAIN_BEFORE else 0, stop):
        return None
    sign = _SIGN_AFTER.match(text, end)
    if sign and sign.group("plus"):
        return None
    a_end = sign.end() if sign else end
    lo = start - 6 if start > 6 else 0  # with no letter before it, a currency is a "$"
    cur = "$" in text[lo:start] and _CURRENCY_BEFORE.search(text, lo, start)
    q_start = cur.start() if cur else start
    currency = _currency_code(cur.group("cur")) if cur else ""
    kind = "money" if currency else ("percent" if sign else "count")
    step = rounding_unit(text[start:end], value)
    link = _RANGE_LINK.match(text, a_end)
    if link and nxt and nxt[0] == link.end():
        if kind != "count" or link.group("cur"):
            return None
        if link.group(0).strip() != "/" or year_like(value):
            s2, e2, v2, _ = nxt
            if year_like(value) and v2 < 100:
                v2 = _year_ended(value, v2)
            if v2 > value:
                if _SIGN_AFTER.match(text, e2):
                    return None  # "5-7%" is a range of percentages: not read here
                if year_like(value) and year_like(v2):
                    return make_quantity(text[start:e2], start, e2, value, value, v2, "year",
                                         qualifier="range"), 2
                return make_quantity(text[start:e2], start, e2, value, max(value, 0.0), v2,
                                     "count", qualifier="range", scope=NO_SCOPE), 2
    if kind == "count" and year_like(value) and _is_year(text, start, end, value, end):
        return make_quantity(text[start:end], start, end, value, value, value, "year"), 1
    role = ""
    if kind == "percent":
        low, high = _share_interval(value, max(step, 1.0) / 2, "")
        if _sized_as_change(text, q_start, a_end):
            role = "by"
    else:
        low, high = _interval(value, "", _rounding(step))
    return make_quantity(text[q_start:a_end], q_start, a_end, value, max(low, 0.0), high,
                         kind, currency or ("%" if sign else ""), scope=NO_SCOPE,
                         role=role), 1


def _read_quantity(text, atoms, i, masks, bare=False):
    """Read the quantity that starts with atom i. Returns (Quantity or None, atoms used).
    `bare`: without what it counts and its scope (see BARE_ABOVE)."""
    start, end, value, is_word = atoms[i]
    consumed = 1
    q_start = start
    cur = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    currency = ""
    if cur:
        currency = _currency_code(cur.group("cur"))
        q_start = cur.start()

    after = _AFTER.match(text, end)
    plus1, scale_group, plus2, pct_group, curword, fold, times = after.groups()
    scale_word = _scale_word(text, after, currency) if scale_group else ""
    scale = SUFFIX_SCALES.get(scale_word, 1)
    if scale_word and not scale_group.strip():
        scale = 1
    a_end = end
    if scale_word:
        a_end = after.end("scale")
    plus = bool(plus1 or plus2)
    if plus:
        a_end = max(a_end, after.end("plus2") if plus2 else after.end("plus"))
    pct = bool(pct_group)
    if pct:
        a_end = after.end("pct")
    if curword and not currency:
        currency = _currency_of_word(curword)
        a_end = after.end("curword")
    if fold or times:
        return multiplier(text, q_start, after.end("fold" if fold else "times"), value), consumed

    value *= scale
    if is_word:  # "two million" is as round as "2 million"; "twenty-one" is exact
        last = _LAST_SCALE.search(text, start, end)
        if last:
            step = float(SUFFIX_SCALES[last.group(1).lower()])
            # "a quarter of a million" to 250,000; "one and a half million" to 500,000
            step = (value % step or step) if value else step
        else:  # "one thousand one hundred" is as precise as "1,100"
            step = rounding_unit(f"{value:.0f}", value)
            if value < 1000 and _HUNDREDS.search(text, start, end):
                step = 10.0  # "three hundred": to two figures, as "2,400" is read
    else:
        step = rounding_unit(text[start:end], value / scale) * scale
    kind = "money" if currency else ("percent" if pct else "count")
    # "10 percentage points" is a difference of shares, not a share
    unit = currency or (("pp" if "point" in pct_group.lower() else "%") if pct else "")

    # ranges: "2013 - 2020", "2012-14", "between 5 and 10", "£1m-£5m"
    low_v = high_v = None
    qualifier = ""
    link = _RANGE_LINK.match(text, a_end)
    between = _BETWEEN.search(text, max(0, q_start - 10), q_start)
    if between and between.group(0).lower().startswith("between"):
        link = _BETWEEN_LINK.match(text, a_end)
    paired = link and i + 1 < len(atoms) and atoms[i + 1][0] == link.end() \
        and not _counted_after_year(text, value, link, atoms[i + 1])
    changing = paired and between and between.group(0).lower().startswith("from") \
        and _change_verb_before(text, q_start)
    if changing and scale == 1 and not pct and not year_like(value):
        # "rose from 500 to 700 thousand pounds", "from £5 to £7 million", "from 20 to 30%":
        # the first figure leaves out the ending the second gives for both
        scale2, pct2, currency2 = _ending(text, link, atoms[i + 1][1])
        if _shares_scale(value, atoms[i + 1][2], scale2):
            value, step = value * scale2, step * scale2
        if pct2 and not currency:
            kind, unit = "percent", "%"
        elif currency2 and not currency:
            currency = unit = currency2
            kind = "money"
    if link and not currency and link.group("cur"):
        link = None  # "from £910,000 in 2008 to £1.95m": a year, then an amount
    if paired and link:
        s2, e2, v2, w2 = atoms[i + 1]
        if not changing and not (link.group(0).strip() == "/" and not year_like(value)):
            after2 = _AFTER.match(text, e2)
            scale2 = SUFFIX_SCALES.get(_scale_word(text, after2, currency or link.group("cur"))
                                       if after2.group("scale") else "", 1)
            if scale2 == 1 and scale != 1:
                scale2 = scale
            elif scale == 1 and value < v2 and _shares_scale(value, v2, scale2):
                value *= scale2  # "£1-5m", "between 2 and 3 million people"; a range rises
            v2 = v2 * scale2
            pct2 = after2.group("pct") or ""
            if year_like(value) and v2 < 100 and not (w2 or pct2):  # "2012-14", not "2001 to 20%"
                v2 = _year_ended(value, v2)
            # "rose by 25% to 300", "up 10 points to 52%": figures of two kinds are no range
            one_kind = not pct or unit == ("pp" if "point" in pct2.lower() else "%" if pct2 else "")
            if one_kind and v2 > value:
                end2 = after2.end() if (after2.group("scale") or after2.group("pct")) else e2
                while end2 > e2 and text[end2 - 1].isspace():
                    end2 -= 1
                low_v, high_v, a_end = value, v2, end2
                consumed = 2
                qualifier = "range"
                if between:
                    q_start = between.start()
                if pct2:  # "10-20 percentage points" is a difference of shares
                    kind, unit = "percent", "pp" if "point" in pct2.lower() else "%"

    # ratios: "Nine out of 10", "one in five"
    if consumed == 1 and kind == "count":
        ratio = _RATIO_LINK.match(text, a_end)
        if ratio and i + 1 < len(atoms) and atoms[i + 1][0] == ratio.end():
            s2, e2, v2, w2 = atoms[i + 1]
            is_out_of = "out" in ratio.group(0).lower()
            if v2 >= value and v2 > 1 and (is_out_of or (v2 <= 1000 and not year_like(v2))):
                share = 100.0 * value / v2
                # "nine out of 10" is rounded in its first number; "one in eight", in its
                # second (an eighth, not anything from a sixteenth to three sixteenths)
                tol = 100.0 * 0.5 / v2 if is_out_of else share * 0.5 / v2
                qual_m = _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
                qual = qual_m.group("q") if qual_m else ""
                low, high = _share_interval(share, tol, qual)
                q_s = qual_m.start() if qual_m else start
                noun, head, mods, partial = NO_NOUN if bare else noun_phrase(text, e2)
                return (
                    make_quantity(
                        text[q_s:e2], q_s, e2, share, low, high, "percent", "%", noun, head,
                        mods, _QUALIFIER_KIND.get(qual.lower(), ""),
                        NO_SCOPE if bare else scope_of(text, q_s, e2, e2, partial, head),
                    ),
                    2,
                )

    if kind == "count" and consumed == 1 and not plus and _is_year(text, start, end, value, a_end):
        return (
            make_quantity(text[start:end], start, end, value, value, value, "year",
                          role=role_of(text, start)),
            1,
        )
    if consumed == 2 and year_like(low_v) and year_like(high_v) and kind == "count":
        return (
            make_quantity(text[q_start:a_end], q_start, a_end, low_v, low_v, high_v, "year",
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

    if kind == "count" and not (is_word or qualifier or scale_word or plus or consumed > 1) \
            and _names_something(text, start, end):
        return None, consumed  # "the NHS 111 service"

    # what is counted
    of_head = ""
    noun_pos = a_end
    if kind == "percent" and not bare:
        of_pos = of_phrase(text, a_end)
        if of_pos is not None:  # "41% of teachers" counts teachers
            noun_pos = of_pos
            _, of_head, _, _ = noun_phrase(text, of_pos)
    noun, head, mods, partial = NO_NOUN if bare else noun_phrase(text, noun_pos)
    if kind == "count" and not (bare or noun):
        noun, head, mods, partial = complement_noun(text, q_start, noun_pos)
    if kind == "money" and not bare:  # an amount is known by what kind of money it is
        noun, head, mods = money_noun(text, q_start, a_end)
    if kind == "count" and head in TIME_UNITS and qualifier == "over" \
            and qual_m and qual_m.group("q").lower() == "over":
        qualifier = ""  # "over 3 years" is a duration, not "more than 3 years"

    if low_v is not None:
        low, high = low_v, high_v  # a range states its bounds
    elif kind == "percent":
        low, high = _share_interval(value, max(step, 1.0) / 2, qualifier)
    else:
        low, high = _interval(value, qualifier, _rounding(step))
        if plus:
            low, high = value, INF
    role = role_of(text, q_start)
    if role in ("", "of") and kind == "percent" and _sized_as_change(text, q_start, a_end):
        role = "by"  # "a 50% reduction", "rose 50%", "an increase of 50%"
    noun_end = a_end
    if kind != "money" and noun:
        at = text.find(noun, noun_pos)
        noun_end = at + len(noun) if at >= 0 else noun_pos + len(noun)
    return (
        make_quantity(
            text[q_start:a_end], q_start, a_end, value if low_v is None else low_v,
            max(low, 0.0), high, kind, unit, noun, head, mods, qualifier,
            NO_SCOPE if bare else scope_of(text, q_start, a_end, noun_end, partial, of_head,
                                           share=kind == "percent"), role,
        ),
        consumed,
    )


#: A name's word right before a number: "NHS 111", "Trent 800", "BBC 4".
_NAME_BEFORE = Near(re.compile(r"(?<![\w'’.-])(?P<name>[A-Z][A-Za-z]*)[ \t]+$"), r"(?<![\w'’.-])[A-Z]",
                    symbols="")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;()\n\[\]\"“‘•*-])\s*$")


def _names_something(text, start, end):
    """Whether a plain number is part of a name: a capitalised word (not the first of
    the sentence, nor a place or a month) just before it, and in the two words after it
    no plural, so nothing it could count: "the NHS 111 service", "a Trent 800 engine",
    "BBC 4", but not "Bristol 2000 new participants" or "over 30 schools"."""
    if not text[start:end].isdecimal():
        return False  # "1,200", "2.5": names seldom have separators or decimals
    name = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if not name:
        return False
    word = name.group("name").lower()
    if (word in STOP_WORDS or word in PLACES or _MONTH_BEFORE.pattern.search(name.group(0))
            or _QUALIFIER_PATTERN.search(name.group(0).rstrip())
            or _SENTENCE_START.search(text, max(0, name.start() - 4), name.start())):
        return False
    return not plural_follows(text, end, words=2)


def _ending(text, link, end):
    """The scale, percent sign and currency that the number ending at `end` is written
    with (after `link`, the words that join it to the number before): (scale, is_percent,
    currency code or "")."""
    after = _AFTER.match(text, end)
    cur = link.group("cur") if link else None
    currency = _currency_code(cur.strip()) if cur else _currency_of_word(after.group("curword"))
    scale = SUFFIX_SCALES.get(_scale_word(text, after, currency), 1)
    return scale, bool(after.group("pct")), currency


def _scale_word(text, after, currency):
    """The scale word in `after` (an _AFTER match), lower-cased, or "": "5m" is metres
    unless it is money or a plural noun follows ("5M households"); "77 K", a capital
    set apart, is kelvin on the same terms ("£100 K" and "100K downloads" are thousands),
    and before "temperatures" ("sub 100 K temperatures");
    a capital set apart before a name is an initial ("£140,400 M Dickinson")."""
    word = (after.group("scale") or "").lower()
    apart = bool(word) and text[after.start("scale") - 1].isspace()
    if apart and after.group("scale") in ("M", "K", "B") and _NAME_NEXT.match(text, after.end()):
        return ""  # "£140,400 M Dickinson (PI)": an initial, not a scale
    unit = _UNIT_NEXT.match(text, after.end()) if after.group("scale") == "M" else None
    if unit and singular(unit.group(1)) in MEASURE_UNITS:
        return "m"  # "1.08 M ha": a million hectares, not metres then hectares
    kelvin = after.group("scale") == "K" and apart
    if (word in ("m", "b", "mn") or kelvin) and not currency and not after.group("curword") \
            and (not plural_follows(text, after.end(), words=1)
                 or kelvin and _TEMPERATURE_NEXT.match(text, after.end())):
        return ""  # metres, kelvin ("100 K temperatures" are not 100,000 of them)
    return word


def _shares_scale(first, second, scale):
    """Whether a bare number before "to 3 million" is in millions too: only when the two
    are of one order ("between 2 and 3 million", not "between 500 and 1 million")."""
    if scale == 1:
        return False
    return first == 0 or 0 < second and max(first, second) / min(first, second) < 50
