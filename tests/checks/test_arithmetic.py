"""arithmetic: a change whose stated size does not follow from its two ends."""

import pytest

from tests.checks.helpers import findings_for


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
