"""Small types that travel between the steps: how severe a finding is, and which figures
of a claim a finding is about."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    """How sure a finding is, most severe first. A member is its word ("high"), so that
    findings, JSON and reports that hold the word compare and print alike."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    def __hash__(self) -> int:  # as its word's, so that it finds the word's entries
        return hash(str(self.value))

    @property
    def rank(self) -> int:
        """0 for the most severe."""
        return list(Severity).index(self)


class Pair(NamedTuple):
    """The character offsets of the figures a finding is about, as a finding's
    values["pair"] holds them: "120" for one figure, "120-340" for two."""

    first: int
    second: int | None = None

    @classmethod
    def parse(cls, text: str) -> Pair:
        """The pair that values["pair"] writes; ValueError if `text` is not one."""
        first, sep, second = text.partition("-")
        return cls(int(first), int(second) if sep else None)

    def __str__(self) -> str:
        return str(self.first) if self.second is None else f"{self.first}-{self.second}"
