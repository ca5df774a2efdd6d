import gzip
import json

import pytest

from claimcheck.errors import InputError
from claimcheck.io.documents import load_document, load_documents, iter_documents
from claimcheck.parse.claims import extract_claims
from claimcheck.parse.sentences import split_sentences
from claimcheck.retrieve.passages import estimate_tokens, split_passages

REF3 = """Title of case study: Example
1. Summary of the impact
<p>The project trained 120 teachers in 9 countries. It ran for three years.</p>
2. Underpinning research
Dr. A. B. Smith et al. showed the effect in 2011 [R1]. It was large.
3. References to the research
[R1] Smith, A. (2011). A paper. Journal, 4(2), 10-20.
4. Details of the impact
Over 100 teachers in 9 countries now use the method.
5. Sources to corroborate the impact
[S1] A letter.
"""


def test_sentences_keep_offsets_and_skip_abbreviations():
    text = "Dr. A. B. Smith et al. found 3.5 times more. Then e.g. this one. 2. Next part"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Dr. A. B. Smith et al. found 3.5 times more.", "Then e.g. this one.", "2. Next part"]


def test_wrapped_lines_are_joined_and_paragraphs_split():
    text = "The team trained\nteachers in 2019.\nA new paragraph begins here."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The team trained\nteachers in 2019.", "A new paragraph begins here."]


def test_sections_and_markup(tmp_path):
    path = tmp_path / "case.txt"
    path.write_text(REF3)
    doc = load_document(path)
    assert [s.name for s in doc.sections] == ["summary", "research", "references", "details", "sources"]
    assert "<p>" not in doc.text and len(doc.text) == len(REF3)  # tags blanked, offsets kept
    claims = extract_claims(doc)
    assert all(doc.text[c.start:c.end] == c.text for c in claims)
    assert {c.section for c in claims} == {"summary", "research", "details"}  # no bibliography


def test_ref2014_records_are_assembled(tmp_path):
    record = {"CaseStudyId": "42", "Title": "\r\n    A title\r\n    ",
              "ImpactSummary": "\r\n    We trained 120\r\n      teachers.\r\n    Then 30 more &amp; others.",
              "UnderpinningResearch": "", "References": "", "ImpactDetails": "Details.", "Sources": ""}
    path = tmp_path / "uoa.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(record) + "\n").encode()))
    [doc] = list(load_documents(path))
    assert doc.id.endswith("#42")
    assert "We trained 120 teachers." in doc.text and "&" in doc.text
    assert doc.sections[0].name == "summary"


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_ref2014_lines_are_rejoined_whatever_ends_them(tmp_path, newline):
    """Some records end their lines with a carriage return alone; their wrapped lines
    are rejoined as the others' are, not read as one paragraph a line."""
    summary = newline.join(["", "    We trained 120", "      teachers in 2019.", "    Then 30 more."])
    record = {"CaseStudyId": "7", "Title": "T", "ImpactSummary": summary, "UnderpinningResearch": "",
              "References": "", "ImpactDetails": "", "Sources": ""}
    path = tmp_path / "uoa.jsonl"
    path.write_text(json.dumps(record) + "\n")
    [doc] = list(load_documents(path))
    assert "We trained 120 teachers in 2019.\nThen 30 more." in doc.text


def test_folders_expand_to_their_documents(tmp_path):
    (tmp_path / "a.txt").write_text("One hundred people came.")
    (tmp_path / "b.md").write_text("# Title\n\nTwo people came.")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    assert [d.id.rsplit("/", 1)[-1] for d in iter_documents([tmp_path])] == ["a.txt", "b.md"]


def test_suffixes_are_read_in_any_case(tmp_path):
    (tmp_path / "A.TXT").write_text("One hundred people came.")
    (tmp_path / "B.Jsonl").write_text('{"id": "x", "text": "Two people came."}\n')
    assert [d.id.rsplit("/", 1)[-1] for d in iter_documents([tmp_path])] == ["A.TXT", "B.Jsonl#x"]


def test_a_record_id_given_twice_is_an_error_not_a_lost_record(tmp_path):
    path = tmp_path / "recs.jsonl"
    path.write_text('{"id": "a", "text": "We trained 5 staff."}\n'
                    '{"id": "a", "text": "We opened 12 clinics."}\n'
                    '{"id": null, "text": "We hired 3 staff."}\n')
    with pytest.raises(InputError) as err:
        list(load_documents(path))
    assert str(err.value).startswith(f"{path}:2: the id 'a' is given twice (first at line 1)")
    skipped = []
    docs = list(load_documents(path, skip_bad=skipped.append))
    assert [d.id.rsplit("#", 1)[1] for d in docs] == ["a", "3"] and len(skipped) == 1


@pytest.mark.parametrize("content,expected", [
    (b"caf\xe9 au lait 12 cups", "not UTF-8 text (byte 0xe9 at offset 3; it reads as cp1252)"),
    (b"\x00\x01\x02binary", "binary file, not text"),
])
def test_bad_files_get_one_line_errors(tmp_path, content, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        load_document(path)
    assert str(err.value).startswith(f"{path}: {expected}")


def test_missing_file_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="no documents in this folder"):
        list(iter_documents([tmp_path]))


def test_passages_fit_the_window_and_overlap(tmp_path):
    sentences = [f"Sentence number {i} says that {i * 10} people attended the event." for i in range(60)]
    path = tmp_path / "long.txt"
    path.write_text(" ".join(sentences))
    doc = load_document(path)
    passages = split_passages(doc, max_tokens=80, overlap=1)
    assert len(passages) > 5
    assert all(estimate_tokens(p.text) <= 80 for p in passages)
    assert all(doc.text[p.start:p.end] == p.text for p in passages)
    for a, b in zip(passages, passages[1:]):  # each passage opens with the last sentence of the one before
        assert b.start < a.end
    covered = set()
    for p in passages:
        covered.update(range(p.start, p.end))
    assert all(i in covered for i in range(len(doc.text)) if not doc.text[i].isspace())
