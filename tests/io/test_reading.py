"""Reading files safely: size caps while unpacking, non-regular files, links and loops,
encodings, and records whose fields are not what they claim (issue 36, items 5 to 8)."""

import gzip
import io
import json
import os
import signal
import zipfile
from contextlib import contextmanager

import pytest

from claimcheck.errors import InputError
from claimcheck.io.documents import iter_documents, load_document, load_documents
from claimcheck.io.formats import docx_to_text
from claimcheck.io.paths import expand_paths

GOOD = "The scheme trained 2,410 nurses in 14 hospitals in 2019.\n"
OTHER = "Over 300 nurses from 19 hospitals were trained in 2020.\n"


@contextmanager
def time_limit(seconds):
    """Fail instead of hanging (a FIFO opened for reading blocks without a writer)."""
    def expired(*_):
        raise AssertionError(f"took over {seconds} s: hangs")

    before = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def names(paths, root):
    return [os.path.relpath(p, root) for p in paths]


# 5. Size caps while unpacking.

def test_a_gzip_bomb_is_refused_at_the_collection_cap_without_unpacking_it_whole(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as out:
        for _ in range(64):
            out.write(bytes(1 << 20))  # 64 MB of zeros in about 64 KB
    with pytest.raises(InputError) as err:
        list(load_documents(path, max_collection_mb=2))
    assert str(err.value) == (f"{path}: unpacks to over 2 MB, the limit for one collection; "
                              "if that is right, raise the limit with --max-collection-mb")


def test_a_collection_on_disk_over_the_cap_is_refused_before_reading(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"text": GOOD * 40_000}) + "\n")  # about 2.3 MB
    with pytest.raises(InputError, match=r"2\.3 MB is over the 1 MB limit for one collection; "
                                         r"split it, or raise the limit with --max-collection-mb 3"):
        list(load_documents(path, max_collection_mb=1))


def test_max_doc_mb_holds_for_each_record_of_a_collection(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "a", "text": GOOD}) + "\n"
                    + json.dumps({"id": "big", "text": GOOD * 20_000}) + "\n")  # 1.1 MB
    with pytest.raises(InputError, match=r"docs.jsonl:2: 1\.1 MB is over the 1 MB limit for one "
                                         r"document; split it, or raise the limit with --max-doc-mb 2"):
        list(load_documents(path, max_mb=1))
    skipped = []
    docs = list(load_documents(path, max_mb=1, skip_bad=skipped.append))
    assert [d.id for d in docs] == [f"{path}#a"] and len(skipped) == 1


def _docx(xml_text_bytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w") as out:
            out.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                      b"<w:body><w:p><w:r><w:t>")
            for _ in range(xml_text_bytes >> 20):
                out.write(b"a" * (1 << 20))
            out.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def test_a_docx_bomb_is_refused_at_the_document_limit():
    data = _docx(8 << 20)
    assert len(data) < 100_000
    with pytest.raises(InputError, match=r"bomb.docx: its text unpacks to over 2 MB, the limit for one "
                                         r"document; if that is right, raise the limit with --max-doc-mb"):
        docx_to_text(data, "bomb.docx", max_mb=2)
    assert docx_to_text(_docx(1 << 20), "small.docx", max_mb=2).startswith("aaa")


def test_stdin_is_capped_too(monkeypatch):
    class Stdin:
        buffer = io.BytesIO(b"x" * 3_000_000)

    monkeypatch.setattr("sys.stdin", Stdin)
    with pytest.raises(InputError, match="-: is over 2 MB, the limit for one document"):
        list(load_documents("-", max_mb=2))


# 6. Non-regular files, links and loops.

def test_a_fifo_named_is_refused_without_waiting_on_it(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with time_limit(10), pytest.raises(InputError) as err:
        load_document(tmp_path / "pipe.txt")
    assert str(err.value) == (f"{tmp_path / 'pipe.txt'}: not a regular file (a named pipe); "
                              "to read a pipe, give - and send it to stdin")


def test_a_fifo_in_a_folder_is_skipped_with_a_note(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.unknown")  # not a document's name: skipped without a word
    notes = []
    with time_limit(10):
        docs = list(iter_documents([tmp_path], note=notes.append))
    assert [d.id for d in docs] == [str(tmp_path / "a.txt")]
    assert notes == [f"{tmp_path / 'pipe.txt'}: not a regular file (a named pipe), skipped"]


def test_a_self_looping_link_named_or_in_a_folder(tmp_path):
    os.symlink("self.txt", tmp_path / "self.txt")
    with pytest.raises(InputError, match=r"self.txt: a symbolic link loop"):
        load_document(tmp_path / "self.txt")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(GOOD)
    os.symlink("loop.txt", tmp_path / "docs" / "loop.txt")
    notes = []
    assert names(expand_paths([tmp_path / "docs"], note=notes.append), tmp_path) == ["docs/a.txt"]
    assert notes == [f"{tmp_path / 'docs' / 'loop.txt'}: a symbolic link loop, skipped"]


def test_a_link_out_of_the_folder_is_read_only_when_asked(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "private").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(GOOD)
    (tmp_path / "docs" / "b.txt").symlink_to(tmp_path / "docs" / "a.txt")  # inside: read
    (tmp_path / "private" / "secret.txt").write_text(OTHER)
    (tmp_path / "docs" / "out.txt").symlink_to(tmp_path / "private" / "secret.txt")
    (tmp_path / "docs" / "away").symlink_to(tmp_path / "private")
    notes = []
    found = expand_paths([tmp_path / "docs"], note=notes.append)
    assert names(found, tmp_path) == ["docs/a.txt", "docs/b.txt"]
    assert notes == [f"{tmp_path / 'docs' / 'away'}: a link out of the folder, skipped; "
                     "pass --follow-links to read it",
                     f"{tmp_path / 'docs' / 'out.txt'}: a link out of the folder, skipped; "
                     "pass --follow-links to read it"]
    found = expand_paths([tmp_path / "docs"], follow_links=True)
    assert names(found, tmp_path) == ["docs/a.txt", "docs/away/secret.txt", "docs/b.txt", "docs/out.txt"]


def test_a_folder_link_loop_ends_when_links_are_followed(tmp_path):
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "a.txt").write_text(GOOD)
    (tmp_path / "docs" / "sub" / "b.txt").write_text(OTHER)
    os.symlink("..", tmp_path / "docs" / "sub" / "back")
    os.symlink("sub", tmp_path / "docs" / "twin")
    notes = []
    with time_limit(10):
        found = expand_paths([tmp_path / "docs"], follow_links=True, note=notes.append)
    assert names(found, tmp_path) == ["docs/a.txt", "docs/sub/b.txt"]
    assert notes == [f"{tmp_path / 'docs' / 'sub' / 'back'}: a link back to a folder that holds it "
                     "(a loop), skipped",
                     f"{tmp_path / 'docs' / 'twin'}: a link to a folder already read, skipped"]


def test_a_glob_through_link_loops_ends_and_finds_each_file_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "a.txt").write_text(GOOD)
    (tmp_path / "docs" / "sub" / "b.md").write_text(OTHER)
    for i in range(4):  # 4 loops: a glob that follows them has 4^40 paths to try
        os.symlink(".", tmp_path / "docs" / f"here{i}")
    with time_limit(20):
        assert expand_paths(["docs/**/*.txt"]) == ["docs/a.txt"]
        assert expand_paths(["docs/**/*.txt"], follow_links=True) == ["docs/a.txt"]


@pytest.mark.parametrize("pattern, expected", [
    ("*.txt", ["a.txt", "b.txt"]),
    ("[a]*", ["a.txt", "ab.md"]),
    ("?.txt", ["a.txt", "b.txt"]),
    ("**/*.txt", ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt"]),
    ("sub/*", ["sub/c.txt", "sub/deeper/d.txt"]),  # a folder matched gives its documents
    ("*/*.txt", ["sub/c.txt"]),
    (".*.txt", [".hidden.txt"]),
])
def test_globs_match_as_glob_does(tmp_path, monkeypatch, pattern, expected):
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt", "ab.md", ".hidden.txt", "sub/c.txt", "sub/deeper/d.txt", ".git/e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(GOOD)
    assert expand_paths([pattern]) == expected
    assert expand_paths([str(tmp_path / pattern)]) == [str(tmp_path / e) for e in expected]


# 7. Records whose fields are not what they claim.

def test_a_ref_record_with_a_field_of_the_wrong_type(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps({"CaseStudyId": "1", "ImpactSummary": 12345}) + "\n"
                    + json.dumps({"CaseStudyId": "2", "ImpactSummary": GOOD}) + "\n")
    with pytest.raises(InputError) as err:
        list(load_documents(path))
    assert str(err.value) == f'{path}:1: "ImpactSummary" must be text, not a number'
    skipped = []
    assert [d.id for d in load_documents(path, skip_bad=skipped.append)] == [f"{path}#2"]
    assert len(skipped) == 1


def test_a_lone_surrogate_is_refused_with_its_place(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "We trained 40 nurses \\ud800 in 2019."}\n'
                    + json.dumps({"id": "b", "text": GOOD}) + "\n")
    with pytest.raises(InputError) as err:
        list(load_documents(path))
    assert str(err.value) == (f'{path}:1: "text" holds a lone surrogate (\\ud800 at character 21), '
                              "which is not Unicode text")
    skipped = []
    assert [d.id for d in load_documents(path, skip_bad=skipped.append)] == [f"{path}#b"]


def test_deeply_nested_json_is_an_error_naming_the_file_and_line(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.json").write_text(deep)
    with pytest.raises(InputError, match=r"deep.json: JSON nested too deeply to read$"):
        list(load_documents(tmp_path / "deep.json"))
    path = tmp_path / "deep.jsonl"
    path.write_text(json.dumps({"id": "a", "text": GOOD}) + "\n\n" + deep + "\n"
                    + json.dumps({"id": "b", "text": OTHER}) + "\n" + deep + "\n")
    with pytest.raises(InputError, match=r"deep.jsonl:3: JSON nested too deeply to read$"):
        list(load_documents(path))
    skipped = []
    assert [d.id for d in load_documents(path, skip_bad=skipped.append)] == [f"{path}#a", f"{path}#b"]
    assert [e.line for e in skipped] == [3, 5]


# 8. Encodings and NULs.

@pytest.mark.parametrize("data", [
    b"\xff\xfe" + GOOD.encode("utf-16-le"),
    b"\xfe\xff" + GOOD.encode("utf-16-be"),
    b"\xef\xbb\xbf" + GOOD.encode(),
    b"\xff\xfe\x00\x00" + GOOD.encode("utf-32-le"),
], ids=["utf-16-le", "utf-16-be", "utf-8", "utf-32-le"])
def test_text_with_a_byte_order_mark_is_read(tmp_path, data):
    (tmp_path / "doc.txt").write_bytes(data)
    assert load_document(tmp_path / "doc.txt").text == GOOD


def test_a_collection_in_utf16_is_read(tmp_path):
    (tmp_path / "docs.jsonl").write_bytes(b"\xff\xfe" + (json.dumps({"text": GOOD}) + "\n").encode("utf-16-le"))
    assert [d.text for d in load_documents(tmp_path / "docs.jsonl")] == [GOOD]


def test_a_nul_anywhere_makes_a_file_binary(tmp_path):
    (tmp_path / "late.txt").write_bytes(GOOD.encode() * 200 + b"\x00" + GOOD.encode())
    with pytest.raises(InputError) as err:
        load_document(tmp_path / "late.txt")
    assert str(err.value) == (f"{tmp_path / 'late.txt'}: binary file, not text (a NUL byte at offset "
                              f"{len(GOOD) * 200}); give a .txt, .md or .jsonl file")
    (tmp_path / "nul16.txt").write_bytes(b"\xff\xfe" + (GOOD + "\x00").encode("utf-16-le"))
    with pytest.raises(InputError, match="binary file, not text"):
        load_document(tmp_path / "nul16.txt")


def test_a_bad_utf16_file_says_so(tmp_path):
    (tmp_path / "odd.txt").write_bytes(b"\xff\xfe" + GOOD.encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(InputError, match="not UTF-16 text, though it begins with a UTF-16 byte order mark"):
        load_document(tmp_path / "odd.txt")
