"""Bad input, faults and concurrent use: one-line errors, nothing lost."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.errors import IndexMismatchError
from claimcheck.retrieve.index import PassageIndex
from claimcheck.retrieve.passages import Passage

GOOD = "The scheme trained 2,410 nurses in 14 hospitals in 2019.\n"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args, input=None):
        result = runner.invoke(main, list(args), input=input)
        assert "Traceback" not in result.output
        return result

    return invoke


def one_line_error(result, code=2):
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("claimcheck: error: ")
    return lines[0][len("claimcheck: error: "):]


def test_missing_file(run):
    assert one_line_error(run("audit", "nope.txt")) == "nope.txt: no such file; check the path"


def test_folder_without_documents(run, tmp_path):
    (tmp_path / "empty").mkdir()
    assert one_line_error(run("audit", "empty")).startswith("empty: no documents in this folder")


def test_binary_file(run, tmp_path):
    (tmp_path / "b.txt").write_bytes(b"\x7fELF\x00\x01\x02")
    assert one_line_error(run("audit", "b.txt")) == (
        "b.txt: binary file, not text (a NUL byte at offset 4); give a .txt, .md or .jsonl file")


def test_non_utf8_names_the_byte_and_the_fix(run, tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 served 40 people.".encode("cp1252"))
    message = one_line_error(run("audit", "latin.txt"))
    assert message == ("latin.txt: not UTF-8 text (byte 0xe9 at offset 3; it reads as cp1252); "
                       "convert it first: iconv -f cp1252 -t utf-8 latin.txt")


def test_oversized_document_is_refused_with_the_fix(run, tmp_path):
    (tmp_path / "big.txt").write_text(GOOD * 20000)  # about 1.1 MB
    message = one_line_error(run("audit", "big.txt", "--max-doc-mb", "1"))
    assert message.startswith("big.txt: 1.1 MB is over the 1 MB limit for one document")
    assert "--max-doc-mb 2" in message


def test_empty_and_number_free_documents_warn_and_run_clean(run, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "words.txt").write_text("Nothing here is counted or dated at all.\n")
    result = run("audit", "empty.txt", "words.txt", "-f", "jsonl")
    assert result.exit_code == 0 and result.stdout == ""
    assert "claimcheck: warning: empty.txt: empty document, nothing to check" in result.stderr
    assert "claimcheck: warning: words.txt: no checkable claims" in result.stderr


def test_unsupported_file_type(run, tmp_path):
    (tmp_path / "figures.xlsx").write_bytes(b"PK\x03\x04")
    assert one_line_error(run("audit", "figures.xlsx")).startswith("figures.xlsx: unsupported file type")


@pytest.mark.parametrize("name, data, says", [
    ("report.pdf", b"%PDF-1.4 and then nothing", "not a readable PDF"),
    ("report.docx", b"PK\x03\x04 not really a zip", "not a readable .docx file"),
])
def test_damaged_pdf_and_docx(run, tmp_path, name, data, says):
    (tmp_path / name).write_bytes(data)
    assert one_line_error(run("audit", name)).startswith(f"{name}: {says}")


def test_malformed_jsonl_collection_and_skip_bad(run, tmp_path):
    lines = [json.dumps({"id": "a", "text": GOOD}), "{not json", json.dumps({"id": "c", "body": "x"}),
             json.dumps({"id": "d", "text": "Over 300 nurses from 19 hospitals were trained in 2019."})]
    (tmp_path / "docs.jsonl").write_text("\n".join(lines) + "\n")
    message = one_line_error(run("audit", "docs.jsonl"))
    assert message.startswith("docs.jsonl:2: not valid JSON")
    assert message.endswith("each line must be one JSON object, or pass --skip-bad")
    result = run("audit", "docs.jsonl", "--skip-bad", "-f", "jsonl")
    assert result.exit_code == 0
    assert "skipped docs.jsonl:2: not valid JSON" in result.stderr
    assert "--skip-bad" not in result.stderr  # given already: not the fix
    assert 'skipped docs.jsonl:3: record has no "text" field (keys: body, id)' in result.stderr
    assert "Audited 2 documents" not in result.stdout  # jsonl carries findings only
    quiet = run("audit", "docs.jsonl", "--skip-bad", "-f", "jsonl", "-q")
    assert quiet.exit_code == 0  # what was skipped is said under --quiet too
    assert quiet.stderr.count("claimcheck: warning: skipped") == 2


def test_a_gate_that_audited_nothing_does_not_pass(run, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait 12 cups")
    gate = run("audit", "bad.txt", "--skip-bad", "--fail-on", "high", "-q")
    assert gate.exit_code == 2 and "nothing was audited" in gate.stderr
    (tmp_path / "empty.jsonl").write_text("")
    plain = run("audit", "empty.jsonl", "-q")
    assert plain.exit_code == 0 and "warning: nothing was audited" in plain.stderr


def test_only_commands_that_can_skip_a_bad_line_suggest_it(run, tmp_path):
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "a", "text": GOOD}) + "\n{not json\n")
    assert one_line_error(run("audit", "docs.jsonl")).endswith(", or pass --skip-bad")
    for args in (("extract", "docs.jsonl"), ("index", "docs.jsonl", "-o", "idx")):
        assert one_line_error(run(*args)).endswith("each line must be one JSON object"), args


def test_a_json_list_names_each_record_that_is_not_an_object(run, tmp_path):
    (tmp_path / "doc.txt").write_text(GOOD)
    (tmp_path / "list.json").write_text("[1, 2]")
    result = run("audit", "doc.txt", "list.json", "--skip-bad", "-q")
    assert result.exit_code == 0
    assert "list.json: each record must be a JSON object (record 1 is a number)" in result.stderr
    assert "(record 2 is a number)" in result.stderr


def test_claims_with_wrong_fields_and_skip_bad(run, tmp_path):
    (tmp_path / "doc.txt").write_text(GOOD)
    assert run("index", "doc.txt", "-o", "ix", "-q").exit_code == 0
    (tmp_path / "claims.jsonl").write_text(
        '{"text": "We trained 40 nurses."}\n[1, 2]\n{"text": "x", "start": "soon"}\n')
    assert one_line_error(run("check", "claims.jsonl", "--index", "ix")) == \
        "claims.jsonl:2: each line must be a JSON object"
    result = run("check", "claims.jsonl", "--index", "ix", "--skip-bad")
    assert result.exit_code == 0
    assert 'skipped claims.jsonl:3: "start" and "end" must be whole numbers' in result.stderr


def test_damaged_priors_file(run, tmp_path):
    (tmp_path / "doc.txt").write_text(GOOD)
    (tmp_path / "priors.json").write_text('{"format": "something else"}')
    assert one_line_error(run("audit", "doc.txt", "--priors", "priors.json")).startswith(
        'priors.json: not a priors file (needs "format": "claimcheck-cost-priors")')


def test_failed_run_keeps_the_existing_output(run, tmp_path):
    out = tmp_path / "report.md"
    out.write_text("yesterday's report\n")
    one_line_error(run("audit", "missing.txt", "-o", "report.md"))
    assert out.read_text() == "yesterday's report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_interrupted_index_build_keeps_the_previous_index(tmp_path, fake_embedder, monkeypatch):
    folder = tmp_path / "ix"
    passages = [Passage(f"d@{i}", "d", "", i, i + 1, f"text {i}") for i in range(4)]
    PassageIndex.build(passages, fake_embedder, "old").save(folder)
    import faiss

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(faiss, "write_index", interrupted)
    with pytest.raises(KeyboardInterrupt):
        PassageIndex.build(passages[:2], fake_embedder, "new").save(folder)
    monkeypatch.undo()
    assert PassageIndex.load(folder).manifest["fingerprint"] == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ix"]  # no half-built leftovers


def test_index_of_another_dimension_is_refused(tmp_path, fake_embedder):
    folder = tmp_path / "ix"
    PassageIndex.build([Passage("d@0", "d", "", 0, 1, "text")], fake_embedder).save(folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["dimension"] = 384
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatchError, match=r"index.faiss dimension \(16\) differ from manifest dimension \(384\)"):
        PassageIndex.load(folder)


def test_two_audits_at_once_share_the_cache_safely(tmp_path):
    """Two real processes audit the same documents with one cache: both succeed, the
    cached index is whole, and a third run reuses it."""
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD + "So far, more than 2,400 nurses from 19 hospitals have been trained.\n")
    env = {**os.environ, "CLAIMCHECK_CACHE": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "claimcheck.cli", "audit", str(doc), "-f", "jsonl", "-q"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert outputs[0][0] == outputs[1][0] != ""
    [entry] = [p for p in (tmp_path / "cache" / "indexes").iterdir() if p.is_dir()]
    assert PassageIndex.load(entry).manifest["count"] >= 1
    third = subprocess.run(cmd[:-1], env=env, capture_output=True, text=True, timeout=300)
    assert "results reused" in third.stderr


# Issue 36: a one-line error naming the file (and line or field), exit 2, for each of these.

def test_a_folder_given_to_check_or_report(run, tmp_path):
    (tmp_path / "folder").mkdir()
    assert one_line_error(run("check", "folder", "--index", "ix")) == "folder: is a folder; give a .jsonl file"
    assert one_line_error(run("report", "folder")) == "folder: is a folder; give a .jsonl file"


def test_output_into_a_folder_or_an_impossible_path_is_refused_before_work(run, tmp_path):
    (tmp_path / "doc.txt").write_text(GOOD)
    (tmp_path / "out").mkdir()
    assert one_line_error(run("extract", "doc.txt", "-o", "out")) == "out: is a folder; give a file name to write"
    assert one_line_error(run("audit", "doc.txt", "-o", "out")) == "out: is a folder; give a file name to write"
    assert one_line_error(run("extract", "doc.txt", "-o", "doc.txt/claims.jsonl")) == (
        "doc.txt/claims.jsonl: cannot write here: doc.txt is a file, not a folder")
    assert one_line_error(run("report", "doc.txt", "-o", "/proc/nowhere/r.md")).startswith(
        "/proc/nowhere/r.md: cannot write here (")


def test_output_onto_an_input_is_refused_and_the_input_kept(run, tmp_path):
    """-o naming a document read (directly, inside a folder read, or by another name)
    would destroy it: refused before any work, the document unchanged."""
    (tmp_path / "docs").mkdir()
    doc = tmp_path / "docs" / "doc.txt"
    doc.write_text(GOOD)
    for args in (("extract", "docs/doc.txt"), ("audit", "docs"), ("audit", "x.txt", "--corpus", "docs")):
        error = one_line_error(run(*args, "-o", "./docs/doc.txt"))
        assert error == ("./docs/doc.txt: is also an input; writing the output there would "
                         "destroy it; give -o another file name")
    (tmp_path / "f.jsonl").write_text("")
    assert "is also an input" in one_line_error(run("report", "f.jsonl", "-o", "f.jsonl"))
    assert doc.read_text() == GOOD and (tmp_path / "f.jsonl").read_text() == ""
    assert one_line_error(run("extract", "docs/doc.txt", "-o", "")) == (
        "no file name given to -o; give a file name to write, or - for stdout")


def test_output_to_a_pipe_or_through_a_link_is_written_in_place(run, tmp_path):
    """A named pipe or a device given to -o is written, not replaced by a file; a link is
    followed, and the file it leads to written."""
    import threading

    (tmp_path / "doc.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe")
    got = []
    reader = threading.Thread(target=lambda: got.append((tmp_path / "pipe").read_text()))
    reader.start()
    assert run("extract", "doc.txt", "-o", "pipe").exit_code == 0
    reader.join(timeout=30)
    assert got and '"text"' in got[0]
    assert (tmp_path / "pipe").is_fifo()
    os.symlink("real.jsonl", tmp_path / "link.jsonl")
    assert run("extract", "doc.txt", "-o", "link.jsonl").exit_code == 0
    assert (tmp_path / "link.jsonl").is_symlink() and '"text"' in (tmp_path / "real.jsonl").read_text()
    assert run("extract", "doc.txt", "-o", os.devnull).exit_code == 0
    assert Path(os.devnull).is_char_device()


def test_one_file_under_two_names_is_read_once(tmp_path, monkeypatch):
    from claimcheck.io.paths import expand_paths

    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text(GOOD)
    assert expand_paths(["doc.txt", "./doc.txt", str(tmp_path / "doc.txt"), "."]) == ["doc.txt"]


def test_a_fifo_and_a_link_loop_given_as_input(run, tmp_path):
    import signal

    def hangs(*_):
        raise AssertionError("opening the FIFO hangs")

    os.mkfifo(tmp_path / "pipe.txt")
    signal.signal(signal.SIGALRM, hangs)
    signal.alarm(20)
    try:
        result = run("audit", "pipe.txt")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    assert one_line_error(result) == (
        "pipe.txt: not a regular file (a named pipe); to read a pipe, give - and send it to stdin")
    os.symlink("self.txt", tmp_path / "self.txt")
    assert one_line_error(run("audit", "self.txt")) == "self.txt: a symbolic link loop"


def test_files_skipped_in_a_folder_are_warned_about(run, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "docs" / "pipe.txt")
    (tmp_path / "outside.txt").write_text(GOOD)
    os.symlink("../outside.txt", tmp_path / "docs" / "link.txt")
    result = run("audit", "docs", "-f", "jsonl")
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [
        "claimcheck: warning: docs/link.txt: a link out of the folder, skipped; pass --follow-links to read it",
        "claimcheck: warning: docs/pipe.txt: not a regular file (a named pipe), skipped"]
    result = run("extract", "docs", "--follow-links")
    assert {json.loads(line)["doc"] for line in result.stdout.splitlines()} == {"docs/a.txt", "docs/link.txt"}


def test_a_gzip_bomb_names_the_option_that_raises_the_cap(run, tmp_path):
    import gzip

    with gzip.open(tmp_path / "bomb.jsonl.gz", "wb") as out:
        for _ in range(8):
            out.write(bytes(1 << 20))
    assert one_line_error(run("audit", "bomb.jsonl.gz", "--max-collection-mb", "2")) == (
        "bomb.jsonl.gz: unpacks to over 2 MB, the limit for one collection; "
        "if that is right, raise the limit with --max-collection-mb")


def test_bad_records_are_skipped_and_the_batch_goes_on(run, tmp_path):
    records = ['{"CaseStudyId": "1", "ImpactSummary": 12345}',
               '{"id": "s", "text": "We trained 40 nurses \\ud800 in 2019."}',
               "[" * 50_000 + "]" * 50_000,
               json.dumps({"CaseStudyId": "4", "ImpactSummary": GOOD})]
    (tmp_path / "cases.jsonl").write_text("\n".join(records) + "\n")
    assert one_line_error(run("audit", "cases.jsonl")) == 'cases.jsonl:1: "ImpactSummary" must be text, not a number'
    result = run("audit", "cases.jsonl", "--skip-bad")
    assert result.exit_code == 0 and "Audited 1 document, " in result.stdout
    skipped = [line.split(": ")[2] for line in result.stderr.splitlines()
               if line.startswith("claimcheck: warning: skipped")]
    assert skipped == ["skipped cases.jsonl:1", "skipped cases.jsonl:2", "skipped cases.jsonl:3"]


def test_unreadable_files_name_themselves(tmp_path):
    """Run as a user who cannot read the files (root, without the capabilities that let it)."""
    import shutil

    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv")
        prefix = [shutil.which("setpriv"), "--bounding-set=-dac_override,-dac_read_search"]
    (tmp_path / "doc.txt").write_text(GOOD)
    for name in ("locked.jsonl", "priors.json"):
        (tmp_path / name).write_text("{}\n")
        os.chmod(tmp_path / name, 0)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    for args, name in ((["check", "locked.jsonl", "--index", "ix"], "locked.jsonl"),
                       (["report", "locked.jsonl"], "locked.jsonl"),
                       (["audit", "doc.txt", "--priors", "priors.json"], "priors.json")):
        result = subprocess.run([*prefix, sys.executable, "-m", "claimcheck", *args], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2 and result.stderr.startswith(f"claimcheck: error: {name}: permission denied"), (
            args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("content, says", [
    (b'{"format": "claimcheck-cost-priors", "about": "caf\xe9", "kinds": []}',
     "priors.json: not UTF-8 text (byte 0xe9 at offset 50); save it as UTF-8"),
    (b'{"format": "claimcheck-cost-priors"}',
     'priors.json: missing "kinds"; see claimcheck/data/cost_priors.json for the format'),
    (b'{"format": "claimcheck-cost-priors", "kinds": [{"kind": "pilot", "total": "cheap", "source": "x"}]}',
     'priors.json: kinds[0].total: must be [low, high], two numbers with low <= high, not "cheap"; '
     "see claimcheck/data/cost_priors.json for the format"),
    (b'{"format": "claimcheck-cost-priors", "kinds": [], "funders": [{"funder": "F", "words": ["f"], '
     b'"kinds": {"*": {"total": [1, 2]}}}]}',
     'priors.json: funders[0].kinds["*"]: missing "source"; see claimcheck/data/cost_priors.json for the format'),
    (b'{"format": "claimcheck-cost-priors", "kinds": [], "exchange_to_gbp": {"USD": "high"}}',
     "priors.json: exchange_to_gbp: must map currency codes to rates above zero; "
     "see claimcheck/data/cost_priors.json for the format"),
])
def test_a_malformed_priors_file_is_refused_before_the_run(run, tmp_path, content, says):
    (tmp_path / "doc.txt").write_text(GOOD)
    (tmp_path / "priors.json").write_bytes(content)
    assert one_line_error(run("audit", "doc.txt", "--priors", "priors.json")) == says


def test_the_bundled_priors_hold_to_their_format():
    from claimcheck.checks.plausibility import load_priors, validate_priors

    assert validate_priors(load_priors()) is None


@pytest.mark.parametrize("change, says", [
    ({"severity": "__class__"}, '"severity" must be one of high, medium, low, not "__class__"'),
    ({"severity": ["high"]}, '"severity" must be one of high, medium, low, not ["high"]'),
    ({"claim": {"doc": "d", "text": "t", "start": "0", "end": 1}}, '"claim.start" must be a whole number'),
    ({"evidence": [{"doc": 1, "text": "t", "start": 0, "end": 1}]}, '"evidence[0].doc" must be text'),
    ({"values": []}, '"values" must be an object'),
])
def test_a_crafted_findings_file_is_refused(run, tmp_path, change, says):
    finding = {"id": "f1", "check": "x", "severity": "high", "message": "m",
               "claim": {"doc": "d", "text": "t", "start": 0, "end": 1}, "evidence": [], "values": {}}
    (tmp_path / "findings.jsonl").write_text(json.dumps({**finding, **change}) + "\n")
    expected = (f"findings.jsonl:1: not a claimcheck finding: {says}; "
                "give the output of claimcheck check or audit --format jsonl")
    for fmt in ("markdown", "html", "jsonl"):
        assert one_line_error(run("report", "findings.jsonl", "-f", fmt)) == expected
    (tmp_path / "doc.txt").write_text(GOOD)
    assert one_line_error(run("audit", "doc.txt", "--baseline", "findings.jsonl")) == expected


def test_nested_and_surrogate_lines_in_a_claims_file(run, tmp_path):
    (tmp_path / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n")
    assert one_line_error(run("check", "deep.jsonl", "--index", "ix")) == "deep.jsonl: JSON nested too deeply to read"
    (tmp_path / "odd.jsonl").write_text('{"text": "We trained 40 nurses \\udc00."}\n')
    assert one_line_error(run("check", "odd.jsonl", "--index", "ix")) == (
        "odd.jsonl:1: holds a lone surrogate ('\\udc00'), which is not Unicode text")


def test_python_m_claimcheck_runs_the_command():
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    result = subprocess.run([sys.executable, "-m", "claimcheck", "--version"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("claimcheck, version ")


def test_an_empty_claim_to_look_up_is_refused(run, tmp_path):
    (tmp_path / "doc.txt").write_text(GOOD)
    assert one_line_error(run("lookup", "  ", "--corpus", "doc.txt")).startswith(
        "the claim to look up is empty; give its words")
