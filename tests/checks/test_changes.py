"""Figures compared beyond levels of one thing: sizes of changes, ranges, items of lists
that name their own things, bounds that differ, and how sure a message says it is."""

import pytest

from claimcheck.parse.changes import step_of
from claimcheck.parse.claims import Claim
from claimcheck.parse.quantities import parse_quantities
from tests.checks.helpers import findings_for


def _step(text):
    claim = Claim.from_dict({"text": text})
    return step_of(claim, claim.numeric[0])


@pytest.mark.parametrize("text,direction,low,high,words", [
    ("Hospital admissions for asthma fell by 38% after the scheme began.", "down", 37.5, 38.5,
     {"hospital", "admission", "asthma"}),
    ("The new rota cut overtime hours by a third.", "down", 30, 36.7, {"overtime"}),
    ("The library reported a 12% increase in loans of e-books.", "up", 11.5, 12.5,
     {"loan", "e-book"}),
    ("Membership of the rowing club doubled within two years.", "up", 80, 120,
     {"membership", "rowing", "club"}),
    ("Energy use in the depot has halved since 2019.", "down", 45, 55,
     {"energy", "use", "depot"}),
    # the subject after a verb of saying; a place named again by a common noun
    ("The warden says visits to the reserve have roughly doubled.", "up", 53, 153,
     {"visit", "reserve"}),
    ("Over the year burglaries in the town rose by 8%.", "up", 7.5, 8.5, {"burglary"}),
])
def test_a_change_is_read_as_a_direction_a_size_and_what_changed(text, direction, low, high, words):
    step = _step(text)
    assert step.direction == direction
    assert step.low == pytest.approx(low, abs=0.1) and step.high == pytest.approx(high, abs=0.1)
    assert set(step.measure) == words


def test_a_figure_that_is_a_level_is_no_change():
    assert _step("The depot used 4,000 litres of diesel last year.") is None
    assert _step("It was funded by 12 local businesses.") is None
    assert _step("Older houses make up over 90% of the stock.") is None  # a share, no rise
    assert _step("Rent took up 30% of the budget.") is None
    assert _step("Bus fares were up 25% on the year before.").direction == "up"


def test_a_fraction_after_by_is_read_whatever_follows_it():
    assert [q.text for q in parse_quantities("Footfall dropped by a fifth last winter.")] == ["a fifth"]
    assert parse_quantities("The survey was run by a third party.") == []


def test_two_sizes_of_one_change_that_cannot_both_hold(embedder):
    found = findings_for(
        embedder,
        "After the new triage desk opened, ambulance handover delays fell by 44%.",
        "Ambulance handover delays dropped by roughly a fifth once the triage desk opened.",
        check="numeric-conflict",
    )
    assert [f.severity for f in found] == ["high"]
    assert "a fall of 44%" in found[0].message and "a fall of roughly a fifth" in found[0].message
    assert "the two values cannot both hold" in found[0].message
    assert found[0].values["change"] is True
    assert found[0].values["claim_interval"] == [-44.5, -43.5]


def test_only_a_high_finding_says_the_two_cannot_both_hold():
    from claimcheck.checks.conflicts import conclusion

    verdict = "the two values cannot both hold"
    assert conclusion("high", 0.8, verdict).endswith("the two values cannot both hold.")
    medium, low = conclusion("medium", 0.3, verdict), conclusion("low", 0.07, verdict)
    assert "a lead to check" in medium and "cannot both hold" not in medium
    assert "Less likely one quantity" in low and "cannot both hold" not in low


@pytest.mark.parametrize("first,second", [
    ("Handover delays fell by 44% after the triage desk opened.",
     "After the triage desk opened, handover delays dropped by about two fifths."),  # sizes meet
    ("Handover delays fell by 44% after the triage desk opened.",
     "After the triage desk opened, bed occupancy fell by 12%."),  # another measure
    ("Handover delays halved after the triage desk opened.",
     "After the triage desk opened, handover delays fell by 50%."),  # a multiple and a share
])
def test_changes_that_can_both_hold_or_are_of_other_things_are_left_alone(embedder, first, second):
    assert findings_for(embedder, first, second, check="numeric-conflict") == []


def test_opposite_directions_of_one_change_conflict(embedder):
    found = findings_for(
        embedder,
        "Recorded thefts of bicycles in the city fell by 9% over the year.",
        "Over the same year recorded bicycle thefts in the city rose by 4%.",
        check="numeric-conflict",
    )
    assert len(found) == 1 and found[0].severity in ("medium", "high")


def test_a_place_named_again_by_a_common_noun_is_the_same_place(embedder):
    found = findings_for(
        embedder,
        "Shoplifting in Ravensworth fell by a third last year.",
        "Last year shoplifting in the town rose by 6%, the council said.",
        check="numeric-conflict",
    )
    assert len(found) == 1 and found[0].severity in ("medium", "high")
    assert not findings_for(
        embedder,
        "Shoplifting in Ravensworth fell by a third last year.",
        "Last year shoplifting in Dunmere rose by 6%, the council said.",
        check="numeric-conflict",
    )


def test_a_narrow_range_is_an_interval_and_a_wide_one_a_spread(embedder):
    found = findings_for(
        embedder,
        "The network now links 12-15 community pharmacies in the county.",
        "Around 25 community pharmacies in the county are linked by the network.",
        check="numeric-conflict",
    )
    assert [(f.values["claim_value"], f.values["evidence_value"]) for f in found] == [("12-15", "Around 25")]
    assert findings_for(
        embedder,
        "The network now links 12-15 community pharmacies in the county.",
        "The network links 14 community pharmacies in the county.",
        check="numeric-conflict",
    ) == []
    assert findings_for(
        embedder,
        "Each talk drew audiences of 20 to 200 people.",
        "The talks drew audiences of 350 people.",
        check="numeric-conflict",
    ) == []


def test_items_of_a_list_that_name_their_own_things_are_counts_of_their_own(embedder):
    found = findings_for(
        embedder,
        "The mountain rescue team has 14 volunteers and 3 paramedics.",
        "The mountain rescue team is made up of 11 volunteers and 3 paramedics.",
        check="numeric-conflict",
    )
    assert [(f.values["claim_value"], f.values["evidence_value"]) for f in found] == [("14", "11")]
    marks = [q.scope for q in parse_quantities("It ran for 24, 48 and 72 hours, with 3 staff.")]
    assert all("own-noun" not in scope for scope in marks)


def test_items_given_after_their_names_compare_item_by_item(embedder):
    found = findings_for(
        embedder,
        "The charity runs food banks in Ashford (120 families a week), Dover (85 families "
        "a week) and Folkestone (60 families a week).",
        "Its food banks serve Ashford (120 families a week), Dover (140 families a week) "
        "and Folkestone (60 families a week).",
        check="numeric-conflict",
    )
    pairs = [(f.values["claim_value"], f.values["evidence_value"]) for f in found
             if f.severity in ("high", "medium")]
    assert pairs == [("85", "140")]  # Dover against Dover; never Ashford against Dover
    marks = [q.scope.value("item") for q in parse_quantities(
        "Schools in Leeds (12 schools), York (8 schools) and Hull (5 schools) took part.")]
    assert marks == ["leeds", "york", "hull"]
    unnamed = parse_quantities("Scores rose (12 points), fell (8 points) and held (5 points).")
    assert all(not q.scope.value("item") for q in unnamed)  # not names: no items


def test_the_ends_of_two_changes_compare_end_with_end(embedder):
    found = findings_for(
        embedder,
        "Since the grant, the bakery's staff grew from 6 to 40 employees.",
        "Helped by the grant, the bakery's staff has grown from 6 to 25 employees.",
        check="numeric-conflict",
    )
    pairs = [(f.values["claim_value"], f.values["evidence_value"]) for f in found
             if f.severity in ("high", "medium")]
    assert pairs == [("40", "25")]  # where each ended; never a start against an end


def test_two_lower_bounds_that_differ_are_stated_differently_not_in_conflict(embedder):
    found = findings_for(
        embedder,
        "The repair cafe has fixed over 400 appliances since it opened.",
        "More than 650 appliances have been fixed at the repair cafe since it opened.",
    )
    assert [(f.check, f.severity) for f in found] == [("stated-differently", "low")]
    assert "can both hold" in found[0].message


def test_shares_given_respectively_are_of_wholes_of_their_own(embedder):
    text = "Attendance at the morning and evening clinics was 83% and 71% respectively."
    assert [q.head for q in parse_quantities(text)] == ["", ""]
    assert findings_for(embedder, text, check="shares-over-100") == []


def test_modifiers_compare_by_inclusion_but_not_past_a_participle():
    from claimcheck.checks.sameness import modifiers_agree

    assert modifiers_agree(("seasonal",), ("seasonal", "work"))
    assert not modifiers_agree((), ("phd",))  # students against PhD students: a part
    assert not modifiers_agree(("local",), ("participating", "local"))  # some of them


def test_ranges_list_items_and_included_modifiers_are_at_most_medium():
    from claimcheck.checks.sameness import LOOSE_MEDIUM, loosely_read

    (a,), (b,) = parse_quantities("12-15 pharmacies"), parse_quantities("25 pharmacies")
    assert loosely_read(a, b) and not loosely_read(b, b)
    assert 0.09 < LOOSE_MEDIUM < 0.6


def test_a_loose_reading_keeps_high_only_when_the_reader_is_nearly_sure():
    from claimcheck.checks.sameness import LOOSE_HIGH, sure_despite_loose_reading

    (five,), (three,) = parse_quantities("five years"), parse_quantities("three years")
    assert sure_despite_loose_reading(five, three, None, LOOSE_HIGH)
    assert not sure_despite_loose_reading(five, three, None, LOOSE_HIGH - 0.01)
    (listed, _), (alone,) = parse_quantities("5 doctors and 4 nurses"), parse_quantities("3 doctors")
    assert not sure_despite_loose_reading(listed, alone, None, 0.99)  # lists: two measures
    (spread,), (level,) = parse_quantities("12-15 pharmacies"), parse_quantities("25 pharmacies")
    assert not sure_despite_loose_reading(spread, level, None, 0.99)
    (organisations,), (projects,) = (parse_quantities("50 collaborative organisations"),
                                     parse_quantities("60 collaborative projects"))
    assert not sure_despite_loose_reading(organisations, projects, "surface", 0.99)


def test_a_pair_read_from_the_word_after_it_is_high_when_read_as_one(embedder):
    found = findings_for(
        embedder,
        "The agency, which has doubled its staff to around 60 in recent months, has also "
        "grown its income by half.",
        "The agency has doubled its staff to 96 in recent months and has grown its income by half.",
        check="numeric-conflict",
    )
    assert [f.severity for f in found] == ["high"]
    assert 'followed by "recent"' in found[0].message


def test_a_range_is_no_slip_of_scale():
    from claimcheck.checks.scale import slip_of_scale

    (a,), (b,) = parse_quantities("2.7 to 3.9 million people"), parse_quantities("270 people")
    assert not slip_of_scale(a, b)


def test_durations_are_compared_loosely_and_how_often_is_not_how_long(embedder):
    from claimcheck.checks.sameness import same_quantity

    found = findings_for(
        embedder,
        "The apprenticeship scheme has now run for more than six years.",
        "The apprenticeship scheme was run for four years by the council.",
        check="numeric-conflict",
    )
    assert [f.severity for f in found] in (["medium"], ["low"])
    (more,) = parse_quantities("It ran for more than 6 years.")
    assert more.low > 6 and more.qualifier == "over"
    (during,) = parse_quantities("It ran for over 6 years.")
    assert during.qualifier == ""  # "over" a span may be "during" it
    (every,) = parse_quantities("The survey is repeated every six years.")
    assert not same_quantity(every, parse_quantities("The survey ran for six years.")[0])


def test_an_aimed_change_is_not_compared_with_the_change_made(embedder):
    made = "Ambulance handover delays dropped by roughly a fifth once the triage desk opened."
    assert findings_for(embedder, "After the new triage desk opened, the trust aimed for a 44% "
                        "reduction in ambulance handover delays.", made,
                        check="numeric-conflict") == []
    # control: the same words said as an outcome conflict
    [found] = findings_for(embedder, "After the new triage desk opened, the trust saw a 44% "
                           "reduction in ambulance handover delays.", made,
                           check="numeric-conflict")
    assert found.severity == "high"
