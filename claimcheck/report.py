"""Findings to JSONL for machines, Markdown and a self-contained HTML page for people."""

import json
from collections import Counter

from claimcheck.findings import SEVERITIES, SEVERITY_LEGEND

FORMATS = ("jsonl", "markdown", "html")


def render(findings, fmt="markdown", *, title="claimcheck audit", summary=None, documents=(),
           generated=None):
    """The findings as text in one of FORMATS. `summary` adds lines under the title;
    `documents` give the HTML page the texts to highlight findings in; `generated` (a
    time, as text) is printed on the HTML page, which otherwise depends only on its input."""
    findings = list(findings)
    if fmt == "jsonl":
        return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in findings)
    if fmt == "markdown":
        return _markdown(findings, title, summary or [])
    if fmt == "html":
        from claimcheck.html_report import render_html

        return render_html(findings, title, summary or [], documents, generated)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def mark_spans(text, spans, mark, plain=str):
    """`text` with each of the (start, end) spans passed through `mark` and the rest
    through `plain`; a span overlapping an earlier one is left unmarked."""
    out, pos = [], 0
    for start, end in sorted(set(spans)):
        if start >= pos:
            out += [plain(text[pos:start]), mark(text[start:end])]
            pos = end
    out.append(plain(text[pos:]))
    return "".join(out)


def count_line(findings):
    by = Counter(f.severity for f in findings)
    docs = len({f.claim.doc for f in findings})
    parts = ", ".join(f"{by.get(s, 0)} {s}" for s in SEVERITIES)
    noun = "finding" if len(findings) == 1 else "findings"
    where = f" in {docs} document{'s' if docs != 1 else ''}" if findings else ""
    return f"{len(findings)} {noun}{where} ({parts})."


def where(span):
    """Where a span stands, for people: document, section, characters, similarity."""
    section = f", {span.section}" if span.section else ""
    score = f", similarity {span.score:.2f}" if span.score is not None else ""
    return f"{span.doc}{section}, characters {span.start}-{span.end}{score}"


def _markdown(findings, title, summary):
    lines = [f"# {title}", "", count_line(findings)]
    lines += [line for line in summary]
    if findings:
        lines += ["", SEVERITY_LEGEND]
    lines.append("")
    if findings:
        lines += ["| severity | check | claim | id |", "|---|---|---|---|"]
        for f in findings:
            text = " ".join(f.claim.text.split())
            short = text if len(text) <= 70 else text[:67] + "..."
            lines.append(f"| {f.severity} | {f.check} | {short.replace('|', '/')} | `{f.id}` |")
        lines.append("")
    for f in findings:
        lines += [f"## {f.severity.upper()} · {f.check} · `{f.id}`", "", f.message, "",
                  f"- **Claim** ({where(f.claim)}):", f"  > {f.claim.text}"]
        for e in f.evidence:
            lines += [f"- **Evidence** ({where(e)}):", f"  > {e.text}"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
