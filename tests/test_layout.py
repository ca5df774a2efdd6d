"""The layout shows the flow: each folder imports only from the steps before it
(docs/layout.md), and the claims cache knows every module of the parser."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "claimcheck"
BASE = {"errors", "config", "types", "findings", "version", "claimcheck"}
#: What each part of the package may import besides itself and BASE.
ALLOWED = {
    "io": set(),
    "parse": set(),
    "caches": {"io", "parse"},
    "retrieve": {"io", "parse", "caches"},
    "checks": {"io", "parse"},
    "report": {"io"},
    "engines": {"io", "parse", "retrieve", "caches"},
    "pipeline": {"io", "parse", "caches", "retrieve", "checks", "engines"},
    "webform": {"io"},
    "server": {"io", "parse", "caches", "retrieve", "checks", "report", "pipeline", "webform"},
    "httpd": {"io", "parse", "caches", "retrieve", "checks", "report", "pipeline", "webform", "server"},
    "cli": {"io", "parse", "caches", "retrieve", "checks", "report", "pipeline", "server", "httpd"},
    "__main__": {"cli"},
}


def part(module):
    """The part of the package a dotted module name is in ('claimcheck.parse.words' -> 'parse')."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "claimcheck"


def imports(path):
    """The claimcheck modules a file imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "claimcheck":
            if node.module != "claimcheck":
                found.add(node.module)
            else:  # a module of the package, or one of its own names (__version__)
                found |= {"claimcheck" if a.name.startswith("__") else f"claimcheck.{a.name}"
                          for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "claimcheck"}
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_from_the_steps_before_it(path):
    module = ".".join(("claimcheck",) + path.relative_to(PACKAGE).with_suffix("").parts)
    own = part(module)
    if own in BASE:
        allowed = BASE
    else:
        assert own in ALLOWED, f"{path}: a part of the package that docs/layout.md does not place"
        allowed = BASE | ALLOWED[own] | {own}
    wrong = sorted(m for m in imports(path) if part(m) not in allowed)
    assert not wrong, f"{module} imports {wrong}"


def test_the_rule_sees_an_import_that_runs_back_up(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from claimcheck.pipeline import audit\n")
    assert part(next(iter(imports(bad)))) not in BASE | ALLOWED["parse"]


def test_the_claims_cache_digests_every_module_of_the_parser(tmp_path, monkeypatch):
    from claimcheck import caches
    from claimcheck.caches import parser_fingerprint

    copy = tmp_path / "parse"
    copy.mkdir()
    for f in (PACKAGE / "parse").glob("*.py"):
        (copy / f.name).write_bytes(f.read_bytes())
    monkeypatch.setattr(caches, "PARSER_FOLDER", copy)
    before = parser_fingerprint()
    assert parser_fingerprint() == before
    with (copy / "words.py").open("a") as f:  # a module no list named before the split
        f.write("\n# changed\n")
    changed = parser_fingerprint()
    assert changed != before
    (copy / "newstep.py").write_text("X = 1\n")
    assert parser_fingerprint() != changed
