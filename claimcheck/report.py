"""Findings to JSONL for machines, Markdown and a self-contained HTML page for people."""

import html
import json
from collections import Counter

from claimcheck.findings import SEVERITIES

FORMATS = ("jsonl", "markdown", "html")


def render(findings, fmt="markdown", *, title="claimcheck audit", summary=None):
    """The findings as text in one of FORMATS. `summary` adds lines under the title."""
    findings = list(findings)
    if fmt == "jsonl":
        return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in findings)
    if fmt == "markdown":
        return _markdown(findings, title, summary or [])
    if fmt == "html":
        return _html(findings, title, summary or [])
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def count_line(findings):
    by = Counter(f.severity for f in findings)
    docs = len({f.claim.doc for f in findings})
    parts = ", ".join(f"{by.get(s, 0)} {s}" for s in SEVERITIES)
    noun = "finding" if len(findings) == 1 else "findings"
    where = f" in {docs} document{'s' if docs != 1 else ''}" if findings else ""
    return f"{len(findings)} {noun}{where} ({parts})."


def _where(span):
    section = f", {span.section}" if span.section else ""
    score = f", similarity {span.score:.2f}" if span.score is not None else ""
    return f"{span.doc}{section}, characters {span.start}-{span.end}{score}"


def _markdown(findings, title, summary):
    lines = [f"# {title}", "", count_line(findings)]
    lines += [line for line in summary]
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
                  f"- **Claim** ({_where(f.claim)}):", f"  > {f.claim.text}"]
        for e in f.evidence:
            lines += [f"- **Evidence** ({_where(e)}):", f"  > {e.text}"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}table{border-collapse:collapse;width:100%;margin:1rem 0}
td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
.finding{border-left:6px solid #999;padding:.5rem 1rem;margin:1rem 0;background:#fafafa}
.high{border-color:#c0392b}.medium{border-color:#e67e22}.low{border-color:#7f8c8d}
.sev{font-weight:bold;text-transform:uppercase}blockquote{margin:.3rem 0 .6rem 1rem;color:#333}
.where{color:#666;font-size:.85rem}code{font-size:.85rem}
"""


def _html(findings, title, summary):
    e = html.escape
    rows = "".join(
        f"<tr><td class='sev'>{e(f.severity)}</td><td>{e(f.check)}</td>"
        f"<td><a href='#{f.id}'>{e(f.claim.text[:90])}</a></td></tr>"
        for f in findings
    )
    cards = []
    for f in findings:
        ev = "".join(
            f"<div class='where'>Evidence: {e(_where(s))}</div><blockquote>{e(s.text)}</blockquote>"
            for s in f.evidence
        )
        cards.append(
            f"<section class='finding {e(f.severity)}' id='{f.id}'>"
            f"<div><span class='sev'>{e(f.severity)}</span> · {e(f.check)} · <code>{f.id}</code></div>"
            f"<p>{e(f.message)}</p><div class='where'>Claim: {e(_where(f.claim))}</div>"
            f"<blockquote>{e(f.claim.text)}</blockquote>{ev}</section>"
        )
    extra = "".join(f"<p>{e(line)}</p>" for line in summary)
    table = (f"<table><tr><th>severity</th><th>check</th><th>claim</th></tr>{rows}</table>"
             if findings else "")
    return (
        f"<!doctype html><html lang='en'><meta charset='utf-8'><title>{e(title)}</title>"
        f"<style>{_CSS}</style><body><h1>{e(title)}</h1><p>{e(count_line(findings))}</p>"
        f"{extra}{table}{''.join(cards)}</body></html>\n"
    )
