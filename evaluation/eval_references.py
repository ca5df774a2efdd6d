"""How many REF2014 reference entries carry DOIs and titles, and how many claimcheck's
reference resolution (claimcheck.retrieve.sources) finds again in a corpus built of their own
titles (docs/cited-sources.md).

For each unit of assessment, every entry of the lists of references and sources is
read as claimcheck reads it. A stand-in "paper" is then made for each entry from what the
entry itself gives: its title (as sources.entry_title reads it), first author and year
on the first lines, and in a second corpus its DOI alone. Every entry is resolved
against all the stand-ins of its unit (so entries of other case studies, and papers cited
twice, compete), and counted as found (the stand-in it came from, or one with the same
title or DOI), found wrongly (another paper) or not found. No paper's real text is read:
the case studies are all the data there is.

    .venv/bin/python -m evaluation.eval_references --units 06 08 16 20 27 36
"""

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from claimcheck import iter_documents, make_document
from claimcheck.parse.references import doi_problem
from claimcheck.retrieve.sources import describe, entry_title, first_author, list_entries, resolve_entry, words
from evaluation import DATA



def stand_in(i, entry, given="title"):
    """A paper's first lines made from an entry: title, first author and year; or the
    first author and year alone; or the DOI alone."""
    title = entry_title(entry.text)
    author = first_author(entry.text).title()
    lines = {"title": [title, f"{author}, A.", str(entry.year or "")],
             "author-year": ["Report", f"{author}, A.", str(entry.year or "")],
             "doi": ["Untitled", "Anon", "doi:" + (entry.dois[0][0] if entry.dois else "")]}[given]
    return make_document(f"paper-{i}", "\n".join(lines) + "\n")


def unit(path):
    entries = [(doc.id, name, e) for doc in iter_documents([str(path)]) for name, e in list_entries(doc)]
    counts = Counter()
    for _, name, e in entries:
        counts[f"{name}: entries"] += 1
        counts[f"{name}: with a DOI"] += bool(e.dois)
        counts[f"{name}: with a well-formed DOI"] += any(not doi_problem(d) for d, _, _ in e.dois)
        counts[f"{name}: with a title read"] += len(words(entry_title(e.text))) >= 4
        counts[f"{name}: with first author and year"] += bool(first_author(e.text) and e.year)
    titled = [(i, e) for i, (_, _, e) in enumerate(entries) if len(words(entry_title(e.text))) >= 4]
    by_title = [describe(stand_in(i, e)) for i, e in titled]
    key = {f"paper-{i}": tuple(words(entry_title(e.text))) for i, e in titled}
    for i, e in titled:
        name = entries[i][1]
        found, how = resolve_entry(_without_dois(e), by_title)
        counts[f"{name}: title stand-ins, found"] += found is not None and key[found] == key[f"paper-{i}"]
        counts[f"{name}: title stand-ins, wrong"] += found is not None and key[found] != key[f"paper-{i}"]
        counts[f"{name}: title stand-ins, by {how}"] += 1
    dated = [(i, e) for i, (_, _, e) in enumerate(entries) if first_author(e.text) and e.year]
    by_author = [describe(stand_in(i, e, "author-year")) for i, e in dated]
    who = {f"paper-{i}": (first_author(e.text), e.year) for i, e in dated}
    for i, e in dated:
        name = entries[i][1]
        found, how = resolve_entry(_without_dois(e), by_author)
        counts[f"{name}: author-year stand-ins, found"] += found == f"paper-{i}" or (
            found is not None and how == "author-year" and who[found] == who[f"paper-{i}"]
            and key.get(found) == key.get(f"paper-{i}"))
        counts[f"{name}: author-year stand-ins, by {how}"] += 1
    with_doi = [(i, e) for i, (_, _, e) in enumerate(entries) if e.dois]
    by_doi = [describe(stand_in(i, e, "doi")) for i, e in with_doi]
    doi_of = {f"paper-{i}": e.dois[0][0].lower() for i, e in with_doi}
    for i, e in with_doi:
        name = entries[i][1]
        found, how = resolve_entry(e, by_doi)
        counts[f"{name}: DOI stand-ins, found"] += found is not None and doi_of[found] in {
            d.lower() for d, _, _ in e.dois}
    return counts, len({doc for doc, _, _ in entries})


def _without_dois(entry):
    from dataclasses import replace

    return replace(entry, dois=())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", nargs="+", default=["06", "08", "16", "20", "27", "36"])
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    total, docs = Counter(), 0
    for u in args.units:
        counts, n = unit(DATA / f"uoa{u}.jsonl.gz")
        total.update(counts)
        docs += n
    print(f"{docs} case studies with lists, units {', '.join(args.units)}")
    for k in sorted(total):
        print(f"{k:50} {total[k]}")
    if args.out:
        Path(args.out).write_text(json.dumps({"units": args.units, "documents": docs, "counts": total}, indent=1))


if __name__ == "__main__":
    main()
