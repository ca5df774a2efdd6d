"""HTML, PDF and .docx documents are read as text, with headings as sections."""

import io
import zipfile

import pytest

from claimcheck.io.documents import iter_documents, load_document
from claimcheck.io.formats import html_to_text
from claimcheck.parse.claims import extract_claims

BODY = "The programme trained 2,410 nurses in 14 hospitals between 2015 and 2019."


def minimal_pdf(lines):
    """A one-page PDF whose text layer holds `lines` (Helvetica, one line each)."""
    ops = ["BT /F1 11 Tf 72 720 Td 14 TL"] + [f"({t}) Tj T*" for t in lines] + ["ET"]
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def minimal_docx(paragraphs):
    """A .docx of (style, text) paragraphs; style None for body text."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paras = "".join(
        "<w:p>" + (f"<w:pPr><w:pStyle w:val='{style}'/></w:pPr>" if style else "")
        + f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"
        for style, text in paragraphs
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", f"<w:document xmlns:w='{w}'><w:body>{paras}</w:body></w:document>")
    return buffer.getvalue()


def test_html_headings_paragraphs_and_no_script():
    text = html_to_text(
        "<html><head><title>x</title><style>p{color:red}</style></head><body>"
        "<h2>Details of the impact</h2><p>The programme trained <b>2,410</b>&nbsp;nurses.</p>"
        "<script>var n = 99;</script><ul><li>14 hospitals</li><li>3 regions</li></ul></body></html>")
    assert text.splitlines() == ["## Details of the impact", "The programme trained 2,410 nurses.",
                                 "14 hospitals", "3 regions"]


def test_html_file_is_audited_with_its_sections(tmp_path):
    path = tmp_path / "case.html"
    path.write_text(f"<h1>Summary of the impact</h1><p>{BODY}</p>")
    doc = load_document(path)
    [claim] = extract_claims(doc)
    assert claim.section == "summary"
    assert {q.value for q in claim.quantities} >= {2410, 14}


def test_pdf_text_layer(tmp_path):
    path = tmp_path / "case.pdf"
    path.write_bytes(minimal_pdf(["Summary of the impact", BODY]))
    doc = load_document(path)
    assert BODY in " ".join(doc.text.split())
    assert [c.section for c in extract_claims(doc)] == ["summary"]


def test_docx_paragraphs_and_heading_styles(tmp_path):
    path = tmp_path / "case.docx"
    path.write_bytes(minimal_docx([("Heading1", "Details of the impact"), (None, BODY)]))
    doc = load_document(path)
    assert doc.text.splitlines()[:2] == ["# Details of the impact", BODY]
    assert [c.section for c in extract_claims(doc)] == ["details"]


def test_folders_pick_up_the_new_formats(tmp_path):
    (tmp_path / "a.html").write_text(f"<p>{BODY}</p>")
    (tmp_path / "b.docx").write_bytes(minimal_docx([(None, BODY)]))
    (tmp_path / "c.pdf").write_bytes(minimal_pdf([BODY]))
    (tmp_path / "notes.xlsx").write_bytes(b"ignored")
    assert [d.id.rsplit("/", 1)[-1] for d in iter_documents([tmp_path])] == ["a.html", "b.docx", "c.pdf"]


#: One statement, its REF3 headings numbered as the template numbers them.
STATEMENT = [
    ("1. Summary of the impact", "The programme trained 2,410 nurses in 14 hospitals."),
    ("2. Underpinning research", "Trials between 2009 and 2013 tested the course in 6 wards."),
    ("3. References to the research", "Smith J (2011) Training nurses. Lancet 377: 1-9."),
    ("4. Details of the impact (indicative maximum 750 words)",
     "By 2019 the course had trained 2,410 nurses in 14 hospitals."),
    ("5. Sources to corroborate the impact", "Letter from the Chief Nurse, 12 May 2019, 3 pages."),
]
REF3_NAMES = ["summary", "research", "references", "details", "sources"]


def _statement_as(suffix, heading_markup="##"):
    if suffix == ".txt":
        return "\n\n".join(f"{h}\n{b}" for h, b in STATEMENT).encode()
    if suffix == ".md":
        return "\n\n".join(f"{heading_markup} {h}\n\n{b}" for h, b in STATEMENT).encode()
    if suffix == ".html":
        return "".join(f"<h2>{h}</h2><p>{b}</p>" for h, b in STATEMENT).encode()
    if suffix == ".docx":
        return minimal_docx([p for h, b in STATEMENT for p in (("Heading1", h), (None, b))])
    return minimal_pdf([line for pair in STATEMENT for line in pair])


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx", ".pdf"])
def test_numbered_ref3_headings_are_the_same_sections_in_every_format(tmp_path, suffix):
    path = tmp_path / f"case{suffix}"
    path.write_bytes(_statement_as(suffix))
    doc = load_document(path)
    assert [s.name for s in doc.sections] == REF3_NAMES
    # the sources are a list, not claims: only the summary's, research's and details' figures are
    assert {c.section for c in extract_claims(doc)} == {"summary", "research", "details"}


@pytest.mark.parametrize("heading", [
    "## 4. Details of the impact", "**4. Details of the impact**", "## Section 4: Details of the impact",
    "### 4) Details of the impact:", "(4) Details of the impact", "# IV. Details of the impact",
    "4 - Details of the impact", "DETAILS OF THE IMPACT (indicative maximum 750 words)",
])
def test_ref3_headings_however_numbered_or_marked_up(heading):
    from claimcheck.io.documents import find_sections

    assert [s.name for s in find_sections(f"{heading}\nBody text.\n")] == ["details"]


def test_other_numbered_markdown_headings_keep_their_title():
    from claimcheck.io.documents import find_sections

    assert [s.name for s in find_sections("## 2. Method\nBody.\n")] == ["2. method"]
