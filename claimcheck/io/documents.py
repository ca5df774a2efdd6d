"""Files to Documents: text with its sections, every offset kept.

Offsets everywhere in claimcheck index `Document.text`: the file's text with HTML
entities decoded and markup tags blanked out with spaces (so a plain text file's offsets
are the file's own). REF2014 API records are assembled into the five REF3 sections.
"""

import gzip
import html
import io
import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.config import MAX_DOCUMENT_MB
from claimcheck.errors import InputError
from claimcheck.io.files import (
    GZIP_FIX, RECORD_SUFFIXES, SUPPORTED, TEXT_SUFFIXES, _decode, _over, _read_bytes, _read_capped,
    size_limit,
)
from claimcheck.io.formats import CONVERTED_SUFFIXES, convert
from claimcheck.io.paths import _ignore, expand_paths


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


def ref2014_text(record):
    """Assemble a REF2014 API record into REF3 text: title, then the five sections."""
    parts = [_unwrap(record.get("Title", "")).strip(), ""]
    for key, heading, _ in REF3_SECTIONS:
        parts += [heading, "", _unwrap(record.get(key) or "").strip(), ""]
    return "\n".join(parts)


_PARA_LINE = re.compile(r"(?:\r\n?|\n)( *)")


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
    if str(path).lower().endswith((".json", ".json.gz")):
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(f"invalid JSON ({err.msg} at column {err.colno})", path=path,
                             line=err.lineno,
                             fix="a .json file holds one JSON object or a list of them") from None
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
        which = "" if line is not None else f" (record {position} is {_json_type(record)})"
        raise InputError(f"each record must be a JSON object{which}", **where)
    _check_fields(record, where)
    if "ImpactSummary" in record or "ImpactDetails" in record:
        ident = record.get("CaseStudyId") or position
        meta = {k: record.get(k) for k in ("Title", "Institution", "UOA") if k in record}
        meta = {k: v.strip() if isinstance(v, str) else v for k, v in meta.items()}
        doc_id, text = f"{path}#{ident}", ref2014_text(record)
    elif isinstance(record.get("text"), str):
        ident = record.get("id")
        doc_id, text, meta = f"{path}#{position if ident is None else ident}", record["text"], {}
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
    limit, what, option = size_limit(name, max_mb, max_collection_mb)
    if len(data) > limit * 1_000_000:
        raise _over(limit, len(data), name, what, option)
    if name.lower().endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
                data = _read_capped(unpacked, limit, name, what, option, "unpacks to")
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(f"not a readable gzip file ({err})", path=name,
                             fix=GZIP_FIX) from None
    return list(_parse(name, data, None, max_mb))


def _parse(name, data, skip_bad, max_mb):
    """The documents in the bytes of the file `name` (unpacked), by its suffix, in any
    case ("A.TXT" is text)."""
    suffix_of = name.lower()
    if suffix_of.endswith(RECORD_SUFFIXES):
        seen = {}  # document id: where it was first given
        for position, (line, record) in enumerate(_records(data, name, skip_bad), 1):
            try:
                doc = _record_document(record, name, line, position, max_mb)
                first = seen.setdefault(doc.id, line if line is not None else position)
                if first != (line if line is not None else position):
                    where = "line" if line is not None else "record"
                    raise InputError(
                        f"the id {doc.id.split('#', 1)[1]!r} is given twice (first at {where} {first}), "
                        "so one record would hide the other", path=name, line=line,
                        fix='give each record an "id" of its own, or none (records are then named by number)')
                yield doc
            except InputError as err:
                if skip_bad is None:
                    raise
                skip_bad(err)
        return
    if name == "-" or suffix_of.endswith(TEXT_SUFFIXES) or "." not in Path(name).name:
        yield make_document(name, _decode(data, name))
        return
    if suffix_of.endswith(CONVERTED_SUFFIXES):
        yield make_document(name, convert(data, name, _decode, max_mb=MAX_DOCUMENT_MB if max_mb is None else max_mb))
        return
    raise InputError("unsupported file type", path=name, fix=f"give {SUPPORTED} files")


def load_document(path):
    """The single document in a text file."""
    docs = list(load_documents(path))
    if len(docs) != 1:
        raise InputError(f"holds {len(docs)} documents, expected one", path=str(path))
    return docs[0]


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
