"""The reader's training pairs are mined without claimcheck's parser, by plain rules."""

import pytest

from evaluation import train_reader


def _mine(*sentences):
    text = " ".join(sentences)
    return [(label, a.text, b.text) for label, a, b in train_reader.mine("d", text, [(0, len(text))])]


def test_a_figure_written_twice_before_one_word_is_one_quantity():
    got = _mine("The trial enrolled 700 foster carers in England.",
                "In all, 700 foster carers took part.")
    assert got == [(1, "700", "700")]


def test_a_precise_figure_written_twice_is_one_quantity_whatever_follows():
    got = _mine("A total of 14,931 practitioners were trained.",
                "Training reached 14,931 across 22 countries.")
    assert (1, "14,931", "14,931") in got


def test_two_values_before_one_word_are_two_quantities_unless_close():
    assert _mine("In 2010, 45 schools joined the scheme.",
                 "By 2013, 120 schools had joined it.") == [(0, "45", "120")]
    assert _mine("Over 2,400 nurses were trained.", "In all 2,410 nurses were trained.") == []


def test_at_most_per_doc_of_each_label():
    sentences = [f"Team {w} saw {n} patients." for w, n in
                 zip("abcdefghijkl", (100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200))]
    got = _mine(*sentences)
    assert sum(1 for label, _, _ in got if label == 0) == train_reader.PER_DOC


def test_doc_keys_are_the_same_from_a_record_or_a_path():
    assert train_reader.doc_key("../shared/data/ref2014/uoa06.jsonl.gz#2377") == "uoa06#2377"
    assert train_reader.doc_key("uoa06#2377") == "uoa06#2377"


def test_written_pairs_are_read_with_their_figures_masked_by_topic(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text(
        '{"id": "w-1", "a": "The trust employs ⟦1,240⟧ nurses.", '
        '"b": "Some ⟦1,200⟧ nursing staff work there.", "label": "same", "kind": "synonym"}\n'
        '\n'
        '{"id": "w-2", "group": "q-1", "a": "In 2010, ⟦45⟧ schools joined.", '
        '"b": "By 2013, ⟦120⟧ schools had joined.", "label": "different", "kind": "year"}\n',
        encoding="utf-8")
    got = train_reader.written_cases(path)
    assert [(doc, label, source) for doc, label, _, _, source in got] == [
        ("written#w-1", 1, "written"), ("written#q-1", 0, "written")]
    windows = {w for _, _, a, b, _ in got for w in (a, b)}
    assert windows == {"The trust employs [MASK] nurses.", "Some [MASK] nursing staff work there.",
                       "In 2010, [MASK] schools joined.", "By 2013, [MASK] schools had joined."}


def test_a_written_sentence_without_a_marked_figure_is_refused(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"id": "w-1", "a": "No figure here.", "b": "Nor ⟦here⟧.", '
                    '"label": "same", "kind": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="no ⟦figure⟧"):
        train_reader.written_cases(path)
