"""A figure per person or thing is a rate: messages say what it is per, and it is never
compared with a total ("$3000 per patient" against "about $122 million savings")."""

import pytest

from claimcheck.checks.describe import quantity_phrase
from claimcheck.checks.sameness import same_quantity
from claimcheck.io.documents import make_document
from claimcheck.parse.claims import extract_claims
from claimcheck.pipeline import check_claims

SUMMARY = ("# Summary of the impact\n\nThe new care pathway has produced about $122 million savings "
           "for hospitals across the region since 2015.\n\n# Details of the impact\n\n")


def figures(text):
    """The figures of a one-paragraph text, as the parser reads them."""
    return [q for claim in extract_claims(make_document("doc.txt", text)) for q in claim.numeric]


@pytest.mark.parametrize("sentence, phrase", [
    ("An evaluation found $3000 savings per patient treated.", "$3000 savings per patient"),
    ("The pathway gives savings of $3000 per patient, say the trusts.", "$3000 savings per patient"),
    ("The centre now welcomes 2,500 visitors a week.", "2,500 visitors a week"),
    ("The centre now welcomes 2,500 visitors each month.", "2,500 visitors a month"),
    ("The pathway has produced about $122 million savings.", "about $122 million savings"),
])
def test_a_message_names_what_a_figure_is_per(sentence, phrase):
    [q] = figures(sentence)
    assert quantity_phrase(q) == phrase


def test_a_rate_per_patient_is_not_the_same_quantity_as_a_total():
    [total] = figures(SUMMARY.split("# Details")[0])
    [rate] = figures("An evaluation found $3000 savings per patient treated.")
    [yearly] = figures("The pathway now saves $30 million a year.")
    assert not same_quantity(rate, total) and not same_quantity(total, rate)
    # a rate per year may be one year's total: left for the matcher to weigh; against a
    # total over several years ("since 2015") it is the pace, not the total
    [one_year] = figures("The pathway produced about $122 million savings in 2015.")
    assert same_quantity(yearly, one_year)
    assert not same_quantity(yearly, total) and not same_quantity(total, yearly)


def _conflicts(embedder, text):
    doc = make_document("case.md", text)
    return [f for f in check_claims(extract_claims(doc), embedder) if f.check == "numeric-conflict"]


def test_a_rate_per_patient_is_not_reported_against_a_total(embedder):
    text = SUMMARY + ("An economic evaluation found $3000 savings per patient treated on the new "
                      "care pathway [S2].\nThe pathway gives savings of $3000 per patient, "
                      "according to the trusts.\n")
    assert _conflicts(embedder, text) == []


def test_two_rates_per_patient_that_differ_say_so(embedder):
    text = ("# Summary of the impact\n\nAn economic evaluation found $3000 savings per patient "
            "treated on the new care pathway.\n\n# Details of the impact\n\nThe evaluation of the "
            "new care pathway found savings of $2000 per patient treated [S2].\n")
    [finding] = _conflicts(embedder, text)
    assert "$3000 savings per patient" in finding.message
    assert "$2000 savings per patient" in finding.message
