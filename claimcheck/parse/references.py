"""Reading reference lists, citation markers and DOIs.

`parse_entries(text, start)` reads the numbered or labelled entries of a reference or
source list ("[R1] Bateman, A. (2003) ...", "1. Mc Adams, ET; ... 1995"), with each entry's
label, year and DOIs. `citation_markers(text)` reads the in-text markers ("[R1]",
"[1-4]", "[S4, S7]", "[e.g. R1]") as lists of labels. `doi_problem(doi)` says what is wrong
with a DOI, if anything. The checks in checks/references.py ask this module.
"""

import re
from dataclasses import dataclass

_ENTRY_START = re.compile(
    r"^[ \t]*(?:[-*•][ \t]*)?(?:\[(?P<b>[A-Za-z]{0,3}\d{1,2}(?:\.\d{1,2})?)\]|"
    r"(?P<n>[A-Za-z]{0,3}\d{1,2}(?:\.\d{1,2})?)[.)](?=[ \t]))",
    re.MULTILINE,
)
_YEAR = re.compile(r"(?<![\d/.])(19[5-9]\d|20[0-4]\d)(?![\d/])")
DOI = re.compile(r"(?<![\w.])10\.\d{3,9}/[^\s\]\[\"<>,;]*[^\s\]\[\"<>,;.*]", re.IGNORECASE)
_URL_TAIL = re.compile(r"/(?:pdf|full|abstract|epdf|meta|suppinfo)$", re.IGNORECASE)
_DOI_LABEL = re.compile(r"(?<![/.\w])doi\s*:\s*(?P<value>[^\s\]\[)(\"<>,;]+)", re.IGNORECASE)
_MARKER = re.compile(r"\[(?P<body>[^\[\]\n]{1,60})\]")
_LABEL = re.compile(r"^[A-Za-z]{0,3}\d{1,2}(?:\.\d{1,2})?$")
_RANGE = re.compile(r"^(?P<p>[A-Za-z]{0,3})(?P<a>\d{1,2})\s*[-–]\s*(?P=p)?(?P<b>\d{1,2})$")


@dataclass(frozen=True)
class Entry:
    label: str  # normalised: upper case, no brackets ("R1", "3", "S10")
    text: str
    start: int
    end: int
    year: int | None = None  # the publication year, when the entry gives one
    dois: tuple = ()  # (doi, start, end) as written


@dataclass(frozen=True)
class Marker:
    labels: tuple  # normalised labels it cites
    text: str  # as written: "[R1, R2]"
    start: int
    end: int


def normalise(label):
    return label.strip().upper().lstrip("0") or "0"


def parse_entries(text, start=0):
    """The entries of a list section, in order. `start` is the section's document offset."""
    heads = list(_ENTRY_START.finditer(text))
    entries = []
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = text[m.end():end]
        label = normalise(m.group("b") or m.group("n"))
        years = [int(y) for y in _YEAR.findall(body)]
        dois = tuple((clean_doi(d.group(0)), start + m.end() + d.start(), start + m.end() + d.end())
                     for d in DOI.finditer(body))
        entries.append(Entry(label, body.strip(), start + m.start(), start + end,
                             _publication_year(body, years), dois))
    return entries


def _publication_year(body, years):
    """The year in brackets after the authors, else the first plausible year."""
    bracketed = re.search(r"\((19[5-9]\d|20[0-4]\d)[a-z]?\)", body)
    if bracketed:
        return int(bracketed.group(1))
    return years[0] if years else None


def citation_markers(text, start=0):
    """Citation markers in running text, each with the labels it cites."""
    out = []
    for m in _MARKER.finditer(text):
        body = re.sub(r"^\s*(?:e\.g\.|eg|see|cf\.?|i\.e\.)\s*", "", m.group("body"), flags=re.I)
        labels = []
        for part in re.split(r"\s*[,;]\s*|\s+and\s+", body):
            part = part.strip()
            if not part:
                continue
            rng = _RANGE.match(part)
            if rng:
                a, b = int(rng.group("a")), int(rng.group("b"))
                if a < b <= a + 20:
                    labels += [normalise(f"{rng.group('p')}{n}") for n in range(a, b + 1)]
                    continue
            if not _LABEL.match(part):
                labels = []
                break  # "[Available upon Request]", "[sic]": not a marker
            labels.append(normalise(part))
        if labels:
            out.append(Marker(tuple(labels), m.group(0), start + m.start(), start + m.end()))
    return out


def label_style(label):
    """What kind of label: its letter prefix ("R", "S", "") and whether it has a point."""
    prefix = re.match(r"[A-Z]*", label).group(0)
    return prefix, "." in label


#: Suffix patterns of the large registrants' DOIs: (prefix, pattern, what it looks like).
REGISTRANTS = (
    ("10.1111/j.", re.compile(r"^10\.1111/j\.\d{4}-\d{3}[\dX]\.\d{4}\.(?:[a-z]{0,2}\d{4,5}[a-z]?)\.x$", re.I),
     "Wiley's 10.1111/j.NNNN-NNNN.YYYY.NNNNN.x"),
    ("10.1016/", re.compile(
        r"^10\.1016/(?:j\.[a-z0-9]+\.\d{4}\.\d{2}\.\d{3,4}|S?\d{4}-\d{3}[\dX]\(\d{2}\)\d{5}-[\dA-Z]"
        r"|B978-[\d-]+|S\d{4}-\d{4}\(\d{2}\)\d{5}-[\dA-Z])$", re.I),
     "Elsevier's 10.1016/j.journal.YYYY.MM.NNN or 10.1016/SNNNN-NNNN(YY)NNNNN-N"),
    ("10.1186/", re.compile(r"^10\.1186/(?:\d{4}-\d{3}[\dX]-\d{1,3}-\d{1,4}|s\d{5}-\d{3}-\d{4,5}-[\dx]|"
                            r"[a-z]{2,4}\d{3,5}|1\d{3}-\d{3}[\dX]-\d{1,3}-[A-Z]?\d{1,4})$", re.I),
     "BMC's 10.1186/NNNN-NNNN-V-N or 10.1186/sNNNNN-NNN-NNNNN-N"),
)


def clean_doi(doi):
    """A DOI as found in text, without URL tails, a year glued on ("...x(2013a)") and
    unbalanced closing brackets."""
    doi = _URL_TAIL.sub("", doi)
    doi = re.sub(r"\((?:19|20)\d{2}[a-z]?\)$|\([A-Za-z][^()]*$", "", doi)  # "...x(2013a)", "...021(Solar"
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1]
    return doi.rstrip(".")


def wrapped_doi(text, match):
    """A DOI that a line break cut ("10.1111/j.1939-" + newline + "1676.2009.0392.x"),
    joined again; the match as it is when nothing continues it."""
    doi = clean_doi(match.group(0))
    tail = re.match(r"\s+([\w.()/-]+)", text[match.end():match.end() + 60])
    if tail and doi_problem(doi):
        # joined as it stands, or with the hyphen a line break swallowed ("j.1365 2109...")
        for joined in (doi + tail.group(1), doi + "-" + tail.group(1)):
            if not doi_problem(clean_doi(joined)):
                return clean_doi(joined)
    return doi


def doi_problem(doi):
    """What is wrong with a DOI as written, or None."""
    if not re.match(r"^10\.\d{4,9}/\S+$", doi):
        return "is not a DOI (a DOI starts 10.NNNN/)"
    for prefix, pattern, shape in REGISTRANTS:
        if doi.lower().startswith(prefix.lower()) and not pattern.match(doi):
            return f"does not have the shape of {shape}: truncated or mistyped"
    return None


def labelled_non_dois(text, start=0):
    """Values written after "DOI:" that are not DOIs at all ("DOI: 095656639596795Z")."""
    out = []
    for m in _DOI_LABEL.finditer(text):
        value = m.group("value").strip(".")
        if (re.search(r"10\.\d{4,9}/", value) or re.match(r"^10/[a-z0-9]+$", value, re.I)
                or value.lower().startswith(("http", "www", "dx.")) or len(value) < 5):
            continue  # a DOI, a DOI address or a shortDOI ("10/b3vt6j")
        out.append((value, start + m.start("value"), start + m.start("value") + len(value)))
    return out


_DATED_WORK = re.compile(
    r"\b(?:a|an|the|their|our|his|her|this|that)\s+(?P<year>(?:19|20)\d{2})\s+(?:[\w-]+\s+){0,2}?"
    r"(?:study|studies|trial|paper|review|report|meta-analysis|survey|article|publication|"
    r"monograph|book|analysis)\b",
    re.IGNORECASE,
)


def dated_work_before(text, start, marker_start):
    """ "a 2015 trial" right before a citation marker (only a bracketed aside between):
    (phrase, year, start), or None."""
    found = [d for d in _DATED_WORK.finditer(text, start, marker_start)
             if re.fullmatch(r"\s*(?:\([^()]{0,40}\))?\s*", text[d.end():marker_start])]
    if not found:
        return None
    d = found[-1]
    return d.group(0), int(d.group("year")), d.start()
