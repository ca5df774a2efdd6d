"""Passages as `lookup` shows them: wrapped to the terminal, figures marked, cited
sources labelled."""

import click

from claimcheck.errors import InputError


def _load_statement(path, reading):
    """The one document --statement names."""
    from claimcheck.io.documents import iter_documents

    docs = list(iter_documents([path], **reading))
    if len(docs) != 1:
        raise InputError(f"--statement names {len(docs)} documents, not one", path=path,
                         fix="give the one file the claim is from")
    return docs[0]


def _citation_notes(cited, statement):
    """One line for each reference a claim cites: the document it is, or why none."""
    from claimcheck.retrieve.sources import written

    for ref in cited:
        name = written(ref)
        if ref.source:
            yield f"{name} is {ref.source} (found by {ref.by}): its passages come first"
        elif ref.entry:
            yield (f"{name}: not found in the corpus"
                   + (" (name its file with --sources-map)" if statement else ""))
        elif statement:
            yield f"{name}: {statement} lists no reference {name}"
        else:
            yield f"{name}: give --statement FILE, the document the claim is from, to say what it cites"


def _show_hit(hit, as_json, query=None):
    from claimcheck.io.jsonl import dumps

    p = hit.passage
    if as_json:
        record = {"doc": p.doc, "start": p.start, "end": p.end, "score": round(hit.score, 4),
                  "verdict": hit.verdict, "reason": hit.reason, "text": p.text,
                  "cited_source": hit.cited is not None,
                  "reference": hit.cited.label if hit.cited else None,
                  "found_by": hit.cited.by if hit.cited else None}
        click.echo(dumps({"query": query, **record} if query is not None else record))
        return
    colour = {"agrees": "green", "conflicts": "red"}.get(hit.verdict)
    # "unrelated" in the terminal's own colour, dimmed: white is invisible on a light background
    verdict = (click.style(f"{hit.score:.3f}  {hit.verdict}", fg=colour, bold=True) if colour
               else click.style(f"{hit.score:.3f}  {hit.verdict}", dim=True))
    if hit.cited is not None:
        from claimcheck.retrieve.sources import written

        verdict += "  " + click.style(f"cited {written(hit.cited)}", fg="blue", bold=True)
    click.echo(verdict + f"  {p.doc} [{p.start}-{p.end}]  ({hit.reason})")
    import shutil

    width = shutil.get_terminal_size().columns
    click.echo("\n".join(_wrapped(p.text, hit.quantities, width, "    ")) + "\n")


def _wrapped(text, spans, width, indent):
    """`text` in lines of at most `width` characters after `indent`, broken between
    words (a word longer than a line stands alone), the `spans` highlighted."""
    import re

    room = max(20, width - len(indent) - 1)
    lines, start, end = [], None, None
    for word in re.finditer(r"\S+", text):
        if start is not None and word.end() - start > room:
            lines.append((start, end))
            start = None
        if start is None:
            start = word.start()
        end = word.end()
    if start is not None:
        lines.append((start, end))
    out = []
    for a, b in lines:
        inside = [(max(s, a) - a, min(e, b) - a) for s, e in spans if s < b and e > a]
        out.append(indent + _highlight(text[a:b].replace("\n", " "), inside))
    return out


def _highlight(text, spans):
    from claimcheck.report import mark_spans

    return mark_spans(text, spans, lambda t: click.style(t, bold=True, underline=True))
