"""Reading one file's bytes safely: regular files only (no pipes or devices), unpacked
size capped while reading, text decoded by its byte order mark or as UTF-8, with a
one-line error naming the file and the fix otherwise."""

import errno
import gzip
import os
import stat
import sys
import zlib

from claimcheck.config import MAX_COLLECTION_MB, MAX_DOCUMENT_MB
from claimcheck.errors import InputError, os_error_words


TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
RECORD_SUFFIXES = (".jsonl", ".json", ".jsonl.gz", ".json.gz")
SUPPORTED = ".txt, .md, .html, .pdf, .docx, .json or .jsonl"


#: Byte order marks and the encodings they announce, longest first (UTF-32 LE's begins
#: with UTF-16 LE's).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
         (b"\xff\xfe", "utf-16-le", "UTF-16"), (b"\xfe\xff", "utf-16-be", "UTF-16"),
         (b"\xef\xbb\xbf", "utf-8", "UTF-8"))
_BINARY_FIX = "give a .txt, .md or .jsonl file"


#: What to do with a .gz file that gzip cannot read.
GZIP_FIX = "unpack it with gunzip to see what it holds, or give it unpacked"


def _decode(data, path):
    """The text of a file: UTF-8, or UTF-16 or UTF-32 announced by a byte order mark.
    A NUL anywhere makes it binary."""
    bom, encoding, label = next(((b, e, n) for b, e, n in _BOMS if data.startswith(b)), (b"", "utf-8", "UTF-8"))
    if encoding == "utf-8":
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(f"binary file, not text (a NUL byte at offset {nul})", path=path, fix=_BINARY_FIX)
    try:
        text = data[len(bom):].decode(encoding)
    except UnicodeDecodeError as err:
        offset = err.start + len(bom)
        if encoding != "utf-8":
            raise InputError(f"not {label} text, though it begins with a {label} byte order mark "
                             f"(bad bytes at offset {offset})", path=path) from None
        guess = next((enc for enc in ("cp1252", "latin-1") if _decodes(data, enc)), "cp1252")
        raise InputError(
            f"not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset}; "
            f"it reads as {guess})",
            path=path,
            fix=f"convert it first: iconv -f {guess} -t utf-8 {path}",
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"binary file, not text (a NUL at character {nul})", path=path, fix=_BINARY_FIX)
    return text


def _decodes(data, encoding):
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


_KIND_OF_FILE = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                 (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _not_regular(mode):
    """What a file of this mode is, when it is not a regular file or a folder: "a named pipe"."""
    return next((words for test, words in _KIND_OF_FILE if test(mode)), "not a regular file")


def _open_regular(path):
    """The regular file at `path`, open for reading in binary. A named pipe, socket or
    device is refused without waiting on it (a pipe with no writer would block)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as err:
        raise InputError(os_error_words(err), path=str(path),
                         fix="check the path" if err.errno == errno.ENOENT else None) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise InputError("is a folder", path=str(path), fix="pass the files in it")
        pipe = stat.S_ISFIFO(mode)
        raise InputError(f"not a regular file ({_not_regular(mode)})", path=str(path),
                         fix="to read a pipe, give - and send it to stdin" if pipe else None)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _over(limit_mb, size, path, what, option, line=None):
    """The error for a document or collection of `size` bytes over its limit."""
    return InputError(f"{size / 1e6:.1f} MB is over the {limit_mb:g} MB limit for {what}", path=path,
                      line=line, fix=f"split it, or raise the limit with {option} {size / 1e6 + 1:.0f}")


def _read_capped(stream, limit_mb, path, what, option, verb="is"):
    """At most `limit_mb` of `stream`, read a piece at a time: more is an InputError, raised
    as soon as the limit is passed (a gzip bomb is not unpacked whole, stdin not read to
    its end). `verb` says how the stream gets that large: "is", "unpacks to"."""
    limit, pieces, size = int(limit_mb * 1_000_000), [], 0
    while True:
        piece = stream.read(min(1 << 20, limit + 1 - size))
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        size += len(piece)
        if size > limit:
            raise InputError(f"{verb} over {limit_mb:g} MB, the limit for {what}", path=path,
                             fix=f"if that is right, raise the limit with {option}")


def size_limit(name, max_mb=None, max_collection_mb=None):
    """(megabytes, what it limits, the option that sets it) for a file named `name`: a
    collection's limit for JSON and JSON Lines, a document's for the rest."""
    if name.lower().endswith(RECORD_SUFFIXES):
        limit = MAX_COLLECTION_MB if max_collection_mb is None else max_collection_mb
        return limit, "one collection", "--max-collection-mb"
    return (MAX_DOCUMENT_MB if max_mb is None else max_mb), "one document", "--max-doc-mb"


def _read_bytes(path, max_mb=None, max_collection_mb=None):
    """The bytes of a file (unpacked if gzipped), or of stdin for '-'. A document over
    `max_mb`, or a collection over `max_collection_mb`, is refused, on disk or unpacked."""
    name = str(path)
    limit, what, option = size_limit(name, max_mb, max_collection_mb)
    if name == "-":
        return _read_capped(sys.stdin.buffer, limit, name, what, option)
    with _open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit * 1_000_000:
            raise _over(limit, size, name, what, option)
        try:
            if not name.lower().endswith(".gz"):
                return _read_capped(handle, limit, name, what, option)
            with gzip.GzipFile(fileobj=handle) as unpacked:
                return _read_capped(unpacked, limit, name, what, option, "unpacks to")
        except (OSError, EOFError, zlib.error) as err:
            gzipped = name.lower().endswith(".gz")
            problem = "not a readable gzip file" if gzipped else "cannot be read"
            detail = os_error_words(err) if getattr(err, "errno", None) else err
            fix = GZIP_FIX if gzipped else None
            raise InputError(f"{problem} ({detail})", path=name, fix=fix) from None
