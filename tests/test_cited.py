"""Claims checked against the sources they cite (tests/data/cited: two case-study-like
statements citing three short papers, one of them a PDF), with the real model."""

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.checks.conflicts import grade
from claimcheck.cli import main
from claimcheck.documents import load_document, make_document
from claimcheck.pipeline import audit
from claimcheck.references import parse_entries
from claimcheck.sources import (
    author_year_citations, describe, entry_title, first_author, resolve, resolve_entry,
)
from test_formats import minimal_pdf

DATA = Path(__file__).parent / "data" / "cited"
WARD, PHARMACY = "ward-safety.txt", "pharmacy-checks.txt"
#: The disagreements planted in the statements: (statement, claim's figure, source's figure).
PLANTED = {
    (WARD, "45%", "31%"),  # an effect size
    (WARD, "12", "eight"),  # a count of hospitals
    (WARD, "9,800", "8,900"),  # a count, in a paragraph attributed to [R1] (no marker)
    (WARD, "3,200", "2,300"),  # a sample size, against the PDF
    (WARD, "£6.5 million", "£4.5 million"),  # an amount
    (PHARMACY, "52%", "64%"),  # a percentage, cited "(Patel and Moreau, 2011)"
    (PHARMACY, "1,420", "1,240"),  # a sample size, cited "[1]"
}
#: Figures the statements restate as their sources give them.
AGREEING = {(WARD, "1,240"), (WARD, "64%"), (WARD, "88%"), (WARD, "£1.2 million"),
            (PHARMACY, "2,300")}


def make_papers(folder):
    """The papers as a corpus folder: the .txt papers and the survey as a PDF."""
    shutil.copytree(DATA / "papers", folder)
    lines = (DATA / "survey.lines").read_text().splitlines()
    (folder / "pharmacist-survey.pdf").write_bytes(minimal_pdf(lines))
    return folder


@pytest.fixture(scope="module")
def result(tmp_path_factory, embedder):
    base = tmp_path_factory.mktemp("cited")
    papers = make_papers(base / "papers")
    statements = [str(DATA / "statements" / WARD), str(DATA / "statements" / PHARMACY)]
    return audit(statements, [str(papers)], embedder=embedder, cache_dir=base / "cache")


def _name(doc_id):
    return doc_id.rsplit("/", 1)[-1]


def _found(result, check, severities=("high", "medium")):
    return {(_name(f.claim.doc), f.values["claim_value"], f.values["evidence_value"])
            for f in result.findings if f.check == check and f.severity in severities}


def test_references_are_resolved_by_doi_by_title_and_by_author_and_year(result):
    how = {(_name(r.doc), r.label): (r.source and _name(r.source), r.by) for r in result.references}
    assert how[WARD, "R1"] == ("safedose-trial.txt", "doi")
    assert how[WARD, "R2"] == ("pharmacist-survey.pdf", "title")  # title from the PDF's text
    assert how[WARD, "R3"] == ("safedose-costs.txt", "author-year")  # the entry's title differs
    assert how[PHARMACY, "1"] == ("safedose-trial.txt", "title")  # Vancouver style, no DOI
    assert how[PHARMACY, "2"] == ("pharmacist-survey.pdf", "title")
    assert how[WARD, "S1"] == (None, None) and how[PHARMACY, "S1"] == (None, None)


def test_every_planted_disagreement_with_a_cited_source_is_found(result):
    assert _found(result, "cited-source-conflict") == PLANTED


def test_agreeing_restatements_are_left_alone(result):
    for f in result.findings:
        if f.check in ("cited-source-conflict", "numeric-conflict", "not-in-cited-source"):
            figures = {f.values.get("claim_value"), f.values.get("evidence_value"),
                       *f.values.get("figures", ())}
            assert not {(_name(f.claim.doc), v) for v in figures} & AGREEING, f.message


def test_a_cited_source_conflict_names_the_reference_and_quotes_the_source(result):
    f = next(f for f in result.findings if f.check == "cited-source-conflict"
             and f.values["claim_value"] == "£6.5 million")
    assert f.severity == "high"
    assert "citing [R3]" in f.message and "safedose-costs.txt" in f.message
    assert '"Over three years the programme saved the NHS £4.5 million."' in f.message
    assert f.values["reference"] == "R3" and _name(f.values["source"]) == "safedose-costs.txt"
    assert _name(f.evidence[0].doc) == "safedose-costs.txt"
    # not found a second time, less sure, as a conflict with an unrelated document
    assert not any(f.check == "numeric-conflict" and f.values.get("claim_value") == "£6.5 million"
                   for f in result.findings)


def test_a_figure_the_cited_source_does_not_give_is_noted_low(result):
    notes = [f for f in result.findings if f.check == "not-in-cited-source"]
    assert [(n.severity, n.values["figures"]) for n in notes] == [("low", ["140"])]
    assert "[R1]" in notes[0].message and "140 GP practices" in notes[0].message


def test_resolutions_are_in_the_documents_metadata_for_reports(result):
    ward = next(d for d in result.documents if _name(d.id) == WARD)
    assert [(r["label"], r["by"]) for r in ward.meta["references"]] == [
        ("R1", "doi"), ("R2", "title"), ("R3", "author-year"), ("S1", None)]


def test_markdown_report_lists_the_references_found_in_the_corpus(result):
    from claimcheck.report import render

    text = render(result.findings, "markdown", documents=result.documents)
    assert "## References found in the corpus" in text
    assert "| R3 | safedose-costs.txt | author-year |" in text
    assert "| S1 | not found |  |" in text


# ---- reading references and papers ----------------------------------------------------

def test_first_author_title_and_author_year_markers():
    apa = "Bateman, A. & Fonagy, P. (2003). Health service utilization costs for borderline patients. Am J Psychiatry."
    assert first_author(apa) == "bateman"
    assert entry_title(apa) == "Health service utilization costs for borderline patients"
    assert first_author("Okafor N, Lindqvist M. SafeDose. J Ward Saf. 2013") == "okafor"
    found = author_year_citations("as shown (Okafor et al., 2013; Patel and Moreau 2011).")
    assert [key for key, _, _ in found] == [("okafor", 2013), ("patel", 2011)]


def test_a_paper_with_another_doi_is_not_matched_by_its_title():
    paper = describe(make_document("p.txt", "A trial of a bedside prescribing checklist on wards\n"
                                            "Okafor, N.\n2013 doi:10.5555/other.1\n"))
    entry = parse_entries("[R1] Okafor, N. (2013) A trial of a bedside prescribing checklist on wards. "
                          "doi:10.5555/jws.2013.0042\n")[0]
    assert resolve_entry(entry, [paper]) == (None, None)
    assert resolve_entry(parse_entries("[R1] Okafor, N. (2013) A trial of a bedside prescribing "
                                       "checklist on wards.\n")[0], [paper]) == ("p.txt", "title")


def test_two_papers_by_one_author_in_one_year_are_not_guessed_between():
    papers = [describe(make_document(f"p{i}.txt", f"Paper number {i} on checklists\nOkafor, N.\n2013\n"))
              for i in (1, 2)]
    entry = parse_entries("[R1] Okafor, N. (2013) Some other title altogether. Report.\n")[0]
    assert resolve_entry(entry, papers) == (None, None)


# ---- the user's map ---------------------------------------------------------------------

UNFINDABLE = textwrap.dedent("""\
    Impact case study: Safer prescribing

    2. Underpinning research

    The team's trial of the checklist enrolled 1,420 patients [R1].

    3. References to the research

    [R1] Internal evaluation, Northford NHS Trust.
    """)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_explicit_sources_map_links_a_reference_matching_cannot(tmp_path, embedder, fmt):
    statement = tmp_path / "statement.txt"
    statement.write_text(UNFINDABLE)
    papers = make_papers(tmp_path / "papers")
    doc = load_document(statement)
    assert [r.source for r in resolve(doc, [describe(load_document(p)) for p in papers.glob("*.txt")])] == [None]
    sources_map = tmp_path / f"map.{fmt}"
    sources_map.write_text('{"R1": "papers/safedose-trial.txt"}' if fmt == "json"
                           else "reference,file\nR1,papers/safedose-trial.txt\n")
    result = audit([str(statement)], [str(papers)], embedder=embedder, cache_dir=tmp_path / "cache",
                   sources_map=sources_map)
    assert [(r.label, _name(r.source), r.by) for r in result.references] == [("R1", "safedose-trial.txt", "map")]
    assert ("statement.txt", "1,420", "1,240") in _found(result, "cited-source-conflict")


def test_the_sources_map_option_joins_the_mapped_files_to_the_corpus(tmp_path):
    statement = tmp_path / "statement.txt"
    statement.write_text(UNFINDABLE)
    make_papers(tmp_path / "papers")
    (tmp_path / "map.json").write_text('{"R1": "papers/safedose-trial.txt"}')
    out = CliRunner().invoke(main, ["audit", str(statement), "--sources-map", str(tmp_path / "map.json"),
                                    "-f", "jsonl", "-q"])
    assert out.exit_code == 0, out.output
    findings = [json.loads(line) for line in out.stdout.splitlines()]
    assert any(f["check"] == "cited-source-conflict" and f["values"]["claim_value"] == "1,420" for f in findings)


def test_a_sources_map_naming_a_missing_file_is_refused(tmp_path):
    statement = tmp_path / "statement.txt"
    statement.write_text(UNFINDABLE)
    (tmp_path / "map.json").write_text('{"R1": "papers/nowhere.txt"}')
    out = CliRunner().invoke(main, ["audit", str(statement), "--sources-map", str(tmp_path / "map.json"), "-q"])
    assert out.exit_code == 2 and "nowhere.txt" in out.output and "no such file" in out.output


# ---- uncited documents stay secondary -------------------------------------------------------

def test_a_conflict_with_an_uncited_document_is_at_most_medium_and_needs_a_shared_name():
    assert grade(0.95, one_document=False, named=False) is None
    assert grade(0.95, one_document=False, named=True) == "medium"
    assert grade(0.95, one_document=True) == "high"


def test_uncited_documents_are_still_searched_but_held_lower(tmp_path, embedder):
    statement = tmp_path / "statement.txt"
    statement.write_text("The Quillfeather checklist was evaluated in 12 hospitals across the region.\n")
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "named.txt").write_text(
        "The Quillfeather checklist was evaluated in eight hospitals across the region.\n")
    (tmp_path / "papers" / "unnamed.txt").write_text(
        "A ward checklist was evaluated in eight hospitals across the region.\n")
    result = audit([str(statement)], [str(tmp_path / "papers")], embedder=embedder,
                   cache_dir=tmp_path / "cache")
    conflicts = [(f.severity, _name(f.evidence[0].doc)) for f in result.findings if f.check == "numeric-conflict"]
    assert conflicts and all(doc == "named.txt" and severity in ("medium", "low") for severity, doc in conflicts)
    assert not any(f.check == "cited-source-conflict" for f in result.findings)


# ---- the check on its own -----------------------------------------------------------------

def _evidence(embedder, claim_text, source_text, via="cited"):
    from claimcheck.claims import Claim
    from claimcheck.evidence import Evidence

    claim = Claim.from_dict({"text": claim_text, "doc": "statement.txt", "section": "research"})
    source = Claim.from_dict({"text": source_text, "doc": "papers/trial.txt", "section": "results"})
    vectors = embedder.embed([claim_text, source_text])
    return claim, [Evidence(source, float(vectors[0] @ vectors[1]), via, "R1")]


def _kinds(embedder, claim_text, source_text, via="cited"):
    from claimcheck.checks import Context
    from claimcheck.checks.cited import cited_source

    claim, evidence = _evidence(embedder, claim_text, source_text, via)
    return [(f.check, f.severity) for f in cited_source(claim, evidence, Context(embedder=embedder))]


def test_a_restated_figure_is_neither_a_conflict_nor_missing(embedder):
    assert _kinds(embedder, "The trial enrolled 1,240 patients [R1].", "The trial enrolled 1,240 patients.") == []


def test_a_sentence_that_only_inherits_its_paragraph_s_reference_is_not_noted_missing(embedder):
    text = "The team has since trained 300 nurses."
    assert _kinds(embedder, text, "The trial enrolled 1,240 patients.", via="attributed") == []
    assert _kinds(embedder, text, "The trial enrolled 1,240 patients.") == [("not-in-cited-source", "low")]


def test_a_year_at_odds_with_the_cited_source(embedder):
    assert ("cited-source-conflict", "medium") in _kinds(
        embedder, "The trial was first run in 2008 [R1].", "The trial was first run in 2010.")


def test_a_change_at_odds_with_the_cited_source(embedder):
    kinds = _kinds(embedder, "The checklist cut prescribing errors by 45% [R1].",
                   "The checklist cut prescribing errors by 31%.")
    assert ("cited-source-conflict", "high") in kinds or ("cited-source-conflict", "medium") in kinds


def test_resolutions_as_json_lines_are_marked_as_references(result):
    from claimcheck.report import references_jsonl

    records = [json.loads(line) for line in references_jsonl(result.documents).splitlines()]
    assert {r["type"] for r in records} == {"reference"} and len(records) == 7
    assert {"doc", "label", "list", "entry", "source", "by"} <= set(records[0])


def test_a_pdf_s_metadata_title_is_read_unless_it_names_a_file(tmp_path):
    from pypdf import PdfWriter

    for title, expected in (("Bedside checks of new prescriptions on medical wards", None),
                            ("Microsoft Word - draft3.docx", "")):
        writer = PdfWriter()
        writer.append(str(_pdf(tmp_path, ["Some first line that is not the title at all"])))
        writer.add_metadata({"/Title": title, "/Author": "Okafor, N."})
        path = tmp_path / "paper.pdf"
        with open(path, "wb") as handle:
            writer.write(handle)
        paper = describe(load_document(path))
        assert paper.title == (title if expected is None else "Some first line that is not the title at all")
        assert "okafor" in paper.authors


def _pdf(tmp_path, lines):
    path = tmp_path / "plain.pdf"
    path.write_bytes(minimal_pdf(lines))
    return path


def test_markers_are_read_in_any_section_but_the_lists():
    doc = make_document("s.md", "# Background\n\nThe trial enrolled 1,420 patients [R1].\n\n"
                                "# References\n\n[R1] Okafor, N. (2013) A trial. doi:10.5555/x.1\n")
    from claimcheck.claims import extract_claims
    from claimcheck.sources import Resolution, cited_sources

    claims = extract_claims(doc)
    found = cited_sources(doc, claims, [Resolution("s.md", "R1", "references", "...", "p.txt", "doi")])
    assert list(found.values()) == [(("R1", "p.txt", True),)]
