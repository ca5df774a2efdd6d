"""Documents to passages that fit the model's window, overlapping by whole sentences."""

import re
from dataclasses import asdict, dataclass

from claimcheck.config import PASSAGE_MAX_TOKENS, PASSAGE_OVERLAP_SENTENCES
from claimcheck.parse.sentences import split_sentences

_PIECE = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Passage:
    id: str  # "{doc}@{start}-{end}"
    doc: str
    section: str
    start: int
    end: int
    text: str

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, d):
        return cls(**{k: d[k] for k in ("id", "doc", "section", "start", "end", "text")})


def estimate_tokens(text):
    """A close upper estimate of the WordPiece tokens in `text` (words split into ~1.3)."""
    return int(len(_PIECE.findall(text)) * 1.3) + 2


def split_passages(doc, max_tokens=PASSAGE_MAX_TOKENS, overlap=PASSAGE_OVERLAP_SENTENCES):
    """Consecutive sentences of one section, up to `max_tokens`; the last `overlap`
    sentences of a passage open the next, so no sentence is cut and none loses context."""
    passages = []
    bounds = [(s.start, s.end, s.name) for s in doc.sections] or [(0, len(doc.text), "")]
    if doc.sections and doc.sections[0].start > 0:
        bounds.insert(0, (0, doc.sections[0].start, ""))
    for sec_start, sec_end, name in bounds:
        spans = split_sentences(doc.text, sec_start, sec_end)
        sizes = [estimate_tokens(doc.text[s:e]) for s, e in spans]
        i = 0
        while i < len(spans):
            j, total = i, 0
            while j < len(spans) and (j == i or total + sizes[j] <= max_tokens):
                total += sizes[j]
                j += 1
            start, end = spans[i][0], spans[j - 1][1]
            passages.append(Passage(f"{doc.id}@{start}-{end}", doc.id, name, start, end,
                                    doc.text[start:end]))
            if j >= len(spans):
                break
            i = max(j - overlap, i + 1)
    return passages
