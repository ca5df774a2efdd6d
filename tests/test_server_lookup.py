"""The web page's lookup of a claim that cites a source: a real server on 127.0.0.1,
over the statements and papers of tests/data/cited, spoken to over HTTP."""

import re
import threading
from pathlib import Path
from urllib.parse import urlencode

import pytest

from claimcheck.httpd import make_server
from claimcheck.io.documents import load_document
from claimcheck.retrieve.build import build_index
from claimcheck.server import App
from tests.test_server import request

DATA = Path(__file__).parent / "data" / "cited"


@pytest.fixture
def port(fake_embedder):
    """A server over both statements and the two .txt papers (the fake model is enough:
    what is checked is which passages come first and how they are labelled)."""
    docs = [load_document(p) for p in sorted((DATA / "statements").iterdir())]
    docs += [load_document(p) for p in sorted((DATA / "papers").iterdir())]
    srv = make_server(App(docs, build_index(docs, fake_embedder), fake_embedder), port=0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()
    thread.join(10)


def _hits(page):
    """(label, document) of each passage shown, in order; label "" when not cited."""
    return [(m.group(1) or "", m.group(2).rsplit("/", 1)[-1]) for m in re.finditer(
        r"<div class='hit [^']*'>(?:<span class='cited'[^>]*>cited ([^<]*)</span> )?"
        r"<span class='verdict [^']*'>[^<]*</span> <span class='meta'>[^·]*· ([^ ]+) ", page)]


def lookup(port, **query):
    status, page = request(port, "GET", "/lookup?" + urlencode(query))
    assert status == 200
    return page


def test_the_cited_source_s_passages_come_first_labelled(port):
    page = lookup(port, q="The checklist was evaluated in 12 hospitals [R1].")
    hits = _hits(page)
    cited = [h for h in hits if h[0]]
    assert cited and hits[:len(cited)] == cited
    assert set(cited) == {("[R1]", "safedose-trial.txt")}
    assert len(hits) > len(cited)  # the rest of the corpus follows
    # the one document that lists [R1] gives it its meaning, and the page says so
    assert "References read as those of" in page and "ward-safety.txt" in page
    assert "[R1] is " in page and "found by doi" in page


def test_a_marker_two_documents_list_needs_the_document_named(port):
    page = lookup(port, q="It was adopted in 2018 by 40 trusts [S1].")
    assert "2 corpus documents list S1: pick one." in page and not any(label for label, _ in _hits(page))
    statements = sorted(str(p) for p in (DATA / "statements").iterdir())
    page = lookup(port, q="The trial enrolled 1,420 patients [1].", doc=next(s for s in statements
                                                                             if "pharmacy" in s))
    assert {h for h in _hits(page) if h[0]} == {("[1]", "safedose-trial.txt")}  # by title, Vancouver style
    assert "selected>" in page  # the form keeps the document chosen


def test_the_lookup_form_offers_the_documents_with_reference_lists(port):
    status, page = request(port, "GET", "/")
    assert status == 200
    options = re.findall(r"<select id='cites' name='doc'>(.*?)</select>", page)[0]
    assert "ward-safety.txt" in options and "pharmacy-checks.txt" in options
    assert "safedose-trial.txt" not in options  # a paper lists no references


def test_an_unknown_document_is_said_so(port):
    page = lookup(port, q="It enrolled 1,240 patients [R1].", doc="nowhere.txt")
    assert "No corpus document nowhere.txt." in page and not any(label for label, _ in _hits(page))


def test_a_marker_no_list_gives_is_said_so(port):
    statements = sorted(str(p) for p in (DATA / "statements").iterdir())
    page = lookup(port, q="It enrolled 1,240 patients [R7].")
    assert "[R7]: pick the document the claim is from" in page
    page = lookup(port, q="It enrolled 1,240 patients [R7].", doc=statements[1])
    assert f"[R7]: {statements[1]} lists no reference [R7]." in page
