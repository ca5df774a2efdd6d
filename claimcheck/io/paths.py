"""From what the user typed to the files to read: files, folders and globs, without
leaving a folder through a link unless asked, detecting loops, skipping what is not a
document with a note."""

import errno
import os
import re
import stat
from pathlib import Path

from claimcheck.errors import InputError, os_error_words
from claimcheck.io.files import RECORD_SUFFIXES, SUPPORTED, TEXT_SUFFIXES, _not_regular
from claimcheck.io.formats import CONVERTED_SUFFIXES


def _supported(name):
    return name.lower().endswith(TEXT_SUFFIXES + RECORD_SUFFIXES + CONVERTED_SUFFIXES)


def _ignore(_note):
    pass


def expand_paths(paths, *, follow_links=False, note=_ignore):
    """Files named, and the supported files inside folders and globs named, sorted, each
    once (under the first name given for it, written plainly: "./a.txt" as "a.txt", so
    that a document's id does not hang on how its path was spelled).

    A file named is taken as it is. Inside a folder, or under a glob's folder, only
    regular files are read: a named pipe, socket or device, a broken link and a link
    loop are skipped, and so is a link that leads out of the folder unless
    `follow_links`; `note` is called with a line saying so for each skipped file that
    has a supported name. A folder is never entered twice, so links cannot loop.
    """
    out = []
    for path in paths:
        p = Path(path)
        if str(path) != "-" and not p.exists() and any(c in str(path) for c in "*?["):
            matches = _glob(str(path), follow_links, note)
            if not matches:
                raise InputError("no files match this pattern", path=str(path))
            out.extend(matches)
            continue
        if str(path) != "-" and p.is_dir():
            found = _folder_files(path, follow_links, note)
            if not found:
                raise InputError("no documents in this folder", path=str(path),
                                 fix=f"it needs {SUPPORTED} files")
            out.extend(found)
        else:
            out.append(str(path))
    seen, unique = set(), []
    for p in out:
        key = _identity(p)
        if key not in seen:
            seen.add(key)
            unique.append(p if p == "-" else os.path.normpath(p))  # "./a.txt" is "a.txt"
    return unique


def _identity(path):
    """What makes two names one file: its device and inode ("notes.txt", "./notes.txt"
    and its absolute path are read once), else the name. A link is a name of its own (a
    folder may hold one on purpose, and it is read as the document it names)."""
    if path == "-" or os.path.islink(path):
        return path
    try:
        info = os.stat(path)
    except OSError:
        return path
    return info.st_dev, info.st_ino


def _folder_files(folder, follow_links, note):
    """The supported files under `folder`, sorted."""
    return [str(Path(folder, *parts)) for parts, is_dir in _walk(folder, follow_links, note)
            if not is_dir and _supported(parts[-1])]


def _walk(root, follow_links, note, depth=None):
    """(parts, is_dir) for each regular file and folder under the folder `root`, in
    sorted order (parts: the names below root), `depth` levels down at most."""
    real_root = os.path.realpath(root)
    top = os.stat(root)
    seen = {(top.st_dev, top.st_ino)}

    def visit(folder, parts, above):
        try:
            names = sorted(os.listdir(folder))
        except OSError as err:
            note(f"{folder}: cannot read this folder ({os_error_words(err)}), skipped")
            return
        for name in names:
            path, here = os.path.join(folder, name), parts + (name,)
            shown = str(Path(root, *here))
            link = os.path.islink(path)
            try:
                info = os.stat(path)
            except OSError as err:
                if _supported(name):
                    why = "a symbolic link loop" if err.errno == errno.ELOOP else (
                        "a broken link" if link else os_error_words(err))
                    note(f"{shown}: {why}, skipped")
                continue
            is_dir = stat.S_ISDIR(info.st_mode)
            if link and not follow_links:
                if os.path.commonpath([real_root, os.path.realpath(path)]) != real_root:
                    if is_dir or _supported(name):
                        note(f"{shown}: a link out of the folder, skipped; pass --follow-links to read it")
                    continue
                if is_dir:
                    continue  # a link to a folder inside: its files are read where they are
            if is_dir:
                key = (info.st_dev, info.st_ino)
                if key in above:
                    note(f"{shown}: a link back to a folder that holds it (a loop), skipped")
                    continue
                if key in seen:
                    note(f"{shown}: a link to a folder already read, skipped")
                    continue
                seen.add(key)
                yield here, True
                if depth is None or len(here) < depth:
                    yield from visit(path, here, above | {key})
            elif stat.S_ISREG(info.st_mode):
                yield here, False
            elif _supported(name):
                note(f"{shown}: not a regular file ({_not_regular(info.st_mode)}), skipped")

    yield from visit(str(root), (), frozenset(seen))


def _glob(pattern, follow_links, note):
    """The paths a glob matches ("cases/**/*.txt"), found by walking its folder as a folder
    is walked (so links are followed only when asked, and loops end); a folder matched
    gives its supported files."""
    parts = pattern.split(os.sep)
    fixed = next(i for i, part in enumerate(parts) if any(c in part for c in "*?["))
    base = os.sep.join(parts[:fixed]) or ("/" if pattern.startswith(os.sep) else "")
    rest = parts[fixed:]
    if base and not os.path.isdir(base):
        return []
    regex = re.compile(_glob_regex(rest))
    depth = None if "**" in rest else len(rest)
    out = []
    for found, is_dir in _walk(base or ".", follow_links, note, depth):
        if not regex.fullmatch("/".join(found)):
            continue
        path = os.path.join(base, *found)
        out.extend(_folder_files(path, follow_links, note) if is_dir else [path])
    return out


def _glob_regex(parts):
    """A regular expression for the path below a glob's folder, as glob reads it: "*" and
    "?" within a name, "[...]" a set, "**" any folders, and no wildcard matching a name
    that starts with a dot unless it is written."""
    out = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out.append(r"(?:(?!\.)[^/]+(?:/(?!\.)[^/]+)*)?" if last else r"(?:(?!\.)[^/]+/)*")
            continue
        regex = "" if part.startswith(".") else r"(?!\.)"
        j = 0
        while j < len(part):
            c = part[j]
            close = part.find("]", j + 2) if c == "[" else -1
            if c == "*":
                regex += "[^/]*"
            elif c == "?":
                regex += "[^/]"
            elif close > 0:
                body = part[j + 1:close]
                body = body.replace("\\", "\\\\")
                body = "^" + body[1:] if body.startswith("!") else "\\" + body if body.startswith("^") else body
                regex += "[" + body + "]"
                j = close
            else:
                regex += re.escape(c)
            j += 1
        out.append(regex + ("" if last else "/"))
    return "".join(out)
