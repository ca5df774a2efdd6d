"""How likely two figures are one quantity stated twice, read from their words alone.

conflicts.same_quantity decides whether two figures could be the same quantity at all
(same kind, unit, counted noun and scope). Among those that could, this module weighs
what an auditor weighs: do the two sentences and the words around each figure say the
same thing, do they name the same people, places and things, does another figure in
them agree, do they stand side by side in one section. The values themselves are left out on purpose:
the weighing must not depend on whether the figures agree, or it would learn to call
agreement "the same" and a conflict "different".

The weights are a logistic model fitted by evaluation/train_matcher.py on the REF2014
units of assessment kept for tuning (see evaluation/README.md); they are data, in
claimcheck/data/matcher.json.
"""

import json
import math
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from claimcheck.parse.scope import definite
from claimcheck.parse.statements import local_context, names
from claimcheck.parse.words import STOP_WORDS, singular

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "matcher.json"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: What stands in for a figure when the words around it are compared.
BLANK = "some"
GENERIC_FEATURE_WORDS = frozenset({"the", "a", "an", "per", "cent", "percent"})


def masked_context(claim, q, words=8):
    """The words around a figure with the figure itself blanked: two statements of one
    quantity read alike here whatever their values."""
    start, end = q.start - claim.start, q.end - claim.start
    blanked = claim.text[:start] + BLANK + claim.text[end:]
    return local_context(blanked, replace(q, end=q.start + len(BLANK)), claim.start, words)


def content_words(text):
    return {singular(w.lower()) for w in _TOKEN.findall(text)
            if w.lower() not in STOP_WORDS and w.lower() not in GENERIC_FEATURE_WORDS and len(w) > 2}


def _jaccard(a, b):
    return len(a & b) / len(a | b) if a and b else 0.0


def agreeing_figures(claim, other, q1, q2):
    """Another pair of figures in the two sentences that agree ("2,410 nurses" and "more
    than 2,400 nurses"; ten or more of a thing, or any amount or share): a sign that both
    sentences speak of one subject. Two open intervals ("over 100", "over 30") always
    meet, so the values themselves must also be close. (a, b) or None."""
    for a in claim.numeric:
        for b in other.numeric:
            if a is q1 or b is q2 or a.kind != b.kind or a.unit != b.unit or a.head != b.head:
                continue
            if a.kind == "count" and a.value < 10:
                continue
            if fit(a, b):
                return a, b
    return None


def fit(a, b):
    """Whether two figures agree: their intervals meet and their values are close (two
    open intervals, "over 100" and "over 30", always meet)."""
    return a.overlaps(b) and abs(a.value - b.value) <= 0.05 * max(a.value, b.value)


FEATURES = (
    "sentence", "local", "local_words", "shared_names", "agreeing_figure", "same_section",
    "money", "percent", "modified", "rate_mismatch", "generic", "mentions",
    "summary_and_body", "years_apart", "definite", "reading",
)
#: Section names (or words in them) of a document's summary of itself.
SUMMARY_SECTIONS = ("summary", "abstract", "overview", "highlights", "key findings")


def is_summary(section):
    return any(word in section for word in SUMMARY_SECTIONS)


def years_apart(claim, other):
    """Both sentences give years (or periods) and none of them meet: "In 2004, 10% of
    farmers ..." and "By 2011, 25% of farmers ...", most often two moments."""
    spans1 = [(q.low, q.high) for q in claim.quantities if q.kind == "year"]
    spans2 = [(q.low, q.high) for q in other.quantities if q.kind == "year"]
    return bool(spans1 and spans2) and not any(
        lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in spans1 for lo2, hi2 in spans2)


def reading_feature(p):
    """The reader's probability as a feature: its log-odds, bounded, over 6."""
    p = min(max(p, 0.0025), 0.9975)
    return math.log(p / (1 - p)) / 6


def windows(claim, q1, other, q2):
    """What the reader (reader.py) reads of the two figures: their masked windows."""
    from claimcheck.checks.reader import window

    return (window(claim.text, q1.start - claim.start, q1.end - claim.start),
            window(other.text, q2.start - other.start, q2.end - other.start))


def features(claim, q1, other, q2, sentence_similarity, local_similarity, generic=False,
             contexts=None, mentions=0, reading=None):
    """The value-free evidence that q1 (in claim) and q2 (in other) are one quantity.
    `local_similarity` is that of the two masked_context texts (`contexts`, if already
    made); `generic` says the counted noun is one that recurs by coincidence (a span of
    time, a unit); `mentions` is how many figures in the documents count that thing
    (the more there are, the likelier two of them are different ones; 0 if unknown);
    `reading` the reader's probability that they are one (reader.py), None if the pair
    is not read: then the matcher fitted without readings weighs it."""
    ctx1, ctx2 = contexts or (masked_context(claim, q1), masked_context(other, q2))
    one_document = claim.doc == other.doc
    return {
        "sentence": sentence_similarity,
        "local": local_similarity,
        "local_words": _jaccard(content_words(ctx1), content_words(ctx2)),
        "shared_names": min(3, len(shared_names(claim, other))) / 3,
        "agreeing_figure": float(agreeing_figures(claim, other, q1, q2) is not None),
        # a figure restated is mostly restated elsewhere (the summary, then the details);
        # figures side by side in one section are mostly items of a list or a comparison.
        # Only a document with sections says anything here.
        "same_section": float(one_document and bool(claim.section)
                              and claim.section == other.section),
        "money": float(q1.kind == "money"),
        "percent": float(q1.kind == "percent"),
        "modified": float(bool(q1.modifiers)),
        "rate_mismatch": float(("rate" in q1.scope) != ("rate" in q2.scope)),
        "generic": float(generic),
        # a pair is two of the mentions; each one more makes a mix-up likelier
        "mentions": min(1.0, max(0, mentions - 2) / 6),
        # the restatement an auditor looks for first: the summary against the body
        "summary_and_body": float(one_document
                                  and is_summary(claim.section) != is_summary(other.section)),
        "years_apart": float(years_apart(claim, other)),
        # a figure given as something already named ("the two exhibitions") refers back
        "definite": (definite(claim.text, q1.start - claim.start)
                     + definite(other.text, q2.start - other.start)) / 2,
        "reading": None if reading is None else reading_feature(reading),
    }


def shared_names(claim, other):
    """The names both sentences give, as the first one writes them."""
    first, second = names(claim.text), names(other.text)
    return sorted(first[key] for key in first.keys() & second.keys())


@lru_cache(maxsize=1)
def weights():
    data = json.loads(WEIGHTS.read_text())
    if data.get("features") != list(FEATURES):
        raise RuntimeError(f"{WEIGHTS} was fitted for other features; refit it with "
                           "evaluation/train_matcher.py")
    return data


def probability(feats):
    """The fitted model's probability that the two figures are one quantity: the model
    fitted with the reader's readings, or for a pair not read ("reading" None) the one
    fitted without them."""
    model = weights()
    if feats["reading"] is None:
        model = model["unread"]
    z = model["bias"] + sum(model["weights"].get(name, 0.0) * feats[name] for name in FEATURES
                            if feats[name] is not None)
    return 1 / (1 + math.exp(-z))
