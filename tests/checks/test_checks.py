import pytest

from claimcheck.io.documents import make_document
from claimcheck.parse.claims import extract_claims
from claimcheck.pipeline import check_claims


def findings_for(embedder, *paragraphs, check=None):
    doc = make_document("doc.txt", "\n\n".join(paragraphs))
    found = check_claims(extract_claims(doc), embedder)
    return [f for f in found if check is None or f.check == check]


@pytest.mark.parametrize("summary,details,severity", [
    ("# Summary\n\n", "# Details of the impact\n\n", "high"),  # the summary against the body
    ("", "", "medium"),  # a document without sections says less
])
def test_same_count_different_values_conflicts(embedder, summary, details, severity):
    found = findings_for(
        embedder,
        summary + "A total of 2,410 nurses in 14 hospitals have been trained in the new protocol.",
        details + "Overall, more than 2,400 nurses from 19 different hospitals have received "
        "training in the protocol.",
        check="numeric-conflict",
    )
    assert len(found) == 1
    f = found[0]
    assert f.severity == severity
    assert "14 hospitals" in f.message and "19 different hospitals" in f.message
    assert f.values["claim_value"] == "14" and f.values["evidence_value"] == "19"


def test_qualifier_admitting_the_value_is_not_a_conflict(embedder):
    assert findings_for(
        embedder,
        "A total of 2,410 nurses have been trained in the new protocol.",
        "Overall, more than 2,400 nurses have received training in the protocol.",
        check="numeric-conflict",
    ) == []


def test_growth_over_time_is_not_a_conflict(embedder):
    assert findings_for(
        embedder,
        "In 2014 the scheme ran in 12 care homes across the county.",
        "By 2019 the scheme had reached 214 care homes across the county.",
        check="numeric-conflict",
    ) == []


def test_different_groups_are_not_a_conflict(embedder):
    assert findings_for(
        embedder,
        "The app was used by 480 residents in the pilot trial.",
        "The app has been used by 3,100 other residents since roll-out.",
        check="numeric-conflict",
    ) == []


def test_shares_compare_across_forms(embedder):
    assert findings_for(
        embedder,
        "Nine out of 10 teachers surveyed said the training improved their lessons.",
        "In the survey, 89% of teachers said the training improved their lessons.",
        check="numeric-conflict",
    ) == []
    found = findings_for(
        embedder,
        "Roughly one quarter of teachers surveyed said the training improved their lessons.",
        "In the survey, 41% of teachers said the training improved their lessons.",
        check="numeric-conflict",
    )
    assert [f.values["evidence_value"] for f in found] == ["41%"]


def test_count_against_its_list(embedder):
    [f] = findings_for(embedder, "We opened five regional hubs (Leeds, Bristol, Norwich, Exeter) in 2019.",
                       check="count-vs-list")
    assert f.values == {"stated": 5.0, "listed": 4, "items": ["Leeds", "Bristol", "Norwich", "Exeter"],
                        "pair": f.values["pair"]}
    assert findings_for(embedder, "We opened four regional hubs (Leeds, Bristol, Norwich, Exeter).",
                        check="count-vs-list") == []
    # a bullet or box left by a PDF separates items as a comma does
    assert findings_for(embedder, "We opened three regional hubs (Leeds□ Bristol and Exeter).",
                        check="count-vs-list") == []


def test_total_against_parts_in_another_paragraph(embedder):
    found = findings_for(
        embedder,
        "Nine regional training centres have been opened across Europe and Asia.",
        "Regional training centres have been opened in five European countries (France, Spain, Italy, "
        "Greece and Portugal), two Asian cities (Tokyo, Seoul) and India.",
        check="total-vs-parts",
    )
    assert len(found) == 1 and found[0].values["parts_sum"] == 8


@pytest.mark.parametrize("text,wrong", [
    ("Membership grew fourfold, from 30 to 90.", True),
    ("Sales rose by 25%, from 200 to 300.", True),
    ("Sleep saw an increase of six hours, from 2 to 8.", False),
    ("Membership doubled, from 40 to 80.", False),
    ("Waiting times fell by 20%, from 50 to 40 days.", False),
    ("Staff numbers increased nearly 6-fold, from 25 in 2008 to 145 in 2013.", False),
    ("Storage times can be reduced by a factor of a thousand, from 300,000 to 300 years.", False),
    ("Turnover grew by 400% and the workforce grew from 5 to 65 employees.", False),
    ("Accuracy rose from 60% to 83%, thereby reducing the error rate by more than 50%.", False),
    ("Funding rose by 20%, from 500 to 700 thousand pounds.", True),  # the scale is shared
    ("Income grew by 40%, from £5 to £7 million.", False),
    ("Staff turnover halved, from 60 to 30 a year.", False),
    ("Admissions fell threefold, from 90 to 30 a month.", False),
    ("Readmissions saw a 50% reduction, from 80 to 60 a month.", True),
    ("Readmissions saw a 25% reduction, from 80 to 60 a month.", False),
    ("Uptake increased by 10 percentage points, from 40% to 52%.", True),
    ("Uptake increased by 12 percentage points, from 40% to 52%.", False),
    # the size of the change after its two ends, or without "by"
    ("Sales increased from £4.0m to £7.6m (a 50% increase).", True),
    ("Sales increased from £4.0m to £7.6m (a 90% increase).", False),
    ("Visitors rose from 200 to 300, an increase of 25%.", True),
    ("Visitors rose from 200 to 300, an increase of 50%.", False),
    ("Visitors rose from 200 to 300 (up 25%).", True),
    ("Visitors rose from 200 to 300 (up 50%).", False),
    ("Visitors rose 25% from 200 to 300.", True),
    ("Waiting times fell from 18 to 12 weeks, a reduction of 50%.", True),
    ("Waiting times fell from 18 to 12 weeks, a reduction of 33%.", False),
    ("Sleep rose from 2 to 8 hours, an increase of four hours.", True),
    ("Sleep rose from 2 to 8 hours, an increase of six hours.", False),
    ("A doubling of paid employment from 7.3 to 18.6 per cent.", True),
    ("A doubling of paid employment from 7.3 to 14.6 per cent.", False),
    ("Visitors fell by a third, from 300 to 250.", True),
    ("Visitors fell by a third, from 300 to 200.", False),
    ("Visitors fell from 300 to 200, a reduction of a third.", False),
    ("Visitors fell from 300 to 150, a reduction of a third.", True),
    ("A cut of a third in queue times, from 30 to 20 minutes.", False),
    ("A cut of a third in queue times, from 30 to 10 minutes.", True),
    # the size as a comparative or a sign in brackets after the pair
    ("Queues fell from 30 to 20 minutes, a third lower.", False),
    ("Queues fell from 30 to 10 minutes, a third lower.", True),
    ("Sales grew from 200 to 300, 50% higher.", False),
    ("Sales grew from 200 to 300, 25% higher.", True),
    ("Sales grew from 200 to 300, 25% higher than the regional average.", False),
    ("Sales grew from 200 to 300 (+50%).", False),
    ("Sales grew from 200 to 300 (+25%).", True),
    ("Costs changed from 300 to 150 (−50%).", False),
    ("Costs changed from 300 to 150 (-25%).", True),
    ("Cutting the brew time from 5 days to 4 increases production by 20%.", False),
    # every change of a sentence, each amount with its nearer pair
    ("Loans rose by 20%, from 800 to 960; grants rose by 50%, from 400 to 800.", True),
    ("Loans rose by 20%, from 800 to 960; grants rose by 50%, from 400 to 600.", False),
    ("Revenue grew from £6.1m in 2009 to £14.9m in 2010 with a tripling of staff from 35 to "
     "more than 100.", False),
    ("Demand rose 280%, quadrupling from 2.57 million to 9.83 million.", False),
    ("Demand rose 180%, quadrupling from 2.57 million to 9.83 million.", True),
    # a change stated in reverse, the "to" figure first
    ("Sales rose by 50% to 300 from 200.", False),
    ("Sales rose by 25% to 300 from 200.", True),
    ("Turnover increased by 8% to £1,080 million in 2012 from £1,000 million in 2011.", False),
    ("Turnover increased by 18% to £1,080 million in 2012 from £1,000 million in 2011.", True),
    ("Child poverty had fallen to 20% from 25% in 2001, a reduction of 20%.", False),
    ("Child poverty had fallen to 20% from 30% in 2001, a reduction of 20%.", True),
    ("Poverty fell from 30% in 2001 to 20% in 2005, a reduction of 20%.", True),
    # a multiple is said in whole numbers
    ("Membership doubled, from 52 to 100.", False),
    ("Membership doubled, from 52 to 130.", True),
])
def test_arithmetic_in_a_statement(embedder, text, wrong):
    assert bool(findings_for(embedder, text, check="arithmetic")) is wrong


def test_a_change_of_shares_that_fits_as_points_is_only_low(embedder):
    """ "Up 10%, from 20% to 30%" is points written as "%": said, but not as an error."""
    [f] = findings_for(embedder, "Uptake increased by 10%, from 20% to 30%.", check="arithmetic")
    assert f.severity == "low" and "it fits if the 10% means percentage points" in f.message
    [f] = findings_for(embedder, "Uptake increased by 15%, from 20% to 30%.", check="arithmetic")
    assert f.severity == "high" and "percentage points" not in f.message


def test_arithmetic_writes_what_it_works_out_as_the_figures_are_written(embedder):
    [f] = findings_for(embedder, "Sales increased from £4,704,642 to £8,927,556 (a 50% increase).",
                       check="arithmetic")
    assert "up 50% from £4,704,642 gives £7.06m, not £8,927,556" in f.message
    [f] = findings_for(embedder, "Uptake rose by 20%, from 40% to 60%.", check="arithmetic")
    assert "gives 48%, not 60%" in f.message
    [f] = findings_for(embedder, "Demand rose 50%, from 2.5 million to 5 million.", check="arithmetic")
    assert "gives 3.75 million, not 5 million" in f.message


def test_two_amounts_of_one_change_are_two_findings(embedder):
    found = findings_for(embedder, "Demand rose 50%, tripling from 2.5 million to 5 million.",
                         check="arithmetic")
    assert sorted(f.values["by"] for f in found) == ["50%", "tripling"]
    assert len({f.id for f in found}) == 2


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


def test_rows_of_a_table_are_not_conflicts(embedder):
    assert findings_for(
        embedder,
        "64% of responses agreed (or strongly agreed).",
        "68% of responses agreed (or strongly agreed).",
        check="numeric-conflict",
    ) == []


def test_rows_that_differ_in_a_label_are_not_conflicts(embedder):
    assert findings_for(
        embedder,
        "At the first workshop, which was attended by 120 people, she gave the keynote.",
        "At the second workshop, which was attended by 40 people, she gave the keynote.",
        check="numeric-conflict",
    ) == []
    assert len(findings_for(
        embedder,
        "The first workshop, which was attended by 120 people, opened the festival.",
        "She gave the keynote at the first workshop, and 40 people attended it.",
        check="numeric-conflict",
    )) == 1


def test_a_rule_and_a_statement_of_one_fee_are_compared(embedder):
    """A figure in a rule put with a condition ("if ..., it must pay") is stated, not
    worked out for a supposed case, so it meets the other statements of it."""
    [f] = findings_for(
        embedder,
        "If a council places a child with another agency's adopter, it must pay an inter-agency fee (£27k).",
        "Council staff saw the inter-agency fee (£40k) as expensive, though it fell short of the real cost.",
        check="numeric-conflict",
    )
    assert (f.values["claim_value"], f.values["evidence_value"]) == ("£27k", "£40k")


def test_different_kinds_of_money_are_not_compared(embedder):
    assert findings_for(
        embedder,
        "The spin-out company has attracted £6m of investment from venture capital funds.",
        "The spin-out company has generated £2m of revenue from its licensing deals.",
        check="numeric-conflict",
    ) == []
    found = findings_for(
        embedder,
        "The spin-out company has attracted £6m of investment from venture capital funds.",
        "Venture capital funds have put £9m of investment into the spin-out company.",
        check="numeric-conflict",
    )
    assert [f.values["evidence_value"] for f in found] == ["£9m"]


@pytest.mark.parametrize("text", [
    "It was implemented in the DL-Poly 4.0 code (STFC Daresbury laboratory, [8]) last year.",
    "It protects 8 million mobile phones (Nokia, Motorola, Alcatel) worldwide.",
    "Two research assistants (Dr Ann Lee, March-June 2012, and Ms Kim Roe, May 2012) helped.",
    "They ran four projects (three supported by HGCA, one by BBSRC) on wheat.",
    "The programme ran in three regions (London, Manchester and the Highlands, Scotland).",
    "It covers five regional museums (Bristol Museum and Art Gallery, Plymouth City Museum, "
    "RCM Truro, RAMM Exeter, Russell Coates Museum, Bournemouth).",
    "It addresses six foundation questions: how should we understand the nature and purposes of inspection?",
    "The research has impact in two main spheres: religious practice and third-sector awareness and policy.",
])
def test_lists_that_are_not_enumerations(embedder, text):
    """Figures or dates in the items, a version number, examples of millions, names that
    hold "and" or a comma, a description after a colon: none is a miscounted list."""
    assert findings_for(embedder, text, check="count-vs-list") == []


@pytest.mark.parametrize("text,message", [
    ("The survey had 240 respondents, which comprised 160 students and 90 teachers.",
     "The sentence gives 240 respondents and then the parts 160 students and 90 teachers, "
     "which add up to 250."),
    ("We interviewed 80 people, including 60 patients and 25 carers.",
     "The sentence gives 80 people and then the parts 60 patients and 25 carers, which add "
     "up to 85: more than the whole."),
])
def test_parts_that_do_not_make_their_total(embedder, text, message):
    [f] = findings_for(embedder, text, check="total-vs-parts")
    assert f.message == message


def test_parts_that_may_leave_some_out_can_fall_short(embedder):
    assert findings_for(embedder, "We interviewed 80 people, including 40 patients and 25 carers.",
                        check="total-vs-parts") == []


def test_a_list_of_words_shorter_than_its_count(embedder):
    [f] = findings_for(embedder, "The survey covered five themes (housing, transport, health and "
                                 "education).", check="count-vs-list")
    assert f.values["listed"] == 4


@pytest.mark.parametrize("text,listed", [
    ("The project had three aims: first, to train staff in the new methods; and second, "
     "to build a network of clinics.", 2),
    ("The review had four goals: (i) to map the services in each region; (ii) to survey "
     "their users, carers and staff; and (iii) to cost the options [4].", 3),
    ("The study has three strands: collecting oral histories across the region; and "
     "digitising the parish archive of the market town.", 2),
    ("It works in three ways: (1) advising each of the county's schools on its policy; and "
     "(2) training their governors.", 2),
])
def test_a_list_of_long_items_shorter_than_its_count(embedder, text, listed):
    """Items set apart by semicolons or numbered ("first, ...; second, ...", "(i) ...")
    may be long and hold commas."""
    [f] = findings_for(embedder, text, check="count-vs-list")
    assert f.values["listed"] == listed


@pytest.mark.parametrize("text,listed", [
    ("The post was funded for a further three years (2012 and 2013).", 2),
    ("The post was funded for three years (2011-2013).", None),  # a span, not a list
    ("The post was funded for three years (2011, 2012 and 2013).", None),
    ("The post was funded for three years (2011 and 2013, part-time).", None),
])
def test_years_listed_for_a_count_of_years(embedder, text, listed):
    """Each single year listed is one of the years counted; other figures in brackets
    still describe rather than list."""
    found = findings_for(embedder, text, check="count-vs-list")
    assert [f.values["listed"] for f in found] == ([listed] if listed else [])


def test_long_items_are_given_apart_by_semicolons(embedder):
    [f] = findings_for(embedder, "The project had three aims: first, to train staff in the new "
                                 "methods; and second, to build a network of clinics.",
                       check="count-vs-list")
    assert f.message == ("The sentence says three aims but lists only 2: to train staff in the "
                         "new methods; to build a network of clinics.")


@pytest.mark.parametrize("text", [
    # short items joined by "and" may be two each
    "It funded four projects: Alpha and Beta (from the council); Gamma and Delta (from the trust).",
    # the last item may join the last two where no "; and" closes the list
    "They found four kinds of parody: parody of a person, which mocked them; parody of a "
    "rival; self-parody and parody with no clear purpose.",
    # cut after a separator, or inside a bracket
    "The four layers are: (i) the sensors on each device; (ii) the software on the board;",
    "It served five groups: the councils of the region; charities (e.g. the local food banks.",
    # numbered, but not from the first
    "It had three aims: (ii) to train staff in the region; and (iii) to publish the results.",
])
def test_long_items_that_are_not_a_short_list(embedder, text):
    assert findings_for(embedder, text, check="count-vs-list") == []


def test_colon_list_with_nested_parentheses(embedder):
    [f] = findings_for(embedder, "TauRx works with 5 companies: Shasun (Newcastle, UK), Lonza (Visp, "
                                 "Switzerland), Bayer (Berlin) and Piramal (Mumbai, India).", check="count-vs-list")
    assert f.values["listed"] == 4


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


def _doc_findings(text, check):
    from claimcheck.checks.references import document_checks

    return [f for f in document_checks(make_document("case.txt", text)) if f.check == check]


@pytest.mark.parametrize("text,listed", [
    ("The scheme ran four workshops:\n• one for parents\n• one for teachers\n• one for nurses\n\n"
     "All were well attended.", 3),
    ("The study had three aims, as follows:\n1) to count the clinics\n2) to survey their staff\n\n"
     "Both were met.", 2),
    # numbered items may hold paragraphs and sub-items; the list ends at its last number
    ("Impact came in five main areas that the panel noted:\n(a) Policy. The ministry adopted it.\n\n"
     "It was cited twice.\n(i) in a white paper\n(ii) in a review\n(b) Practice. Clinics use it.\n"
     "\n(c) Training.\n\n5. Sources", 3),
])
def test_a_count_against_the_list_set_out_below_it(text, listed):
    """A lead ending with a colon, and one item a line below it: a bullet, or a number,
    letter or roman numeral in order from the first."""
    [f] = _doc_findings(text, "count-vs-list")
    assert f.values["listed"] == listed
    assert f.claim.text.endswith(":") and f.message.startswith("The sentence says ")


@pytest.mark.parametrize("text", [
    # as many items as the count
    "The scheme ran three workshops:\n• one for parents\n• one for teachers\n• one for nurses\n",
    # the bullet comes back after a paragraph: an item of two paragraphs
    "The scheme ran three workshops:\n• one for parents\n• one for teachers\n\nThey were held "
    "in May.\n• one for nurses\n",
    # the next number comes later in the text
    "It had three aims:\n1) to count the clinics\n2) to survey them; and 3) to report.\n",
    # a list numbered from other than the first, or none at all
    "It had three aims:\n2) to count the clinics\n3) to survey them\n",
    "It had three aims:\nto count the clinics.\n",
    # the lead says it lists some, or more than what is counted stands before the colon
    "The three partner universities include:\n• Leeds\n• York\n",
    "Three grants, from the council and the trust, funded it:\n• one\n• two\n",
    "Outputs of the 4 projects funded by 2 councils:\n• a report\n• a film\n",
    # more items than the count: a line may be a name of its own, so it is not reported
    "The grants for the two projects:\n• one\n• two\n• three\n",
])
def test_lists_set_out_below_that_agree_or_are_not_closed(text):
    assert _doc_findings(text, "count-vs-list") == []


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
    values = [f.values[key] for f in _doc_findings(REF3_DOC, check)]
    if check == "citation-without-entry":
        values = [v for vs in values for v in vs]
    assert values == expected


def test_wrapped_and_old_style_dois_are_not_flagged():
    text = REF3_DOC.replace("doi:10.1111/j.1469-7610.2010.02350", "doi:10.1111/j.1469-\n      7610.2010.02350.x")
    assert [f.values["doi"] for f in _doc_findings(text, "malformed-doi")] == ["095656639596795Z"]
    lost_hyphen = REF3_DOC.replace("doi:10.1111/j.1469-7610.2010.02350", "doi:10.1111/j.1469 7610.2010.02350.x")
    assert [f.values["doi"] for f in _doc_findings(lost_hyphen, "malformed-doi")] == ["095656639596795Z"]


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
    research = _doc_findings(PERIODS, "outside-research-period")
    assert [f.values["year"] for f in research] == ["1990s"]  # background ("Since the 1970s") is not flagged
    impact = _doc_findings(PERIODS, "outside-impact-period")
    assert [f.values["year"] for f in impact] == ["2021"]  # plans ("will run until 2024") are not


def test_events_after_the_document_date():
    text = "Date: 14 March 2019\n" + PERIODS.replace("2021", "2018")
    assert _doc_findings(text, "after-document-date") == []
    [f] = _doc_findings("Date: 14 March 2017\n" + PERIODS.replace("2021", "2018"), "after-document-date")
    assert f.values == {"year": "2018", "document_year": 2017, "pair": f.values["pair"]}


def test_part_larger_than_whole_and_shares_over_100(embedder):
    [f] = findings_for(embedder, "The course trained 500 of the 300 staff at the trust.", check="part-exceeds-whole")
    assert f.severity == "high" and f.message == "500 of 300 staff is more than the whole."
    assert findings_for(embedder, "The course trained 200 of the 300 staff at the trust.", check="part-exceeds-whole") == []
    [f] = findings_for(embedder, "Respondents split into 55%, 35% and 25% of respondents for each option.",
                       check="shares-over-100")
    assert f.values["total"] == 115


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
    found = _doc_findings(LISTED_GRANTS.format(first="435,000,000", second="140,400"), "implausible-amount")
    assert [f.values["amount"] for f in found] == ["£435,000,000"]
    assert found[0].claim.section == "references"
    assert _doc_findings(LISTED_GRANTS.format(first="435,000", second="140,400"), "implausible-amount") == []


AWARDS = ("The pilot was paid for by a small research grant of £1,000 from the university. "
          "Its success won the team an early career research grant of £{amount} from the ESRC.")


def test_an_award_out_of_line_with_the_others():
    """Within the range for an ESRC grant, but seven thousand times the other award of its
    document: thousands written as millions."""
    [f] = _doc_findings(AWARDS.format(amount="7,500,000"), "implausible-amount")
    assert f.severity == "medium"
    assert f.values["amount"] == "£7,500,000" and f.values["largest_other"] == "£1,000"
    assert f.claim.text.startswith("Its success") and f.evidence[0].text.startswith("The pilot")
    assert "7,500 times any other amount" in f.message
    assert _amount_findings(AWARDS.format(amount="7,500,000")) == []  # no range is broken
    # a hundredfold spread is how real awards of one document differ
    assert _doc_findings(AWARDS.format(amount="75,000"), "implausible-amount") == []


def test_an_amount_below_its_kinds_range_is_no_yardstick():
    """ "£14, 013" read as £14 says nothing of what the document's awards are like."""
    text = ("Her AHRC research leave award (£14) came first. The AHRC then gave a grant of "
            "£600,000 for the research project.")
    assert _doc_findings(text, "implausible-amount") == []
    [f] = _doc_findings(text.replace("(£14)", "(£2,000)"), "implausible-amount")  # 300 times
    assert f.values["largest_other"] == "£2,000"


def test_an_award_listed_among_the_references_is_for_research():
    """No word of research beside it: the list of references to the research says so."""
    entry = "Grant: AHRC.\nMaps of the parish.\n2008-2011 Grant AH/X000123/1 £{amount}.\nPI: Reid.\n"
    text = LISTED_GRANTS.replace("Grants: EPSRC", entry + "Grants: EPSRC")
    found = _doc_findings(text.format(first="435,000", second="140,400", amount="412,800,000"),
                          "implausible-amount")
    assert [(f.values["amount"], f.values["kind"]) for f in found] == [("£412,800,000", "research grant")]
    assert _doc_findings(text.format(first="435,000", second="140,400", amount="412,800"),
                         "implausible-amount") == []
    # in the list of sources the same entry names no research: a grant may be of any size
    sources = text.replace("3. References to the research", "5. Sources to corroborate the impact")
    assert _doc_findings(sources.format(first="435,000", second="140,400", amount="412,800,000"),
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


def test_ref3_structure_notes():
    notes = [f.values["note"] for f in _doc_findings(REF3_DOC, "ref3-structure")]
    assert notes == []  # all five sections, in order, four references, one source, short
    long_summary = REF3_DOC.replace("The tool is used", "word " * 120 + "The tool is used")
    notes = [f.values["note"] for f in _doc_findings(long_summary, "ref3-structure")]
    assert len(notes) == 1 and "has 1" in notes[0] and "(indicative limit 100)" in notes[0]
    many = REF3_DOC.replace("[R4] Lee", "[R5] Ng, D. (2009). X.\n[R6] Ho, E. (2008). Y.\n[R7] Wu, F. (2007). Z.\n[R4] Lee")
    assert "7 references listed; REF3 allows at most 6." in [f.values["note"] for f in _doc_findings(many, "ref3-structure")]
    no_details = REF3_DOC.replace("4. Details of the impact", "Impact")
    assert [f.values["note"] for f in _doc_findings(no_details, "ref3-structure")] == [
        "REF3 section(s) missing: details."]
    assert all(f.severity == "low" for f in _doc_findings(long_summary, "ref3-structure"))


def _pair(first, second, doc_text=None, doc_id="doc.txt"):
    """The claims of a two-paragraph document and their first counted figures."""
    claims = extract_claims(make_document(doc_id, doc_text or f"{first}\n\n{second}"))
    a, b = claims[0], claims[-1]
    return a, a.numeric[0], b, b.numeric[0]


def test_the_matcher_does_not_look_at_the_values(embedder):
    """Whether two figures are one quantity is read from their words, never their values:
    otherwise agreement would be mistaken for sameness and conflicts for difference."""
    from claimcheck.checks import Context
    from claimcheck.checks.conflicts import pair_features

    context = Context(embedder=embedder)
    seen = []
    for value in ("2,410", "3,975", "fewer than 900"):
        a, qa, b, qb = _pair("We trained 2,410 nurses across the region in 2012.",
                             f"Across the region, {value} nurses were trained in 2012.")
        feats = pair_features(a, qa, b, qb, 0.5, context)
        seen.append(feats)
    assert seen[0] == seen[1] == seen[2]
    assert seen[0]["local"] > 0.5  # the blanked contexts are compared, and they are alike


def test_sections_count_only_in_a_document_with_sections():
    from claimcheck.checks import matching

    plain = _pair("We trained 40 nurses.", "Then 60 nurses were trained.")
    headed = _pair(None, None, "# Details\n\nWe trained 40 nurses.\n\nThen 60 nurses were trained.")
    split = _pair(None, None, "# Summary\n\nWe trained 40 nurses.\n\n# Details\n\nThen 60 nurses were trained.")
    assert matching.features(*plain[:2], *plain[2:], 0.5, 0.5)["same_section"] == 0.0
    assert matching.features(*headed[:2], *headed[2:], 0.5, 0.5)["same_section"] == 1.0
    assert matching.features(*split[:2], *split[2:], 0.5, 0.5)["same_section"] == 0.0


def test_the_more_a_document_counts_a_thing_the_less_two_counts_of_it_match(embedder):
    """Two figures of the only two "reactors" in a document are likelier one quantity
    than two of eight: the more counts of a thing, the likelier they are of different ones."""
    from claimcheck.checks import Context, matching
    from claimcheck.checks.conflicts import pair_features

    first = "The Nanoco plant has shipped 1,200 reactors to customers since 2010."
    second = "Since 2010, Nanoco has shipped 1,900 reactors to its customers."
    others = " ".join(f"Site {n} built {n * 7} reactors." for n in range(1, 7))
    probabilities = []
    for text in (f"{first}\n\n{second}", f"{first}\n\n{others}\n\n{second}"):
        a, qa, b, qb = _pair(None, None, text)
        context = Context(embedder=embedder)
        context.count_mentions(extract_claims(make_document("doc.txt", text)))
        feats = pair_features(a, qa, b, qb, 0.8, context)
        probabilities.append(matching.probability(feats))
    assert context.mentions(a, qa) == 8
    assert probabilities[0] > probabilities[1]


def test_summary_against_body_and_years_apart():
    from claimcheck.checks import matching

    split = _pair(None, None, "# Summary\n\nWe trained 40 nurses.\n\n# Details\n\nThen 60 nurses were trained.")
    body = _pair(None, None, "# Details\n\nWe trained 40 nurses.\n\n# Results\n\nThen 60 nurses were trained.")
    assert matching.features(*split[:2], *split[2:], 0.5, 0.5)["summary_and_body"] == 1.0
    assert matching.features(*body[:2], *body[2:], 0.5, 0.5)["summary_and_body"] == 0.0
    apart = _pair("In 2004, 40 nurses were trained.", "By 2011, 60 nurses were trained.")
    overlapping = _pair("In 2004-2011, 40 nurses were trained.", "By 2011, 60 nurses were trained.")
    assert matching.features(*apart[:2], *apart[2:], 0.5, 0.5)["years_apart"] == 1.0
    assert matching.features(*overlapping[:2], *overlapping[2:], 0.5, 0.5)["years_apart"] == 0.0


def test_a_figure_keeps_its_strongest_conflicts():
    """A figure at odds with a third statement still shows its conflict with its
    restatement; one at odds with many shows only its MAX_PER_FIGURE strongest."""
    from claimcheck.findings import Finding, Span
    from claimcheck.pipeline import MAX_PER_FIGURE, strongest_per_figure

    def conflict(a, b, confidence):
        return Finding("numeric-conflict", "medium", "m", Span("doc.txt", "text", a, a + 5),
                       (Span("doc.txt", "text", b, b + 5),), {"pair": f"{a}-{b}", "confidence": confidence})

    many = [conflict(0, 100 * n, 0.9 - 0.05 * n) for n in range(1, MAX_PER_FIGURE + 3)]
    restated = conflict(100, 9000, 0.3)  # figure 100, also at odds with figure 0
    kept = [f.values["pair"] for f in strongest_per_figure(many + [restated])]
    assert kept == [f.values["pair"] for f in many[:MAX_PER_FIGURE]] + ["100-9000"]


def test_open_intervals_far_apart_are_no_anchor():
    """"over 100 wafers" and "over 30 wafers" can both hold, yet they are not one figure
    agreeing with itself: no evidence that two sentences speak of one subject."""
    from claimcheck.checks.matching import agreeing_figures

    a, qa, b, qb = _pair("Up to 10,000 devices were made from over 100 wafers.",
                         "Over 10,000 devices were made from over 30 wafers.")
    qa, qb = a.numeric[0], b.numeric[0]
    assert qa.head == "device" and agreeing_figures(a, b, qa, qb) is None
    a, qa, b, qb = _pair("In all 2,410 nurses in 14 hospitals were trained.",
                         "More than 2,400 nurses in 19 hospitals were trained.")
    agree = agreeing_figures(a, b, a.numeric[1], b.numeric[1])
    assert agree is not None and agree[0].head == "nurse"


def test_across_documents_a_match_needs_a_shared_name_and_is_graded_lower():
    from claimcheck.checks.conflicts import GRADES, grade

    sure = GRADES["high"] + 0.01
    assert grade(sure) == "high"
    assert grade(sure, one_document=False, named=True) == "medium"
    assert grade(sure, one_document=False, named=False) is None
    assert grade(GRADES["medium"], one_document=False, named=True) == "low"
    assert grade(GRADES["low"], one_document=False, named=True) is None
    assert grade(GRADES["low"] - 0.01) is None


def test_the_finding_says_why_the_figures_are_one_quantity(embedder):
    found = findings_for(
        embedder,
        "# Summary\n\nThe Nanoco plant has shipped 1,200 reactors to Japanese customers since 2010.",
        "# Details\n\nSince 2010, Nanoco has shipped 1,900 reactors to its Japanese customers.",
        check="numeric-conflict",
    )
    assert len(found) == 1 and found[0].severity in ("high", "medium")
    message = found[0].message
    assert "1,200 reactors" in message and "1,900 reactors" in message
    assert "both count reactors" in message and "both name Japanese, Nanoco" in message
    assert 0 < found[0].values["confidence"] <= 1


def test_the_finding_does_not_call_unlike_sentences_alike(embedder):
    """The sentences' similarity is a ground for one quantity only when it is high; when
    other grounds carry the match, the message says the sentences read little alike."""
    from claimcheck.checks import Context
    from claimcheck.checks.conflicts import numeric_conflicts
    from claimcheck.retrieve.evidence import Evidence

    doc = make_document("d", "# Summary\n\nThe Nanoco plant has shipped 1,200 reactors to "
                             "Japanese customers since 2010.\n\n# Details\n\nSince 2010, "
                             "Nanoco has shipped 1,900 reactors to its Japanese customers.\n")
    claim, other = extract_claims(doc)
    context = Context(embedder=embedder)
    context.count_mentions([claim, other])
    [unlike] = numeric_conflicts(claim, [Evidence(other, 0.3, "document")], context)
    [alike] = numeric_conflicts(claim, [Evidence(other, 0.8, "document")], context)
    assert "though the sentences read little alike (similarity 0.30)" in unlike.message
    assert "the words around the two figures read alike" in unlike.message
    assert "the sentences read alike (similarity 0.80), so do the words" in alike.message
    assert "little alike" not in alike.message


def test_one_number_with_different_qualifiers_is_only_low(embedder):
    """"Over 120 partners" against "120 partners" cannot both hold, strictly; it is loose
    wording around one number, not two figures, so it is shown but not raised."""
    found = findings_for(
        embedder,
        "# Summary\n\nOver 120 community partners took part in the co-production of the research.",
        "# Details\n\nThe co-production of the research involved 120 community partners.",
        check="numeric-conflict",
    )
    assert [f.severity for f in found] == ["low"]


def test_dates_are_not_counts():
    from claimcheck.parse.quantities import parse_quantities

    assert parse_quantities("Revised versions were posted on 26 September.") == []
    assert [q.kind for q in parse_quantities("It was filed in April 2012 as 2 patent applications.")] == [
        "year", "count"]


def test_a_sentence_that_restates_a_figure_is_not_at_odds_with_its_other_figures(embedder):
    """"12% of growers used it and earned more than the 88% who did not" restates 12% of
    growers: its 88% is another group, not a conflict with a sentence giving 12%."""
    from claimcheck.checks.conflicts import comparable

    a, _, b, _ = _pair("In the survey 12% of growers used the tool and earned £900 more than "
                       "the 88% of growers who did not.", "The survey found that 12% of growers used the tool.")
    eighty_eight = next(q for q in a.numeric if q.value == 88)
    assert not comparable(a, eighty_eight, b, b.numeric[0])
    assert findings_for(
        embedder,
        "In the survey 12% of growers used the tool and earned £900 more than the 88% of "
        "growers who did not.",
        "The survey found that 12% of growers used the tool.",
        check="numeric-conflict",
    ) == []
    found = findings_for(
        embedder,
        "In the survey 12% of growers used the tool and earned £900 more than the 88% of "
        "growers who did not.",
        "The survey found that 31% of growers used the tool.",
        check="numeric-conflict",
    )
    assert {f.values["claim_value"] for f in found} & {"12%", "31%"}


def test_a_precise_figure_restated_under_another_noun_still_agrees():
    """"£40 million investment ..., including £21.35M from the Seed Fund" restates the
    £21.35M investment of the other sentence, read there with another noun: its £40
    million is the larger whole, not a conflict."""
    from claimcheck.checks.conflicts import comparable

    a, q1, b, _ = _pair("The company received external investment of £21.35M.",
                        "The company has raised £40 million investment from six backers, "
                        "including £21.35M from the Seed Fund.")
    forty = next(q for q in b.numeric if q.value == 40e6)
    assert not comparable(a, q1, b, forty)
    a, q1, b, _ = _pair("The company received external investment of £20M.",
                        "The company has raised £40 million investment from six backers, "
                        "including £20M from the Seed Fund.")
    forty = next(q for q in b.numeric if q.value == 40e6)
    assert comparable(a, q1, b, forty)  # a round £20M may recur by chance


@pytest.mark.parametrize("first, second, same", [
    # consecutive academic years are two periods; overlapping spans are one
    ("In 2008-09, 650 professionals were trained.", "In 2009-10, 659 professionals were trained.", False),
    ("In 2008-10, 650 professionals were trained.", "In 2009-12, 659 professionals were trained.", True),
    # rates over different periods are different quantities
    ("The site reaches 2,500 readers per week.", "The project reaches around 300,000 readers per annum.", False),
    ("The site reaches 2,500 readers per week.", "The project reaches around 3,000 readers a week.", True),
    # so many per item is not the total, but compares with another per-item figure
    ("The events attracted around 60 practitioners each.", "The events drew over 70 practitioners.", False),
    ("The events attracted around 60 practitioners each.", "The events had 90 practitioners each.", True),
    # a duration compares with the length of the same named thing, not with any span of time
    ("It ran a three-year trial of the drug.", "The four-year trial of the drug ended.", True),
    ("It ran a three-year trial of the drug.", "The four-year study of the drug ended.", False),
    ("Over the past eight years the drug was tested.", "The drug was tested every five years.", False),
])
def test_periods_rates_and_durations_decide_the_scope(first, second, same):
    from claimcheck.checks.conflicts import same_quantity

    _, a, _, b = _pair(first, second)
    assert same_quantity(a, b) == same


def test_a_top_few_is_not_the_whole(embedder):
    assert findings_for(
        embedder,
        "The consortium has run over 60 research projects with industry.",
        "The funder named it one of the top 5 research projects with industry.",
        check="numeric-conflict",
    ) == []


def test_sentences_that_count_one_thing_are_compared_however_unlike_they_read():
    """Evidence inside a document is the most similar sentences and, besides them, every
    sentence that counts something the claim counts."""
    from claimcheck.retrieve.evidence import gather_evidence

    class Orthogonal:  # an embedder for which no two different sentences are alike
        axes = {}  # each text its own axis (a hash could give two texts one)

        def embed(self, texts):
            import numpy as np

            vectors = np.zeros((len(texts), 64), dtype="float32")
            for i, text in enumerate(texts):
                vectors[i, self.axes.setdefault(text, len(self.axes))] = 1.0
            return vectors

    claims = extract_claims(make_document("doc.txt", "The unit trains 40 nurses a year.\n\n"
                                          "Wards reported 12 beds closed.\n\n"
                                          "Another 65 nurses joined in the spring."))
    evidence = gather_evidence(claims, Orthogonal())
    assert [e.claim.text for e in evidence[0]] == ["Another 65 nurses joined in the spring."]


def test_a_name_many_documents_give_does_not_tie_two_of_them():
    """Across documents a match needs a shared name that few documents give: "Nanoco"
    ties two case studies together; "UK", given by most of them, does not."""
    from claimcheck.checks import Context

    docs = [make_document(f"doc{i}.txt", f"In the UK the programme trained {10 + i} nurses.")
            for i in range(120)]
    docs[0] = make_document("doc0.txt", "In the UK, Nanoco trained 40 nurses.")
    docs[1] = make_document("doc1.txt", "Nanoco trained 65 nurses in the UK.")
    context = Context()
    context.count_mentions([c for doc in docs for c in extract_claims(doc)])
    assert context.rare_name("nanoco") and not context.rare_name("uk")
    # with two documents known, every name is rare: nothing to judge commonness by
    small = Context()
    small.count_mentions([c for doc in docs[:2] for c in extract_claims(doc)])
    assert small.rare_name("uk")


def test_a_message_names_a_document_as_it_is_written():
    from claimcheck.checks.describe import says

    assert says("the summary", opening=True) == "The summary says"
    assert says("the details of the impact", opening=True) == "The details of the impact say"
    assert says("Report_A.txt", opening=True) == "Report_A.txt says"


def test_a_figure_for_a_part_of_a_place_cannot_exceed_the_whole(embedder):
    whole = "# Summary\n\nNeospora causes around 6,000 abortions per year in cattle in the UK."
    [f] = findings_for(embedder, whole, "# Details of the impact",
                       "It causes 9,600 abortions per year in cattle in England and Wales alone.",
                       check="numeric-conflict")
    assert f.severity == "medium"  # a grade below the same pair in one place
    assert "England and Wales lie within the UK, whose figure cannot be the smaller" in f.message
    # a smaller figure for a part fits; equal places still compare as before
    assert findings_for(embedder, whole, "It causes 4,000 abortions per year in cattle in "
                        "England and Wales alone.", check="numeric-conflict") == []
    assert findings_for(embedder, whole, "It causes 4,000 abortions per year in cattle in "
                        "the United Kingdom.", check="numeric-conflict") != []


def test_a_sentence_that_turns_to_another_subject_is_not_a_restatement(embedder):
    first = "Ryoka Systems stated that, during the REF period, sales of Molpro amounted to £145,143."
    assert findings_for(embedder, first, "Similarly, Hongcam has distributed the package; during "
                        "the REF period, sales of Molpro amounted to £82,705.", check="numeric-conflict") == []
    assert findings_for(embedder, first, "Ryoka Systems has distributed the package; during the "
                        "REF period, sales of Molpro amounted to £82,705.", check="numeric-conflict") != []


def test_a_part_of_a_stated_total_is_not_a_conflict(embedder):
    total = "# Summary\n\nThe film's screenings in 2011 reached a combined audience of 4,350 people."
    details = "# Details of the impact\n\n"
    # one screening's audience, well under the total, is one of its parts
    assert findings_for(embedder, total, details + "The film's screening at Greenwich in 2011 "
                        "reached an audience of 590 people.", check="numeric-conflict") == []
    # a figure near the total may be the total restated without the word: still weighed
    assert findings_for(embedder, total, details + "The film's screenings in 2011 reached an "
                        "audience of 3,100 people.", check="numeric-conflict") != []
    # and a part larger than its total conflicts
    assert findings_for(embedder, total, details + "The film's screening at Greenwich in 2011 "
                        "reached an audience of 5,900 people.", check="numeric-conflict") != []


def test_a_figure_given_as_a_share_of_a_whole_is_a_part_of_it(embedder):
    world = "# Summary\n\nMalaria kills 600,000 people a year worldwide, mostly children."
    details = "# Details of the impact\n\n"
    # the share of all deaths beside the figure says it is some of them, not all
    assert findings_for(embedder, world, details + "In West Africa alone malaria kills about "
                        "250,000 people a year (around 40% of all deaths worldwide).",
                        check="numeric-conflict") == []
    assert findings_for(embedder, world, details + "Malaria kills about 250,000 people a year "
                        "worldwide, mostly children.", check="numeric-conflict") != []


def test_a_count_given_as_a_part_of_a_whole_restates_it(embedder):
    summary = "# Summary\n\nOfficials from over 40 towns in 15 regions were trained in land management."
    details = "# Details of the impact\n\n"
    # the 18 is the whole the 15 are some of, not another statement of the 15
    assert findings_for(embedder, summary, details + "Officials from over 40 towns in 15 of the "
                        "country's 18 regions were trained in land management.",
                        check="numeric-conflict") == []
    assert findings_for(embedder, summary, details + "Officials from over 40 towns in 18 regions "
                        "were trained in land management.", check="numeric-conflict") != []


def test_a_count_for_a_time_inside_a_longer_period_cannot_exceed_the_periods(embedder):
    whole = ("# Summary\n\nThe team published more than 40 articles on Ulster architects "
             "between 1988 and 2013.")
    part = "# Details of the impact\n\nThe team published {} articles on Ulster architects from 1994 to 2007."
    assert findings_for(embedder, whole, part.format("approximately 30"), check="numeric-conflict") == []
    [f] = findings_for(embedder, whole.replace("more than 40", "some 40"), part.format("65"),
                       check="numeric-conflict")
    assert "1994-2007 falls within 1988-2013, whose figure cannot be the smaller" in f.message
    # a share does not sum over time: one inside the period is compared as before
    share = "# Details of the impact\n\nIn 2010, {} of the farms took up the scheme."
    assert findings_for(embedder, "# Summary\n\nBetween 2008 and 2013, 40% of the farms "
                        "took up the scheme.", share.format("75%"), check="numeric-conflict") != []


def test_a_total_against_the_figures_of_its_parts(embedder):
    """The issue's "86,000 visitors: 31,000 in Bristol, 29,000 in Liverpool and 26,000 in
    London" adds up; parts elsewhere may leave some out, but may not add up to more."""
    def parts_findings(*paragraphs):
        return findings_for(embedder, *paragraphs, check="total-vs-parts")

    assert parts_findings("The tour drew 86,000 visitors: 31,000 in Bristol, 29,000 in "
                          "Liverpool and 26,000 in London.") == []
    [f] = parts_findings("The tour drew 90,000 visitors: 31,000 in Bristol, 29,000 in "
                         "Liverpool and 26,000 in London.")
    assert f.severity == "high" and "add up to about 86,000" in f.message
    whole = "# Summary\n\nThe tour drew 80,000 visitors over the summer."
    parts = "# Details of the impact\n\nThe tour was seen by {} visitors in Bristol, 29,000 in Liverpool and 26,000 in London."
    [f] = parts_findings(whole, parts.format("31,000"))
    assert f.severity == "medium" and "more than the whole" in f.message
    assert f.values["total"] == "80,000" and f.values["parts"] == ["31,000", "29,000", "26,000"]
    assert parts_findings(whole, parts.format("21,000")) == []  # other parts may be left out


@pytest.mark.parametrize("second,severities", [
    # an order of magnitude apart: most likely two audiences, so shown but not raised
    ("The touring exhibition on pantomime attracted audiences of 580 people.", ["low"]),
    # the same digits at another scale are a slip a restatement suffers: raised
    ("The touring exhibition on pantomime attracted audiences of 63,000 people.", ["high"]),
    ("The touring exhibition on pantomime attracted audiences of 9,100 people.", ["high"]),
])
def test_figures_an_order_of_magnitude_apart_are_seldom_one_restated(embedder, second, severities):
    found = findings_for(
        embedder,
        "# Summary\n\nThe touring exhibition on pantomime attracted audiences of 6,300 people.",
        "# Details of the impact\n\n" + second,
        check="numeric-conflict",
    )
    assert [f.severity for f in found] == severities
    if severities == ["low"]:
        assert "order of magnitude apart" in found[0].message


@pytest.mark.parametrize("second,severities", [
    # the same digits at another scale: a slip, raised although the sentences differ
    ("The study's 540 countries (listed below) hold over 1.5 billion children.", ["medium"]),
    # other digits: the words alone are too weak to take the two as one figure
    ("The study's 62 countries (listed below) hold over 1.5 billion children.", []),
])
def test_a_figure_with_anothers_digits_at_another_scale_is_likelier_the_same(
        embedder, second, severities):
    found = findings_for(
        embedder,
        "# Details of the impact\n\nThe agency made the approach part of its global study, "
        "conducted in 54 countries since 2008.",
        second,
        "The agency also worked in 12 countries in Asia and 30 countries in Africa.",
        check="numeric-conflict",
    )
    assert [f.severity for f in found] == severities
    if found:
        assert "digits at another scale" in found[0].message and found[0].values["slip_of_scale"]


@pytest.mark.parametrize("total,found", [("$32.6 billion", True), ("$9.1 billion", False)])
def test_a_total_with_a_figures_digits_at_another_scale_is_not_its_sum(embedder, total, found):
    """A figure under half a stated total is one of its parts, unless it gives the total's
    digits at another scale."""
    conflicts = findings_for(
        embedder,
        "# Summary\n\nThe probe, with an estimated $3.26 billion cost, confirmed the team's "
        "hypothesis.",
        f"# Details of the impact\n\nThe total cost of the mission was {total}, paid by three "
        "space agencies.",
        check="numeric-conflict",
    )
    assert bool(conflicts) == found


def first_quantity(text):
    from claimcheck.parse.quantities import parse_quantities
    return parse_quantities(text)[0]


def test_slips_of_scale_share_two_digits_or_drop_the_last():
    from claimcheck.checks.conflicts import slip_of_scale

    def slip(a, b):
        return slip_of_scale(first_quantity(a), first_quantity(b))
    assert slip("£6.2m", "£6.2bn") and slip("2,500 pupils", "250 pupils")
    assert slip("12,857 people", "1,285 people") and slip("around 130 countries", "1,300 countries")
    assert not slip("700 pupils", "70 pupils")  # one digit in common is chance
    assert not slip("130 countries", "131 countries")  # not another scale
    assert not slip("12% of pupils", "120% of pupils")  # shares are not slipped in scale


@pytest.mark.parametrize("unit", ["K", "kg", "GHz", "kilograms"])
def test_two_measures_in_one_unit_are_shown_but_not_raised(embedder, unit):
    """A unit says how much, not of what: "13 K" and "5 K" are mostly two temperatures."""
    found = findings_for(
        embedder,
        f"# Summary\n\nThe new sensor works at temperatures as low as 13 {unit} in the cryostat.",
        f"# Details of the impact\n\nThe sensor works at temperatures as low as 5 {unit} in the "
        "cryostat.",
        check="numeric-conflict",
    )
    assert [f.severity for f in found] == ["low"]


def test_a_lookup_verdict_says_when_the_figures_are_an_order_of_magnitude_apart(embedder):
    from claimcheck.checks import Context
    from claimcheck.checks.conflicts import compare

    def verdict(first, second):
        a, b = (extract_claims(make_document(f"{i}.txt", text))[0]
                for i, text in enumerate((first, second)))
        return compare(a, b, 0.95, Context(embedder=embedder))
    claim = "The touring exhibition on pantomime attracted audiences of 6,300 people."
    far = verdict(claim, claim.replace("6,300", "580"))
    near = verdict(claim, claim.replace("6,300", "5,800"))
    assert far[0] == near[0] == "conflicts"
    assert "order of magnitude apart" in far[1] and "order of magnitude" not in near[1]


def test_one_digit_a_zero_apart_is_neither_a_slip_nor_far_apart():
    from claimcheck.checks.conflicts import zero_apart
    q = first_quantity
    assert zero_apart(q("700 pupils"), q("70 pupils"))
    assert zero_apart(q("in excess of 20 jobs"), q("2 jobs"))
    assert not zero_apart(q("£6m"), q("£60m"))  # "£6m" may be £6.4m: not ten times
    assert not zero_apart(q("700 pupils"), q("7,000 pupils"))  # a hundredfold
    assert not zero_apart(q("2,500 pupils"), q("250 pupils"))  # two digits: a slip
    assert not zero_apart(q("70%"), q("7%"))  # shares have a bounded scale


@pytest.mark.parametrize("first,second,severity,sure", [
    # the sentences match closely: the matcher says high, held at medium
    ("# Summary\n\nSince 2008 the company has created 2 jobs and raised £15m of venture "
     "capital.", "# Details of the impact\n\nSince 2008 the company has created in excess of "
     "20 jobs and raised £15m of venture capital.", "medium", True),
    # the matcher says medium: medium, as for any two figures
    ("The study on child poverty was run in over 50 countries.",
     "In 2008 UNICEF launched its study of child poverty in 5 countries, including Brazil, "
     "and trained 40 staff.", "medium", False),
    # an order of magnitude apart with other digits: held low
    ("# Summary\n\nSince 2008 the company has created 2 jobs and raised £15m of venture "
     "capital.", "# Details of the impact\n\nSince 2008 the company has created in excess of "
     "30 jobs and raised £15m of venture capital.", "low", True),
])
def test_one_digit_a_zero_apart_is_graded_by_its_words_at_most_medium(embedder, first, second,
                                                                       severity, sure):
    found = findings_for(embedder, first, second, check="numeric-conflict")
    assert [f.severity for f in found] == [severity]
    assert (found[0].values["confidence"] >= 0.6) == sure
    if severity == "medium":
        assert "a zero apart" in found[0].message


def test_only_counts_and_amounts_far_apart_without_the_same_digits_are_apart():
    from claimcheck.checks.conflicts import magnitudes_apart
    q = first_quantity
    assert magnitudes_apart(q("63,000 people"), q("700 people"))
    assert magnitudes_apart(q("over 800 people"), q("fewer than 70 people"))
    assert not magnitudes_apart(q("£6.2m"), q("£6.2bn"))  # a slip of scale
    assert not magnitudes_apart(q("12,857 people"), q("1,285 people"))  # a digit dropped
    assert not magnitudes_apart(q("200 people"), q("25 people"))  # under ten times
    assert not magnitudes_apart(q("3%"), q("54%"))  # shares have a bounded scale
    assert not magnitudes_apart(q("700 pupils"), q("70 pupils"))  # a zero apart: see zero_apart
    assert not magnitudes_apart(q("2,500 pupils"), q("250 pupils"))
    assert not magnitudes_apart(q("700 million people"), q("700,000 people"))  # a scale word
    assert magnitudes_apart(q("over 50,000 people"), q("500 people"))


def test_groups_that_name_other_members_are_two_groups():
    """"Five centres (Newcastle, ...)" and "the two centres, Dublin and Bristol": each names
    its members and none is shared, so they are two groups. Named alike, they are one."""
    from claimcheck.checks.conflicts import comparable

    first = "Five centres (Newcastle, Cardiff, Glasgow, Leeds, Manchester) use the drug weekly."
    a, q1, b, q2 = _pair(first, "The two centres, Dublin and Bristol, use the drug weekly.")
    assert not comparable(a, q1, b, q2)
    a, q1, b, q2 = _pair(first, "The two centres, Cardiff and Leeds, use the drug weekly.")
    assert comparable(a, q1, b, q2)
    a, q1, b, q2 = _pair(first, "The two centres use the drug weekly.")
    assert comparable(a, q1, b, q2)


def test_shares_of_wholes_described_differently_say_so(embedder):
    """"32% of female carers" against "55% of carers" may be two groups, or one reworded:
    the finding says the wholes differ, and the grade is left to the matcher."""
    def conflict(first, second):
        found = findings_for(embedder, f"# Summary\n\n{first}", f"# Details of the impact\n\n{second}",
                             check="numeric-conflict")
        assert len(found) == 1
        return found[0].message
    assert "wholes described differently" in conflict(
        "The survey found that 32% of female carers felt isolated.",
        "The survey found that 55% of carers felt isolated.")
    assert "wholes described differently" not in conflict(
        "The survey found that 32% of carers felt isolated.",
        "The survey found that 55% of carers felt isolated.")


def test_a_share_each_year_is_not_a_share_at_one_time():
    """"1% of the stock each year" is a pace; "90% of the stock" is a level."""
    from claimcheck.checks.conflicts import same_quantity
    q = first_quantity
    assert not same_quantity(q("New homes add less than 1% of the stock each year."),
                             q("Old homes make up over 90% of the stock."))
    assert same_quantity(q("New homes add 2% of the stock each year."),
                         q("New homes add 5% of the stock a year."))
    assert same_quantity(q("Old homes make up 60% of the stock."), q("Old homes are 90% of the stock."))


def test_an_average_is_not_a_total():
    """"an average of two million hits" a month is a mean; "11.6 million hits" a total."""
    from claimcheck.checks.conflicts import same_quantity
    q = first_quantity
    assert not same_quantity(q("The site drew an average of 2 million hits."), q("The site drew 11.6 million hits."))
    assert same_quantity(q("The site drew an average of 2 million hits."),
                         q("The site drew an average of 3 million hits."))
