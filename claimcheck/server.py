"""`claimcheck serve`: a local web page over one corpus, with the standard library only.

GET /            the page: paste a statement or pick a corpus document; look a claim up
POST /audit      the statement's findings, highlighted in its text (the HTML report)
GET /lookup?q=   the passages nearest a claim, numbers marked, each with a verdict (first
                 those of the sources it cites; &doc= the corpus document it is from)

It listens on 127.0.0.1 by default and serves one request at a time through the model
(a lock), so a second browser tab waits rather than doubling the memory. Requests are
read by a fixed pool of worker threads; connections beyond them wait in the listen
queue. Only requests addressed to the server's own host names are answered (a web page
elsewhere cannot reach it through DNS rebinding), a form posted from another origin is
refused, and every request has a time limit for its reading and its socket.
"""

import html
import io
import ipaddress
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

from claimcheck import config
from claimcheck.claims import extract_claims
from claimcheck.documents import make_document
from claimcheck.errors import ClaimcheckError
from claimcheck.html_report import CSS, render_html
from claimcheck.pipeline import Citations, DocumentClaims, audit_claims, lookup
from claimcheck.references import citation_markers
from claimcheck.report import mark_spans
from claimcheck.sources import list_entries, written

_e = html.escape

#: The longest statement the page audits: a case study is about 30 KB of text.
MAX_STATEMENT_MB = 1.0
#: Seconds a request may take to arrive whole, and a socket may wait for one read or write.
REQUEST_SECONDS = 30.0
SOCKET_SECONDS = 10.0
#: Threads that read requests, and connections that may wait for one of them.
WORKERS = 8
LISTEN_QUEUE = 128
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

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
        self.citations = None  # what looked-up claims cite (pipeline.Citations), made on first use
        self._lists = None

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

    def _lookup_form(self, query, doc=""):
        listing = self._listing()
        choice = ""
        if listing:
            options = "".join(f"<option value='{_e(d)}'{' selected' if d == doc else ''}>{_e(d)}</option>"
                              for d in listing)
            choice = (f"<p><label for='cites'>Its references ([R1], [3]) are those of:</label> "
                      f"<select id='cites' name='doc'><option value=''>(the one document that lists "
                      f"them)</option>{options}</select></p>")
        return (f"<section class='doc'><h2>Look a claim up</h2><form method='get' action='/lookup'>"
                f"<label for='q'>A claim:</label>"
                f"<input type='search' id='q' name='q' value='{_e(query)}'>{choice}"
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

    def _listing(self):
        """The corpus documents with a list of references or sources, found once."""
        if self._lists is None:
            self._lists = {d.id: {e.label for _, e in list_entries(d)} for d in self.documents.values()}
            self._lists = {d: labels for d, labels in self._lists.items() if labels}
        return self._lists

    def _statement(self, query, doc_id):
        """(the corpus document whose lists give the query's markers their meaning, or
        None; a note saying which, or why none)."""
        if doc_id:
            if doc_id not in self.documents:
                return None, f"No corpus document {doc_id}."
            return self.documents[doc_id], ""
        labels = {label for m in citation_markers(query) for label in m.labels}
        if not labels:
            return None, ""
        listing = [d for d, have in self._listing().items() if labels <= have]
        if len(listing) == 1:
            return self.documents[listing[0]], f"References read as those of {listing[0]}."
        return None, (f"{len(listing)} corpus documents list {', '.join(sorted(labels))}: pick one."
                      if listing else "")

    def lookup(self, query, doc=""):
        if not query.strip():
            return HTTPStatus.OK, self.home()
        statement, note = self._statement(query, doc)
        with self.lock:
            if self.citations is None:
                self.citations = Citations(self.index, list(self.documents.values()))
            cited = self.citations(query, statement)
            hits = lookup(query, self.index, self.embedder, k=5, cited=cited)
        notes = [note] if note else []
        notes += [_citation_note(r) for r in cited]
        rows = "".join(_lookup_hit(h) for h in hits)
        about = "".join(f"<p class='meta cited-note'>{_e(n)}</p>" for n in notes)
        return HTTPStatus.OK, _page("claimcheck lookup", self._lookup_form(query, doc)
                                    + f"<section id='hits'>{about}{rows}</section>", self._about(),
                                    nav="<nav><a href='/'>&larr; home</a></nav>")


def _citation_note(r):
    """What became of one reference a looked-up claim cites."""
    if r.source:
        return f"{written(r)} is {r.source} (found by {r.by}): its passages come first."
    if r.entry:
        return f"{written(r)}: not found in the corpus."
    if r.doc != "<query>":
        return f"{written(r)}: {r.doc} lists no reference {written(r)}."
    return f"{written(r)}: pick the document the claim is from, to say what it cites."


def _lookup_hit(h):
    """One passage of a lookup, labelled when it is from a source the claim cites."""
    cited = ""
    if h.cited is not None:
        cited = (f"<span class='cited' style='font-weight:700;color:#1f4e79'>cited {_e(written(h.cited))}"
                 f"</span> ")
    return (f"<div class='hit {h.verdict}{' from-cited' if cited else ''}'>{cited}"
            f"<span class='verdict {h.verdict}'>{h.verdict}</span> "
            f"<span class='meta'>{h.score:.3f} · {_e(h.passage.doc)} "
            f"[{h.passage.start}-{h.passage.end}] · {_e(h.reason)}</span>"
            f"<p>{mark_spans(h.passage.text, h.quantities, _mark, _e)}</p></div>")


def _mark(text):
    return f"<mark>{_e(text)}</mark>"


def _page(title, body, about, nav=""):
    return (f"<!doctype html>\n<html lang='en'><head><meta charset='utf-8'><title>{_e(title)}</title>"
            f"<style>{PAGE_CSS}</style></head><body><header>{nav}<h1>{_e(title)}</h1>"
            f"<p class='meta'>{_e(about)}</p></header><main>{body}</main></body></html>\n")


class _Deadline(io.RawIOBase):
    """A socket read that gives up once a request has taken REQUEST_SECONDS in all, so a
    client sending a byte now and then cannot hold a worker for ever."""

    def __init__(self, sock, seconds):
        self.sock, self.deadline = sock, time.monotonic() + seconds

    def readable(self):
        return True

    def readinto(self, buffer):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took too long to arrive")
        self.sock.settimeout(min(left, SOCKET_SECONDS))
        return self.sock.recv_into(buffer)


class _Refused(Exception):
    """A request answered with an error status before it is read further."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def _host_names(host, port):
    """The Host headers the server answers: its loopback names and the host it is bound
    to, each alone or with its port."""
    names = set(_LOOPBACK_NAMES)
    names.add(f"[{host}]" if ":" in host else host.lower())
    return names | {f"{n}:{port}" for n in names}


def _is_address(host):
    """Whether a Host header names an IP address (no name a DNS answer can move)."""
    name = host[1:host.index("]")] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _content_length(value, limit):
    """The body's length from a Content-Length header, refused unless a plain number no
    more than `limit`."""
    if value is None:
        return 0
    if not re.fullmatch(r"[0-9]{1,18}", value.strip()):
        raise _Refused(HTTPStatus.BAD_REQUEST, f"bad Content-Length {value[:40]!r}")
    length = int(value)
    if length > limit:
        raise _Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                       f"The statement is over {MAX_STATEMENT_MB:g} MB.")
    return length


def make_handler(app, quiet=False, hosts=None, any_address=False):
    """The request handler: `hosts` are the Host headers it answers (None: any);
    `any_address` also lets through a Host that is an IP address (a server bound to all
    interfaces, reached by its address)."""
    limit = int(MAX_STATEMENT_MB * 1_000_000)

    class Handler(BaseHTTPRequestHandler):
        server_version = "claimcheck"
        timeout = SOCKET_SECONDS

        def setup(self):
            super().setup()
            self.rfile = io.BufferedReader(_Deadline(self.connection, REQUEST_SECONDS))

        def do_GET(self):
            self._check_host()
            url = urlsplit(self.path)
            if url.path == "/":
                self._send(HTTPStatus.OK, app.home())
            elif url.path == "/lookup":
                query = parse_qs(url.query)
                self._send(*app.lookup(query.get("q", [""])[0], query.get("doc", [""])[0]))
            else:
                self._send(HTTPStatus.NOT_FOUND, _page("Not found", "", "No such page."))

        def do_POST(self):
            self._check_host()
            self._check_origin()
            if urlsplit(self.path).path != "/audit":
                return self._send(HTTPStatus.NOT_FOUND, _page("Not found", "", "No such page."))
            if self.headers.get("Transfer-Encoding"):
                raise _Refused(HTTPStatus.LENGTH_REQUIRED, "send the form with a Content-Length")
            length = _content_length(self.headers.get("Content-Length"), limit)
            try:
                body = self.rfile.read(length)
            except TimeoutError:
                raise _Refused(HTTPStatus.REQUEST_TIMEOUT, "the statement took too long to arrive") from None
            if len(body) < length:
                raise _Refused(HTTPStatus.BAD_REQUEST, "the request ended before its Content-Length")
            self.connection.settimeout(SOCKET_SECONDS)
            form = parse_qs(body.decode("utf-8", "replace"))
            self._send(*app.audit(form.get("text", [""])[0], form.get("doc", [""])[0]))

        def _check_host(self):
            host = (self.headers.get("Host") or "").strip().lower()
            if hosts is None or not host or host in hosts or any_address and _is_address(host):
                return
            raise _Refused(HTTPStatus.FORBIDDEN, f"this server does not answer for host {host[:80]!r}")

        def _check_origin(self):
            origin = self.headers.get("Origin")
            if origin is None or hosts is None:
                return
            parts = urlsplit(origin.strip().lower())
            own = parts.scheme == "http" and (parts.netloc in hosts
                                              or any_address and _is_address(parts.netloc))
            if not own or parts.netloc != (self.headers.get("Host") or "").strip().lower():
                raise _Refused(HTTPStatus.FORBIDDEN, "a form from another site is refused")

        def _send(self, status, page):
            self._answered = True
            body = page.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _answer_error(self, status, message):
            """An error page with a one-line message, unless an answer has begun."""
            if self._answered:
                return
            page = _page(f"{status.value} {status.phrase}", f"<p class='error'>{_e(message)}</p>",
                         message)
            self.close_connection = True
            try:
                self._send(status, page)
            except OSError:
                pass  # the client has gone: nothing to tell it

        def handle_one_request(self):
            self._answered = False
            try:
                super().handle_one_request()
            except _Refused as err:
                self._note(f"refused ({err.status.value}): {err}")
                self._answer_error(err.status, str(err))
            except ClaimcheckError as err:
                if not self._answered:
                    self._send(HTTPStatus.BAD_REQUEST, app.home(message=str(err)))
            except (ConnectionError, TimeoutError) as err:
                self.close_connection = True  # the client went away or was too slow
                self._note(f"connection dropped: {type(err).__name__}")
                if isinstance(err, TimeoutError):
                    self._answer_error(HTTPStatus.REQUEST_TIMEOUT, "the request took too long")
            except Exception as err:  # noqa: BLE001 - one line, never a traceback to the client
                self._note(f"internal error: {type(err).__name__}: {str(err)[:200]}")
                self._answer_error(HTTPStatus.INTERNAL_SERVER_ERROR,
                                   f"internal error ({type(err).__name__}); see the server's log")

        def handle(self):
            try:
                super().handle()
            except (ConnectionError, TimeoutError):
                self.close_connection = True

        def finish(self):
            try:
                super().finish()
            except OSError:
                pass  # the client closed first

        def _note(self, message):
            if not quiet:
                sys.stderr.write(f"claimcheck: {message}\n")

        def log_request(self, code="-", size="-"):
            if not quiet:
                path = (getattr(self, "path", "") or "").split("?")[0]
                code = getattr(code, "value", code)
                sys.stderr.write(f"claimcheck: {getattr(self, 'command', '') or '-'} {path[:200]} {code}\n")

        def log_message(self, fmt, *args):
            self._note((fmt % args)[:300] if args else fmt[:300])

    return Handler


class Server(HTTPServer):
    """An HTTP server whose requests run on a fixed pool of WORKERS threads. When all are
    busy it stops accepting, and new connections wait in the listen queue."""

    request_queue_size = LISTEN_QUEUE
    allow_reuse_address = True

    def __init__(self, address, handler, workers=WORKERS):
        super().__init__(address, handler)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="claimcheck-serve")
        self.slots = threading.BoundedSemaphore(workers)

    def process_request(self, request, client_address):
        self.slots.acquire()
        try:
            self.pool.submit(self._work, request, client_address)
        except RuntimeError:  # the pool is shut down: the server is closing
            self.slots.release()
            self.shutdown_request(request)

    def _work(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception as err:  # noqa: BLE001 - a worker must outlive any request
            self.handle_error(request, client_address, err)
        finally:
            self.shutdown_request(request)
            self.slots.release()

    def handle_error(self, request, client_address, err=None):
        err = err or sys.exc_info()[1]
        if not isinstance(err, (ConnectionError, TimeoutError)):
            sys.stderr.write(f"claimcheck: request from {client_address[0]} failed: "
                             f"{type(err).__name__}: {str(err)[:200]}\n")

    def server_close(self):
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)


def make_server(app, host="127.0.0.1", port=8765, quiet=False, workers=WORKERS):
    """A server bound to host:port (0 picks a free port); call serve_forever() on it.
    It answers only for its loopback names and its host, alone or with its port."""
    server = Server((host, port), None, workers)
    server.RequestHandlerClass = make_handler(
        app, quiet, _host_names(host or "0.0.0.0", server.server_address[1]),
        any_address=host in ("", "0.0.0.0", "::"))
    return server
