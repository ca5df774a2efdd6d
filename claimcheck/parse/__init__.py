"""Parsing: sentences, numbers, quantities, what is counted and where, changes, lists,
references, and the claims that hold them."""
