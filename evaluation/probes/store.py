"""What the user has is never lost, a killed run is repaired by the next, and the caches
hold only data that only the user can read (issue 36, items 1-3 and 13-15). Each case
runs the real command line, or kills a real process mid-write."""

import json
import os
import pickle
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from probes.input import GOOD, OTHER, ROOT, claimcheck, no_traceback, one_line_error

#: Above any Linux pid_max (2**22): a process that cannot be running.
DEAD_PID = 99_999_999


def _tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def _user_folder(tmp):
    docs = tmp / "DOCS"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text(GOOD)
    (docs / "sub" / "b.md").write_text(OTHER)
    return docs


# 1. An index replaces only an index.

def index_into_its_own_input_folder(tmp):
    docs = _user_folder(tmp)
    before = _tree(docs)
    one_line_error(claimcheck(tmp, "index", "DOCS", "-o", "DOCS", "-q"), "DOCS")
    assert _tree(docs) == before, "the input folder changed"


def index_into_a_folder_of_other_files(tmp):
    home = tmp / "Documents"
    (home / "letters").mkdir(parents=True)
    (home / "letters" / "x.txt").write_text("private")
    (tmp / "a.txt").write_text(GOOD)
    before = _tree(home)
    one_line_error(claimcheck(tmp, "index", "a.txt", "-o", "Documents", "-q"), "Documents")
    assert _tree(home) == before, "the folder changed"


def index_replaces_its_own_index(tmp):
    (tmp / "a.txt").write_text(GOOD)
    for _ in range(2):
        result = claimcheck(tmp, "index", "a.txt", "-o", "idx", "-q")
        no_traceback(result)
        assert result.returncode == 0, result.stderr[-300:]
    assert (tmp / "idx").is_dir() and [p.name for p in tmp.iterdir() if p.name.startswith(".idx")] == []


# 2. A save killed between its two renames is repaired by the next run.

_CRASH = textwrap.dedent("""
    import os, sys
    import numpy as np
    from claimcheck.retrieve import index
    from claimcheck.retrieve.passages import Passage

    def make(texts):
        passages = [Passage(f"p{i}", "doc", "", 0, len(t), t) for i, t in enumerate(texts)]
        return index.PassageIndex.from_vectors(passages, np.eye(len(texts), 4, dtype=np.float32), "fake")

    make(["old index"]).save(sys.argv[1])
    index._exchange = lambda a, b: False  # the two-rename swap, as where renameat2 is missing
    renames, replace = [], os.replace
    def replace_then_die(a, b):
        renames.append(a)
        if len(renames) == 2:
            os.kill(os.getpid(), 9)
        replace(a, b)
    os.replace = replace_then_die
    make(["new index"]).save(sys.argv[1])
""")

_LOAD = "import sys; from claimcheck.retrieve.index import PassageIndex; " \
        "print(PassageIndex.load(sys.argv[1]).passages[0].text)"


def index_killed_between_renames(tmp):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    crash = subprocess.run([sys.executable, "-c", _CRASH, str(tmp / "idx")], env=env, capture_output=True,
                           text=True, timeout=60)
    assert crash.returncode == -9, f"the save was not killed: {crash.returncode} {crash.stderr[-200:]}"
    loaded = subprocess.run([sys.executable, "-c", _LOAD, str(tmp / "idx")], env=env, capture_output=True,
                            text=True, timeout=60)
    assert loaded.stdout.strip() == "old index", loaded.stderr[-300:]
    assert sorted(p.name for p in tmp.iterdir()) == ["idx"], sorted(p.name for p in tmp.iterdir())


# 3. A killed write leaves the output as it was; its temporaries go with the next run.

def audit_killed_mid_write(tmp):
    (tmp / "a.txt").write_text(GOOD + "\n" + OTHER)
    (tmp / "out.jsonl").write_text("what the user had\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAIMCHECK_CACHE": str(tmp / ".cache")}
    for sig in (signal.SIGTERM, signal.SIGKILL):
        run = subprocess.Popen([sys.executable, "-m", "claimcheck", "audit", "a.txt", "-o", "out.jsonl",
                                "-f", "jsonl", "-q"], cwd=tmp, env=env, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        run.send_signal(sig)
        _, err = run.communicate(timeout=60)
        assert "Traceback" not in err, err.strip().splitlines()[-1:]
        assert (tmp / "out.jsonl").read_text() == "what the user had\n", "the output was overwritten"


def stale_temporaries_removed(tmp):
    (tmp / "a.txt").write_text(GOOD)
    old = time.time() - 3600
    stale = tmp / f".out.jsonl.{DEAD_PID}-abcd_123.tmp"
    kept = [tmp / f".other.jsonl.{DEAD_PID}-abcd_123.tmp", tmp / ".out.jsonl.notes.tmp"]
    for path in [stale, *kept]:
        path.write_text("x")
        os.utime(path, (old, old))
    result = claimcheck(tmp, "audit", "a.txt", "-o", "out.jsonl", "-f", "jsonl", "-q")
    no_traceback(result)
    assert result.returncode in (0, 1), result.stderr[-300:]
    assert not stale.exists(), "a killed run's temporary was left"
    assert all(p.exists() for p in kept), "a file that is not this output's temporary was removed"


# 13-14. The caches hold data only, readable by the user only.

def planted_pickle_in_the_claims_cache(tmp):
    """Every entry of the claims cache replaced with a pickle that runs a command."""
    import sqlite3

    marker = tmp / "ran"
    (tmp / "a.txt").write_text(GOOD)
    assert claimcheck(tmp, "audit", "a.txt", "-q").returncode in (0, 1)

    class Planted:
        def __reduce__(self):
            return os.system, (f"touch {marker}",)

    files = list((tmp / ".cache" / "claims").glob("*.sqlite"))
    assert files, "no claims cache was written"
    with sqlite3.connect(files[0]) as conn:
        assert conn.execute("UPDATE entries SET value = ?", (pickle.dumps(Planted()),)).rowcount
    for result_file in (tmp / ".cache" / "results").glob("*"):  # so that the claims are read again
        result_file.unlink()
    result = claimcheck(tmp, "audit", "a.txt", "-f", "jsonl", "-q")
    no_traceback(result)
    assert result.returncode in (0, 1), result.stderr[-300:]
    assert not marker.exists(), "a planted cache entry ran a command"
    with sqlite3.connect(files[0]) as conn:
        values = [v for (v,) in conn.execute("SELECT value FROM entries")]
    assert values and all(json.loads(v) is not None for v in values), "the planted entry was kept"


def cache_is_owner_only(tmp):
    (tmp / "a.txt").write_text(GOOD)
    result = claimcheck(tmp, "audit", "a.txt", "-q")
    no_traceback(result)
    loose = [str(p.relative_to(tmp)) for p in (tmp / ".cache").rglob("*")
             if stat.S_IMODE(p.stat().st_mode) & 0o077]
    assert (tmp / ".cache").exists() and not loose, f"readable by others: {loose[:3]}"


# 15. The same input gives the same bytes, whatever was encoded with it.

def same_bytes_in_another_order(tmp):
    names = []
    for i in range(3):
        name = f"d{i}.txt"
        (tmp / name).write_text(f"The service reached {100 + 7 * i} families in {3 + i} towns.\n\n"
                                + GOOD * (i + 1) + f"\nLater, {90 + 9 * i} families in {3 + i} towns.\n")
        names.append(name)
    outputs = []
    for run, order in enumerate([names, names[::-1]]):
        env_cache = tmp / f".cache{run}"
        result = claimcheck(tmp, "audit", *order, "-f", "jsonl", "--cache", str(env_cache), "-q")
        no_traceback(result)
        outputs.append(sorted(result.stdout.splitlines()))
    assert outputs[0] and outputs[0] == outputs[1], "the findings differ with the order of the documents"


CASES = [
    ("index -o its own input folder", index_into_its_own_input_folder),
    ("index -o a folder of other files", index_into_a_folder_of_other_files),
    ("index replaces its own index", index_replaces_its_own_index),
    ("kill -9 between the two renames of a save", index_killed_between_renames),
    ("SIGTERM and kill -9 while audit -o writes", audit_killed_mid_write),
    ("stale temporaries of a killed write", stale_temporaries_removed),
    ("a planted pickle in the claims cache", planted_pickle_in_the_claims_cache),
    ("cache folders 0700, files 0600", cache_is_owner_only),
    ("two cold runs, documents in another order", same_bytes_in_another_order),
]
