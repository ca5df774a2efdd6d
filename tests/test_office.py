"""What a research office running claimcheck in CI or a terminal needs: exit codes that
tell findings from failures, counts in words that read right, a config file, progress
from the first second, no library noise, no model loaded for nothing."""

import json

import pytest
from click.testing import CliRunner

from claimcheck.cli import main

STATEMENT = """1. Summary of the impact
The scheme has trained 2,410 nurses in 14 hospitals since 2016.

4. Details of the impact
So far, more than 2,400 nurses from 19 different hospitals have been trained in the scheme [S1].
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def statement(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(STATEMENT)
    return path


# -- exit codes ---------------------------------------------------------------------------

def test_exit_0_when_clean_and_1_for_findings_at_or_above_fail_on(runner, statement, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The scheme has trained 2,410 nurses in 14 hospitals since 2016.")
    assert runner.invoke(main, ["audit", str(clean), "-q", "--fail-on", "low"]).exit_code == 0
    assert runner.invoke(main, ["audit", str(statement), "-q", "--fail-on", "high"]).exit_code == 1
    assert runner.invoke(main, ["audit", str(statement), "-q"]).exit_code == 0  # no --fail-on


@pytest.mark.parametrize("args", [["audit", "missing.txt"], ["audit", "x.txt", "--no-such-option"],
                                  ["audit", "x.txt", "--fail-on", "severe"], ["no-such-command"]])
def test_exit_2_for_bad_input_or_usage(runner, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("We trained 40 nurses in 2019.")
    assert runner.invoke(main, args).exit_code == 2


def test_a_typed_error_without_its_own_code_is_still_bad_input(runner, statement, monkeypatch):
    from claimcheck import pipeline
    from claimcheck.errors import ClaimcheckError

    def failing(*args, **kwargs):
        raise ClaimcheckError("the corpus cannot be used")

    monkeypatch.setattr(pipeline, "audit", failing)
    result = runner.invoke(main, ["audit", str(statement)])
    assert result.exit_code == 2
    assert result.stderr.strip() == "claimcheck: error: the corpus cannot be used"


def _broken_audit(*args, **kwargs):
    return {}["no such key"]


def test_exit_3_for_an_internal_error_says_it_is_a_bug_in_one_line(runner, statement, monkeypatch):
    from claimcheck import pipeline

    monkeypatch.setattr(pipeline, "audit", _broken_audit)
    monkeypatch.delenv("CLAIMCHECK_DEBUG", raising=False)
    result = runner.invoke(main, ["audit", str(statement)])
    assert result.exit_code == 3
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("claimcheck: error: internal error (KeyError at test_office.py:")
    assert "this is a bug in claimcheck" in line and "issue tracker" in line
    assert line.endswith("run again with CLAIMCHECK_DEBUG=1 to see the traceback")


def test_claimcheck_debug_shows_the_traceback(runner, statement, monkeypatch):
    from claimcheck import pipeline

    monkeypatch.setattr(pipeline, "audit", _broken_audit)
    monkeypatch.setenv("CLAIMCHECK_DEBUG", "1")
    result = runner.invoke(main, ["audit", str(statement)])
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr and "_broken_audit" in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("include the traceback above")


def test_exit_130_on_ctrl_c(runner, statement, monkeypatch):
    from claimcheck import pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "audit", interrupted)
    result = runner.invoke(main, ["audit", str(statement)])
    assert result.exit_code == 130
    assert result.stderr.strip() == "claimcheck: error: interrupted; nothing was written"


# -- counts in words ----------------------------------------------------------------------

def test_one_of_a_thing_is_singular(runner, statement):
    result = runner.invoke(main, ["audit", str(statement)])
    assert result.exit_code == 0
    assert "Audited 1 document, 2 claims, against " in result.stdout
    assert "(s)" not in result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("1 document, 2 claims, 1 finding; ")


def test_count_words(tmp_path):
    from claimcheck.cli import _n

    assert [_n(0, "claim"), _n(1, "claim"), _n(2, "claim")] == ["0 claims", "1 claim", "2 claims"]
    assert _n(1, "bad file or record", "bad files or records") == "1 bad file or record"


def test_broken_json_line_says_at_column_once(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.jsonl").write_text('{"text": "unterminated\n')
    result = runner.invoke(main, ["check", "broken.jsonl", "--index", "ix"])
    assert result.exit_code == 2
    assert "Unterminated string starting at column 10" in result.stderr
    assert "at at" not in result.stderr


# -- library noise ------------------------------------------------------------------------

def _claimcheck(*args, env=None):
    """claimcheck run in a process of its own, as a user runs it: (exit code, stdout, stderr)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parent.parent)
    environ = {**os.environ, "PYTHONPATH": root, **(env or {})}
    done = subprocess.run([sys.executable, "-c", "from claimcheck.cli import main; main()", *args],
                          capture_output=True, text=True, env=environ, timeout=300)
    return done.returncode, done.stdout, done.stderr


def _pdf_with_a_wrong_startxref(path):
    """A PDF that reads, but whose xref pointer is off, so pypdf logs warnings as it mends it."""
    import re

    from test_formats import BODY, minimal_pdf

    data = minimal_pdf(["Summary of the impact", BODY])
    path.write_bytes(re.sub(rb"startxref\n(\d+)", lambda m: b"startxref\n%d" % (int(m.group(1)) + 3), data))
    return path


def test_library_warnings_do_not_reach_the_terminal(tmp_path):
    pdf = _pdf_with_a_wrong_startxref(tmp_path / "case.pdf")
    code, out, err = _claimcheck("extract", str(pdf), "-q")
    assert code == 0 and "2,410 nurses" in out
    assert err == ""
    code, out, err = _claimcheck("extract", str(pdf), "-q", env={"CLAIMCHECK_DEBUG": "1"})
    assert code == 0 and "claimcheck: debug: pypdf" in err  # kept for whoever asks


def test_a_library_basicconfig_does_not_turn_debug_logs_on(capsys):
    """bm25s logs at DEBUG and calls logging.warning, which sets up the root logger when it
    has no handler: inside a command, it has ours, and nothing is printed."""
    import logging

    from claimcheck.cli import _LibraryLog

    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers[:] = []  # as in a plain process (pytest adds its own)
    try:
        with _LibraryLog():
            logging.warning("a library's warning")
            logging.getLogger("bm25s").setLevel(logging.DEBUG)
            logging.getLogger("bm25s").debug("a library's debug line")
            import warnings

            warnings.warn("a library's FutureWarning", FutureWarning)
        assert root.handlers == []
    finally:
        root.handlers[:] = saved
    assert capsys.readouterr().err == ""


# -- input checked first ------------------------------------------------------------------

@pytest.fixture
def no_model(monkeypatch):
    """Fail the test if the model is loaded or an index built."""
    from claimcheck import embeddings, pipeline

    def refuse(*args, **kwargs):
        raise AssertionError("the model was loaded or an index built")

    monkeypatch.setattr(embeddings.Embedder, "_load", refuse)
    monkeypatch.setattr(embeddings, "_LOADED", {})
    monkeypatch.setattr(pipeline, "cached_index", refuse)


def test_an_empty_document_is_refused_before_the_model_loads(runner, tmp_path, no_model):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n")
    result = runner.invoke(main, ["audit", str(empty)])
    assert result.stderr.strip() == (f"claimcheck: error: {empty}: empty, nothing to check; "
                                     "give a document with text")
    assert result.exit_code == 2 and result.stdout == ""
    (tmp_path / "also-empty.txt").write_text("")
    result = runner.invoke(main, ["audit", str(tmp_path)])
    assert result.exit_code == 2
    assert "all 2 documents given: empty, nothing to check" in result.stderr


def test_an_empty_document_among_others_is_a_warning(runner, statement, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(main, ["audit", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 0
    assert "empty.txt: empty document, nothing to check" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["check"] == "numeric-conflict"
