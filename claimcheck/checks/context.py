"""What checks may need beyond a claim and its evidence (kept apart so that any check
module can take it without importing the package of checks)."""

from collections import Counter, defaultdict

from claimcheck.config import bundled_model_path
from claimcheck.parse.relations import PART_OF_NEXT
from claimcheck.parse.statements import names

#: A name given by at most this many documents, or this share of them, is rare.
RARE_NAME_DOCS, RARE_NAME_SHARE = 2, 0.02


class Context:
    """What checks may need beyond the claim and its evidence: the cost priors, the
    embedder for comparing the words around two figures, how often each document counts
    each thing, and how many documents give each name."""

    def __init__(self, priors=None, embedder=None):
        self._priors = priors
        self.embedder = embedder
        self._mentions = {}
        self._names, self._name_docs = {}, Counter()
        self.reader = None  # reader.Reader, loaded when first needed
        self._read = {}  # (window, window) -> the reader's probability
        self.ahead = {}  # what a check worked out ahead for a claim, by (claim, evidence) ids

    def similarities(self, pairs):
        """Cosine similarity of each (text, text) pair, all encoded in one batch; 0.0 for
        every pair without an embedder."""
        if self.embedder is None or not pairs:
            return [0.0] * len(pairs)
        vectors = self.embedder.embed([text for pair in pairs for text in pair])
        return [float(vectors[2 * i] @ vectors[2 * i + 1]) for i in range(len(pairs))]

    def readings(self, pairs):
        """The reader's probability (reader.py) that each (window, window) pair is one
        quantity; 0.5 for every pair without an embedder. A pair is read in one order
        whichever comes first, and once: what is not yet known is read in one batch."""
        if self.embedder is None or not pairs:
            return [0.5] * len(pairs)
        keys = [tuple(sorted(pair)) for pair in pairs]
        missing = sorted(set(keys) - self._read.keys())
        if missing:
            if self.reader is None:
                from claimcheck.checks import reader

                backend = getattr(self.embedder, "backend", "")
                self.reader = reader.load(bundled_model_path(), bf16=backend == "torch-bf16")
            self._read.update(zip(missing, self.reader.probabilities(missing)))
        return [self._read[key] for key in keys]

    def count_mentions(self, claims):
        """Learn, for each document among the claims' (all its claims being given), how
        many figures count each thing and which names it gives. A document already known
        is counted afresh. "29 of the 32 authorities" is one mention of authorities: the
        part is said of the whole beside it."""
        by_doc, names_of = defaultdict(Counter), defaultdict(set)
        for claim in claims:
            for q in claim.numeric:
                if PART_OF_NEXT not in q.scope:
                    by_doc[claim.doc][q.counts] += 1
            names_of[claim.doc].update(names(claim.text))
        self._mentions.update(by_doc)
        for doc, found in names_of.items():
            self._name_docs.subtract(self._names.get(doc, ()))
            self._name_docs.update(found)
            self._names[doc] = found

    def rare_name(self, name):
        """Whether a name (lower case) is given by few of the documents known: "Nanoco"
        ties two case studies together, "UK" or "University" does not."""
        return self._name_docs[name] <= max(RARE_NAME_DOCS, RARE_NAME_SHARE * len(self._names))

    def mentions(self, claim, q):
        """How many figures in claim's document count what q counts (0 if unknown)."""
        return self._mentions.get(claim.doc, {}).get(q.counts, 0)

    @property
    def priors(self):
        if self._priors is None:
            from claimcheck.checks import plausibility

            self._priors = plausibility.load_priors()
        return self._priors
