"""What checks may need beyond a claim and its evidence (kept apart so that any check
module can take it without importing the package of checks)."""


class Context:
    """What checks may need beyond the claim and its evidence: the cost priors, and the
    embedder for comparing the words around two figures."""

    def __init__(self, priors=None, embedder=None):
        self._priors = priors
        self.embedder = embedder

    def similarities(self, pairs):
        """Cosine similarity of each (text, text) pair, all encoded in one batch; 0.0 for
        every pair without an embedder."""
        if self.embedder is None or not pairs:
            return [0.0] * len(pairs)
        vectors = self.embedder.embed([text for pair in pairs for text in pair])
        return [float(vectors[2 * i] @ vectors[2 * i + 1]) for i in range(len(pairs))]

    @property
    def priors(self):
        if self._priors is None:
            from claimcheck.checks import plausibility

            self._priors = plausibility.load_priors()
        return self._priors
