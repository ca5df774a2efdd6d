"""The one JSON Lines reader and the one atomic writer."""

import json
import os
import sys
import tempfile
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
                fix="each line must be one JSON object, or pass --skip-bad",
            )
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


@contextmanager
def atomic_write(path, mode="w"):
    """Write to a temporary file beside `path`, then rename it over `path` on success.

    An existing file is replaced only when the block finishes without an error.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _mode_for(path):
    """The replaced file's permissions, or a new file's (0666 less the umask), not the
    owner-only mode of a temporary file."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def file_lock(path):
    """Hold an exclusive lock on `path` (created if missing) for the block: two processes
    building the same index take turns instead of writing over each other."""
    import fcntl

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
