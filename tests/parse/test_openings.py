"""Searches near a figure, found from the openings read once per text, give what the
plain search over the window gives; on text dense with figures few searches run."""

import re

import pytest

from claimcheck.parse import counted, numbers, quantities, relations, scope
from claimcheck.parse.openings import SHORT, Near
from claimcheck.parse.quantities import parse_quantities

#: Every Near of the parser, by name.
NEARS = {f"{module.__name__}.{name}": value for module in (counted, quantities, relations, scope)
         for name, value in vars(module).items() if isinstance(value, Near)
         and value is not counted._ROLE_WORD}  # a filter on role_of's slice: tested below

#: Small fixtures with the words each pattern looks for, run together past SHORT so the
#: openings are used, not the plain search.
FIXTURES = [
    "well over 5 schools, in excess of £2m and c2,000 staff; nearly 6-fold and up to 40%.",
    "From 2008 to 2012, between 5 and 10 firms, rising from $5 to US$7 million by 2014.",
    "If it were rolled out, 450 schemes would be funded, assuming 10% uptake, it must pay.",
    "A total of 300, combined audience of 435, each attracting 60, every five years.",
    "Including 25 scientists (e.g. OSTC have two projects), the first five courts, top 5.",
    "An average of 2 million hits, 12 key recommendations, the NHS 111 service, April 2012.",
    "cGBP 5, AUS$450 million, since early 2008, the other 15 countries, whereas 3 were.",
    "Admissions fell 30% (+25% in Leeds), an increase of 5%, up 7% and a rise of 2%.",
]


@pytest.mark.parametrize("name", NEARS)
def test_a_search_from_the_openings_finds_what_the_plain_search_finds(name):
    near = NEARS[name]
    text = " ".join(FIXTURES)
    assert len(text) >= SHORT
    for width in (6, 16, 40, 120):
        for end in range(len(text) + 1):
            found = near.search(text, max(0, end - width), end)
            plain = near.pattern.search(text, max(0, end - width), end)
            assert (found and found.span()) == (plain and plain.span()), (name, end, width)


def test_role_of_reads_what_its_pattern_reads_from_the_slice():
    text = " ".join(FIXTURES) + " rose from 5, fell by £3, up to 7, more than 9, X of 4"
    for start in range(len(text) + 1):
        m = counted._ROLE_BEFORE.search(text[max(0, start - 16):start])
        word = m.group(1).lower() if m else ""
        assert counted.role_of(text, start) == (word if word in counted._ROLE_WORDS else "")


def test_openings_overlap():
    """"well over" holds "over": both are openings, so a window that cuts off "well"
    still finds "over"."""
    near = quantities._QUALIFIER_BEFORE
    text = "x" * SHORT + " well over 5"
    at = text.index("over")
    assert near.search(text, at, text.index("5")).group("q") == "over"


class _Counting:
    """A compiled pattern that counts its searches."""

    def __init__(self, pattern, counts):
        self._pattern, self._counts = pattern, counts

    def search(self, *args):
        self._counts.append(1)
        return self._pattern.search(*args)

    def __getattr__(self, name):
        return getattr(self._pattern, name)


@pytest.mark.parametrize("unit", ["1 ", "5 and ", "(1", "12, "])
def test_figures_dense_in_a_sentence_take_few_searches(unit, monkeypatch):
    """Thousands of figures with none of the words looked for before them: the searches
    near each figure find no opening and do not run (before, 14 ran for each figure)."""
    counts = []
    for near in NEARS.values():
        monkeypatch.setattr(near, "pattern", _Counting(near.pattern, counts))
    text = (unit * (2_000 // len(unit) + 1))[:2_000]
    figures = len(parse_quantities(text))
    assert figures > 200
    assert len(counts) < figures // 10, (unit, len(counts), figures)


#: Every Near of the parser, the role words' filter included.
ALL_NEARS = {f"{module.__name__}.{name}": value
             for module in (counted, numbers, quantities, relations, scope)
             for name, value in vars(module).items() if isinstance(value, Near)}
#: Every ASCII character, and letters that fold to ASCII ones under re.IGNORECASE (the
#: long s, the Kelvin sign, the dotted capital I), beside the words the patterns look for.
_EVERY_CHARACTER = "".join(map(chr, range(128))) + "ſ\u212aİı"


@pytest.mark.parametrize("name", ALL_NEARS)
def test_openings_told_where_they_open_are_those_found_everywhere(name):
    """A Near that names where its matches open ("symbols") finds the openings the scan
    of every place finds: each pattern's words after every character, run together."""
    near = ALL_NEARS[name]
    everywhere = re.compile(f"(?=(?:{near.source}))", near.flags)
    text = "".join(c + fixture for c in _EVERY_CHARACTER for fixture in FIXTURES[:2])
    text += " ".join(FIXTURES) + "".join(c + "ſince Ȿ1 ſome (ſuch as" for c in _EVERY_CHARACTER)
    assert near.openings(text) == [m.start() for m in everywhere.finditer(text)]



def test_forget_texts_leaves_no_lookup_of_a_text_behind():
    """Timing a text twice must time it cold twice: forget_texts drops the per-text
    lookups, and the next parse gives the same quantities."""
    from claimcheck.parse import forget_texts, openings, scope
    from claimcheck.parse.quantities import parse_quantities

    text = "In 2014, over 40 schools in Wales took part; by 2016 about 120 did. " * 8
    first = parse_quantities(text)
    assert scope._clause_breaks.cache_info().currsize > 0
    assert any(near._last[0] is not None for near in openings._EVERY)
    forget_texts()
    assert scope._clause_breaks.cache_info().currsize == 0
    assert all(near._last[0] is None for near in openings._EVERY)
    assert parse_quantities(text) == first
