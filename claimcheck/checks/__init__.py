"""Checks: claim + evidence -> findings. One module per family of checks.

Each check is a function `check(claim, evidence, context) -> iterable of Finding`.
Checks ask the quantity parser what numbers mean; they never re-parse text themselves.
"""

from claimcheck.checks import arithmetic, conflicts, enumeration, plausibility

CHECKS = {
    "numeric-conflict": conflicts.numeric_conflicts,
    "count-vs-list": enumeration.count_vs_list,
    "total-vs-parts": enumeration.total_vs_parts,
    "arithmetic": arithmetic.stated_change,
    "implausible-amount": plausibility.implausible_amount,
    "spurious-precision": plausibility.spurious_precision,
    "parts-and-wholes": plausibility.parts_and_wholes,
}


class Context:
    """What checks may need beyond the claim and its evidence: the cost priors, and the
    embedder for comparing the words around two figures."""

    def __init__(self, priors=None, embedder=None):
        self._priors = priors
        self.embedder = embedder

    def similarity(self, a, b):
        """Cosine similarity of two short texts, or None without an embedder."""
        if self.embedder is None:
            return None
        vectors = self.embedder.embed([a, b])
        return float(vectors[0] @ vectors[1])

    @property
    def priors(self):
        if self._priors is None:
            self._priors = plausibility.load_priors()
        return self._priors


def run_checks(claim, evidence, context=None, only=None):
    """All findings for one claim, each check run once."""
    context = context or Context()
    findings = []
    for name, check in CHECKS.items():
        if only and name not in only:
            continue
        findings.extend(check(claim, evidence, context))
    return findings

