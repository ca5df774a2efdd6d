import json
import re
from pathlib import Path

import pytest

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "corpus" / "ucl-mbt-impact-case-study.txt"


def test_audit_jsonl_finds_the_conflict(runner, statement):
    result = runner.invoke(main, ["audit", str(statement), "--format", "jsonl", "-q"])
    assert result.exit_code == 0, result.output
    [finding] = [json.loads(line) for line in result.stdout.splitlines()]
    assert finding["check"] == "numeric-conflict" and finding["severity"] == "high"
    assert set(finding) == {"id", "check", "severity", "message", "claim", "evidence", "values"}
    text = statement.read_text()
    for span in [finding["claim"]] + finding["evidence"]:
        assert text[span["start"]:span["end"]] == span["text"]


def test_audit_ids_are_stable_and_index_is_reused(runner, statement):
    first = runner.invoke(main, ["audit", str(statement), "--format", "jsonl"])
    second = runner.invoke(main, ["audit", str(statement), "--format", "jsonl"])
    assert first.stdout == second.stdout
    assert "index built" in first.stderr
    again = runner.invoke(main, ["audit", str(statement)])
    assert "results reused" in again.stderr


def test_fail_on_sets_the_exit_code(runner, statement):
    assert runner.invoke(main, ["audit", str(statement), "-q", "--fail-on", "high"]).exit_code == 1
    clean = statement.with_name("clean.txt")
    clean.write_text("The scheme has trained 2,410 nurses in 14 hospitals since 2016.")
    assert runner.invoke(main, ["audit", str(clean), "-q", "--fail-on", "low"]).exit_code == 0


def test_output_file_written_whole(runner, statement, tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(main, ["audit", str(statement), "-f", "html", "-o", str(out), "-q"])
    assert result.exit_code == 0 and result.stdout == ""
    html = out.read_text()
    assert html.startswith("<!doctype html>") and "19 different hospitals" in html
    assert "http" not in html  # self-contained


def test_index_check_report_lookup(runner, statement, tmp_path):
    index_dir = tmp_path / "ix"
    claims = tmp_path / "claims.jsonl"
    findings = tmp_path / "findings.jsonl"
    assert runner.invoke(main, ["index", str(statement), "-o", str(index_dir), "-q"]).exit_code == 0
    assert (index_dir / "manifest.json").exists()
    assert runner.invoke(main, ["extract", str(statement), "-o", str(claims), "-q"]).exit_code == 0
    assert len(claims.read_text().splitlines()) == 2
    result = runner.invoke(main, ["check", str(claims), "--index", str(index_dir), "-o", str(findings), "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(findings.read_text().splitlines()[0])["check"] == "numeric-conflict"
    md = runner.invoke(main, ["report", str(findings), "--format", "markdown"])
    assert md.exit_code == 0 and "## HIGH · numeric-conflict" in md.stdout
    hits = runner.invoke(main, ["lookup", "nurses trained in 30 hospitals", "--index", str(index_dir),
                                "-k", "2", "--json"])
    assert hits.exit_code == 0
    verdicts = [json.loads(line)["verdict"] for line in hits.stdout.splitlines()]
    assert len(verdicts) == 2 and "conflicts" in verdicts


def test_stdin_is_read_for_dash(runner):
    result = runner.invoke(main, ["extract", "-"], input="We trained 40 nurses in 2019.\n")
    assert result.exit_code == 0 and json.loads(result.stdout)["text"] == "We trained 40 nurses in 2019."


@pytest.mark.parametrize("args,message", [
    (["audit", "missing.txt"], "claimcheck: error: missing.txt: no such file; check the path"),
    (["check", "claims.jsonl", "--index", "noindex"], None),
])
def test_bad_input_is_one_line_exit_2(runner, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims.jsonl").write_text('{"id": 1, "text": "We trained 40 nurses."}\n')
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    if message:
        assert lines[0] == message
    else:
        assert lines[0].startswith("claimcheck: error: noindex: not a claimcheck index")


def test_malformed_jsonl_names_file_line_and_fix(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("claims.jsonl").write_text('{"text": "ok 40 nurses"}\n\n{"id": 2, "claim": "x"}\n')
    runner.invoke(main, ["index", "claims.jsonl", "-o", "ix", "-q"])  # any index will do
    Path("doc.txt").write_text("We trained 40 nurses.")
    runner.invoke(main, ["index", "doc.txt", "-o", "ix", "-q"])
    result = runner.invoke(main, ["check", "claims.jsonl", "--index", "ix"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        'claimcheck: error: claims.jsonl:3: missing "text" (keys: claim, id); use --text-field claim')
    Path("broken.jsonl").write_text('{"text": "fine"}\n{"text": \n')
    result = runner.invoke(main, ["check", "broken.jsonl", "--index", "ix"])
    assert result.exit_code == 2 and result.stderr.startswith("claimcheck: error: broken.jsonl:2: not valid JSON")


def test_model_mismatch_names_the_fix(runner, statement, tmp_path):
    index_dir = tmp_path / "ix"
    runner.invoke(main, ["index", str(statement), "-o", str(index_dir), "-q"])
    result = runner.invoke(main, ["lookup", "nurses", "--index", str(index_dir), "--model", "bge-small"])
    assert result.exit_code == 2
    assert "index built with all-MiniLM-L6-v2 but --model is bge-small; rebuild" in result.stderr


def test_unloadable_model_is_a_clear_error(runner, statement, tmp_path):
    result = runner.invoke(main, ["audit", str(statement), "--model", str(tmp_path / "no-model")])
    assert result.exit_code == 2
    assert result.stderr.startswith("claimcheck: error: cannot load model")


def test_demo_case_study_findings(runner):
    """The design's findings on the case study, and the non-finding."""
    result = runner.invoke(main, ["audit", str(CASE), "--corpus", str(CASE.parent), "-f", "jsonl", "-q"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    findings = [r for r in records if "type" not in r]
    # after the findings, how each of its 16 references was looked for in the corpus
    assert [r["type"] for r in records[len(findings):]] == ["reference"] * 16
    high = {(f["check"], f["values"].get("claim_value"), f["values"].get("evidence_value")) for f in findings
            if f["severity"] == "high"}
    assert ("numeric-conflict", "22", "36") in high
    amounts = [f for f in findings if f["check"] == "implausible-amount"]
    assert amounts and amounts[0]["severity"] == "high" and "foster carer" in amounts[0]["message"]
    assert not any({f["values"].get("claim_value"), f["values"].get("evidence_value")} & {"A total of 14,931", "over 14,900"}
                   for f in findings if f["check"] == "numeric-conflict")


def test_committed_claims_file_is_up_to_date(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["extract", "corpus/ucl-mbt-impact-case-study.txt"])
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "claims.jsonl").read_text(), \
        "claims.jsonl is out of date: run claimcheck extract corpus/ucl-mbt-impact-case-study.txt -o claims.jsonl"
    text = CASE.read_text()
    for line in result.stdout.splitlines():
        claim = json.loads(line)
        assert text[claim["start"]:claim["end"]] == claim["text"]


def test_every_command_has_help_with_an_example_and_is_in_the_cli_reference(runner):
    reference = (ROOT / "docs" / "cli.md").read_text()
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Example" in result.stdout, name
        assert re.search(rf"## `claimcheck {name}`", reference), f"{name} is not documented in docs/cli.md"


def test_help_rewraps_its_prose_and_keeps_each_example_on_a_line(runner):
    from claimcheck.cli.options import EXAMPLES

    for name in main.commands:
        out = runner.invoke(main, [name, "--help"]).stdout
        for example in EXAMPLES[name]:
            assert example in [line.strip() for line in out.splitlines()], (name, example)
        prose = out[:out.index("Example")]
        assert not re.search(r"\S {2,}\S", prose), f"{name}: help text keeps its source indentation"


def test_cli_reference_is_generated_from_help():
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from cli_reference import END, START, reference
    finally:
        sys.path.pop(0)
    page = (ROOT / "docs" / "cli.md").read_text()
    block = page[page.index(START):page.index(END) + len(END)]
    assert block == reference(), "docs/cli.md is stale: run python tools/cli_reference.py --write"


def test_baseline_reports_only_new_findings(runner, statement, tmp_path):
    first = tmp_path / "first.jsonl"
    assert runner.invoke(main, ["audit", str(statement), "-f", "jsonl", "-o", str(first), "-q"]).exit_code == 0
    assert first.read_text().strip()
    again = runner.invoke(main, ["audit", str(statement), "-f", "jsonl", "--baseline", str(first), "-q"])
    assert again.exit_code == 0 and again.stdout == ""
    statement.write_text(statement.read_text() + "\nWe opened five regional hubs (Leeds, Bristol, Norwich, Exeter).\n")
    new = runner.invoke(main, ["audit", str(statement), "-f", "jsonl", "--baseline", str(first), "-q"])
    assert [json.loads(line)["check"] for line in new.stdout.splitlines()] == ["count-vs-list"]


def test_ids_hold_when_text_moves_and_paths_are_spelled_otherwise(runner, statement, tmp_path, monkeypatch):
    """A re-run after an edit before the findings, or with "./" before the path, reports
    nothing new against the first run."""
    first = tmp_path / "first.jsonl"
    assert runner.invoke(main, ["audit", str(statement), "-f", "jsonl", "-o", str(first), "-q"]).exit_code == 0
    statement.write_text("# Title of the statement\n\n" + statement.read_text())
    moved = runner.invoke(main, ["audit", str(statement), "-f", "jsonl", "--baseline", str(first), "-q"])
    assert moved.exit_code == 0 and moved.stdout == ""
    monkeypatch.chdir(statement.parent)
    again = runner.invoke(main, ["audit", "./" + statement.name, "-f", "jsonl", "-q"])
    named = runner.invoke(main, ["audit", statement.name, "-f", "jsonl", "-q"])
    assert again.stdout == named.stdout and again.stdout


def test_output_name_gives_the_format_unless_format_is_given(runner, statement, tmp_path):
    for name, start in (("r.html", "<!doctype html>"), ("r.jsonl", '{"id"'), ("r.csv", "\ufeff")):
        assert runner.invoke(main, ["audit", str(statement), "-q", "-o", str(tmp_path / name)]).exit_code == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
    assert runner.invoke(main, ["audit", str(statement), "-q", "-f", "markdown", "-o", str(tmp_path / "m.html")]).exit_code == 0
    assert (tmp_path / "m.html").read_text().startswith("# claimcheck audit")


def test_an_unusable_cache_folder_is_an_input_error(runner, statement, tmp_path):
    blocker = tmp_path / "cachefile"
    blocker.write_text("x")
    result = runner.invoke(main, ["audit", str(statement), "-q", "--cache", str(blocker)])
    assert result.exit_code == 2
    assert "cannot keep the cache here" in result.stderr and "Traceback" not in result.output


def test_globs_and_closing_summary(runner, statement, tmp_path):
    (tmp_path / "other.txt").write_text("Nine out of 10 nurses said the training helped, in 2019.")
    result = runner.invoke(main, ["audit", str(tmp_path / "*.txt"), "-f", "jsonl"])
    assert result.exit_code == 0
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("2 documents, 3 claims, 1 finding; 1 high, 0 medium, 0 low; 1 numeric-conflict;")
    assert runner.invoke(main, ["audit", str(tmp_path / "*.nothing")]).exit_code == 2


def test_html_report_same_input_same_bytes(runner, statement, tmp_path, monkeypatch):
    pages = []
    for name in ("one.html", "two.html"):
        out = tmp_path / name
        assert runner.invoke(main, ["audit", str(statement), "-f", "html", "-o", str(out), "-q",
                                    "--no-timestamp"]).exit_code == 0
        pages.append(out.read_bytes())
    assert pages[0] == pages[1] and b"Generated" not in pages[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    stamped = runner.invoke(main, ["audit", str(statement), "-f", "html", "-q"])
    assert "Generated 1970-01-02 00:00 UTC" in stamped.stdout


def test_report_highlights_findings_in_the_documents_given(runner, statement, tmp_path):
    findings = tmp_path / "findings.jsonl"
    runner.invoke(main, ["audit", str(statement), "-f", "jsonl", "-o", str(findings), "-q"])
    [finding] = [json.loads(line) for line in findings.read_text().splitlines()]
    page = runner.invoke(main, ["report", str(findings), "-f", "html", "-d", str(statement)]).stdout
    assert f"<mark tabindex='0' data-c='{finding['id']}' data-e=''>The scheme has trained" in page
    bare = runner.invoke(main, ["report", str(findings), "-f", "html"]).stdout
    assert "<mark" not in bare and "text was not given" in bare


def test_lookup_reads_one_claim_a_line_from_stdin(runner, statement):
    result = runner.invoke(main, ["lookup", "--corpus", str(statement), "-k", "1", "--json", "-q"],
                           input="nurses trained in 30 hospitals\n\n2,410 nurses trained\n")
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert [h["query"] for h in hits] == ["nurses trained in 30 hospitals", "2,410 nurses trained"]
    assert hits[0]["verdict"] == "conflicts"


def test_lookup_without_index_or_corpus_says_what_to_give(runner, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["lookup", "40 nurses"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("claimcheck: error: no corpus to look in; give --corpus PATH, "
                                     "or --index INDEX_DIR from `claimcheck index`")


def _read_until(fd, marker, timeout=120):
    import os
    import select
    import time

    seen, end = b"", time.monotonic() + timeout
    while marker not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen.decode("utf-8", "replace")


def test_lookup_prompt_on_a_terminal_keeps_history_and_leaves_on_ctrl_d(statement, tmp_path):
    import os
    import pty
    import subprocess
    import sys

    primary, secondary = pty.openpty()
    claimcheck = os.path.join(os.path.dirname(sys.executable), "claimcheck")
    proc = subprocess.Popen([claimcheck, "lookup", "--corpus", str(statement), "-k", "1"],
                            stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True)
    os.close(secondary)
    try:
        assert "claim> " in _read_until(primary, b"claim> ")
        os.write(primary, b"nurses trained in 30 hospitals\r")
        answer = _read_until(primary, b"claim> ")
        assert "conflicts" in answer and "19 different hospitals" in answer
        os.write(primary, b"\x04")
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        os.close(primary)
    history = tmp_path / "cache" / "lookup_history"
    assert "nurses trained in 30 hospitals" in history.read_text()


def test_serve_command_serves_pages_and_stops_on_ctrl_c(statement):
    import os
    import signal
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    claimcheck = os.path.join(os.path.dirname(sys.executable), "claimcheck")
    proc = subprocess.Popen([claimcheck, "serve", "--corpus", str(statement), "--port", "0", "-q"],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        home = urllib.request.urlopen(url, timeout=30).read().decode()
        assert "Audit a statement" in home and "statement.txt" in home
        with pytest.raises(urllib.error.HTTPError) as empty:
            urllib.request.urlopen(url + "audit", data=b"text=&doc=", timeout=30)
        assert empty.value.code == 400 and "Paste a statement" in empty.value.read().decode()
        found = urllib.request.urlopen(url + "audit", data=b"doc=" + str(statement).encode(), timeout=60)
        assert "numeric-conflict" in found.read().decode()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        assert "stopped" in proc.stderr.read()
    finally:
        proc.kill()


def test_help_imports_no_heavy_libraries():
    """`claimcheck --help` stays instant: numpy, torch, faiss and the model load on use."""
    import subprocess
    import sys

    code = ("import sys; from claimcheck.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('numpy', 'torch', 'faiss', 'sentence_transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_progress_in_a_log_is_a_line_every_interval_and_one_at_the_end(monkeypatch, capsys):
    from claimcheck import cli

    clock = iter([0.0, 0.0, 1.0, 9.0, 11.0, 15.0, 22.0, 23.0, 24.0])
    monkeypatch.setattr(cli.progress.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: False)
    progress = cli.Progress(quiet=False)
    monkeypatch.setattr(progress, "_start_heartbeat", lambda: None)
    for done in (0, 1, 2, 3, 4, 5, 6, 10):
        progress("passages", done, 10)
    lines = capsys.readouterr().err.splitlines()
    # started at 0 s: nothing in the first 10 s, a line after 11 s, after 22 s, and at the end
    assert [line.split(" (")[0] for line in lines] == [
        "encoding passages: 3/10", "encoding passages: 5/10", "encoding passages: 10/10"]


def test_a_terminated_audit_leaves_no_output_behind(runner, statement, tmp_path, monkeypatch):
    """SIGTERM while findings are being written: the file the user had stays as it was,
    and no temporary file is left beside it."""
    import os
    import signal
    import time

    from claimcheck import pipeline

    def terminated(*args, on_findings, **kwargs):
        on_findings([])  # the output is open and being written
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises here
        raise AssertionError("SIGTERM was not turned into an exit")

    def unhandled(signum, frame):  # in force only if claimcheck sets no handler of its own
        raise AssertionError("claimcheck left SIGTERM to its default")

    monkeypatch.setattr(pipeline, "audit", terminated)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "findings.jsonl"
    out.write_text("the user's earlier findings\n")
    signal.signal(signal.SIGTERM, unhandled)
    try:
        result = runner.invoke(main, ["audit", str(statement), "-f", "jsonl", "-o", str(out)])
        assert signal.getsignal(signal.SIGTERM) is unhandled  # put back as it was
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    assert result.exit_code == 143
    assert result.stderr.strip() == "claimcheck: error: terminated; nothing was written"
    assert out.read_text() == "the user's earlier findings\n"
    assert [p.name for p in out_dir.iterdir()] == ["findings.jsonl"]


def test_reports_for_people_say_what_the_severities_mean_when_there_are_findings():
    from claimcheck.findings import SEVERITY_LEGEND, Finding, Span
    from claimcheck.report import render

    found = [Finding("numeric-conflict", "medium", "12 sites against 14 sites.",
                     Span("a.txt", "We run 12 sites.", 0, 17))]
    for fmt in ("markdown", "html"):
        assert SEVERITY_LEGEND in render(found, fmt), fmt
        assert SEVERITY_LEGEND not in render([], fmt), fmt
    assert SEVERITY_LEGEND not in render(found, "jsonl")
