"""A claim against the sources it cites.

A sentence that cites a reference found in the corpus ("[R1]", "(Smith et al., 2012)",
or a marker of its paragraph) has every quantity-bearing sentence of that document as
evidence (evidence.gather_evidence, via "cited" or "attributed"). Two kinds of finding:

- `cited-source-conflict`: the claim and its source give one quantity different values.
  The decision is numeric_conflicts', the one made inside a document, and it is graded as
  inside a document: the case study vouches for what it cites, so its source is read as
  part of it (not as an unrelated document, whose conflicts need a shared rare name and
  are taken a grade lower). The source's sentences are put to numeric_conflicts as if in
  the claim's document, in a section of their own (so they are never read as the same
  section, the summary, or rows of one table), and what it finds is reported against the
  real sentence, naming the reference and quoting the source.
- `not-in-cited-source` (low): a figure of a sentence that carries a marker, when no
  sentence of the cited documents gives a figure of its kind and unit for the thing it
  counts, nor its value: a figure to verify by hand.
"""

from dataclasses import replace
from pathlib import Path

from claimcheck.checks import conflicts
from claimcheck.checks.conflicts import conclusion, numeric_conflicts
from claimcheck.checks.describe import place, quantity_phrase, says
from claimcheck.checks.matching import fit
from claimcheck.checks.sameness import KINDS, is_generic
from claimcheck.findings import SEVERITY_RANK, Finding, Span

#: The most conflicts reported for one figure of a claim against its sources.
MAX_PER_FIGURE = 2
CITED = conflicts.CITED


def marker(label):
    """A reference's label as a reader finds it in the text: "[R1]", "[3]"."""
    return f"[{label}]"


def source_name(doc_id):
    return Path(doc_id.split("#", 1)[0]).name or doc_id


def cited_source(claim, evidence, context=None):
    cited = [ev for ev in evidence if ev.via in CITED]
    if not cited:
        return []
    return list(_conflicts(claim, cited, context)) + list(_unsupported(claim, cited))


def _as_own(claim, ev):
    """The evidence sentence as if it stood in the claim's document, in its own section."""
    return replace(ev, claim=replace(ev.claim, doc=claim.doc,
                                     section=f"{claim.section} (cited source {ev.reference})"))


def _conflicts(claim, cited, context):
    own = [_as_own(claim, ev) for ev in cited]
    original = {(ev.claim.start, ev.claim.end, ev.claim.text): ev for ev in cited}
    found = []
    for f in numeric_conflicts(claim, own, context):
        if f.check != "numeric-conflict":
            continue  # bounds stated differently: not a conflict with the source
        spans = [original.get((e.start, e.end, e.text)) for e in f.evidence]
        if not spans or None in spans:
            continue
        found.append((f, spans[0]))
    found.sort(key=lambda pair: (SEVERITY_RANK[pair[0].severity], -pair[0].values.get("confidence", 0)))
    per_figure = {}
    for f, ev in found:
        figure = f.values.get("claim_value", f.message)
        per_figure[figure] = per_figure.get(figure, 0) + 1
        if per_figure[figure] <= MAX_PER_FIGURE:
            yield _finding(claim, ev, f)


def _phrase(sentence, value):
    """The quantity of `sentence` written `value`, as a phrase with what it counts."""
    q = next((q for q in sentence.numeric if q.text == value), None)
    return quantity_phrase(q) if q is not None else value


def _finding(claim, ev, found):
    values = dict(found.values)
    mine, theirs = values.get("claim_value", "a figure"), values.get("evidence_value", "another")
    source = source_name(ev.claim.doc)
    confidence = values.get("confidence")
    verdict = "the claim and its source cannot both hold"
    ending = conclusion(found.severity, confidence, verdict) if isinstance(confidence, (int, float)) \
        else f"Taken as one quantity, {verdict}."
    label = marker(ev.reference)
    message = (f"{says(place(claim), opening=True)} {_phrase(claim, mine)}, citing {label}; "
               f"{label} ({source}) says {_phrase(ev.claim, theirs)}: "
               f"\"{' '.join(ev.claim.text.split())}\" {ending}")
    values.update(reference=ev.reference, source=ev.claim.doc, attributed=ev.via == "attributed")
    return Finding("cited-source-conflict", found.severity, message, found.claim,
                   (Span.of_claim(ev.claim, ev.score),), values)


def _stated(q, sentences):
    """Whether a sentence of the source gives a figure comparable with q: of its kind and
    unit, for the same counted thing (or any share, when q names no whole), or q's value."""
    for sentence in sentences:
        for other in sentence.numeric:
            if other.kind != q.kind or other.unit != q.unit:
                continue
            if fit(q, other) or (q.head and other.head == q.head) or (q.kind == "percent" and not q.head):
                return True
    return False


def _unsupported(claim, cited):
    explicit = [ev for ev in cited if ev.via == "cited"]
    if not explicit:
        return
    sentences = [ev.claim for ev in explicit]
    missing = [q for q in claim.numeric if q.kind in KINDS and not (q.kind == "count" and is_generic(q.head))
               and not _stated(q, sentences)]
    if not missing:
        return
    labels = ", ".join(dict.fromkeys(marker(ev.reference) for ev in explicit))
    sources = ", ".join(dict.fromkeys(source_name(ev.claim.doc) for ev in explicit))
    figures = "; ".join(quantity_phrase(q) for q in missing)
    yield Finding(
        "not-in-cited-source", "low",
        f"The sentence cites {labels}, found in the corpus ({sources}), but no sentence there "
        f"gives a figure like {figures}: verify {'it' if len(missing) == 1 else 'them'} by hand.",
        Span.of_claim(claim), (),
        {"reference": labels, "source": sources, "figures": [q.text for q in missing],
         "pair": ",".join(str(q.start) for q in missing)},
    )


def superseded(findings):
    """The findings less numeric conflicts that a cited-source conflict reports between
    the same two sentences (found again, less sure, as a conflict across documents)."""
    cited = {(f.claim.doc, f.claim.start, e.doc, e.start) for f in findings
             if f.check == "cited-source-conflict" for e in f.evidence}
    return [f for f in findings if f.check != "numeric-conflict"
            or not any((f.claim.doc, f.claim.start, e.doc, e.start) in cited
                       or (e.doc, e.start, f.claim.doc, f.claim.start) in cited for e in f.evidence)]
