"""Pairs of figures mined and conflicts planted WITHOUT claimcheck (imports nothing from it).

The evaluation in eval_planted.py must not grade itself: which pairs are planted is
decided here by a plain reading that shares no code with claimcheck's parser. A pair is
the same figure ("700", "£1.2m", "45%", "three") followed by the same next words
("foster carers") in two different sentences of a case study's summary, underpinning
research and details. One of the two is rewritten so that both cannot hold, taking into
account the qualifier written before the untouched one ("over 700" is contradicted only
by a figure below 700, "up to 50" only by one above it, "about 30" by one far from 30).

Everything here is plain string work on the text; offsets index the text given.
"""

import html
import re
import zlib
from dataclasses import dataclass

#: Sections mined for pairs (REF API record fields), and the whole template in order:
#: the text audited holds all five, so that the audit sees the document a user would.
MINED = ("ImpactSummary", "UnderpinningResearch", "ImpactDetails")
TEMPLATE = (
    ("ImpactSummary", "1. Summary of the impact"),
    ("UnderpinningResearch", "2. Underpinning research"),
    ("References", "3. References to the research"),
    ("ImpactDetails", "4. Details of the impact"),
    ("Sources", "5. Sources to corroborate the impact"),
)
STYLES = ("digits", "words", "qualifier", "percent", "money")

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,300})?/?>")
_LINE = re.compile(r"\r\n|\r|\n")


def clean(raw):
    """HTML entities decoded, tags blanked out with spaces, line breaks as "\\n"."""
    text = html.unescape(raw or "")
    text = _TAG.sub(lambda m: " " * len(m.group(0)), text)
    return _LINE.sub("\n", text)


def _unwrap(text):
    """Rejoin wrapped lines: a line indented by more than 4 spaces continues the one before."""
    out = re.sub(r"\n {5,}", " ", text)
    out = re.sub(r"\n[ \t]*", "\n", out)
    return re.sub(r"\n{2,}", "\n", out).strip()


def assemble(record):
    """(text, mined spans): the record's title and five sections as plain text, and the
    (start, end) of the summary, research and details in it."""
    parts, spans, at = [], [], 0
    for piece in [_unwrap(clean(record.get("Title", ""))), ""]:
        parts.append(piece)
        at += len(piece) + 1
    for key, heading in TEMPLATE:
        body = _unwrap(clean(record.get(key) or ""))
        for piece, mined in ((heading, False), ("", False), (body, key in MINED), ("", False)):
            if mined:
                spans.append((at, at + len(piece)))
            parts.append(piece)
            at += len(piece) + 1
    return "\n".join(parts), spans


# ---- sentences --------------------------------------------------------------------------

_ABBREV = {"e.g", "i.e", "etc", "al", "dr", "prof", "mr", "mrs", "ms", "no", "nos", "vs", "cf",
           "fig", "approx", "c", "ca", "inc", "ltd", "co", "st", "vol", "pp", "p", "ed", "eds",
           "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
           "u.k", "u.s", "govt", "dept", "univ"}
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]*[A-Z0-9\u00a3$\u20ac])|\n+")


def sentences(text, start=0, end=None):
    """(start, end) of each sentence of text[start:end]: a break after ".", "!" or "?"
    followed by a space and a capital or a figure (not after a common abbreviation or a
    single initial), and at every line break."""
    end = len(text) if end is None else end
    out, begin = [], start
    for m in _END.finditer(text, start, end):
        if m.group(0)[0] == ".":
            word = re.search(r"([A-Za-z.]+)$", text[begin:m.start()])
            if word and (word.group(1).lower() in _ABBREV or len(word.group(1)) == 1):
                continue
        if text[begin:m.start() + 1].strip():
            out.append(_trim(text, begin, m.start() + 1))
        begin = m.end()
    if text[begin:end].strip():
        out.append(_trim(text, begin, end))
    return out


def _trim(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---- figures ----------------------------------------------------------------------------

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
#: Number words read as figures: "one" is left out (it is mostly "one of the ...").
WORD_VALUES = {w: i for i, w in enumerate(UNITS) if i >= 2}
WORD_VALUES.update({w: 10 * i for i, w in enumerate(TENS) if i >= 2})

_FIGURE = re.compile(
    r"(?<![\w.,/\-£$€])"
    r"(?P<cur>[£$€])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<suf>%|(?:bn|m|k)\b)?"
    r"(?![\w/]|[.,]\d|-\d)"
    r"|\b(?P<word>" + "|".join(sorted(WORD_VALUES, key=len, reverse=True)) + r")\b(?!-)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
#: Words before a number that make it a label, not a figure ("section 4", "phase 2").
_LABELS = {"section", "sections", "figure", "fig", "table", "chapter", "page", "pages", "p", "pp",
           "ref", "refs", "reference", "references", "no", "number", "phase", "stage", "level",
           "version", "article", "paragraph", "para", "annex", "appendix", "part", "box", "item",
           "tier", "step", "type", "class", "grade", "vol", "volume", "issue", "col", "band",
           "route", "wave", "year", "key", "uoa", "grant", "source", "sources", "r", "s", "c",
           "chapters", "series", "see", "model", "rule", "clause", "standard", "iso", "bs"}
_STOP = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from",
         "as", "is", "are", "was", "were", "be", "been", "that", "this", "these", "those", "it",
         "its", "their", "his", "her", "our", "we", "they", "which", "who", "than", "per", "into",
         "over", "under", "out", "up", "more", "less", "times", "has", "have", "had", "not",
         "each", "all", "other", "such", "s"}
#: Next words that make the number a cross-reference or a part of a name or ordinal.
_NOT_COUNTED = {"above", "below", "first", "second", "third", "fourth", "fifth", "century", "st",
                "nd", "rd", "th", "am", "pm", "o'clock"}


@dataclass(frozen=True)
class Figure:
    start: int  # of the figure (its currency sign if any)
    end: int  # of the figure
    text: str  # as written: "£1.2m", "45%", "3,000", "three"
    value: float
    kind: str  # "count", "percent", "money" or "word" (a number word)
    words: tuple  # the next words, lower case: ("foster", "carers")
    words_end: int  # end of the last of those words
    sentence: tuple  # (start, end) of its sentence

    @property
    def key(self):
        """What must be the same for two figures to be paired: the figure as written and
        the word that follows it (after a little word: "45% of ⟦respondents⟧")."""
        return (re.sub(r"\s+", " ", self.text.lower()), self.words[-1])


def _is_year(m, text):
    if m.group("cur") or m.group("suf") or m.group("word"):
        return False
    num = m.group("num")
    if re.fullmatch(r"(1[5-9]|20)\d\d", num):
        return True
    return bool(re.match(r"s\b|'s\b", text[m.end():m.end() + 2]))  # "the 1990s"


def _is_marker(m, text, sent_start):
    """A reference or label marker: "[3]", "(R2)", "ref 4", "section 3.2", "4." opening a line."""
    if m.group("word"):
        return False
    before = text[max(sent_start, m.start() - 12):m.start()]
    after = text[m.end():m.end() + 3]
    if re.search(r"[\[(][A-Za-z]{0,3}\s?$", before) and re.match(r"\s?[\])\-,;–]", after):
        return True
    if re.search(r"[\[(][^\])]*$", before) and re.match(r"[^\[(]{0,20}\]", text[m.end():m.end() + 20]):
        return True  # inside a bracket of markers: "[1, 3, 5]"
    word = re.search(r"([A-Za-z]+)\.?\s*$", before)
    if word and word.group(1).lower() in _LABELS:
        return True
    if m.start() == sent_start and re.match(r"[.)]\s", after):
        return True  # a numbered list item
    return bool(re.search(r"[A-Za-z]$", before) or re.match(r"(?:st|nd|rd|th)\b", after))


def _value(m):
    if m.group("word"):
        return float(WORD_VALUES[m.group("word").lower()])
    return float(m.group("num").replace(",", ""))


def _next_words(text, at, end, limit=2):
    """Up to `limit` words after offset `at` in the sentence, stopping at punctuation
    other than a hyphen within a word: (lower-case words, end offset)."""
    words, pos = [], at
    while len(words) < limit:
        m = re.match(r"[ \t]+(" + _WORD.pattern + r")", text[pos:end])
        if not m:
            break
        words.append(m.group(1).lower().strip("'-"))
        pos += m.end()
    return tuple(words), pos


def figures(text, start, end):
    """Every figure of text[start:end] with its next words, sentence by sentence (years,
    reference markers and labels skipped)."""
    out = []
    for s_start, s_end in sentences(text, start, end):
        for m in _FIGURE.finditer(text, s_start, s_end):
            if _is_year(m, text) or _is_marker(m, text, s_start):
                continue
            value = _value(m)
            if value < 2:  # "1" and "0"; also, for now, "£1.2m" (see docs/evaluation.md)
                continue
            end_at = m.end()
            cent = re.match(r"[ \t]+(?:per[ \t]?cent|percent)\b", text[end_at:s_end], re.IGNORECASE)
            if cent and not m.group("suf"):
                end_at += cent.end()
            words, words_end = _next_words(text, end_at, s_end)
            if not words or words[0] in _MONTHS or words[0] in _NOT_COUNTED:
                continue
            if words[0] not in _STOP:  # the next word, or the one after a little word
                words, words_end = _next_words(text, end_at, s_end, 1)
            elif len(words) < 2 or words[1] in _STOP or words[1] in _MONTHS:
                continue
            suf = (m.group("suf") or "").lower()
            kind = ("word" if m.group("word") else "percent" if suf == "%" or cent
                    else "money" if m.group("cur") else "count")
            out.append(Figure(m.start(), end_at, text[m.start():end_at], value, kind, words,
                              words_end, (s_start, s_end)))
    return out


# ---- pairs ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pair:
    id: str
    first: Figure
    second: Figure
    others: tuple = ()  # further statements of the same figure and word, left alone


def pair_id(doc_id, first_at, second_at):
    """A pair's stable name: "uoa10#12345:7569:8589" (unit, case study, the two offsets)."""
    return f"{doc_id}:{first_at}:{second_at}"


def mine(doc_id, text, spans, per_doc=3):
    """Pairs of one figure stated twice in `spans` of `text`: the same figure as written,
    followed by the same next word, in two different sentences (the first two such
    sentences when it is written more often; the others are kept as `others`). At most
    `per_doc` pairs, chosen by their ids (so a pair is chosen whatever else is found)."""
    groups = {}
    for start, end in spans:
        for f in figures(text, start, end):
            groups.setdefault(f.key, []).append(f)
    pairs = []
    for group in groups.values():
        a = group[0]
        rest = [f for f in group[1:] if f.sentence != a.sentence]
        if not rest:
            continue
        b = rest[0]
        others = tuple(f for f in group if f is not a and f is not b)
        pairs.append(Pair(pair_id(doc_id, a.start, b.start), a, b, others))
    pairs.sort(key=lambda p: zlib.crc32(p.id.encode()))
    return sorted(pairs[:per_doc], key=lambda p: p.first.start)


def marked(text, figure):
    """The figure's sentence with the figure and its next words marked: "... ⟦700 foster carers⟧ ..."."""
    s, e = figure.sentence
    return (text[s:figure.start] + "\u27e6" + text[figure.start:figure.words_end] + "\u27e7"
            + text[figure.words_end:e])


# ---- planting ---------------------------------------------------------------------------

_QUALIFIERS = (
    ("lower", r"more than|over|above|in excess of|at least|upwards of|exceeding|greater than|"
              r"no fewer than|no less than|a minimum of|minimum of|beyond|>|\u2265"),
    ("upper", r"up to|fewer than|less than|under|below|at most|no more than|a maximum of|"
              r"maximum of|not more than|nearly|almost|just under|<|\u2264"),
    ("about", r"about|around|approximately|approx\.?|roughly|some|circa|c\.|ca\.|~|an estimated|"
              r"estimated|close to|in the region of|the equivalent of"),
)
_QUALIFIER_AT_END = re.compile(
    r"(?:^|(?<=[\s(]))(?P<q>" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _QUALIFIERS)
    + r")\s*$", re.IGNORECASE)


def qualifier(text, figure):
    """What the writer put before (or after) the figure: ("lower"|"upper"|"about"|"", start of
    the qualifier). "30,000+", "500 or more" and ">500" are lower bounds; "nearly 100" is read
    as an upper bound (it is below 100)."""
    before = text[max(figure.sentence[0], figure.start - 30):figure.start]
    after = text[figure.end:figure.end + 12]
    if after.startswith("+") or re.match(r"\s+or more\b", after):
        return "lower", figure.start
    m = _QUALIFIER_AT_END.search(before)
    if not m:
        return "", figure.start
    kind = next(name for name, _ in _QUALIFIERS if m.group(name))
    return kind, figure.start - (len(before) - m.start("q"))


def in_words(n):
    """A whole number as a British writer spells it: 190 -> "one hundred and ninety"."""
    words = []
    for scale, name in ((10**9, "billion"), (10**6, "million"), (1_000, "thousand"), (100, "hundred")):
        if n >= scale:
            words += [in_words(n // scale), name]
            n %= scale
            if scale == 100 and n:
                words.append("and")
    if n >= 20:
        words.append(TENS[n // 10] + (f"-{UNITS[n % 10]}" if n % 10 else ""))
    elif n:
        words.append(UNITS[n])
    return " ".join(words)


def _nice(value, decimals):
    """Rounded as a writer rounds: two significant figures (whole numbers stay whole)."""
    if decimals:
        return round(value, decimals)
    if value >= 100:
        digits = len(str(int(value))) - 2
        return float(round(value, -digits))
    return float(round(value))


def _far(value, decimals, kind):
    """(a value far above, a value far below) `value`, each None if none can be written:
    at least a third away, within 1..99 for a share."""
    if kind == "percent" and value <= 100:
        step = max(17, value * 0.4)
        up = value + step if value + step <= 99 else None
        down = value - step if value - step >= 1 else (value * 0.4 if value >= 3 else None)
    else:
        up = max(value * 1.6, value + 2)
        down = value * 0.6 if value * 0.6 >= 1 else None
    up = None if up is None else _nice(up, decimals)
    down = None if down is None else _nice(down, decimals)
    if down is not None and (down >= value or value - down < max(1, value / 4)):
        down = None
    return up, down


def conflicting_value(value, bound, decimals, kind, prefer_down=False):
    """A value that cannot hold with `value` as the untouched figure states it: below a lower
    bound, above an upper one, far (at least a third) from an approximate or exact one.
    (value, "up"|"down") or (None, "")."""
    up, down = _far(value, decimals, kind)
    if bound == "lower":
        order = [(down, "down")]
    elif bound == "upper":
        order = [(up, "up")]
    else:
        order = [(down, "down"), (up, "up")] if prefer_down else [(up, "up"), (down, "down")]
    return next(((v, d) for v, d in order if v is not None), (None, ""))


def _written(value, like, decimals):
    """`value` in digits written like the figure `like` (separators, decimals)."""
    return f"{value:,.{decimals}f}" if "," in like else f"{value:.{decimals}f}"


_RANGE_BEFORE = re.compile(r"\d[\d,.]*\s*(?:%|m|k|bn)?\s*(?:to|-|\u2013|\u2014|and|or)\s*[£$€]?$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:to|-|\u2013|\u2014)\s*[£$€]?\d")


def in_range(text, figure):
    """Is the figure one end of a range or one of a run of figures ("2.7 to 3.9 million",
    "10-15 sites", "phase 2 and 3")? A qualifier or words cannot be written into it."""
    before = text[max(figure.sentence[0], figure.start - 20):figure.start]
    return bool(_RANGE_BEFORE.search(before) or _RANGE_AFTER.match(text[figure.end:figure.end + 12]))


def styles_for(figure, ranged=False):
    if ranged:
        return ({"percent": "percent", "money": "money"}.get(figure.kind, "digits"),)
    if figure.kind == "percent":
        return ("percent", "qualifier")
    if figure.kind == "money":
        return ("money", "qualifier")
    return ("digits", "words", "qualifier")


@dataclass(frozen=True)
class Plant:
    pair: str
    style: str
    at: int  # start of the rewritten span (the planted figure, with its own qualifier)
    old: str  # the text replaced
    new: str  # the text written instead
    planted: Figure  # the occurrence rewritten
    partner: Figure  # the one left alone
    partner_bound: str  # the qualifier read before the partner: "lower", "upper", "about", ""

    def apply(self, text):
        return text[:self.at] + self.new + text[self.at + len(self.old):]

    @property
    def shift(self):
        return len(self.new) - len(self.old)

    def partner_at(self):
        """The partner's offset in the planted text."""
        return self.partner.start + (self.shift if self.partner.start > self.at else 0)


def plant(text, pair, style=None):
    """A conflict planted into one occurrence of the pair (chosen by the pair id), in
    `style` (default: chosen by the pair id among the styles that fit the figure), so
    that both statements cannot hold. The planted occurrence loses its own qualifier
    ("over 700" becomes "420", not "over 420"). None when no such value can be written."""
    h = zlib.crc32(pair.id.encode())
    if re.match(r"[£$€]?0\d", pair.first.text):  # "Impacts 08": a label, not a figure
        return None
    planted, partner = (pair.first, pair.second) if h % 2 else (pair.second, pair.first)
    ranged = in_range(text, planted)
    options = styles_for(planted, ranged)
    style = style or styles_for(planted)[(h >> 1) % len(styles_for(planted))]
    if ranged and style not in options:
        style = options[0]
    if style not in options:
        return None
    bound, _ = qualifier(text, partner)
    _, q_start = qualifier(text, planted)
    currency = planted.text[0] if planted.text[0] in "£$€" else ""
    digits = re.match(r"[\d,]+(?:\.(\d+))?", planted.text[len(currency):])
    decimals = len(digits.group(1) or "") if digits else 0
    suffix = planted.text[len(currency) + len(digits.group(0)):] if digits else ""
    prefer_down = (h >> 3) % 3 == 0
    if ranged:  # keep the range's order: its lower end goes down, its upper end up
        prefer_down = bool(_RANGE_AFTER.match(text[planted.end:planted.end + 12]))
    value, direction = conflicting_value(planted.value, bound, decimals, planted.kind, prefer_down)
    if value is None:
        return None
    prefix = ""
    if style == "qualifier":  # "fewer than N" below the partner, "more than N" above it
        fewer = "fewer than" if planted.kind in ("count", "word") else "less than"
        prefix = (fewer if direction == "down" else "more than") + " "
    if planted.kind == "word" and style != "digits":
        core = in_words(int(value))
    elif style == "words" and value == int(value):
        core = in_words(int(value))
    else:
        if style == "words":
            style = "digits"
        core = _written(value, planted.text, decimals)
    new = prefix + currency + core + suffix
    if text[q_start:q_start + 1].isupper():
        new = new[0].upper() + new[1:]
    end = planted.end + (text[planted.end:planted.end + 1] == "+")  # "30,000+" goes whole
    return Plant(pair.id, style, q_start, text[q_start:end], new, planted, partner, bound)
