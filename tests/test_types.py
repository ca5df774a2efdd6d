"""Severity and Pair: typed, yet the same words and strings in findings, JSON and reports."""

import json

import pytest

from claimcheck.findings import SEVERITIES, SEVERITY_RANK, Finding, Span
from claimcheck.types import Pair, Severity


def test_severities_are_one_vocabulary_most_severe_first():
    assert SEVERITIES == ("high", "medium", "low")
    assert [s.rank for s in Severity] == [0, 1, 2]
    assert SEVERITY_RANK == {"high": 0, "medium": 1, "low": 2}


def test_a_severity_is_its_word_wherever_it_goes():
    high = Severity("high")
    assert high is Severity.HIGH and high == "high"
    assert {"high": 1}[high] == 1 and SEVERITY_RANK[Severity.LOW] == 2
    assert f"{high}" == str(high) == "high" and f"[{high:>6}]" == "[  high]"
    assert json.dumps({"severity": high}) == '{"severity": "high"}'
    with pytest.raises(ValueError):
        Severity("severe")


def test_a_finding_with_a_severity_member_writes_the_word():
    f = Finding("arithmetic", Severity.MEDIUM, "m", Span("d", "t", 0, 1))
    assert f.to_dict()["severity"] == "medium"
    assert Finding.from_dict(json.loads(json.dumps(f.to_dict()))) == f


@pytest.mark.parametrize("text,pair", [("120", Pair(120)), ("120-340", Pair(120, 340)), ("0-0", Pair(0, 0))])
def test_a_pair_reads_and_writes_as_values_pair_holds_it(text, pair):
    assert Pair.parse(text) == pair and str(pair) == text


@pytest.mark.parametrize("text", ["", "a-b", "12-", "1,2"])
def test_a_pair_that_is_not_one_is_a_value_error(text):
    with pytest.raises(ValueError):
        Pair.parse(text)


def test_strongest_per_figure_refuses_a_conflict_of_one_figure():
    from claimcheck.checks.selection import strongest_per_figure

    f = Finding("numeric-conflict", "high", "m", Span("d", "t", 0, 1), (Span("d", "u", 5, 6),), {"pair": "0"})
    with pytest.raises(ValueError, match="names two figures"):
        strongest_per_figure([f])


def test_a_scope_reads_its_labelled_values_and_stays_a_scope_when_added_to():
    from claimcheck.types import Scope

    scope = Scope(["rate", Scope.tag("year", "2008-"), Scope.tag("place", "wales"), Scope.tag("place", "chile")])
    assert scope.value("year") == "2008-" and scope.values("place") == ["wales", "chile"]
    assert scope.value("per") == "" and "rate" in scope
    more = scope + ("partial",)
    assert isinstance(more, Scope) and more.only("place") == ("place:wales", "place:chile")


def test_parsed_quantities_carry_a_scope_that_survives_the_claims_cache():
    from claimcheck.caches import claims_from_json, claims_to_json
    from claimcheck.io.documents import make_document
    from claimcheck.parse.claims import extract_claims
    from claimcheck.types import Scope

    claims = extract_claims(make_document("a.txt", "Since 2008 the scheme has trained 300 nurses a year in Wales.\n"))
    again = claims_from_json(claims_to_json(claims))
    q = next(q for c in again for q in c.quantities if q.kind == "count")
    assert isinstance(q.scope, Scope) and q.years[0] == 2008
    assert q.places == frozenset({"wales"}) and q.period == "year" and again == claims
