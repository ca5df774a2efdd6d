"""Dated events outside the period they belong to: impact dated after the declared impact
window, the unit's underpinning research dated before the declared research window, and
events dated after the document's own date."""

import re

from claimcheck.findings import Finding, Span
from claimcheck.io.documents import declared_periods
from claimcheck.parse.quantities import parse_quantities
from claimcheck.parse.sentences import split_sentences

#: Wording that looks ahead ("will run until 2023") is a plan, not an impact that occurred.
_FUTURE = re.compile(r"\b(?:will|shall|planned|plans?|due|expected|scheduled|until|forthcoming|"
                     r"going to|aims? to|intends?|proposed|forecast|projected|by)\b", re.IGNORECASE)
#: Wording that makes a sentence about the unit's own research, not background.
_OWN_RESEARCH = re.compile(r"\b(?:the team|our|we|the group|researchers at|the unit|"
                           r"(?:team|group|researchers) (?:at|from|in)|published|conducted|developed|"
                           r"showed|demonstrated|led by)\b", re.IGNORECASE)


def _sentences(doc, section):
    return [(s, e) for sec in doc.sections if sec.name == section
            for s, e in split_sentences(doc.text, sec.start, sec.end)]


def period_checks(doc):
    periods = declared_periods(doc)
    findings = []
    if "impact" in periods:
        (first, last), hs, he = periods["impact"]
        for section in ("summary", "details"):
            for s, e in _sentences(doc, section) if last else ():
                sentence = doc.text[s:e]
                late = [q for q in parse_quantities(sentence, s) if q.kind == "year" and q.low > last]
                if late and not _FUTURE.search(sentence):
                    q = late[0]
                    findings.append(Finding(
                        "outside-impact-period", "medium",
                        f"Impact dated {q.text}, after the declared impact period {first}-{last}.",
                        Span.of_document(doc, s, e), (Span.of_document(doc, hs, he),),
                        {"year": q.text, "period": [first, last], "pair": str(q.start)}))
    if "research" in periods:
        (first, last), hs, he = periods["research"]
        for s, e in _sentences(doc, "research"):
            sentence = doc.text[s:e]
            early = [q for q in parse_quantities(sentence, s) if q.kind == "year" and q.high < first]
            if early and _OWN_RESEARCH.search(sentence):
                q = early[0]
                findings.append(Finding(
                    "outside-research-period", "medium",
                    f"Underpinning research dated {q.text}, before the declared research period "
                    f"{first}-{last or 'present'}.",
                    Span.of_document(doc, s, e), (Span.of_document(doc, hs, he),),
                    {"year": q.text, "period": [first, last], "pair": str(q.start)}))
    if "document" in periods:
        (year, _), hs, he = periods["document"]
        for section in ("summary", "research", "details"):
            for s, e in _sentences(doc, section):
                sentence = doc.text[s:e]
                later = [q for q in parse_quantities(sentence, s) if q.kind == "year" and q.low > year]
                if later and not _FUTURE.search(sentence):
                    findings.append(Finding(
                        "after-document-date", "medium",
                        f"Event dated {later[0].text}, after the document's own date ({year}).",
                        Span.of_document(doc, s, e), (Span.of_document(doc, hs, he),),
                        {"year": later[0].text, "document_year": year, "pair": str(later[0].start)}))
    return findings
