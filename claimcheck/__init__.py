"""claimcheck: audit documents for numerical claims that do not hold together, offline."""

__version__ = "0.4.3"

from claimcheck.errors import ClaimcheckError, InputError, IndexMismatchError  # noqa: E402

__all__ = ["__version__", "ClaimcheckError", "InputError", "IndexMismatchError"]
