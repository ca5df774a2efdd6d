"""count-vs-list and total-vs-parts: a stated count against the list that follows it,
and a total against its parts."""

import pytest

from tests.checks.helpers import doc_findings, findings_for


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


@pytest.mark.parametrize("text,listed", [
    ("Five sites took part: Leeds, York and Hull.", 3),
    ("Four workshops were held: Leeds, York and Hull.", 3),
    ("Four partners joined the project: the council, the trust and the university.", 3),
    # the verb phrase names another thing counted: its list is not the count's
    ("We trained 12 teachers in three schools: Leeds, York and Hull.", None),
    ("Three sites took part: Leeds, York and Hull.", None),
])
def test_a_count_whose_list_follows_a_short_verb_phrase(embedder, text, listed):
    found = findings_for(embedder, text, check="count-vs-list")
    assert [f.values["listed"] for f in found] == ([listed] if listed else [])


def test_total_against_parts_in_another_paragraph(embedder):
    found = findings_for(
        embedder,
        "Nine regional training centres have been opened across Europe and Asia.",
        "Regional training centres have been opened in five European countries (France, Spain, Italy, "
        "Greece and Portugal), two Asian cities (Tokyo, Seoul) and India.",
        check="total-vs-parts",
    )
    assert len(found) == 1 and found[0].values["parts_sum"] == 8


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
     "which add up to 250, not 240."),
    ("We interviewed 80 people, including 60 patients and 25 carers.",
     "The sentence gives 80 people and then the parts 60 patients and 25 carers, which add "
     "up to 85: more than the whole."),
    ("Of the 3,200 adult learners, 1,900 were women and 1,500 were men.",
     "The sentence gives 3,200 adult learners and then the parts 1,900 were women and 1,500 "
     "were men, which add up to 3,400: more than the whole, unless some are counted in two of "
     "them."),
    ("The programme trained 250 tutors in Leeds, 180 in York and 90 in Hull, a total of 480 "
     "tutors.",
     "The sentence gives the parts 250 tutors in Leeds, 180 in York and 90 in Hull, which add "
     "up to 520, and then their total as 480 tutors."),
])
def test_parts_that_do_not_make_their_total(embedder, text, message):
    [f] = findings_for(embedder, text, check="total-vs-parts")
    assert f.message == message


@pytest.mark.parametrize("text", [
    "We interviewed 80 people, including 40 patients and 25 carers.",
    "Of the 120 staff who replied, 70 were nurses and 40 were doctors.",
    # what members of the whole did, not groups they are: the same people may do both
    "Of the 3,200 learners, 1,900 attended evening classes and 1,500 attended weekend classes.",
    "Of the 300 students, 180 studied French and 150 studied Spanish.",
    "Of the 1,000 patients, 620 were treated and 540 were discharged.",
    # a breakdown inside a breakdown
    "Of the 900 staff, 600 were clinical, including 400 nurses and 150 doctors, and 300 were non-clinical.",
])
def test_parts_that_may_leave_some_out_can_fall_short(embedder, text):
    assert findings_for(embedder, text, check="total-vs-parts") == []


@pytest.mark.parametrize("text", [
    "Of the 3,200 adult learners, 1,900 were women and 1,500 were men.",
    "Of the 400 GP practices surveyed, 230 were urban and 210 were rural.",
])
def test_groups_of_a_whole_that_may_overlap_are_a_lead(embedder, text):
    [f] = findings_for(embedder, text, check="total-vs-parts")
    assert f.severity == "medium" and "more than the whole" in f.message


def test_a_be_verb_after_figures_does_not_name_what_they_count(embedder):
    """"1,900 were women" and "70 were nurses" are not alike because "were" follows both."""
    text = ("Of the 3,200 adult learners, 1,900 were women and 1,300 were men.\n\n"
            "Of the 120 staff who replied, 70 were nurses and 40 were doctors.")
    assert findings_for(embedder, text, check="numeric-conflict") == []


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
    [f] = doc_findings(text, "count-vs-list")
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
    assert doc_findings(text, "count-vs-list") == []


def test_a_total_against_the_figures_of_its_parts(embedder):
    """The issue's "86,000 visitors: 31,000 in Bristol, 29,000 in Liverpool and 26,000 in
    London" adds up; parts elsewhere may leave some out, but may not add up to more."""
    def parts_findings(*paragraphs):
        return findings_for(embedder, *paragraphs, check="total-vs-parts")

    assert parts_findings("The tour drew 86,000 visitors: 31,000 in Bristol, 29,000 in "
                          "Liverpool and 26,000 in London.") == []
    [f] = parts_findings("The tour drew 90,000 visitors: 31,000 in Bristol, 29,000 in "
                         "Liverpool and 26,000 in London.")
    assert f.severity == "high" and "add up to 86,000, not 90,000." in f.message
    whole = "# Summary\n\nThe tour drew 80,000 visitors over the summer."
    parts = "# Details of the impact\n\nThe tour was seen by {} visitors in Bristol, 29,000 in Liverpool and 26,000 in London."
    [f] = parts_findings(whole, parts.format("31,000"))
    assert f.severity == "medium" and "more than the whole" in f.message
    assert f.values["total"] == "80,000" and f.values["parts"] == ["31,000", "29,000", "26,000"]
    assert parts_findings(whole, parts.format("21,000")) == []  # other parts may be left out
