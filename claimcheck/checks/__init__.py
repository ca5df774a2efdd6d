"""Checks: claim + evidence -> findings. One module per family of checks.

Each check is a function `check(claim, evidence, context) -> iterable of Finding`.
Checks ask the quantity parser what numbers mean; they never re-parse text themselves.
"""

from claimcheck.checks import arithmetic, conflicts, enumeration, plausibility
from claimcheck.checks.context import Context

__all__ = ["CHECKS", "Context", "run_checks"]

CHECKS = {
    "numeric-conflict": conflicts.numeric_conflicts,
    "count-vs-list": enumeration.count_vs_list,
    "total-vs-parts": enumeration.total_vs_parts,
    "arithmetic": arithmetic.stated_change,
    "implausible-amount": plausibility.implausible_amount,
    "spurious-precision": plausibility.spurious_precision,
    "parts-and-wholes": plausibility.parts_and_wholes,
}


def run_checks(claim, evidence, context=None, only=None):
    """All findings for one claim, each check run once."""
    context = context or Context()
    findings = []
    for name, check in CHECKS.items():
        if only and name not in only:
            continue
        findings.extend(check(claim, evidence, context))
    return findings

