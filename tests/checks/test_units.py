from claimcheck.checks.scale import same_digits
from claimcheck.checks.units import in_unit_of
from claimcheck.parse.quantities import parse_quantities
from tests.checks.helpers import findings_for


def _count(text):
    [q] = [q for q in parse_quantities(text) if q.kind == "count"]
    return q


def test_a_count_in_another_unit_of_its_dimension_is_read_in_that_unit():
    months, years = _count("It took 30 months."), _count("It took four years.")
    assert in_unit_of(months, years) is months  # the larger unit is read in the smaller
    read = in_unit_of(years, months)
    assert read.head == "month" and read.value == 48
    assert read.text == years.text and read.start == years.start  # as written, where written
    assert (read.low, read.high) == (42, 54)  # a whole number of years is rounded to one
    assert _count("It covers 5 ha.").head == _count("It covers 9 hectares.").head == "hectare"
    metres = in_unit_of(_count("It is 14 metres long."), _count("It is some 46 feet long."))
    assert metres.head == "foot" and metres.low <= 46 <= metres.high


def test_units_of_other_dimensions_rates_and_things_are_left_alone():
    years = _count("It took four years.")
    for text in ("It weighed 30 kg.", "It has 30 staff.", "It ran 30 miles a day."):
        q = _count(text)
        assert in_unit_of(q, years) is q
    rate = _count("It ran 30 miles a day.")
    assert in_unit_of(rate, _count("It ran 40 km a day.")) is rate


def test_one_span_of_time_in_two_units_is_compared(embedder):
    def conflicts(first, second):
        return findings_for(embedder, first, second, check="numeric-conflict")

    assert conflicts("The course lasts four years in all.",
                     "The course runs for 48 months in all.") == []
    [f] = conflicts("Daniel Harwood was jailed for four years at Kessington Crown Court.",
                    "The judge at Kessington sentenced Harwood to 30 months in prison.")
    assert "four years" in f.message and "30 months" in f.message
    assert "span of time (read here in months)" in f.message
    assert f.values["counted"] == "months" and f.values["claim_interval"] == [42, 54]
    assert f.severity in ("medium", "low")  # a span of time: never high (sameness.duration)


def test_a_value_read_in_another_unit_is_no_slip_of_scale():
    months = _count("It took 12 months.")
    years = in_unit_of(_count("It took ten years."), months)  # 120 months, never written
    assert years.value == 120 and not same_digits(months, years)
    assert same_digits(months, _count("It took 120 months."))  # written: a slip
