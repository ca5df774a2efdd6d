"""Reports for people and spreadsheets: CSV rows, and batch Markdown grouped by document."""

import csv
import io
import json

from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.findings import Finding, Span
from claimcheck.io.documents import Document
from claimcheck.report import CSV_COLUMNS, render


def _finding(doc, text, check="numeric-conflict", severity="high", values=None, evidence=()):
    return Finding(check, severity, f"{check} in {doc}", Span(doc, text, 0, len(text), None, "details"),
                   tuple(evidence), values or {})


def _rows(text):
    assert text.startswith("\ufeff"), "Excel reads a CSV as UTF-8 only after a byte-order mark"
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_has_one_quoted_row_a_finding_with_both_values_and_the_document_title():
    other = Span("a.txt", "The clinic has 3 doctors.", 40, 65, 0.81, "summary")
    found = [_finding("a.txt", "The clinic has 5 doctors, said Zoë.", values={
        "claim_value": "5 doctors", "evidence_value": "3 doctors"}, evidence=(other,))]
    docs = [Document("a.txt", "…", meta={"Title": "Clinics, 2020", "Institution": "Univ. of X"})]
    text = render(found, "csv", documents=docs)
    rows = _rows(text)
    assert len(rows) == 1 and tuple(rows[0]) == CSV_COLUMNS
    row = rows[0]
    assert (row["document"], row["title"], row["institution"]) == ("a.txt", "Clinics, 2020", "Univ. of X")
    assert (row["claim_value"], row["evidence_value"]) == ("5 doctors", "3 doctors")
    assert row["claim"] == "The clinic has 5 doctors, said Zoë."
    assert (row["evidence_document"], row["evidence"]) == ("a.txt", "The clinic has 3 doctors.")
    assert row["id"] == found[0].id and row["severity"] == "high"
    assert text.splitlines()[1].startswith('"a.txt","Clinics, 2020"'), "every cell is quoted"


def test_csv_cells_that_a_spreadsheet_would_run_are_kept_as_text():
    found = [_finding("=cmd|' /C calc'!A0", "-2+3 more", values={"claim_value": "-5%"})]
    row = _rows(render(found, "csv"))[0]
    assert row["document"].startswith("'=") and row["claim"].startswith("'-2+3")
    assert row["claim_value"] == "-5%", "a negative number stays a number"


def test_csv_of_no_findings_is_the_header_alone():
    assert _rows(render([], "csv")) == []
    assert render([], "csv").strip("\ufeff").strip() == ",".join(f'"{c}"' for c in CSV_COLUMNS)


def test_batch_markdown_groups_findings_under_each_document_with_a_count_line():
    found = [_finding("uoa1#1", "Claim one.", severity="high"),
             _finding("uoa1#2", "Claim two.", severity="low"),
             _finding("uoa1#1", "Claim three.", check="count-vs-list", severity="medium")]
    docs = [Document("uoa1#1", "", meta={"Title": "Bridges", "Institution": "Univ. A"}),
            Document("uoa1#2", "")]
    text = render(found, "markdown", documents=docs)
    first, second = text.index("## Bridges (Univ. A, uoa1#1)"), text.index("## uoa1#2")
    assert first < second
    block = text[first:second]
    assert "2 findings in 1 document (1 high, 1 medium, 0 low)." in block
    assert "Claim one." in block and "Claim three." in block and "Claim two." not in block
    assert "1 finding in 1 document (0 high, 0 medium, 1 low)." in text[second:]


def test_one_document_keeps_the_single_table():
    text = render([_finding("a.txt", "Claim one.")], "markdown")
    assert "## HIGH · numeric-conflict" in text and "## a.txt" not in text


def test_audit_and_report_write_csv(tmp_path):
    doc = tmp_path / "clinic.txt"
    doc.write_text("The clinic has 5 doctors and 4 nurses on its staff in 2020.\n\n"
                   "The project created 33 paid posts, 80 volunteer roles and a social enterprise.\n")
    runner = CliRunner()
    out = tmp_path / "findings.csv"
    result = runner.invoke(main, ["audit", str(doc), "-f", "csv", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("\ufeff\"document\"")
    jsonl = tmp_path / "findings.jsonl"
    jsonl.write_text(json.dumps(_finding(str(doc), "Claim one.").to_dict()) + "\n")
    result = runner.invoke(main, ["report", str(jsonl), "-f", "csv"])
    assert result.exit_code == 0 and _rows(result.stdout)[0]["claim"] == "Claim one."
