"""Files to Documents: text with its sections, every offset kept.

Offsets everywhere in claimcheck index `Document.text`: the file's text with HTML
entities decoded and markup tags blanked out with spaces (so a plain text file's offsets
are the file's own). REF2014 API records are assembled into the five REF3 sections.
"""

import errno
import gzip
import html
import io
import json
import os
import re
import stat
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.config import MAX_COLLECTION_MB, MAX_DOCUMENT_MB
from claimcheck.errors import InputError, os_error_words
from claimcheck.io.formats import CONVERTED_SUFFIXES, convert

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
RECORD_SUFFIXES = (".jsonl", ".json", ".jsonl.gz", ".json.gz")
SUPPORTED = ".txt, .md, .html, .pdf, .docx, .json or .jsonl"

#: The REF3 template's sections, in order: (record field, heading, canonical name).
REF3_SECTIONS = (
    ("ImpactSummary", "1. Summary of the impact", "summary"),
    ("UnderpinningResearch", "2. Underpinning research", "research"),
    ("References", "3. References to the research", "references"),
    ("ImpactDetails", "4. Details of the impact", "details"),
    ("Sources", "5. Sources to corroborate the impact", "sources"),
)
_CANONICAL = {
    "summary of the impact": "summary",
    "underpinning research": "research",
    "references to the research": "references",
    "details of the impact": "details",
    "sources to corroborate the impact": "sources",
}
#: How a heading may be numbered: "1.", "1)", "(1)", "1 -", "Section 1:", "i." or "A.".
_NUMBERING = r"(?:(?:section|part)[ \t]+)?\(?(?:\d{1,2}|[ivx]{1,4}|[a-e])(?:[.):]|[ \t]+[-\u2013\u2014])?"
#: What may follow a REF3 heading: the template's word limit, "(indicative maximum 100 words)".
_AFTER = r"(?:[ \t]*\([^()\n]{0,80}\))?"
#: A heading, matched against one line from its first to its last non-blank character.
_HEADING = re.compile(
    r"(?:#{1,6}[ \t]+(?P<md>[^\n]+?)|(?P<mark>\*\*|__)?[ \t]*(?:" + _NUMBERING + r"[ \t]+)?(?P<ref>"
    + "|".join(re.escape(h) for h in _CANONICAL)
    + r")" + _AFTER + r"[ \t:]*(?P=mark)?)[ \t:#]*",
    re.IGNORECASE,
)
#: Lines longer than this are prose, never a heading; the bound keeps reading linear.
_MAX_HEADING = 300
_LINE = re.compile(r"[^\n]+")
#: A heading's title without its markup, numbering and word limit: what _CANONICAL knows.
_TITLE_NOISE = re.compile(
    r"^[#*_ \t]*(?:" + _NUMBERING + r"[ \t]+)?|" + _AFTER + r"[#*_ \t:.]*$", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,300})?/?>")


@dataclass(frozen=True)
class Section:
    name: str  # canonical name ("summary", "details", ...) or the heading in lower case
    title: str  # the heading as written
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    sections: tuple = ()
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def section_at(self, offset):
        """The name of the section holding `offset` ("" before the first heading)."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section.name
        return ""


def clean_text(raw):
    """Decode HTML entities and blank out tags, keeping the length of what remains."""
    text = html.unescape(raw) if "&" in raw else raw
    if "<" in text:
        text = _TAG.sub(lambda m: " " * len(m.group(0)), text)
    return text.replace("\r\n", " \n").replace("\r", "\n")


def _headings(text):
    """(line start, match) for each line that is a heading, matched from its first to its
    last non-blank character."""
    for line in _LINE.finditer(text):
        body = line.group()
        start = line.start() + len(body) - len(body.lstrip(" \t"))
        end = line.end() - (len(body) - len(body.rstrip(" \t")))
        if 0 < end - start <= _MAX_HEADING:
            match = _HEADING.fullmatch(text, start, end)
            if match:
                yield line.start(), match


def find_sections(text):
    """Sections from headings: the REF3 ones ("1. Summary of the impact") and Markdown's."""
    heads = []
    for start, match in _headings(text):
        title = (match.group("md") or match.group("ref")).strip()
        plain = " ".join(_TITLE_NOISE.sub("", title).lower().split())
        name = _CANONICAL.get(plain, title.lower().strip("#* "))
        heads.append((start, name, match.group(0).strip()))
    sections = []
    for i, (start, name, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        sections.append(Section(name, title, start, end))
    return tuple(sections)


def make_document(doc_id, raw, meta=None):
    text = clean_text(raw)
    return Document(doc_id, text, find_sections(text), dict(meta or {}))


#: Byte order marks and the encodings they announce, longest first (UTF-32 LE's begins
#: with UTF-16 LE's).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
         (b"\xff\xfe", "utf-16-le", "UTF-16"), (b"\xfe\xff", "utf-16-be", "UTF-16"),
         (b"\xef\xbb\xbf", "utf-8", "UTF-8"))
_BINARY_FIX = "give a .txt, .md or .jsonl file"


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


def _read_bytes(path, max_mb=None, max_collection_mb=None):
    """The bytes of a file (unpacked if gzipped), or of stdin for '-'. A document over
    `max_mb`, or a collection over `max_collection_mb`, is refused, on disk or unpacked."""
    name = str(path)
    if name.endswith(RECORD_SUFFIXES):
        limit = MAX_COLLECTION_MB if max_collection_mb is None else max_collection_mb
        what, option = "one collection", "--max-collection-mb"
    else:
        limit = MAX_DOCUMENT_MB if max_mb is None else max_mb
        what, option = "one document", "--max-doc-mb"
    if name == "-":
        return _read_capped(sys.stdin.buffer, limit, name, what, option)
    with _open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit * 1_000_000:
            raise _over(limit, size, name, what, option)
        try:
            if not name.endswith(".gz"):
                return _read_capped(handle, limit, name, what, option)
            with gzip.GzipFile(fileobj=handle) as unpacked:
                return _read_capped(unpacked, limit, name, what, option, "unpacks to")
        except (OSError, EOFError, zlib.error) as err:
            problem = "not a readable gzip file" if name.endswith(".gz") else "cannot be read"
            detail = os_error_words(err) if getattr(err, "errno", None) else err
            raise InputError(f"{problem} ({detail})", path=name) from None


def ref2014_text(record):
    """Assemble a REF2014 API record into REF3 text: title, then the five sections."""
    parts = [_unwrap(record.get("Title", "")).strip(), ""]
    for key, heading, _ in REF3_SECTIONS:
        parts += [heading, "", _unwrap(record.get(key) or "").strip(), ""]
    return "\n".join(parts)


_PARA_LINE = re.compile(r"\r?\n( *)")


def _unwrap(raw):
    """Rejoin the API's wrapped lines: a line indented by 4 spaces (or fewer) opens a
    paragraph, one indented further continues the paragraph before it."""
    out, pos = [], 0
    for match in _PARA_LINE.finditer(raw):
        out.append(raw[pos:match.start()])
        out.append(" " if len(match.group(1)) > 4 else "\n")
        pos = match.end()
    out.append(raw[pos:])
    text = "".join(out)
    return re.sub(r"\n\s*\n+", "\n", text)


def _records(data, path, skip_bad=None):
    """JSON objects from a .json (an object or a list) or .jsonl file, with line numbers."""
    text = _decode(data, path)
    if str(path).endswith((".json", ".json.gz")):
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(f"invalid JSON ({err.msg})", path=path, line=err.lineno) from None
        except RecursionError:
            raise InputError(_TOO_DEEP, path=path) from None
        for item in obj if isinstance(obj, list) else [obj]:
            yield None, item
        return
    yield from _jsonl_records(text, path, skip_bad)


_TOO_DEEP = "JSON nested too deeply to read"


def _jsonl_records(text, path, skip_bad):
    """(line, object) of each line of JSON Lines text. A line nested too deeply for the
    parser is an InputError naming it (passed to `skip_bad` when given, and the lines
    after it are read)."""
    from claimcheck.io.jsonl import iter_jsonl_text

    done = 0  # lines read so far; the text read again is blanked up to here
    while True:
        try:
            for line, obj in iter_jsonl_text(text, path, skip_bad):
                done = line
                yield line, obj
            return
        except RecursionError:
            lines = text.splitlines()
            bad = next(i for i in range(done, len(lines)) if lines[i].strip()) + 1
            error = InputError(_TOO_DEEP, path=path, line=bad)
            if skip_bad is None:
                raise error from None
            skip_bad(error)
            text, done = "\n" * bad + "\n".join(lines[bad:]), bad


#: The fields of a record read as text, and what they are.
_TEXT_FIELDS = tuple(key for key, _, _ in REF3_SECTIONS) + ("Title", "text")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_fields(record, where):
    """Refuse a record whose text fields are not text: a number where the summary belongs,
    or a string with a lone surrogate ("\\ud800" escaped in JSON), which is not Unicode."""
    for key in _TEXT_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f'"{key}" must be text, not {_json_type(value)}', **where)
        bad = _SURROGATE.search(value)
        if bad:
            raise InputError(f'"{key}" holds a lone surrogate (\\u{ord(bad.group()):04x} at character '
                             f"{bad.start()}), which is not Unicode text", **where)
    for key in ("id", "CaseStudyId"):
        value = record.get(key)
        if isinstance(value, (dict, list)) or (isinstance(value, str) and _SURROGATE.search(value)):
            raise InputError(f'"{key}" must be a plain string or number', **where)


def _json_type(value):
    return {bool: "true or false", int: "a number", float: "a number", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _record_document(record, path, line, position, max_mb=None):
    where = dict(path=path, line=line)
    if not isinstance(record, dict):
        raise InputError("each record must be a JSON object", **where)
    _check_fields(record, where)
    if "ImpactSummary" in record or "ImpactDetails" in record:
        ident = record.get("CaseStudyId") or position
        meta = {k: record.get(k) for k in ("Title", "Institution", "UOA") if k in record}
        meta = {k: v.strip() if isinstance(v, str) else v for k, v in meta.items()}
        doc_id, text = f"{path}#{ident}", ref2014_text(record)
    elif isinstance(record.get("text"), str):
        doc_id, text, meta = f"{path}#{record.get('id', position)}", record["text"], {}
    else:
        keys = ", ".join(sorted(record)[:8])
        raise InputError(
            f'record has no "text" field (keys: {keys})',
            fix="give records with a text field, or REF2014 API records",
            **where,
        )
    limit = MAX_DOCUMENT_MB if max_mb is None else max_mb
    if len(text) > limit * 1_000_000:
        raise _over(limit, len(text), path, "one document", "--max-doc-mb", line)
    return make_document(doc_id, text, meta)


def load_documents(path, *, skip_bad=None, max_mb=None, max_collection_mb=None):
    """All documents in one path: a text file, a JSON/JSONL collection, or '-' for stdin.

    `skip_bad`, if given, is called with the InputError of each bad record of a
    collection, and loading goes on; without it the first bad record raises. A document
    over `max_mb`, or a collection over `max_collection_mb` (on disk or unpacked), is an
    InputError (config.MAX_DOCUMENT_MB and MAX_COLLECTION_MB by default).
    """
    name = str(path)
    yield from _parse(name, _read_bytes(path, max_mb, max_collection_mb), skip_bad, max_mb)


def documents_from_bytes(name, data, *, max_mb=None, max_collection_mb=None):
    """The documents in a file's bytes held in memory (an upload): `name` is the file's
    name, which says its format and begins each document's id. Limits as load_documents'
    (a gzipped collection is unpacked a piece at a time, and refused past its limit)."""
    name = str(name)
    if name.endswith(RECORD_SUFFIXES):
        limit = MAX_COLLECTION_MB if max_collection_mb is None else max_collection_mb
        what, option = "one collection", "--max-collection-mb"
    else:
        limit = MAX_DOCUMENT_MB if max_mb is None else max_mb
        what, option = "one document", "--max-doc-mb"
    if len(data) > limit * 1_000_000:
        raise _over(limit, len(data), name, what, option)
    if name.endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
                data = _read_capped(unpacked, limit, name, what, option, "unpacks to")
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(f"not a readable gzip file ({err})", path=name) from None
    return list(_parse(name, data, None, max_mb))


def _parse(name, data, skip_bad, max_mb):
    """The documents in the bytes of the file `name` (unpacked), by its suffix."""
    if name.endswith(RECORD_SUFFIXES):
        for position, (line, record) in enumerate(_records(data, name, skip_bad), 1):
            try:
                yield _record_document(record, name, line, position, max_mb)
            except InputError as err:
                if skip_bad is None:
                    raise
                skip_bad(err)
        return
    if name == "-" or name.endswith(TEXT_SUFFIXES) or "." not in Path(name).name:
        yield make_document(name, _decode(data, name))
        return
    if name.lower().endswith(CONVERTED_SUFFIXES):
        yield make_document(name, convert(data, name, _decode, max_mb=MAX_DOCUMENT_MB if max_mb is None else max_mb))
        return
    raise InputError("unsupported file type", path=name, fix=f"give {SUPPORTED} files")


def load_document(path):
    """The single document in a text file."""
    docs = list(load_documents(path))
    if len(docs) != 1:
        raise InputError(f"holds {len(docs)} documents, expected one", path=str(path))
    return docs[0]


def _supported(name):
    return name.lower().endswith(TEXT_SUFFIXES + RECORD_SUFFIXES + CONVERTED_SUFFIXES)


def _ignore(_note):
    pass


def expand_paths(paths, *, follow_links=False, note=_ignore):
    """Files named, and the supported files inside folders and globs named, sorted, each once.

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
    seen = set()
    return [p for p in out if not (p in seen or seen.add(p))]


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


def iter_documents(paths, *, skip_bad=None, max_mb=None, max_collection_mb=None,
                   follow_links=False, note=_ignore, progress=None):
    """Every document in the given files and folders, in a stable order.

    With `skip_bad` (a callable taking the InputError), a bad file or record is reported
    to it and skipped; without it the first one raises. `follow_links` and `note` are
    expand_paths'; `max_mb` and `max_collection_mb` load_documents'. `progress`, if
    given, is called as progress("files", files read, files) before each file and at the end.
    """
    files = expand_paths(paths, follow_links=follow_links, note=note)
    for number, path in enumerate(files):
        if progress is not None:
            progress("files", number, len(files))
        try:
            yield from load_documents(path, skip_bad=skip_bad, max_mb=max_mb,
                                      max_collection_mb=max_collection_mb)
        except InputError as err:
            if skip_bad is None:
                raise
            skip_bad(err)
    if progress is not None and files:
        progress("files", len(files), len(files))


_PERIOD = re.compile(
    r"Period when the (?P<what>underpinning research was undertaken|claimed impact occurred)\s*:\s*"
    r"(?P<a>(?:19|20)\d{2})\s*[-–—]+\s*(?P<b>(?:19|20)\d{2}|present|to date|now)",
    re.IGNORECASE,
)


_DOC_DATE = re.compile(
    r"^[ \t]*(?:Date|Dated|Document date|Date of (?:submission|issue)|Submitted|Last updated)\s*:\s*"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[A-Za-z]+\.?\s+)?(?:\d{1,2},?\s+)?(?P<year>(?:19|20)\d{2})",
    re.IGNORECASE | re.MULTILINE,
)


def declared_periods(doc):
    """The periods a document declares: {"research": (2000, 2020), "impact": (2013, 2020),
    "document": (2021, 2021)} from REF3 header lines and a "Date:" line; an open end
    ("2005 - Present") is None. Each value is ((first, last), start, end)."""
    periods = {}
    date = _DOC_DATE.search(doc.text)
    if date:
        year = int(date.group("year"))
        periods["document"] = ((year, year), date.start(), date.end())
    for m in _PERIOD.finditer(doc.text):
        name = "research" if m.group("what").lower().startswith("underpinning") else "impact"
        end = int(m.group("b")) if m.group("b")[:1].isdigit() else None
        periods.setdefault(name, ((int(m.group("a")), end), m.start(), m.end()))
    return periods
