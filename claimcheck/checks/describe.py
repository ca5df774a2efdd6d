"""Words for messages: quantities as written and where they stand."""

_SECTION_NAMES = {
    "summary": "the summary",
    "research": "the underpinning research",
    "details": "the details of the impact",
    "references": "the references",
    "sources": "the sources",
}


#: How a rate's period reads after its figure ("per:year" -> "a year").
_PERIODS = {"year": "a year", "month": "a month", "week": "a week", "day": "a day", "hour": "an hour"}


def quantity_phrase(q):
    """A quantity as the document writes it, with what it counts and, for a rate, what it
    is per: "19 different hospitals", "$3000 savings per patient", "2,500 visitors a week"."""
    phrase = q.text
    if q.noun and not q.text.endswith(q.noun):
        sep = "" if q.noun.startswith("-") else " "
        if q.kind == "percent" and not q.text[-1:].isdigit():
            sep = " of "  # "41% of teachers", "one quarter of teachers"
        phrase = f"{q.text}{sep}{q.noun}"
    per = rate_phrase(q)
    return f"{phrase} {per}" if per and per not in phrase else phrase


def rate_phrase(q):
    """What a rate is per, as the parser read it: "per patient", "a year"; "(a rate)"
    when it did not name what ("2.5 t/ha"); "" for a figure that is no rate."""
    if "rate" not in q.scope:
        return ""
    period = q.period
    if not period:
        return "(a rate)"
    return _PERIODS.get(period, f"per {period}")


def place(claim, other=None):
    """Where a claim stands, for a message: "the summary", or the document's name."""
    if other is not None and claim.doc != other.doc:
        return claim.doc.rsplit("/", 1)[-1]
    if claim.section in _SECTION_NAMES:
        return _SECTION_NAMES[claim.section]
    if claim.section:
        return f'the section "{claim.section}"'
    return "one sentence"


def currency_symbol(currency):
    """How an amount in `currency` opens: "£", "$", "€", or the code and a space ("JPY ")."""
    return {"GBP": "£", "USD": "$", "EUR": "€"}.get(currency, currency + " ")


def money(value, currency="GBP"):
    symbol = currency_symbol(currency)
    if value >= 1e9:
        return f"{symbol}{value / 1e9:.3g}bn"
    if value >= 1e6:
        return f"{symbol}{value / 1e6:.3g}m"
    return f"{symbol}{value:,.0f}"


def says(where, opening=False):
    """ "the summary says", "the details of the impact say"; as the `opening` of a
    sentence "The summary says", but a document's name as it is written."""
    plural = where.startswith(("the details", "the references", "the sources"))
    if opening and where.startswith(("the ", "one ")):
        where = where[0].upper() + where[1:]
    return f"{where} {'say' if plural else 'says'}"
