"""Findings to JSONL and CSV for machines and spreadsheets, Markdown and a self-contained
HTML page for people."""

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from claimcheck.findings import SEVERITIES, SEVERITY_LEGEND, Finding
from claimcheck.io.documents import Document
from claimcheck.report.parts import by_citing_document, where

FORMATS = ("jsonl", "csv", "markdown", "html")


def render(findings: Iterable[Finding], fmt: str = "markdown", *, title: str = "claimcheck audit",
           summary: Sequence[str] | None = None, documents: Iterable[Document] = (),
           generated: str | None = None, references: Sequence[dict] | None = None) -> str:
    """The findings as text in one of FORMATS. `summary` adds lines under the title;
    `documents` give the HTML page the texts to highlight findings in; `generated` (a
    time, as text) is printed on the HTML page, which otherwise depends only on its input.
    `references` (Resolution records, see docs/formats.md; by default those an audit
    left in the documents' meta["references"]) are listed by the Markdown and HTML
    reports; JSONL and CSV hold findings only."""
    findings = list(findings)
    documents = list(documents)
    if fmt == "jsonl":
        return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in findings)
    if fmt == "csv":
        return _csv(findings, documents)
    if references is None:
        references = references_of(documents)
    if fmt == "markdown":
        return _markdown(findings, title, summary or [], documents, references)
    if fmt == "html":
        from claimcheck.report.html import render_html

        return render_html(findings, title, summary or [], documents, generated, references=references)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def mark_spans(text: str, spans: Iterable[tuple[int, int]], mark: Callable[[str], str],
               plain: Callable[[str], str] = str) -> str:
    """`text` with each of the (start, end) spans passed through `mark` and the rest
    through `plain`; a span overlapping an earlier one is left unmarked."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(set(spans)):
        if start >= pos:
            out += [plain(text[pos:start]), mark(text[start:end])]
            pos = end
    out.append(plain(text[pos:]))
    return "".join(out)


def count_line(findings: Sequence[Finding]) -> str:
    by = Counter(f.severity for f in findings)
    docs = len({f.claim.doc for f in findings})
    parts = ", ".join(f"{by.get(s, 0)} {s}" for s in SEVERITIES)
    noun = "finding" if len(findings) == 1 else "findings"
    where = f" in {docs} document{'s' if docs != 1 else ''}" if findings else ""
    return f"{len(findings)} {noun}{where} ({parts})."


def _markdown(findings: list[Finding], title: str, summary: Sequence[str],
              documents: Sequence[Document] = (), references: Sequence[dict] = ()) -> str:
    """One table and the findings in full; grouped by document, each under its title,
    institution and id with a count line, when they come from more than one."""
    lines = [f"# {title}", "", count_line(findings)]
    lines += [line for line in summary]
    if findings:
        lines += ["", SEVERITY_LEGEND]
    lines.append("")
    groups = _by_document(findings)
    if len(groups) <= 1:
        lines += _table(findings) + _details(findings, "##")
    else:
        docs = {d.id: d for d in documents}
        for doc_id, found in groups:
            lines += [f"## {document_label(doc_id, docs.get(doc_id))}", "", count_line(found), ""]
            lines += _table(found) + _details(found, "###")
    lines += references_section(references, documents)
    return "\n".join(lines).rstrip() + "\n"


def references_of(documents: Iterable[Document]) -> list[dict]:
    """The Resolution records an audit left in the documents' meta["references"]."""
    return [r for doc in documents for r in doc.meta.get("references") or ()]


def references_jsonl(documents: Iterable[Document]) -> str:
    """One JSON object a line ({"type": "reference", ...}, see docs/formats.md) for each
    entry of the documents' lists that an audit looked for in a corpus."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in references_of(documents))


def references_section(references: Iterable[dict], documents: Iterable[Document] = ()) -> list[str]:
    """Markdown lines: for each document whose lists were looked for in a corpus, each
    entry and the corpus document it names."""
    docs = {d.id: d for d in documents}
    lines: list[str] = []
    for doc_id, found in by_citing_document(references):
        named = sum(1 for r in found if r["source"])
        lines += [f"## References found in the corpus: {document_label(doc_id, docs.get(doc_id))}", "",
                  f"{named} of {len(found)} entries found.", "",
                  "| reference | corpus document | how | entry |", "|---|---|---|---|"]
        for r in found:
            entry = r["entry"] if len(r["entry"]) <= 80 else r["entry"][:77] + "..."
            source = r["source"].rsplit("/", 1)[-1] if r["source"] else "not found"
            lines.append(f"| {r['label']} | {source} | {r['by'] or ''} | {entry.replace('|', '/')} |")
        lines.append("")
    return lines


def _by_document(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """[(document id, its findings)] in the order the documents first occur."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.claim.doc, []).append(f)
    return list(groups.items())


def document_label(doc_id: str, doc: Document | None = None) -> str:
    """A document as an office names it: "Title (Institution, id)", or its id alone."""
    meta = doc.meta if doc is not None else {}
    title, institution = str(meta.get("Title") or ""), str(meta.get("Institution") or "")
    if not title:
        return doc_id
    return f"{title} ({', '.join(x for x in (institution, doc_id) if x)})"


def _table(findings: list[Finding]) -> list[str]:
    if not findings:
        return []
    lines = ["| severity | check | claim | id |", "|---|---|---|---|"]
    for f in findings:
        text = " ".join(f.claim.text.split())
        short = text if len(text) <= 70 else text[:67] + "..."
        lines.append(f"| {f.severity} | {f.check} | {short.replace('|', '/')} | `{f.id}` |")
    return lines + [""]


def _details(findings: list[Finding], level: str) -> list[str]:
    lines: list[str] = []
    for f in findings:
        lines += [f"{level} {f.severity.upper()} · {f.check} · `{f.id}`", "", f.message, "",
                  f"- **Claim** ({where(f.claim)}):", f"  > {f.claim.text}"]
        for e in f.evidence:
            lines += [f"- **Evidence** ({where(e)}):", f"  > {e.text}"]
        lines.append("")
    return lines


#: The columns of the CSV report, one row a finding.
CSV_COLUMNS = ("document", "title", "institution", "section", "severity", "check",
               "claim_value", "evidence_value", "claim", "evidence_document", "evidence",
               "message", "id", "claim_start", "claim_end")
#: A cell a spreadsheet would read as a formula starts with one of these.
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A value as a spreadsheet shows it and never runs it: a text that a spreadsheet
    would take for a formula ("=HYPERLINK(...)", "-2+3") is given a leading apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) or (text.startswith("-") and not _is_number(text)):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "").rstrip("%"))
    except ValueError:
        return False
    return True


def _csv(findings: list[Finding], documents: Iterable[Document] = ()) -> str:
    """One row a finding, for spreadsheets: UTF-8 with a byte-order mark (so Excel reads
    it as UTF-8), every cell quoted, rows ended by CRLF as RFC 4180 says."""
    docs = {d.id: d for d in documents}
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for f in findings:
        meta = docs[f.claim.doc].meta if f.claim.doc in docs else {}
        first = f.evidence[0] if f.evidence else None
        row = (f.claim.doc, meta.get("Title", ""), meta.get("Institution", ""), f.claim.section,
               f.severity, f.check, f.values.get("claim_value", ""),
               f.values.get("evidence_value", ""), " ".join(f.claim.text.split()),
               first.doc if first else "", " ".join(first.text.split()) if first else "",
               f.message, f.id, f.claim.start, f.claim.end)
        writer.writerow([_cell(v) for v in row])
    return "\ufeff" + out.getvalue()
