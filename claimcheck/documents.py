"""Files to Documents: text with its sections, every offset kept.

Offsets everywhere in claimcheck index `Document.text`: the file's text with HTML
entities decoded and markup tags blanked out with spaces (so a plain text file's offsets
are the file's own). REF2014 API records are assembled into the five REF3 sections.
"""

import glob
import gzip
import html
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.config import MAX_DOCUMENT_MB
from claimcheck.errors import InputError
from claimcheck.formats import CONVERTED_SUFFIXES, convert

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
_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+(?P<md>[^\n]+?)|(?:\d{1,2}\.?[ \t]+)?(?P<ref>"
    + "|".join(re.escape(h) for h in _CANONICAL)
    + r"))[ \t:]*$",
    re.IGNORECASE | re.MULTILINE,
)
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


def find_sections(text):
    """Sections from headings: the REF3 ones ("1. Summary of the impact") and Markdown's."""
    heads = []
    for match in _HEADING.finditer(text):
        title = (match.group("md") or match.group("ref")).strip()
        name = _CANONICAL.get(title.lower().strip("#* "), title.lower().strip("#* "))
        heads.append((match.start(), match.end(), name, match.group(0).strip()))
    sections = []
    for i, (start, _, name, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        sections.append(Section(name, title, start, end))
    return tuple(sections)


def make_document(doc_id, raw, meta=None):
    text = clean_text(raw)
    return Document(doc_id, text, find_sections(text), dict(meta or {}))


def _decode(data, path):
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text", path=path, fix="give a .txt, .md or .jsonl file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        guess = next((enc for enc in ("cp1252", "latin-1") if _decodes(data, enc)), "cp1252")
        raise InputError(
            f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start}; "
            f"it reads as {guess})",
            path=path,
            fix=f"convert it first: iconv -f {guess} -t utf-8 {path}",
        ) from None


def _decodes(data, encoding):
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _read_bytes(path, max_mb=None):
    if str(path) == "-":
        return sys.stdin.buffer.read()
    limit = MAX_DOCUMENT_MB if max_mb is None else max_mb
    try:
        size = Path(path).stat().st_size
        if size > limit * 1_000_000 and not str(path).endswith(RECORD_SUFFIXES):
            raise InputError(
                f"{size / 1e6:.1f} MB is over the {limit:g} MB limit for one document", path=path,
                fix=f"split it, or raise the limit with --max-doc-mb {size / 1e6 + 1:.0f}")
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path, fix="check the path") from None
    except IsADirectoryError:
        raise InputError("is a folder", path=path, fix="pass the files in it") from None
    except PermissionError:
        raise InputError("permission denied", path=path) from None
    if str(path).endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as err:
            raise InputError(f"not a readable gzip file ({err})", path=path) from None
    return data


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
        for item in obj if isinstance(obj, list) else [obj]:
            yield None, item
        return
    from claimcheck.jsonio import iter_jsonl_text

    yield from iter_jsonl_text(text, path, skip_bad)


def _record_document(record, path, line, position):
    where = dict(path=path, line=line)
    if not isinstance(record, dict):
        raise InputError("each record must be a JSON object", **where)
    if "ImpactSummary" in record or "ImpactDetails" in record:
        ident = record.get("CaseStudyId") or position
        meta = {k: record.get(k) for k in ("Title", "Institution", "UOA") if k in record}
        meta = {k: v.strip() if isinstance(v, str) else v for k, v in meta.items()}
        return make_document(f"{path}#{ident}", ref2014_text(record), meta)
    if isinstance(record.get("text"), str):
        return make_document(f"{path}#{record.get('id', position)}", record["text"])
    keys = ", ".join(sorted(record)[:8])
    raise InputError(
        f'record has no "text" field (keys: {keys})',
        fix="give records with a text field, or REF2014 API records",
        **where,
    )


def load_documents(path, *, skip_bad=None, max_mb=None):
    """All documents in one path: a text file, a JSON/JSONL collection, or '-' for stdin.

    `skip_bad`, if given, is called with the InputError of each bad record of a
    collection, and loading goes on; without it the first bad record raises.
    """
    name = str(path)
    data = _read_bytes(path, max_mb)
    if name.endswith(RECORD_SUFFIXES):
        for position, (line, record) in enumerate(_records(data, name, skip_bad), 1):
            try:
                yield _record_document(record, name, line, position)
            except InputError as err:
                if skip_bad is None:
                    raise
                skip_bad(err)
        return
    if name == "-" or name.endswith(TEXT_SUFFIXES) or "." not in Path(name).name:
        yield make_document(name, _decode(data, name))
        return
    if name.lower().endswith(CONVERTED_SUFFIXES):
        yield make_document(name, convert(data, name, _decode))
        return
    raise InputError("unsupported file type", path=name, fix=f"give {SUPPORTED} files")


def load_document(path):
    """The single document in a text file."""
    docs = list(load_documents(path))
    if len(docs) != 1:
        raise InputError(f"holds {len(docs)} documents, expected one", path=str(path))
    return docs[0]


def expand_paths(paths):
    """Files named, and the supported files inside folders named, sorted, each once."""
    out = []
    for path in paths:
        p = Path(path)
        if str(path) != "-" and not p.exists() and any(c in str(path) for c in "*?["):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                raise InputError("no files match this pattern", path=str(path))
            out.extend(expand_paths(matches))
            continue
        if str(path) != "-" and p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.name.lower().endswith(TEXT_SUFFIXES + RECORD_SUFFIXES + CONVERTED_SUFFIXES)
            )
            if not found:
                raise InputError("no documents in this folder", path=str(path),
                                 fix=f"it needs {SUPPORTED} files")
            out.extend(str(f) for f in found)
        else:
            out.append(str(path))
    seen = set()
    return [p for p in out if not (p in seen or seen.add(p))]


def iter_documents(paths, *, skip_bad=None, max_mb=None):
    """Every document in the given files and folders, in a stable order.

    With `skip_bad` (a callable taking the InputError), a bad file or record is reported
    to it and skipped; without it the first one raises.
    """
    for path in expand_paths(paths):
        try:
            yield from load_documents(path, skip_bad=skip_bad, max_mb=max_mb)
        except InputError as err:
            if skip_bad is None:
                raise
            skip_bad(err)


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
