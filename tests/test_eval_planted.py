"""The miner and planter of the planted-conflict evaluation (evaluation/planted.py), on
sentences written for the test: they need neither ../shared nor claimcheck's parser."""

from pathlib import Path

import pytest

from evaluation import planted as P


def mine(text, per_doc=3):
    return P.mine("uoa99#1", text, [(0, len(text))], per_doc)


def test_miner_imports_nothing_from_claimcheck():
    source = Path(P.__file__).read_text()
    assert "claimcheck" not in "".join(
        line for line in source.splitlines() if line.lstrip().startswith(("import", "from")))


def test_sentences_split_at_stops_and_lines_not_abbreviations():
    text = "We met Dr. Smith at 10 sites, e.g. in Leeds. Then 4 more.\nA new line"
    got = [text[s:e] for s, e in P.sentences(text)]
    assert got == ["We met Dr. Smith at 10 sites, e.g. in Leeds.", "Then 4 more.", "A new line"]


def test_same_figure_and_next_word_in_two_sentences_is_a_pair():
    text = ("The team trained 700 foster carers in 2012. "
            "By 2013 the 700 foster carers had reached 40 councils.")
    (pair,) = mine(text)
    assert (pair.first.text, pair.second.text) == ("700", "700")
    assert pair.first.words == ("foster",)
    assert pair.id == f"uoa99#1:{text.index('700')}:{text.rindex('700')}"
    assert P.marked(text, pair.first) == "The team trained \u27e6700 foster\u27e7 carers in 2012."


def test_other_words_one_sentence_years_and_markers_give_no_pair():
    assert mine("We trained 700 carers. We trained 700 nurses.") == []  # other words
    assert mine("We trained 700 carers and 700 carers more.") == []  # one sentence
    assert mine("In 2012 schools joined. In 2012 schools left.") == []  # a year
    assert mine("It was cited [3] widely. It was praised [3] widely.") == []  # markers
    assert mine("See section 4 above. As section 4 shows.") == []  # labels


def test_money_percent_and_number_words_are_figures():
    text = ("A grant of £16m funded it. The £16m funded more. "
            "Some 45% of parents agreed. Later 45% of parents agreed again. "
            "Three councils signed. The three councils paid.")
    kinds = sorted((p.first.kind, p.first.text) for p in mine(text))
    assert kinds == [("money", "£16m"), ("percent", "45%"), ("word", "Three")]


def test_per_doc_caps_the_pairs_and_ids_are_stable():
    text = " ".join(f"We saw {n} birds. Again {n} birds flew." for n in range(10, 16))
    assert len(mine(text, per_doc=3)) == 3
    assert [p.id for p in mine(text, 3)] == [p.id for p in mine(text + " More text.", 3)]


def _plant(text, style=None):
    (pair,) = mine(text)
    return pair, P.plant(text, pair, style)


@pytest.mark.parametrize("style", ["digits", "words", "qualifier"])
def test_a_plant_below_a_lower_bound(style):
    text = "The course reached over 700 foster carers. Each of the 700 foster carers got a guide."
    pair, plant = _plant(text, style)
    planted = plant.apply(text)
    assert plant.style == style
    if plant.partner is pair.first:  # the lower bound stays: the new value must be below it
        assert plant.partner_bound == "lower"
        assert plant.new in ("420", "four hundred and twenty", "fewer than 420")
    else:  # "over 700" itself is rewritten, qualifier and all, against a plain 700
        assert plant.old == "over 700"
        assert "over" not in planted
    assert planted.count("700") == 1


def test_qualifiers_decide_the_direction():
    assert P.conflicting_value(700, "lower", 0, "count") == (420, "down")
    assert P.conflicting_value(50, "upper", 0, "count") == (80, "up")
    value, _ = P.conflicting_value(30, "about", 0, "count")
    assert abs(value - 30) / 30 >= 1 / 3
    assert P.conflicting_value(95, "upper", 0, "percent") == (None, "")  # no share above 99


def test_qualifier_reading():
    text = "It has up to 50 staff. About 30 sites. In excess of £2m was spent. Some 9 posts."
    figs = P.figures(text, 0, len(text))
    assert [P.qualifier(text, f)[0] for f in figs] == ["upper", "about", "lower", "about"]
    assert P.qualifier(text, figs[2]) == ("lower", text.index("In excess"))
    text = "It has 5,000+ users."
    plus = P.Figure(7, 12, "5,000", 5000.0, "count", ("users",), 19, (0, len(text)))
    assert P.qualifier(text, plus) == ("lower", 7)
    text = "It genotyped >500,000 people at <20 sites."
    figs = P.figures(text, 0, len(text))
    assert [P.qualifier(text, f) for f in figs] == [("lower", 13), ("upper", 32)]


def test_a_range_end_is_rewritten_in_digits_keeping_its_order():
    text = "Between 2.7 to 3.9 million people are affected. Of the 3.9 million people, few know."
    pair, plant = _plant(text, "qualifier")
    assert plant.style == "digits" or plant.planted is pair.second
    if plant.planted is pair.first:
        assert plant.new == "6.2"


def test_money_keeps_its_sign_and_scale_and_words_are_words():
    text = "A £16m fund opened. The £16m fund closed."
    _, plant = _plant(text, "money")
    assert plant.new in ("£26m", "£10m")
    text = "We ran 120 workshops. In total 120 workshops ran."
    _, plant = _plant(text, "words")
    assert plant.new in ("one hundred and ninety", "seventy")


def test_in_words():
    assert P.in_words(190) == "one hundred and ninety"
    assert P.in_words(2400) == "two thousand four hundred"
    assert P.in_words(35) == "thirty-five"


def test_assemble_cleans_entities_and_rejoins_wrapped_lines():
    record = {"Title": "A title", "ImpactSummary": "\r    It cost &#163;600k\r      in all.",
              "UnderpinningResearch": "", "References": "[1] A paper.", "ImpactDetails": "Done.",
              "Sources": ""}
    text, spans = P.assemble(record)
    summary = text[spans[0][0]:spans[0][1]]
    assert summary == "It cost £600k in all."
    assert text[spans[2][0]:spans[2][1]] == "Done."
    assert "[1] A paper." in text and all("[1]" not in text[s:e] for s, e in spans)


def test_a_label_with_a_leading_zero_is_not_planted():
    text = "The Impacts 08 programme ran. Its Impacts 08 programme closed."
    (pair,) = mine(text)
    assert P.plant(text, pair) is None


def test_every_plant_changes_the_value_against_its_partner():
    text = ("Nearly 100 schools joined. The 100 schools met. We hired 12 staff. "
            "By then 12 staff worked. Up to 40 sites opened. Of the 40 sites, most stayed.")
    for pair in mine(text):
        for style in ("digits", "words", "qualifier"):
            plant = P.plant(text, pair, style)
            assert plant is not None and plant.new != plant.old
            assert plant.apply(text).count(plant.partner.text) >= 1


def test_the_sealed_split_refuses_without_release(capsys):
    from evaluation import eval_planted

    with pytest.raises(SystemExit) as exit_:
        eval_planted.main(["--split", "sealed"])
    assert "--release" in str(exit_.value)
    with pytest.raises(SystemExit):
        eval_planted.main(["--split", "sealed", "--to-judge", "/nonexistent/x.jsonl"])


def test_wilson_interval():
    from evaluation import eval_planted

    assert eval_planted.wilson(0, 0) == [0.0, 1.0]
    low, high = eval_planted.wilson(90, 100)
    assert 0.82 < low < 0.84 and 0.94 < high < 0.95


def _alarm(doc, start, severity, check="numeric-conflict"):
    return {"doc": doc, "check": check, "severity": severity, "message": "m",
            "claim": {"text": "a", "start": start}, "evidence": [{"text": "b", "start": start + 50}]}


def test_findings_sample_takes_all_severe_then_low_numeric_conflicts():
    from evaluation import eval_findings

    severe = [_alarm("u#1", n, "medium") for n in range(0, 300, 100)]
    low = [_alarm("u#2", n, "low") for n in range(0, 500, 100)] + [_alarm("u#3", 0, "low", "ref3-structure")]
    chosen = eval_findings.sample(severe, 6, seed=1, low=low)
    assert len(chosen) == 6 and chosen[:3] != [] and all(a["severity"] == "medium" for a in chosen[:3])
    assert all(a["check"] == "numeric-conflict" and a["severity"] == "low" for a in chosen[3:])
    assert eval_findings.sample(severe, 6, 1, low) == chosen  # fixed by the seed
    assert eval_findings.finding_id(severe[0]) == "u#1:numeric-conflict:0:50"
    labels = {eval_findings.finding_id(a): "real" if i % 2 else "wrong" for i, a in enumerate(chosen)}
    result = eval_findings.precision(chosen, labels)
    assert result["medium"]["labelled"] == 3 and result["medium"]["real"] == 1
    assert result["low"]["precision_real"] == round(2 / 3, 3)


def test_kappa_is_agreement_beyond_chance():
    from evaluation.agreement import kappa

    assert kappa([("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")]) == 0.5  # 0.75 seen, 0.5 by chance
    assert kappa([("a", "a"), ("b", "b")]) == 1.0
    assert kappa([("a", "b"), ("b", "a")]) == -1.0
    assert kappa([]) is None
