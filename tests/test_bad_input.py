"""Bad input, faults and concurrent use: one-line errors, nothing lost."""

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.errors import IndexMismatchError
from claimcheck.index import PassageIndex
from claimcheck.passages import Passage

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
    assert one_line_error(run("audit", "b.txt")) == "b.txt: binary file, not text; give a .txt, .md or .jsonl file"


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
    assert 'skipped docs.jsonl:3: record has no "text" field (keys: body, id)' in result.stderr
    assert "Audited 2 document(s)" not in result.stdout  # jsonl carries findings only


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
