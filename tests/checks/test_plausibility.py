"""implausible-amount, spurious-precision, part-exceeds-whole and the shares over 100%:
amounts that cannot be right."""

import pytest

from claimcheck.io.documents import make_document
from claimcheck.parse.claims import extract_claims
from tests.checks.helpers import doc_findings, findings_for


def test_implausible_trial_cost(embedder):
    [f] = findings_for(
        embedder,
        "In 2021 the NIHR funded an RCT (£48,500,000) involving 350 care home residents.",
        check="implausible-amount",
    )
    assert f.severity == "high"
    assert "typically cost £1m-£5m" in f.message and "10 times the top" in f.message
    assert "per care home resident" in f.message
    assert findings_for(embedder, "In 2021 the NIHR funded an RCT (£1.8m) involving 350 residents.",
                        check="implausible-amount") == []


def test_pence_on_millions(embedder):
    assert [f.severity for f in findings_for(embedder, "The grant was £2,345,678.90 in total.",
                                             check="spurious-precision")] == ["low"]
    assert findings_for(embedder, "The grant was £2.3m in total.", check="spurious-precision") == []


def test_a_pilot_plant_is_not_a_pilot_study(embedder):
    assert findings_for(embedder, "The firms built a dedicated €5M pilot plant for dry powders.",
                        check="implausible-amount") == []


def test_ratio_to_a_reference_is_not_a_share(embedder):
    assert findings_for(embedder, "The return on investment was 400% of expenditure on the scheme.",
                        check="share-over-100") == []
    [f] = findings_for(embedder, "The survey found that 120% of respondents agreed.",
                       check="share-over-100")
    assert f.message == ("120% of respondents is more than all of them: a share of respondents "
                         "cannot be over 100%.")


def test_part_larger_than_whole_and_shares_over_100(embedder):
    [f] = findings_for(embedder, "The course trained 500 of the 300 staff at the trust.", check="part-exceeds-whole")
    assert f.severity == "high" and f.message == "500 of 300 staff is more than the whole."
    assert findings_for(embedder, "The course trained 200 of the 300 staff at the trust.", check="part-exceeds-whole") == []
    [f] = findings_for(embedder, "Respondents split into 55%, 35% and 25% of respondents for each option.",
                       check="shares-over-100")
    assert f.values["total"] == 115


@pytest.mark.parametrize("text,total", [
    ("The budget was split between staff (60%), equipment (30%) and travel (25%).", 115),
    ("The volunteers were split by age: 45% were under 30, 35% were 30 to 60 and the rest, "
     "30%, were older.", 110),
    # shares that add up, a change in a split sentence, and no wording that splits
    ("The budget was split between staff (60%), equipment (30%) and travel (10%).", None),
    ("Sales rose by 40% and were split between two shops, one with 70% of them.", None),
    ("Of the members, 80% agreed and 60% would recommend the service.", None),
    ("The evaluation of which found that 93% had changed their views and 79% would share it.", None),
    ("Spending moved from a 46% / 54% split in 1995 to a 20% / 80% split in 2007.", None),
])
def test_shares_of_nothing_named_that_the_wording_splits(embedder, text, total):
    found = findings_for(embedder, text, check="shares-over-100")
    assert [f.values["total"] for f in found] == ([total] if total else [])


@pytest.mark.parametrize("text,message", [
    ("Respondents were 62% female and 48% male.",
     "Shares of groups no one belongs to both of add up to 110%: 62% female, 48% male."),
    ("Of the learners, 55% were women and 52% were men.",
     "Shares of groups no one belongs to both of add up to 107%: 55% women, 52% men."),
    # they add up; shares of two wholes; two moments; a share of a group's own members
    ("Respondents were 52% female and 48% male.", None),
    ("In 2012, 62% of girls and 48% of boys passed.", None),
    ("The intake was 62% female in 2010 and 48% male in 2020.", None),
    ("62% female students and 48% male students improved their marks.", None),
])
def test_shares_of_groups_no_one_belongs_to_both_of(embedder, text, message):
    found = findings_for(embedder, text, check="shares-over-100")
    assert [f.message for f in found] == ([message] if message else [])


def test_funder_priors_are_used(embedder):
    [f] = findings_for(embedder, "The Wellcome Trust funded a randomised controlled trial (£300m) of 80 patients.",
                       check="implausible-amount")
    assert f.values["funder"] == "Wellcome"


def _amount_findings(text):
    """implausible-amount on each claim of `text`, without evidence or a model."""
    from claimcheck.checks import Context, run_checks

    claims = extract_claims(make_document("doc.txt", text))
    return [f for c in claims for f in run_checks(c, (), Context(), only=("implausible-amount",))]


@pytest.mark.parametrize("text,funder,severity", [
    # an amount the text calls a grant or an award, for research: a slip of scale
    ("In 2012 the team won a £450m ESRC grant to extend the research.", "ESRC", "high"),
    ("The study was funded by a £95m grant from the Hollis Foundation.", None, "medium"),
    ("Smith (PI) was awarded £200m by the Engineering and Physical Sciences Research Council.",
     "UK research councils", "high"),
    # no word beside the amount: the sentence's one amount is its grant's
    ("Lee was PI on research grant RG/12/3, `Models of memory' (£640,000,000), from 2009.", None, "high"),
    # a funder's range and the kind's both hold: an ESRC studentship is a studentship
    ("An ESRC studentship of £5m supported the fieldwork.", "ESRC", "high"),
])
def test_grant_far_above_what_research_grants_cost(text, funder, severity):
    [f] = _amount_findings(text)
    assert (f.values["funder"], f.severity) == (funder, severity)
    assert "times the top of that range" in f.message


@pytest.mark.parametrize("text", [
    "In 2012 the team won a £450k ESRC grant to extend the research.",
    "Smith (PI) was awarded £1.2m by the Engineering and Physical Sciences Research Council.",
    # a grant not said to be for research may be of any size
    "The council's £29bn formula grant pays for most local services.",
    "The research was one of several influences that led ministers in 2010 to reform how "
    "the £29bn formula grant for local services is shared.",
    # "pre-award" is no award
    "After the research-based patent case the firm recovered $525m plus pre-award interest.",
])
def test_grant_within_range_or_not_for_research(text):
    assert _amount_findings(text) == []


LISTED_GRANTS = """1. Summary of the impact
The tool is used by 40 clinics.

3. References to the research
[R1] Smith, A. (2011). A paper. Journal, 4, 1-9.
Grants: EPSRC EP/K0001/1, 2010-2013, £{first}. Leverhulme Trust RPG-2012-1, 2012-2014, £{second}.

4. Details of the impact
The clinics report benefits.
"""


def test_grants_listed_among_the_references():
    found = doc_findings(LISTED_GRANTS.format(first="435,000,000", second="140,400"), "implausible-amount")
    assert [f.values["amount"] for f in found] == ["£435,000,000"]
    assert found[0].claim.section == "references"
    assert doc_findings(LISTED_GRANTS.format(first="435,000", second="140,400"), "implausible-amount") == []


AWARDS = ("The pilot was paid for by a small research grant of £1,000 from the university. "
          "Its success won the team an early career research grant of £{amount} from the ESRC.")


def test_an_award_out_of_line_with_the_others():
    """Within the range for an ESRC grant, but seven thousand times the other award of its
    document: thousands written as millions."""
    [f] = doc_findings(AWARDS.format(amount="7,500,000"), "implausible-amount")
    assert f.severity == "medium"
    assert f.values["amount"] == "£7,500,000" and f.values["largest_other"] == "£1,000"
    assert f.claim.text.startswith("Its success") and f.evidence[0].text.startswith("The pilot")
    assert "7,500 times any other amount" in f.message
    assert _amount_findings(AWARDS.format(amount="7,500,000")) == []  # no range is broken
    # a hundredfold spread is how real awards of one document differ
    assert doc_findings(AWARDS.format(amount="75,000"), "implausible-amount") == []


def test_an_amount_below_its_kinds_range_is_no_yardstick():
    """ "£14, 013" read as £14 says nothing of what the document's awards are like."""
    text = ("Her AHRC research leave award (£14) came first. The AHRC then gave a grant of "
            "£600,000 for the research project.")
    assert doc_findings(text, "implausible-amount") == []
    [f] = doc_findings(text.replace("(£14)", "(£2,000)"), "implausible-amount")  # 300 times
    assert f.values["largest_other"] == "£2,000"


def test_an_award_listed_among_the_references_is_for_research():
    """No word of research beside it: the list of references to the research says so."""
    entry = "Grant: AHRC.\nMaps of the parish.\n2008-2011 Grant AH/X000123/1 £{amount}.\nPI: Reid.\n"
    text = LISTED_GRANTS.replace("Grants: EPSRC", entry + "Grants: EPSRC")
    found = doc_findings(text.format(first="435,000", second="140,400", amount="412,800,000"),
                          "implausible-amount")
    assert [(f.values["amount"], f.values["kind"]) for f in found] == [("£412,800,000", "research grant")]
    assert doc_findings(text.format(first="435,000", second="140,400", amount="412,800"),
                         "implausible-amount") == []
    # in the list of sources the same entry names no research: a grant may be of any size
    sources = text.replace("3. References to the research", "5. Sources to corroborate the impact")
    assert doc_findings(sources.format(first="435,000", second="140,400", amount="412,800,000"),
                         "implausible-amount") == []


@pytest.mark.parametrize("text,kind", [
    ("The pilot was paid for by a Small Research Grant from the Carnegie Trust (£3,000,000) in 2011.",
     "small research grant"),
    ("Her book was written during an AHRC Research Leave Award (£41,000,000) in 2006.", "research leave award"),
    ("Smith (PI) then won an EPSRC Follow-on Fund award of £72,500,000 for a prototype.", "follow-on award"),
    ("A two-year Knowledge Transfer Partnership (£95m) placed a graduate with the firm.",
     "Knowledge Transfer Partnership"),
])
def test_named_small_awards_have_their_own_range(text, kind):
    [f] = _amount_findings(text)
    assert f.values["kind"] == kind and f.severity == "high"
    assert _amount_findings(text.replace(",000,000", ",000").replace(",500,000", ",500")
                            .replace("£95m", "£95k")) == []


def test_a_small_grant_named_away_from_an_amount_says_nothing_of_it():
    # the kind is tied to its own amount: the £2m is the later EPSRC grant's
    text = ("A small grant from the British Academy (£5,000) began the work, and the "
            "research was then extended by a grant of £2m from the EPSRC in 2010.")
    assert _amount_findings(text) == []
    assert _amount_findings(text.replace("(£5,000)", "(£5,000,000)"))[0].values["amount"] == "£5,000,000"
    # "follow-on funding" is any funding that follows, not the scheme
    assert _amount_findings("The spin-out has since raised over £2.4m in follow-on funding for the "
                            "device.") == []
