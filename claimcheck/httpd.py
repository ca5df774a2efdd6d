"""The HTTP side of `claimcheck serve`: a request handler that answers only the server's
own host names and same-origin posts, reads bodies within their limits and time, and
answers every failure in one line; a server with a bounded pool of worker threads."""

import io
import ipaddress
import json
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

from claimcheck.errors import ClaimcheckError, InputError
from claimcheck.server import (
    _HTML, _JOB_TOKEN, _STATEMENT_TOO_LARGE, MAX_FILES, MAX_STATEMENT_MB, MAX_UPLOAD_MB, _e,
    _files_too_large, _page,
)
from claimcheck.webform import form_boundary, parse_form


#: Seconds a request may take to arrive whole, and a socket may wait for one read or write.
REQUEST_SECONDS = 30.0
SOCKET_SECONDS = 10.0
#: Threads that read requests, and connections that may wait for one of them.
WORKERS = 8
LISTEN_QUEUE = 128
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


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


def _content_length(value, limit, too_large):
    """The body's length from a Content-Length header, refused unless a plain number no
    more than `limit` (`too_large` says why, when it is more)."""
    if value is None:
        return 0
    if not re.fullmatch(r"[0-9]{1,18}", value.strip()):
        raise _Refused(HTTPStatus.BAD_REQUEST, f"bad Content-Length {value[:40]!r}")
    length = int(value)
    if length > limit:
        raise _Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, too_large)
    return length


def make_handler(app, quiet=False, hosts=None, any_address=False):
    """The request handler: `hosts` are the Host headers it answers (None: any);
    `any_address` also lets through a Host that is an IP address (a server bound to all
    interfaces, reached by its address)."""
    statement_limit = int(MAX_STATEMENT_MB * 1_000_000)
    upload_limit = int(MAX_UPLOAD_MB * 1_000_000)
    result_path = re.compile(r"/result/([A-Za-z0-9_-]{1,40})")
    download_path = re.compile(r"/download/([A-Za-z0-9_-]{1,40})\.([a-z]{1,8})")

    class Handler(BaseHTTPRequestHandler):
        server_version = "claimcheck"
        timeout = SOCKET_SECONDS

        def setup(self):
            super().setup()
            self.rfile = io.BufferedReader(_Deadline(self.connection, REQUEST_SECONDS))

        def do_GET(self):
            self._check_host()
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            if url.path == "/":
                self._send(HTTPStatus.OK, app.home())
            elif url.path == "/lookup":
                self._send(*app.lookup(query.get("q", [""])[0], query.get("doc", [""])[0]))
            elif url.path == "/progress":
                token = query.get("job", [""])[0]
                state = app.job(token) if _JOB_TOKEN.fullmatch(token) else {"state": "unknown"}
                self._send(HTTPStatus.OK, json.dumps(state), "application/json")
            elif match := result_path.fullmatch(url.path):
                self._send(*app.result(match.group(1)))
            elif match := download_path.fullmatch(url.path):
                status, body, kind, filename = app.download(*match.groups())
                headers = {"Content-Disposition": f'attachment; filename="{filename}"'} if filename else {}
                self._send(status, body, kind, headers)
            else:
                self._send(HTTPStatus.NOT_FOUND, _page("Not found", "", "No such page."))

        def do_POST(self):
            self._check_host()
            self._check_origin()
            if urlsplit(self.path).path != "/audit":
                return self._send(HTTPStatus.NOT_FOUND, _page("Not found", "", "No such page."))
            if self.headers.get("Transfer-Encoding"):
                raise _Refused(HTTPStatus.LENGTH_REQUIRED, "send the form with a Content-Length")
            try:
                boundary = form_boundary(self.headers.get("Content-Type"))
            except InputError as err:
                raise _Refused(HTTPStatus.BAD_REQUEST, str(err)) from None
            limit, too_large = ((upload_limit, _files_too_large()) if boundary
                                else (statement_limit, _STATEMENT_TOO_LARGE))
            length = _content_length(self.headers.get("Content-Length"), limit, too_large)
            try:
                body = self.rfile.read(length)
            except TimeoutError:
                raise _Refused(HTTPStatus.REQUEST_TIMEOUT, "the statement took too long to arrive") from None
            if len(body) < length:
                raise _Refused(HTTPStatus.BAD_REQUEST, "the request ended before its Content-Length")
            self.connection.settimeout(SOCKET_SECONDS)
            if boundary:
                form, files = parse_form(boundary, body)
            else:
                form, files = parse_qs(body.decode("utf-8", "replace")), []
            del body
            text = form.get("text", [""])[0]
            if len(text.encode("utf-8")) > statement_limit:
                raise _Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, _STATEMENT_TOO_LARGE)
            if len(files) > MAX_FILES:
                raise _Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                               f"{len(files)} files are more than {MAX_FILES} at once; upload fewer.")
            token = form.get("job", [""])[0]
            self._send(*app.audit(text, form.get("doc", [""])[0], files,
                                  token if _JOB_TOKEN.fullmatch(token) else ""))

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

        def _send(self, status, page, kind=_HTML, headers=None):
            """Answer with `page` (text, sent as UTF-8) of type `kind`, with `headers` too."""
            self._answered = True
            body = page.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
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
