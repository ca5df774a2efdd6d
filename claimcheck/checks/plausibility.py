"""Amounts that cannot be right: costs far outside what such things cost, pence on
multi-million awards, shares above 100%."""

import json
import math
import re
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from claimcheck.checks.describe import money, quantity_phrase
from claimcheck.errors import InputError, os_error_words
from claimcheck.findings import Finding, Span
from claimcheck.parse.claims import extract_claims, listed_claims
from claimcheck.parse.counted import PHRASE_END, category, noun_end
from claimcheck.parse.quantity import CHANGE_ROLES
from claimcheck.parse.statements import parts_of_wholes
from claimcheck.parse.words import looks_plural, singular

#: How far past the top of a range an amount must be for each severity.
HIGH_FACTOR, MEDIUM_FACTOR = 5.0, 3.0
#: How near an amount (in characters, about ten words) the words that say what it is
#: for must stand: "a grant of £600,000 for collaborative research".
CONTEXT_REACH = 60
PRIORS_FORMAT = "claimcheck-cost-priors"
#: Kinds of money that are not what a study, trial or grant cost.
NOT_A_COST = frozenset(
    "market sale revenue turnover saving investment value profit export import gva loss price "
    "worth valuation income benefit".split()
)


def load_priors(path=None):
    """The cost priors: the bundled file, or a user's file of the same format, checked
    against the format (validate_priors) so that a bad file is a one-line InputError."""
    name = "cost_priors.json" if path is None else str(path)
    try:
        if path is None:
            data = resources.files("claimcheck").joinpath("data/cost_priors.json").read_bytes()
        else:
            data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(os_error_words(err), path=name, fix="check the --priors path") from None
    try:
        priors = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})",
                         path=name, fix="save it as UTF-8") from None
    except json.JSONDecodeError as err:
        raise InputError(f"invalid JSON ({err.msg} at column {err.colno})", path=name,
                         line=err.lineno, fix="start from claimcheck/data/cost_priors.json, "
                         "which has the form a priors file needs") from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read", path=name) from None
    if not isinstance(priors, dict) or priors.get("format") != PRIORS_FORMAT:
        raise InputError(f'not a priors file (needs "format": "{PRIORS_FORMAT}")', path=name,
                         fix="start from claimcheck/data/cost_priors.json")
    problem = validate_priors(priors)
    if problem:
        raise InputError(problem, path=name, fix="see claimcheck/data/cost_priors.json for the format")
    return priors


def validate_priors(priors):
    """The first way `priors` breaks the format of cost_priors.json, as "kinds[2].total:
    must be [low, high], two numbers with low <= high", or None when it holds:

    - "kinds" (required): a list of objects, each with "kind" (text), "total" (a range),
      "source" (text), and optionally "per_participant" (a range or null), "words", "heads",
      "context" (lists of text) and "tied" (true or false);
    - "funders": a list of objects with "funder" (text), "words" (a list of text) and
      "kinds", an object from a kind's name (or "*", any kind) to an object with
      "total" (a range), "source" (text) and optionally "per_participant" (a range or null);
    - "participant_nouns": a list of text; "exchange_to_gbp": an object from a
      currency code to a rate above zero.
    A range is [low, high]: two numbers, low <= high. Other keys are left alone.
    """
    problems = []
    _field(problems, priors, "kinds", "", _list_of(_kind), required=True)
    _field(problems, priors, "funders", "", _list_of(_funder))
    _field(problems, priors, "participant_nouns", "", _texts)
    _field(problems, priors, "exchange_to_gbp", "", _rates)
    return problems[0] if problems else None


def _field(problems, obj, key, where, check, required=False):
    """Check obj[key] with `check` (which returns a problem or None), noting the first."""
    name = f"{where}.{key}" if where else key
    if key not in obj:
        if required:
            problems.append(f'{where + ": " if where else ""}missing "{key}"')
        return
    problem = check(obj[key], name)
    if problem:
        problems.append(problem)


def _is_text_list(value):
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _texts(value, name):
    return None if _is_text_list(value) else f"{name}: must be a list of text"


def _text(value, name):
    return None if isinstance(value, str) else f"{name}: must be text"


def _range(value, name):
    ok = (isinstance(value, list) and len(value) == 2
          and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                  for v in value) and value[0] <= value[1])
    return None if ok else f"{name}: must be [low, high], two numbers with low <= high, not {_shown(value)}"


def _range_or_null(value, name):
    return None if value is None else _range(value, name)


def _shown(value):
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _rates(value, name):
    ok = isinstance(value, dict) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v > 0
        for v in value.values())
    return None if ok else f"{name}: must map currency codes to rates above zero"


def _list_of(check):
    def checked(value, name):
        if not isinstance(value, list):
            return f"{name}: must be a list"
        return next((p for i, item in enumerate(value) if (p := check(item, f"{name}[{i}]"))), None)
    return checked


def _kind(value, name):
    if not isinstance(value, dict):
        return f"{name}: must be an object"
    problems = []
    for key, check, required in (("kind", _text, True), ("total", _range, True), ("source", _text, True),
                                 ("per_participant", _range_or_null, False), ("words", _texts, False),
                                 ("heads", _texts, False), ("context", _texts, False),
                                 ("tied", _flag, False)):
        _field(problems, value, key, name, check, required)
    return problems[0] if problems else None


def _flag(value, name):
    return None if isinstance(value, bool) else f"{name}: must be true or false"


def _funder(value, name):
    if not isinstance(value, dict):
        return f"{name}: must be an object"
    problems = []
    _field(problems, value, "funder", name, _text, True)
    _field(problems, value, "words", name, _texts, True)
    _field(problems, value, "kinds", name, _funder_kinds, True)
    return problems[0] if problems else None


def _funder_kinds(value, name):
    if not isinstance(value, dict):
        return f"{name}: must be an object from a kind's name to its range"
    for kind, spec in value.items():
        where = f"{name}[{json.dumps(kind)}]"
        if not isinstance(spec, dict):
            return f"{where}: must be an object"
        problems = []
        _field(problems, spec, "total", where, _range, True)
        _field(problems, spec, "source", where, _text, True)
        _field(problems, spec, "per_participant", where, _range_or_null)
        if problems:
            return problems[0]
    return None


def _words(text, compounds=False):
    """The words of `text` between spaces, for looking up phrases; with `compounds`, a
    hyphened word is one ("pre-award" is not "award")."""
    pattern = r"[a-z0-9]+(?:-[a-z0-9]+)*" if compounds else r"[a-z0-9]+"
    return " " + " ".join(re.findall(pattern, text.lower())) + " "


def _has(words, phrases):
    return next((p for p in phrases if f" {p} " in words), None)


def _expectation(priors, words, head, near, research=False):
    """(kind, funder, total range, per-participant range, source) for an amount in a
    sentence of these `words` whose kind of money is `head`, or None. A kind is named by
    the sentence ("a pilot study", "an RCT"), or by the words `near` the amount for a kind
    "tied" to its amount ("a small grant (£2,000)": a sentence may name a small grant and
    a large one), or, for a kind that lists "heads", by the
    amount's own kind of money ("a £450k grant", "awarded £450k") where the sentence
    names a funder, the words near the amount give one of the kind's "context"
    ("research", "project"), or the amount is listed among the references to the research
    (`research`): a grant of government or of a charity may be of any size."""
    funder = next((f for f in priors.get("funders", ()) if _has(words, f["words"])), None)
    kind = next((k for k in priors["kinds"]
                 if _has(near if k.get("tied") else words, k.get("words", ()))), None) or next(
        (k for k in priors["kinds"] if head and head in k.get("heads", ())
         and (funder or research or _has(near, k.get("context", ())))), None)
    if kind is None:
        return None
    if funder is None or not (kind["kind"] in funder["kinds"] or "*" in funder["kinds"]):
        return kind["kind"], None, kind["total"], kind.get("per_participant"), kind["source"]
    specific = funder["kinds"].get(kind["kind"])
    if specific is None:  # all the funder gives: an amount must fit both it and the kind
        specific = funder["kinds"]["*"]
        (low, high), (f_low, f_high) = kind["total"], specific["total"]
        specific = {**specific, "total": [max(low, f_low), min(high, f_high)],
                    "source": f'{kind["source"]} {specific["source"]}'}
    return (kind["kind"], funder["funder"], specific["total"],
            specific.get("per_participant", kind.get("per_participant")), specific["source"])


def _plural(kind):
    """ "pilot or feasibility study" -> "pilot or feasibility studies"."""
    return kind[:-1] + "ies" if kind.endswith("y") else kind + "s"


def implausible_amount(claim, evidence=(), context=None):
    """Money for a study, trial, fellowship, studentship or grant far above what such
    things cost, in total or per participant."""
    priors = context.priors if context is not None else load_priors()
    for award in _awards(claim, priors):
        finding = _out_of_range(claim, award)
        if finding is not None:
            yield finding


def document_amounts(doc, priors=None, claims=None):
    """The amount checks that read a whole document:

    - implausible_amount on the amounts in its lists of references and sources, where
      case studies name the grants behind the research ("ESRC grant RES-062-23-0577,
      2007-2010, £230,700"). An entry is about one award, so a word of its sentence
      ("grant", "award") says what an amount is even when no word stands beside it, and
      in the list of references to the research, an award is for research;
    - an award out of line with every other the document names (OUT_OF_LINE times the
      largest of them): "a small grant (£1,000)" beside "a £7,500,000 early career
      grant" is most likely thousands written as millions, though a range for grants
      admits both.

    `claims` are the document's claims (extract_claims), read again if not given."""
    priors = priors or load_priors()
    claims = extract_claims(doc) if claims is None else claims
    awards = []
    for claim, listed in [(c, False) for c in claims] + [(c, True) for c in listed_claims(doc)]:
        for award in _awards(claim, priors, listed):
            flagged = _excess(award) >= MEDIUM_FACTOR
            if flagged and listed:  # the body's are implausible_amount's
                yield _out_of_range(claim, award)
            awards.append((claim, award, flagged))
    yield from _out_of_line(awards)


#: How many times the largest other award of its document an award must be to be out of
#: line: a slip of scale multiplies by a thousand, and the widest spread between two real
#: awards of one case study in the tuning split is about a hundredfold (a £3,500 award
#: for a film beside a £340,000 ESRC grant).
OUT_OF_LINE = 200


def _out_of_line(awards):
    """Findings for the awards ((claim, Award, flagged already) each) at least
    OUT_OF_LINE times every other one that is within its kind's range or above it."""
    for claim, award, flagged in awards:
        # an amount below what its kind ever costs is misread ("£14, 013") or no award
        yardsticks = [(c, a) for c, a, _ in awards
                      if a.amount is not award.amount and a.gbp > 0 and a.gbp >= a.low]
        if flagged or not yardsticks:
            continue
        other_claim, largest = max(yardsticks, key=lambda item: item[1].gbp)
        if award.gbp < OUT_OF_LINE * largest.gbp:
            continue
        q = award.amount
        yield Finding(
            "implausible-amount", "medium",
            f"{q.text} ({award.kind}) is {award.gbp / largest.gbp:,.0f} times any other amount "
            f"the document gives for a grant, award or study (the largest is "
            f"{largest.amount.text}); a figure this far out of line is often a slip of scale, "
            "thousands written as millions.",
            Span.of_claim(claim), (Span.of_claim(other_claim),),
            {"amount": q.text, "amount_gbp": round(award.gbp, 2), "kind": award.kind,
             "largest_other": largest.amount.text, "largest_other_gbp": round(largest.gbp, 2),
             "pair": str(q.start)},
        )


#: The list of a REF3 case study that names the research and the grants behind it: an
#: award there is for research, whatever the words around it.
RESEARCH_LIST = "references"


def _around(claim, q, reach=CONTEXT_REACH):
    """The text of `claim` within `reach` characters of quantity `q`."""
    return claim.text[max(0, q.start - claim.start - reach):q.end - claim.start + reach]


class Award(NamedTuple):
    """An amount of money and what it pays for."""
    amount: object  # the Quantity
    expect: tuple  # (kind, funder or None, (low, high), per-participant range, source): _expectation
    gbp: float  # the amount in pounds
    people: object  # the count of participants in its sentence, or None

    @property
    def kind(self):
        return self.expect[0]

    @property
    def low(self):
        """The least such a thing costs."""
        return self.expect[2][0]


def _awards(claim, priors, listed=False):
    """An Award for each amount of `claim` that pays for a kind of thing the priors know
    (a study, trial, fellowship, studentship or grant; see _expectation). An amount with
    no word of its own for what it is takes the sentence's ("a research grant, ...,
    £435,000"), where the sentence gives no other amount or is an entry of a list."""
    amounts = [q for q in claim.quantities if q.kind == "money"]
    if not amounts:
        return
    heads = [h for k in priors["kinds"] for h in k.get("heads", ())] if listed or len(amounts) == 1 else ()
    whole_words = _words(claim.text, compounds=True) if heads else ""
    words = _words(claim.text)
    participant_nouns = set(priors.get("participant_nouns", ()))
    people = next((q for q in claim.quantities if q.kind == "count" and q.head in participant_nouns
                   and q.value >= 2), None)
    rates = priors.get("exchange_to_gbp", {})
    for q in amounts:
        if q.head in NOT_A_COST:
            continue  # "a feasibility study securing $100M investment": not what it cost
        head = q.head or next((h for h in heads if _has(whole_words, (h, h + "s"))), "")
        expect = _expectation(priors, words, head, _words(_around(claim, q)),
                              research=claim.section == RESEARCH_LIST)
        if expect is not None:
            yield Award(q, expect, q.value * rates.get(q.unit, 1.0), people)


def _excess(award):
    """How many times the top of its range an Award is, in total or per participant,
    whichever is more (0 if within both): below a range is weak evidence, not counted."""
    _kind, _funder, (_low, high), per_range, _source = award.expect
    factor = award.gbp / high if award.gbp > high else 0
    per_person = award.gbp / award.people.value if award.people else None
    per_factor = per_person / per_range[1] if per_person and per_range and per_person > per_range[1] else 0
    return max(factor, per_factor)


def _out_of_range(claim, award):
    """The finding for an Award of `claim` if above the range of what it pays for, in
    total or per participant, else None."""
    worst = _excess(award)
    if worst < MEDIUM_FACTOR:
        return None
    q, gbp, people = award.amount, award.gbp, award.people
    kind, funder, (low, high), per_range, source = award.expect
    per_person = gbp / people.value if people else None
    kinds = f"{funder}-funded {_plural(kind)}" if funder else _plural(kind)
    message = f"{kinds[0].upper()}{kinds[1:]} typically cost {money(low)}-{money(high)}; "
    if gbp > high:
        message += f"{q.text} is {gbp / high:.0f} times the top of that range"
    else:
        message += f"{q.text} is within it"
    if per_person:
        noun = people.noun.split() if people.noun else ["participant"]
        unit = " ".join(noun[:-1] + [people.head or noun[-1]])
        message += f", about {money(per_person)} per {unit}"
        if per_range:
            message += f" against a usual {money(per_range[0])}-{money(per_range[1])}"
    return Finding(
        "implausible-amount", "high" if worst >= HIGH_FACTOR else "medium",
        message + ".", Span.of_claim(claim), (),
        {"amount": q.text, "amount_gbp": round(gbp, 2), "kind": kind, "funder": funder,
         "expected_gbp": [low, high], "per_participant_gbp": round(per_person, 2) if per_person else None,
         "participants": quantity_phrase(people) if people else None, "source": source,
         "pair": str(q.start)},
    )


def spurious_precision(claim, evidence=(), context=None):
    """Pence on a multi-million award: precision no one budgets at."""
    for q in claim.quantities:
        if q.value >= 1_000_000 and q.to_the_penny:
            yield Finding(
                "spurious-precision", "low",
                f"{q.text} gives a multi-million amount to the penny; awards are stated in "
                "round figures, so this may be a typing or copying error.",
                Span.of_claim(claim), (), {"amount": q.text, "pair": str(q.start)},
            )
        if (q.kind == "percent" and q.unit == "%" and q.value > 100 and q.whole
                and q.noun and looks_plural(q.noun.split()[-1])):  # a share of people or things
            yield Finding(
                "share-over-100", "high",
                f"{quantity_phrase(q)} is more than all of them: a share of "
                f"{q.whole}s cannot be over 100%.",
                Span.of_claim(claim), (), {"share": q.text, "pair": str(q.start)},
            )


#: Wording that says shares split one whole between them. Not "respectively", which gives
#: each share to a whole of its own ("pass rates in maths and science were 81% and 76%
#: respectively").
_SPLIT_WORDS = "split|remaining|the rest|comprising|divided|breakdown|broken down"
_PARTITION = re.compile(rf"\b(?:{_SPLIT_WORDS}|of whom|of which)\b", re.IGNORECASE)
#: Wording that splits a whole it need not name: for shares of nothing named, whose whole
#: the sentence gives only by splitting it ("of which" may open a clause about something
#: else: "the evaluation of which found that 93% ... and 79% ...").
_SPLIT = re.compile(rf"\b(?:{_SPLIT_WORDS})\b", re.IGNORECASE)


def parts_and_wholes(claim, evidence=(), context=None):
    """A part larger than its whole ("500 of the 300 staff"), and shares of one whole that
    add up to more than 100% where the wording splits the whole."""
    for part, whole in parts_of_wholes(claim.quantities):
        if part.low > whole.high:
            yield Finding(
                "part-exceeds-whole", "high",
                f"{part.text} of {quantity_phrase(whole)} is more than the whole.",
                Span.of_claim(claim), (), {"part": part.text, "whole": whole.text, "pair": str(part.start)})
    yield from _exclusive_shares(claim)
    if not _PARTITION.search(claim.text):
        return
    # shares of one named whole given as a list ("55%, 35% and 25% of respondents"), or
    # shares of nothing named, which the wording splits ("split between staff (60%),
    # equipment (30%) and travel (25%)"), in a sentence of one moment (not "from a 46% /
    # 54% split in 1995 to a 20% / 80% split in 2007"); not a change ("rose by 5%") nor a
    # rate
    unnamed = bool(_SPLIT.search(claim.text)) and sum(q.kind == "year" for q in claim.quantities) <= 1
    shares = [q for q in claim.quantities
              if q.kind == "percent" and q.unit == "%" and q.role not in CHANGE_ROLES
              and "rate" not in q.scope and ("series" in q.scope if q.head else unnamed)]
    by_whole = {}
    for q in shares:
        by_whole.setdefault(q.head, []).append(q)
    for head, group in by_whole.items():
        total = sum(q.value for q in group)
        if len(group) >= 2 and total > 100.5:
            whole = f"the {head}s" if head else "the whole split"
            yield Finding(
                "shares-over-100", "medium",
                f"Shares of {whole} add up to {total:g}%: {', '.join(q.text for q in group)}.",
                Span.of_claim(claim), (), {"shares": [q.text for q in group], "total": total,
                                   "pair": str(group[0].start)})


#: Groups no one belongs to two of: their shares of one whole add up to at most 100%.
_EXCLUSIVE = (frozenset({"female", "male"}), frozenset({"woman", "man"}),
              frozenset({"girl", "boy"}), frozenset({"full-time", "part-time"}),
              frozenset({"urban", "rural"}))
def _group(claim, q):
    """The group a share is the share of when the share names only it, as written: the
    parser's one-word noun ("62% female", "55% women") or the word after a be-verb ("62%
    were female"); "" otherwise (not for "62% of girls", a share of the girls)."""
    if q.kind != "percent" or q.unit != "%" or q.role or any(s.startswith("of:") for s in q.scope):
        return ""
    at = q.end - claim.start
    end = noun_end(claim.text, at, q.noun) if q.noun and " " not in q.noun else None
    if end is not None and PHRASE_END.match(claim.text, end):
        return q.noun
    return category(claim.text, at)


def _exclusive_shares(claim):
    """Shares of groups no one belongs to two of, in a sentence of one moment, that add up
    to more than 100%: "Respondents were 62% female and 48% male"."""
    if sum(q.kind == "year" for q in claim.quantities) > 1:
        return  # "62% female in 2010 and 48% male in 2020": two wholes
    shares = [(q, _group(claim, q)) for q in claim.quantities]
    for groups in _EXCLUSIVE:
        found = {}
        for q, group in shares:
            if singular(group.lower()) in groups:
                found.setdefault(singular(group.lower()), (group, q))
        total = sum(q.value for _, q in found.values())
        if len(found) == len(groups) and total > 100.5:
            given = sorted(found.values(), key=lambda item: item[1].start)
            yield Finding(
                "shares-over-100", "medium",
                f"Shares of groups no one belongs to both of add up to {total:g}%: "
                f"{', '.join(f'{q.text} {group}' for group, q in given)}.",
                Span.of_claim(claim), (), {"shares": [q.text for _, q in given], "total": total,
                                           "pair": str(given[0][1].start)})
