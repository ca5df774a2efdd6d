import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claimcheck.parse.lists import enumeration, members
from claimcheck.parse.quantities import parse_quantities
from claimcheck.parse.quantity import OPEN_END
from claimcheck.parse.statements import breakdowns, list_of_parts, parse_change


def one(text, **where):
    """The single quantity in `text` matching the given attributes."""
    found = [q for q in parse_quantities(text) if all(getattr(q, k) == v for k, v in where.items())]
    assert len(found) == 1, (text, parse_quantities(text))
    return found[0]


@pytest.mark.parametrize("text,value", [
    ("14,931 practitioners", 14931), ("1.24 points", 1.24), ("thirty-one towns", 31),
    ("Nine sites", 9), ("a dozen schools", 12), ("two hundred schools", 200),
    ("two hundred and fifty people", 250), ("3 million users", 3_000_000),
    ("30,000+ downloads", 30000), ("15 000 vehicles", 15000), ("1 250 000 visitors", 1_250_000),
    ("15\u202f000 vehicles", 15000),
])
def test_counts_in_digits_and_words(text, value):
    assert one(text, kind="count").value == value


@pytest.mark.parametrize("text,value", [
    ("£1.2m", 1_200_000), ("GBP 1,200,000", 1_200_000), ("£4.5bn", 4.5e9),
    ("£4,500 million", 4.5e9), ("£600k", 600_000), ("GBP91,736,095.21", 91_736_095.21),
    ("$2.5 million", 2_500_000), ("€300,000", 300_000), ("USD 40m", 40_000_000),
    ("12 million pounds", 12_000_000),
])
def test_money(text, value):
    q = one(f"It was funded with {text} in all.", kind="money")
    assert q.value == pytest.approx(value)


def test_money_written_two_ways_is_the_same_amount():
    a = one("a grant of £1.2m", kind="money")
    b = one("a grant of GBP 1,200,000", kind="money")
    assert a.unit == b.unit == "GBP" and a.overlaps(b)


def test_an_amount_with_its_thousands_set_off_by_a_comma_and_a_space():
    """Copied from a table, "£14, 013" is one amount; without a currency, "23, 275" is two
    figures (a journal's volume and page)."""
    assert one("A grant of £14, 013 for research leave.", kind="money").value == 14013
    assert one("Its value: £ 719, 874 over two years.", kind="money").value == 719874
    assert one("A grant of £8, 000.50 in 2010.", kind="money").value == 8000.5
    assert [q.value for q in parse_quantities("Crop Protection, 23, 275 - 286.")] == [23, 275]
    assert [q.value for q in parse_quantities("Tickets cost £1, 20 and 30.")] == [1, 20, 30]


def test_html_entities_are_decoded_before_parsing():
    from claimcheck.io.documents import clean_text

    assert one(clean_text("a grant of &#163;600k"), kind="money").value == 600_000


@pytest.mark.parametrize("text,inside,outside", [
    ("around 3,000 visitors", 2960, 3600),
    ("more than 500 users", 501, 480),
    ("over 14,900 practitioners", 14931, 14900),
    ("at least 40 schools", 40, 39),
    ("up to 60 schools", 60, 61),
    ("fewer than 20 schools", 19, 21),
    ("nearly 100 schools", 95, 101),
    ("well over 100 families", 150, 90),
    ("c. 250 families", 240, 320),
    ("14,900 practitioners", 14931, 15000),
    ("> 90 practitioners", 91, 90),
    (">50 practitioners", 51, 49),
    ("≥ 30 sites", 30, 29),
    ("< 20 schools", 19, 20),
    ("≤5 schools", 5, 6),
    ("just over four miles", 4.2, 6.5),
    ("slightly more than 2,000 fans", 2100, 2400),
    ("just under 500 patients", 480, 400),
    ("three hundred runners", 302, 310),  # round words: two significant figures
    ("one hundred and sixty cases", 160, 161),
    ("thirty-seven thousand nine hundred seats", 37900, 37960),  # as "37,900"
    ("as many as 190 groups", 180, 120),  # asserts about so many, not any number below
    ("two dozen turbines", 24, 2),
])
def test_qualifiers_make_intervals(text, inside, outside):
    q = one(text, kind="count")
    assert q.low <= inside <= q.high
    assert not q.low <= outside <= q.high


@pytest.mark.parametrize("text,low,high", [
    ("between 5 and 10 sites", 5, 10), ("2013 - 2020", 2013, 2020), ("2012-14", 2012, 2014),
    ("5-10 sites", 5, 10), ("£1m-£5m", 1e6, 5e6), ("one to ten sites", 1, 10),
    ("between five and ten sites", 5, 10), ("two or three sites", 2, 3), ("5 or 6 sites", 5, 6),
])
def test_ranges(text, low, high):
    q = parse_quantities(f"We ran {text} over the period.")[0]
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))


def test_two_numbers_in_words_side_by_side_are_not_one():
    assert [q.value for q in parse_quantities("Of five and ten sites, one to one help.")] == [5, 10]
    assert one("It ran ninety nine sites.", kind="count").value == 99
    assert one("It reached two hundred and fifty thousand people.", kind="count").value == 250_000


@pytest.mark.parametrize("text,share", [
    ("Nine out of 10 users", 90), ("one in five adults", 20), ("87% of users", 87),
    ("a third of schools", 100 / 3), ("half of the staff", 50), ("two thirds of patients", 200 / 3),
    ("45 per cent of staff", 45),
])
def test_shares_on_one_scale(text, share):
    q = one(text, kind="percent")
    assert q.value == pytest.approx(share)


def test_nine_out_of_ten_agrees_with_89_percent():
    assert one("Nine out of 10 users", kind="percent").overlaps(one("89% of users", kind="percent"))


def test_41_percent_is_not_roughly_one_quarter():
    quarter = one("roughly one quarter of users", kind="percent")
    assert not quarter.overlaps(one("41% of users", kind="percent"))


@pytest.mark.parametrize("text", [
    "as shown in [R1] and [S4, S7]", "doi:10.1111/j.1469-7610.2010.02350.x",
    "Unit of Assessment: 4", "see pp. 12-15", "Psychiatry, 160(1), 169-171",
    "call +44 (0)20 7679 2000", "during COVID-19", "https://example.org/page/2019/3",
    "ISBN 978-0-19-852663-6", "Outputs\n4.2 Pervasive Media Studio and Calvium",
])
def test_not_quantities(text):
    assert [q for q in parse_quantities(text) if q.kind != "year"] == []


@pytest.mark.parametrize("text", [
    "An evaluation of the NHS 111 service found it costly.",
    "It was tested on a Trent 800 engine at the plant.",
    "She spoke about it on BBC 4 in June.",
])
def test_a_number_in_a_name_is_not_a_count(text):
    assert [q for q in parse_quantities(text) if q.kind == "count"] == []


@pytest.mark.parametrize("text,value", [
    ("It was shown at Bristol 2000 new participants strong.", 2000),  # a plural follows
    ("The FTSE 100 companies signed the pledge.", 100),
    ("Some 30 schools joined.", 30),  # the first word of a sentence names nothing
    ("The pupils taught in England 200 and 30 in Wales.", 200),  # a place names no thing
])
def test_a_number_after_a_capital_that_counts_something_is_a_count(text, value):
    assert [q.value for q in parse_quantities(text) if q.kind == "count"][0] == value


@pytest.mark.parametrize("text,value", [
    ("2.5 MW of capacity was built.", 2.5), ("1.5 Million people benefit.", 1.5e6),
    ("12.5 Tonnes of waste were sorted.", 12.5),
])
def test_a_figure_that_opens_a_line_is_not_taken_for_a_heading(text, value):
    assert one(text).value == value


@pytest.mark.parametrize("text,head", [
    ("prints of the regular four-dimensional polytopes", ""),  # an adjective counts nothing
    ("a two-sided market", ""), ("a 103-turbine wind farm", "turbine"),
    ("a 400-bed hospital", "bed"),
])
def test_a_number_hyphened_to_an_adjective_counts_nothing(text, head):
    assert one(text, kind="count").head == head


def test_what_is_counted_and_its_modifiers():
    q = one("13 international MBT Centres have been set up", kind="count")
    assert q.head == "centre" and q.modifiers == ("international", "mbt")
    q = one("36 different countries have received training", kind="count")
    assert q.head == "country" and q.modifiers == ()  # "different" does not narrow
    q = one("used in 15 other countries", kind="count")
    assert "partial" in q.scope
    # a verb of the present ending in -s is not a plural noun; a noun that is one is
    q = one("About 30% of the firm's net premium income comes from abroad", kind="percent")
    assert q.head == "income" and q.modifiers == ("net", "premium")
    assert one("The study had four means of data collection.", kind="count").head == "mean"


def test_scope_years_and_places():
    q = one("In 2014 it ran in 12 homes.", kind="count")
    assert q.years == (2014, 2014)
    q = one("over 250 families have been served in the US", kind="count")
    assert "us" in q.places
    assert one("It has 200 schools across England and Wales.").places == {"england", "wales"}
    assert one("It has 200 schools in the United Kingdom.").places == {"uk"}
    assert one("It has 200 schools in the USA.").places == {"us"}
    assert one("It runs 30 models in MATLAB and Python.").places == frozenset()


def test_years_are_dates_not_counts():
    assert one("In 2011, the team ran a study", kind="year").value == 2011
    assert one("In a 2003 study, the team", kind="year").value == 2003
    assert one("It has 2000 participants", kind="count").value == 2000


@pytest.mark.parametrize("text,before,after,by", [
    ("Membership grew fourfold, from 30 to 90.", 30, 90, 4),
    ("Sales rose by 25%, from 200 to 300.", 200, 300, 25),
    ("Sleep saw an increase of six hours, from 2 to 8.", 2, 8, 6),
    # in reverse: the "to" figure first
    ("Sales rose by 25% to 300 from 200.", 200, 300, 25),
    ("Turnover increased by 8% to £1,080 million in 2012 from £1,000 million in 2011.",
     1e9, 1.08e9, 8),
    ("Staffing was raised to 1,200 (from 300), a fourfold increase.", 300, 1200, 4),
    ("Take-up rose by 10 percentage points to 52% from 42%.", 42, 52, 10),
])
def test_changes(text, before, after, by):
    change = parse_change(text)
    assert (change.before.value, change.after.value, change.by.value) == (before, after, by)


@pytest.mark.parametrize("text,before,after,kind", [
    ("Funding rose from 500 to 700 thousand pounds.", 500_000, 700_000, "money"),
    ("Income grew from £5 to £7 million.", 5e6, 7e6, "money"),
    ("Sales rose from 40 to 60 million dollars.", 40e6, 60e6, "money"),
    ("Uptake rose from 20 to 30% of farms.", 20, 30, "percent"),
    ("Audiences grew from 3 to 5 million.", 3e6, 5e6, "count"),
    ("Audiences grew from 900 to 1.2 million.", 900, 1.2e6, "count"),  # not 900 million
])
def test_the_first_figure_of_a_change_shares_the_seconds_ending(text, before, after, kind):
    first, second = [q for q in parse_quantities(text) if q.role in ("from", "to")]
    assert (first.value, second.value) == (pytest.approx(before), pytest.approx(after))
    assert first.kind == second.kind == kind


@pytest.mark.parametrize("text,low,high", [
    ("between 2 and 3 million people", 2e6, 3e6), ("5-10 million people", 5e6, 10e6),
    ("between 500 and 1 million people", 500, 1e6),
])
def test_a_range_shares_its_scale_when_both_ends_are_of_one_order(text, low, high):
    q = parse_quantities(f"It reached {text} last year.")[0]
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text", [
    "We delivered training to 300 staff from 20 hospital trusts.",  # two things counted
    "The charity gave grants to 30 schools from 2010.",  # no word of change
    "Sales rose, and gifts went to 40 schools from 12 regions.",
])
def test_to_then_from_is_a_change_only_after_a_word_of_change_and_of_one_thing(text):
    assert {q.role for q in parse_quantities(text) if q.kind != "year"} == {""}
    assert parse_change(text) is None


@pytest.mark.parametrize("text,ends,unit", [
    ("It rose by 25% to 300 last year.", None, "%"),  # a share, then a count: no range
    ("It rose by 10 percentage points to 52% last year.", None, "pp"),
    ("Shares moved by 10-20 percentage points.", (10, 20), "pp"),
    ("Shares were 20%-30% of the total.", (20, 30), "%"),
    ("It fell from 2001 to 20% in 2005.", None, ""),  # a year, then a share
])
def test_a_range_joins_figures_of_one_kind(text, ends, unit):
    q = parse_quantities(text)[0]
    assert ((q.low, q.high) if q.qualifier == "range" else None, q.unit) == (ends, unit)


@pytest.mark.parametrize("text,factor", [
    ("Sales grew 3-fold in a year.", 3), ("Sales grew 2.5 fold in a year.", 2.5),
    ("Sales grew threefold in a year.", 3), ("Sales rose by a factor of a thousand.", 1000),
    ("Sales doubled in a year.", 2),
])
def test_a_multiplier_is_one_quantity(text, factor):
    assert [(q.kind, q.value) for q in parse_quantities(text)] == [("multiplier", factor)]


def test_from_without_to_is_not_a_change():
    q = one("practitioners from 36 different countries", kind="count")
    assert q.role == "" and parse_change("practitioners from 36 countries rose") is None


@pytest.mark.parametrize("text,role", [
    ("The app was used by 480 residents.", ""), ("It was visited by 3,000 people.", ""),
    ("Emissions fell by 25% that year.", "by"), ("Turnover increased in 2012 by 30%.", "by"),
    # without "by", a share is the size of a change only beside one: else a level
    ("Sales rose 25% last year.", ""), ("Sales saw a 25% increase.", ""),
    ("Sales rose 25% from 2010 to 2012.", ""),
])
def test_by_is_a_change_only_after_a_word_of_change(text, role):
    assert [q.role for q in parse_quantities(text) if q.kind != "year"] == [role]


@pytest.mark.parametrize("text,by", [
    ("Sales rose 25% from 200 to 300.", 25),
    ("Sales grew from 200 to 300, a 25% increase.", 25),
    ("Sales grew from 200 to 300, representing a 25% rise.", 25),
    ("Sales grew from 200 to 300 (up 25%).", 25),
    ("Sales grew from 200 to 300, an increase of 25%.", 25),
    ("Sales saw a doubling, from 200 to 300.", 2),
    ("Sales fell by a third, from 300 to 250.", pytest.approx(100 / 3)),
    ("A cut of a third in queue times, from 30 to 20 minutes.", pytest.approx(100 / 3)),
    ("Queues shrank by half over the winter, from 30 to 15 minutes.", 50),
    ("Queues fell from 30 to 20 minutes, a third lower.", pytest.approx(100 / 3)),
    ("Sales grew from 200 to 300, 50% higher.", 50),
    ("Sales grew from 200 to 300 (+50%).", 50),
])
def test_the_size_of_a_change_may_come_after_its_ends_or_without_by(text, by):
    assert parse_change(text).by.value == by


@pytest.mark.parametrize("text,direction", [
    ("Costs changed from 300 to 150 (−50%).", "down"),
    ("Costs changed from 300 to 150 (-50%).", "down"),
    ("Costs changed from 100 to 150 (+50%).", "up"),
    ("Costs fell from 300 to 150, a 50% cut.", "down"),
])
def test_the_sign_of_a_change_in_brackets_gives_its_direction(text, direction):
    assert parse_change(text).direction == direction


def test_a_comparative_against_something_else_is_not_the_size_of_a_change():
    assert parse_change("Sales grew from 200 to 300, 25% higher than the average.") is None


def test_enumeration_and_parts():
    text = "We opened five regional hubs (Leeds, Bristol, Norwich, Exeter)."
    q = one(text, kind="count")
    assert enumeration(text, q) == ["Leeds", "Bristol", "Norwich", "Exeter"]
    assert enumeration("five hubs (e.g. Leeds, Bristol)", one("five hubs (e.g. Leeds, Bristol)")) is None
    text = ("Centres were set up in three European countries (France, Spain and Italy), "
            "two American cities (Boston, Chicago), Australia and Japan.")
    parts = list_of_parts(text, parse_quantities(text))
    assert parts.total == 7 and parts.named == ("Australia", "Japan")


@pytest.mark.parametrize("text,names", [
    ("The two centres, Dublin and Bristol, use heparin.", ["Dublin", "Bristol"]),
    ("We opened five regional hubs (Leeds, Bristol, Norwich, Exeter).",
     ["Leeds", "Bristol", "Norwich", "Exeter"]),
    ("The two centres, which opened in 2010, and the laboratory.", None),
    ("The two centres, Dublin, use heparin.", None),  # one name is not a list
    ("The two centres use heparin.", None),
])
def test_members_named_after_a_count(text, names):
    assert members(text, one(text, kind="count")) == names


# --- properties: a value written in any supported form parses back to that value ---------

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n):
    """English words for 1..999,999."""
    if n >= 1000:
        rest = n % 1000
        return in_words(n // 1000) + " thousand" + (" " + in_words(rest) if rest else "")
    if n >= 100:
        rest = n % 100
        return _UNITS[n // 100] + " hundred" + (" and " + in_words(rest) if rest else "")
    if n >= 20:
        return _TENS[n // 10] + ("-" + _UNITS[n % 10] if n % 10 else "")
    return _TEENS[n - 10] if n >= 10 else _UNITS[n]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=999_999))
def test_any_count_in_digits_or_words_parses_back(n):
    for written in (f"{n:,}", f"{n:,}".replace(",", " "), in_words(n)):
        q = one(f"The programme reached {written} schools last year.", kind="count")
        assert q.value == n, written


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1_000, max_value=999_999))
def test_a_count_in_words_is_as_precise_as_in_digits(n):
    words = in_words(n)
    assume(not words.endswith("thousand"))  # "two thousand" is as round as its scale
    in_digits = one(f"The programme reached {n:,} schools.", kind="count")
    written = one(f"The programme reached {words} schools.", kind="count")
    assert (written.low, written.high) == (in_digits.low, in_digits.high), words


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=99), st.sampled_from([("thousand", 1e3), ("million", 1e6)]),
       st.sampled_from([("half", 0.5), ("quarter", 0.25)]))
def test_a_whole_and_a_part_of_a_scale_parses_back(n, scale, part):
    (scale_word, factor), (part_word, share) = scale, part
    q = one(f"It reached {in_words(n)} and a {part_word} {scale_word} homes.", kind="count")
    assert q.value == (n + share) * factor and q.low < q.value < q.high


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=9_999), st.sampled_from(["£", "GBP ", "$", "€"]),
       st.sampled_from([("m", 1e6), ("bn", 1e9), (" million", 1e6), ("k", 1e3), ("", 1)]))
def test_any_amount_parses_back(n, symbol, scale):
    suffix, factor = scale
    amount = n / 10 if suffix else n
    written = f"{symbol}{amount:g}{suffix}" if suffix else f"{symbol}{n:,}"
    q = one(f"The award was {written} in total.", kind="money")
    assert math.isclose(q.value, amount * factor, rel_tol=1e-9), written


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=100), st.sampled_from(["%", " per cent", " percent"]))
def test_any_percentage_parses_back(n, sign):
    q = one(f"Of the staff, {n}{sign} of them agreed.", kind="percent")
    assert q.value == n


def test_amounts_know_their_kind_of_money():
    assert one("which led to an estimated cost saving of US$360m since 2008.", kind="money").head == "saving"
    assert one("CMAC has attracted over £60M investment, much of it", kind="money").head == "investment"


@pytest.mark.parametrize("text, unit", [
    ("The plant was expanded at a cost of AUS$450 million.", "AUD"),
    ("The fund holds HK$20m for the trust.", "HKD"),
    ("Sales reached over US$5m last year.", "USD"),
    ("Sales reached over $5m last year.", "USD"),
])
def test_dollars_of_other_countries_are_not_us_dollars(text, unit):
    assert one(text, kind="money").unit == unit


def test_a_circa_glued_to_its_number_and_labels_that_are_not_counts():
    q = one("It ran a survey of c2,000 carers of working age.", kind="count")
    assert (q.value, q.qualifier) == (2000, "about")
    assert one("It reached c.2,000 homes.", kind="count").value == 2000
    assert one("Group C 12 schools took part.", kind="count").qualifier == ""
    assert parse_quantities("Publication 5 listed above and Article 165 TFEU.") == []
    assert parse_quantities("A C60+ ion beam acts on C16-KTTKS.") == []
    assert [q.value for q in parse_quantities("Year 6 pupils in 40 schools.")] == [40]
    assert [q.value for q in parse_quantities("Part 4 attracted 2.11m viewers.")] == [2.11e6]
    assert [q.value for q in parse_quantities("It worked, in part 2,000 came.")] == [2000]


def test_a_number_after_an_ellipsis():
    q = one('It led to a "...10-12% increase in yield".', kind="percent")
    assert (q.low, q.high, q.qualifier) == (10, 12, "range")


def test_a_rate_knows_its_period():
    assert "per:year" in one("It reaches around 300,000 readers per annum.", kind="count").scope
    assert "per:week" in one("The site reaches 2,500 readers per week.", kind="count").scope
    assert "per:cartridge" in one("It offers up to 20 tests per cartridge.", kind="count").scope
    assert "per:hectare" in one("The wheat yielded 5 tonnes a hectare.", kind="count").scope
    assert "per:hour" in one("It ran at 70 miles an hour.", kind="count").scope
    # a share of a mile is no rate per mile
    assert "rate" not in one("The noise carried over a third of a mile.", kind="percent").scope


def test_a_share_of_what_an_owner_has_counts_what_is_owned():
    def whole(text):
        return one(text, kind="percent").whole
    assert whole("Half of the Weldon Gallery's 800 paintings are in storage.") == "painting"
    assert whole("Two thirds of the Alder Valley's households have broadband.") == "household"
    assert whole("About a third of Professor Smith's students stayed.") == "student"
    assert whole("It took 4% of farmers' harvest.") == "harvest"
    assert whole("87% of the survey's respondents agreed.") == "respondent"
    # a possessive further on is no owner of the whole: "rated Cook's plenary"
    assert whole("96.2% of respondents rated Cook's opening plenary as relevant.") == "respondent"


def test_millions_of_things_and_metres():
    assert one("It improves the lives of over 5M households.", kind="count").value == 5_000_000
    assert one("It was built 2m high.", kind="count").value == 2
    # a capital M before a unit is a million of that unit, not metres
    assert one("The variety covers 1.08 M ha in India.", kind="count").value == 1_080_000
    assert one("The variety covers 1.08 M hectares.", kind="count").value == 1_080_000


def test_a_capital_k_set_apart_is_kelvin_unless_money_or_things_follow():
    assert one("The sensor works at 77 K, below the old limit.", kind="count").value == 77
    assert one("A grant of £100 K came from the trust.", kind="money").value == 100_000
    assert one("It passed 100 K downloads.", kind="count").value == 100_000
    assert one("It passed 100K downloads.", kind="count").value == 100_000
    assert one("The probe images at sub 20 K temperatures.", kind="count").value == 20


def test_a_fraction_before_in_is_read_only_as_the_size_of_a_change():
    assert one("We saw a cut of a third in queue times.").value == pytest.approx(100 / 3)
    assert parse_quantities("A third in the class had a calculator.") == []
    assert parse_quantities("The audit was done by a third party.") == []


def test_a_capital_set_apart_before_a_name_is_an_initial():
    assert one("Africa Award; £140,400 M Dickinson (PI).", kind="money").value == 140_400
    assert one("The grant was £5 M from the trust.", kind="money").value == 5_000_000
    assert one("It cost £5 M.", kind="money").value == 5_000_000


def test_rates_are_not_totals():
    assert "rate" in one("It is estimated to cost £14M/year to the economy.", kind="money").scope
    assert "rate" in one("a seed rate of 150 seeds m-2 would cost less", kind="count").scope
    assert "rate" not in one("The programme cost £14M in total.", kind="money").scope


@pytest.mark.parametrize("text", [
    "If half are lower, it saves £22.5M on 450 schemes.",
    "Assuming full uptake, the scheme reaches 450 schools.",
    "The scheme would reach 450 schools if it were rolled out.",
    "The cost was put at 450 schools, if the scheme were extended to every county.",
])
def test_hypothetical_figures_are_marked(text):
    assert "hypothetical" in one(text, kind="count").scope


@pytest.mark.parametrize("text", [
    "Piloted in 450 schools, the scheme will be extended if funding allows.",
    "The trial of 450 schools tested if the scheme works.",
    "It reached 450 schools, one of the largest if not the largest such scheme.",
    "Teachers asked if the 450 schools could share the materials.",
    "Twelve farms stopped using it if the fields were flooded.",
])
def test_a_condition_that_supposes_nothing_leaves_a_figure_stated(text):
    """A condition after the figure without "would", and "if" that means "whether" or
    begins an idiom, suppose nothing about the figure."""
    assert "hypothetical" not in one(text, kind="count").scope


def test_a_rule_put_with_a_condition_states_its_figure():
    """A duty after the condition makes a rule, whose figure holds whenever it applies."""
    text = "If a council places a child out of its area, it must pay a fee to 12 agencies."
    assert "hypothetical" not in one(text, kind="count").scope
    text = "If a council places a child out of its area, it pays a fee to 12 agencies."
    assert "hypothetical" in one(text, kind="count").scope


@pytest.mark.parametrize("text", [
    "Had the bypass been built on the original route, it would have cost £85 million.",
    "Without the research the scheme would have cost an extra £10m.",
])
def test_the_value_of_a_counterfactual_is_supposed(text):
    assert "hypothetical" in one(text, kind="money").scope


def test_a_modal_verb_alone_leaves_a_figure_stated():
    """"would" describes what the figure's things would undergo, not a figure worked out
    for a case: the 12 million hens are counted either way."""
    text = "A ban would have put 12 million laying hens at risk of injury."
    assert "hypothetical" not in one(text, kind="count").scope


@pytest.mark.parametrize("text,total", [
    ("The films reached a combined audience of 4,350 people.", True),
    ("She gave nine lectures to 450 people in total.", True),
    ("A total of 300 schools took part.", True),
    ("In total, 300 schools took part.", True),
    ("In all, 1,200 cattle were tested.", True),
    ("The screening drew 300 people.", False),
])
def test_a_stated_total_is_marked(text, total):
    q = [q for q in parse_quantities(text) if q.value >= 100][0]
    assert ("total" in q.scope) == total


@pytest.mark.parametrize("text,head,modifiers", [
    ("It developed a 77 GHz radar for cars.", "ghz", ()),
    ("The complex weighs 800 kDa in all.", "kda", ()),
    ("It lists 40 arts/heritage bodies in the region.", "body", ("art", "heritage")),
    ("There are 450 million beef cattle worldwide.", "cattle", ("beef",)),
    ("It installed two drinks vending systems.", "system", ("drink", "vending")),
    ("It funds 40 arts organisations.", "organisation", ("art",)),
    ("Emissions fell by 45.5 megatons.", "megaton", ()),
    ("They built a 20 kilometre cycle path.", "kilometre", ()),
    ("Gusts of 80mph hit the coast.", "mph", ()),
    ("The bypass is 6.5km long.", "kilometre", ()),  # one unit, one spelling
    ("Temperatures reached 34°C on Wednesday.", "degree", ()),
    ("Temperatures reached 34 degrees on Wednesday.", "degree", ()),
    ("She won 4 London Mathematical Society prizes.", "prize", ("london", "mathematical", "society")),
    ("It led to 4 European consortia receiving funds.", "consortium", ("european",)),
    ("He finds these four characteristics manifest in churches.", "characteristics", ()),
    ("It taught 30 economics students.", "student", ("economics",)),
])
def test_units_of_measure_and_joined_words_in_the_noun(text, head, modifiers):
    q = one(text, kind="count")
    assert (q.head, q.modifiers) == (head, modifiers)


@pytest.mark.parametrize("text", [
    "It runs on the 5G network.", "It was filmed in 3D.", "They used 13C NMR.",
    "Its area is 14,000km2.", "Article 1F of the Convention applies.",
])
def test_a_number_glued_to_letters_that_are_no_unit_is_a_name(text):
    assert parse_quantities(text) == []


@pytest.mark.parametrize("text", [
    "The club made a profit of £2.4 million last year.",
    "The shelter rehomed 300 last year.",
])
def test_a_time_after_a_figure_says_when_not_what(text):
    (q,) = parse_quantities(text)
    assert "partial" not in q.scope and q.head != "year"


@pytest.mark.parametrize("text", [
    "In 2010, 13 of the 29 committees had audited their work.",
    "Staff came from 15 of the country's 18 regions.",
    "Staff came from 15 of Ruritania's 18 regions.",
])
def test_a_count_of_some_of_a_whole_takes_its_noun(text):
    part, whole = [q for q in parse_quantities(text) if q.kind == "count" and q.value < 2000]
    assert part.head == whole.head and "partial" in part.scope and "partial" not in whole.scope


def test_a_condition_in_another_clause_leaves_a_figure_stated():
    text = "Smoking causes 8,220,000 deaths a year; the toll could rise if trends continue."
    assert "hypothetical" not in one(text, kind="count").scope
    assert "hypothetical" in one("If it were rolled out, 450 schemes would close.", kind="count").scope


@pytest.mark.parametrize("text", [
    "Her 2008 monograph on religious freedom was cited.", "Our 2013 report led to a review.",
    "(with Jones) 1993 study of violence in the region",
])
def test_a_year_before_one_thing_is_a_date(text):
    assert [q.kind for q in parse_quantities(text)] == ["year"]


@pytest.mark.parametrize("text,head", [
    ("The plant created 2000 new jobs.", "job"), ("It employs 1800 staff.", "staff"),
    ("In all 1200 cattle were tested.", "cattle"), ("There were 2000 people.", "person"),
])
def test_a_year_like_number_before_things_is_a_count(text, head):
    assert one(text, kind="count").head == head


def test_a_span_of_time_then_a_count_is_not_a_list():
    q = one("Over the last 20 years, more than 500 people came.", kind="count", value=500.0)
    assert "series" not in q.scope


def test_list_items_are_marked_as_series():
    for q in parse_quantities("Forecasts for 24 hours, 48 hours, and 72 hours were produced."):
        assert "series" in q.scope
    assert "series" not in one("A total of 14,931 practitioners were trained.", kind="count").scope


def test_items_that_leave_out_their_noun_are_a_series():
    text = "Families were recruited: 253 families in Kent, 114 in Devon and 36 in Fife."
    assert all("series" in q.scope for q in parse_quantities(text))
    whole = one("It trained 500 teachers in Leeds, 30 of whom now lead schools.", value=500.0)
    assert "series" not in whole.scope  # the count after it is some of the 500
    # nor when the part follows at once, its noun left out
    for text, value in (("The council has 15 councillors, two of whom were elected in May.", 15.0),
                        ("It trained 300 nurses, 40 of them in Wales.", 300.0)):
        assert "series" not in one(text, value=value).scope
    part = one("The farm has 600 acres, 150 of which are woodland.", value=150.0)
    assert part.head == "acre" and "partial" in part.scope  # the part counts acres too


def test_since_a_year_is_a_period_to_this_day():
    assert one("Since 2015 more than 100 parents have been supported.", kind="count").years == (2015, OPEN_END)
    assert one("From 2009 onwards 40 schools took part.", kind="count").years == (2009, OPEN_END)
    assert one("It employed 35 staff in 2007.", kind="count").years == (2007, 2007)


def test_between_two_years_is_a_period():
    q = one("It trained tutors in 17 regions between 2015 and 2019.", kind="count")
    assert q.years == (2015, 2019)
    assert one("In 2012 and 2014, 40 schools joined.", kind="count").years == (2014, 2014)


@pytest.mark.parametrize("text,years", [
    ("Grants of £6m were paid in 2015/16 and 2016/17.", (2015, 2017)),
    ("Grants of £6m were paid in 2015-16, 2016-17 and 2017-18.", (2015, 2018)),
    ("Grants of £6m were paid in 2015 and 2016.", (2015, 2016)),
    ("Grants of £6m were paid in 2016 and 2015.", (2016, 2016)),  # not a run forward
    ("Grants of £6m were paid in 2015 and 2018.", (2015, 2015)),  # two years, not a period
])
def test_a_run_of_consecutive_years_is_one_period(text, years):
    assert one(text, kind="money").years == years


def test_a_year_in_an_aside_or_a_later_clause_is_not_the_figures():
    assert one("It employs 35 staff (twice as many as it did in 2007).", kind="count").years is None
    assert one("There are 35 million hens in the UK, which laid 9 eggs in 2012.",
               kind="count", head="hen").years is None
    assert one("It reached 40 schools in 2012.", kind="count").years == (2012, 2012)
    assert one("The lab was funded by £1.1M of this grant, secured between 2005 - 2009.",
               kind="money").years == (2005, 2009)
    assert one("Uptake was 5% (2011) among farmers.", kind="percent").years == (2011, 2011)


def test_a_count_that_could_be_a_year_is_not_the_year_of_its_neighbours():
    """"over 2000 other pages" is a count: the 1,600 biographies are not of the year 2000.
    A year after "up to" or "around" with no plural noun after it is still a year, and so
    is one "below" a level."""
    assert one("The archive holds biographies of 1600 mathematicians and over 2000 other "
               "pages of essays.", value=1600.0).years is None
    assert one("More than 2000 men took part across 16 football clubs.", value=16.0).years is None
    assert one("Up to 2013 modulation has provided €10 billion of funding.",
               kind="money").years == (2013, 2013)
    assert one("The target is emissions 20% below 1990 levels.", kind="percent").years == (1990, 1990)


def test_more_than_the_group_is_a_comparison_not_a_qualifier():
    q = one("They earned £900 more than the 88% of growers who did not.", kind="percent")
    assert q.qualifier == "" and q.text == "88%" and q.high < 89
    assert one("Over the years, more than 500 people came.", kind="count").qualifier == "over"


@pytest.mark.parametrize("text,head,modifiers", [
    ("services to 85% of the police forces", "force", ("police",)),
    ("We met 40 sheep farmers.", "farmer", ("sheep",)),
    ("In all 1200 cattle were tested.", "cattle", ()),
    ("It employs 35 staff, including 25 scientists.", "staff", ()),
    ("After the merger 12 staff left the unit.", "staff", ()),
    ("It opened 4 Media Studio branches.", "branch", ("media", "studio")),
    ("It opened a 4 Media Studio.", "studio", ("media",)),
    ("About 300 sheep grazing the common were tagged.", "sheep", ()),
])
def test_a_noun_that_is_its_own_plural_is_the_head_only_when_no_plural_follows(text, head, modifiers):
    q = parse_quantities(text)[0]
    assert (q.head, q.modifiers) == (head, modifiers)


def test_an_initial_amount_is_a_part():
    assert "partial" in one("It was launched with £500k initial funding.", kind="money").scope
    assert "partial" in one("The original 12 partners stayed on.", kind="count").scope
    assert "partial" not in one("It has raised over £18M funding.", kind="money").scope
    assert "partial" in one("The unit was funded by £1.1M of this grant.", kind="money").scope
    assert "partial" not in one("It raised £5m, of which half came from industry.", kind="money").scope
    assert "partial" in one("Two members of the working group joined the board.", kind="count").scope
    assert "partial" not in one("The 171 members of the working group met.", kind="count").scope
    assert "partial" in one("It employs 35 staff, including 25 scientists.", value=25.0).scope
    assert "partial" in one("It runs 60 projects (e.g. one firm has two projects).", value=2.0).scope
    assert "partial" not in one("It employs 35 staff, including 25 scientists.", value=35.0).scope


def test_ranks_are_not_counts_and_a_top_few_is_a_selection():
    assert [q.kind for q in parse_quantities("It is the #1 supplier of sensors.")] == []
    assert "top" in one("It was one of the top 5 projects of the year.", kind="count").scope
    assert "top" not in one("It ran 60 projects.", kind="count").scope
    # "main", "key", "major": a selection by importance, as "top" is one by rank
    assert "top" in one("The plant has 12 main process vessels.", kind="count").scope
    assert "top" in one("It made three key recommendations.", kind="count").scope
    assert "top" not in one("It made three recommendations on key stages.", kind="count").scope


def test_so_many_in_the_first_part_of_a_period_is_a_part():
    assert "partial" in one("It trained 1,000 nurses in its first year.", kind="count").scope
    assert "partial" in one("It reached 40 schools in the first two years.", value=40.0).scope
    assert "partial" not in one("It trained 1,000 nurses in 2012.", kind="count").scope


def test_an_average_is_marked():
    assert "average" in one("The site had an average of two million hits.", kind="count").scope
    assert "average" in one("Each farm saved £300 on average.", kind="money").scope
    assert "average" not in one("The site had two million hits.", kind="count").scope


@pytest.mark.parametrize("text, value, each", [
    ("It led to six events each attracting around 60 practitioners.", 60, True),
    ("It led to six events each attracting around 60 practitioners.", 6, False),
    ("The three festivals had 2,000 participants each.", 2000, True),
    ("It gave £5,000 each to 30 schools.", 5000, True),
    ("It gave £5,000 each to 30 schools.", 30, False),
    ("Each of the 12 schools took part.", 12, False),
    ("We trained 40 staff each year.", 40, False),
])
def test_so_many_each_is_per_item_not_a_total(text, value, each):
    assert ("each" in one(text, value=float(value)).scope) is each


def test_year_is_the_nearest_one_in_the_clause():
    qs = {q.text: q.years for q in parse_quantities(
        "Prevalence fell from 10% (2004) to 5% (2011) and 3% (2013).") if q.kind == "percent"}
    assert qs == {"10%": (2004, 2004), "5%": (2011, 2011), "3%": (2013, 2013)}
    q = one("It had 30 employees in June 2013 (from 16 in 2012).", value=30.0)
    assert q.years == (2013, 2013)
    assert one("Over the period 2008-2012, firms paid over £2.2M in fees", kind="money").years == (2008, 2012)


@pytest.mark.parametrize("text,years", [
    # a year right after a figure's own words is its year, though another stands nearer before
    ("The unit had 12 staff in 2016 and 30 staff in 2021.", {"12": (2016, 2016), "30": (2021, 2021)}),
    ("Sales grew from 42 in 2008 to around 100 in 2013.", {"42": (2008, 2008), "around 100": (2013, 2013)}),
    ("Prevalence fell from 0.22% in 2003 to 0.04% in 2008.",
     {"0.22%": (2003, 2003), "0.04%": (2008, 2008)}),
])
def test_a_year_after_a_figures_own_words_is_its_year(text, years):
    assert {q.text: q.years for q in parse_quantities(text) if q.kind != "year"} == years


@pytest.mark.parametrize("text,count", [
    ("Training was given in 2013 to 32 lawyers.", "32"),
    ("Cattle live longer (from 3.4 years in 2004 to 4.3 years in 2009).", "4.3"),
    ("Numbers rose by 2% in 2012 to 9.9 million, up from 9.7 million in 2011.", "9.9 million"),
])
def test_a_year_then_to_and_a_count_is_no_period(text, count):
    """"2013 to 32 lawyers" is a year and a count, not the years 2013 to 2032."""
    qs = parse_quantities(text)
    assert count in [q.text for q in qs if q.kind != "year"]
    assert all(q.years is None or q.years[1] < 2020 for q in qs if q.kind != "year")


def test_a_short_year_after_to_still_ends_a_period():
    assert one("The project ran from 2012 to 14 and grew.", kind="year").high == 2014
    assert one("In 2012-14 the 40 schools joined.", kind="count").years == (2012, 2014)


def test_possessive_year_and_adjectives_in_the_noun():
    assert one("Umerski and Mathon's 2001 publication is a milestone.", kind="year").value == 2001
    assert one("In 2012 it employed 71 highly qualified staff.", kind="count").head == "staff"


def test_a_year_before_a_count_is_not_a_thousands_group():
    assert [(q.kind, q.value) for q in parse_quantities("In 2013 100 people came.")] == [
        ("year", 2013), ("count", 100)]


def test_the_first_few_are_a_part():
    """"the first five courts" counts some of the courts, not all of them."""
    assert "partial" in parse_quantities("They evaluated the first five courts.")[0].scope
    assert "partial" in parse_quantities("It brought a further £4.5m of funding.")[0].scope
    assert "partial" not in parse_quantities("They evaluated five courts.")[0].scope


def test_a_figure_given_as_a_share_of_a_whole_is_a_part():
    assert "partial" in parse_quantities(
        "Rates are rising, with 900 cases a year (nearly a third of all cases).")[0].scope
    assert "partial" in parse_quantities("It reached 300 pupils, or 40% of the total.")[0].scope
    assert "partial" not in parse_quantities("It reached 300 pupils (40% of them girls).")[0].scope


@pytest.mark.parametrize("text, value", [
    ("It inspired over half a million people.", 500_000),
    ("It drew a quarter of a million visitors.", 250_000),
    ("It has half a dozen partners.", 6),
    ("It costs three quarters of a billion pounds.", 750_000_000),
    ("It reached one and a half million homes.", 1_500_000),
    ("The study took two and a half years.", 2.5),
])
def test_a_fraction_of_a_scale_word(text, value):
    assert [q.value for q in parse_quantities(text)] == [value]


@pytest.mark.parametrize("text, low, high", [
    ("It was seen by one thousand one hundred people.", 1050, 1150),  # as precise as 1,100
    ("It was seen by two thousand people.", 1500, 2500),  # as round as its scale
    ("It reached one and a half million homes.", 1_250_000, 1_750_000),
])
def test_a_number_in_words_is_as_precise_as_its_last_word(text, low, high):
    q = one(text, kind="count")
    assert (q.low, q.high) == (low, high)


@pytest.mark.parametrize("text,total,parts", [
    ("The tour drew 86,000 visitors: 31,000 in Bristol, 29,000 in Liverpool and 26,000 in London.",
     "86,000", ["31,000", "29,000", "26,000"]),
    ("They sold a total of 300 kits (120 kits of type A, 100 kits of type B and 90 kits of type C).",
     "a total of 300", ["120", "100", "90"]),
    ("Funding of £2.1m came from three sources: £1.2m from the ESRC, £0.5m from the NHS and "
     "£0.3m from charities.", "£2.1m", ["£1.2m", "£0.5m", "£0.3m"]),
    ("The show was seen by 20,000 visitors in Hull, 18,000 in York and 10,000 in Leeds.",
     None, ["20,000", "18,000", "10,000"]),
    ("Families (n = 403) were recruited into 31 groups: 253 families in the UK, 114 in Germany "
     "and 36 in Holland.", "403", ["253", "114", "36"]),  # the figure they add up to
])
def test_figures_listed_as_the_parts_of_a_whole(text, total, parts):
    [b] = breakdowns(text, parse_quantities(text))
    assert (b.total.text if b.total else None) == total
    assert [q.text for q in b.items] == parts


@pytest.mark.parametrize("text,total,parts,whole", [
    ("The survey had 240 respondents, which comprised 150 students and 90 teachers.",
     "240", ["150", "90"], True),
    ("The clubs enrolled 90 children (52 girls and 38 boys).", "90", ["52", "38"], True),
    ("We interviewed 80 people, including 50 patients and 25 carers.", "80", ["50", "25"], False),
    ("She gave talks to 40 audiences, 22 in the UK and 18 overseas.", "40", ["22", "18"], True),
    # the 35 patients, not the three sites, are what the parts add up to
    ("The trial enrolled 35 patients at three sites (19 in Leeds and 16 in York).",
     "35", ["19", "16"], True),
    # a sentence that opens on the whole: its parts may leave some out
    ("Of the 120 staff who replied, 70 were nurses, 40 were doctors and 25 were porters.",
     "120", ["70", "40", "25"], False),
    ("Of these 40 schools, 30 were primary schools and 20 were secondary schools.",
     "40", ["30", "20"], False),
    ("Of the 96 schools in the scheme, 60 were primary and 40 were secondary.",
     "96", ["60", "40"], False),  # groups named by a word after the be-verb
    # a total given after its parts
    ("It trained 250 tutors in Leeds, 180 in York and 90 in Hull, a total of 520 tutors.",
     "a total of 520", ["250", "180", "90"], True),
    ("It trained 250 tutors in Leeds, 180 in York and 90 in Hull (520 in all).",
     "520", ["250", "180", "90"], True),
    ("The network's 35 sites comprise 20 in England, 10 in Scotland and 8 in Wales.",
     "35", ["20", "10", "8"], True),
    ("It funded 45 clubs in the north, 38 in the south and 27 in the east, making 110 clubs "
     "in total.", "110", ["45", "38", "27"], True),
    ("There were 3,400 admissions in Bradford, 2,100 in Wakefield and 1,900 in Halifax, "
     "bringing the total to 7,400.", "7,400", ["3,400", "2,100", "1,900"], True),
    # a total after the parts, though the first part nearly adds up the others
    ("Sales were £4.2m in the UK, £2.9m in Europe and £1.4m in Asia, a total of £8.5m.",
     "a total of £8.5m", ["£4.2m", "£2.9m", "£1.4m"], True),
])
def test_a_total_tied_to_its_parts_by_the_wording(text, total, parts, whole):
    [b] = breakdowns(text, parse_quantities(text))
    assert (b.total.text, [q.text for q in b.items], b.whole) == (total, parts, whole)


def test_where_words_are_not_what_is_counted():
    assert one("We taught 300 overseas students.", kind="count").head == "student"
    assert one("It has 26 in the UK and 25 overseas.", value=25).noun == ""


@pytest.mark.parametrize("text,items", [
    ("The survey covered five themes (housing, transport, health and education).",
     ["housing", "transport", "health", "education"]),
    ("The review named four characteristics: openness, trust and reciprocity.",
     ["openness", "trust", "reciprocity"]),
    ("The project had three strands: data collection and data analysis.",
     ["data collection", "data analysis"]),
    ("There are four makers of turbines: Alpha, Beta and Gamma [4].", ["Alpha", "Beta", "Gamma"]),
    ("They held three meetings (one in Leeds and one in York).", ["one in Leeds", "one in York"]),
    ("It made four films (Walking to the Sea, Night Shift and Harbour).",
     ["Walking to the Sea", "Night Shift", "Harbour"]),  # a title is a name
    ("It ran three surveys (mainly online and by phone).", None),  # describes them
    ("It detected three compounds (from coffee and tea).", None),
    ("It has three offices (based in Leeds and York).", None),
    ("It addresses six questions: how should we understand the nature and purpose of inspection?", None),
])
def test_lists_of_words_after_a_count(text, items):
    count = next(q for q in parse_quantities(text) if q.kind == "count")
    assert enumeration(text, count) == items


@pytest.mark.parametrize("text", [
    "Two recent papers (5 and 6) use the same sensor.",  # citations
    "It had 40 schools in 2010, 55 in 2011 and 70 in 2012.",  # a series in time
    "It sent 800 tapes (300 in Ireland, 200 in Poland and the remainder in the UK).",  # not all given
    "It ran for 24, 48 and 72 hours.",
    "It trained 40 schools and 300 pupils.",  # two counts, with no total tied to them
    # a figure after the list that is not marked a total
    "It trained 250 tutors in Leeds, 180 in York and 90 in Hull, 40 of them new.",
    # a total of something else than the parts count
    "It trained 250 tutors in Leeds, 180 tutors in York and 90 tutors in Hull, a total of 30 schools.",
])
def test_figures_that_are_not_the_parts_of_a_whole(text):
    assert breakdowns(text, parse_quantities(text)) == []


def test_percentage_points_are_a_difference_not_a_share():
    assert one("Uptake rose by 12 percentage points.", kind="percent").unit == "pp"
    assert one("Uptake rose to 12 per cent.", kind="percent").unit == "%"


def test_a_verb_can_say_what_kind_of_money_an_amount_is():
    assert one("The scheme saved the NHS £1.5bn over five years.", kind="money").head == "saving"
    assert one("It invested £2m in new plant.", kind="money").head == "investment"
    assert one("Savings to the NHS were £1,800 million.", kind="money").head == "saving"


@pytest.mark.parametrize("text,tag", [
    ("The second phase will add 180 homes.", "nth:phase:2"),
    ("Phase 2 of the trial enrolled 400 adults.", "nth:phase:2"),
    ("In its third year, 300 pupils took part.", "nth:year:3"),
    ("The 2nd edition sold 5,000 copies.", "nth:edition:2"),
])
def test_a_figure_of_one_member_of_a_numbered_run_says_which(text, tag):
    assert tag in one(text, kind="count").scope


def test_a_fraction_is_no_member_of_a_numbered_run():
    q = one("Visits fell by a third after the new charges came in.", kind="percent")
    assert not [tag for tag in q.scope if tag.startswith("nth:")]


@pytest.mark.parametrize("text,planned", [
    ("The project aimed to train 1,000 teachers.", True),
    ("The operator's target is for 95 buses to run on time.", True),
    ("We plan to reach 500 schools.", True),
    ("In the end it trained 1,240 teachers, exceeding its goal.", False),
    ("It trained 1,240 teachers.", False),
])
def test_an_aim_is_marked_planned(text, planned):
    assert ("planned" in one(text, kind="count").scope) == planned


@pytest.mark.parametrize("text,marks", [
    ("Before the new rota, the service met its target on 61% of calls.", {"earlier"}),
    ("The café used to serve about 150 customers a day.", {"earlier"}),
    ("After the rota changed, the target was met on 78% of calls.", set()),
    ("The reservoir can hold 12 billion litres.", {"capacity"}),
    ("The hall has a capacity of 400 people.", {"capacity"}),
    ("After the dry summer it held just 5 billion litres.", set()),
])
def test_an_earlier_state_and_a_capacity_are_marked(text, marks):
    q = max(parse_quantities(text), key=lambda q: q.value)
    assert {"earlier", "capacity"} & set(q.scope) == marks


def test_a_count_in_the_first_period_named_before_it_is_a_part():
    """"In the first year of the scheme, 140 households": some of what the whole scheme
    reached, as "140 households in its first year" is."""
    assert "partial" in one("In the first year of the scheme, 140 households joined.",
                            kind="count").scope
    assert "partial" not in one("By the end of the scheme, 520 households joined.",
                                kind="count").scope



@pytest.mark.parametrize("text,head", [
    ("Fewer than half of the pilot's patients finished the course.", "patient"),
    ("Just over half of the village’s households signed up.", "household"),
    ("87% of the survey's 290 respondents agreed.", "respondent"),
])
def test_a_share_of_what_someone_has_counts_the_things(text, head):
    q = one(text, kind="percent")
    assert q.head == head and q.scope.value("of") == head


def test_a_share_of_those_who_did_something_is_not_a_part():
    """"40% of those who responded" is a share like any other; "30 of these schools" is
    some of the schools named before."""
    assert "partial" not in one("Women made up 40% of those who responded.", kind="percent").scope
    assert "partial" in one("Of the schools, 30 of these schools joined.", kind="count").scope


@pytest.mark.parametrize("text, inside, outside", [
    ("one in eight children", 12.5, 18.75),  # the second number is the rounded one
    ("one in five children", 20, 12.5),
    ("nine out of ten children", 88, 96),
])
def test_ratios_are_rounded_where_they_are_written(text, inside, outside):
    q = one(text, kind="percent")
    assert q.low <= inside <= q.high
    assert not q.low <= outside <= q.high


def test_roundings_that_only_touch_cannot_both_hold():
    one_m, two_m = one("a $1 million payment", kind="money"), one("a $2 million payment", kind="money")
    assert (one_m.high, two_m.low) == (1.5e6, 1.5e6)  # 1.5 million rounds to 2
    assert not one_m.overlaps(two_m)
    hens = one("35 million hens", kind="count"), one("34 million hens", kind="count")
    assert hens[0].overlaps(hens[1])  # a tenth apart at most: one figure cut and rounded
    exact = one("exactly 190 groups", kind="count")
    assert exact.overlaps(one("up to 190 groups", kind="count"))  # a point within
    assert one("2,400 seats", kind="count").overlaps(one("about 2,500 seats", kind="count"))


@pytest.mark.parametrize("text, head", [
    ("Of the animals it rehomed, 95 were dogs and the rest cats.", "dog"),
    ("Of the club's members, 410 are junior members.", "member"),
    ("The council says 70 were fitted last month.", ""),  # a participle counts nothing
    ("Of these, 30 were in London.", ""),
    ("Of the staff, 12 were years into their training.", ""),  # a span of time is not counted
    ("All three are respected journals.", "journal"),
])
def test_a_count_with_no_noun_counts_what_its_be_verb_names(text, head):
    """"95 were dogs" counts dogs, as "95 dogs" does; the noun may come after "are" or "were"."""
    assert one(text, kind="count").head == head


def test_numbers_that_label_count_nothing_of_their_be_verb():
    for text in ("Sources 5 and 7 are examples of its use.",
                 "References 1, 2 and 4 are monographs."):
        assert {q.head for q in parse_quantities(text) if q.kind == "count"} == {""}, text


@pytest.mark.parametrize("text, head", [
    ("Among the pupils, 72% met the expected standard.", ""),  # the verb, not a whole
    ("Of the 300 leavers, 40 went on to university.", ""),
    ("The scheme fitted 500 LED lamps.", "lamp"),  # a capital acronym is no verb
    ("The museum employs 30 paid staff.", "staff"),  # a participle may be an adjective
])
def test_a_past_verb_right_after_a_figure_is_not_what_it_counts(text, head):
    q = min(parse_quantities(text), key=lambda q: q.value)
    assert q.head == head
