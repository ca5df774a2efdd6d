"""Fuzz the quantity parser, the sentence splitter and the document loaders for a bounded
time: no exception may escape except the documented InputError.

    python benchmarks/fuzz.py --seconds 120

Inputs mix random text, random bytes and text built from the parser's own vocabulary
(currency signs, number words, qualifiers, brackets, years). Every crash it finds is
printed with its input; pin each one as a test in tests/.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.claims import extract_claims
from claimcheck.documents import load_documents, make_document
from claimcheck.errors import InputError
from claimcheck.quantities import parse_quantities
from claimcheck.statements import enumeration, list_of_parts, lists_below, parse_change
from claimcheck.sentences import split_sentences

PIECES = [
    "£", "$", "€", "GBP", "US$", "1,200", "14,931", "0.5", "3.", ".7", "12m", "4.5bn", "30k",
    "+", "%", " per cent", "thirty-one", "a dozen", "two hundred and", "half", "a third",
    "one in five", "out of", "over ", "more than ", "about ", "c. ", "nearly ", "up to ",
    "between ", " and ", " to ", "-", "–", "2012-14", "2013 - 2020", "(", ")", "[R1]", "[",
    "]", "doi:10.1111/j.1469", "fourfold", "doubled", "from ", " by ", "a factor of ",
    " countries", " practitioners", " of the ", " in 2014", "; ", ". ", ", ", "\n", "\r\n",
    "&#163;", "&amp;", "<p>", "</p>", "Dr. ", "e.g. ", " if ", " would ", "COVID-19",
    "p<0.05", "+44 (0)20 7679 2000", "five hubs (Leeds, Bristol)", ": A, B and C", "/year",
    " aims:\n", "\n• ", "\n- ", "\n1) ", "\n2. ", "\n(a) ", "\n(ii) ", "\n\n",
]

#: Examples per hypothesis run; runs repeat (with new random inputs) until time is up.
BATCH = 500

vocab_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=40).map("".join)
any_text = st.text(max_size=400) | vocab_text


def check_text(text):
    quantities = parse_quantities(text)
    for q in quantities:
        assert 0 <= q.start <= q.end <= len(text), (q, text)
        assert q.low <= q.high, q
        enumeration(text, q)
    list_of_parts(text, quantities)
    parse_change(text, quantities)
    for s, e in split_sentences(text):
        assert 0 <= s < e <= len(text)
    doc = make_document("fuzz", text)
    for claim in extract_claims(doc):
        assert doc.text[claim.start:claim.end] == claim.text
    for found in lists_below(doc.text, doc.sections):
        assert doc.text[found.start:found.end].endswith(":") and len(found.items) >= 2, found


def check_bytes(data, suffix, folder):
    path = Path(folder) / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        for doc in load_documents(path):
            extract_claims(doc)
    except InputError:
        pass  # the documented error for bad input


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    counts = {"text": 0, "files": 0}
    crashes = []
    deadline = time.monotonic() + args.seconds
    folder = tempfile.mkdtemp(prefix="claimcheck-fuzz-")

    @settings(max_examples=BATCH, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(any_text)
    def fuzz_text(text):
        counts["text"] += 1
        try:
            check_text(text)
        except Exception as err:  # noqa: BLE001 - collecting every crash is the point
            crashes.append(("text", repr(text)[:300], repr(err)[:300]))

    @settings(max_examples=BATCH, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=600) | vocab_text.map(lambda t: t.encode("utf-8", "replace")),
           st.sampled_from([".txt", ".md", ".jsonl", ".json", ".jsonl.gz"]))
    def fuzz_files(data, suffix):
        counts["files"] += 1
        try:
            check_bytes(data, suffix, folder)
        except Exception as err:  # noqa: BLE001
            crashes.append(("file" + suffix, repr(data)[:300], repr(err)[:300]))

    half = time.monotonic() + args.seconds / 2
    while time.monotonic() < half:
        fuzz_text()
    while time.monotonic() < deadline:
        fuzz_files()
    print(f"{counts['text']} texts and {counts['files']} files in {args.seconds:g} s; "
          f"{len(crashes)} crashes")
    for kind, data, err in crashes[:20]:
        print(f"- {kind}: {err}\n    input: {data}")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
