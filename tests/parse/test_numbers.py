"""Number words: runs that are not one number are read as the numbers they are."""

import re

import pytest

from claimcheck.parse.numbers import WORD_NUMBER, words_to_number
from claimcheck.parse.quantities import parse_quantities


@pytest.mark.parametrize("text, values", [
    # scale words out of order begin a new number
    ("We trained two hundred and two hundred and five nurses.", [200, 205]),
    ("It reached two thousand and two thousand and five homes.", [2000, 2005]),
    # in order they make one
    ("It cost two million three hundred thousand and five pounds.", [2_300_005]),
    ("There were two hundred and five thousand visitors.", [205_000]),
    ("We met a hundred and five staff and nine hundred and ninety-nine pupils.", [105, 999]),
])
def test_number_words_read_as_the_numbers_they_are(text, values):
    assert [q.value for q in parse_quantities(text)] == values


def test_a_long_run_of_repeated_number_words_is_read_without_overflow():
    text = "We had " + "two hundred and " * 300 + "five nurses."
    found = parse_quantities(text)  # was OverflowError: int too large to convert to float
    assert [q.value for q in found] == [200.0] * 299 + [205.0]


@pytest.mark.parametrize("phrase", ["two hundred and two hundred and five", "two thousand two thousand",
                                    "five million six billion"])
def test_words_that_are_not_one_number_have_no_value(phrase):
    assert words_to_number(phrase) is None


def test_the_pattern_stops_where_the_number_does():
    pattern = re.compile(WORD_NUMBER, re.IGNORECASE)
    assert pattern.findall("two hundred and two hundred and five") == ["two hundred", "two hundred and five"]
    assert pattern.findall("two million three hundred thousand and five") == [
        "two million three hundred thousand and five"]
