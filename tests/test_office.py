"""What a research office running claimcheck in CI or a terminal needs: exit codes that
tell findings from failures, counts in words that read right, a config file, progress
from the first second, no library noise, no model loaded for nothing."""

import json

import pytest

from claimcheck.cli import main


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

    from tests.io.test_formats import BODY, minimal_pdf

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

    from claimcheck.cli.failures import _LibraryLog

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
    from claimcheck import pipeline
    from claimcheck.retrieve import embeddings

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


# -- progress -----------------------------------------------------------------------------

class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


@pytest.fixture
def terminal(monkeypatch, capsys):
    """A Progress writing to a terminal, on a clock the test moves, without its heartbeat
    thread; returns (progress, clock, read) where read() gives the lines drawn so far."""
    from claimcheck import cli

    clock = Clock()
    monkeypatch.setattr(cli.progress.time, "monotonic", clock)
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True)
    progress = cli.Progress(quiet=False)
    monkeypatch.setattr(progress, "_start_heartbeat", lambda: None)

    def read():
        return [line.replace("\033[K", "").strip() for line in capsys.readouterr().err.split("\r")
                if line.strip()]
    return progress, clock, read


def test_a_terminal_shows_nothing_in_the_first_second_then_each_stage_as_it_goes(terminal):
    progress, clock, read = terminal
    progress("files", 0, 20)
    progress("files", 20, 20)
    assert read() == []  # a run done within a second shows only its result
    progress("passages", 0, 613)
    clock.now = 1.5
    progress.status("loading model all-MiniLM-L6-v2")
    assert read() == ["encoding 613 passages: loading model all-MiniLM-L6-v2"]
    clock.now = 5.0
    progress("passages", 64, 613)
    clock.now = 6.0
    progress("passages", 128, 613)
    [line] = read()[-1:]
    assert line.startswith("encoding passages [#####...") and "128/613 (64/s, 8 s left)" in line


def test_the_bar_is_redrawn_at_each_batch_but_not_more_than_five_times_a_second(terminal):
    progress, clock, read = terminal
    clock.now = 2.0
    progress("passages", 0, 1000)
    for done in range(32, 1000, 32):
        clock.now += 0.5
        progress("passages", done, 1000)
    assert len(read()) == 1 + len(range(32, 1000, 32))
    for done in (1000 - 20, 1000 - 10):
        clock.now += 0.01
        progress("passages", done, 1000)
    assert read() == []
    progress("passages", 1000, 1000)
    assert read()[0].startswith("encoding passages [########################] 1000/1000")


def test_heartbeat_says_what_a_silent_step_is_doing(monkeypatch, capsys):
    """While the model loads nothing reports: the heartbeat shows the step, with its time."""
    import time

    from claimcheck import cli

    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(cli.Progress, "GRACE", 0.1)
    progress = cli.Progress(quiet=False)
    try:
        progress.status("loading model all-MiniLM-L6-v2")
        time.sleep(1.6)
    finally:
        progress.close()
    drawn = [line.replace("\033[K", "").strip() for line in capsys.readouterr().err.split("\r")
             if line.strip()]
    assert drawn[0] == "loading model all-MiniLM-L6-v2"
    assert not progress.beat.is_alive()


def test_quiet_shows_nothing(terminal, monkeypatch, capsys):
    from claimcheck import cli

    progress = cli.Progress(quiet=True)
    progress("passages", 0, 10)
    progress.status("loading model")
    progress("passages", 10, 10)
    progress.note("a note")
    assert capsys.readouterr().err == "" and progress.beat is None


def test_an_audit_reports_each_stage_in_its_log(runner, statement, monkeypatch):
    """Every stage reports from its start (here shown at once: no grace, no interval)."""
    from claimcheck import cli

    monkeypatch.setattr(cli.Progress, "LOG_EVERY", 0.0)
    result = runner.invoke(main, ["audit", str(statement), "-f", "jsonl"])  # a fresh cache (conftest)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "reading 1 file"
    assert "encoding 2 passages" in lines
    assert any(line.startswith("encoding passages: 2/2") for line in lines)
    assert "encoding 2 claims" in lines
    assert "checking 2 claims (0/1 documents)" in lines
    assert any(line.startswith("checking claims: 2/2, 1/1 documents") for line in lines)


# -- settings file ------------------------------------------------------------------------

def test_settings_file_in_the_working_folder_gives_defaults(runner, statement, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claimcheck.toml").write_text('fail-on = "high"\nformat = "jsonl"\ncache = "team-cache"\n')
    result = runner.invoke(main, ["audit", "statement.txt", "-q"])
    assert result.exit_code == 1  # the high finding fails the run, as the file says
    assert json.loads(result.stdout.splitlines()[0])["check"] == "numeric-conflict"
    assert (tmp_path / "team-cache" / "indexes").is_dir()
    # the command line wins
    result = runner.invoke(main, ["audit", "statement.txt", "-q", "--fail-on", "low", "-f", "csv",
                                  "--exclude", "numeric-conflict"])
    assert result.exit_code == 0 and "numeric-conflict" not in result.stdout


def test_settings_file_given_with_config_reads_paths_from_its_folder(runner, statement, tmp_path,
                                                                     monkeypatch):
    text = statement.read_text()
    team = tmp_path / "team"
    (team / "corpus").mkdir(parents=True)
    (team / "corpus" / "earlier.txt").write_text(text.split("4. Details")[0])
    (team / "settings.toml").write_text('corpus = ["corpus"]\nexclude = "ref3-structure"\n')
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    (work / "new.txt").write_text("4. Details" + text.split("4. Details")[1])
    alone = runner.invoke(main, ["audit", "new.txt", "-q"])
    assert "against 1 passage." in alone.stdout
    result = runner.invoke(main, ["--config", str(team / "settings.toml"), "audit", "new.txt", "-q"])
    assert result.exit_code == 0, result.output
    assert "against 2 passages." in result.stdout  # the corpus in team/, named from its folder


@pytest.mark.parametrize("text,message", [
    ('fail_on = "high"\n', 'claimcheck.toml: unknown key "fail_on"; did you mean "fail-on"?'),
    ('colour = "red"\n', 'claimcheck.toml: unknown key "colour"; the keys are: corpus, exclude, only, '
                         'fail-on, format, priors, cache'),
    ('fail-on = "severe"\n', 'claimcheck.toml: "fail-on" must be one of high, medium, low, not "severe"; '
                             'write e.g. fail-on = "high"'),
    ("corpus = 3\n", 'claimcheck.toml: "corpus" must be a path or a list of paths, not 3; '
                     'write e.g. corpus = ["first", "second"]'),
    ('priors = ["a.json"]\n', 'claimcheck.toml: "priors" must be a path, not ["a.json"]; '
                              'write e.g. priors = "a/path"'),
    ("format = \n", "claimcheck.toml: not valid TOML (Invalid value (at line 1, column 10)); "
                    "see docs/usage.md for the settings file's keys and form"),
])
def test_a_bad_settings_file_is_one_line_naming_file_key_and_fix(runner, tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claimcheck.toml").write_text(text)
    (tmp_path / "x.txt").write_text("We trained 40 nurses in 2019.")
    result = runner.invoke(main, ["audit", "x.txt"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"claimcheck: error: {message}"


def test_a_missing_config_file_is_bad_input(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["--config", "nowhere.toml", "checks"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "claimcheck: error: nowhere.toml: no such file; check the --config path"


# -- lookup -------------------------------------------------------------------------------

def test_passages_wrap_between_words_at_the_terminal_width():
    from claimcheck.cli.passages import _wrapped

    text = ("The programme trained 2,410 nurses in 14 hospitals between 2015 and 2019, "
            "and a further\nsupercalifragilisticexpialidocious 300 midwives in 2020.")
    spans = [(text.index("2,410"), text.index("2,410") + 5), (text.index("300"), text.index("300") + 3)]
    lines = _wrapped(text, spans, 40, "    ")
    plain = [__import__("click").unstyle(line) for line in lines]
    assert all(len(line) <= 39 for line in plain), plain
    assert " ".join(line.strip() for line in plain) == " ".join(text.split())  # no word broken
    assert plain[0] == "    The programme trained 2,410 nurses"
    styled = "\n".join(lines)
    assert "\x1b[1m\x1b[4m2,410\x1b[0m" in styled and "\x1b[1m\x1b[4m300\x1b[0m" in styled


def test_unrelated_is_dim_in_the_terminals_own_colour(monkeypatch):
    from claimcheck import cli
    from claimcheck.pipeline import LookupHit
    from claimcheck.retrieve.passages import Passage

    shown = []
    monkeypatch.setattr(cli.click, "echo", lambda message="", **kwargs: shown.append(message))
    passage = Passage("a.txt@0-16", "a.txt", "", 0, 16, "We run 12 sites.")
    cli._show_hit(LookupHit(passage, 0.5, "unrelated", "no quantity in it counts the same thing", []), False)
    cli._show_hit(LookupHit(passage, 0.9, "conflicts", "12 against 14 sites", []), False)
    out = "\n".join(shown)
    assert "\x1b[2m0.500  unrelated\x1b[0m" in out and "\x1b[37m" not in out
    assert "\x1b[31m\x1b[1m0.900  conflicts\x1b[0m" in out


def test_ctrl_c_during_a_lookup_cancels_that_lookup_not_the_prompt(runner, statement, monkeypatch):
    from claimcheck import cli, pipeline

    asked = []

    def lookup(query, *args):
        asked.append(query)
        if query == "slow":
            raise KeyboardInterrupt
        return []

    monkeypatch.setattr(pipeline, "lookup", lookup)
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    monkeypatch.setattr(cli, "_prompt_lines", lambda quiet: iter(["slow", "next claim"]))
    result = runner.invoke(main, ["lookup", "--corpus", str(statement), "-q"])
    assert result.exit_code == 0, result.output
    assert asked == ["slow", "next claim"]
    assert "lookup cancelled; Ctrl-D leaves" in result.stderr
    monkeypatch.setattr(cli, "_interactive", lambda: False)  # piped claims: Ctrl-C stops the run
    asked.clear()
    result = runner.invoke(main, ["lookup", "--corpus", str(statement), "-q"])
    assert result.exit_code == 130 and asked == ["slow"]


def test_a_finished_stage_is_not_shown_again(monkeypatch, capsys):
    """After the last stage the heartbeat has nothing to repeat (a served page or a prompt
    is not interrupted by an old progress line)."""
    import time

    from claimcheck import cli

    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(cli.Progress, "GRACE", 0.0)
    progress = cli.Progress(quiet=False)
    try:
        progress("passages", 0, 2)
        progress("passages", 2, 2)
        capsys.readouterr()
        time.sleep(2.5)
        assert capsys.readouterr().err == ""
    finally:
        progress.close(clear=True)


def test_an_index_on_the_command_line_wins_over_a_corpus_in_the_settings(runner, statement, tmp_path,
                                                                         monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.txt").write_text("The clinic saw 75 patients in 2018.\n")
    (tmp_path / "claimcheck.toml").write_text('corpus = "other.txt"\n')
    assert runner.invoke(main, ["index", "statement.txt", "-o", "ix", "-q"]).exit_code == 0
    result = runner.invoke(main, ["lookup", "nurses trained", "--index", "ix", "--json", "-q", "-k", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["doc"].endswith("statement.txt")
    result = runner.invoke(main, ["lookup", "nurses trained", "--json", "-q", "-k", "1"])
    assert json.loads(result.stdout)["doc"].endswith("other.txt")  # the settings' corpus otherwise
