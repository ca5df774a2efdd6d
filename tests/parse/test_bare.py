"""A sentence of more than BARE_ABOVE figures is read bare; its figures with no word
near them are read by _read_plain, which must give what _read_quantity gives them."""

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.parse import quantities
from claimcheck.parse.masks import _masked_spans
from claimcheck.parse.quantities import BARE_ABOVE, _atoms, _read_plain, _read_quantity

#: Figures, links, signs and the words that change how a figure is read.
PIECES = [
    "1", "5", "12", "2012", "1998", "02", "14", "2,400", "3.5", "0", "-", "/", " ", "  ",
    "$", "US$", "£", "%", " %", "+", "(", ")", ",", ".", "...", " to ", " or ", "from ",
    "between ", " and ", "over ", "~", ">", "c", "K", "m", " schools", "NHS ", "April ",
    " in ", " out of ", "–", "\n", "\u00a0", "rose ", " fold", "[1]", "pp. ",
]

#: Figures with signs and punctuation only: most of them are read plainly.
SIGNS = [
    "1", "5", "12", "2012", "1998", "02", "14", "99", "1000", "2,400", "1,2", "3.5", "0", "-",
    "/", " ", "  ", "\n", "$", "%", " %", "+", "(", ")", "[", "]", ",", ".", "...", ":", ";",
    "'", "#", "@", "~",
]


def _both(text):
    """For each figure of `text`: (what _read_plain gives, what _read_quantity gives bare)."""
    atoms = _atoms(text, _masked_spans(text))
    masks = _masked_spans(text)
    return [(_read_plain(text, atoms, i), _read_quantity(text, atoms, i, masks, bare=True))
            for i in range(len(atoms))]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_a_plain_read_is_the_bare_read(text):
    for plain, full in _both(text):
        assert plain is None or plain == full, text


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SIGNS), max_size=30).map("".join))
def test_a_plain_read_of_signs_and_figures_is_the_bare_read(text):
    for plain, full in _both(text):
        assert plain is None or plain == full, text


def test_figures_with_no_word_near_them_are_read_plainly():
    """Counts, ranges, years, a range of years in two and four digits, percentages and
    dollars: read by _read_plain (not handed back) and as _read_quantity reads them."""
    text = "1-5, 2012-14 (7) 1998-02 1/2 2001/02 5% 6 % $3 $ 4 $\n\n8 3.5 2,400 2000 5-3 "
    both = _both(text)
    assert all(plain is not None for plain, _ in both[:13])
    assert all(plain == full for plain, full in both if plain is not None)
    kinds = [plain[0].kind for plain, _ in both if plain is not None]
    assert {"count", "year", "percent", "money"} <= set(kinds)


def test_a_word_or_sign_near_a_figure_leaves_it_to_the_full_reader():
    for text in ("over 5", "5 schools", "5+", "£5", "5 to 7", "1-$2", "2012–14", "~5",
                 "5-7%", "$5-7", "in 5 out of 10"):
        atoms = _atoms(text, _masked_spans(text))
        assert _read_plain(text, atoms, 0) is None, text


def test_a_bare_sentence_reads_as_it_did_without_the_plain_reader(monkeypatch):
    """Past BARE_ABOVE figures, parse_quantities gives what the full reader alone gave."""
    plain = "1-5, 2012-14 (7) 1998-02 1/2 5% $3 3.5 2,400 (8) 9-10 11 12 13 14 15 16 17 "
    text = (plain * 3 + "over 40 schools in 2014; rose 5% ") * (BARE_ABOVE // 30)
    assert len(_atoms(text, _masked_spans(text))) > BARE_ABOVE
    read = []
    monkeypatch.setattr(quantities, "_read_plain",
                        lambda *args: read.append(_read_plain(*args)) or read[-1])
    fast = quantities.parse_quantities(text)
    assert sum(q is not None for q in read) >= BARE_ABOVE // 2
    monkeypatch.setattr(quantities, "_read_plain", lambda text, atoms, i: None)
    assert fast == quantities.parse_quantities(text)
