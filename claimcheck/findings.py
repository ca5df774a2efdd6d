"""Findings: what a check found, with both spans and a plain reason."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from claimcheck.types import Severity

#: The severities' words, most severe first, and each one's rank (0 the most severe).
SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
#: What the severities mean, for reports that people read. Medium numeric conflicts on
#: real case studies that were read are mostly two things counted alike (README).
SEVERITY_LEGEND = ("High: the rule is sure. Medium: worth checking by eye; a medium numeric "
                   "conflict is a lead, often two different things counted alike. "
                   "Low: shown for completeness.")


@dataclass(frozen=True)
class Span:
    doc: str
    text: str
    start: int
    end: int
    score: float | None = None
    section: str = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"doc": self.doc, "text": self.text, "start": self.start, "end": self.end}
        if self.section:
            d["section"] = self.section
        if self.score is not None:
            d["score"] = round(float(self.score), 4)
        return d

    @classmethod
    def from_dict(cls, d: Any, where: str = "claim") -> Span:
        """A span from its JSON object; ValueError naming the field (`where`.start) if
        the object is not one."""
        _require(isinstance(d, dict), where, "must be an object")
        for key in ("doc", "text"):
            _require(isinstance(d.get(key), str), f"{where}.{key}", "must be text")
        for key in ("start", "end"):
            _require(type(d.get(key)) is int, f"{where}.{key}", "must be a whole number")
        score = d.get("score")
        _require(score is None or (isinstance(score, (int, float)) and not isinstance(score, bool)),
                 f"{where}.score", "must be a number")
        _require(isinstance(d.get("section", ""), str), f"{where}.section", "must be text")
        return cls(d["doc"], d["text"], d["start"], d["end"], score, d.get("section", ""))

    @classmethod
    def of_claim(cls, claim: Any, score: float | None = None) -> Span:
        """The span of a claim (or any sentence read as one)."""
        return cls(claim.doc, claim.text, claim.start, claim.end, score, claim.section)

    @classmethod
    def of_document(cls, doc: Any, start: int, end: int) -> Span:
        """The span of doc.text[start:end]."""
        return cls(doc.id, doc.text[start:end], start, end, None, doc.section_at(start))


#: A document offset in a finding's "pair" value ("812", "812-4410", "812:830"), and a
#: value made of offsets alone.
_OFFSET = re.compile(r"\d+")
_OFFSETS = re.compile(r"[\d,:;-]+")


def _within(spans: tuple[Span, ...], offset: int) -> str:
    """An offset named by the span that holds it and the distance from its start
    ("1+17": span 1, 17 characters in); as it is when no span holds it."""
    for i, span in enumerate(spans):
        if span.start <= offset < max(span.end, span.start + 1):
            return f"{i}+{offset - span.start}"
    return str(offset)


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    message: str
    claim: Span
    evidence: tuple[Span, ...] = ()
    values: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def id(self) -> str:
        """Stable across runs: the check and the texts involved, not their positions. The
        "pair" value, which tells apart findings on the same texts, names figures by their
        offsets in the document; they are taken from the start of the span that holds them,
        so that text added or removed before the finding leaves its id alone."""
        h = hashlib.sha1(f"{self.check}\0{self.claim.doc}\0{self.claim.text}".encode())
        for e in self.evidence:
            h.update(f"\0{e.doc}\0{e.text}".encode())
        if "pair" in self.values:
            pair, spans = str(self.values["pair"]), (self.claim, *self.evidence)
            if _OFFSETS.fullmatch(pair):  # not a note ("lengths", "Summary: 120 words over")
                pair = _OFFSET.sub(lambda m: _within(spans, int(m.group(0))), pair)
            h.update(repr([("pair", pair)]).encode())
        return f"f{h.hexdigest()[:12]}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "check": self.check, "severity": self.severity,
            "message": self.message, "claim": self.claim.to_dict(),
            "evidence": [e.to_dict() for e in self.evidence], "values": self.values,
        }

    @classmethod
    def from_dict(cls, d: Any) -> Finding:
        """A finding from its JSON object (to_dict's); ValueError naming the field that
        is missing or of the wrong kind, so that a crafted file cannot pass for one."""
        _require(isinstance(d, dict), "finding", "must be a JSON object")
        for key in ("check", "message"):
            _require(isinstance(d.get(key), str), key, "must be text")
        _require(d.get("severity") in SEVERITIES, "severity",
                 f"must be one of {', '.join(SEVERITIES)}, not {_shown(d.get('severity'))}")
        evidence = d.get("evidence", [])
        _require(isinstance(evidence, list), "evidence", "must be a list")
        values = d.get("values", {})
        _require(isinstance(values, dict), "values", "must be an object")
        return cls(d["check"], d["severity"], d["message"], Span.from_dict(d.get("claim")),
                   tuple(Span.from_dict(e, f"evidence[{i}]") for i, e in enumerate(evidence)), values)


def _require(ok: bool, field: str, problem: str) -> None:
    if not ok:
        raise ValueError(f'"{field}" {problem}')


def _shown(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 30 else text[:27] + "..."


def sort_key(finding: Finding) -> tuple[int, str, int, str]:
    return (SEVERITY_RANK.get(finding.severity, 9), finding.claim.doc, finding.claim.start,
            finding.check)
