"""The document-level checks: references and citations, declared periods, the REF3
structure."""

import pytest

from tests.checks.helpers import doc_findings


REF3_DOC = """1. Summary of the impact
The tool is used by 40 clinics [R1] and was evaluated in a 2015 trial [R2] and elsewhere [R7].

2. Underpinning research
The team showed the effect [R1, R3].

3. References to the research
[R1] Smith, A. (2011). A paper. Journal, 4, 1-9. doi:10.1111/j.1469-7610.2010.02350
[R2] Jones, B. (2012). A trial. BMC Med, 10, 1. DOI: 095656639596795Z
[R3] Smith, A. (2011). A paper. Journal, 4, 1-9. doi:10.1111/j.1469-7610.2010.02350
[R4] Lee, C. (2010). Never cited. doi:10.1016/S0040-4020(95)00743-R

4. Details of the impact
The clinics report benefits [S1].

5. Sources to corroborate the impact
[S1] A letter.
"""


@pytest.mark.parametrize("check,expected", [
    ("citation-without-entry", ["R7"]),
    ("citation-year-mismatch", [2012]),
    ("malformed-doi", ["10.1111/j.1469-7610.2010.02350", "095656639596795Z"]),
    ("duplicate-reference", [["R1", "R3"]]),
    ("reference-never-cited", ["R4"]),
])
def test_reference_checks(check, expected):
    key = {"citation-without-entry": "missing", "citation-year-mismatch": "reference_year",
           "malformed-doi": "doi", "duplicate-reference": "labels", "reference-never-cited": "label"}[check]
    values = [f.values[key] for f in doc_findings(REF3_DOC, check)]
    if check == "citation-without-entry":
        values = [v for vs in values for v in vs]
    assert values == expected


def test_wrapped_and_old_style_dois_are_not_flagged():
    text = REF3_DOC.replace("doi:10.1111/j.1469-7610.2010.02350", "doi:10.1111/j.1469-\n      7610.2010.02350.x")
    assert [f.values["doi"] for f in doc_findings(text, "malformed-doi")] == ["095656639596795Z"]
    lost_hyphen = REF3_DOC.replace("doi:10.1111/j.1469-7610.2010.02350", "doi:10.1111/j.1469 7610.2010.02350.x")
    assert [f.values["doi"] for f in doc_findings(lost_hyphen, "malformed-doi")] == ["095656639596795Z"]


PERIODS = """Period when the underpinning research was undertaken: 2005 - 2015
Period when the claimed impact occurred: 2013 - 2020
1. Summary of the impact
The method is used in 40 clinics.
2. Underpinning research
In the 1990s, the team developed the first version. In 2008 the team published the trial.
Since the 1970s, policy has changed.
4. Details of the impact
In 2021 a further 30 clinics adopted it. The service will run until 2024.
"""


def test_events_outside_declared_periods():
    research = doc_findings(PERIODS, "outside-research-period")
    assert [f.values["year"] for f in research] == ["1990s"]  # background ("Since the 1970s") is not flagged
    impact = doc_findings(PERIODS, "outside-impact-period")
    assert [f.values["year"] for f in impact] == ["2021"]  # plans ("will run until 2024") are not


def test_events_after_the_document_date():
    text = "Date: 14 March 2019\n" + PERIODS.replace("2021", "2018")
    assert doc_findings(text, "after-document-date") == []
    [f] = doc_findings("Date: 14 March 2017\n" + PERIODS.replace("2021", "2018"), "after-document-date")
    assert f.values == {"year": "2018", "document_year": 2017, "pair": f.values["pair"]}


def test_ref3_structure_notes():
    notes = [f.values["note"] for f in doc_findings(REF3_DOC, "ref3-structure")]
    assert notes == []  # all five sections, in order, four references, one source, short
    long_summary = REF3_DOC.replace("The tool is used", "word " * 120 + "The tool is used")
    notes = [f.values["note"] for f in doc_findings(long_summary, "ref3-structure")]
    assert len(notes) == 1 and "has 1" in notes[0] and "(indicative limit 100)" in notes[0]
    many = REF3_DOC.replace("[R4] Lee", "[R5] Ng, D. (2009). X.\n[R6] Ho, E. (2008). Y.\n[R7] Wu, F. (2007). Z.\n[R4] Lee")
    assert "7 references listed; REF3 allows at most 6." in [f.values["note"] for f in doc_findings(many, "ref3-structure")]
    no_details = REF3_DOC.replace("4. Details of the impact", "Impact")
    assert [f.values["note"] for f in doc_findings(no_details, "ref3-structure")] == [
        "REF3 section(s) missing: details."]
    assert all(f.severity == "low" for f in doc_findings(long_summary, "ref3-structure"))
