"""claimcheck: audit documents for numerical claims that do not hold together, offline.

The public API, importable from here; each name is imported on first use, so that
`import claimcheck` stays quick (no model, FAISS or torch until a name needs them)::

    from claimcheck import Embedder, audit, load_documents, render
"""

from typing import TYPE_CHECKING, Any

from claimcheck.errors import ClaimcheckError, IndexMismatchError, InputError
from claimcheck.version import __version__

#: Each public name and the module that defines it.
_PUBLIC = {
    "Document": "claimcheck.io.documents",
    "load_document": "claimcheck.io.documents",
    "make_document": "claimcheck.io.documents",
    "load_documents": "claimcheck.io.documents",
    "iter_documents": "claimcheck.io.documents",
    "Quantity": "claimcheck.parse.quantity",
    "parse_quantities": "claimcheck.parse.quantities",
    "Claim": "claimcheck.parse.claims",
    "extract_claims": "claimcheck.parse.claims",
    "Embedder": "claimcheck.retrieve.embeddings",
    "PassageIndex": "claimcheck.retrieve.index",
    "Context": "claimcheck.checks.context",
    "claim_check": "claimcheck.checks.registry",
    "document_check": "claimcheck.checks.registry",
    "load_priors": "claimcheck.checks.plausibility",
    "Finding": "claimcheck.findings",
    "Span": "claimcheck.findings",
    "render": "claimcheck.report",
    "Severity": "claimcheck.types",
    "AuditResult": "claimcheck.pipeline",
    "audit": "claimcheck.pipeline",
    "audit_claims": "claimcheck.pipeline",
    "build_index": "claimcheck.retrieve.build",
    "check_claims": "claimcheck.pipeline",
    "lookup": "claimcheck.pipeline",
}

__all__ = ["__version__", "ClaimcheckError", "InputError", "IndexMismatchError", *_PUBLIC]

if TYPE_CHECKING:
    from claimcheck.checks.context import Context
    from claimcheck.checks.plausibility import load_priors
    from claimcheck.checks.registry import claim_check, document_check
    from claimcheck.findings import Finding, Span
    from claimcheck.io.documents import (
        Document, iter_documents, load_document, load_documents, make_document,
    )
    from claimcheck.parse.claims import Claim, extract_claims
    from claimcheck.parse.quantities import parse_quantities
    from claimcheck.parse.quantity import Quantity
    from claimcheck.pipeline import AuditResult, audit, audit_claims, check_claims, lookup
    from claimcheck.report import render
    from claimcheck.retrieve.build import build_index
    from claimcheck.retrieve.embeddings import Embedder
    from claimcheck.retrieve.index import PassageIndex
    from claimcheck.types import Severity


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    import importlib

    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
