"""Small pieces both reports use: where a span stands, and references by the document
that cites them."""

from collections.abc import Iterable

from claimcheck.findings import Span


def where(span: Span) -> str:
    """Where a span stands, for people: document, section, characters, similarity."""
    section = f", {span.section}" if span.section else ""
    score = f", similarity {span.score:.2f}" if span.score is not None else ""
    return f"{span.doc}{section}, characters {span.start}-{span.end}{score}"


def by_citing_document(references: Iterable[dict]) -> list[tuple[str, list[dict]]]:
    """[(citing document id, its Resolution records)], in the order first met."""
    groups: dict[str, list[dict]] = {}
    for r in references:
        groups.setdefault(r["doc"], []).append(r)
    return list(groups.items())
