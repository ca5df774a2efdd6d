"""Reading the numbers themselves: digits, number words, fractions, scale words, and
the currency an amount is in.

quantities.py builds on these to read whole quantities in context.
"""

import math
import re

from claimcheck.parse.openings import Near

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: Scale suffixes glued to digits or following them: "£1.2m", "£4.5bn", "30k", "2 million".
SUFFIX_SCALES = {
    "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000,
    "bn": 1_000_000_000, "b": 1_000_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "tenth": 10, "tenths": 10,
}
MULTIPLIER_VERBS = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4, "halved": 0.5,
                    "doubling": 2, "tripling": 3, "trebling": 3, "quadrupling": 4, "halving": 0.5}

_NUMBER_WORD = "|".join(sorted(list(UNITS) + list(TENS), key=len, reverse=True))
_TENS_WORD = "|".join(TENS)
_DIGIT_WORD = "one|two|three|four|five|six|seven|eight|nine"
#: One to ninety-nine in words: "seven", "thirty-one", "thirty one".
_UP_TO_99 = rf"(?:(?:{_TENS_WORD})(?:[- ](?:{_DIGIT_WORD})(?![a-z]))?|{_NUMBER_WORD})"
#: A fraction of a scale word: "half a million", "three quarters of a billion".
_FRACTION_OF_VALUE = {"half": 0.5, "a quarter of": 0.25, "three quarters of": 0.75,
                      "a third of": 1 / 3, "two thirds of": 2 / 3}
_FRACTION_OF_WORDS = "|".join(f.replace(" ", "[ ]") for f in _FRACTION_OF_VALUE)
_FRACTION_OF = re.compile(rf"({_FRACTION_OF_WORDS})[ ]", re.IGNORECASE)
#: One to 999 in words: "seven", "two hundred", "two hundred and five". A number after
#: "hundred and" that is itself followed by "hundred" begins the next number: "two
#: hundred and two hundred and five" is 200 and 205.
_UP_TO_999 = rf"{_UP_TO_99}(?:[ ]hundred(?:[ ](?:and[ ])?{_UP_TO_99}(?![ ]hundred))?)?"
_SCALE_WORDS = ("billion", "million", "thousand")


def _scaled(scales=_SCALE_WORDS):
    """Words for a number whose scale words come in falling order, each once: "two
    million three hundred thousand and five". What follows a scale word belongs to it
    only if no scale word as large comes after: "two thousand and two thousand" is two
    numbers, not 2,002 and a stray "thousand"."""
    alternatives = [
        rf"[ ]{scale}(?:[ ](?:and[ ])?{_scaled(scales[i + 1:])}"
        rf"(?![ ](?:{'|'.join(scales[:i + 1])})))?"
        for i, scale in enumerate(scales)
    ]
    return rf"{_UP_TO_999}(?:{'|'.join(alternatives)})?" if alternatives else _UP_TO_999


#: A run of number words: "thirty-one", "two hundred and fifty", "a dozen", "a million".
#: Two numbers side by side are two numbers: "five and ten", "two or three", and so are
#: scale words out of order: "two hundred and two hundred and five" is 200 and 205.
WORD_NUMBER = (
    rf"(?:(?:{_FRACTION_OF_WORDS})[ ]an?[ ](?:dozen|hundred|thousand|million|billion)"
    # "one and a half million", "two and a half"
    rf"|{_UP_TO_99}[ ]and[ ]an?[ ](?:half|quarter)(?:[ ](?:hundred|thousand|million|billion))?"
    rf"|{_UP_TO_99}[ ]dozen(?![a-z])"  # "two dozen"
    rf"|{_scaled()}"
    rf"|an?[ ](?:dozen|hundred|thousand|million|billion)(?:[ ](?:and[ ])?{_UP_TO_99})?"
    r"|dozen)"
)
#: Digits with comma or (SI style) space thousands: "12,345", "15 000", "2.5", ".5".
DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d,.]\d|\d)"
    r"|\d+(?:\.\d+)?|\.\d+)"
)
_GROUPING = re.compile(r"[,\s\u00a0\u2009\u202f]")


#: What "and a half" and "and a quarter" add to the number before them.
_AND_A = {"half": 0.5, "quarter": 0.25}


def words_to_number(phrase):
    """The value of a number-word phrase, or None: "thirty-one" -> 31, "a dozen" -> 12,
    "half a million" -> 500,000. None too for words that are not one number: "hundred"
    after a hundred or more, scale words that do not fall ("two thousand and two
    thousand")."""
    fraction = _FRACTION_OF.match(phrase.strip())
    if fraction:
        whole = words_to_number(phrase.strip()[fraction.end():])
        return whole * _FRACTION_OF_VALUE[fraction.group(1).lower()] if whole else None
    total, current, seen, last_scale = 0, 0, False, math.inf
    for word in re.split(r"[\s-]+", phrase.lower().strip()):
        if word in ("and", ""):
            continue
        if word in ("a", "an"):
            current = max(current, 1)
            continue
        if word in _AND_A:  # "one and a half million"
            current += _AND_A[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            if current >= 100:
                return None  # "two hundred and two hundred": not one number
            current = max(current, 1) * 100
        elif word in SCALES:
            if SCALES[word] >= last_scale:
                return None  # "two thousand and two thousand": scale words fall in a number
            last_scale = SCALES[word]
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def digits_to_number(text):
    return float(text) if text.isdecimal() else float(_GROUPING.sub("", text))


def rounding_unit(text, value):
    """The precision a written number implies: "2,400" -> 100, "1.2" -> 0.1, "22" -> 1.

    Trailing zeros on a whole number of 1,000 or more are read as rounding to at most
    two significant digits ("2,400" stands for 2,350 to 2,449); smaller whole numbers
    are taken as exact (approximate wording says so with "about").
    """
    if value < 1000 and "." not in text:
        return 1.0  # as below, without removing separators that cannot matter
    digits = _GROUPING.sub("", text)
    if "." in digits:
        return 10.0 ** -len(digits.split(".", 1)[1])
    if value < 1000:
        return 1.0
    zeros = len(digits) - len(digits.rstrip("0"))
    return 10.0 ** min(zeros, len(digits) - 2)


def is_whole(value):
    return math.isfinite(value) and abs(value - round(value)) < 1e-9


# ---- currencies ---------------------------------------------------------------------

#: The currency written just before a number: "£", "AUS$", "GBP ".
_CURRENCY_BEFORE = Near(re.compile(
    r"(?P<cur>(?<![A-Za-z])[A-Z]{1,3}\$|£|\$|€|¥|GBP|USD|EUR|AUD|CAD|NZD|CHF|JPY)\s?$"
), r"[A-Z£$€¥]", symbols="$")
_UP_TO_THOUSAND = re.compile(r"\d{1,3}")
_SPACED_THOUSANDS = re.compile(r"(?:, \d{3})+(?:\.\d+)?(?![\d,.]?\d)")
_CURRENCY_WORDS = {"pounds": "GBP", "sterling": "GBP", "dollars": "USD", "euros": "EUR"}
#: Dollars of other countries are not US dollars: "AUS$450 million", "HK$20m". A prefix
#: not listed here stays as written ("XY$"), so it never equals another currency.
_CURRENCY_CODES = {
    "£": "GBP", "$": "USD", "US$": "USD", "€": "EUR", "¥": "JPY", "A$": "AUD", "AU$": "AUD",
    "AUS$": "AUD", "C$": "CAD", "CA$": "CAD", "CAN$": "CAD", "NZ$": "NZD", "HK$": "HKD",
    "S$": "SGD", "SG$": "SGD", "R$": "BRL", "NT$": "TWD",
}


def _spaced_thousands_end(text, m):
    """Where a number of money ends when its thousands are set off by a comma and a space.

    "£14, 013" is fourteen thousand and thirteen pounds, as text copied from a table
    often writes it; without the currency, "23, 275" is a journal's volume and page.
    """
    if not _UP_TO_THOUSAND.fullmatch(m.group("digits")) \
            or not _CURRENCY_BEFORE.search(text, max(0, m.start() - 6), m.start()):
        return m.end()
    more = _SPACED_THOUSANDS.match(text, m.end())
    return more.end() if more else m.end()


def _currency_code(symbol):
    """ "£" -> "GBP", "AUS$" -> "AUD", "GBP" -> "GBP"; an unlisted prefix as written."""
    return _CURRENCY_CODES.get(symbol, symbol.upper())


def _currency_of_word(word):
    """ "pounds sterling" -> "GBP", "dollars" -> "USD"; "" for none."""
    return _CURRENCY_WORDS.get(word.split()[0].lower(), "") if word else ""
