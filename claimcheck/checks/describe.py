"""Words for messages: quantities as written and where they stand."""

_SECTION_NAMES = {
    "summary": "the summary",
    "research": "the underpinning research",
    "details": "the details of the impact",
    "references": "the references",
    "sources": "the sources",
}


def quantity_phrase(q):
    """A quantity as the document writes it, with what it counts: "19 different hospitals"."""
    if q.noun and not q.text.endswith(q.noun):
        sep = "" if q.noun.startswith("-") else " "
        if q.kind == "percent" and not q.text[-1:].isdigit():
            sep = " of "  # "41% of teachers", "one quarter of teachers"
        return f"{q.text}{sep}{q.noun}"
    return q.text


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
