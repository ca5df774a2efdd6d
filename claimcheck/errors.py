"""Typed errors. Library code raises these; cli.py turns them into one-line messages."""


class ClaimcheckError(Exception):
    """Base class. `str(err)` is a complete one-line message for a user."""

    exit_code = 1


class InputError(ClaimcheckError):
    """The user's input cannot be used: a missing file, a malformed line, a wrong field."""

    exit_code = 2
    #: Whether a command's --skip-bad would skip the line or record it names: the command
    #: line says so in the message only where the command has that option.
    skippable = False

    def __init__(self, message, *, path=None, line=None, fix=None):
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        text = f"{where}{message}"
        if fix:
            text += f"; {fix}"
        super().__init__(text)
        self.path, self.line, self.fix = path, line, fix


class IndexMismatchError(ClaimcheckError):
    """An index on disk cannot be used as asked (another model, format, or damaged files)."""

    exit_code = 2


class ModelError(ClaimcheckError):
    """The embedding model cannot be loaded."""

    exit_code = 2


def os_error_words(err):
    """A few plain words for an OSError met opening, reading or writing a file."""
    import errno

    words = {
        errno.ENOENT: "no such file",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "is a folder",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.ELOOP: "a symbolic link loop",
        errno.ENAMETOOLONG: "the name is too long",
        errno.ENOSPC: "no space left on the device",
        errno.EROFS: "a read-only file system",
        errno.EIO: "an input/output error",
    }
    return words.get(err.errno) or (err.strerror or str(err)).lower()
