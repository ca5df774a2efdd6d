"""Document-level notes an office reads once: section lengths together, placeholders apart."""

from claimcheck.checks.references import document_checks
from claimcheck.io.documents import Document, find_sections

DOC = """Title of the case study

1. Summary of the impact
{summary}

2. Underpinning research
{research}

3. References to the research
[R1] Lee, A. (2010). Bridges that last. Journal of Bridges, 3, 1-9.
[R2] [text removed for publication]
[R3] [text removed for publication]

4. Details of the impact
{details}

5. Sources to corroborate the impact
[S1] A letter from the council.
"""


def _findings(summary="A short summary [R1].", research="Short research.", details="Short details."):
    text = DOC.format(summary=summary, research=research, details=details)
    doc = Document("case.txt", text, find_sections(text))
    return document_checks(doc)


def test_sections_over_their_length_are_one_note_naming_each():
    long = _findings(summary="word " * 130 + "[R1].", details="word " * 900)
    notes = [f for f in long if f.check == "ref3-structure"]
    assert len(notes) == 1
    note = notes[0]
    assert note.message.startswith("2 sections run past the indicative length:")
    assert '"1. Summary of the impact" has 13' in note.message and "(indicative limit 100)" in note.message
    assert '"4. Details of the impact" has 90' in note.message and "(indicative limit 750)" in note.message
    assert note.claim.text == "1. Summary of the impact"
    assert [e.text for e in note.evidence] == ["4. Details of the impact"]
    assert set(note.values["words"]) == {"summary", "details"}


def test_sections_within_their_length_give_no_note():
    assert [f for f in _findings() if f.check == "ref3-structure"] == []


def test_redaction_placeholders_are_not_duplicate_references():
    assert [f for f in _findings() if f.check == "duplicate-reference"] == []
