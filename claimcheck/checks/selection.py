"""Which findings a run keeps: a conflict once however it was found, and each figure's
strongest conflicts."""

from __future__ import annotations

from typing import Hashable

from claimcheck.findings import SEVERITY_RANK, Finding
from claimcheck.types import Pair

#: A figure: the document and the character offset it starts at.
Figure = tuple[str, int]

#: The most numeric conflicts shown for one figure (three: on the tuning split a cap of
#: two lost one planted conflict in 128 and saved no high or medium finding).
MAX_PER_FIGURE = 3


def strongest_per_figure(findings: list[Finding],
                         used: dict[Figure, int] | None = None) -> list[Finding]:
    """Keep, for each figure, its MAX_PER_FIGURE strongest conflicts. A figure at odds
    with several statements is one thing for an auditor to look at, shown with its best
    evidence; more than one lets a figure that is wrong against a restatement show that
    even when it also differs from other statements. `used` counts the conflicts each
    figure was given (by earlier groups too), and grows."""
    conflicts = [f for f in findings if f.check == "numeric-conflict"]
    conflicts.sort(key=lambda f: (SEVERITY_RANK[f.severity], -f.values.get("confidence", 0),
                                  -f.values.get("similarity", 0)))
    used = {} if used is None else used
    keep: set[int] = set()
    for f in conflicts:
        first, second = Pair.parse(f.values["pair"])
        if second is None:
            raise ValueError(f"a numeric conflict names two figures, not {f.values['pair']!r}")
        figures = {(f.claim.doc, first)} | {(e.doc, second) for e in f.evidence}
        if any(used.get(fig, 0) >= MAX_PER_FIGURE for fig in figures):
            continue
        for fig in figures:
            used[fig] = used.get(fig, 0) + 1
        keep.add(id(f))
    return [f for f in findings if f.check != "numeric-conflict" or id(f) in keep]


def dedupe_key(f: Finding) -> tuple[str, frozenset[tuple[str, int]], Hashable]:
    """A conflict between A and B is one finding, whichever side it was found from."""
    spans = frozenset([(f.claim.doc, f.claim.start)] + [(e.doc, e.start) for e in f.evidence])
    values = frozenset(str(v) for k, v in f.values.items() if k.endswith("_value"))
    return f.check, spans, values if values else f.values.get("pair")
