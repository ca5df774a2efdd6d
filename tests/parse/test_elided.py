import pytest

from claimcheck.io.documents import make_document
from claimcheck.parse.claims import extract_claims


def _heads(*paragraphs):
    claims = extract_claims(make_document("doc.txt", "\n\n".join(paragraphs)))
    return [(q.text, q.head) for c in claims for q in c.quantities if q.kind == "count"]


def test_a_bare_count_counts_the_noun_of_the_count_before_it():
    assert _heads("The trust installed 40 electric vehicle chargers during 2022.",
                  "It put in 26 at its hospital sites over that year.") == [
        ("40", "charger"), ("26", "charger")]
    assert _heads("The hospice opened eight beds in its inpatient unit this spring.",
                  "This spring it added twelve to the unit, funded by an appeal.") == [
        ("eight", "bed"), ("twelve", "bed")]


@pytest.mark.parametrize("second,figure", [
    ("Of these, 26 were at its hospital sites.", "26"),  # a part of the 40
    ("It put in another 26 at its hospital sites.", "26"),
    ("The sites, including 26 at hospitals, were ready.", "26"),
    ("The chargers (26, 14) were ready.", "14"),  # in brackets
    ("About 2.5 were used each day.", "About 2.5"),  # no count of things
    ("Drivers over the age of 75 may not use them.", "75"),
    ("The number of chargers in use hit 1212.", "1212"),  # named before it
    ("Three uses were tested: 1. speed; 2. cost; 3. safety.", "2"),  # numbers of a list
    ("Three uses were tested: 1) speed, 2) cost and 3) safety.", "2"),
    ("It was funded as project 507382, with 97 partners.", "507382"),  # a code
    ("Each town got funds between 2005-09 for schemes.", "09"),  # a year's end
    ("It freed staff from needless bureaucracy.'7", "7"),  # a footnote
    ("Floods could reach them by 2100.", "2100"),  # a year
    ("See Animal Welfare, 20, 433-438.", "20"),  # one of a run of numbers
])
def test_a_part_a_label_or_a_bracket_gets_no_noun(second, figure):
    heads = dict(_heads("The trust installed 40 electric vehicle chargers during 2022.", second))
    assert heads[figure] == ""


def test_only_the_sentence_just_before_lends_its_noun():
    assert _heads("The trust installed 40 chargers.", "The weather was fine all year long.",
                  "It put in 26 at its hospital sites.")[-1] == ("26", "")
