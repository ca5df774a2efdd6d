"""`claimcheck serve`: a local web page over one corpus, with the standard library only.

GET /            the page: paste a statement or pick a corpus document; look a claim up
POST /audit      the statement's findings, highlighted in its text (the HTML report)
GET /lookup?q=   the passages nearest a claim, numbers marked, each with a verdict

It listens on 127.0.0.1 by default and serves one request at a time through the model
(a lock), so a second browser tab waits rather than doubling the memory.
"""

import html
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from claimcheck import config
from claimcheck.claims import extract_claims
from claimcheck.documents import make_document
from claimcheck.errors import ClaimcheckError
from claimcheck.html_report import CSS, render_html
from claimcheck.pipeline import DocumentClaims, audit_claims, lookup
from claimcheck.report import mark_spans

_e = html.escape

PAGE_CSS = CSS + """
textarea,input[type=search]{width:100%;font:inherit;padding:.4rem;border:1px solid #b9c0c8;border-radius:4px}
button{font:inherit;padding:.35rem 1rem;margin-top:.5rem;cursor:pointer}
select{font:inherit;max-width:100%}
.verdict{font-weight:700;text-transform:uppercase;font-size:.8rem}
.verdict.conflicts{color:#a93226}.verdict.agrees{color:#1e7b3c}.verdict.unrelated{color:#58616b}
.hit{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:.6rem .9rem;margin:.7rem 0}
.hit mark{background:#fbdcaa}.error{color:#a93226;font-weight:600}
nav{font-size:.9rem;margin-bottom:.3rem}
"""


class App:
    """What the pages need: the corpus, its index, the model and the checks' context."""

    def __init__(self, documents, index, embedder, context=None, k=config.DEFAULT_TOP_K):
        self.documents = {d.id: d for d in documents}
        self.index, self.embedder, self.context, self.k = index, embedder, context, k
        self.claims_of = DocumentClaims(documents)
        self.lock = threading.Lock()

    def home(self, text="", query="", message=""):
        options = "".join(f"<option value='{_e(d)}'>{_e(d)}</option>" for d in self.documents)
        error = f"<p class='error'>{_e(message)}</p>" if message else ""
        return _page("claimcheck", f"""
<section class='doc'><h2>Audit a statement</h2>{error}
<form method='post' action='/audit'>
<label for='text'>Paste a statement:</label>
<textarea id='text' name='text' rows='12'>{_e(text)}</textarea>
<p><label for='doc'>or pick a corpus document:</label>
<select id='doc' name='doc'><option value=''>(the text above)</option>{options}</select></p>
<button type='submit' id='audit'>Audit</button></form></section>
{self._lookup_form(query)}""", self._about())

    def _about(self):
        return (f"Corpus: {len(self.documents)} documents, {len(self.index)} passages; "
                f"model {self.embedder.name}.")

    @staticmethod
    def _lookup_form(query):
        return (f"<section class='doc'><h2>Look a claim up</h2><form method='get' action='/lookup'>"
                f"<label for='q'>A claim:</label>"
                f"<input type='search' id='q' name='q' value='{_e(query)}'>"
                f"<button type='submit' id='lookup'>Look up</button></form></section>")

    def audit(self, text, doc_id):
        if doc_id:
            if doc_id not in self.documents:
                return HTTPStatus.NOT_FOUND, self.home(text, message=f"No corpus document {doc_id}.")
            doc = self.documents[doc_id]
        elif text.strip():
            doc = make_document("pasted statement", text)
        else:
            return HTTPStatus.BAD_REQUEST, self.home(message="Paste a statement or pick a document.")
        claims = extract_claims(doc)
        with self.lock:
            findings = audit_claims([doc], claims, self.embedder, self.index, k=self.k,
                                    context=self.context, state={"claims_of": self.claims_of})
        summary = [f"{len(claims)} claims in {doc.id}, checked against itself and the corpus. "
                   + self._about()]
        page = render_html(findings, f"claimcheck: {doc.id}", summary, [doc],
                           nav="<nav><a href='/'>&larr; audit another</a></nav>")
        return HTTPStatus.OK, page

    def lookup(self, query):
        if not query.strip():
            return HTTPStatus.OK, self.home()
        with self.lock:
            hits = lookup(query, self.index, self.embedder, k=5)
        rows = "".join(
            f"<div class='hit {h.verdict}'><span class='verdict {h.verdict}'>{h.verdict}</span> "
            f"<span class='meta'>{h.score:.3f} · {_e(h.passage.doc)} "
            f"[{h.passage.start}-{h.passage.end}] · {_e(h.reason)}</span>"
            f"<p>{mark_spans(h.passage.text, h.quantities, _mark, _e)}</p></div>"
            for h in hits
        )
        return HTTPStatus.OK, _page("claimcheck lookup", self._lookup_form(query)
                                    + f"<section id='hits'>{rows}</section>", self._about(),
                                    nav="<nav><a href='/'>&larr; home</a></nav>")


def _mark(text):
    return f"<mark>{_e(text)}</mark>"


def _page(title, body, about, nav=""):
    return (f"<!doctype html>\n<html lang='en'><head><meta charset='utf-8'><title>{_e(title)}</title>"
            f"<style>{PAGE_CSS}</style></head><body><header>{nav}<h1>{_e(title)}</h1>"
            f"<p class='meta'>{_e(about)}</p></header><main>{body}</main></body></html>\n")


def make_handler(app, quiet=False):
    limit = int(config.MAX_DOCUMENT_MB * 1_000_000)

    class Handler(BaseHTTPRequestHandler):
        server_version = "claimcheck"

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path == "/":
                self._send(HTTPStatus.OK, app.home())
            elif url.path == "/lookup":
                self._send(*app.lookup(parse_qs(url.query).get("q", [""])[0]))
            else:
                self._send(HTTPStatus.NOT_FOUND, _page("Not found", "", "No such page."))

        def do_POST(self):
            if urlsplit(self.path).path != "/audit":
                return self._send(HTTPStatus.NOT_FOUND, _page("Not found", "", "No such page."))
            length = int(self.headers.get("Content-Length") or 0)
            if length > limit:
                return self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                                  app.home(message=f"The statement is over {config.MAX_DOCUMENT_MB:g} MB."))
            form = parse_qs(self.rfile.read(length).decode("utf-8", "replace"))
            self._send(*app.audit(form.get("text", [""])[0], form.get("doc", [""])[0]))

        def _send(self, status, page):
            body = page.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def handle_one_request(self):
            try:
                super().handle_one_request()
            except ClaimcheckError as err:
                self._send(HTTPStatus.BAD_REQUEST, app.home(message=str(err)))

        def log_message(self, fmt, *args):
            if not quiet:
                sys.stderr.write(f"claimcheck: {self.command} {self.path.split('?')[0]} "
                                 f"{args[1] if len(args) > 1 else ''}\n")

    return Handler


def make_server(app, host="127.0.0.1", port=8765, quiet=False):
    """A server bound to host:port (0 picks a free port); call serve_forever() on it."""
    return ThreadingHTTPServer((host, port), make_handler(app, quiet))
