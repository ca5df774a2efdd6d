"""References and citations, and the shape of a REF3 case study: document-level checks.

- a citation marker with no entry in the reference or source list (medium);
- a listed reference that is never cited (low);
- "a 2015 trial [R2]" where R2 is dated 2012 (medium);
- DOIs that are malformed or truncated, values under "DOI:" that are no DOI (medium);
- the same reference listed twice (low);
- REF3 structure: the five sections present and in order, at most six references and
  ten sources, word counts against the indicative limits (low);
- the periods of the research and impact (see periods.py), a count against the list
  set out line by line below it (see enumeration.count_vs_list_below), and the amounts
  of the grants the lists name and any award out of line with the rest (see
  plausibility.document_amounts).
"""

import re
from collections import Counter
from claimcheck.checks.enumeration import count_vs_list_below
from claimcheck.checks.periods import period_checks
from claimcheck.checks.plausibility import document_amounts
from claimcheck.findings import Finding, Span
from claimcheck.parse.references import (
    DOI, citation_markers, dated_work_before, doi_problem, wrapped_doi, label_style, labelled_non_dois, parse_entries,
)
from claimcheck.parse.sentences import split_sentences

REF3_ORDER = ("summary", "research", "references", "details", "sources")
#: REF2021's indicative limits (guidance, not rules): words, and entries in the lists.
WORD_LIMITS = {"summary": 100, "research": 500, "details": 750}
MAX_REFERENCES, MAX_SOURCES = 6, 10
RUNNING = ("summary", "research", "details")

def _sentence_at(doc, offset):
    for s, e in split_sentences(doc.text, max(0, offset - 600), min(len(doc.text), offset + 600)):
        if s <= offset < e:
            return s, e
    return offset, offset


def _body(doc, section):
    """Where a section's text starts, after its heading."""
    at = doc.text.find(section.title, section.start, section.end)
    return at + len(section.title) if at >= 0 else section.start


def document_checks(doc, context=None, claims=None):
    """All document-level findings for one document (`context` gives the cost priors;
    `claims`, the document's claims if already extracted)."""
    sections = {s.name: s for s in doc.sections}
    findings = []
    lists = {name: parse_entries(doc.text[_body(doc, sections[name]):sections[name].end],
                                 _body(doc, sections[name]))
             for name in ("references", "sources") if name in sections}
    entries = [e for name in lists for e in lists[name]]
    markers = [m for name in RUNNING if name in sections
               for m in citation_markers(doc.text[sections[name].start:sections[name].end],
                                         sections[name].start)]
    if entries:
        findings += _unresolved(doc, markers, lists)
        findings += _never_cited(doc, markers, lists.get("references", []))
        findings += _dated_work(doc, markers, entries)
        findings += _duplicates(doc, entries)
    for name in lists:
        sec = sections[name]
        findings += _dois(doc, sec.start, sec.end)
    if sum(name in sections for name in REF3_ORDER) >= 3:
        findings += _structure(doc, sections, lists)
    priors = context.priors if context is not None else None
    return (findings + period_checks(doc) + list(count_vs_list_below(doc))
            + list(document_amounts(doc, priors, claims)))


def _numbered(labels, prefix):
    """N when the labels with this prefix run 1..N without a gap (and N >= 3), else None."""
    numbers = sorted(int(l[len(prefix):]) for l in labels
                     if label_style(l) == (prefix, False) and l[len(prefix):].isdigit())
    return numbers[-1] if len(numbers) >= 3 and numbers == list(range(1, len(numbers) + 1)) else None


def _unresolved(doc, markers, lists):
    """Markers citing a number past the end of a list whose numbering is complete. Lists
    are often unnumbered or labelled in ways a reader cannot see ("[7]" may be the
    seventh, unnumbered source), so only a gap that cannot be explained is reported."""
    labels = {e.label for entries in lists.values() for e in entries}
    for m in markers:
        missing = []
        for label in m.labels:
            prefix, pointed = label_style(label)
            if pointed or label in labels:
                continue
            ends = [_numbered({e.label for e in entries}, prefix) for entries in lists.values()]
            if prefix == "" and (len(lists) < 2 or None in ends):
                continue  # plain numbers: every list must be numbered to know
            top = max((n for n in ends if n), default=None)
            if top and int(label[len(prefix):]) > top:
                missing.append(label)
        if not missing:
            continue
        prefix = label_style(missing[0])[0]
        listed = sorted((l for l in labels if label_style(l)[0] == prefix),
                        key=lambda l: (len(l), l))
        s, e = _sentence_at(doc, m.start)
        yield Finding(
            "citation-without-entry", "medium",
            f"{m.text} cites {', '.join(missing)}, which no reference or source entry has "
            f"(listed: {', '.join(listed[:12])}).",
            Span.of_document(doc, s, e), (), {"marker": m.text, "missing": missing, "pair": str(m.start)},
        )


def _never_cited(doc, markers, references):
    cited = {l for m in markers for l in m.labels} | {l.split(".")[0] for m in markers for l in m.labels}
    ref_styles = {label_style(e.label)[0] for e in references}
    if not any(label_style(l)[0] in ref_styles for l in cited):
        return  # the text does not cite the list with markers at all
    for entry in references:
        if entry.label not in cited:
            yield Finding(
                "reference-never-cited", "low",
                f"Reference {entry.label} is listed but never cited in the text.",
                Span.of_document(doc, entry.start, entry.end), (), {"label": entry.label, "pair": str(entry.start)},
            )


def _dated_work(doc, markers, entries):
    """ "a 2015 trial [R2]": the marker right after the dated work, one entry it can be."""
    labels = Counter(e.label for e in entries)
    by_label = {e.label: e for e in entries}
    for m in markers:
        if len(m.labels) != 1 or labels[m.labels[0]] != 1:
            continue  # "[5]" in a document whose references and sources both have a 5
        entry = by_label[m.labels[0]]
        s, _ = _sentence_at(doc, m.start)
        dated = dated_work_before(doc.text, s, m.start)
        if dated is None or entry.year is None:
            continue
        phrase, year, start = dated
        if year != entry.year:
            yield Finding(
                "citation-year-mismatch", "medium",
                f'The text says "{phrase}" {m.text}, but {m.labels[0]} is dated {entry.year}.',
                Span.of_document(doc, start, m.end), (Span.of_document(doc, entry.start, entry.end),),
                {"text_year": year, "reference_year": entry.year, "pair": str(m.start)},
            )


#: An entry that stands in for a withheld one: "[text removed for publication]".
_PLACEHOLDER = re.compile(r"^\W*(?:\w+\W+){0,3}(?:removed|redacted|withheld|omitted)\b[\w\s]{0,40}\W*$",
                          re.IGNORECASE)


def is_placeholder(entry):
    """Whether a list entry is a redaction placeholder rather than a reference."""
    return bool(_PLACEHOLDER.match(entry.text))


def _duplicates(doc, entries):
    seen = {}
    for entry in entries:
        if is_placeholder(entry):
            continue  # two "[text removed for publication]" entries are not one reference
        keys = {d.lower().rstrip(".") for d, _, _ in entry.dois} or {
            re.sub(r"\W+", " ", entry.text.lower()).strip()[:120]}
        for key in sorted(keys):
            if len(key) < 20 and not key.startswith("10."):
                continue
            if key in seen and seen[key] is not entry:
                first = seen[key]
                yield Finding(
                    "duplicate-reference", "low",
                    f"Entries {first.label} and {entry.label} are the same reference.",
                    Span.of_document(doc, entry.start, entry.end), (Span.of_document(doc, first.start, first.end),),
                    {"labels": [first.label, entry.label], "pair": str(entry.start)},
                )
                break
            seen[key] = entry


def _dois(doc, start, end):
    text = doc.text[start:end]
    reported = set()
    for m in DOI.finditer(text):
        doi = wrapped_doi(text, m)
        problem = doi_problem(doi)
        if problem and doi.lower() not in reported:
            reported.add(doi.lower())
            yield Finding(
                "malformed-doi", "medium", f"DOI {doi} {problem}.",
                Span.of_document(doc, start + m.start(), start + m.end()), (), {"doi": doi, "pair": str(start + m.start())},
            )
    for value, s, e in labelled_non_dois(text, start):
        if value.lower() in reported:
            continue
        reported.add(value.lower())
        yield Finding(
            "malformed-doi", "medium", f'"{value}" is given as a DOI but is not one (a DOI starts 10.NNNN/).',
            Span.of_document(doc, s, e), (), {"doi": value, "pair": str(s)},
        )


def _heading(doc, section):
    at = doc.text.find(section.title, section.start, section.end)
    at = section.start if at < 0 else at
    return Span.of_document(doc, at, at + len(section.title))


def _structure(doc, sections, lists):
    """REF3 shape, as low notes, each pointing at the heading it concerns."""
    present = [s.name for s in doc.sections if s.name in REF3_ORDER]
    top = _heading(doc, doc.sections[0])
    missing = [name for name in REF3_ORDER if name not in present]
    notes = []
    if missing:
        notes.append((top, f"REF3 section(s) missing: {', '.join(missing)}."))
    elif present != list(REF3_ORDER):
        notes.append((top, f"REF3 sections are out of order: {', '.join(present)}."))
    for name, most in (("references", MAX_REFERENCES), ("sources", MAX_SOURCES)):
        if len(lists.get(name, [])) > most:
            notes.append((_heading(doc, sections[name]),
                          f"{len(lists[name])} {name} listed; REF3 allows at most {most}."))
    for span, note in notes:
        yield Finding("ref3-structure", "low", note, span, (), {"note": note, "pair": note})
    yield from _lengths(doc, sections)


def _lengths(doc, sections):
    """One note for all the sections over their indicative length, pointing at the first
    one's heading with the others' as evidence: a length is one thing to look at, not one
    finding a section."""
    over = []
    for name, limit in WORD_LIMITS.items():
        if name in sections:
            sec = sections[name]
            words = len(re.findall(r"\b\w[\w'’-]*\b", doc.text[sec.start:sec.end])) - len(sec.title.split())
            if words > limit * 1.1:
                over.append((sec, words, limit))
    if not over:
        return
    parts = [f'"{sec.title.strip()}" has {words} words (indicative limit {limit})'
             for sec, words, limit in over]
    noun = "section runs" if len(over) == 1 else "sections run"
    note = f"{len(over)} {noun} past the indicative length: {'; '.join(parts)}."
    spans = [_heading(doc, sec) for sec, _, _ in over]
    yield Finding("ref3-structure", "low", note, spans[0], tuple(spans[1:]),
                  {"note": note, "pair": "lengths",
                   "words": {sec.name: words for sec, words, _ in over}})
