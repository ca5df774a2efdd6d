"""Small types that travel between the steps: how severe a finding is, which figures of
a claim a finding is about, and where a figure holds."""

from __future__ import annotations

from enum import Enum
from typing import Iterable, NamedTuple


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


class Scope(tuple):
    """Where a figure holds and what sort of figure it is, as the parser read it: marks
    ("rate", "partial", "total", "each", "top", "average", "series", "hypothetical",
    "planned", "earlier", "capacity", "part-of-next") and labelled values, each written
    "label:value" ("year:2008-", "place:denmark", "per:week", "of:respondent",
    "nth:phase:2", "statistic:median"). A tuple of those tags, so that JSON and the claims
    cache hold it as a list of strings and `"rate" in scope` reads as it says; the
    labelled values are read here and nowhere else."""

    __slots__ = ()

    def __new__(cls, tags: Iterable[str] = ()) -> Scope:
        return super().__new__(cls, tags)

    def __add__(self, other: tuple) -> Scope:  # type: ignore[override]
        return Scope(tuple(self) + tuple(other))

    @staticmethod
    def tag(label: str, value: object) -> str:
        """The tag of one labelled value: Scope.tag("year", "2008-") is "year:2008-"."""
        return f"{label}:{value}"

    #: Marks of a figure that is not a stated fact of now: a supposed case, an aim, a
    #: state since changed, what a thing can hold. A figure with one of them and a figure
    #: without it are two quantities.
    NOT_FACT = ("hypothetical", "planned", "earlier", "capacity")

    def fact_marks(self) -> frozenset[str]:
        """Which of NOT_FACT this scope holds."""
        return frozenset(mark for mark in self.NOT_FACT if mark in self)

    def values(self, label: str) -> list[str]:
        """Every value given `label`, in order: scope.values("place") -> ["denmark"]."""
        start = f"{label}:"
        return [t[len(start):] for t in self if t.startswith(start)]

    def value(self, label: str) -> str:
        """The first value given `label`, or ""."""
        return next(iter(self.values(label)), "")

    def only(self, label: str) -> Scope:
        """The tags with `label` alone."""
        return Scope(t for t in self if t.startswith(f"{label}:"))
