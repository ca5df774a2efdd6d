"""Bad input to the real command line: each case runs `python -m claimcheck` as a user
would and checks that the answer is clean (exit 2 and one line naming the file, or the
documented skip or reading), never a traceback or a hang."""

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Seconds one command may take in these cases (the model loads in about one).
COMMAND_SECONDS = 60
GOOD = "The scheme trained 2,410 nurses in 14 hospitals in 2019.\n"
OTHER = "Over 300 nurses from 19 hospitals were trained in 2020.\n"


def claimcheck(tmp, *args, prefix=(), seconds=COMMAND_SECONDS):
    """Run the command line in `tmp` with its own cache; a hang is an AssertionError."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMCHECK_CACHE": str(tmp / ".cache")}
    cmd = [*prefix, sys.executable, "-m", "claimcheck", *args]
    try:
        return subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True,
                              errors="replace", stdin=subprocess.DEVNULL, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"claimcheck {' '.join(args)}: no answer within {seconds} s") from None


def no_traceback(result):
    assert "Traceback" not in result.stderr, result.stderr.strip().splitlines()[-1]


def one_line_error(result, *names):
    """The error line, checked: exit 2, one line on stderr naming each of `names`."""
    no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, f"exit {result.returncode}, not 2: {lines[-1:]}"
    assert len(lines) == 1, f"{len(lines)} lines on stderr, not one: {lines[:3]}"
    assert lines[0].startswith("claimcheck: error: "), lines[0]
    for name in names:
        assert name in lines[0], f"{name!r} not named in {lines[0]!r}"
    return lines[0]


def audited(result, documents):
    """A run that went on: exit 0, `documents` audited, no traceback."""
    no_traceback(result)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr.strip().splitlines()[-1:]}"
    said = f"Audited {documents} document{'' if documents == 1 else 's'},"
    assert said in result.stdout, result.stdout[:200]


def claims_of(result):
    no_traceback(result)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr.strip().splitlines()[-1:]}"
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def warnings_of(result):
    return [line for line in result.stderr.splitlines() if line.startswith("claimcheck: warning: ")]


# 5. Unpacked size is capped while reading.

def gzip_bomb(tmp):
    """1 MB of gzip that unpacks to 1 GB: refused at the cap, in seconds."""
    with gzip.open(tmp / "bomb.jsonl.gz", "wb", compresslevel=9) as out:
        for _ in range(1024):
            out.write(bytes(1 << 20))
    started = time.monotonic()
    one_line_error(claimcheck(tmp, "audit", "bomb.jsonl.gz"), "bomb.jsonl.gz", "--max-collection-mb")
    assert time.monotonic() - started < 30, f"took {time.monotonic() - started:.0f} s"


def docx_bomb(tmp):
    """A .docx whose document.xml unpacks to 1 GB: refused at the document limit."""
    with zipfile.ZipFile(tmp / "bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as out:
            out.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                      b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            for _ in range(1024):
                out.write(b"a" * (1 << 20))
            out.write(b"</w:t></w:r></w:p></w:body></w:document>")
    started = time.monotonic()
    one_line_error(claimcheck(tmp, "audit", "bomb.docx"), "bomb.docx", "--max-doc-mb")
    assert time.monotonic() - started < 30, f"took {time.monotonic() - started:.0f} s"


def collection_record_over_doc_limit(tmp):
    """--max-doc-mb holds for each document of a JSON Lines collection too."""
    big = {"id": "big", "text": GOOD * 30000}  # about 1.7 MB
    (tmp / "docs.jsonl").write_text(json.dumps({"id": "ok", "text": GOOD}) + "\n" + json.dumps(big) + "\n")
    one_line_error(claimcheck(tmp, "audit", "docs.jsonl", "--max-doc-mb", "1"),
                   "docs.jsonl:2", "--max-doc-mb")
    result = claimcheck(tmp, "audit", "docs.jsonl", "--max-doc-mb", "1", "--skip-bad")
    audited(result, 1)
    assert any("docs.jsonl:2" in w for w in warnings_of(result)), result.stderr


# 6. Non-regular files, links and loops.

def fifo_as_input(tmp):
    os.mkfifo(tmp / "pipe.txt")
    one_line_error(claimcheck(tmp, "audit", "pipe.txt"), "pipe.txt")


def fifo_in_a_folder(tmp):
    (tmp / "docs").mkdir()
    (tmp / "docs" / "a.txt").write_text(GOOD)
    os.mkfifo(tmp / "docs" / "pipe.txt")
    result = claimcheck(tmp, "extract", "docs")
    assert {c["doc"] for c in claims_of(result)} == {"docs/a.txt"}, result.stdout[:200]
    assert any("docs/pipe.txt" in w for w in warnings_of(result)), result.stderr


def glob_through_a_symlink_loop(tmp):
    (tmp / "docs").mkdir()
    (tmp / "docs" / "a.txt").write_text(GOOD)
    os.symlink(".", tmp / "docs" / "here")
    os.symlink("..", tmp / "docs" / "up")
    result = claimcheck(tmp, "extract", "docs/**/*.txt")
    assert [c["doc"] for c in claims_of(result)] == ["docs/a.txt"], result.stdout[:300]


def folder_link_loop_with_follow_links(tmp):
    (tmp / "docs" / "sub").mkdir(parents=True)
    (tmp / "docs" / "a.txt").write_text(GOOD)
    (tmp / "docs" / "sub" / "b.txt").write_text(OTHER)
    os.symlink("..", tmp / "docs" / "sub" / "back")
    result = claimcheck(tmp, "extract", "docs", "--follow-links")
    assert sorted(c["doc"] for c in claims_of(result)) == ["docs/a.txt", "docs/sub/b.txt"], result.stdout[:300]
    assert any("docs/sub/back" in w for w in warnings_of(result)), result.stderr


def link_out_of_the_folder(tmp):
    (tmp / "docs").mkdir()
    (tmp / "elsewhere").mkdir()
    (tmp / "docs" / "a.txt").write_text(GOOD)
    (tmp / "elsewhere" / "private.txt").write_text(OTHER)
    os.symlink("../elsewhere/private.txt", tmp / "docs" / "link.txt")
    result = claimcheck(tmp, "extract", "docs")
    assert {c["doc"] for c in claims_of(result)} == {"docs/a.txt"}, "the link out of the folder was read"
    assert any("docs/link.txt" in w and "--follow-links" in w for w in warnings_of(result)), result.stderr
    result = claimcheck(tmp, "extract", "docs", "--follow-links")
    assert {c["doc"] for c in claims_of(result)} == {"docs/a.txt", "docs/link.txt"}, result.stdout[:300]


# 7. One-line errors instead of tracebacks.

def deeply_nested_json(tmp):
    (tmp / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    one_line_error(claimcheck(tmp, "audit", "deep.json"), "deep.json")


def deeply_nested_jsonl_line(tmp):
    (tmp / "deep.jsonl").write_text(json.dumps({"id": "a", "text": GOOD}) + "\n"
                                    + '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    one_line_error(claimcheck(tmp, "audit", "deep.jsonl"), "deep.jsonl")
    (tmp / "other.txt").write_text(OTHER)
    audited(claimcheck(tmp, "audit", "deep.jsonl", "other.txt", "--skip-bad"), 2)


def deeply_nested_claims_file(tmp):
    (tmp / "claims.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n")
    one_line_error(claimcheck(tmp, "check", "claims.jsonl", "--index", "nowhere"), "claims.jsonl")


def ref_record_field_of_wrong_type(tmp):
    records = [{"CaseStudyId": "1", "Title": "A", "ImpactSummary": 12345},
               {"CaseStudyId": "2", "Title": "B", "ImpactSummary": GOOD, "ImpactDetails": OTHER}]
    (tmp / "cases.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    one_line_error(claimcheck(tmp, "audit", "cases.jsonl"), "cases.jsonl:1", "ImpactSummary")
    result = claimcheck(tmp, "audit", "cases.jsonl", "--skip-bad")
    audited(result, 1)
    assert any("cases.jsonl:1" in w for w in warnings_of(result)), result.stderr


def lone_surrogate(tmp):
    (tmp / "docs.jsonl").write_text('{"id": "a", "text": "We trained 40 nurses \\ud800 in 2019."}\n'
                                    + json.dumps({"id": "b", "text": GOOD}) + "\n")
    one_line_error(claimcheck(tmp, "audit", "docs.jsonl"), "docs.jsonl:1")
    result = claimcheck(tmp, "audit", "docs.jsonl", "--skip-bad")
    audited(result, 1)
    assert any("docs.jsonl:1" in w for w in warnings_of(result)), result.stderr


def number_words_that_overflow(tmp):
    (tmp / "words.txt").write_text("We had " + "two hundred and " * 300 + "five nurses.\n")
    claims_of(claimcheck(tmp, "extract", "words.txt"))
    (tmp / "twice.txt").write_text("We trained two hundred and two hundred and five nurses.\n")
    [claim] = claims_of(claimcheck(tmp, "extract", "twice.txt"))
    values = [q["value"] for q in claim["quantities"]]
    assert values == [200, 205], f"read as {values}"


def folder_given_to_check(tmp):
    (tmp / "claims").mkdir()
    one_line_error(claimcheck(tmp, "check", "claims", "--index", "nowhere"), "claims")


def folder_given_to_report(tmp):
    (tmp / "findings").mkdir()
    one_line_error(claimcheck(tmp, "report", "findings"), "findings")


def _unreadable(tmp, name, text):
    """A file this user cannot read, and the prefix that runs a command as such a user:
    root reads everything, so it runs without the capabilities that let it."""
    (tmp / name).write_text(text)
    os.chmod(tmp / name, 0)
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    assert setpriv, "running as root without setpriv: cannot make a file unreadable"
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")


def unreadable_document(tmp):
    prefix = _unreadable(tmp, "doc.txt", GOOD)
    one_line_error(claimcheck(tmp, "audit", "doc.txt", prefix=prefix), "doc.txt")


def unreadable_claims_and_findings(tmp):
    prefix = _unreadable(tmp, "locked.jsonl", json.dumps({"text": GOOD}) + "\n")
    one_line_error(claimcheck(tmp, "check", "locked.jsonl", "--index", "nowhere", prefix=prefix),
                   "locked.jsonl")
    one_line_error(claimcheck(tmp, "report", "locked.jsonl", prefix=prefix), "locked.jsonl")


def unreadable_priors(tmp):
    prefix = _unreadable(tmp, "priors.json", "{}")
    (tmp / "doc.txt").write_text(GOOD)
    one_line_error(claimcheck(tmp, "audit", "doc.txt", "--priors", "priors.json", prefix=prefix),
                   "priors.json")


def output_into_a_folder(tmp):
    (tmp / "doc.txt").write_text(GOOD)
    (tmp / "out").mkdir()
    one_line_error(claimcheck(tmp, "extract", "doc.txt", "-o", "out"), "out")
    one_line_error(claimcheck(tmp, "audit", "doc.txt", "-o", "out"), "out")


def output_to_an_impossible_path(tmp):
    (tmp / "doc.txt").write_text(GOOD)
    one_line_error(claimcheck(tmp, "extract", "doc.txt", "-o", "doc.txt/claims.jsonl"),
                   "doc.txt/claims.jsonl")
    one_line_error(claimcheck(tmp, "audit", "doc.txt", "-f", "jsonl", "-o", "/proc/nowhere/f.jsonl"),
                   "/proc/nowhere/f.jsonl")


def self_looping_symlink(tmp):
    os.symlink("self.txt", tmp / "self.txt")
    one_line_error(claimcheck(tmp, "audit", "self.txt"), "self.txt")
    (tmp / "docs").mkdir()
    (tmp / "docs" / "a.txt").write_text(GOOD)
    os.symlink("loop.txt", tmp / "docs" / "loop.txt")
    result = claimcheck(tmp, "extract", "docs")
    assert {c["doc"] for c in claims_of(result)} == {"docs/a.txt"}, result.stdout[:200]
    assert any("docs/loop.txt" in w for w in warnings_of(result)), result.stderr


def _priors_case(tmp, content, *names):
    (tmp / "doc.txt").write_text(GOOD)
    data = content if isinstance(content, bytes) else json.dumps(content).encode()
    (tmp / "priors.json").write_bytes(data)
    one_line_error(claimcheck(tmp, "audit", "doc.txt", "--priors", "priors.json"), "priors.json", *names)


def priors_bad_utf8(tmp):
    _priors_case(tmp, b'{"format": "claimcheck-cost-priors", "about": "caf\xe9", "kinds": []}')


def priors_missing_kinds(tmp):
    _priors_case(tmp, {"format": "claimcheck-cost-priors", "version": 1}, "kinds")


def priors_wrong_types(tmp):
    _priors_case(tmp, {"format": "claimcheck-cost-priors", "version": 1, "kinds": [
        {"kind": "pilot study", "words": "pilot study", "total": "cheap", "source": "x"}]},
        "kinds[0]")


def findings_with_a_crafted_severity(tmp):
    finding = {"id": "f1", "check": "x", "severity": "__class__", "message": "m",
               "claim": {"doc": "d", "text": "t", "start": 0, "end": 1}, "evidence": [], "values": {}}
    (tmp / "findings.jsonl").write_text(json.dumps(finding) + "\n")
    for fmt in ("markdown", "html", "jsonl"):
        one_line_error(claimcheck(tmp, "report", "findings.jsonl", "-f", fmt), "findings.jsonl:1", "severity")
    (tmp / "doc.txt").write_text(GOOD)
    one_line_error(claimcheck(tmp, "audit", "doc.txt", "--baseline", "findings.jsonl"),
                   "findings.jsonl:1", "severity")


# 8. Encodings and NULs.

def _reads(tmp, name, data):
    (tmp / name).write_bytes(data)
    claims = claims_of(claimcheck(tmp, "extract", name))
    assert [c["text"] for c in claims] == [GOOD.strip()], f"read as {[c['text'] for c in claims]}"


def utf16_le_with_bom(tmp):
    _reads(tmp, "le.txt", b"\xff\xfe" + GOOD.encode("utf-16-le"))


def utf16_be_with_bom(tmp):
    _reads(tmp, "be.txt", b"\xfe\xff" + GOOD.encode("utf-16-be"))


def utf8_with_bom(tmp):
    _reads(tmp, "bom.txt", b"\xef\xbb\xbf" + GOOD.encode())


def nul_after_the_first_8kb(tmp):
    (tmp / "late.txt").write_bytes(GOOD.encode() * 200 + b"\x00" + GOOD.encode())
    assert "binary" in one_line_error(claimcheck(tmp, "audit", "late.txt"), "late.txt")


CASES = [
    ("gzip bomb", gzip_bomb),
    ("docx bomb", docx_bomb),
    ("collection record over --max-doc-mb", collection_record_over_doc_limit),
    ("FIFO as input", fifo_as_input),
    ("FIFO in a folder", fifo_in_a_folder),
    ("glob through a symlink loop", glob_through_a_symlink_loop),
    ("folder link loop, --follow-links", folder_link_loop_with_follow_links),
    ("link out of the folder", link_out_of_the_folder),
    ("deeply nested JSON", deeply_nested_json),
    ("deeply nested JSONL line", deeply_nested_jsonl_line),
    ("deeply nested claims file", deeply_nested_claims_file),
    ("REF field of wrong type", ref_record_field_of_wrong_type),
    ("lone surrogate", lone_surrogate),
    ("number words that overflow", number_words_that_overflow),
    ("folder given to check", folder_given_to_check),
    ("folder given to report", folder_given_to_report),
    ("unreadable document", unreadable_document),
    ("unreadable claims and findings", unreadable_claims_and_findings),
    ("unreadable priors", unreadable_priors),
    ("-o into a folder", output_into_a_folder),
    ("-o to an impossible path", output_to_an_impossible_path),
    ("self-looping symlink", self_looping_symlink),
    ("priors: bad UTF-8", priors_bad_utf8),
    ("priors: no kinds", priors_missing_kinds),
    ("priors: wrong types", priors_wrong_types),
    ("findings: crafted severity", findings_with_a_crafted_severity),
    ("UTF-16 LE with BOM", utf16_le_with_bom),
    ("UTF-16 BE with BOM", utf16_be_with_bom),
    ("UTF-8 with BOM", utf8_with_bom),
    ("NUL after the first 8 KB", nul_after_the_first_8kb),
]
