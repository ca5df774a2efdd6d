"""The reader-ceiling evaluation (evaluation/eval_readers.py) on items written for the
test: its marks and its scores need neither ../shared nor the model."""

import json

from evaluation import eval_readers as R


def test_a_figure_is_marked_without_its_qualifier():
    text = "Intro. The tool was used by more than 500 firms in 2012. Next."
    start = text.index("more")
    sentence = (text.index("The"), text.index("Next") - 1)
    assert R._marked(text, sentence, start, text.index(" firms")) == \
        "The tool was used by more than \u27e6500\u27e7 firms in 2012."


def _run(tmp_path):
    run = {"documents": 10,
           "plants_records": [{"pair": "u#1:10:90", "found": "medium"},
                              {"pair": "u#2:5:70", "found": "low"}],
           "alarms": [{"doc": "u#3", "check": "numeric-conflict", "severity": "medium",
                       "claim": {"start": 0, "end": 40}, "evidence": [{"start": 50, "end": 90}]}]}
    path = tmp_path / "run.json"
    path.write_text(json.dumps(run))
    return path


def test_readers_and_the_tool_are_scored_on_the_same_items(tmp_path):
    labels = tmp_path / "labels.jsonl"
    rows = [("u#1:10:90", "conflict"), ("u#2:5:70", "conflict"),  # planted
            ("u#3:12:60", "compatible"), ("u#3:45:60", "conflict")]  # negatives
    labels.write_text("".join(json.dumps({"item": i, "set": "mixed", "reader": "first", "label": lab}) + "\n"
                              for i, lab in rows))
    got = R.score(labels, _run(tmp_path))["mixed/first"]
    assert (got["planted"], got["reader_conflict"], got["reader_recall"]) == (2, 2, 1.0)
    assert (got["tool_found"], got["tool_found_of_reader_conflicts"]) == (1, 1)
    # the finding links 12 and 60 (claim and evidence); 45 lies between its spans
    assert (got["negatives"], got["reader_false_alarms"], got["tool_flags_on_negatives"]) == (2, 1, 1)
