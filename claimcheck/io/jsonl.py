"""The one JSON Lines reader and the one atomic writer."""

import json
import os
import re
import stat
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from claimcheck.errors import InputError


def iter_jsonl_text(text, path, skip_bad=None):
    """(line number, object) for each non-blank line; a malformed line names file and
    line, and is passed to `skip_bad` (then skipped) when that is given."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as err:
            error = InputError(
                f"not valid JSON ({err.msg.removesuffix(' at')} at column {err.colno})",
                path=path,
                line=number,
                fix="each line must be one JSON object",
            )
            error.skippable = True
            if skip_bad is None:
                raise error from None
            skip_bad(error)


def read_jsonl(path, skip_bad=None):
    """(line number, object) pairs from a JSON Lines file, or stdin for '-'."""
    name = str(path)
    if name == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("no such file", path=name, fix="check the path") from None
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text", path=name, fix="JSON Lines must be UTF-8") from None
    yield from iter_jsonl_text(text, name, skip_bad)


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, sort_keys=False)


#: When this process started (near enough: when claimcheck was imported). A temporary
#: file left by a run is removed only if it is older than this.
_STARTED = time.time()


@contextmanager
def atomic_write(path, mode="w", perms=None):
    """Write to a temporary file beside `path`, then rename it over `path` on success.

    An existing file is replaced only when the block finishes without an error; a link is
    followed, and the file it leads to replaced. A device or a named pipe ("/dev/stdout",
    "/dev/null", a shell's ">(...)") is written in place. The
    temporary file is named .NAME.PID-XXXXXXXX.tmp; those a killed run left for the
    same NAME are removed first (remove_stale_temporaries). `perms`, if given, is the
    file's mode (else the replaced file's, or a new file's by the umask).
    """
    path = Path(path)
    if not is_replaceable(path):
        # a device, pipe or terminal ("-o /dev/stdout", "-o >(wc -c)"): written in place,
        # as renaming a file over it would destroy it
        encoding = None if "b" in mode else "utf-8"
        with open(path, mode, encoding=encoding) as handle:
            yield handle
        return
    path = Path(os.path.realpath(path))  # through a link: the file it leads to, not the link
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path) if perms is None else perms)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def is_replaceable(path):
    """Whether atomic_write may rename a new file over `path`: it is a regular file (or a
    link to one), or nothing yet. Not a device, a named pipe, a socket or a terminal."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # nothing there yet, or no way there: the rename says why it fails
        return True


def _mode_for(path):
    """The replaced file's permissions, or a new file's (0666 less the umask), not the
    owner-only mode of a temporary file."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def remove_stale_temporaries(path):
    """Remove the temporary files that atomic_write left beside `path` in runs killed
    before they could: only files named as atomic_write names them for this very
    name, older than this run, and (when they name it) of a process no longer running.
    Returns the paths removed."""
    path = Path(path)
    # .NAME.PID-XXXXXXXX.tmp; claimcheck 0.4.3 and before wrote .NAME.XXXXXXXX.tmp
    ours = re.compile(rf"\.{re.escape(path.name)}\.(?:(\d+)-)?[a-z0-9_]{{8}}\.tmp")
    removed = []
    for entry, match in entries_beside(path, ours):
        try:
            info = entry.stat(follow_symlinks=False)
            if (not stat.S_ISREG(info.st_mode) or info.st_mtime >= _STARTED
                    or match[1] and process_alive(int(match[1]))):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass  # gone already, or not ours to remove
    return removed


def entries_beside(path, pattern):
    """(entry, match) for each entry of `path`'s folder whose whole name `pattern`
    matches; none when the folder cannot be read."""
    try:
        entries = list(os.scandir(Path(path).parent))
    except OSError:
        return []
    return [(entry, match) for entry in entries if (match := pattern.fullmatch(entry.name))]


def process_alive(pid):
    """Whether process `pid` runs (anything but a clear no is a yes)."""
    if os.name != "posix" or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextmanager
def file_lock(path):
    """Hold an exclusive lock on `path` (created if missing) for the block: two processes
    building the same index take turns instead of writing over each other."""
    import fcntl

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with open(fd, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
