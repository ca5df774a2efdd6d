"""Checks: claim + evidence -> findings, and document -> findings. One module per family.

Checks are registered in claimcheck.checks.registry, each with the kinds of finding it
emits; other packages add theirs through the `claimcheck.checks` entry points. Checks ask
the quantity parser what numbers mean; they never re-parse text themselves.
"""

from claimcheck.checks import arithmetic, cited, conflicts, enumeration, plausibility, references
from claimcheck.checks.context import Context
from claimcheck.checks.registry import CHECKS, KINDS, checks_for, claim_check, document_check

__all__ = ["CHECKS", "KINDS", "Context", "claim_check", "document_check", "read_ahead",
           "run_checks", "run_document_checks"]

claim_check("numeric-conflict", {
    "numeric-conflict": ("one quantity stated twice with values that cannot both hold", "high, medium or low"),
    "stated-differently": ("one quantity given two different bounds that can both hold "
                           "(\"over 100\", \"more than 150\")", "low")})(
    conflicts.numeric_conflicts)
claim_check("count-vs-list", {
    "count-vs-list": ("a count above a list of another length (\"13 centres\" naming 12)", "medium")})(
    enumeration.count_vs_list)
claim_check("total-vs-parts", {
    "total-vs-parts": ("a total whose stated parts add up to something else", "high or medium")})(
    enumeration.total_vs_parts)
claim_check("arithmetic", {
    "arithmetic": ("a change whose stated size does not follow from its two ends", "high or medium")})(
    arithmetic.stated_change)
claim_check("implausible-amount", {
    "implausible-amount": ("an amount of money out of the range its kind of award or cost has", "high or medium")})(
    plausibility.implausible_amount)
claim_check("spurious-precision", {
    "spurious-precision": ("a large amount given to the penny, as typing or copying slips are", "low"),
    "share-over-100": ("a share of more than 100% of something that cannot exceed it", "high")})(
    plausibility.spurious_precision)
claim_check("parts-and-wholes", {
    "part-exceeds-whole": ("a part larger than its whole (\"500 of the 300 staff\")", "high"),
    "shares-over-100": ("shares of one whole that add up to more than 100%", "medium")})(
    plausibility.parts_and_wholes)
claim_check("cited-source", {
    "cited-source-conflict": ("a figure that the source its sentence cites gives otherwise", "high, medium or low"),
    "not-in-cited-source": ("a figure that the cited source, found in the corpus, does not give", "low")})(
    cited.cited_source)
document_check("document", {
    "citation-without-entry": ("a citation marker with no entry in the reference list", "medium"),
    "reference-never-cited": ("a reference that the text never cites", "low"),
    "citation-year-mismatch": ("a citation whose year differs from its reference's", "medium"),
    "duplicate-reference": ("the same reference listed twice", "low"),
    "malformed-doi": ("a DOI that does not have its publisher's shape", "medium"),
    "ref3-structure": ("a REF3 section missing, out of order or over its indicative length", "low"),
    "after-document-date": ("a date later than the document itself", "medium"),
    "outside-research-period": ("research dated outside the declared research period", "medium"),
    "outside-impact-period": ("impact dated outside the declared impact period", "medium"),
    "count-vs-list": ("", "medium"),
    "implausible-amount": ("", "high or medium"),
})(references.document_checks)


def _wanted(findings, kinds):
    return [f for f in findings if kinds is None or f.check in kinds]


def run_checks(claim, evidence, context=None, only=None, kinds=None):
    """All findings for one claim, each check run once: those of the checks named in
    `only` (if given), of the kinds in `kinds` (if given)."""
    context = context or Context()
    findings = []
    for check in checks_for("claim", kinds):
        if only and check.name not in only:
            continue
        findings.extend(check.run(claim, evidence, context))
    return _wanted(findings, kinds)


def read_ahead(claims, evidence, context, kinds=None):
    """What the checks of these claims would each work out alone, worked out in one batch
    (the reader's readings of figure pairs)."""
    if kinds is None or {"numeric-conflict", "stated-differently"} & set(kinds):
        conflicts.read_ahead(claims, evidence, context)


def run_document_checks(doc, context=None, claims=None, kinds=None):
    """All document-level findings for one document, of the kinds in `kinds` (if given)."""
    findings = []
    for check in checks_for("document", kinds):
        findings.extend(check.run(doc, context, claims))
    return _wanted(findings, kinds)
