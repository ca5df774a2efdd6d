"""The checks claimcheck runs, and the kinds of finding each emits.

A check is a function registered under a name, with the kinds of finding it emits:

    @claim_check("numeric-conflict",
                 emits={"numeric-conflict": ("two figures of one quantity disagree", "high or medium")})
    def numeric_conflicts(claim, evidence, context): ...

    @document_check("structure", emits={"ref3-structure": ("a REF3 section over its word limit", "low")})
    def structure(doc, context, claims): ...

A claim check gets one claim, its evidence (the passages retrieved for it) and the
audit's Context; a document check gets one document, the Context and the document's
claims. Both return an iterable of Finding. Other packages add checks through the
entry-point group `claimcheck.checks`: each entry point names a module whose decorators
register its checks when it is loaded.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from difflib import get_close_matches
from importlib import metadata

from claimcheck.errors import InputError

ENTRY_POINT_GROUP = "claimcheck.checks"


@dataclass(frozen=True)
class Check:
    name: str
    scope: str  # "claim" or "document"
    run: Callable[..., Iterable]  # the function
    emits: tuple[str, ...]  # the kinds of finding it can emit, in order
    origin: str = "claimcheck"  # the package that registered it


@dataclass(frozen=True)
class Kind:
    name: str
    summary: str  # one line on what it finds
    severities: str  # the severities it is reported at: "high or medium"


#: Every kind of finding a registered check can emit, by name.
KINDS: dict[str, Kind] = {}
#: The registered checks by name, in the order they run.
CHECKS: dict[str, Check] = {}
_loaded_plugins: list[bool] = []
#: What `emits` may be: {kind: (summary, severities)} or {kind: summary}, or the kinds alone.
Emits = dict[str, tuple[str, str] | str] | Iterable[str]
Decorator = Callable[[Callable[..., Iterable]], Callable[..., Iterable]]


def _register(name: str, scope: str, emits: Emits, origin: str) -> Decorator:
    if not emits:  # an empty dict or list
        raise ValueError(f"check {name!r} must name the kinds of finding it emits")

    def decorate(func: Callable[..., Iterable]) -> Callable[..., Iterable]:
        if name in CHECKS and CHECKS[name].run is not func:
            raise ValueError(f"a check named {name!r} is already registered by {CHECKS[name].origin}")
        kinds: dict[str, tuple[str, str] | str] = (
            dict(emits) if isinstance(emits, dict) else {kind: ("", "") for kind in emits})
        for kind, about in kinds.items():
            summary, severities = (about, "") if isinstance(about, str) else about
            known = KINDS.get(kind)
            KINDS[kind] = Kind(kind, summary or (known.summary if known else ""),
                               severities or (known.severities if known else ""))
        CHECKS[name] = Check(name, scope, func, tuple(kinds), origin)
        return func

    return decorate


def claim_check(name: str, emits: Emits, origin: str | None = None) -> Decorator:
    """Register `func(claim, evidence, context) -> iterable of Finding` under `name`.
    `emits` maps each kind of finding it can emit to (one line on what that kind finds,
    the severities it is reported at), or is a list of the kinds."""
    return _register(name, "claim", emits, origin or "claimcheck")


def document_check(name: str, emits: Emits, origin: str | None = None) -> Decorator:
    """Register `func(doc, context, claims) -> iterable of Finding` under `name`."""
    return _register(name, "document", emits, origin or "claimcheck")


def load_plugins() -> None:
    """Load the checks other packages register through the `claimcheck.checks` entry
    points (once). A plug-in that fails to load is named in an InputError."""
    if _loaded_plugins:
        return
    _loaded_plugins.append(True)
    for point in metadata.entry_points(group=ENTRY_POINT_GROUP):
        before = set(CHECKS)
        try:
            point.load()
        except Exception as err:  # a broken plug-in is the user's to mend: say which
            raise InputError(f"the check plug-in {point.name!r} ({point.value}) failed to load: "
                             f"{type(err).__name__}: {err}",
                             fix="mend or uninstall the package that provides it") from None
        dist = getattr(point, "dist", None)
        origin = f"{dist.name} {dist.version}" if dist is not None else point.value
        for name in set(CHECKS) - before:
            CHECKS[name] = replace(CHECKS[name], origin=origin)


def fingerprint() -> list[tuple[str, str]]:
    """What the registered checks are, for cache keys: a plug-in added, removed or
    upgraded changes it."""
    load_plugins()
    return sorted((c.name, c.origin) for c in CHECKS.values())


def selected_kinds(only: Iterable[str] = (), exclude: Iterable[str] = ()) -> frozenset[str]:
    """The kinds of finding to report: all, or those named by `only`, less those named by
    `exclude`. A name may be a kind of finding or a check (all the kinds it emits). An
    unknown name is an InputError that suggests the nearest known one."""
    load_plugins()

    def expand(names: Iterable[str], option: str) -> set[str]:
        kinds: set[str] = set()
        for name in names:
            if name in KINDS:
                kinds.add(name)
            elif name in CHECKS:
                kinds.update(CHECKS[name].emits)
            else:
                near = get_close_matches(name, list(KINDS) + list(CHECKS), n=1)
                hint = f"did you mean {near[0]!r}? " if near else ""
                raise InputError(f"{option} {name!r} is not a check", fix=f"{hint}see claimcheck checks")
        return kinds

    chosen = expand(only, "--only") if only else set(KINDS)
    return frozenset(chosen - expand(exclude, "--exclude"))


def checks_for(scope: str, kinds: frozenset[str] | set[str] | None = None) -> list[Check]:
    """The registered checks of one scope that emit at least one of `kinds` (all if None)."""
    load_plugins()
    return [c for c in CHECKS.values()
            if c.scope == scope and (kinds is None or set(c.emits) & kinds)]
