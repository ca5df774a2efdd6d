"""Nothing of the user's is lost, and a killed run is repaired by the next (issue 36,
items 1-3)."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.errors import InputError
from claimcheck.io.jsonl import atomic_write
from claimcheck.retrieve.index import PassageIndex
from claimcheck.retrieve.passages import Passage

ROOT = Path(__file__).resolve().parents[1]
#: Above any Linux pid_max (2**22): a process that cannot be running.
DEAD_PID = 99_999_999


def small_index(texts, dim=4):
    passages = [Passage(f"p{i}", "doc", "", i * 10, i * 10 + len(t), t) for i, t in enumerate(texts)]
    vectors = np.eye(len(texts), dim, dtype=np.float32)
    return PassageIndex.from_vectors(passages, vectors, "fake-model")


def tree(folder):
    """{relative path: bytes} of every file under `folder`."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


# -- 1. an index replaces only an index --------------------------------------------------

def user_folder(tmp_path):
    docs = tmp_path / "DOCS"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text("In 2019 the scheme trained 40 nurses in 12 clinics.\n")
    (docs / "sub" / "b.md").write_text("The clinics saw 3,000 patients a year.\n")
    return docs


def test_saving_into_a_folder_that_is_not_an_index_is_refused(tmp_path):
    docs = user_folder(tmp_path)
    before = tree(docs)
    with pytest.raises(InputError) as caught:
        small_index(["one", "two"]).save(docs)
    message = str(caught.value)
    assert message.startswith(f"{docs}: is not a claimcheck index") and "a.txt" in message
    assert "\n" not in message
    assert tree(docs) == before


def test_a_folder_with_an_index_and_something_else_is_refused(tmp_path):
    folder = tmp_path / "idx"
    small_index(["one"]).save(folder)
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="notes.txt"):
        small_index(["two"]).save(folder)
    assert (folder / "notes.txt").read_text() == "mine"
    assert PassageIndex.load(folder).passages[0].text == "one"


def test_a_file_or_a_foreign_manifest_is_refused_and_an_empty_folder_used(tmp_path):
    afile = tmp_path / "out"
    afile.write_text("keep me")
    with pytest.raises(InputError, match="not a folder"):
        small_index(["one"]).save(afile)
    assert afile.read_text() == "keep me"
    webapp = tmp_path / "webapp"
    webapp.mkdir()
    (webapp / "manifest.json").write_text('{"name": "my app"}')
    with pytest.raises(InputError, match="no claimcheck index manifest"):
        small_index(["one"]).save(webapp)
    assert (webapp / "manifest.json").read_text() == '{"name": "my app"}'
    empty = tmp_path / "empty"
    empty.mkdir()
    small_index(["one"]).save(empty)
    assert PassageIndex.load(empty).passages[0].text == "one"


def test_index_command_into_its_own_input_folder_exits_2_and_keeps_it(tmp_path):
    docs = user_folder(tmp_path)
    before = tree(docs)
    result = CliRunner().invoke(main, ["index", str(docs), "-o", str(docs), "--quiet"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(docs) in lines[0] and "not a claimcheck index" in lines[0]
    assert "Traceback" not in result.output
    assert tree(docs) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing left beside it


# -- 2. a save killed between its two renames is repaired --------------------------------

CRASH = textwrap.dedent("""
    import os, sys
    import numpy as np
    from claimcheck.retrieve import index
    from claimcheck.retrieve.passages import Passage

    def make(texts):
        passages = [Passage(f"p{i}", "doc", "", 0, len(t), t) for i, t in enumerate(texts)]
        return index.PassageIndex.from_vectors(passages, np.eye(len(texts), 4, dtype=np.float32), "fake-model")

    folder = sys.argv[1]
    make(["old index"]).save(folder)
    index._exchange = lambda a, b: False  # the two-rename swap, as where renameat2 is missing
    renames, replace = [], os.replace
    def replace_then_die(a, b):
        renames.append((a, b))
        if len(renames) == 2:  # the old index moved aside, the new one not yet in place
            os._exit(9)
        replace(a, b)
    os.replace = replace_then_die
    make(["new index"]).save(folder)
""")


def crash_between_renames(folder):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CRASH, str(folder)], env=env, capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    assert not folder.exists()  # the crash left no index at the path ...
    aside = [p.name for p in folder.parent.iterdir()]
    assert any(name.startswith(f".{folder.name}.old-") for name in aside), aside  # ... only the old one aside


def test_a_load_after_a_crash_between_the_renames_puts_the_old_index_back(tmp_path):
    folder = tmp_path / "idx"
    crash_between_renames(folder)
    assert [p.text for p in PassageIndex.load(folder).passages] == ["old index"]
    assert [p.name for p in tmp_path.iterdir()] == ["idx"]


def test_a_save_after_a_crash_between_the_renames_finishes_cleanly(tmp_path):
    folder = tmp_path / "idx"
    crash_between_renames(folder)
    small_index(["newest"]).save(folder)
    assert [p.text for p in PassageIndex.load(folder).passages] == ["newest"]
    assert [p.name for p in tmp_path.iterdir()] == ["idx"]


def test_an_interrupt_between_the_renames_puts_the_old_index_back(tmp_path, monkeypatch):
    from claimcheck.retrieve import index

    folder = tmp_path / "idx"
    small_index(["old"]).save(folder)
    monkeypatch.setattr(index, "_exchange", lambda a, b: False)
    calls, replace = [], os.replace

    def interrupted(a, b):
        calls.append(a)
        if len(calls) == 2:
            raise KeyboardInterrupt
        replace(a, b)

    monkeypatch.setattr(index.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        small_index(["new"]).save(folder)
    monkeypatch.setattr(index.os, "replace", replace)
    assert [p.text for p in PassageIndex.load(folder).passages] == ["old"]
    assert [p.name for p in tmp_path.iterdir()] == ["idx"]


def test_the_working_folders_of_a_running_save_are_left_alone(tmp_path):
    from claimcheck.retrieve.index import recover

    folder = tmp_path / "idx"
    small_index(["one"]).save(folder)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = tmp_path / f".idx.new-{sleeper.pid}-abcd1234"
        dead = tmp_path / f".idx.new-{DEAD_PID}-abcd1234"
        other = tmp_path / f".other.new-{DEAD_PID}-abcd1234"
        for path in (busy, dead, other):
            path.mkdir()
        recover(folder)
        assert busy.exists() and other.exists() and not dead.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


# -- 3. temporaries of a killed write are removed by the next one -----------------------

def test_stale_temporaries_of_this_output_only_are_removed(tmp_path):
    out = tmp_path / "findings.jsonl"
    old = time.time() - 3600
    stale = [tmp_path / f".findings.jsonl.{DEAD_PID}-abcd_123.tmp",  # a killed run's
             tmp_path / ".findings.jsonl.k2j4x9q1.tmp"]  # 0.4.3's naming
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    kept = [tmp_path / f".findings.jsonl.{sleeper.pid}-abcd_123.tmp",  # a running write's
            tmp_path / f".other.jsonl.{DEAD_PID}-abcd_123.tmp",  # another output's
            tmp_path / ".findings.jsonl.notes.tmp",  # not the pattern
            tmp_path / "findings.jsonl.abcd_123.tmp"]
    try:
        for path in stale + kept:
            path.write_text("x")
            os.utime(path, (old, old))
        young = tmp_path / f".findings.jsonl.{DEAD_PID}-zzzz_999.tmp"  # written since this run began
        young.write_text("x")
        with atomic_write(out) as handle:
            handle.write("{}\n")
        assert not any(p.exists() for p in stale)
        assert all(p.exists() for p in kept + [young])
        assert out.read_text() == "{}\n"
        from claimcheck.io.jsonl import remove_stale_temporaries

        assert remove_stale_temporaries(out) == []
    finally:
        sleeper.kill()
        sleeper.wait()
