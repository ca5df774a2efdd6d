"""Parsing: sentences, numbers, quantities, what is counted and where, changes, lists,
references, and the claims that hold them."""


def forget_texts():
    """Empty what the parser keeps of the last texts it read (lookups made once per text
    and reused for each of its figures), so that the next parse of any text starts
    cold: for timing one text more than once."""
    from claimcheck.parse import openings, relations, scope

    openings.forget()
    scope.forget()
    relations.forget()
