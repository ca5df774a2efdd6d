"""Checks as plug-ins: the registry, --only / --exclude, `claimcheck checks`, and a check
installed by another package through the claimcheck.checks entry points."""

import json
import sys
import textwrap

import pytest
from click.testing import CliRunner

from claimcheck.checks import registry
from claimcheck.cli import main
from claimcheck.errors import InputError

PLUGIN = '''
from claimcheck.checks.registry import claim_check
from claimcheck.findings import Finding, Span


@claim_check("shouting", {"shouting": ("a claim written in capitals", "low")})
def shouting(claim, evidence, context):
    if any(word.isupper() and len(word) > 3 for word in claim.text.split()):
        yield Finding("shouting", "low", "A word in capitals.", Span.of_claim(claim))
'''


@pytest.fixture
def clean_registry(monkeypatch):
    """The registry as the package leaves it, restored after the test."""
    monkeypatch.setattr(registry, "CHECKS", dict(registry.CHECKS))
    monkeypatch.setattr(registry, "KINDS", dict(registry.KINDS))
    monkeypatch.setattr(registry, "_loaded_plugins", [])
    monkeypatch.setattr("claimcheck.checks.CHECKS", registry.CHECKS)
    monkeypatch.setattr("claimcheck.checks.KINDS", registry.KINDS)


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch, clean_registry):
    """A package 'cc_shouting' installed on sys.path with a claimcheck.checks entry point."""
    site = tmp_path / "site"
    (site / "cc_shouting.py").parent.mkdir(parents=True)
    (site / "cc_shouting.py").write_text(PLUGIN)
    dist = site / "cc_shouting-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: cc-shouting\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[claimcheck.checks]\nshouting = cc_shouting\n")
    monkeypatch.syspath_prepend(str(site))
    yield
    sys.modules.pop("cc_shouting", None)


@pytest.fixture
def statement(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(textwrap.dedent("""\
        The project trained 300 NURSES in 2019 across 12 hospitals.

        A total of 300 nurses were trained in 12 hospitals in 2019.
        """))
    return path


def _checks(result):
    assert result.exit_code == 0, result.output
    return {json.loads(line)["check"] for line in result.stdout.splitlines() if line.strip()}


def test_a_check_installed_through_the_entry_point_runs_and_can_be_turned_off(installed_plugin, statement):
    runner = CliRunner()
    listed = runner.invoke(main, ["checks"])
    assert "shouting [claim]  (from cc-shouting 1.0)" in listed.stdout
    assert "shouting [low]: a claim written in capitals" in listed.stdout
    assert "shouting" in _checks(runner.invoke(main, ["audit", str(statement), "-f", "jsonl", "-q"]))
    off = runner.invoke(main, ["audit", str(statement), "-f", "jsonl", "-q", "--exclude", "shouting"])
    assert "shouting" not in _checks(off)
    only = runner.invoke(main, ["audit", str(statement), "-f", "jsonl", "-q", "--only", "shouting"])
    assert _checks(only) == {"shouting"}


def test_a_broken_plugin_is_named_in_a_one_line_error(tmp_path, monkeypatch, clean_registry, statement):
    site = tmp_path / "site"
    dist = site / "cc_broken-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: cc-broken\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[claimcheck.checks]\nbroken = cc_missing_module\n")
    monkeypatch.syspath_prepend(str(site))
    result = CliRunner().invoke(main, ["checks"])
    assert result.exit_code == 2
    assert "check plug-in 'broken' (cc_missing_module) failed to load" in result.output
    assert "Traceback" not in result.output


def test_every_kind_a_builtin_check_emits_is_registered_with_a_summary_and_severities():
    kinds = registry.KINDS
    assert {"numeric-conflict", "count-vs-list", "ref3-structure", "malformed-doi",
            "share-over-100", "part-exceeds-whole", "outside-research-period"} <= set(kinds)
    for kind in kinds.values():
        assert kind.summary and kind.severities, kind


def test_only_and_exclude_select_kinds_by_check_or_kind_and_reject_unknown_names():
    assert registry.selected_kinds(["parts-and-wholes"]) == {"part-exceeds-whole", "shares-over-100"}
    everything = registry.selected_kinds()
    assert "ref3-structure" not in registry.selected_kinds(exclude=["ref3-structure"])
    assert registry.selected_kinds(exclude=["ref3-structure"]) == everything - {"ref3-structure"}
    with pytest.raises(InputError, match="did you mean 'numeric-conflict'"):
        registry.selected_kinds(["numeric-conflicts"])


def test_registering_a_second_check_under_a_taken_name_is_refused(clean_registry):
    with pytest.raises(ValueError, match="already registered"):
        registry.claim_check("numeric-conflict", ["numeric-conflict"])(lambda c, e, x: ())


def test_a_check_must_name_what_it_emits(clean_registry):
    with pytest.raises(ValueError, match="must name the kinds"):
        registry.claim_check("nothing", {})
