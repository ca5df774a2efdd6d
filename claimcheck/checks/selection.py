"""Which findings a run keeps: a conflict once however it was found, and each figure's
strongest conflicts."""

from claimcheck.findings import SEVERITY_RANK

#: The most numeric conflicts shown for one figure (three: on the tuning split a cap of
#: two lost one planted conflict in 128 and saved no high or medium finding).
MAX_PER_FIGURE = 3


def strongest_per_figure(findings, used=None):
    """Keep, for each figure, its MAX_PER_FIGURE strongest conflicts. A figure at odds
    with several statements is one thing for an auditor to look at, shown with its best
    evidence; more than one lets a figure that is wrong against a restatement show that
    even when it also differs from other statements. `used` counts the conflicts each
    figure was given (by earlier groups too), and grows."""
    conflicts = [f for f in findings if f.check == "numeric-conflict"]
    conflicts.sort(key=lambda f: (SEVERITY_RANK[f.severity], -f.values.get("confidence", 0),
                                  -f.values.get("similarity", 0)))
    used = {} if used is None else used
    keep = set()
    for f in conflicts:
        a_pos, b_pos = f.values["pair"].split("-")
        figures = {(f.claim.doc, int(a_pos))} | {(e.doc, int(b_pos)) for e in f.evidence}
        if any(used.get(fig, 0) >= MAX_PER_FIGURE for fig in figures):
            continue
        for fig in figures:
            used[fig] = used.get(fig, 0) + 1
        keep.add(id(f))
    return [f for f in findings if f.check != "numeric-conflict" or id(f) in keep]


def dedupe_key(f):
    """A conflict between A and B is one finding, whichever side it was found from."""
    spans = frozenset([(f.claim.doc, f.claim.start)] + [(e.doc, e.start) for e in f.evidence])
    values = frozenset(str(v) for k, v in f.values.items() if k.endswith("_value"))
    return f.check, spans, values if values else f.values.get("pair")
