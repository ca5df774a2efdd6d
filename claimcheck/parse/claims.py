"""Documents to claims: the sentences that assert something checkable, with their quantities."""

import functools
import hashlib
import re
from dataclasses import dataclass

from claimcheck.errors import InputError
from claimcheck.parse.elided import recover_heads
from claimcheck.parse.quantities import parse_quantities
from claimcheck.parse.sentences import split_sentences

#: Sections whose sentences are bibliography, not claims.
LIST_SECTIONS = frozenset({"references", "sources"})
_CITATION = re.compile(r"\[[A-Z]{0,3}\d+[^\]]{0,40}\]|\(\w[\w\s&.,-]{0,60}\d{4}\)")
_COMPARISON = re.compile(
    r"\b(?:more|fewer|less|higher|lower|larger|smaller|greater|most|least|largest|"
    r"biggest|first|only|increas\w*|decreas\w*|doubl\w*|reduc\w*|rose|fell|grew)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Claim:
    id: str
    doc: str
    section: str
    start: int
    end: int
    text: str
    quantities: tuple = ()

    def to_dict(self):
        return {
            "id": self.id, "doc": self.doc, "section": self.section, "start": self.start,
            "end": self.end, "text": self.text,
            "quantities": [q.to_dict() for q in self.quantities],
        }

    @classmethod
    def from_dict(cls, d, *, path="<claims>", line=None):
        """A claim from a JSON object; a missing or mistyped field names the fix."""
        if not isinstance(d, dict):
            raise InputError("each line must be a JSON object", path=path, line=line)
        if not isinstance(d.get("text"), str):
            keys = ", ".join(sorted(d)) or "none"
            raise InputError(f'missing "text" (keys: {keys})', path=path, line=line,
                             fix='each claim needs a "text" string')
        try:
            start, end = int(d.get("start", 0)), int(d.get("end", len(d["text"])))
        except (TypeError, ValueError):
            raise InputError('"start" and "end" must be whole numbers', path=path, line=line) from None
        text = d["text"]
        doc = str(d.get("doc", path))
        quantities = tuple(parse_quantities(text, base=start))
        return cls(str(d.get("id") or claim_id(doc, text, 0)), doc, str(d.get("section", "")),
                   start, end, text, quantities)

    @functools.cached_property
    def numeric(self):
        """The quantities worth comparing (years are dates, not counts)."""
        return tuple(q for q in self.quantities if q.kind != "year")


def claim_id(doc, text, occurrence):
    digest = hashlib.sha1(f"{doc}\0{text}\0{occurrence}".encode()).hexdigest()
    return f"c{digest[:12]}"


def is_check_worthy(text, quantities):
    """Numbers, amounts, dates, comparisons or citations make a sentence checkable."""
    if not _long_enough(text):
        return False
    return bool(quantities) or bool(_CITATION.search(text)) and bool(_COMPARISON.search(text))


def _long_enough(text):
    """Whether a sentence is long enough to be a claim, whatever its figures: a list
    number or a bullet alone on its line is not read further."""
    return len(text) >= 12 and bool(_WORD.search(text))


_WORD = re.compile(r"[a-z]{3}")


def claims_in_text(doc_id, text, base=0, section_of=None, *, only_numeric=False, listed=False):
    """Claims among the sentences of `text`, which starts at offset `base` of document
    `doc_id`; `section_of(offset)` names the section at an offset. Sentences of the lists
    of references and sources are left out, or, with `listed`, are the only ones read."""
    seen = {}
    out = []
    for s, e in split_sentences(text):
        section = section_of(base + s) if section_of else ""
        if (section in LIST_SECTIONS) != listed:
            continue
        sentence = text[s:e]
        if not _long_enough(sentence):
            continue  # not a claim, so its figures are not read
        quantities = tuple(parse_quantities(sentence, base=base + s))
        if only_numeric and not any(q.kind != "year" for q in quantities):
            continue
        if not is_check_worthy(sentence, quantities):
            continue
        occurrence = seen.get(sentence, 0)
        seen[sentence] = occurrence + 1
        out.append(Claim(claim_id(doc_id, sentence, occurrence), doc_id, section, base + s,
                         base + e, sentence, quantities))
    return out if listed else recover_heads(out)


def extract_claims(doc):
    """The check-worthy sentences of a document, in order."""
    return claims_in_text(doc.id, doc.text, 0, doc.section_at)


def listed_claims(doc):
    """The sentences with figures in a document's lists of references and sources, read
    as claims: not for comparing with the rest (a bibliography is full of figures that
    count nothing), but for the few checks that read an entry on its own."""
    lists = [s for s in doc.sections if s.name in LIST_SECTIONS]
    return [c for s in lists
            for c in claims_in_text(doc.id, doc.text[s.start:s.end], s.start, doc.section_at,
                                    only_numeric=True, listed=True)]
