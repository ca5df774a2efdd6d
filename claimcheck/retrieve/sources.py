"""Which corpus document each reference of a case study names, and what each claim cites.

`describe(doc)` reads a paper's title, authors, year and DOIs from its first lines (and,
for a PDF or .docx file, its metadata). `resolve(doc, papers, explicit)` finds, for each
entry of a document's lists of references and sources, the corpus document it names: by
DOI when both give one; else by title (fuzzy, case- and punctuation-insensitive); else by
first author and year when exactly one paper has both; or as the user's map says.
`cited_sources(doc, claims, resolutions)` says which resolved references each claim
cites: by a marker in its sentence ("[R1]", "[3]", "(Smith et al., 2012)"), or, without
one, by the markers of its paragraph (its research attributed to them).
"""

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from xml.etree import ElementTree

from claimcheck.errors import InputError
from claimcheck.parse.references import DOI, citation_markers, clean_doi, parse_entries

#: Sections whose entries are resolved (every other section's sentences may cite them).
LISTS = ("references", "sources")
#: How an entry can be found: the values of Resolution.by.
HOW = ("doi", "title", "author-year", "map")
#: Share of a title's words that must appear, in order, for a title match.
TITLE_MATCH = 0.85
#: A title needs this many words to be matched on its own.
TITLE_WORDS = 4
#: How much of a paper's text is its "first page" for title, authors, year and DOI.
HEAD_CHARS = 1500
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_SURNAME = re.compile(r"[A-Z][A-Za-z'’\-]+")
_AUTHOR_YEAR = re.compile(
    r"(?P<name>[A-Z][A-Za-z'’\-]+)(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][A-Za-z'’\-]+)?,?\s+"
    r"\(?(?P<year>(?:19|20)\d{2})[a-z]?\)?")
_PARENS = re.compile(r"\(([^()\n]{4,200})\)")


@dataclass(frozen=True)
class Paper:
    """What a corpus document says it is."""

    doc: str
    title: str = ""
    authors: tuple = ()  # surnames (or name words), lower case
    years: tuple = ()
    dois: tuple = ()  # lower case
    head: tuple = ()  # the words of its first lines, lower case


@dataclass(frozen=True)
class Resolution:
    """One entry of a document's lists and the corpus document it names, if found."""

    doc: str  # the citing document
    label: str  # "R1", "3", "S4"
    list: str  # "references" or "sources"
    entry: str  # the entry as written
    source: str = None  # the corpus document's id, or None
    by: str = None  # "doi", "title", "author-year" or "map"; None when not found

    def to_dict(self):
        return {"type": "reference", "doc": self.doc, "label": self.label, "list": self.list,
                "entry": " ".join(self.entry.split()), "source": self.source, "by": self.by}

    @classmethod
    def from_dict(cls, d):
        """A Resolution from its JSON record (to_dict's); ValueError naming the field
        that is missing or of the wrong kind."""
        if not isinstance(d, dict) or d.get("type") != "reference":
            raise ValueError('"type" must be "reference"')
        for key in ("doc", "label", "list", "entry"):
            if not isinstance(d.get(key), str):
                raise ValueError(f'"{key}" must be text')
        if d.get("source") is not None and not isinstance(d["source"], str):
            raise ValueError('"source" must be text or null')
        if d.get("by") not in (None, *HOW):
            raise ValueError(f'"by" must be one of {", ".join(HOW)} or null')
        return cls(d["doc"], d["label"], d["list"], d["entry"], d.get("source"), d.get("by"))


def words(text):
    return [w.lower() for w in _WORD.findall(text)]


def describe(doc):
    """A Paper from a document's first lines (those before its own lists of references
    or sources, which name other works) and its file's metadata."""
    lists = [s.start for s in doc.sections if s.name in LISTS]
    head = doc.text[:min([HEAD_CHARS, *lists])]
    meta_title, meta_authors = _file_metadata(doc.id)
    lines = [re.sub(r"^#+\s*", "", line).strip() for line in head.splitlines()]
    lines = [line for line in lines if line]
    if re.match(r"(?i)(microsoft \w+ - |untitled)|.*\.(docx?|pdf|tex|indd)$", meta_title):
        meta_title = ""  # the name of the file it was made from, not a title
    title = meta_title or next((line for line in lines[:5] if _looks_like_title(line)), "")
    dois = {clean_doi(m.group(0)).lower() for m in DOI.finditer(head)}
    authors = {w.lower() for w in _SURNAME.findall(meta_authors or "")}
    if not authors and title in lines:
        after = lines[lines.index(title) + 1:lines.index(title) + 3]
        authors = {w.lower() for line in after for w in _SURNAME.findall(line)}
    return Paper(doc.id, title, tuple(sorted(authors)),
                 tuple(sorted({int(y) for y in _YEAR.findall(head)})), tuple(sorted(dois)),
                 tuple(words(head)))


def _looks_like_title(line):
    n = len(line.split())
    return 3 <= n <= 30 and not re.match(r"(?i)(doi|abstract|https?:|journal|vol\.?|received)\b", line)


def _file_metadata(path):
    """(title, authors) from a PDF's document information or a .docx's core properties;
    empty strings when the file has none or cannot be read."""
    name = str(path).lower()
    try:
        if name.endswith(".pdf"):
            from pypdf import PdfReader

            info = PdfReader(path).metadata or {}
            return str(info.get("/Title") or "").strip(), str(info.get("/Author") or "").strip()
        if name.endswith(".docx"):
            with zipfile.ZipFile(path) as archive:
                root = ElementTree.fromstring(archive.read("docProps/core.xml"))
            dc = "{http://purl.org/dc/elements/1.1/}"
            return (root.findtext(f"{dc}title") or "").strip(), (root.findtext(f"{dc}creator") or "").strip()
    except Exception:  # metadata is a bonus: a file that will not give it is read by its text
        return "", ""
    return "", ""


def first_author(entry_text):
    """The first author's surname of a reference entry, lower case ("" if none)."""
    for m in _SURNAME.finditer(entry_text[:120]):
        if len(m.group(0)) > 1 and not entry_text[m.end():m.end() + 1] == ".":
            return m.group(0).lower()
    return ""


def entry_title(entry_text):
    """The title of an entry written "Authors (Year). Title. Journal ..." or "Authors. Title.
    Journal Year", as far as it can be told; "" when it cannot."""
    year = re.search(r"\((?:19|20)\d{2}[a-z]?\)\.?\s*", entry_text)
    rest = entry_text[year.end():] if year else entry_text.split(". ", 1)[-1]
    rest = rest.lstrip("*_ ")
    m = re.match(r"(.{15,300}?)(?:[.?!][*_]*\s|$)", rest)
    return m.group(1).strip("*_ ") if m else ""


def _contained(short, long_, need=0.0):
    """The share of the words of `short` found, in order, in `long_`; 0.0 straight away
    when fewer than `need` of them are in `long_` at all (the share cannot be more), so
    that the many pairs of an entry and a paper that share few words cost no alignment."""
    if not short or not long_:
        return 0.0
    present = set(long_)
    if sum(w in present for w in short) < need * len(short) - 1e-9:
        return 0.0
    matcher = SequenceMatcher(None, short, long_, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(short)


def title_matches(entry_text, paper):
    """Whether an entry gives the paper's title (or the paper's first lines give the
    entry's title), case, punctuation and a word or two aside."""
    entry_words = words(entry_text)
    title = words(paper.title)
    if len(title) >= TITLE_WORDS and _contained(title, entry_words, TITLE_MATCH) >= TITLE_MATCH:
        return True
    guessed = words(entry_title(entry_text))
    return len(guessed) >= TITLE_WORDS and _contained(guessed, list(paper.head[:200]), TITLE_MATCH) >= TITLE_MATCH


def _author_year(entry, paper):
    author = first_author(entry.text)
    return bool(author and entry.year) and entry.year in paper.years and (
        author in paper.authors or author in paper.head[:80])


def resolve_entry(entry, papers):
    """(paper doc id, how) for one reference entry, or (None, None)."""
    dois = {d.lower() for d, _, _ in entry.dois}
    if dois:
        for paper in papers:
            if dois & set(paper.dois):
                return paper.doc, "doi"
    # a paper with a DOI of its own is another work when the entry gives another DOI
    candidates = [p for p in papers if not (dois and p.dois)]
    titled = [p for p in candidates if title_matches(entry.text, p)]
    if len(titled) == 1:
        return titled[0].doc, "title"
    if len(titled) > 1:
        agreed = [p for p in titled if _author_year(entry, p)]
        return (agreed[0].doc, "title") if len(agreed) == 1 else (None, None)
    dated = [p for p in candidates if _author_year(entry, p)]
    if len(dated) == 1:
        return dated[0].doc, "author-year"
    return None, None


def list_entries(doc):
    """[(list name, Entry)] of a document's lists of references and sources."""
    out = []
    for section in doc.sections:
        if section.name in LISTS:
            body = doc.text.find(section.title, section.start, section.end)
            body = body + len(section.title) if body >= 0 else section.start
            out += [(section.name, e) for e in parse_entries(doc.text[body:section.end], body)]
    return out


def listed_labels(documents):
    """{document id: the labels of its reference and source lists} for the documents
    that have such lists."""
    listing = {doc.id: {entry.label for _, entry in list_entries(doc)} for doc in documents}
    return {doc_id: labels for doc_id, labels in listing.items() if labels}


def statement_for(query, documents, listing=None):
    """(the one document of `documents` whose lists give every marker of `query` ("[R1]",
    "[3]") its meaning, or None; a note saying which, or why none). `listing` is
    listed_labels(documents), if already made."""
    labels = {label for m in citation_markers(query) for label in m.labels}
    if not labels:
        return None, ""
    listing = listed_labels(documents) if listing is None else listing
    found = [doc_id for doc_id, have in listing.items() if labels <= have]
    if len(found) == 1:
        return next(d for d in documents if d.id == found[0]), f"References read as those of {found[0]}."
    return None, (f"{len(found)} corpus documents list {', '.join(sorted(labels))}: pick one."
                  if found else "")


def resolve(doc, papers, explicit=None):
    """A Resolution for each entry of the document's lists. `explicit` maps labels to
    corpus document ids (the user's map); it wins over matching."""
    explicit = explicit or {}
    papers = [p for p in papers if p.doc != doc.id]
    out = []
    for name, entry in list_entries(doc):
        if entry.label in explicit:
            source, by = explicit[entry.label], "map"
        else:
            source, by = resolve_entry(entry, papers)
        out.append(Resolution(doc.id, entry.label, name, entry.text, source, by))
    return out


def read_sources_map(path):
    """{label: file} (or {document: {label: file}}) from a JSON object or a CSV file with
    columns reference,file[,document]. Files are relative to the map's folder."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as err:
        raise InputError(f"cannot read the sources map ({err.strerror})", path=str(path)) from None
    base = Path(path).parent
    pairs = []  # (document or "", label, file)
    if str(path).lower().endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(text)))
        if not rows or not {"reference", "file"} <= set(rows[0]):
            raise InputError("a CSV sources map needs the columns reference,file (and optionally document)",
                             path=str(path), fix="first line: reference,file")
        pairs = [(r.get("document") or "", r["reference"], r["file"]) for r in rows]
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(f"invalid JSON ({err.msg})", path=str(path), line=err.lineno,
                             fix='give {"R1": "papers/smith2012.pdf", ...}') from None
        if not isinstance(data, dict):
            raise InputError("a JSON sources map must be an object", path=str(path),
                             fix='give {"R1": "papers/smith2012.pdf", ...}')
        for key, value in data.items():
            if isinstance(value, dict):
                pairs += [(key, label, file) for label, file in value.items()]
            else:
                pairs.append(("", key, value))
    out = {}
    for document, label, file in pairs:
        if not isinstance(file, str) or not file.strip():
            raise InputError(f"reference {label!r} maps to no file", path=str(path))
        where = Path(file) if Path(file).is_absolute() or Path(file).exists() else base / file
        out.setdefault(document, {})[str(label).strip().strip("[]").upper()] = str(where)
    return out


def map_for(doc, sources_map, documents):
    """The labels the map gives for `doc`, each to the id of a document among `documents`
    (matched by path); an InputError names a file the audit does not hold."""
    ids = {str(Path(d.id).resolve()): d.id for d in documents}
    wanted = {}
    for key, labels in (sources_map or {}).items():
        if key == "" or Path(key).name == Path(doc.id).name or key == doc.id:
            wanted.update(labels)
    out = {}
    for label, file in wanted.items():
        found = ids.get(str(Path(file).resolve()))
        if found is None:
            raise InputError(f"the sources map sends {label} to {file}, which is not among the "
                             "documents of this audit", fix="check the path, relative to the map's folder")
        out[label] = found
    return out


def author_year_citations(text, start=0):
    """ "(Smith et al., 2012)", "(Smith and Jones 2010; Lee, 2011)": ((surname, year), start,
    end) for each, surname lower case."""
    out = []
    for paren in _PARENS.finditer(text):
        for m in _AUTHOR_YEAR.finditer(paren.group(1)):
            at = start + paren.start(1)
            out.append(((m.group("name").lower(), int(m.group("year"))), at + m.start(), at + m.end()))
    return out


def cited_sources(doc, claims, resolutions):
    """{claim id: ((label, source id, explicit), ...)} for the claims that cite a
    resolved reference: explicit when the sentence carries the marker, not when it
    inherits its paragraph's."""
    resolved = {r.label: r for r in resolutions if r.source}
    if not resolved:
        return {}
    entries = {e.label: e for _, e in list_entries(doc)}
    by_author = {}
    for r in resolutions:
        entry = entries.get(r.label)
        if r.source and entry is not None and entry.year:
            by_author.setdefault((first_author(entry.text), entry.year), r.label)
    marks = [(m.start, m.end, m.labels) for m in citation_markers(doc.text)]
    marks += [(s, e, (by_author[key],)) for key, s, e in author_year_citations(doc.text) if key in by_author]
    marks = [m for m in marks if doc.section_at(m[0]) not in LISTS]  # (start, end, labels)
    out = {}
    for claim in claims:
        own = [labels for s, e, labels in marks
               if claim.start <= s < claim.end or (claim.end <= s and not doc.text[claim.end:s].strip())]
        explicit = bool(own)
        if not own:
            para_start = doc.text.rfind("\n", 0, claim.start) + 1
            para_end = doc.text.find("\n", claim.end)
            para_end = len(doc.text) if para_end < 0 else para_end
            own = [labels for s, _, labels in marks if para_start <= s < para_end]
        labels = dict.fromkeys(label for group in own for label in group if label in resolved)
        if labels:
            out[claim.id] = tuple((label, resolved[label].source, explicit) for label in labels)
    return out



def papers_from_passages(passages):
    """A Paper for each document of an index's passages, read from the passages that
    cover its first HEAD_CHARS characters (and the file's metadata, where the file is
    at hand): what `describe` would read from the document itself."""
    from claimcheck.io.documents import Document, Section

    heads, lists = {}, {}
    for p in sorted(passages, key=lambda p: (p.doc, p.start)):
        text = heads.setdefault(p.doc, [])
        if p.section in LISTS and p.doc not in lists:
            lists[p.doc] = (Section(p.section, "", p.start, p.end),)
        have = sum(map(len, text))
        if have < HEAD_CHARS and p.end > have:
            text.append("\n" * max(0, p.start - have) + p.text[max(0, have - p.start):])  # blank between
    return [describe(Document(doc, "".join(text), lists.get(doc, ()), {})) for doc, text in heads.items()]


def written(resolution):
    """A reference as a reader knows it: "[R1]", "(Smith et al., 2012)", "doi:10.1/x"."""
    label = resolution.label
    if DOI.fullmatch(label):
        return f"doi:{label}"
    return f"({label})" if " " in label else f"[{label}]"


def cites_anything(text):
    """Whether a text carries a citation marker, an author-year citation or a DOI."""
    return bool(citation_markers(text) or author_year_citations(text) or DOI.search(text))


def query_citations(text, papers, statement=None, explicit=None):
    """The references a claim given on its own cites, in order, each as a Resolution:
    its markers ("[R1]", "[3]") and author-year citations ("(Smith et al., 2012)") read
    as the entries of `statement` (the document it is from), resolved against `papers`
    (`explicit`: the user's map, as for `resolve`). Without a statement, an author-year
    citation or a DOI in the text is looked for among the papers directly. A marker that
    names nothing found has source None, and entry "" when no list of the statement (or
    no statement) gives it."""
    out = {}
    listed = {}
    if statement is not None:
        listed = {r.label: r for r in resolve(statement, papers, explicit)}
    where = statement.id if statement is not None else "<query>"
    for m in citation_markers(text):
        for label in m.labels:
            out.setdefault(label, listed.get(label) or Resolution(where, label, "", ""))
    entries = {e.label: e for _, e in list_entries(statement)} if statement is not None else {}
    by_author = {(first_author(e.text), e.year): label for label, e in entries.items() if e.year}
    for (surname, year), start, end in author_year_citations(text):
        label = by_author.get((surname, year))
        if label is not None:
            out.setdefault(label, listed[label])
            continue
        found = [p for p in papers if year in p.years and (surname in p.authors or surname in p.head[:80])]
        written = text[start:end]
        out.setdefault(written, Resolution(where, written, "", written, *(
            (found[0].doc, "author-year") if len(found) == 1 else (None, None))))
    for m in DOI.finditer(text):
        doi = clean_doi(m.group(0))
        found = next((p for p in papers if doi.lower() in p.dois), None)
        out.setdefault(doi, Resolution(where, doi, "", doi, *((found.doc, "doi") if found else (None, None))))
    return list(out.values())
