"""Helpers for the tests of checks: the findings of a few paragraphs, audited as one
document."""

from claimcheck.io.documents import make_document
from claimcheck.parse.claims import extract_claims
from claimcheck.pipeline import check_claims


def findings_for(embedder, *paragraphs, check=None):
    doc = make_document("doc.txt", "\n\n".join(paragraphs))
    found = check_claims(extract_claims(doc), embedder)
    return [f for f in found if check is None or f.check == check]


def doc_findings(text, check):
    from claimcheck.checks.references import document_checks

    return [f for f in document_checks(make_document("case.txt", text)) if f.check == check]
